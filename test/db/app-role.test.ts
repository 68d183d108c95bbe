/**
 * The application works as a role that owns nothing (src/db/roles.ts): on the connection the app
 * itself uses, altering, disabling triggers of, dropping and truncating tables, setting
 * session_replication_role, and updating or deleting audit rows and their chain are refused by the
 * database's privileges (not only by the append-only triggers), while the app works end to end.
 */
// test rows carry codes of their own, outside the production list
import type { AuditAction, AuditObjectType } from '../../src/domain/audit-actions';
import { sql, type SQL } from 'drizzle-orm';
import pg from 'pg';
import { wrapPool } from '../../src/db/client';
import { grantAppPrivileges } from '../../src/db/roles';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, ConfigError } from '../../src/config/config';
import { recordAudit } from '../../src/services/audit/audit';
import { createSystemCaller } from '../../src/services/context';
import { sealAuditChain, verifyAuditChain } from '../../src/services/audit/audit-chain';
import { createTestApp, type TestApp } from '../helpers/app';
import { createTestDatabase, DATABASE_KINDS } from '../helpers/databases';
import { TEST_APP_ROLE } from '../helpers/global-setup';

/** The message and SQLSTATE of an error and of its causes (drizzle wraps the driver's error). */
function describeError(err: unknown): { message: string; code: string | undefined } {
  const parts: string[] = [];
  let code: string | undefined;
  let e: unknown = err;
  for (let i = 0; e instanceof Error && i < 5; i++) {
    parts.push(e.message);
    const c = (e as { code?: unknown }).code;
    if (!code && typeof c === 'string' && /^[0-9A-Z]{5}$/.test(c)) code = c;
    e = e.cause;
  }
  return { message: parts.join('\n'), code };
}

async function refusal(p: Promise<unknown>): Promise<{ message: string; code: string | undefined }> {
  try {
    await p;
  } catch (err) {
    return describeError(err);
  }
  throw new Error('the statement was accepted');
}

/** Refused by privileges: "must be owner of …" or "permission denied …", never merely by a trigger. */
const BY_PRIVILEGE = /must be owner of|permission denied/;

