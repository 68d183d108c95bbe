/**
 * Issue 10 item 5: an enterprise import — bulk mode included — must not hold any lock that makes
 * other users wait. While an import's transaction is open (a large load's mode forced on a small
 * file, the transaction paused after the merge), a second connection looks a session up (sessions,
 * users, regions), reads regions and searches enterprises with a short lock_timeout: a lock held
 * by the import shows up as a lock_timeout error instead of a wait, so no wall-clock timing is
 * involved. PostgreSQL only: PGlite has one connection, which the import holds anyway.
 *
 * The import also runs as the application's role (which owns nothing and so may not drop an
 * index or a foreign key: issue 10 item 3).
 */
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wrapPool, type Database } from '../../src/db/client';
import { createEnterpriseStage, insertEnterpriseStageRows, type StagedEnterpriseRow } from '../../src/db/queries/enterprise-imports/enterprise-imports';
import { selectIndustryIndex } from '../../src/db/queries/imports/imports';
import { selectSessionWithUser } from '../../src/db/queries/accounts/users';
import { EnterpriseRowChecker } from '../../src/services/enterprise-imports/enterprise-rows';
import { fillSearchKeys, mergeStagedEnterprises } from '../../src/services/enterprise-imports/merge-enterprises';
import { createTestDatabase, DATABASE_KINDS, type DatabaseRole, type TestDatabase } from '../helpers/databases';
import { generatedRows, REGIONS, rows } from './helpers';

const POSTGRES = DATABASE_KINDS.filter((k) => k === 'postgres');

async function stagedRows(database: TestDatabase, count: number, start: number): Promise<StagedEnterpriseRow[]> {
  const checker = new EnterpriseRowChecker({
    regionCodes: new Set(REGIONS),
    industries: await selectIndustryIndex(database.db),
    defaultSource: '测试',
    defaultDate: '2024-01-01',
    today: '2026-01-01',
  });
  const staged: StagedEnterpriseRow[] = [];
  generatedRows(count, start).forEach((cells, i) => {
    const r = checker.check(i + 2, cells);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    staged.push(r.row);
  });
  await fillSearchKeys(staged);
  return staged;
}

const CASES = POSTGRES.flatMap((k) => (['owner', 'app'] as DatabaseRole[]).map((role) => [k, role] as const));

describe.skipIf(CASES.length === 0).each(CASES.length > 0 ? CASES : [['postgres', 'owner'] as const])(
  'locks held by an open enterprise import on %s (as the %s role)',
  (kind, role) => {
    let database: TestDatabase;
    let other: Database;
    beforeAll(async () => {
      database = await createTestDatabase(kind, { role });
      // another user's connection: it gives up on any lock after 300 ms instead of waiting for the import
      other = wrapPool(new pg.Pool({ connectionString: database.url as string, max: 2, options: '-c lock_timeout=300' }), 'other');
      await stagedRows(database, 20, 100).then((staged) =>
        database.db.transaction(async (tx) => {
          await createEnterpriseStage(tx, 'imp_locks_seed', 'transaction');
          await insertEnterpriseStageRows(tx, 'imp_locks_seed', staged);
          await mergeStagedEnterprises(tx, 'imp_locks_seed', { importJobId: null, actorId: null, bulk: 'never' });
        }),
      );
    });
    afterAll(async () => {
      await other?.close();
      await database?.close();
    });

    it('a large load (bulk mode) leaves regions, sessions, users and enterprises readable until it commits', async () => {
      const staged = await stagedRows(database, 40, 5_000);
      const probes: Record<string, string> = {};
      const probe = async (name: string, run: () => Promise<unknown>) => {
        try {
          await run();
          probes[name] = 'ok';
        } catch (err) {
          // drizzle wraps the server's error ("canceling statement due to lock timeout") as its cause
          const cause = err instanceof Error && err.cause instanceof Error ? err.cause : err;
          probes[name] = cause instanceof Error ? cause.message : String(cause);
        }
      };
      const counts = await database.db.transaction(async (tx) => {
        await createEnterpriseStage(tx, 'imp_locks_test', 'transaction');
        await insertEnterpriseStageRows(tx, 'imp_locks_test', staged);
        // bulk mode forced: what a million-row file into a small table gets
        const merged = await mergeStagedEnterprises(tx, 'imp_locks_test', { importJobId: null, actorId: null, bulk: 'auto', bulkMinRows: 1 });
        // the import's transaction is still open: other users work meanwhile
        await probe('session lookup', () => selectSessionWithUser(other.db, 'no-such-session'));
        await probe('regions', () => other.db.execute(sql`select code, name, path from regions where code = '650109'`));
        await probe('enterprise search', () =>
          other.db.execute(sql`select id from enterprises where search_names like '%有限%' or search_words @@ to_tsquery('simple', '有限') limit 20`),
        );
        await probe('enterprise by region', () => other.db.execute(sql`select count(*) from enterprises where region_code = '650109'`));
        return merged;
      });
      expect(probes).toEqual({ 'session lookup': 'ok', regions: 'ok', 'enterprise search': 'ok', 'enterprise by region': 'ok' });
      expect(counts.created).toBe(40);
      // the rows went in through the indexes and foreign keys: found by the search index, an unknown region refused
      const first = staged[0] as StagedEnterpriseRow;
      const word = first.nameWords.split(' ')[0] as string;
      const found = await rows(database.db, sql`select credit_code from enterprises where search_words @@ to_tsquery('simple', ${word}) and credit_code = ${first.creditCode}`);
      expect(found).toHaveLength(1);
      await expect(database.db.execute(sql`insert into enterprises (name, region_code) values ('无地区', '000001')`)).rejects.toThrow();
    });
  },
);
