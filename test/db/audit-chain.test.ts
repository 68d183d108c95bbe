/**
 * The audit hash chain (services/audit/audit-chain.ts): sealing in id order without holding up writers,
 * skipping ids that never committed only once no transaction can hold them, one sealer at a time,
 * and verification naming the first row edited or deleted — even by a superuser.
 */
// test rows carry codes of their own, outside the production list
import type { AuditAction, AuditObjectType } from '../../src/domain/audit-actions';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wrapPool, type Db } from '../../src/db/client';
import { ROW_HASH_EXPRESSION, ROW_HASH_SQL, setChainTimeZone } from '../../src/db/queries/audit/audit-chain';
import { EMBEDDED_APP_ROLE } from '../../src/db/roles';
import type { ChainProblemKind } from '../../src/domain/audit-chain';
import { recordAudit } from '../../src/services/audit/audit';
import { sealAuditChain, verifyAuditChain } from '../../src/services/audit/audit-chain';
import { createSystemCaller } from '../../src/services/context';
import { createTestDatabase, DATABASE_KINDS, type DatabaseKind, type TestDatabase } from '../helpers/databases';

const caller = createSystemCaller('chain-test');

async function rows<T>(db: Db, statement: ReturnType<typeof sql>): Promise<T[]> {
  return ((await db.execute(statement)) as unknown as { rows: T[] }).rows;
}

/** Writes `n` audit rows (each in its own statement, as the app does) and returns their ids. */
async function writeRows(db: Db, n: number, tag: string): Promise<number[]> {
  for (let i = 0; i < n; i++) {
    await recordAudit(db, caller, { action: `test.${tag}` as AuditAction, objectType: 'test' as AuditObjectType, objectId: String(i), before: { i }, after: { i: i + 1, 名称: '米东区' } });
  }
  const found = await rows<{ id: unknown }>(db, sql`select id from audit_log where action = ${`test.${tag}`} order by id`);
  return found.map((r) => Number(r.id));
}

/** Runs statements as the superuser with triggers off (session_replication_role = replica): what an intruder with full rights could do. */
async function asSuperuser(database: TestDatabase, statements: string[]): Promise<void> {
  if (database.kind === 'pglite') {
    await database.client.exec('set session authorization postgres; set session_replication_role = replica;');
    try {
      for (const s of statements) await database.client.exec(s);
    } finally {
      await database.client.exec(`reset session_replication_role; set session authorization ${EMBEDDED_APP_ROLE};`);
    }
    return;
  }
  const client = new pg.Client({ connectionString: database.ownerUrl ?? '' });
  await client.connect();
  try {
    await client.query('set session_replication_role = replica');
    for (const s of statements) await client.query(s);
  } finally {
    await client.end();
  }
}

/** The canonical hash of a fixed audit row, computed by the database as the sealer does. */
const FIXED_ROW = {
  id: 42,
  at: '2026-12-05T08:09:10.123456Z',
  actor_id: null,
  actor_username: 'cli:张三',
  action: 'project.update',
  object_type: 'project',
  object_id: 'P-001',
  region_code: '650109',
  before: { amountYuan: 12345678901234, tags: ['央企', 'a"b'], note: null },
  after: { amountYuan: 1, nested: { z: 1, a: [1.5, true] } },
  reason: '更正\n第二行',
  client_ip: '10.0.0.1',
  outcome: 'success',
  request_id: 'req-1',
};
/** the same on every runtime: a change here means every installation's chain breaks */
const FIXED_ROW_HASH = 'bad597c3f334fe044fce903011adb0d2bb5b4c162bdb2b62571fbf058f748972';

