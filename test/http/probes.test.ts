/**
 * Liveness and readiness (issue 15, item 5): GET /api/health says the process is up (degraded when
 * the database does not answer); GET /api/health/ready answers 200 when the database answers, the
 * migrations are this code's and the replicas (through the replica hook) are reachable, and 503
 * naming what is wrong in Chinese otherwise. A replica that is down or behind degrades without 503.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config';
import { wrapPool } from '../../src/db/client';
import { countShippedMigrations } from '../../src/db/health-probe';
import { setReplicaStatusSource, type ReplicaStatus } from '../../src/db/replica-status';
import { buildApp } from '../../src/http/app';
import { createTestApp, type TestApp } from '../helpers/app';
import { createTestDatabase, DATABASE_KINDS } from '../helpers/databases';

const REUSE_MS = 1100; // a readiness answer is reused for a second

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(DATABASE_KINDS)('probes on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  it('liveness answers ok with the runtime, as before', async () => {
    const res = await t.call('GET', '/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: kind });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('readiness answers 200 with the checks; a replica down or behind degrades it, naming the replica', async () => {
    const ready = await t.call('GET', '/api/health/ready');
    expect(ready.statusCode).toBe(200);
    const body = ready.json();
    expect(body.status).toBe('ready');
    expect(body.problems).toEqual([]);
    expect(body.checks.map((c: { name: string; ok: boolean }) => `${c.name}:${c.ok}`)).toEqual(['database:true', 'migrations:true']);
    expect(body.checks[1].message).toBe(`数据库迁移已全部应用（${countShippedMigrations()} 个）`);

    let replicas: ReplicaStatus[] = [{ name: 'standby-1:5433/yinfeng', reachable: false, lagSeconds: null, maxLagSeconds: 30, problem: 'connect ECONNREFUSED' }];
    setReplicaStatusSource(t.database, async () => replicas);
    await pause(REUSE_MS);
    const down = await t.call('GET', '/api/health/ready');
    expect(down.statusCode).toBe(200);
    expect(down.json().status).toBe('degraded');
    expect(down.json().problems).toEqual(['只读副本 standby-1:5433/yinfeng 不可达：connect ECONNREFUSED；读取改由主库承担，请检查副本服务器与网络']);

    replicas = [{ name: 'standby-1:5433/yinfeng', reachable: true, lagSeconds: 42.5, maxLagSeconds: 30, problem: '' }];
    await pause(REUSE_MS);
    const behind = await t.call('GET', '/api/health/ready');
    expect(behind.json().problems).toEqual(['只读副本 standby-1:5433/yinfeng 延迟 42.5 秒，超过上限 30 秒；读取暂由主库承担']);

    // answering and within the limit, yet skipped: the server there is not a standby
    replicas = [{ name: 'standby-1:5433/yinfeng', reachable: true, lagSeconds: 0, maxLagSeconds: 30, problem: '该服务器不是备库（pg_is_in_recovery() 为假）' }];
    await pause(REUSE_MS);
    const notStandby = await t.call('GET', '/api/health/ready');
    expect(notStandby.json().status).toBe('degraded');
    expect(notStandby.json().problems).toEqual(['只读副本 standby-1:5433/yinfeng 暂停使用：该服务器不是备库（pg_is_in_recovery() 为假）；读取暂由主库承担']);

    replicas = [{ name: 'standby-1:5433/yinfeng', reachable: true, lagSeconds: 0.2, maxLagSeconds: 30, problem: '' }];
    await pause(REUSE_MS);
    const fine = await t.call('GET', '/api/health/ready');
    expect(fine.json().status).toBe('ready');
    expect(fine.json().checks.at(-1)).toEqual({ name: 'replica:standby-1:5433/yinfeng', ok: true, required: false, message: '只读副本 standby-1:5433/yinfeng 可用，延迟 0.2 秒' });
  });

  it('readiness answers 503 when a migration of this code is missing from the database', async () => {
    const owner = await createTestApp(kind, {}, { databaseRole: 'owner' });
    try {
      await owner.database.db.execute(sql`delete from drizzle.__drizzle_migrations where id = (select max(id) from drizzle.__drizzle_migrations)`);
      const res = await owner.call('GET', '/api/health/ready');
      expect(res.statusCode).toBe(503);
      const shipped = countShippedMigrations();
      expect(res.json()).toMatchObject({ status: 'not_ready', database: kind });
      expect(res.json().problems).toEqual([`数据库迁移未完成：已应用 ${shipped - 1} 个，本程序需要 ${shipped} 个；请以表所有者身份运行 bin/yinfeng migrate`]);
      // liveness is not concerned: the process is up and the database answers
      expect((await owner.call('GET', '/api/health')).json()).toEqual({ status: 'ok', database: kind });
    } finally {
      await owner.close();
    }
  });

  it('the probes are not refused by the load-shedding gate nor need a session', async () => {
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => t.call('GET', i % 2 ? '/api/health' : '/api/health/ready')));
    expect(results.map((r) => r.statusCode).every((s) => s === 200)).toBe(true);
  });
});

describe('probes when the database does not answer', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yinfeng-probes-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('PostgreSQL unreachable: liveness 200 degraded, readiness 503 naming the database', async () => {
    const pool = new pg.Pool({ connectionString: 'postgres://nobody@127.0.0.1:1/nothing', connectionTimeoutMillis: 1000 });
    const database = wrapPool(pool, 'postgres://127.0.0.1:1/nothing');
    const app = await buildApp({ config: loadConfig({ YINFENG_DATA_DIR: dataDir, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/nothing' }), database });
    try {
      const live = await app.inject({ method: 'GET', url: '/api/health' });
      expect(live.statusCode).toBe(200);
      expect(live.json()).toMatchObject({ status: 'degraded', database: 'postgres' });
      expect(live.json().problems[0]).toMatch(/^数据库不可达：/);
      const ready = await app.inject({ method: 'GET', url: '/api/health/ready' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json().status).toBe('not_ready');
      expect(ready.json().problems).toHaveLength(1);
      expect(ready.json().problems[0]).toMatch(/^数据库不可达：.+；请检查数据库服务器与 DATABASE_URL$/);
    } finally {
      await app.close();
      await database.close();
    }
  });

  it('embedded database closed: liveness 200 degraded, readiness 503', async () => {
    const database = await createTestDatabase('pglite');
    if (database.kind !== 'pglite') throw new Error('expected PGlite');
    const client = database.client;
    const app = await buildApp({ config: loadConfig({ YINFENG_DATA_DIR: dataDir }), database });
    try {
      await client.close();
      const live = await app.inject({ method: 'GET', url: '/api/health' });
      expect(live.json()).toMatchObject({ status: 'degraded', database: 'pglite' });
      const ready = await app.inject({ method: 'GET', url: '/api/health/ready' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json().problems[0]).toMatch(/^数据库不可达：/);
    } finally {
      await app.close();
    }
  });
});
