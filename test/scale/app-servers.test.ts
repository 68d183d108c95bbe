/**
 * The several-app-servers drill (issue 15 item 3): three `bin/yinfeng serve` processes on one PostgreSQL
 * database and one shared data directory (import uploads), behind a round-robin proxy standing in for nginx.
 * - a session made through the proxy works on every server, and a write on one is read on the others;
 * - an enterprise import started on one server is seen on another and cancelled from the third;
 * - a server stopped (SIGTERM) in the middle of an import hands the job back: another server runs it to the end;
 * - each background schedule runs once per occurrence, not once per server.
 * PostgreSQL only (PGlite is one process's embedded database).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, startServe, type Server } from '../cli/processes';
import { count, enterpriseCsv, generatedRows, rows } from '../enterprise-imports/helpers';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../helpers/app';
import { startRoundRobinProxy, type RoundRobinProxy } from '../helpers/round-robin-proxy';

interface JobJson {
  id: string;
  status: string;
  result: Record<string, unknown> | null;
  progress: { rowsRead?: number; phase?: string };
}

describe.skipIf(!process.env.TEST_DATABASE_URL)('three app servers on one PostgreSQL behind a round-robin proxy', () => {
  let t: TestApp;
  let shared: string;
  let servers: Server[] = [];
  let proxy: RoundRobinProxy;
  let cookie = '';
  let startedAt = new Date();

  beforeAll(async () => {
    shared = fs.mkdtempSync(path.join(os.tmpdir(), 'yinfeng-servers-'));
    t = await createTestApp('postgres', { YINFENG_DATA_DIR: shared });
    await t.createAccount('drill_officer', ['officer'], '650109');
    const url = t.database.url;
    if (!url) throw new Error('no url for the test database');
    const env = cleanEnv({ DATABASE_URL: url, YINFENG_DATA_DIR: shared, YINFENG_AUDIT_SEAL_SECONDS: '60', YINFENG_ROLLUP_WARMUP: 'false' });
    servers = await Promise.all([startServe(env, 240_000), startServe(env, 240_000), startServe(env, 240_000)]);
    startedAt = new Date();
    proxy = await startRoundRobinProxy(servers.map((s) => s.base));
  }, 300_000);

  afterAll(async () => {
    await proxy?.close();
    await Promise.all(servers.map((s) => s.stop()));
    await t?.close();
    if (shared) fs.rmSync(shared, { recursive: true, force: true });
  }, 60_000);

  /** A request as a browser on the proxy's page would make it (Origin = where it is sent). */
  async function request(base: string, method: string, url: string, body?: unknown, extra: Record<string, string> = {}) {
    const headers: Record<string, string> = { ...extra };
    if (cookie) headers.cookie = cookie;
    if (method !== 'GET') headers.origin = base;
    if (body !== undefined && !Buffer.isBuffer(body)) headers['content-type'] = 'application/json';
    return fetch(`${base}${url}`, {
      method,
      headers,
      body: body === undefined ? undefined : Buffer.isBuffer(body) ? new Uint8Array(body) : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
  }

  async function job(base: string, id: string): Promise<JobJson> {
    const res = await request(base, 'GET', `/api/import-jobs/${id}`);
    expect(res.status).toBe(200);
    return (await res.json()) as JobJson;
  }

  async function waitForJob(base: string, id: string, done: (j: JobJson) => boolean, timeoutMs: number): Promise<JobJson> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const j = await job(base, id);
      if (done(j)) return j;
      if (Date.now() > deadline) {
        // what the engine and the other jobs were doing, so a failure under load can be read
        const engine = await rows(t.deps.db, sql`select name, state, retry_count, created_on, started_on from pgboss.job where name = 'enterprise-import' order by created_on`);
        const jobs = await rows(t.deps.db, sql`select id, status, worker, heartbeat_at from import_jobs order by created_at`);
        // every session on this database: an engine waiting on a lock, and whoever holds it (idle in transaction?)
        const sessions = await rows(
          t.deps.db,
          sql`select pid, application_name, state, wait_event_type, wait_event, xact_start, left(query, 160) as query
              from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() order by xact_start nulls last`,
        );
        const outputs = servers.map((s, i) => `server ${i} (pid ${s.child.pid}, exit ${s.child.exitCode}):\n${s.output().slice(-1500)}`).join('\n');
        throw new Error(
          `job ${id} still ${j.status} (${JSON.stringify(j.progress)}); engine: ${JSON.stringify(engine)}; import jobs: ${JSON.stringify(jobs)}; sessions: ${JSON.stringify(sessions)}\n${outputs}`,
        );
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  async function upload(base: string, data: Record<string, string>[]): Promise<string> {
    const file = Buffer.from(enterpriseCsv(data));
    const res = await request(base, 'POST', `/api/import-jobs?fileName=${encodeURIComponent('企业名录.csv')}&source=工商登记&sourceDate=2024-06-30`, file, {
      'content-type': 'application/octet-stream',
    });
    expect(res.status, await res.clone().text()).toBe(202);
    return ((await res.json()) as JobJson).id;
  }

  const workerOf = async (id: string) => (await rows<{ worker: string | null }>(t.deps.db, sql`select worker from import_jobs where id = ${id}`))[0]?.worker ?? null;
  const serverOfWorker = (worker: string | null) => servers.findIndex((s) => worker !== null && worker.split(':')[1] === String(s.child.pid));

  it('a session made through the proxy works on every server; a write on one is read on the others', async () => {
    const login = await request(proxy.base, 'POST', '/api/auth/login', { username: 'drill_officer', password: TEST_PASSWORD });
    expect(login.status, await login.clone().text()).toBe(200);
    const set = login.headers.getSetCookie().find((c) => c.startsWith('yinfeng_session='));
    expect(set).toBeDefined();
    cookie = (set as string).split(';')[0] as string;

    for (let i = 0; i < 6; i++) expect((await request(proxy.base, 'GET', '/api/auth/me')).status).toBe(200);
    expect(proxy.served().every((n) => n >= 2)).toBe(true);

    const created = await request(servers[0]!.base, 'POST', '/api/enterprise-lists', { name: '多台服务器演练名单' });
    expect(created.status, await created.clone().text()).toBe(201);
    const { id } = (await created.json()) as { id: string };
    for (const s of servers.slice(1)) {
      const res = await request(s.base, 'GET', `/api/enterprise-lists/${id}`);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ id, name: '多台服务器演练名单' });
    }
  });

  it('an import started on one server is seen on the second and cancelled from the third', async () => {
    const [a, b, c] = servers as [Server, Server, Server];
    const data = generatedRows(60_000, 100_000);
    const id = await upload(a.base, data);
    const running = await waitForJob(b.base, id, (j) => j.status !== 'queued', 180_000);
    expect(['running', 'succeeded']).toContain(running.status);
    expect(running.status, 'the import ended before it could be cancelled: make the file larger').toBe('running');
    const cancel = await request(c.base, 'POST', `/api/import-jobs/${id}/cancel`, {});
    expect(cancel.status, await cancel.clone().text()).toBe(200);
    const ended = await waitForJob(a.base, id, (j) => j.status !== 'running' && j.status !== 'queued', 120_000);
    expect(ended.status).toBe('cancelled');
    const codes = data.map((r) => r['统一社会信用代码'] as string);
    expect(await count(t.deps.db, 'enterprises', sql`credit_code = any(${sql.param(codes)}::text[])`)).toBe(0);
    const audits = await rows<{ action: string }>(t.deps.db, sql`select action from audit_log where object_id = ${id} order by id`);
    expect(audits.map((x) => x.action)).toEqual(['import_job.create', 'import_job.cancel_request', 'import_job.cancel']);
  }, 420_000);

  // Sessions 13 and 14 saw this fail inside the full test run: the three servers started together, pg-boss's queue
  // creation deadlocked between them, and two ran with no job engine (engine.ts ensureQueue now tries again).
  it('a server stopped in the middle of an import hands the job back; another server runs it to the end', async () => {
    const id = await upload(servers[0]!.base, generatedRows(60_000, 300_000));
    await waitForJob(servers[1]!.base, id, (j) => j.status === 'running' && (j.progress.rowsRead ?? 0) > 0, 180_000);
    const first = serverOfWorker(await workerOf(id));
    expect(first).toBeGreaterThanOrEqual(0);
    const stopped = servers[first] as Server;
    // a clean stop: the import in hand is rolled back and put back in the queue (under load this takes a while)
    expect(await stopped.stop(90_000), stopped.output().slice(-2000)).toBe(0);

    const survivor = servers.find((_, i) => i !== first) as Server;
    const done = await waitForJob(survivor.base, id, (j) => j.status !== 'running' && j.status !== 'queued', 180_000);
    expect(done.status, JSON.stringify(done)).toBe('succeeded');
    expect(done.result).toMatchObject({ rows: 60_000, imported: true, counts: { created: 60_000 } });
    const second = serverOfWorker(await workerOf(id));
    expect(second).toBeGreaterThanOrEqual(0);
    expect(second).not.toBe(first);
    const audits = await rows<{ action: string }>(t.deps.db, sql`select action from audit_log where object_id = ${id} order by id`);
    expect(audits.map((x) => x.action)).toEqual(['import_job.create', 'import_job.succeed']);
  }, 480_000);

  it('each schedule runs once per occurrence, not once per server', async () => {
    // at least two whole minutes with all three servers up (the minutely schedules: audit seal, import recovery)
    const waitUntil = Math.ceil((startedAt.getTime() + 1) / 60_000) * 60_000 + 2 * 60_000 + 15_000;
    if (Date.now() < waitUntil) await new Promise((r) => setTimeout(r, waitUntil - Date.now()));
    // every server's job engine started (a failed start is logged and tried again 30 s later)
    for (const [i, s] of servers.entries()) expect(s.output(), `server ${i}`).not.toContain('后台任务引擎启动失败');
    const since = startedAt.toISOString();
    const minutes = Math.floor((Date.now() - startedAt.getTime()) / 60_000);
    const counts = await rows<{ name: string; n: number }>(
      t.deps.db,
      sql`select name, count(*)::int as n from (
            select name, created_on from pgboss.job union all select name, created_on from pgboss.archive
          ) j where name in ('audit-seal', 'import-job-recovery') and created_on >= ${since}::timestamptz group by name order by name`,
    );
    expect(counts.map((c) => c.name)).toEqual(['audit-seal', 'import-job-recovery']);
    for (const c of counts) {
      expect(c.n, `${c.name}: ${c.n} runs in ${minutes} minutes`).toBeGreaterThanOrEqual(2);
      expect(c.n, `${c.name}: ${c.n} runs in ${minutes} minutes`).toBeLessThanOrEqual(minutes + 1);
    }
  }, 300_000);
});
