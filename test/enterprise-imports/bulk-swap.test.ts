/**
 * Issue 10 item 5: a bulk enterprise load on PostgreSQL goes into enterprises_bulk and is swapped in
 * at the end (src/db/queries/enterprise-imports/enterprise-bulk-swap.ts, migration 0018). While it runs, other users
 * read enterprises without meeting the import's rows (a second connection with a short lock_timeout
 * shows any lock as an error instead of a wait); afterwards enterprises has every index, constraint,
 * trigger, reference and grant it had before (a catalog fingerprint), the new rows are found through
 * the indexes, and the history names the import. A failed load leaves nothing. The swap waits for
 * nobody for long: a lock held elsewhere makes it try again. As the owner and as the application's
 * role (which owns nothing). PGlite loads through the indexes (one connection: nobody reads meanwhile).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wrapPool, type Database, type Db } from '../../src/db/client';
import { beginEnterpriseBulkSwap, BULK_TABLE, finishEnterpriseBulkSwap, validateEnterpriseReferences } from '../../src/db/queries/enterprise-imports/enterprise-bulk-swap';
import { createEnterpriseStage, insertEnterpriseStageRows, type StagedEnterpriseRow } from '../../src/db/queries/enterprise-imports/enterprise-imports';
import { claimNextImportJob } from '../../src/db/queries/enterprise-imports/import-jobs';
import { selectIndustryIndex } from '../../src/db/queries/imports/imports';
import { executeImportJob } from '../../src/jobs/enterprise-imports/import-jobs';
import { EnterpriseRowChecker } from '../../src/services/enterprise-imports/enterprise-rows';
import { fillSearchKeys, mergeStagedEnterprises } from '../../src/services/enterprise-imports/merge-enterprises';
import { createTestApp, type TestApp } from '../helpers/app';
import { DATABASE_KINDS, type DatabaseRole } from '../helpers/databases';
import { count, enterpriseCsv, generatedRows, REGIONS, rows } from './helpers';

/** the import the swap test's rows name (an import's id: a job's, or a workbook import's audit object id) */
const IMPORT_ID = '7d2c4f1e-5b6a-4c3d-9e8f-0a1b2c3d4e5f';
const POSTGRES = DATABASE_KINDS.filter((k) => k === 'postgres');
const CASES = POSTGRES.flatMap((k) => (['owner', 'app'] as DatabaseRole[]).map((role) => [k, role] as const));

/** What enterprises is made of, beside its rows: columns, indexes, constraints, references to it, triggers, grants. */
async function fingerprint(db: Db): Promise<string[]> {
  const r = await rows<{ line: string }>(
    db,
    sql`select kind || ' ' || name || ' ' || def as line from (
      select 'index' as kind, c.relname as name, regexp_replace(pg_get_indexdef(i.indexrelid), ' ON \S+ ', ' ON T ') as def
        from pg_index i join pg_class c on c.oid = i.indexrelid where i.indrelid = 'public.enterprises'::regclass
      union all select 'constraint', conname, pg_get_constraintdef(oid) from pg_constraint where conrelid = 'public.enterprises'::regclass
      union all select 'reference', conrelid::regclass::text || '.' || conname, pg_get_constraintdef(oid) || ' validated=' || convalidated
        from pg_constraint where confrelid = 'public.enterprises'::regclass
      union all select 'trigger', tgname, regexp_replace(pg_get_triggerdef(oid), ' ON \S+ ', ' ON T ')
        from pg_trigger where tgrelid = 'public.enterprises'::regclass and not tgisinternal
      union all select 'column', attname, format_type(atttypid, atttypmod) || ' notnull=' || attnotnull || ' ' || coalesce(pg_get_expr(d.adbin, d.adrelid), '')
        from pg_attribute a left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
        where a.attrelid = 'public.enterprises'::regclass and a.attnum > 0 and not a.attisdropped
      union all select 'grants', coalesce(array_to_string(relacl, ','), '-'), coalesce(array_to_string(reloptions, ','), '-')
        from pg_class where oid = 'public.enterprises'::regclass) f
    order by 1`,
  );
  return r.map((x) => x.line);
}

