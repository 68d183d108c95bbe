import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGIN_FAILED_MESSAGE } from '../../src/services/accounts/auth';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../helpers/app';
import { DATABASE_KINDS } from '../helpers/databases';

interface AuditItem {
  action: string;
  outcome: string;
  actorUsername: string | null;
  objectId: string | null;
  after: unknown;
}

describe.each(DATABASE_KINDS)('accounts and sessions on %s', (kind) => {
  let t: TestApp;
  let auditorCookie: string;
  beforeAll(async () => {
    t = await createTestApp(kind);
    await t.createAccount('aud', ['auditor'], '650000');
    await t.createAccount('sec', ['secadmin'], '650000');
    auditorCookie = await t.login('aud');
  });
  afterAll(() => t.close());

  async function auditFor(objectId: string): Promise<AuditItem[]> {
    const res = await t.call('GET', `/api/audit?objectId=${objectId}&pageSize=200`, { cookie: auditorCookie });
    expect(res.statusCode).toBe(200);
    return (res.json() as { items: AuditItem[] }).items;
  }

  it('logs in with a session cookie that is HttpOnly, SameSite=Lax and not Secure over plain HTTP', async () => {
    await t.createAccount('alice', ['officer'], '650109');
    const res = await t.call('POST', '/api/auth/login', { body: { username: 'Alice', password: TEST_PASSWORD } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      user: {
        username: 'alice',
        role: 'officer',
        roles: ['officer'],
        regionCode: '650109',
        regionName: '米东区',
        regionLevel: 'county',
        permissions: [
          'projects.read',
          'projects.manage',
          'imports.run',
          'evidence.upload',
          'stats.read',
          'enterprises.read',
          'enterprises.manage',
          'enterprises.import',
          'contacts.reveal',
          'contacts.export',
          'chains.read',
          'targeting.read',
          'targeting.manage',
          'activities.read',
          'activities.manage',
          'briefings.read',
          'briefings.manage',
          'portal.manage',
          'inquiries.read',
          'inquiries.manage',
          'commitments.read',
          'commitments.manage',
        ],
      },
    });
    const header = String(res.headers['set-cookie']);
    expect(header).toMatch(/yinfeng_session=/);
    expect(header).toMatch(/HttpOnly/);
    expect(header).toMatch(/SameSite=Lax/);
    expect(header).not.toMatch(/Secure/);
    const cookie = `yinfeng_session=${res.cookies[0]?.value}`;
    const me = await t.call('GET', '/api/auth/me', { cookie });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ username: 'alice' });
  });

  it('marks the cookie Secure when configured to', async () => {
    const secure = await createTestApp(kind, { YINFENG_COOKIE_SECURE: 'true' });
    try {
      await secure.createAccount('bob', ['officer'], '650109');
      const res = await secure.call('POST', '/api/auth/login', { body: { username: 'bob', password: TEST_PASSWORD } });
      expect(String(res.headers['set-cookie'])).toMatch(/Secure/);
    } finally {
      await secure.close();
    }
  });

  it('answers unknown users and wrong passwords alike, and audits both', async () => {
    const id = await t.createAccount('carol', ['officer'], '650109');
    const unknown = await t.call('POST', '/api/auth/login', { body: { username: 'nobody', password: 'x' } });
    const wrong = await t.call('POST', '/api/auth/login', { body: { username: 'carol', password: 'wrong' } });
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
    expect(wrong.json()).toEqual({ error: { code: 'AUTH_FAILED', message: LOGIN_FAILED_MESSAGE } });
    const rows = await auditFor(id);
    expect(rows.map((r) => [r.action, r.outcome])).toContainEqual(['auth.login', 'failure']);
  });

  it('locks the account after 5 failures: the 6th attempt fails even with the right password; the secadmin unlocks', async () => {
    const id = await t.createAccount('dave', ['officer'], '650109');
    for (let i = 0; i < 5; i++) {
      const res = await t.call('POST', '/api/auth/login', { body: { username: 'dave', password: `wrong-${i}` } });
      expect(res.statusCode).toBe(401);
    }
    const sixth = await t.call('POST', '/api/auth/login', { body: { username: 'dave', password: TEST_PASSWORD } });
    expect(sixth.statusCode).toBe(401);
    expect(sixth.json()).toEqual({ error: { code: 'AUTH_FAILED', message: LOGIN_FAILED_MESSAGE } });

    const rows = await auditFor(id);
    const failures = rows.filter((r) => r.action === 'auth.login' && r.outcome === 'failure');
    expect(failures).toHaveLength(6);
    expect(failures.map((r) => (r.after as { why: string }).why).sort()).toEqual([...Array(5).fill('wrongPassword'), 'locked'].sort());
    expect(rows.filter((r) => r.action === 'auth.lock')).toHaveLength(1);

    const sec = await t.login('sec');
    const locked = await t.call('GET', '/api/security/locked-users', { cookie: sec });
    expect((locked.json() as { items: { username: string }[] }).items.map((u) => u.username)).toContain('dave');
    const noReason = await t.call('POST', `/api/users/${id}/unlock`, { cookie: sec, body: { reason: ' ' } });
    expect(noReason.statusCode).toBe(400);
    const unlock = await t.call('POST', `/api/users/${id}/unlock`, { cookie: sec, body: { reason: '本人电话确认' } });
    expect(unlock.statusCode).toBe(200);
    expect(unlock.json()).toMatchObject({ lockedUntil: null, failedLoginCount: 0 });
    await t.login('dave');
  });

  it('unlocks by itself after the lock period', async () => {
    await t.createAccount('erin', ['officer'], '650109');
    for (let i = 0; i < 5; i++) await t.call('POST', '/api/auth/login', { body: { username: 'erin', password: 'nope' } });
    await t.database.db.execute(sql`update users set locked_until = now() - interval '1 second' where username = 'erin'`);
    await t.login('erin');
  });

  it('ends the session on logout', async () => {
    await t.createAccount('frank', ['officer'], '650109');
    const cookie = await t.login('frank');
    expect((await t.call('POST', '/api/auth/logout', { cookie })).statusCode).toBe(204);
    const me = await t.call('GET', '/api/auth/me', { cookie });
    expect(me.statusCode).toBe(401);
    expect(me.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
  });

  it('ends sessions after the idle timeout and after the absolute lifetime', async () => {
    await t.createAccount('gina', ['officer'], '650109');
    const idle = await t.login('gina');
    const absolute = await t.login('gina');
    const hash = (c: string) => c.split('=')[1] ?? '';
    const { hashToken } = await import('../../src/services/accounts/auth');
    await t.database.db.execute(sql`update sessions set last_seen_at = now() - interval '31 minutes' where id = ${hashToken(hash(idle))}`);
    await t.database.db.execute(sql`update sessions set expires_at = now() - interval '1 second' where id = ${hashToken(hash(absolute))}`);
    expect((await t.call('GET', '/api/auth/me', { cookie: idle })).statusCode).toBe(401);
    expect((await t.call('GET', '/api/auth/me', { cookie: absolute })).statusCode).toBe(401);
    const fresh = await t.login('gina');
    expect((await t.call('GET', '/api/auth/me', { cookie: fresh })).statusCode).toBe(200);
  });

  it('disabling an account ends its sessions and refuses its logins', async () => {
    const id = await t.createAccount('hank', ['officer'], '650109');
    await t.createAccount('sys', ['sysadmin'], '650000');
    const cookie = await t.login('hank');
    const sys = await t.login('sys');
    const res = await t.call('POST', `/api/users/${id}/disable`, { cookie: sys, body: { reason: '调离' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'disabled' });
    expect((await t.call('GET', '/api/auth/me', { cookie })).statusCode).toBe(401);
    const again = await t.call('POST', '/api/auth/login', { body: { username: 'hank', password: TEST_PASSWORD } });
    expect(again.statusCode).toBe(401);
  });

  it('changes the own password under the policy and ends the other sessions', async () => {
    await t.createAccount('ivy', ['officer'], '650109');
    const a = await t.login('ivy');
    const b = await t.login('ivy');
    const weak = await t.call('POST', '/api/auth/password', { cookie: a, body: { currentPassword: TEST_PASSWORD, newPassword: 'short' } });
    expect(weak.statusCode).toBe(400);
    expect(weak.json()).toMatchObject({ error: { code: 'VALIDATION', details: [{ field: 'newPassword' }] } });
    const wrongCurrent = await t.call('POST', '/api/auth/password', { cookie: a, body: { currentPassword: 'bad', newPassword: 'New-pass-2026' } });
    expect(wrongCurrent.json()).toMatchObject({ error: { message: '当前密码不正确' } });
    const ok = await t.call('POST', '/api/auth/password', { cookie: a, body: { currentPassword: TEST_PASSWORD, newPassword: 'New-pass-2026' } });
    expect(ok.statusCode).toBe(204);
    expect((await t.call('GET', '/api/auth/me', { cookie: a })).statusCode).toBe(200);
    expect((await t.call('GET', '/api/auth/me', { cookie: b })).statusCode).toBe(401);
    await t.login('ivy', 'New-pass-2026');
  });

  it('lets the security administrator change the policy, which then applies to logins', async () => {
    const sec = await t.login('sec');
    const current = (await t.call('GET', '/api/security/policy', { cookie: sec })).json() as Record<string, number>;
    expect(current).toEqual({ passwordMinLength: 8, passwordMinClasses: 3, maxFailedLogins: 5, lockMinutes: 15, sessionIdleMinutes: 30, sessionAbsoluteHours: 12 });
    const noReason = await t.call('PUT', '/api/security/policy', { cookie: sec, body: { ...current, maxFailedLogins: 2 } });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json()).toMatchObject({ error: { details: [{ field: 'reason' }] } });
    const res = await t.call('PUT', '/api/security/policy', { cookie: sec, body: { ...current, maxFailedLogins: 2, reason: '等保测评要求' } });
    expect(res.statusCode).toBe(200);
    const { getSecurityPolicy } = await import('../../src/services/accounts/security-policy');
    // the policy cache lives in the service; read through it as a login would
    expect((await getSecurityPolicy(t.deps)).maxFailedLogins).toBe(2);
    await t.createAccount('jack', ['officer'], '650109');
    for (let i = 0; i < 2; i++) await t.call('POST', '/api/auth/login', { body: { username: 'jack', password: 'nope' } });
    const third = await t.call('POST', '/api/auth/login', { body: { username: 'jack', password: TEST_PASSWORD } });
    expect(third.statusCode).toBe(401);
    await t.call('PUT', '/api/security/policy', { cookie: sec, body: { ...current, reason: '恢复默认' } });
  });
});
