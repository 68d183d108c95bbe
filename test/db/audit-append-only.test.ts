/** The audit trail is append-only in the database itself: UPDATE, DELETE and TRUNCATE are refused by triggers. */
// test rows carry codes of their own, outside the production list
import type { AuditAction, AuditObjectType } from '../../src/domain/audit-actions';
import { eq, sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/db/schema/index';
import { recordAudit } from '../../src/services/audit/audit';
import { createSystemCaller } from '../../src/services/context';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../helpers/databases';

/** The message of an error and of its causes (drizzle wraps the driver's error as `cause`). */
function messages(err: unknown): string {
  const parts: string[] = [];
  let e: unknown = err;
  for (let i = 0; e instanceof Error && i < 5; i++) {
    parts.push(e.message);
    e = e.cause;
  }
  return parts.join('\n');
}

/** The SQLSTATE of the driver's error under drizzle's wrapper. */
function sqlState(err: unknown): string | undefined {
  let e: unknown = err;
  for (let i = 0; e instanceof Error && i < 5; i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    e = e.cause;
  }
  return undefined;
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error('the statement was accepted');
}

describe.each(DATABASE_KINDS)('audit_log is append-only on %s', (kind) => {
  let database: TestDatabase;
  let id: number;
  let original: typeof auditLog.$inferSelect;
  let countAfterInsert: number;
  const countRows = async () => {
    const [row] = await database.db.select({ n: sql<number>`count(*)::int` }).from(auditLog);
    return row?.n ?? -1;
  };

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await recordAudit(database.db, { ...createSystemCaller('tester'), clientIp: '10.1.2.3', requestId: 'req-append-only' }, {
      action: 'test.append' as AuditAction,
      objectType: 'test' as AuditObjectType,
      objectId: 'obj-1',
      regionCode: '650109',
      before: { n: 1 },
      after: { n: 2, 名称: '米东区' },
      reason: '测试',
    });
    const rows = await database.db.select().from(auditLog).where(eq(auditLog.requestId, 'req-append-only'));
    expect(rows).toHaveLength(1);
    original = rows[0]!;
    id = original.id;
    countAfterInsert = await countRows();
    expect(countAfterInsert).toBeGreaterThanOrEqual(1);
  });
  afterAll(() => database.close());

  it('stored the row as recorded', () => {
    expect(original).toMatchObject({
      actorId: null,
      actorUsername: 'cli:tester',
      action: 'test.append' as AuditAction,
      objectType: 'test' as AuditObjectType,
      objectId: 'obj-1',
      regionCode: '650109',
      before: { n: 1 },
      after: { n: 2, 名称: '米东区' },
      reason: '测试',
      clientIp: '10.1.2.3',
      outcome: 'success',
      requestId: 'req-append-only',
    });
  });

  const STATEMENTS: [string, (id: number) => SQL][] = [
    ['update of the row', (id) => sql`update audit_log set reason = 'tampered' where id = ${id}`],
    ['update of every row', () => sql`update audit_log set outcome = 'failure'`],
    ['delete of the row', (id) => sql`delete from audit_log where id = ${id}`],
    ['delete of every row', () => sql`delete from audit_log`],
    ['truncate', () => sql`truncate audit_log`],
    ['truncate … cascade', () => sql`truncate table audit_log restart identity cascade`],
  ];

  it.each(STATEMENTS)('refuses %s', async (_name, statement) => {
    const err = await rejection(database.db.execute(statement(id)));
    expect(messages(err)).toContain('append-only');
    expect(messages(err)).toContain('审计日志只能追加，不能修改或删除');
    expect(sqlState(err)).toBe('42501');
  });

  it('refuses inside a transaction too, and the transaction rolls back', async () => {
    const err = await rejection(
      database.db.transaction(async (tx) => {
        await recordAudit(tx, createSystemCaller('tester'), { action: 'test.in-tx' as AuditAction, objectType: 'test' as AuditObjectType, objectId: 'obj-2' });
        await tx.execute(sql`delete from audit_log where id = ${id}`);
      }),
    );
    expect(messages(err)).toContain('append-only');
    const inTx = await database.db.select().from(auditLog).where(eq(auditLog.action, 'test.in-tx'));
    expect(inTx).toEqual([]);
  });

  it('leaves the row unchanged and still accepts new rows', async () => {
    const rows = await database.db.select().from(auditLog).where(eq(auditLog.id, id));
    expect(rows).toEqual([original]);
    expect(await countRows()).toBe(countAfterInsert);
    await recordAudit(database.db, createSystemCaller('tester'), { action: 'test.after' as AuditAction, objectType: 'test' as AuditObjectType });
    const after = await database.db.select().from(auditLog).where(eq(auditLog.action, 'test.after'));
    expect(after).toHaveLength(1);
    expect(after[0]!.id).toBeGreaterThan(id);
  });
});