describe.each(DATABASE_KINDS)('the application role on %s', (kind) => {
  let t: TestApp;
  let auditId: number;

  beforeAll(async () => {
    t = await createTestApp(kind);
    await recordAudit(t.deps.db, createSystemCaller('tester'), { action: 'test.app-role' as AuditAction, objectType: 'test' as AuditObjectType, objectId: 'x' });
    const found = (await t.deps.db.execute(sql`select max(id) as id from audit_log`)) as unknown as { rows: { id: unknown }[] };
    auditId = Number(found.rows[0]?.id);
  });
  afterAll(() => t?.close());

  const REFUSED: [string, (id: number) => SQL][] = [
    ['ALTER TABLE audit_log ADD COLUMN', () => sql`alter table audit_log add column tampered text`],
    ['ALTER TABLE audit_log DISABLE TRIGGER', () => sql`alter table audit_log disable trigger audit_log_no_update_delete`],
    ['ALTER TABLE audit_log DISABLE TRIGGER ALL', () => sql`alter table audit_log disable trigger all`],
    ['ALTER TABLE audit_chain DISABLE TRIGGER', () => sql`alter table audit_chain disable trigger audit_chain_no_update_delete`],
    ['DROP TABLE audit_log', () => sql`drop table audit_log cascade`],
    ['DROP TABLE audit_chain', () => sql`drop table audit_chain`],
    ['TRUNCATE audit_log', () => sql`truncate audit_log`],
    ['TRUNCATE audit_chain', () => sql`truncate audit_chain`],
    ['UPDATE audit_log', (id) => sql`update audit_log set reason = 'tampered' where id = ${id}`],
    ['DELETE FROM audit_log', (id) => sql`delete from audit_log where id = ${id}`],
    ['UPDATE audit_chain', () => sql`update audit_chain set hash = 'x'`],
    ['DELETE FROM audit_chain', () => sql`delete from audit_chain`],
    ['UPDATE import_changes (per-object import history)', () => sql`update import_changes set after = '{}'::jsonb`],
    ['DELETE FROM import_changes', () => sql`delete from import_changes`],
    ['SET session_replication_role = replica', () => sql`set session_replication_role = replica`],
    ['ALTER TABLE users (a business table)', () => sql`alter table users add column tampered text`],
    ['DROP TABLE projects', () => sql`drop table projects cascade`],
    ['TRUNCATE sessions', () => sql`truncate sessions`],
    ['DROP TRIGGER', () => sql`drop trigger audit_log_no_update_delete on audit_log`],
    ['DROP FUNCTION of the append-only trigger', () => sql`drop function yinfeng_audit_log_append_only() cascade`],
    ['CREATE TABLE (the app owns nothing)', () => sql`create table public.app_owned (id int)`],
  ];

  it.each(REFUSED)('refuses %s on the connection the app uses', async (_name, statement) => {
    const err = await refusal(t.deps.db.execute(statement(auditId)));
    expect(err.message).toMatch(BY_PRIVILEGE);
    expect(err.code).toBe('42501');
  });

  it('cannot take back a superuser identity (RESET ROLE, SET ROLE)', async () => {
    await t.deps.db.execute(sql`reset role`);
    const who = (await t.deps.db.execute(sql`select current_user as u, (select rolsuper from pg_roles where rolname = current_user) as su`)) as unknown as {
      rows: { u: string; su: boolean }[];
    };
    expect(who.rows[0]?.su).toBe(false);
    const err = await refusal(t.deps.db.execute(sql`set role postgres`));
    expect(err.message).toMatch(/permission denied/);
  });

  it('refreshes the planner statistics of enterprises as the owner (yinfeng_analyze), and of nothing else', async () => {
    await t.deps.db.execute(sql`select yinfeng_analyze('enterprises')`);
    const err = await refusal(t.deps.db.execute(sql`select yinfeng_analyze('audit_log')`));
    expect(err.code).toBe('42501');
  });

  it('still works end to end: accounts, login, audit rows, temporary tables, the chain', async () => {
    await t.createAccount('approle-sec', ['secadmin'], '650000');
    await t.createAccount('approle-officer', ['officer'], '650109');
    const cookie = await t.login('approle-officer');
    expect((await t.call('GET', '/api/auth/me', { cookie })).statusCode).toBe(200);
    expect((await t.call('GET', '/api/projects', { cookie })).statusCode).toBe(200);
    const bad = await t.call('POST', '/api/auth/login', { body: { username: 'approle-officer', password: 'wrong-Password-1' } });
    expect(bad.statusCode).toBe(401);
    await t.deps.db.transaction(async (tx) => {
      await tx.execute(sql`create temporary table app_role_tmp (id int) on commit drop`);
      await tx.execute(sql`insert into app_role_tmp values (1)`);
    });
    const sealed = await sealAuditChain(t.deps.db, { gapWaitMs: 5_000 });
    expect(sealed.busy).toBe(false);
    const verified = await verifyAuditChain(t.deps.db);
    expect(verified.problems).toEqual([]);
    expect(verified.links).toBeGreaterThanOrEqual(3);
  });
});

describe.runIf(DATABASE_KINDS.includes('postgres'))('several app processes starting at once on postgres', () => {
  it('grant the application role one at a time (no "tuple concurrently updated")', async () => {
    const database = await createTestDatabase('postgres');
    const pools = Array.from({ length: 4 }, () => wrapPool(new pg.Pool({ connectionString: database.ownerUrl ?? '', max: 1 }), 'owner'));
    try {
      await Promise.all(pools.map((p) => grantAppPrivileges(p.db, TEST_APP_ROLE)));
    } finally {
      await Promise.all(pools.map((p) => p.close()));
      await database.close();
    }
  });
});

describe('configuration of the two roles', () => {
  it('takes the owner URL beside the application URL', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://yinfeng_app@db/yinfeng', YINFENG_OWNER_DATABASE_URL: 'postgres://yinfeng_owner@db/yinfeng' });
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://yinfeng_app@db/yinfeng', ownerUrl: 'postgres://yinfeng_owner@db/yinfeng' });
    expect(loadConfig({ DATABASE_URL: 'postgres://a@db/y' }).database).toEqual({ kind: 'postgres', url: 'postgres://a@db/y' });
  });

  it.each([
    [{ YINFENG_OWNER_DATABASE_URL: 'postgres://yinfeng_owner@db/yinfeng' }, /YINFENG_OWNER_DATABASE_URL 须与 DATABASE_URL 一起设置/],
    [{ DATABASE_URL: 'postgres://same@db/y', YINFENG_OWNER_DATABASE_URL: 'postgres://same:pw@db/y' }, /YINFENG_OWNER_DATABASE_URL 与 DATABASE_URL 使用同一角色 "same"/],
    [{ DATABASE_URL: 'postgres://a@db/y', YINFENG_OWNER_DATABASE_URL: 'mysql://o@db/y' }, /YINFENG_OWNER_DATABASE_URL 须以 postgres:\/\//],
    [{ YINFENG_AUDIT_SEAL_SECONDS: 'often' }, /YINFENG_AUDIT_SEAL_SECONDS 须为/],
  ])('refuses %o naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
