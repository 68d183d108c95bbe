/**
 * Bulk mode of the enterprise merge (a large load into a small table): the transaction is tuned
 * for volume, but nothing is dropped — every row goes in through the indexes and foreign keys
 * (dropping them locked regions and enterprises against every reader until commit: issue 10 item 5,
 * see import-locks.test.ts). Forced here on a small file: the catalogue never changes and the
 * indexes find the loaded rows.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client';
import { createEnterpriseStage, insertEnterpriseStageRows, type StagedEnterpriseRow } from '../../src/db/queries/enterprise-imports/enterprise-imports';
import { selectIndustryIndex } from '../../src/db/queries/imports/imports';
import { EnterpriseRowChecker } from '../../src/services/enterprise-imports/enterprise-rows';
import { fillSearchKeys, mergeStagedEnterprises } from '../../src/services/enterprise-imports/merge-enterprises';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../helpers/databases';
import { generatedRows, REGIONS, rows } from './helpers';

describe.each(DATABASE_KINDS)('bulk enterprise merge on %s', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await database?.close();
  });

  const catalogue = async (db: Db = database.db) => ({
    indexes: await rows(db, sql`select indexname, indexdef from pg_indexes where tablename = 'enterprises' order by indexname`),
    constraints: await rows(db, sql`select conname, pg_get_constraintdef(oid) as def, convalidated from pg_constraint where conrelid = 'enterprises'::regclass order by conname`),
  });

  it('leaves every index and foreign key in place, and the loaded rows are found through them', async () => {
    const before = await catalogue();
    expect(before.indexes.length).toBeGreaterThan(5);
    const checker = new EnterpriseRowChecker({
      regionCodes: new Set(REGIONS),
      industries: await selectIndustryIndex(database.db),
      defaultSource: '测试',
      defaultDate: '2024-01-01',
      today: '2026-01-01',
    });
    const staged: StagedEnterpriseRow[] = [];
    generatedRows(30, 7_000).forEach((cells, i) => {
      const r = checker.check(i + 2, cells);
      if (!r.ok) throw new Error(JSON.stringify(r.problems));
      staged.push(r.row);
    });
    await fillSearchKeys(staged);
    const { counts, during } = await database.db.transaction(async (tx) => {
      await createEnterpriseStage(tx, 'imp_bulk_test', 'transaction');
      await insertEnterpriseStageRows(tx, 'imp_bulk_test', staged);
      const merged = await mergeStagedEnterprises(tx, 'imp_bulk_test', { importJobId: null, actorId: null, bulk: 'auto', bulkMinRows: 1 });
      return { counts: merged, during: await catalogue(tx) };
    });
    expect(counts.created).toBe(30);
    // bulk mode ran (the table was analysed after the insert), and dropped nothing at any time
    expect(Object.keys(counts.stepSeconds)).toEqual(expect.arrayContaining(['insert', 'analyze']));
    expect(during).toEqual(before);
    expect(await catalogue()).toEqual(before);
    const first = staged[0] as StagedEnterpriseRow;
    const word = first.nameWords.split(' ')[0] as string;
    const found = await rows(database.db, sql`select credit_code from enterprises where search_words @@ to_tsquery('simple', ${word}) and credit_code = ${first.creditCode}`);
    expect(found).toHaveLength(1);
    // the foreign keys are back: an unknown region is refused
    await expect(database.db.execute(sql`insert into enterprises (name, region_code) values ('无地区', '000001')`)).rejects.toThrow();
  });
});
