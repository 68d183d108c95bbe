/**
 * Issue 10 item 14: a login reply takes the same time whether the user exists or not. Timings
 * belong in the benchmark (npm run bench:login-timing); this test checks the structure that makes
 * them equal: every branch (unknown user, wrong password, locked, disabled, missing or wrong second
 * factor, success) runs exactly one argon2 verification and no argon2 hashing.
 */
import type * as Argon2 from '@node-rs/argon2';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const counts = vi.hoisted(() => ({ verify: 0, hash: 0 }));
vi.mock('@node-rs/argon2', async (importOriginal) => {
  const real = await importOriginal<typeof Argon2>();
  return {
    ...real,
    verify: (...args: Parameters<typeof real.verify>) => {
      counts.verify += 1;
      return real.verify(...args);
    },
    hash: (...args: Parameters<typeof real.hash>) => {
      counts.hash += 1;
      return real.hash(...args);
    },
  };
});

// the suite runs files without isolation (vitest.config.ts): an earlier file may have loaded the application with
// the real argon2 already; the registry is emptied so that the imports below take the counting mock
vi.resetModules();
const { createTestApp, TEST_PASSWORD } = await import('../helpers/app');
const { DATABASE_KINDS } = await import('../helpers/databases');
type TestApp = Awaited<ReturnType<typeof createTestApp>>;

describe.each(DATABASE_KINDS)('login work per branch on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
    await t.createAccount('plain', ['officer'], '650109');
    await t.createAccount('lockme', ['officer'], '650109');
    const off = await t.createAccount('gone', ['officer'], '650109');
    await t.createAccount('admin2fa', ['secadmin'], '650000');
    await t.createAccount('sys', ['sysadmin'], '650000');
    for (let i = 0; i < 5; i++) await t.call('POST', '/api/auth/login', { body: { username: 'lockme', password: `bad-${i}` } });
    const sys = await t.login('sys');
    expect((await t.call('POST', `/api/users/${off}/disable`, { cookie: sys, body: { reason: '测试' } })).statusCode).toBe(200);
  });
  afterAll(() => t.close());

  const branches: [string, Record<string, string>, number, string | null][] = [
    ['unknown user', { username: 'nobody-here', password: TEST_PASSWORD }, 401, 'AUTH_FAILED'],
    ['unknown user again', { username: 'nobody-else', password: 'x' }, 401, 'AUTH_FAILED'],
    ['wrong password', { username: 'plain', password: 'wrong-pass' }, 401, 'AUTH_FAILED'],
    ['locked account, right password', { username: 'lockme', password: TEST_PASSWORD }, 401, 'AUTH_FAILED'],
    ['disabled account, right password', { username: 'gone', password: TEST_PASSWORD }, 401, 'AUTH_FAILED'],
    ['second factor missing', { username: 'admin2fa', password: TEST_PASSWORD }, 401, 'TOTP_REQUIRED'],
    ['second factor wrong', { username: 'admin2fa', password: 'wrong-pass', totp: '000000' }, 401, 'TOTP_REQUIRED'],
    ['success', { username: 'plain', password: TEST_PASSWORD }, 200, null],
  ];

  it.each(branches)('%s: one argon2 verification, no hashing', async (_name, body, status, code) => {
    counts.verify = 0;
    counts.hash = 0;
    const res = await t.call('POST', '/api/auth/login', { body });
    expect(res.statusCode).toBe(status);
    if (code) expect(res.json()).toMatchObject({ error: { code } });
    expect(counts).toEqual({ verify: 1, hash: 0 });
  });
});
