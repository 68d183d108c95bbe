/**
 * Overload (issue 10, item 6): the server degrades instead of stalling. A statement over the statement
 * timeout, a query finding no free pooled connection within the wait, and a request over the limits of
 * requests in progress and queued each answer 503 with Retry-After and a Chinese message, quickly.
 *
 * The database is made slow on purpose: a second connection holds a lock on `projects` (PostgreSQL) or
 * an open transaction holds the only connection (PGlite), so a project list waits as long as the test
 * wants. The server is built the way `yinfeng serve` builds it (prepareDatabase with the server's role).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { prepareDatabase } from '../../src/cli/prepare-database';
import { loadConfig, type Config } from '../../src/config/config';
import { sql } from 'drizzle-orm';
import type { Database, Db } from '../../src/db/client';
import { liftStatementTimeoutInTransaction } from '../../src/db/pool-settings';
import { openJobConnection } from '../../src/jobs/job-connection';
import { buildApp } from '../../src/http/app';
import { createSystemCaller } from '../../src/services/context';
import { createUser } from '../../src/services/accounts/users';
import { DATABASE_KINDS, createTestDatabase, type DatabaseKind, type TestDatabase } from '../helpers/databases';
import { createTestApp, TEST_ORIGIN, TEST_PASSWORD, type TestApp } from '../helpers/app';
import { generatedRows } from '../enterprise-imports/helpers';

interface Server {
  app: FastifyInstance;
  database: Database;
  config: Config;
  cookie: string;
  close(): Promise<void>;
}

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

/** The PostgreSQL server as `yinfeng serve` opens it (its pool, its limits), on a fresh test database. */
async function startPostgresServer(env: Record<string, string>): Promise<Server & { testDatabase: TestDatabase }> {
  const testDatabase = await createTestDatabase('postgres');
  closers.push(() => testDatabase.close());
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yinfeng-overload-'));
  closers.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
  const config = loadConfig({ ...env, DATABASE_URL: testDatabase.url ?? '', YINFENG_DATA_DIR: dataDir });
  const database = await prepareDatabase(config, 'overload test', 'server');
  closers.push(() => database.close());
  const app = await buildApp({ config, database });
  closers.push(() => app.close());
  const cookie = await loginOfficer(app, { db: database.db, config });
  return { app, database, config, cookie, testDatabase, close: async () => undefined };
}

async function loginOfficer(app: FastifyInstance, deps: { db: Database['db']; config: Config }): Promise<string> {
  await createUser(deps, createSystemCaller('test'), {
    username: 'busy_officer',
    displayName: '忙碌专员',
    regionCode: '650109',
    password: TEST_PASSWORD,
    roles: ['officer'],
    mustChangePassword: false,
  });
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'busy_officer', password: TEST_PASSWORD } });
  const cookie = res.cookies.find((c) => c.name === 'yinfeng_session');
  if (!cookie) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  return `yinfeng_session=${cookie.value}`;
}

/** Holds an ACCESS EXCLUSIVE lock on `projects` from a connection of its own until release(). */
async function lockProjects(url: string): Promise<{ release(): Promise<void> }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('begin');
  await client.query('lock table projects in access exclusive mode');
  return {
    async release() {
      await client.query('rollback');
      await client.end();
    },
  };
}

/** Keeps PGlite's only connection busy (an open transaction) until release(). */
async function holdPglite(database: TestDatabase): Promise<{ release(): Promise<void> }> {
  if (database.kind !== 'pglite') throw new Error('PGlite only');
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let started!: () => void;
  const isHeld = new Promise<void>((resolve) => (started = resolve));
  const done = database.client.transaction(async (tx) => {
    await tx.query('select 1');
    started();
    await released;
  });
  await isHeld;
  return {
    async release() {
      release();
      await done;
    },
  };
}

async function showStatementTimeout(db: Db): Promise<string | undefined> {
  const res = (await db.execute(sql`show statement_timeout`)) as unknown as { rows: { statement_timeout: string }[] };
  return res.rows[0]?.statement_timeout;
}

function expectBusy(res: { statusCode: number; headers: Record<string, unknown>; body: string }, code: string) {
  expect(res.statusCode, res.body).toBe(503);
  expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  const body = JSON.parse(res.body) as { error: { code: string; message: string } };
  expect(body.error.code).toBe(code);
  expect(body.error.message).toMatch(/[\u4e00-\u9fff]/);
  expect(body.error.message).toContain('重试');
}