async function fixedRowHash(db: Db, utc: boolean): Promise<string> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local timezone = 'Asia/Shanghai'`);
    if (utc) await setChainTimeZone(tx);
    const [r] = await rows<{ h: string }>(tx, sql`select ${ROW_HASH_SQL} as h from jsonb_populate_record(null::audit_log, ${JSON.stringify(FIXED_ROW)}::jsonb) a`);
    return r?.h ?? '';
  });
}

describe.each(DATABASE_KINDS)('the audit hash chain on %s', (kind: DatabaseKind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind, { role: 'app' });
  });
  afterAll(() => database?.close());

  it('hashes an audit row canonically: the same on both runtimes, whatever the session time zone', async () => {
    const hash = await fixedRowHash(database.db, true);
    expect(hash).toBe(FIXED_ROW_HASH);
    expect(await fixedRowHash(database.db, false)).not.toBe(hash); // the time zone matters: the sealer sets UTC
  });

  it('seals committed rows in id order, verifies an intact chain, and seals nothing twice', async () => {
    const ids = await writeRows(database.db, 5, 'intact');
    const first = await sealAuditChain(database.db, { gapWaitMs: 10_000 });
    expect(first.busy).toBe(false);
    expect(first.head.auditId).toBeGreaterThanOrEqual(ids.at(-1)!);
    const again = await sealAuditChain(database.db);
    expect(again.sealed).toBe(0);
    const verified = await verifyAuditChain(database.db);
    expect(verified).toMatchObject({ ok: true, problems: [], unsealed: 0 });
    const [count] = await rows<{ n: unknown }>(database.db, sql`select count(*) as n from audit_log`);
    expect(verified.links).toBe(Number(count?.n));
  });

  it('skips the id of a rolled-back transaction once nothing can hold it', async () => {
    await expect(
      database.db.transaction(async (tx) => {
        await recordAudit(tx, caller, { action: 'test.rolled-back' as AuditAction, objectType: 'test' as AuditObjectType });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    const ids = await writeRows(database.db, 2, 'after-rollback');
    const sealed = await sealAuditChain(database.db, { gapWaitMs: 3_000 });
    if (kind === 'pglite' || !sealed.waitingAtGap) {
      // (PostgreSQL: a long transaction of another database on the server may still be running)
      expect(sealed.head.auditId).toBe(ids.at(-1));
      const gap = await rows<{ n: unknown }>(database.db, sql`select count(*) as n from audit_chain where audit_id = ${ids[0]! - 1}`);
      expect(Number(gap[0]?.n)).toBe(0);
    }
    expect((await verifyAuditChain(database.db)).problems).toEqual([]);
  });
});

describe.runIf(DATABASE_KINDS.includes('postgres'))('sealing beside running transactions on postgres', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('postgres', { role: 'app' });
  });
  afterAll(() => database?.close());

  it('never seals past an id held by a running transaction, and writers do not wait for it', async () => {
    await writeRows(database.db, 1, 'before-long');
    await sealAuditChain(database.db);
    const long = new pg.Client({ connectionString: database.url ?? '' });
    await long.connect();
    try {
      await long.query('begin');
      await long.query(`insert into audit_log (action, object_type, outcome) values ('test.long', 'test', 'success')`);
      const [held] = (await long.query<{ id: string }>(`select max(id) as id from audit_log where action = 'test.long'`)).rows;
      const heldId = Number(held?.id);
      // other writers go on while the long transaction is open
      const t0 = Date.now();
      const [after] = await writeRows(database.db, 1, 'during-long');
      expect(Date.now() - t0).toBeLessThan(2_000);
      expect(after).toBeGreaterThan(heldId);
      const during = await sealAuditChain(database.db, { gapWaitMs: 100 });
      expect(during.waitingAtGap).toBe(true);
      expect(during.head.auditId).toBe(heldId - 1);
      await long.query('commit');
    } finally {
      await long.end();
    }
    const done = await sealAuditChain(database.db, { gapWaitMs: 3_000 });
    const chain = await rows<{ audit_id: unknown }>(database.db, sql`select audit_id from audit_chain order by audit_id`);
    const linked = chain.map((r) => Number(r.audit_id));
    expect(linked).toEqual([...linked].sort((a, b) => a - b));
    if (!done.waitingAtGap) expect((await verifyAuditChain(database.db)).ok).toBe(true);
    expect((await verifyAuditChain(database.db)).problems).toEqual([]);
  });

  it('lets one sealer work at a time across processes: no link is written twice', async () => {
    await writeRows(database.db, 30, 'concurrent');
    const second = wrapPool(new pg.Pool({ connectionString: database.url ?? '', max: 2 }), 'second');
    try {
      const results = await Promise.all([
        sealAuditChain(database.db, { batchSize: 5 }),
        sealAuditChain(second.db, { batchSize: 5 }),
        sealAuditChain(database.db, { batchSize: 5 }),
      ]);
      expect(results.some((r) => r.sealed > 0)).toBe(true);
      await sealAuditChain(second.db);
      const verified = await verifyAuditChain(second.db);
      expect(verified.problems).toEqual([]);
    } finally {
      await second.close();
    }
  });
});

describe.each(DATABASE_KINDS)('verification after tampering on %s', (kind: DatabaseKind) => {
  /** A database with 6 sealed rows of its own; returns them. */
  async function sealedDatabase(): Promise<{ database: TestDatabase; ids: number[] }> {
    const database = await createTestDatabase(kind, { role: 'app' });
    const ids = await writeRows(database.db, 6, 'tamper');
    const sealed = await sealAuditChain(database.db, { gapWaitMs: 10_000 });
    expect(sealed.head.auditId).toBe(ids.at(-1));
    expect((await verifyAuditChain(database.db)).ok).toBe(true);
    return { database, ids };
  }

  const CASES: [string, (ids: number[]) => { statements: string[]; auditId: number; kind: ChainProblemKind }][] = [
    ['a superuser UPDATE of a row in the middle', (ids) => ({ statements: [`update audit_log set reason = '改过' where id = ${ids[2]}`], auditId: ids[2]!, kind: 'row-edited' })],
    ['a superuser UPDATE of a jsonb value only', (ids) => ({ statements: [`update audit_log set after = jsonb_set(after, '{i}', '99') where id = ${ids[3]}`], auditId: ids[3]!, kind: 'row-edited' })],
    ['a superuser DELETE of a row in the middle', (ids) => ({ statements: [`delete from audit_log where id = ${ids[2]}`], auditId: ids[2]!, kind: 'row-deleted' })],
    ['a superuser DELETE of the last sealed row', (ids) => ({ statements: [`delete from audit_log where id = ${ids[5]}`], auditId: ids[5]!, kind: 'row-deleted' })],
    [
      'an edited row with its chain row recomputed',
      (ids) => ({
        statements: [
          `update audit_log set reason = '改过' where id = ${ids[1]}`,
          `set timezone = 'UTC'`,
          `update audit_chain c set row_hash = (select ${ROW_HASH_EXPRESSION} from audit_log a where a.id = c.audit_id) where audit_id = ${ids[1]}`,
        ],
        auditId: ids[1]!,
        kind: 'link-edited',
      }),
    ],
    ['a DELETE of a chain row in the middle', (ids) => ({ statements: [`delete from audit_chain where audit_id = ${ids[3]}`], auditId: ids[3]!, kind: 'row-unsealed' })],
    ['a DELETE of the tail of both tables', (ids) => ({ statements: [`delete from audit_log where id >= ${ids[0]}`, `delete from audit_chain where audit_id > ${ids[4]}`], auditId: ids[0]!, kind: 'row-deleted' })],
  ];

  it.each(CASES)('names the first bad row after %s', async (_name, tamper) => {
    const { database, ids } = await sealedDatabase();
    try {
      const t = tamper(ids);
      await asSuperuser(database, t.statements);
      const verified = await verifyAuditChain(database.db);
      expect(verified.ok).toBe(false);
      expect(verified.problems[0]).toEqual({ auditId: t.auditId, kind: t.kind });
    } finally {
      await database.close();
    }
  });
});

