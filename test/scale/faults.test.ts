/**
 * Faults between the app and PostgreSQL (issue 15 item 4): a TCP proxy cuts the app's connection before a
 * statement, during it, and after the commit but before the answer. The app answers 503 (never a 500), nothing
 * partial is stored, and a retry with the same Idempotency-Key applies once — for receipt entry, stage changes
 * and imports. Then the database "restarts" (every connection cut, new ones refused for a while) under load: the
 * app answers 503 meanwhile and recovers by itself. PostgreSQL only.
 */
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wrapPool, type Database } from '../../src/db/client';
import { buildApp } from '../../src/http/app';
import { createSystemCaller } from '../../src/services/context';
import { createProject } from '../../src/services/projects/projects';
import { createTestApp, TEST_ORIGIN, TEST_PASSWORD, type TestApp } from '../helpers/app';
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy';

describe.skipIf(!process.env.TEST_DATABASE_URL)('faults between the app and PostgreSQL', () => {
  let t: TestApp;
  let proxy: FaultProxy;
  let database: Database;
  let app: FastifyInstance;
  let statistician = '';
  let officer = '';
  const sys = createSystemCaller('test');

  beforeAll(async () => {
    t = await createTestApp('postgres');
    await t.createAccount('fault_stat', ['statistician'], '650109');
    await t.createAccount('fault_officer', ['officer'], '650109');
    if (!t.database.url) throw new Error('no url');
    proxy = await startFaultProxy(t.database.url);
    database = wrapPool(new pg.Pool({ connectionString: proxy.url, max: 4, connectionTimeoutMillis: 2000 }), 'through the fault proxy');
    app = await buildApp({ config: t.config, database });
    statistician = await login('fault_stat');
    officer = await login('fault_officer');
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
    await proxy?.close();
    await t?.close();
  });

  async function login(username: string): Promise<string> {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { origin: TEST_ORIGIN }, payload: { username, password: TEST_PASSWORD } });
    expect(res.statusCode, res.body).toBe(200);
    const c = res.cookies.find((x) => x.name === 'yinfeng_session');
    return `yinfeng_session=${c?.value}`;
  }
  const post = (url: string, cookie: string, key: string, payload: unknown, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url, headers: { origin: TEST_ORIGIN, cookie, 'idempotency-key': key, ...headers }, payload: payload as object });
  const count = async (statement: ReturnType<typeof sql>) => Number(((await t.database.db.execute(statement)) as unknown as { rows: { n: number }[] }).rows[0]?.n);
  const receipts = (projectId: string) => count(sql`select count(*)::int as n from fund_receipts where project_id = ${projectId}`);
  const newProject = async (name: string) => (await createProject(t.deps, sys, { name, regionCode: '650109', source: 'local', stage: 'lead' })).id;
  /** the server notices a cut client only when it next reads: give it a moment to end that backend's transaction */
  const settle = () => new Promise((r) => setTimeout(r, 300));

  function expectUnavailable(res: Awaited<ReturnType<typeof post>>) {
    expect(res.statusCode, res.body).toBe(503);
    expect(res.headers['retry-after']).toBeDefined();
    expect(res.json()).toMatchObject({ error: { code: 'DATABASE_UNAVAILABLE' } });
    expect(res.json().error.message).toContain('带同一幂等键重试不会重复保存');
  }

  it('cut before the statement: 503, nothing stored; the retry with the same key stores it once', async () => {
    const projectId = await newProject('断在语句之前');
    proxy.cutBeforeStatement(/insert into "fund_receipts"/);
    const first = await post(`/api/projects/${projectId}/receipts`, statistician, 'fault-before-0001', { month: '2026-03', amountYuan: 300 });
    expect(proxy.fired()).toBe(true);
    expectUnavailable(first);
    await settle();
    expect(await receipts(projectId)).toBe(0);
    const retry = await post(`/api/projects/${projectId}/receipts`, statistician, 'fault-before-0001', { month: '2026-03', amountYuan: 300 });
    expect(retry.statusCode, retry.body).toBe(201);
    expect(await receipts(projectId)).toBe(1);
  });

  it('cut during the statement: 503, the transaction is rolled back with nothing half-written; the retry stores it once', async () => {
    const projectId = await newProject('断在语句之中');
    proxy.cutDuringStatement(/insert into "fund_receipts"/);
    const first = await post(`/api/projects/${projectId}/receipts`, statistician, 'fault-during-0001', { month: '2026-03', amountYuan: 400 });
    expect(proxy.fired()).toBe(true);
    expectUnavailable(first);
    await settle();
    expect(await receipts(projectId)).toBe(0);
    const retry = await post(`/api/projects/${projectId}/receipts`, statistician, 'fault-during-0001', { month: '2026-03', amountYuan: 400 });
    expect(retry.statusCode, retry.body).toBe(201);
    expect(await receipts(projectId)).toBe(1);
  });

  it('cut after the commit, before the answer: 503 though it was saved; the retry with the same key does not apply it again', async () => {
    const projectId = await newProject('断在提交之后');
    proxy.cutAfterCommit(/insert into "fund_receipts"/);
    const first = await post(`/api/projects/${projectId}/receipts`, statistician, 'fault-commit-0001', { month: '2026-03', amountYuan: 500 });
    expect(proxy.fired()).toBe(true);
    expectUnavailable(first);
    expect(await receipts(projectId)).toBe(1);
    const retry = await post(`/api/projects/${projectId}/receipts`, statistician, 'fault-commit-0001', { month: '2026-03', amountYuan: 500 });
    expect(retry.statusCode, retry.body).toBe(409);
    expect(retry.json()).toMatchObject({ error: { code: 'IDEMPOTENT_APPLIED' } });
    expect(await receipts(projectId)).toBe(1);
  });

  it('a stage change cut after its commit is not applied again by the retry', async () => {
    const projectId = await newProject('阶段断在提交之后');
    const version = Number((await t.database.db.execute(sql`select version from projects where id = ${projectId}`) as unknown as { rows: { version: number }[] }).rows[0]?.version);
    proxy.cutAfterCommit(/insert into "project_stage_history"/);
    const body = { to: 'terminated', terminationReason: '投资方撤回', version };
    expectUnavailable(await post(`/api/projects/${projectId}/stage`, officer, 'fault-stage-0001', body));
    expect(proxy.fired()).toBe(true);
    const retry = await post(`/api/projects/${projectId}/stage`, officer, 'fault-stage-0001', body);
    expect(retry.statusCode, retry.body).toBe(409);
    expect(retry.json()).toMatchObject({ error: { code: 'IDEMPOTENT_APPLIED' } });
    expect(await count(sql`select count(*)::int as n from project_stage_history where project_id = ${projectId} and to_stage = 'terminated'`)).toBe(1);
  });

  it('an import cut after its commit is not imported again by the retry', async () => {
    const csv = ['项目编号,项目名称,地区代码,资金来源,阶段', 'FAULT-1,断线导入项目,650109,区内,线索', 'FAULT-2,断线导入项目二,650109,区内,线索'].join('\n');
    const send = () => post('/api/imports', officer, 'fault-import-0001', Buffer.from(csv), { 'content-type': 'text/csv', 'x-file-name': encodeURIComponent('projects.csv') });
    proxy.cutAfterCommit(/insert into import_changes/);
    expectUnavailable(await send());
    expect(proxy.fired()).toBe(true);
    expect(await count(sql`select count(*)::int as n from projects where code like 'FAULT-%'`)).toBe(2);
    const retry = await send();
    expect(retry.statusCode, retry.body).toBe(409);
    expect(await count(sql`select count(*)::int as n from projects where code like 'FAULT-%'`)).toBe(2);
    expect(await count(sql`select count(*)::int as n from audit_log where action = 'import.run' and actor_username = 'fault_officer'`)).toBe(1);
  });

  it('the database going away under load: 503s (never a 500) while it is gone, then the app recovers by itself', async () => {
    const projectId = await newProject('重启期间');
    const statuses: number[] = [];
    let stop = false;
    const load = (async () => {
      for (let i = 0; !stop; i++) {
        const res = await app.inject({ method: 'GET', url: `/api/projects/${projectId}`, headers: { cookie: officer } });
        statuses.push(res.statusCode);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    await new Promise((r) => setTimeout(r, 500));
    proxy.down();
    await new Promise((r) => setTimeout(r, 1500));
    // liveness: the process is fine, the database is not (200 degraded); readiness: 503 until it is back
    const live = await app.inject({ method: 'GET', url: '/api/health' });
    expect(live.statusCode).toBe(200);
    expect(live.json()).toMatchObject({ status: 'degraded' });
    expect((await app.inject({ method: 'GET', url: '/api/health/ready' })).statusCode).toBe(503);
    proxy.up();
    // the pool makes new connections by itself: the first answers after the restart are good again
    let ready = false;
    for (let i = 0; i < 50 && !ready; i++) {
      ready = (await app.inject({ method: 'GET', url: '/api/health/ready' })).statusCode === 200;
      if (!ready) await new Promise((r) => setTimeout(r, 300));
    }
    expect(ready).toBe(true);
    expect((await app.inject({ method: 'GET', url: '/api/health' })).json()).toMatchObject({ status: 'ok' });
    await new Promise((r) => setTimeout(r, 500));
    stop = true;
    await load;
    expect(statuses.filter((s) => s !== 200 && s !== 503)).toEqual([]);
    expect(statuses).toContain(503);
    expect(statuses.at(-1)).toBe(200);
  });
});
