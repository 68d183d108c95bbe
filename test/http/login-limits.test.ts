/**
 * Issue 10 item 10 (brute force): login is rate-limited per client address and per user name (429
 * with Retry-After), counted in the database so every app process shares the budget; the account
 * lock stays, but a browser that signed in before still gets in; an unlock by the security
 * administrator is shown to the locked user.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../helpers/app';
import { DATABASE_KINDS } from '../helpers/databases';

interface Attempt {
  username: string;
  password: string;
  ip: string;
  device?: string;
}

describe.each(DATABASE_KINDS)('login limits on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
    await t.createAccount('sec', ['secadmin'], '650000');
  });
  afterAll(() => t.close());

  function attempt(a: Attempt, app = t.app): Promise<LightMyRequestResponse> {
    return app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: a.ip,
      headers: { origin: 'http://localhost', ...(a.device ? { cookie: `yinfeng_device=${a.device}` } : {}) },
      payload: { username: a.username, password: a.password },
    });
  }

  it('answers 429 with Retry-After once one address has failed 30 times in 15 minutes (60 rapid failures)', async () => {
    const statuses: number[] = [];
    let limited: LightMyRequestResponse | undefined;
    for (let i = 0; i < 60; i++) {
      const res = await attempt({ username: `guess${i}`, password: 'wrong-password', ip: '203.0.113.7' });
      statuses.push(res.statusCode);
      limited ??= res.statusCode === 429 ? res : undefined;
    }
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(30).every((s) => s === 429)).toBe(true);
    expect(limited?.json()).toMatchObject({ error: { code: 'RATE_LIMITED' } });
    const retryAfter = Number(limited?.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    // another address is not affected
    expect((await attempt({ username: 'guess0', password: 'wrong-password', ip: '203.0.113.8' })).statusCode).toBe(401);
  });

  it('counts in the database: a second app process on the same database sees the same failures', async () => {
    const second = await buildApp({ config: t.config, database: t.database });
    try {
      for (let i = 0; i < 15; i++) expect((await attempt({ username: `two${i}`, password: 'x-wrong', ip: '203.0.113.20' })).statusCode).toBe(401);
      for (let i = 15; i < 30; i++) expect((await attempt({ username: `two${i}`, password: 'x-wrong', ip: '203.0.113.20' }, second)).statusCode).toBe(401);
      expect((await attempt({ username: 'two30', password: 'x-wrong', ip: '203.0.113.20' })).statusCode).toBe(429);
      expect((await attempt({ username: 'two31', password: 'x-wrong', ip: '203.0.113.20' }, second)).statusCode).toBe(429);
    } finally {
      await second.close();
    }
  });

  it('answers 429 per user name after 10 failures from many addresses, alike for existing and unknown names', async () => {
    await t.createAccount('target1', ['officer'], '650109');
    const replies: Record<string, LightMyRequestResponse[]> = { target1: [], ghost1: [] };
    for (const username of ['target1', 'ghost1']) {
      for (let i = 0; i < 12; i++) replies[username]!.push(await attempt({ username, password: `wrong-${i}`, ip: `198.51.100.${i + 1}` }));
    }
    for (const username of ['target1', 'ghost1']) {
      const statuses = replies[username]!.map((r) => r.statusCode);
      expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
      expect(statuses.slice(10)).toEqual([429, 429]);
      expect(Number(replies[username]![10]!.headers['retry-after'])).toBeGreaterThan(0);
    }
    // the same bodies for the existing account and the unknown name
    expect(replies.target1!.map((r) => r.json())).toEqual(replies.ghost1!.map((r) => r.json()));
    // even the right password waits
    expect((await attempt({ username: 'target1', password: TEST_PASSWORD, ip: '198.51.100.99' })).statusCode).toBe(429);
  });

  it('keeps the lock for strangers, but the browser that signed in before still gets in', async () => {
    await t.createAccount('owner1', ['officer'], '650109');
    const first = await attempt({ username: 'owner1', password: TEST_PASSWORD, ip: '192.0.2.10' });
    expect(first.statusCode).toBe(200);
    const device = first.cookies.find((c) => c.name === 'yinfeng_device');
    expect(device?.httpOnly).toBe(true);
    expect(device?.path).toBe('/api/auth/login');
    for (let i = 0; i < 5; i++) expect((await attempt({ username: 'owner1', password: `bad-${i}`, ip: `192.0.2.${20 + i}` })).statusCode).toBe(401);
    // locked: a stranger with the right password is refused
    expect((await attempt({ username: 'owner1', password: TEST_PASSWORD, ip: '192.0.2.30' })).statusCode).toBe(401);
    // the owner's browser is not
    const owner = await attempt({ username: 'owner1', password: TEST_PASSWORD, ip: '192.0.2.10', device: device?.value });
    expect(owner.statusCode).toBe(200);
    // and is told what happened
    const notice = (owner.json() as { notice: { failedLogins: number; events: { action: string; message: string }[] } }).notice;
    expect(notice.failedLogins).toBeGreaterThanOrEqual(6);
    expect(notice.events.map((e) => e.action)).toContain('auth.lock');
  });

  it('shows the locked user who unlocked the account, when and why', async () => {
    const id = await t.createAccount('locked1', ['officer'], '650109');
    for (let i = 0; i < 5; i++) await attempt({ username: 'locked1', password: `bad-${i}`, ip: `192.0.2.${40 + i}` });
    const sec = await t.login('sec');
    const unlock = await t.call('POST', `/api/users/${id}/unlock`, { cookie: sec, body: { reason: '本人电话确认' } });
    expect(unlock.statusCode).toBe(200);
    const res = await attempt({ username: 'locked1', password: TEST_PASSWORD, ip: '192.0.2.50' });
    expect(res.statusCode).toBe(200);
    const { notice } = res.json() as { notice: { events: { action: string; by: string | null; reason: string | null; message: string }[] } };
    const unlocked = notice.events.find((e) => e.action === 'user.unlock');
    expect(unlocked).toMatchObject({ by: '安全管理员 sec（sec）', reason: '本人电话确认' });
    expect(unlocked?.message).toMatch(/^\d{4}\/\d{1,2}\/\d{1,2} .*安全管理员 sec（sec）解锁了您的账号，原因：本人电话确认$/);
    expect(notice.events.map((e) => e.action)).toContain('auth.lock');
    // and on the account page
    const cookie = `yinfeng_session=${res.cookies.find((c) => c.name === 'yinfeng_session')?.value}`;
    const events = await t.call('GET', '/api/auth/security-events', { cookie });
    expect(events.statusCode).toBe(200);
    expect((events.json() as { items: { action: string }[] }).items.map((e) => e.action)).toEqual(expect.arrayContaining(['user.unlock', 'auth.lock', 'auth.login']));
  });
});
