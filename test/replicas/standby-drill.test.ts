/**
 * The replica drill (PostgreSQL only): a real streaming standby of the test server (standby.ts), Yinfeng on
 * the primary and the standby, and each claim shown on it — declared reads go to the standby and writes to
 * the primary; a user sees their own write at once while the standby has not replayed it (replay paused) and
 * another user does not; a standby lagging beyond the limit is skipped; stopped, reads fall back to the
 * primary without an error; started again, it serves again. Skipped with the reason when it cannot run here.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config';
import type { Database } from '../../src/db/client';
import { attachReplicas } from '../../src/db/replicas/read-routing';
import { describeReplicas, type ReplicaStatus } from '../../src/db/replicas/replica-status';
import { parseLsn } from '../../src/domain/read-your-writes';
import { runDoctorChecks } from '../../src/cli/commands/doctor';
import { buildApp } from '../../src/http/app';
import { createUser } from '../../src/services/accounts/users';
import { createSystemCaller } from '../../src/services/context';
import { TEST_ORIGIN, TEST_PASSWORD } from '../helpers/app';
import { createTestDatabase, type TestDatabase } from '../helpers/databases';
import { nextNumber, testCreditCode } from '../enterprises/fixtures';
import { createStandby, standbyUnavailable, type Standby } from './standby';

const serverUrl = process.env.TEST_DATABASE_URL;
const unavailable = await standbyUnavailable(serverUrl);
if (unavailable) console.warn(unavailable);

// generous: on a loaded machine (and with other test files writing to the same cluster while replay is paused)
// the writer's request and the two reads after it must finish before the paused standby counts as lagging
const MAX_LAG_MS = 8000;
const METRICS_TOKEN = 'replica-drill-metrics-token';

describe.skipIf(unavailable !== null)('replica drill: a real streaming standby', () => {
  let primaryDb: TestDatabase;
  let database: Database;
  let standby: Standby | null = null;
  let app: FastifyInstance;
  let dataDir: string;
  const cookies: Record<string, string> = {};
  const logLines: string[] = [];
  const started = Date.now();

  const status = async (): Promise<ReplicaStatus> => {
    const [s] = await describeReplicas(database);
    if (!s) throw new Error('no replica');
    return s;
  };
  const until = async (what: string, ok: (s: ReplicaStatus) => boolean, ms = 15_000) => {
    const end = Date.now() + ms;
    for (;;) {
      await database.reads?.checkNow();
      const s = await status();
      if (ok(s)) return s;
      if (Date.now() > end) throw new Error(`${what}: ${JSON.stringify(s)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  /** the standby is fit and has replayed everything the primary has written now */
  const caughtUp = async () => {
    const target = parseLsn(await database.reads?.primaryLsn()) ?? 0n;
    return until('caught up', (s) => s.healthy && s.replayLsn !== null && BigInt(s.replayLsn) >= target);
  };
  const call = async (method: string, url: string, who: string, body?: unknown) => {
    const res = await app.inject({
      method: method as 'GET',
      url,
      headers: { cookie: cookies[who] ?? '', ...(method === 'GET' ? {} : { origin: TEST_ORIGIN }) },
      ...(body !== undefined ? { payload: body as object } : {}),
    });
    // keep the browser's cookies: the session and the read-your-writes marker
    for (const c of res.cookies) {
      const jar = new Map((cookies[who] ?? '').split('; ').filter(Boolean).map((kv) => [kv.split('=')[0] ?? '', kv] as const));
      jar.set(c.name, `${c.name}=${c.value}`);
      cookies[who] = [...jar.values()].join('; ');
    }
    return res;
  };
  const served = async () => (await status()).served;
  /** `bin/yinfeng doctor`'s checks of the replica, with this drill's configuration */
  const doctorReplicaCheck = async () => {
    const checks = await runDoctorChecks({
      DATABASE_URL: primaryDb.url ?? '',
      DATABASE_REPLICA_URLS: standby?.urlOf(primaryDb.url ?? '') ?? '',
      DATABASE_REPLICA_MAX_LAG_MS: String(MAX_LAG_MS),
      YINFENG_DATA_DIR: dataDir,
    });
    const replica = checks.filter((c) => c.name.startsWith('replica'));
    expect(replica).toHaveLength(1);
    return replica[0];
  };

  beforeAll(async () => {
    primaryDb = await createTestDatabase('postgres', { role: 'app' });
    try {
      standby = await createStandby(serverUrl as string);
    } catch (err) {
      await primaryDb.close();
      throw err;
    }
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yinfeng-drill-data-'));
    const config = loadConfig({
      DATABASE_URL: primaryDb.url ?? '',
      DATABASE_REPLICA_URLS: standby.urlOf(primaryDb.url ?? ''),
      DATABASE_REPLICA_MAX_LAG_MS: String(MAX_LAG_MS),
      DATABASE_REPLICA_CHECK_MS: '250',
      DATABASE_REPLICA_RYW_MS: '60000',
      YINFENG_DATA_DIR: dataDir,
      YINFENG_PUBLIC_RATE_LIMIT: '1000000',
      YINFENG_PUBLIC_CACHE_SECONDS: '0',
      YINFENG_METRICS_TOKEN: METRICS_TOKEN,
    });
    database = await attachReplicas(primaryDb, { ...config.replicas, statementTimeoutMs: 0, connectTimeoutMs: 1000 }, (line) => logLines.push(line));
    app = await buildApp({ config, database });
    const deps = { db: primaryDb.db, config };
    for (const [username, roles, region] of [
      ['drill_writer', ['officer'], '650109'],
      ['drill_reader', ['officer'], '650109'],
      ['drill_leader', ['leader'], '650100'],
    ] as const) {
      await createUser(deps, createSystemCaller('test'), { username, displayName: username, regionCode: region, password: TEST_PASSWORD, roles: [...roles], mustChangePassword: false });
      const res = await call('POST', '/api/auth/login', username, { username, password: TEST_PASSWORD });
      expect(res.statusCode, res.body).toBe(200);
    }
  }, 120_000);

  afterAll(async () => {
    try {
      await app?.close();
      await database?.close();
    } finally {
      await standby?.destroy();
      if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
      console.info(`replica drill: ${((Date.now() - started) / 1000).toFixed(1)} s; watcher: ${logLines.join(' | ')}`);
    }
  }, 60_000);

  it('routes declared reads (search, page, statistics) to the standby, other routes and writes to the primary', async () => {
    await caughtUp();
    // the standby's own view: Yinfeng's replica sessions are there
    let before = await served();
    const search = await call('GET', '/api/enterprises?q=%E5%85%89%E4%BC%8F', 'drill_reader');
    expect(search.statusCode, search.body).toBe(200);
    expect(await served()).toBeGreaterThan(before);
    const sessions = await standby?.query<{ n: string }>("select count(*)::text as n from pg_stat_activity where application_name = 'yinfeng-replica'");
    expect(Number(sessions?.[0]?.n)).toBeGreaterThan(0);

    before = await served();
    const stats = await call('GET', '/api/stats/summary?region=650100&from=2026-01&to=2026-06', 'drill_leader');
    expect(stats.statusCode, stats.body).toBe(200);
    expect(await served()).toBeGreaterThan(before);

    before = await served();
    const projects = await call('GET', '/api/projects', 'drill_reader');
    expect(projects.statusCode, projects.body).toBe(200);
    const code = testCreditCode(nextNumber());
    const write = await call('POST', '/api/enterprises', 'drill_reader', { creditCode: code, name: '演练写入主库有限公司', regionCode: '650109' });
    expect(write.statusCode, write.body).toBe(201);
    expect(write.cookies.find((c) => c.name === 'yinfeng_ryw')?.value).toMatch(/^[0-9A-F]+\/[0-9A-F]+~\d+$/);
    expect(await served()).toBe(before);

    // /metrics: the standby is up, its lag is known, and the reads above are counted as served by it
    const metrics = await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(metrics.statusCode, metrics.body).toBe(200);
    const sample = (name: string) => Number(new RegExp(`^${name}\\{replica="127\\.0\\.0\\.1:${standby?.port}/[^"]+"\\} (\\S+)$`, 'm').exec(metrics.body)?.[1] ?? Number.NaN);
    expect(sample('yinfeng_replica_up')).toBe(1);
    expect(sample('yinfeng_replica_lag_seconds')).toBeGreaterThanOrEqual(0);
    expect(sample('yinfeng_replica_reads_served')).toBe(await served());
    expect(sample('yinfeng_replica_reads_served')).toBeGreaterThan(0);

    // the doctor opens the replica itself (a one-shot command has no watcher) and reports its lag
    const doctor = await doctorReplicaCheck();
    expect(doctor?.status).toBe('ok');
    expect(doctor?.message).toMatch(/^只读副本 127\.0\.0\.1:\d+\/\S+ 可用，延迟 \d+\.\d 秒$/);
  });

  it('read-your-writes: with replay paused the writer sees the new enterprise, another user does not; a lagging standby is skipped; replayed, all see it', async () => {
    await caughtUp();
    await standby?.query('select pg_wal_replay_pause()');
    await until('paused', () => true, 1000);
    const code = testCreditCode(nextNumber());
    const write = await call('POST', '/api/enterprises', 'drill_writer', { creditCode: code, name: '演练读己之写有限公司', regionCode: '650109' });
    expect(write.statusCode, write.body).toBe(201);

    let before = await served();
    const own = await call('GET', `/api/enterprises/${code}`, 'drill_writer');
    expect(own.statusCode, own.body).toBe(200); // the primary: the standby has not replayed the write
    expect(await served()).toBe(before);
    const other = await call('GET', `/api/enterprises/${code}`, 'drill_reader');
    expect(other.statusCode).toBe(404); // the standby, behind: proof that this read went there
    expect(await served()).toBeGreaterThan(before);

    // still paused: the lag grows past the limit and the standby is taken out of service
    const lagging = await until('lag beyond the limit', (s) => !s.healthy, MAX_LAG_MS + 8000);
    expect(lagging.reason).toContain('DATABASE_REPLICA_MAX_LAG_MS');
    before = await served();
    const skipped = await call('GET', `/api/enterprises/${code}`, 'drill_reader');
    expect(skipped.statusCode, skipped.body).toBe(200);
    expect(await served()).toBe(before);

    await standby?.query('select pg_wal_replay_resume()');
    await caughtUp();
    before = await served();
    const replayed = await call('GET', `/api/enterprises/${code}`, 'drill_reader');
    expect(replayed.statusCode, replayed.body).toBe(200);
    expect(await served()).toBeGreaterThan(before);
  });

  it('falls back to the primary without errors while the standby is stopped, and uses it again when it returns', async () => {
    await caughtUp();
    standby?.stop();
    for (let i = 0; i < 4; i++) {
      const search = await call('GET', '/api/enterprises?q=%E6%BC%94%E7%BB%83', 'drill_reader');
      expect(search.statusCode, search.body).toBe(200);
      const stats = await call('GET', '/api/stats/summary?region=650100&from=2026-01&to=2026-06', 'drill_leader');
      expect(stats.statusCode, stats.body).toBe(200);
    }
    const down = await until('out of service', (s) => !s.healthy);
    expect(down.reason).toBeTruthy();
    const doctor = await doctorReplicaCheck();
    expect(doctor?.status).toBe('warn');
    expect(doctor?.message).toContain('不可达');

    await standby?.start();
    await caughtUp();
    const before = await served();
    const search = await call('GET', '/api/enterprises?q=%E6%BC%94%E7%BB%83', 'drill_reader');
    expect(search.statusCode, search.body).toBe(200);
    expect(await served()).toBeGreaterThan(before);
  });
});