async function stagedRows(db: Db, cells: Record<string, string>[]): Promise<StagedEnterpriseRow[]> {
  const checker = new EnterpriseRowChecker({
    regionCodes: new Set(REGIONS),
    industries: await selectIndustryIndex(db),
    defaultSource: '测试',
    defaultDate: '2024-01-01',
    today: '2026-01-01',
  });
  const staged: StagedEnterpriseRow[] = [];
  cells.forEach((c, i) => {
    const r = checker.check(i + 2, c);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    staged.push(r.row);
  });
  await fillSearchKeys(staged);
  return staged;
}

/** The server's message of a failed statement (drizzle wraps it as the cause). */
function messageOf(err: unknown): string {
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause : err;
  return cause instanceof Error ? cause.message : String(cause);
}

describe.skipIf(CASES.length === 0).each(CASES.length > 0 ? CASES : [['postgres', 'owner'] as const])(
  'bulk enterprise load by swap on %s (as the %s role)',
  (kind, role) => {
    let t: TestApp;
    let dir: string;
    let other: Database;
    let before: string[];
    const seed = generatedRows(20, 100);

    beforeAll(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yinfeng-bulk-swap-'));
      t = await createTestApp(kind, { YINFENG_DATA_DIR: dir }, { databaseRole: role });
      await t.createAccount('swap_officer', ['officer'], '650109');
      // another user's connection: it gives up on any lock after 300 ms instead of waiting
      other = wrapPool(new pg.Pool({ connectionString: t.database.url as string, max: 2, options: '-c lock_timeout=300' }), 'other');
      const staged = await stagedRows(t.deps.db, seed);
      await t.deps.db.transaction(async (tx) => {
        await createEnterpriseStage(tx, 'imp_swap_seed', 'transaction');
        await insertEnterpriseStageRows(tx, 'imp_swap_seed', staged);
        await mergeStagedEnterprises(tx, 'imp_swap_seed', { importJobId: null, actorId: null, bulk: 'never' });
      });
      before = await fingerprint(t.deps.db);
    });
    afterAll(async () => {
      await other?.close();
      await t?.close();
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    it('other users read enterprises meanwhile without meeting the new rows; after the swap everything is as before, with the rows', async () => {
      // five stored enterprises with newer data, and 40 new ones
      const updates: Record<string, string>[] = seed.slice(0, 5).map((r) => ({ ...r, 企业名称: `${r['企业名称']}（更名）`, 数据日期: '2025-01-01' }));
      const fresh = generatedRows(40, 5_000);
      const staged = await stagedRows(t.deps.db, [...updates, ...fresh]);
      const probes: Record<string, string> = {};
      const probe = async (name: string, run: () => Promise<unknown>) => {
        try {
          const r = (await run()) as { rows?: unknown[] };
          probes[name] = `ok ${r.rows?.length ?? ''}`.trim();
        } catch (err) {
          probes[name] = messageOf(err);
        }
      };
      const fresh0 = fresh[0]?.['统一社会信用代码'] as string;
      const swapped = await t.deps.db.transaction(async (tx) => {
        await beginEnterpriseBulkSwap(tx);
        await createEnterpriseStage(tx, 'imp_swap_test', 'transaction');
        await insertEnterpriseStageRows(tx, 'imp_swap_test', staged);
        const merged = await mergeStagedEnterprises(tx, 'imp_swap_test', {
          importJobId: IMPORT_ID,
          actorId: null,
          bulk: 'never',
          swap: { table: BULK_TABLE },
        });
        expect(merged).toMatchObject({ created: 40, updated: 5 });
        // the import's transaction is open: others search and read, and meet none of its rows
        await probe('search', () => other.db.execute(sql`select id from enterprises where search_names like '%有限%' or search_words @@ to_tsquery('simple', '有限') limit 20`));
        await probe('new row', () => other.db.execute(sql`select id from enterprises where credit_code = ${fresh0}`));
        await probe('count', () => other.db.execute(sql`select count(*) from enterprises`));
        // writers wait for the load (SHARE lock): here a lock_timeout instead of a wait
        await probe('write', () => other.db.execute(sql`update enterprises set website = website where credit_code = ${seed[10]?.['统一社会信用代码'] as string}`));
        return finishEnterpriseBulkSwap(tx);
      });
      expect(probes).toEqual({ search: 'ok 20', 'new row': 'ok 0', count: 'ok 1', write: 'canceling statement due to lock timeout' });
      expect(swapped).toEqual({ attempts: 1 });

      // the references came back NOT VALID (every id is the same) and are checked after the commit
      const afterSwap = await fingerprint(t.deps.db);
      expect(afterSwap.filter((l) => l.startsWith('reference')).every((l) => l.endsWith('validated=false'))).toBe(true);
      expect(await validateEnterpriseReferences(t.deps.db)).toBe(before.filter((l) => l.startsWith('reference')).length);
      expect(await fingerprint(t.deps.db)).toEqual(before);
      expect(await rows(t.deps.db, sql`select to_regclass('public.enterprises_bulk') as t`)).toEqual([{ t: null }]);

      // every row is there, found through the indexes, the renamed ones under their new names
      expect(await count(t.deps.db, 'enterprises')).toBe(60);
      const first = staged[5] as StagedEnterpriseRow;
      const word = first.nameWords.split(' ')[0] as string;
      const viaIndexes = await t.deps.db.transaction(async (tx) => {
        await tx.execute(sql`set local enable_seqscan = off`);
        return {
          words: await rows(tx, sql`select credit_code from enterprises where search_words @@ to_tsquery('simple', ${word}) and credit_code = ${first.creditCode}`),
          trigram: await rows(tx, sql`select credit_code from enterprises where search_names like ${`%${first.name.slice(0, 4)}%`} and credit_code = ${first.creditCode}`),
          renamed: await rows(tx, sql`select name from enterprises where credit_code = ${updates[0]?.['统一社会信用代码'] as string}`),
        };
      });
      expect(viaIndexes.words).toHaveLength(1);
      expect(viaIndexes.trigram).toHaveLength(1);
      expect(viaIndexes.renamed).toEqual([{ name: `${seed[0]?.['企业名称']}（更名）` }]);
      // the new enterprises name their import in their own row; no history row is written for them
      expect(await count(t.deps.db, 'enterprises', sql`created_by_import = ${IMPORT_ID}::uuid`)).toBe(40);
      expect(await count(t.deps.db, 'enterprise_field_changes', sql`field = 'created'`)).toBe(0);
      expect(await count(t.deps.db, 'enterprise_field_changes', sql`field = 'name'`)).toBe(5);

      // the constraints hold: a unique credit code, an existing region, a reference to an existing enterprise
      await expect(t.deps.db.execute(sql`insert into enterprises (credit_code, name) values (${fresh0}, '重复')`)).rejects.toThrow();
      await expect(t.deps.db.execute(sql`insert into enterprises (name, region_code) values ('无地区', '000001')`)).rejects.toThrow();
      await expect(
        t.deps.db.execute(sql`insert into enterprise_field_changes (enterprise_id, field) values (gen_random_uuid(), 'name')`),
      ).rejects.toThrow();
    });

    it('a load that fails before its commit leaves enterprises as it was, and no side table', async () => {
      const n = await count(t.deps.db, 'enterprises');
      const staged = await stagedRows(t.deps.db, generatedRows(30, 8_000));
      await expect(
        t.deps.db.transaction(async (tx) => {
          await beginEnterpriseBulkSwap(tx);
          await createEnterpriseStage(tx, 'imp_swap_fail', 'transaction');
          await insertEnterpriseStageRows(tx, 'imp_swap_fail', staged);
          await mergeStagedEnterprises(tx, 'imp_swap_fail', { importJobId: null, actorId: null, bulk: 'never', swap: { table: BULK_TABLE } });
          await finishEnterpriseBulkSwap(tx);
          throw new Error('失败于提交之前');
        }),
      ).rejects.toThrow('失败于提交之前');
      expect(await count(t.deps.db, 'enterprises')).toBe(n);
      expect(await fingerprint(t.deps.db)).toEqual(before);
      expect(await rows(t.deps.db, sql`select to_regclass('public.enterprises_bulk') as t`)).toEqual([{ t: null }]);
    });

    it('the swap does not wait long for a lock held elsewhere: it undoes its attempt and tries again', async () => {
      const staged = await stagedRows(t.deps.db, generatedRows(10, 9_000));
      const client = new pg.Client({ connectionString: t.database.url as string });
      await client.connect();
      try {
        const result = await t.deps.db.transaction(async (tx) => {
          await beginEnterpriseBulkSwap(tx);
          await createEnterpriseStage(tx, 'imp_swap_wait', 'transaction');
          await insertEnterpriseStageRows(tx, 'imp_swap_wait', staged);
          await mergeStagedEnterprises(tx, 'imp_swap_wait', { importJobId: null, actorId: null, bulk: 'never', swap: { table: BULK_TABLE } });
          // another transaction reads a table that references enterprises and keeps it open for 2 s
          await client.query('begin');
          await client.query('select count(*) from enterprise_field_changes');
          const release = new Promise((r) => setTimeout(r, 2_000)).then(() => client.query('commit'));
          const swap = await finishEnterpriseBulkSwap(tx);
          await release;
          return swap;
        });
        // the first attempt gave up after 1.5 s; a later one got the locks
        expect(result.attempts).toBeGreaterThan(1);
      } finally {
        await client.end();
      }
      await validateEnterpriseReferences(t.deps.db);
      expect(await fingerprint(t.deps.db)).toEqual(before);
    });

    it('a background import job loads in bulk by swap (chunk after chunk), with its history; a dry run swaps nothing', async () => {
      const n = await count(t.deps.db, 'enterprises');
      const file = enterpriseCsv(generatedRows(3_000, 20_000));
      const cookie = await t.login('swap_officer');
      const upload = (query: string) =>
        t.call('POST', `/api/import-jobs?fileName=${encodeURIComponent('首次载入.csv')}${query}`, {
          cookie,
          body: Buffer.from(file),
          headers: { 'content-type': 'application/octet-stream' },
        });
      const run = async () => {
        const job = await claimNextImportJob(t.deps.db, 'enterprises', 'test-worker');
        if (!job) throw new Error('no queued job');
        return executeImportJob(t.database, job, { worker: 'test-worker', keyThreads: 1, stageRows: 500, chunkRows: 1_000, bulkMinRows: 1 });
      };

      expect((await upload('&dryRun=true')).statusCode).toBe(202);
      const dry = await run();
      expect(dry?.status).toBe('succeeded');
      expect((dry?.result as { seconds: { mergeSteps: Record<string, number> } }).seconds.mergeSteps).not.toHaveProperty('swap');
      expect(await count(t.deps.db, 'enterprises')).toBe(n);

      expect((await upload('')).statusCode).toBe(202);
      const done = await run();
      expect(done?.status, done?.error ?? '').toBe('succeeded');
      const result = done?.result as { counts: Record<string, number>; seconds: { mergeSteps: Record<string, number> } };
      expect(result.counts).toMatchObject({ created: 3_000, updated: 0 });
      expect(result.seconds.mergeSteps).toHaveProperty('swap');
      expect(await count(t.deps.db, 'enterprises')).toBe(n + 3_000);
      expect(await count(t.deps.db, 'enterprises', sql`created_by_import = ${done?.id}::uuid`)).toBe(3_000);
      expect(await count(t.deps.db, 'enterprise_field_changes', sql`import_job_id = ${done?.id}`)).toBe(0);
      const audit = await rows<{ after: { history: Record<string, number> } }>(
        t.deps.db,
        sql`select after from audit_log where object_id = ${done?.id} and action = 'import_job.succeed'`,
      );
      expect(audit[0]?.after.history).toEqual({ fieldChanges: 0, createdEntries: 3_000 });
      // the job checked the references after its commit
      expect(await fingerprint(t.deps.db)).toEqual(before);
    });
  },
);
