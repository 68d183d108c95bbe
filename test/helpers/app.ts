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
import { createUser } from '../../src/services/accounts/users';
import { generateTotpCode } from '../../src/services/accounts/second-factor';
import { requiresSecondFactor } from '../../src/domain/roles';
import { sql } from 'drizzle-orm';
import { createTestDatabase, type DatabaseKind, type DatabaseRole, type TestDatabase } from './databases';

export const TEST_PASSWORD = 'Test@pass-2026';
/** The TOTP secret createAccount enrols for the administrator roles (their second factor is mandatory). */
export const TEST_TOTP_SECRET = 'TESTTOTPSECRETKEYFORYINFENG23456';
/** the origin of the app under app.inject (its default Host is localhost:80) */
export const TEST_ORIGIN = 'http://localhost';

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  deps: Deps;
  config: Config;
  /** creates an active account through the service (as the CLI operator) and returns its id; administrators get TEST_TOTP_SECRET */
  createAccount(username: string, roles: string[], regionCode: string): Promise<string>;
  /** logs in (with a TOTP code when the account has a second factor) and returns the Cookie header value */
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
  // every app.inject call comes from 127.0.0.1: the public side's per-address limit is lifted unless a test sets it;
  // public reads are not cached (a test reads its own change at once) unless a test sets YINFENG_PUBLIC_CACHE_SECONDS
  const withLimits = { YINFENG_PUBLIC_RATE_LIMIT: '1000000', YINFENG_PUBLIC_CACHE_SECONDS: '0', ...env };
  const config = loadConfig(ownDataDir ? { ...withLimits, YINFENG_DATA_DIR: ownDataDir } : withLimits);
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
        ...(requiresSecondFactor(roles) ? { totpSecret: TEST_TOTP_SECRET } : {}),
      });
      return user.id;
    },
    async login(username, password = TEST_PASSWORD) {
      // an enrolled account signs in with the current code; the helper forgets the last used step first,
      // as if the next 30-second window had come, so a test may sign in the same account again at once
      const factor = await database.db.execute<{ secret: string }>(
        sql`update user_totp t set last_step = null from users u where u.id = t.user_id and lower(u.username) = lower(${username}) and t.confirmed_at is not null returning t.secret`,
      );
      const secret = (factor as unknown as { rows: { secret: string }[] }).rows[0]?.secret;
      const body = secret ? { username, password, totp: generateTotpCode(secret) } : { username, password };
      const res = await call('POST', '/api/auth/login', { body });
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
