/**
 * /metrics (issue 15, item 5): Prometheus text behind a bearer token or an address list, 404 when
 * neither is configured. A scrape, some requests, a second scrape: the request counter and latency
 * histogram of each route pattern moved (no ids in labels), and the figures read from the database
 * (job queues, import progress, rollup staleness, the pool on PostgreSQL) are there and follow the data.
 * Also the request log line (issue 15: structured logs): JSON with the request id and the user id.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config';
import { buildApp } from '../../src/http/app';
import { createTestApp, type TestApp } from '../helpers/app';
import { createTestDatabase, DATABASE_KINDS } from '../helpers/databases';
import { createUser } from '../../src/services/accounts/users';
import { createSystemCaller } from '../../src/services/context';

const TOKEN = 'metrics-test-token-0123456789';
const AUTH = { authorization: `Bearer ${TOKEN}` };

/** The value of one sample line (`name{labels} value`), or null when absent. */
function sample(text: string, series: string): number | null {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : null;
}

describe.each(DATABASE_KINDS)('/metrics on %s', (kind) => {
  let t: TestApp;
  let cookie: string;
  beforeAll(async () => {
    t = await createTestApp(kind, { YINFENG_METRICS_TOKEN: TOKEN });
    await t.createAccount('metrics_officer', ['officer'], '650109');
    cookie = await t.login('metrics_officer');
  });
  afterAll(() => t.close());

  const scrape = async () => {
    const res = await t.call('GET', '/metrics', { headers: AUTH });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    return res.body;
  };

  it('refuses a scrape without the token (401) and with a wrong one (403)', async () => {
    const none = await t.call('GET', '/metrics');
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toBe('Bearer realm="yinfeng-metrics"');
    expect(none.json().error.message).toBe('读取监控指标须带口令：请求头 Authorization: Bearer <YINFENG_METRICS_TOKEN>');
    const wrong = await t.call('GET', '/metrics', { headers: { authorization: 'Bearer metrics-test-token-0123456780' } });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().error.message).toBe('监控指标口令不正确');
    expect(wrong.body).not.toContain('yinfeng_');
  });

  it('counts requests per route pattern and status, and their latency; no ids in the labels', async () => {
    const before = await scrape();
    const id = randomUUID();
    const health = 'yinfeng_http_requests_total{method="GET",route="/api/health",status_code="200"}';
    const project = 'yinfeng_http_requests_total{method="GET",route="/api/projects/:id",status_code="404"}';
    const latencyCount = 'yinfeng_http_request_duration_seconds_count{method="GET",route="/api/projects/:id",status_code="404"}';
    const latencyInf = 'yinfeng_http_request_duration_seconds_bucket{le="+Inf",method="GET",route="/api/projects/:id",status_code="404"}';
    for (let i = 0; i < 3; i++) expect((await t.call('GET', '/api/health')).statusCode).toBe(200);
    for (let i = 0; i < 2; i++) expect((await t.call('GET', `/api/projects/${id}`, { cookie })).statusCode).toBe(404);
    expect((await t.call('GET', '/api/projects', { cookie: 'yinfeng_session=nothing' })).statusCode).toBe(401);
    const after = await scrape();
    expect((sample(after, health) ?? 0) - (sample(before, health) ?? 0)).toBe(3);
    expect((sample(after, project) ?? 0) - (sample(before, project) ?? 0)).toBe(2);
    expect((sample(after, latencyCount) ?? 0) - (sample(before, latencyCount) ?? 0)).toBe(2);
    expect(sample(after, latencyInf)).toBe(sample(after, latencyCount));
    expect(sample(after, 'yinfeng_http_requests_total{method="GET",route="/api/projects",status_code="401"}')).toBeGreaterThanOrEqual(1);
    // a latency sum that moved, and the route pattern rather than the URL
    expect(sample(after, 'yinfeng_http_request_duration_seconds_sum{method="GET",route="/api/projects/:id",status_code="404"}')).toBeGreaterThan(0);
    expect(after).not.toContain(id);
    // Node's own metrics come along
    expect(after).toContain('process_cpu_user_seconds_total');
  });

  it('reads the pool, job queues, import progress and rollup staleness at scrape time', async () => {
    const owner = t.database.db;
    await owner.execute(sql`select pgboss.create_queue('metrics-probe', '{"policy":"standard"}'::json)`);
    await owner.execute(sql`insert into pgboss.job (name, data, state) values ('metrics-probe', '{}', 'created'), ('metrics-probe', '{}', 'created'), ('metrics-probe', '{}', 'failed')`);
    await owner.execute(sql`insert into import_jobs (kind, status, file_name, file_path, file_bytes, source, source_date, region_code, progress)
      values ('enterprises', 'running', 'a.csv', '/tmp/a.csv', 1000, 'test', '2026-01-01', '650109', '{"phase":"reading","rowsRead":1234,"bytesRead":400}'),
             ('enterprises', 'queued', 'b.csv', '/tmp/b.csv', 50, 'test', '2026-01-01', '650109', '{}')`);
    // a funds rollup part computed an hour ago whose region has changed since
    await owner.execute(sql`insert into funds_rollup_versions (region_code, bucket, version) values ('650109', 3, 2)
      on conflict (region_code, bucket) do update set version = funds_rollup_versions.version + 1`);
    await owner.execute(sql`insert into funds_rollups (region_code, bucket, year, from_month, to_month, variant, version, figures, groups, months, computed_at)
      values ('650109', 3, extract(year from now())::int, 1, 12, 0, 1, '{}', '{}', '[]', now() - interval '1 hour')`);
    const text = await scrape();
    expect(sample(text, 'yinfeng_database_up')).toBe(1);
    expect(sample(text, 'yinfeng_rollup_stale_parts{rollup="funds"}')).toBe(1);
    expect(sample(text, 'yinfeng_rollup_oldest_stale_seconds{rollup="funds"}')).toBeGreaterThanOrEqual(3600);
    expect(sample(text, 'yinfeng_job_queue_waiting{queue="metrics-probe"}')).toBe(2);
    expect(sample(text, 'yinfeng_job_queue_active{queue="metrics-probe"}')).toBe(0);
    expect(sample(text, 'yinfeng_job_failed{queue="metrics-probe"}')).toBe(1);
    expect(sample(text, 'yinfeng_import_jobs{kind="enterprises",status="running"}')).toBe(1);
    expect(sample(text, 'yinfeng_import_jobs{kind="enterprises",status="queued"}')).toBe(1);
    expect(sample(text, 'yinfeng_import_rows_read{kind="enterprises"}')).toBe(1234);
    expect(sample(text, 'yinfeng_import_bytes_read{kind="enterprises"}')).toBe(400);
    expect(sample(text, 'yinfeng_import_file_bytes{kind="enterprises"}')).toBe(1000);
    expect(sample(text, 'yinfeng_rollup_oldest_stale_seconds{rollup="activities"}')).toBe(0);
    // no replicas: the series are declared but have no samples
    expect(text).not.toMatch(/^yinfeng_replica_lag_seconds\{/m);
    if (kind === 'postgres') {
      expect(sample(text, 'yinfeng_db_pool_max')).toBe(10);
      expect(sample(text, 'yinfeng_db_pool_waiting')).toBe(0);
      expect(sample(text, 'yinfeng_db_pool_in_use')).not.toBeNull();
      expect(sample(text, 'yinfeng_db_pool_idle')).not.toBeNull();
    } else {
      expect(text).not.toContain('yinfeng_db_pool_');
    }
    // the import finished: its figures go
    await owner.execute(sql`update import_jobs set status = 'succeeded' where file_name in ('a.csv', 'b.csv')`);
    const later = await scrape();
    expect(sample(later, 'yinfeng_import_rows_read{kind="enterprises"}')).toBeNull();
  });
});