describe.runIf(DATABASE_KINDS.includes('postgres'))('database limits on PostgreSQL', () => {
  it('a statement over the statement timeout is cancelled and answers 503 with Retry-After', async () => {
    const server = await startPostgresServer({ YINFENG_DB_STATEMENT_TIMEOUT_MS: '300' });
    const lock = await lockProjects(server.testDatabase.url ?? '');
    try {
      const t = performance.now();
      const res = await server.app.inject({ method: 'GET', url: '/api/projects', headers: { cookie: server.cookie } });
      const ms = performance.now() - t;
      expectBusy(res, 'QUERY_TIMEOUT');
      expect(JSON.parse(res.body).error.message).toContain('查询超时');
      expect(ms).toBeLessThan(3000);
    } finally {
      await lock.release();
    }
    // the pool is fine afterwards
    const again = await server.app.inject({ method: 'GET', url: '/api/projects', headers: { cookie: server.cookie } });
    expect(again.statusCode, again.body).toBe(200);
  });

  it('when every pooled connection is taken, a request gets 503 within the configured wait; health still answers', async () => {
    const server = await startPostgresServer({ YINFENG_DB_POOL_MAX: '2', YINFENG_DB_POOL_WAIT_MS: '400' });
    if (server.database.kind !== 'postgres') throw new Error('postgres expected');
    const held = [await server.database.pool.connect(), await server.database.pool.connect()];
    try {
      const t = performance.now();
      const res = await server.app.inject({ method: 'GET', url: '/api/projects', headers: { cookie: server.cookie } });
      const ms = performance.now() - t;
      expectBusy(res, 'BUSY');
      expect(JSON.parse(res.body).error.message).toContain('数据库连接');
      expect(ms).toBeGreaterThanOrEqual(350);
      expect(ms).toBeLessThan(2500);
      // the health check has its own connection: it answers at once, pool or no pool
      const h = performance.now();
      const health = await server.app.inject({ method: 'GET', url: '/api/health' });
      expect(health.statusCode, health.body).toBe(200);
      expect(performance.now() - h).toBeLessThan(350);
    } finally {
      for (const c of held) c.release();
    }
    const again = await server.app.inject({ method: 'GET', url: '/api/projects', headers: { cookie: server.cookie } });
    expect(again.statusCode, again.body).toBe(200);
  });

  it('long work keeps its own statement timeout: a job connection and an import transaction are not cut at the request limit', async () => {
    const server = await startPostgresServer({ YINFENG_DB_STATEMENT_TIMEOUT_MS: '200' });
    if (server.database.kind !== 'postgres') throw new Error('postgres expected');
    // a request's statement is cut …
    await expect(server.database.pool.query('select pg_sleep(0.5)')).rejects.toMatchObject({ code: '57014' });
    // … a job's is not (YINFENG_DB_JOB_STATEMENT_TIMEOUT_MS, default none)
    const job = await openJobConnection(server.database);
    try {
      await job.db.execute(sql`select pg_sleep(0.5)`);
    } finally {
      job.release();
    }
    // nor an import's transaction (runImport and the rollup warm-up lift it with SET LOCAL)
    await server.database.db.transaction(async (tx) => {
      await liftStatementTimeoutInTransaction(tx, 0);
      await tx.execute(sql`select pg_sleep(0.5)`);
    });
    // and the pooled sessions still have the requests' limit afterwards
    const shown = await Promise.all([1, 2, 3].map(() => showStatementTimeout(server.database.db)));
    expect(shown).toEqual(['200ms', '200ms', '200ms']);
  });

  it('a change that waits for a lock longer than the lock timeout answers 503 LOCKED with Retry-After; reading goes on', async () => {
    const server = await startPostgresServer({ YINFENG_DB_LOCK_TIMEOUT_MS: '300' });
    const [cells] = generatedRows(1, 700);
    const created = await server.app.inject({
      method: 'POST',
      url: '/api/enterprises',
      headers: { cookie: server.cookie, origin: TEST_ORIGIN },
      payload: { creditCode: cells?.['统一社会信用代码'], name: '锁等待测试有限公司' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const { id, version } = created.json() as { id: string; version: number };
    // what a bulk enterprise load holds until it commits (yinfeng_enterprises_bulk_begin): writers wait, readers do not
    const client = new pg.Client({ connectionString: server.testDatabase.url ?? '' });
    await client.connect();
    await client.query('begin');
    await client.query('lock table enterprises in share mode');
    try {
      const t = performance.now();
      const res = await server.app.inject({
        method: 'PATCH',
        url: `/api/enterprises/${id}`,
        headers: { cookie: server.cookie, origin: TEST_ORIGIN },
        payload: { website: 'https://example.cn', version },
      });
      expect(performance.now() - t).toBeLessThan(3000);
      expectBusy(res, 'LOCKED');
      expect(JSON.parse(res.body).error.message).toContain('本次修改未保存');
      const read = await server.app.inject({ method: 'GET', url: `/api/enterprises/${id}`, headers: { cookie: server.cookie } });
      expect(read.statusCode, read.body).toBe(200);
    } finally {
      await client.query('rollback');
      await client.end();
    }
    const again = await server.app.inject({
      method: 'PATCH',
      url: `/api/enterprises/${id}`,
      headers: { cookie: server.cookie, origin: TEST_ORIGIN },
      payload: { website: 'https://example.cn', version },
    });
    expect(again.statusCode, again.body).toBe(200);
  });

  it('a job statement timeout, when configured, applies to the job connection', async () => {
    const server = await startPostgresServer({ YINFENG_DB_STATEMENT_TIMEOUT_MS: '200', YINFENG_DB_JOB_STATEMENT_TIMEOUT_MS: '5000' });
    const job = await openJobConnection(server.database);
    try {
      expect(await showStatementTimeout(job.db)).toBe('5s');
    } finally {
      job.release();
    }
  });
});

describe.each(DATABASE_KINDS)('load shedding (%s)', (kind: DatabaseKind) => {
  let t: TestApp;
  afterEach(async () => {
    await t?.close();
  });

  it('over the limit of requests in progress and queued, requests get 503 with Retry-After at once; health and login stay reachable', async () => {
    t = await createTestApp(kind, { YINFENG_REQUESTS_MAX_ACTIVE: '1', YINFENG_REQUESTS_MAX_QUEUED: '1', YINFENG_REQUESTS_QUEUE_WAIT_MS: '60000' });
    await t.createAccount('busy_officer', ['officer'], '650109');
    const cookie = await t.login('busy_officer');
    const hold = kind === 'postgres' ? await lockProjects(t.database.url ?? '') : await holdPglite(t.database);
    let released = false;
    try {
      const list = () => t.call('GET', '/api/projects', { cookie });
      const first = list(); // in progress, waiting on the database
      await new Promise((r) => setTimeout(r, 100));
      const second = list(); // queued
      await new Promise((r) => setTimeout(r, 50));
      const started = performance.now();
      const third = await list(); // nowhere to go
      expect(performance.now() - started).toBeLessThan(1000);
      expectBusy(third, 'BUSY');
      expect(JSON.parse(third.body).error.message).toContain('服务器繁忙');
      // not gated: health (PostgreSQL answers it while projects are locked) and login
      if (kind === 'postgres') {
        const health = await t.call('GET', '/api/health');
        expect(health.statusCode).toBe(200);
        const login = await t.call('POST', '/api/auth/login', { body: { username: 'busy_officer', password: TEST_PASSWORD } });
        expect(login.statusCode).toBe(200);
      }
      await hold.release();
      released = true;
      const [a, b] = await Promise.all([first, second]);
      expect(a.statusCode, a.body).toBe(200);
      expect(b.statusCode, b.body).toBe(200);
    } finally {
      if (!released) await hold.release();
    }
    // the places were given back: more requests than the limit, one after the other, all served
    for (let i = 0; i < 4; i++) expect((await t.call('GET', '/api/projects', { cookie })).statusCode).toBe(200);
  });

  it('a queued request that waits longer than the queue wait gets 503 with Retry-After', async () => {
    t = await createTestApp(kind, { YINFENG_REQUESTS_MAX_ACTIVE: '1', YINFENG_REQUESTS_MAX_QUEUED: '10', YINFENG_REQUESTS_QUEUE_WAIT_MS: '300' });
    await t.createAccount('busy_officer', ['officer'], '650109');
    const cookie = await t.login('busy_officer');
    const hold = kind === 'postgres' ? await lockProjects(t.database.url ?? '') : await holdPglite(t.database);
    let released = false;
    try {
      const first = t.call('GET', '/api/projects', { cookie });
      await new Promise((r) => setTimeout(r, 100));
      const started = performance.now();
      const queued = await t.call('GET', '/api/projects', { cookie });
      const ms = performance.now() - started;
      expectBusy(queued, 'BUSY');
      expect(ms).toBeGreaterThanOrEqual(250);
      expect(ms).toBeLessThan(2000);
      await hold.release();
      released = true;
      expect((await first).statusCode).toBe(200);
    } finally {
      if (!released) await hold.release();
    }
  });
});
