/**
 * Read routing rules: which routes may read from a replica (declared, GET only, nothing else), the
 * configuration, and — on PostgreSQL, with a second read-only pool on the same server standing in for a
 * replica (no standby needed; the real standby is in standby-drill.test.ts) — where each kind of statement
 * goes, the read-your-writes marker, and falling back to the primary when the replica fails.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import Fastify, { type FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/config';
import type { Database } from '../../src/db/client';
import { attachReplicas } from '../../src/db/replicas/read-routing';
import { ReadRoutingPool, type ReadScope } from '../../src/db/replicas/read-routing-pool';
import { describeReplicas, type ReplicaStatus } from '../../src/db/replicas/replica-status';
import { openReplicaSet } from '../../src/db/replicas/replica-set';
import { formatMarker } from '../../src/domain/read-your-writes';
import { buildApp } from '../../src/http/app';
import { listDeclaredRoutes } from '../../src/http/plugins/access-guard';
import { registerReadRouting } from '../../src/http/plugins/read-routing';
import { createUser } from '../../src/services/accounts/users';
import { createSystemCaller } from '../../src/services/context';
import { createTestApp, TEST_ORIGIN, TEST_PASSWORD } from '../helpers/app';
import { createTestDatabase, type TestDatabase } from '../helpers/databases';
import { nextNumber, testCreditCode } from '../enterprises/fixtures';

/** Every route whose reads may come from a replica. A change here is a decision: say it in docs/operations.md. */
const REPLICA_ROUTES = [
  'GET /api/documents/:kind.:format',
  'GET /api/enterprises',
  'GET /api/enterprises/:key',
  'GET /api/public/offices',
  'GET /api/public/policies',
  'GET /api/public/policies/:id',
  'GET /api/public/policy-items',
  'GET /api/public/policy-items/:id',
  'GET /api/public/policy-match',
  'GET /api/public/projects',
  'GET /api/public/projects/:id',
  'GET /api/public/resources',
  'GET /api/public/resources/:id',
  'GET /api/public/resources/:id/photos/:photoId',
  'GET /api/public/scoreboard',
  'GET /api/stats/breakdowns',
  'GET /api/stats/rankings',
  'GET /api/stats/service-items',
  'GET /api/stats/summary',
  'GET /portal',
  'GET /portal/complaint',
  'GET /portal/inquiry',
  'GET /portal/offices',
  'GET /portal/policies',
  'GET /portal/policies/:id',
  'GET /portal/policy-items/:id',
  'GET /portal/projects',
  'GET /portal/projects/:id',
  'GET /portal/resources',
  'GET /portal/resources/:id',
  'GET /portal/scoreboard',
];

describe('declared replica routes', () => {
  it('exactly the lag-tolerant reads; every other route reads the primary', async () => {
    const t = await createTestApp('pglite');
    try {
      const declared = listDeclaredRoutes(t.app)
        .filter((r) => r.reads === 'replica' && r.method !== 'HEAD')
        .map((r) => `${r.method} ${r.url}`)
        .sort();
      expect(declared).toEqual([...REPLICA_ROUTES].sort());
      // tracking a case reads the primary: the one who filed it expects the current state
      expect(listDeclaredRoutes(t.app).find((r) => r.url === '/portal/tracking/:number')?.reads).toBeUndefined();
    } finally {
      await t.close();
    }
  });

  it('refuses a replica declaration on a route that is not a GET', async () => {
    const app: FastifyInstance = Fastify();
    registerReadRouting(app, loadConfig({}), undefined);
    expect(() => app.post('/api/x', { config: { reads: 'replica' } }, async () => ({}))).toThrow(/只有 GET/);
    await app.close();
  });
});