describe('/metrics guards', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yinfeng-metrics-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('answers 404 without a token or address list, 403 outside the address list, and needs both when both are set', async () => {
    const database = await createTestDatabase('pglite', { role: 'app' });
    const apps = await Promise.all(
      [{}, { YINFENG_METRICS_ALLOW: '10.0.0.0/8,::1' }, { YINFENG_METRICS_ALLOW: '10.1.0.0/16', YINFENG_METRICS_TOKEN: TOKEN }].map((env) =>
        buildApp({ config: loadConfig({ YINFENG_DATA_DIR: dataDir, ...env }), database }),
      ),
    );
    try {
      const [none, list, both] = apps as [(typeof apps)[0], (typeof apps)[0], (typeof apps)[0]];
      const get = (app: typeof none, remoteAddress: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url: '/metrics', remoteAddress, headers });
      const hidden = await get(none, '127.0.0.1', AUTH);
      expect(hidden.statusCode).toBe(404);
      expect(hidden.json().error).toEqual({ code: 'NOT_FOUND', message: '接口不存在：GET /metrics' });
      expect((await get(list, '10.2.3.4')).statusCode).toBe(200);
      expect((await get(list, '::ffff:10.2.3.4')).statusCode).toBe(200);
      expect((await get(list, '::1')).statusCode).toBe(200);
      const outside = await get(list, '192.168.1.1');
      expect(outside.statusCode).toBe(403);
      expect(outside.json().error.message).toBe('地址 192.168.1.1 不在 YINFENG_METRICS_ALLOW 允许读取监控指标的范围内');
      expect((await get(both, '10.1.2.3')).statusCode).toBe(401);
      expect((await get(both, '10.2.2.3', AUTH)).statusCode).toBe(403);
      expect((await get(both, '10.1.2.3', AUTH)).statusCode).toBe(200);
    } finally {
      for (const app of apps) await app.close();
      await database.close();
    }
  });
});

