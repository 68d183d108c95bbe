/**
 * The real application on a fresh test database, driven with app.inject (no network). Its data
 * directory (where uploaded import files wait for their job) is a fresh temporary directory,
 * removed on close, unless the test names one with YINFENG_DATA_DIR (and then cleans it itself).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { loadConfig, type Config } from '../../src/config/config';
import { buildApp } from '../../src/http/app';
import { createSystemCaller, type Deps } from '../../src/services/context';
import { createUser } from '../../src/services/users';
import { createTestDatabase, type DatabaseKind, type DatabaseRole, type TestDatabase } from './databases';

export const TEST_PASSWORD = 'Test@pass-2026';
/** the origin of the app under app.inject (its default Host is localhost:80) */
export const TEST_ORIGIN = 'http://localhost';

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  deps: Deps;
  config: Config;
  /** creates an active account through the service (as the CLI operator) and returns its id */
  createAccount(username: string, roles: string[], regionCode: string): Promise<string>;
  /** logs in and returns the Cookie header value */
  login(username: string, password?: string): Promise<string>;
  call(method: string, url: string, opts?: { cookie?: string; body?: unknown; headers?: Record<string, string> }): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/**
 * The app works as the application role, which owns nothing (src/db/roles.ts), as `yinfeng serve`
 * does; `database.ownerUrl` (PostgreSQL) reaches the same database as the owner. `databaseRole:
 * 'owner'` runs it as the owner instead.
 */
export async function createTestApp(kind: DatabaseKind, env: Record<string, string> = {}, opts: { databaseRole?: DatabaseRole } = {}): Promise<TestApp> {
  const ownDataDir = env.YINFENG_DATA_DIR ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'yinfeng-test-data-'));
  const config = loadConfig(ownDataDir ? { ...env, YINFENG_DATA_DIR: ownDataDir } : env);
  const database = await createTestDatabase(kind, { role: opts.databaseRole ?? 'app' });
  const app = await buildApp({ config, database });
  const deps: Deps = { db: database.db, config };
  // a browser sends Origin with every state-changing request; the CSRF check refuses a session without it
  // (app.inject's Host is localhost:80, or YINFENG_PUBLIC_ORIGIN). A test wanting another Origin passes its own.
  const call: TestApp['call'] = (method, url, opts = {}) =>
    app.inject({
      method: method as 'GET',
      url,
      headers: {
        ...(method === 'GET' || method === 'HEAD' ? {} : { origin: config.publicOrigins[0] ?? TEST_ORIGIN }),
        ...(opts.cookie ? { cookie: opts.cookie } : {}),
        ...opts.headers,
      },
      ...(opts.body !== undefined ? { payload: opts.body as object } : {}),
    });
  return {
    app,
    database,
    deps,
    config,
    call,
    async createAccount(username, roles, regionCode) {
      const user = await createUser(deps, createSystemCaller('test'), {
        username,
        displayName: username,
        regionCode,
        password: TEST_PASSWORD,
        roles,
        mustChangePassword: false,
      });
      return user.id;
    },
    async login(username, password = TEST_PASSWORD) {
      const res = await call('POST', '/api/auth/login', { body: { username, password } });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === 'yinfeng_session');
      if (!cookie) throw new Error('no session cookie');
      return `yinfeng_session=${cookie.value}`;
    },
    /** closes the app, then the database, then removes the data directory, each even when the one before failed */
    async close() {
      try {
        await app.close();
      } finally {
        try {
          await database.close();
        } finally {
          if (ownDataDir) fs.rmSync(ownDataDir, { recursive: true, force: true });
        }
      }
    },
  };
}