describe('replica configuration', () => {
  it('reads DATABASE_REPLICA_URLS and the limits, refuses a bad URL naming the variable, ignores replicas in embedded mode', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://a@db/y', DATABASE_REPLICA_URLS: ' postgres://a:pw@r1/y , postgresql://a@r2:5433/y ', YINFENG_DB_POOL_MAX: '9' });
    expect(c.replicas).toEqual({ urls: ['postgres://a:pw@r1/y', 'postgresql://a@r2:5433/y'], maxLagMs: 5000, checkMs: 2000, rywMs: 15000, poolMax: 5, refused: null });
    expect(loadConfig({ DATABASE_URL: 'postgres://a@db/y' }).replicas.urls).toEqual([]);
    let err: unknown;
    try {
      loadConfig({ DATABASE_URL: 'postgres://a@db/y', DATABASE_REPLICA_URLS: 'postgres://a@r1/y,mysql://a:secret@r2/y' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toContain('DATABASE_REPLICA_URLS');
    expect((err as Error).message).not.toContain('secret');
    expect(() => loadConfig({ DATABASE_URL: 'postgres://a@db/y', DATABASE_REPLICA_MAX_LAG_MS: '10' })).toThrow(/DATABASE_REPLICA_MAX_LAG_MS/);
    const embedded = loadConfig({ DATABASE_REPLICA_URLS: 'postgres://a@r1/y' });
    expect(embedded.database.kind).toBe('pglite');
    expect(embedded.replicas.urls).toEqual([]);
    expect(embedded.replicas.refused).toContain('DATABASE_REPLICA_URLS 已忽略');
  });
});

const serverUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!serverUrl)('routing on PostgreSQL (a read-only pool on the primary standing in for a replica)', () => {
  let primary: TestDatabase;
  let database: Database;
  let app: FastifyInstance;
  let dataDir: string;
  let writer = '';
  let reader = '';
  let leader = '';

  const status = async (): Promise<ReplicaStatus> => {
    const [s] = await describeReplicas(database);
    if (!s) throw new Error('no replica');
    return s;
  };
  const served = async () => (await status()).served;
  const call = (method: string, url: string, cookie: string, body?: unknown) =>
    app.inject({ method: method as 'GET', url, headers: { cookie, ...(method === 'GET' ? {} : { origin: TEST_ORIGIN }) }, ...(body !== undefined ? { payload: body as object } : {}) });
  const login = async (username: string) => {
    const res = await call('POST', '/api/auth/login', '', { username, password: TEST_PASSWORD });
    expect(res.statusCode, res.body).toBe(200);
    return `yinfeng_session=${res.cookies.find((c) => c.name === 'yinfeng_session')?.value}`;
  };
  /** runs f with its statements in the replica scope, as a declared route's handler is */
  const inScope = <T>(f: () => Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      const chosen = database.reads?.runOnReplica(null, () => void f().then(resolve, reject));
      if (!chosen) reject(new Error('no replica chosen'));
    });

  beforeAll(async () => {
    primary = await createTestDatabase('postgres', { role: 'app' });
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yinfeng-routing-data-'));
    const config = loadConfig({
      DATABASE_URL: primary.url ?? '',
      DATABASE_REPLICA_URLS: primary.url ?? '',
      // checks only when the test asks (checkNow), so it knows what the router has seen
      DATABASE_REPLICA_CHECK_MS: '60000',
      DATABASE_REPLICA_RYW_MS: '30000',
      YINFENG_DATA_DIR: dataDir,
      YINFENG_PUBLIC_CACHE_SECONDS: '0',
    });
    database = await attachReplicas(primary, { ...config.replicas, statementTimeoutMs: 0, connectTimeoutMs: 1000 }, () => undefined);
    app = await buildApp({ config, database });
    const deps = { db: primary.db, config };
    for (const [username, roles, region] of [
      ['rr_writer', ['officer'], '650109'],
      ['rr_reader', ['officer'], '650109'],
      ['rr_leader', ['leader'], '650100'],
    ] as const) {
      await createUser(deps, createSystemCaller('test'), { username, displayName: username, regionCode: region, password: TEST_PASSWORD, roles: [...roles], mustChangePassword: false });
    }
    writer = await login('rr_writer');
    reader = await login('rr_reader');
    leader = await login('rr_leader');
    await database.reads?.checkNow();
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('declared reads go to the replica, undeclared routes and writes to the primary; a write answers with the marker', async () => {
    expect(await status()).toMatchObject({ healthy: true, lagMs: 0, standby: false });
    let before = await served();
    expect((await call('GET', '/api/enterprises?q=abc', reader)).statusCode).toBe(200);
    expect(await served()).toBeGreaterThan(before);
    before = await served();
    const stats = await call('GET', '/api/stats/summary?region=650100&from=2026-01&to=2026-06', leader);
    expect(stats.statusCode, stats.body).toBe(200);
    expect(await served()).toBeGreaterThan(before); // its repeatable-read, read-only snapshot too
    before = await served();
    expect((await call('GET', '/api/projects', reader)).statusCode).toBe(200);
    const write = await call('POST', '/api/enterprises', reader, { creditCode: testCreditCode(nextNumber()), name: '路由测试写入有限公司', regionCode: '650109' });
    expect(write.statusCode, write.body).toBe(201);
    expect(write.cookies.find((c) => c.name === 'yinfeng_ryw')).toMatchObject({ httpOnly: true, path: '/', sameSite: 'Lax' });
    expect(await served()).toBe(before);
    const refused = await call('POST', '/api/enterprises', reader, { creditCode: 'bad', name: 'x' });
    expect(refused.statusCode).toBe(400);
    expect(refused.cookies.find((c) => c.name === 'yinfeng_ryw')).toBeUndefined(); // nothing written, no marker
  });

  it("read-your-writes: the writer's reads stay on the primary until the replica has replayed the write's position", async () => {
    const code = testCreditCode(nextNumber());
    const write = await call('POST', '/api/enterprises', writer, { creditCode: code, name: '读己之写测试有限公司', regionCode: '650109' });
    expect(write.statusCode, write.body).toBe(201);
    const marker = `yinfeng_ryw=${write.cookies.find((c) => c.name === 'yinfeng_ryw')?.value}`;
    let before = await served();
    expect((await call('GET', `/api/enterprises/${code}`, `${writer}; ${marker}`)).statusCode).toBe(200);
    expect(await served()).toBe(before); // the replica was last seen before the write
    expect((await call('GET', `/api/enterprises/${code}`, reader)).statusCode).toBe(200);
    expect(await served()).toBeGreaterThan(before); // another user is not held back
    // a marker past its bound no longer holds reads on the primary
    const old = `yinfeng_ryw=${encodeURIComponent(formatMarker('FFFF/0', Date.now() - 31_000))}`;
    before = await served();
    expect((await call('GET', `/api/enterprises/${code}`, `${writer}; ${old}`)).statusCode).toBe(200);
    expect(await served()).toBeGreaterThan(before);
    await database.reads?.checkNow(); // now the replica has replayed (it is the primary's own position)
    before = await served();
    expect((await call('GET', `/api/enterprises/${code}`, `${writer}; ${marker}`)).statusCode).toBe(200);
    expect(await served()).toBeGreaterThan(before);
  });

  it('in the replica scope: statements and read-only transactions run on the replica session, other transactions and writes on the primary', async () => {
    const app_name = sql`select current_setting('application_name') as n, current_setting('transaction_read_only') as ro`;
    const rows = async (r: unknown) => (r as { rows: { n: string; ro: string }[] }).rows[0];
    const db = database.reads?.db;
    if (!db) throw new Error('no routing');
    expect(await rows(await inScope(() => db.execute(app_name)))).toEqual({ n: 'yinfeng-replica', ro: 'on' });
    expect(await rows(await inScope(() => db.transaction((tx) => tx.execute(app_name), { accessMode: 'read only' })))).toEqual({ n: 'yinfeng-replica', ro: 'on' });
    expect((await rows(await inScope(() => db.transaction((tx) => tx.execute(app_name)))))?.n).not.toBe('yinfeng-replica');
    expect((await rows(await db.execute(app_name)))?.n).not.toBe('yinfeng-replica'); // outside the scope
    // a transaction holds one connection from BEGIN to COMMIT (Drizzle must see the router as a pool)
    const held = sql`select current_setting('yinfeng.probe', true) as p`;
    const probe = (r: unknown) => (r as { rows: { p: string | null }[] }).rows[0]?.p;
    for (const config of [{ accessMode: 'read only' } as const, undefined]) {
      const got = await inScope(() =>
        db.transaction(async (tx) => {
          await tx.execute(sql`set local yinfeng.probe = 'held'`);
          return tx.execute(held);
        }, config),
      );
      expect(probe(got)).toBe('held');
    }
    // a write that reached the replica session (25006) runs again on the primary
    const before = (await status()).fallbacks;
    const tag = `rr_${nextNumber()}`;
    await inScope(() => db.execute(sql`insert into settings (key, value) values (${tag}, '1'::jsonb)`));
    expect((await status()).fallbacks).toBe(before + 1);
    expect(((await primary.db.execute(sql`select count(*)::int as n from settings where key = ${tag}`)) as unknown as { rows: unknown[] }).rows[0]).toEqual({ n: 1 });
  });

  it('a replica whose connections end is taken out of service (reads answered by the primary) and back in at the next check', async () => {
    expect((await call('GET', '/api/enterprises?q=abc', reader)).statusCode).toBe(200); // an idle replica connection exists
    const owner = new pg.Client({ connectionString: serverUrl }); // the server's superuser
    await owner.connect();
    try {
      await owner.query(`select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'yinfeng-replica' and datname = $1`, [primary.url ? new URL(primary.url).pathname.slice(1) : '']);
    } finally {
      await owner.end();
    }
    for (let i = 0; i < 50 && (await status()).healthy; i++) await new Promise((r) => setTimeout(r, 20));
    const down = await status();
    expect(down.healthy).toBe(false);
    expect(down.reason).toBeTruthy();
    const before = down.served;
    expect((await call('GET', '/api/enterprises?q=abc', reader)).statusCode).toBe(200);
    expect(await served()).toBe(before);
    await database.reads?.checkNow();
    expect(await status()).toMatchObject({ healthy: true });
    expect((await call('GET', '/api/enterprises?q=abc', reader)).statusCode).toBe(200);
    expect(await served()).toBeGreaterThan(before);
  });

  it('a statement or read-only transaction whose replica cannot be reached runs on the primary without an error', async () => {
    if (primary.kind !== 'postgres') throw new Error('postgres only');
    const set = await openReplicaSet(primary.pool, { urls: ['postgres://nobody@127.0.0.1:1/none'], maxLagMs: 1000, checkMs: 60_000, poolMax: 1, statementTimeoutMs: 0, connectTimeoutMs: 500 }, () => undefined);
    try {
      const replica = set.replicas[0];
      if (!replica) throw new Error('no replica');
      expect(replica.healthy).toBe(false); // the first check found it unreachable
      const scope = new AsyncLocalStorage<ReadScope>();
      // a library boundary, as in read-routing.ts
      const db = drizzle({ client: new ReadRoutingPool(primary.pool, scope, () => undefined) as unknown as pg.Pool });
      replica.healthy = true; // as if it had failed after its last check
      const one = await scope.run({ replica }, async () => await db.execute(sql`select 1 as one`));
      expect(one.rows).toEqual([{ one: 1 }]);
      expect(replica).toMatchObject({ healthy: false, fallbacks: 1, served: 0 });
      replica.healthy = true;
      const tx = await scope.run({ replica }, async () => await db.transaction((t) => t.execute(sql`select 2 as two`), { accessMode: 'read only' }));
      expect(tx.rows).toEqual([{ two: 2 }]);
      expect(replica).toMatchObject({ healthy: false, fallbacks: 2, served: 0 });
    } finally {
      await set.close();
    }
  });
});