describe('request log lines', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yinfeng-log-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('at info level, one JSON line per request with the request id, the user id, route, status and duration; nothing personal', async () => {
    const database = await createTestDatabase('pglite', { role: 'app' });
    const lines: string[] = [];
    const config = loadConfig({ YINFENG_DATA_DIR: dataDir });
    const app = await buildApp({ config, database, logger: { level: 'info', stream: { write: (line: string) => void lines.push(line) } } });
    try {
      const user = await createUser({ db: database.db, config }, createSystemCaller('test'), {
        username: 'log_officer',
        displayName: '王晓红',
        regionCode: '650109',
        password: 'Test@pass-2026',
        roles: ['officer'],
        mustChangePassword: false,
      });
      const login = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { origin: 'http://localhost' }, payload: { username: 'log_officer', password: 'Test@pass-2026' } });
      expect(login.statusCode).toBe(200);
      const session = login.cookies.find((c) => c.name === 'yinfeng_session')?.value ?? '';
      const id = randomUUID();
      lines.length = 0;
      const res = await app.inject({ method: 'GET', url: `/api/projects/${id}?q=13800138000`, headers: { cookie: `yinfeng_session=${session}` } });
      expect(res.statusCode).toBe(404);
      const entries = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
      const done = entries.filter((e) => e.msg === 'request completed');
      expect(done).toHaveLength(1);
      expect(done[0]).toMatchObject({ reqId: res.headers['x-request-id'] ?? expect.any(String), userId: user.id, method: 'GET', route: '/api/projects/:id', statusCode: 404 });
      expect(typeof done[0]?.durationMs).toBe('number');
      // no URL, query, address or name in any line of the request
      const all = lines.join('\n');
      for (const secret of [id, '13800138000', '127.0.0.1', '王晓红', session]) expect(all).not.toContain(secret);
      // an anonymous request has no user id
      lines.length = 0;
      await app.inject({ method: 'GET', url: '/api/health' });
      const anonymous = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((e) => e.msg === 'request completed');
      expect(anonymous).toMatchObject({ route: '/api/health', statusCode: 200 });
      expect(anonymous).not.toHaveProperty('userId');
    } finally {
      await app.close();
      await database.close();
    }
  });

  it('YINFENG_REQUEST_LOG=false: no request lines, other lines as before', async () => {
    const database = await createTestDatabase('pglite', { role: 'app' });
    const lines: string[] = [];
    const config = loadConfig({ YINFENG_DATA_DIR: dataDir, YINFENG_REQUEST_LOG: 'false' });
    expect(config.requestLog).toBe(false);
    const app = await buildApp({ config, database, logger: { level: 'info', stream: { write: (line: string) => void lines.push(line) } } });
    try {
      expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
      expect(lines.filter((l) => l.includes('request completed'))).toEqual([]);
    } finally {
      await app.close();
      await database.close();
    }
  });
});
