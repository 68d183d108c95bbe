/**
 * Issue 10 item 13: the system administrator cannot take over the other administrators (only the
 * security administrator manages administrator accounts' passwords and status; nobody acts on
 * their own account); a temporary password must be changed before any other API call succeeds;
 * common passwords are refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../helpers/app';
import { DATABASE_KINDS } from '../helpers/databases';

describe.each(DATABASE_KINDS)('administrator accounts on %s', (kind) => {
  let t: TestApp;
  let sys: string;
  let sec: string;
  let secId: string;
  let audId: string;
  beforeAll(async () => {
    t = await createTestApp(kind);
    secId = await t.createAccount('sec', ['secadmin'], '650000');
    audId = await t.createAccount('aud', ['auditor'], '650000');
    await t.createAccount('sys', ['sysadmin'], '650000');
    sys = await t.login('sys');
    sec = await t.login('sec');
  });
  afterAll(() => t.close());

  it('refuses the system administrator resetting the secadmin password, disabling the auditor or editing an administrator', async () => {
    const reset = await t.call('POST', `/api/users/${secId}/reset-password`, { cookie: sys, body: { newPassword: 'Taken-over-77', reason: '接管' } });
    expect(reset.statusCode).toBe(403);
    expect(reset.json()).toMatchObject({ error: { code: 'FORBIDDEN', message: '管理员账号的密码只能由安全管理员操作' } });
    const disable = await t.call('POST', `/api/users/${audId}/disable`, { cookie: sys, body: { reason: '停用审计' } });
    expect(disable.statusCode).toBe(403);
    const aud = (await t.call('GET', `/api/users/${audId}`, { cookie: sys })).json() as { version: number };
    const move = await t.call('PATCH', `/api/users/${audId}`, { cookie: sys, body: { regionCode: '650109', version: aud.version } });
    expect(move.statusCode).toBe(403);
    // the secadmin can still sign in with the old password
    await t.login('sec');
    expect(((await t.call('GET', `/api/users/${audId}`, { cookie: sys })).json() as { status: string }).status).toBe('active');
  });

  it('lets the security administrator manage administrator accounts, not business ones, and never their own', async () => {
    const otherSys = await t.createAccount('sys2', ['sysadmin'], '650000');
    const reset = await t.call('POST', `/api/security/users/${otherSys}/reset-password`, { cookie: sec, body: { newPassword: 'Reset-pass-77', reason: '遗忘密码' } });
    expect(reset.statusCode).toBe(200);
    expect(reset.json()).toMatchObject({ mustChangePassword: true });
    const disable = await t.call('POST', `/api/security/users/${otherSys}/disable`, { cookie: sec, body: { reason: '调离' } });
    expect(disable.statusCode).toBe(200);
    expect((await t.call('POST', `/api/security/users/${otherSys}/enable`, { cookie: sec, body: { reason: '返岗' } })).statusCode).toBe(200);
    const officer = await t.createAccount('biz1', ['officer'], '650109');
    expect((await t.call('POST', `/api/security/users/${officer}/disable`, { cookie: sec, body: { reason: '越权' } })).statusCode).toBe(403);
    const ownReset = await t.call('POST', `/api/security/users/${secId}/reset-password`, { cookie: sec, body: { newPassword: 'Self-reset-77', reason: '自己' } });
    expect(ownReset.statusCode).toBe(400);
    expect((await t.call('POST', `/api/security/users/${secId}/disable`, { cookie: sec, body: { reason: '自己' } })).statusCode).toBe(400);
    expect((await t.call('PUT', `/api/users/${secId}/roles`, { cookie: sec, body: { roles: ['secadmin', 'leader'], reason: '自己' } })).statusCode).toBe(400);
    // the system administrator still manages business accounts
    expect((await t.call('POST', `/api/users/${officer}/disable`, { cookie: sys, body: { reason: '调离' } })).statusCode).toBe(200);
  });

  it('makes a temporary password be changed before any other call succeeds', async () => {
    const create = await t.call('POST', '/api/users', { cookie: sys, body: { username: 'newbie', displayName: '新人', regionCode: '650109', password: 'Temp-pass-2026' } });
    expect(create.statusCode).toBe(201);
    const login = await t.call('POST', '/api/auth/login', { body: { username: 'newbie', password: 'Temp-pass-2026' } });
    expect(login.statusCode).toBe(200);
    expect(login.json()).toMatchObject({ user: { mustChangePassword: true, setup: 'passwordChange' } });
    const cookie = `yinfeng_session=${login.cookies.find((c) => c.name === 'yinfeng_session')?.value}`;
    for (const url of ['/api/projects', '/api/regions/tree', '/api/auth/security-events', '/api/enterprises/search']) {
      const res = await t.call('GET', url, { cookie });
      expect(res.statusCode, url).toBe(403);
      expect(res.json(), url).toMatchObject({ error: { code: 'PASSWORD_CHANGE_REQUIRED' } });
    }
    expect((await t.call('GET', '/api/auth/me', { cookie })).statusCode).toBe(200);
    const change = await t.call('POST', '/api/auth/password', { cookie, body: { currentPassword: 'Temp-pass-2026', newPassword: 'Own-choice-2026' } });
    expect(change.statusCode).toBe(204);
    expect((await t.call('GET', '/api/auth/security-events', { cookie })).statusCode).toBe(200);
    expect((await t.call('GET', '/api/auth/me', { cookie })).json()).toMatchObject({ mustChangePassword: false, setup: null });
  });

  it('refuses common passwords and their simple variants, case-insensitively', async () => {
    const id = await t.createAccount('biz2', ['officer'], '650109');
    for (const password of ['Woaini@1314', 'Password@2026', 'QQ123456!', 'A123456789!', 'P@ssw0rd!2026', 'Yinfeng@2026', 'Zhangwei@1990', 'Qwer1234!', '1qaz@WSX']) {
      const res = await t.call('POST', `/api/users/${id}/reset-password`, { cookie: sys, body: { newPassword: password, reason: '测试' } });
      expect(res.statusCode, password).toBe(400);
      expect(res.json(), password).toMatchObject({ error: { code: 'VALIDATION', details: [{ field: 'newPassword' }] } });
      expect((res.json() as { error: { message: string } }).error.message, password).toMatch(/常见/);
    }
    const fine = await t.call('POST', `/api/users/${id}/reset-password`, { cookie: sys, body: { newPassword: 'Hetian-jujube-84', reason: '测试' } });
    expect(fine.statusCode).toBe(200);
    // and when a user picks their own
    await t.createAccount('biz3', ['officer'], '650109');
    const own = await t.login('biz3');
    const weak = await t.call('POST', '/api/auth/password', { cookie: own, body: { currentPassword: TEST_PASSWORD, newPassword: 'Woaini1314!' } });
    expect(weak.statusCode).toBe(400);
  });
});
