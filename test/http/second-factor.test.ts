/**
 * Issue 10 item 12 (second factor): TOTP with one-time recovery codes, mandatory for the three
 * administrator roles (enrolment forced after the first password login), optional for the others;
 * 401 TOTP_REQUIRED when the code is missing or wrong whatever the password; no replay; the secret
 * never leaves the server after enrolment; the security administrator resets a factor, audited.
 */
import * as OTPAuth from 'otpauth';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSystemCaller } from '../../src/services/context';
import { createUser } from '../../src/services/accounts/users';
import { createTestApp, TEST_PASSWORD, TEST_TOTP_SECRET, type TestApp } from '../helpers/app';
import { DATABASE_KINDS } from '../helpers/databases';

function codeFor(secret: string, offsetSteps = 0): string {
  return new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({ timestamp: Date.now() + offsetSteps * 30_000 });
}

function cookieOf(res: LightMyRequestResponse): string {
  const c = res.cookies.find((x) => x.name === 'yinfeng_session');
  if (!c) throw new Error(`no session cookie: ${res.statusCode} ${res.body}`);
  return `yinfeng_session=${c.value}`;
}

describe.each(DATABASE_KINDS)('second factor on %s', (kind) => {
  let t: TestApp;
  let auditor: string;
  beforeAll(async () => {
    t = await createTestApp(kind);
    await t.createAccount('sec', ['secadmin'], '650000');
    await t.createAccount('aud', ['auditor'], '650000');
    await t.createAccount('sys', ['sysadmin'], '650000');
    auditor = await t.login('aud');
  });
  afterAll(() => t.close());

  const login = (body: Record<string, string>) => t.call('POST', '/api/auth/login', { body });

  async function createWithoutFactor(username: string, roles: string[]) {
    const u = await createUser(t.deps, createSystemCaller('test'), { username, displayName: username, regionCode: '650000', password: TEST_PASSWORD, roles, mustChangePassword: false });
    return u.id;
  }

  it('makes an administrator without a factor enrol before anything else, then asks for the code at every login', async () => {
    const id = await createWithoutFactor('newsys', ['sysadmin']);
    const first = await login({ username: 'newsys', password: TEST_PASSWORD });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ user: { totpRequired: true, totpEnrolled: false, setup: 'totpEnrolment' } });
    const cookie = cookieOf(first);
    const blocked = await t.call('GET', '/api/users', { cookie });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json()).toMatchObject({ error: { code: 'TOTP_ENROLMENT_REQUIRED' } });
    expect((await t.call('GET', '/api/auth/me', { cookie })).statusCode).toBe(200);

    const start = await t.call('POST', '/api/auth/totp/enrolment', { cookie });
    expect(start.statusCode).toBe(200);
    const { secret, otpauthUri, qrSvg } = start.json() as { secret: string; otpauthUri: string; qrSvg: string };
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\/.*newsys\?.*secret=[A-Z2-7]+/);
    expect(qrSvg).toMatch(/^<svg/);
    expect(start.headers['cache-control']).toBe('no-store');
    const wrong = await t.call('POST', '/api/auth/totp/enrolment/confirm', { cookie, body: { code: '000000' === codeFor(secret) ? '111111' : '000000' } });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ error: { details: [{ field: 'code' }] } });
    const confirmed = await t.call('POST', '/api/auth/totp/enrolment/confirm', { cookie, body: { code: codeFor(secret) } });
    expect(confirmed.statusCode).toBe(200);
    const { recoveryCodes } = confirmed.json() as { recoveryCodes: string[] };
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    expect((await t.call('GET', '/api/users', { cookie })).statusCode).toBe(200);

    // the secret is never shown again
    const again = await t.call('POST', '/api/auth/totp/enrolment', { cookie });
    expect(again.statusCode).toBe(409);
    const status = await t.call('GET', '/api/auth/totp', { cookie });
    expect(status.json()).toEqual({ enrolled: true, required: true, enrolledAt: expect.any(String), recoveryCodesLeft: 10 });
    const audit = await t.call('GET', `/api/audit?objectId=${id}&pageSize=200`, { cookie: auditor });
    expect(audit.statusCode).toBe(200);
    expect(audit.body).not.toContain(secret);
    expect(JSON.stringify((audit.json() as { items: { action: string }[] }).items.map((r) => r.action))).toContain('auth.totp.enrol');
    const user = await t.call('GET', `/api/users/${id}`, { cookie });
    expect(user.body).not.toContain(secret);

    // next login: the code is needed; the same reply whether the password is right or not
    const noCodeRight = await login({ username: 'newsys', password: TEST_PASSWORD });
    const noCodeWrong = await login({ username: 'newsys', password: 'Wrong-pass-1' });
    const badCodeRight = await login({ username: 'newsys', password: TEST_PASSWORD, totp: '12345' });
    for (const r of [noCodeRight, noCodeWrong, badCodeRight]) {
      expect(r.statusCode).toBe(401);
      expect(r.json()).toEqual(noCodeRight.json());
    }
    expect(noCodeRight.json()).toMatchObject({ error: { code: 'TOTP_REQUIRED' } });
    // a right code with a wrong password is still refused
    const wrongPassword = await login({ username: 'newsys', password: 'Wrong-pass-1', totp: codeFor(secret) });
    expect(wrongPassword.json()).toMatchObject({ error: { code: 'AUTH_FAILED' } });
    const ok = await login({ username: 'newsys', password: TEST_PASSWORD, totp: codeFor(secret, 1) });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ user: { setup: null, totpEnrolled: true } });
    // the notice counts the wrong code and the wrong password, not the code-less first steps of a two-step login
    expect((ok.json() as { notice: { failedLogins: number } }).notice.failedLogins).toBe(2);
    // the same code again (replay in the same window) is refused
    const replay = await login({ username: 'newsys', password: TEST_PASSWORD, totp: codeFor(secret, 1) });
    expect(replay.statusCode).toBe(401);
    expect(replay.json()).toMatchObject({ error: { code: 'TOTP_REQUIRED' } });

    // a recovery code works once
    const rc = recoveryCodes[0]!;
    expect((await login({ username: 'newsys', password: TEST_PASSWORD, totp: rc.toUpperCase() })).statusCode).toBe(200);
    expect((await login({ username: 'newsys', password: TEST_PASSWORD, totp: rc })).statusCode).toBe(401);
    expect((await t.call('GET', '/api/auth/totp', { cookie })).json()).toMatchObject({ recoveryCodesLeft: 9 });
  });

  it('lets the security administrator reset a factor (audited, with a reason), but not their own; the sysadmin cannot', async () => {
    const id = await t.createAccount('lostphone', ['auditor'], '650000');
    const sec = await t.login('sec');
    const sys = await t.login('sys');
    expect((await t.call('POST', `/api/users/${id}/second-factor/reset`, { cookie: sys, body: { reason: '手机丢失' } })).statusCode).toBe(403);
    const noReason = await t.call('POST', `/api/users/${id}/second-factor/reset`, { cookie: sec, body: { reason: ' ' } });
    expect(noReason.statusCode).toBe(400);
    const before = await t.login('lostphone');
    const reset = await t.call('POST', `/api/users/${id}/second-factor/reset`, { cookie: sec, body: { reason: '手机丢失' } });
    expect(reset.statusCode).toBe(200);
    // the user's sessions end; the next login is password-only and must enrol again
    expect((await t.call('GET', '/api/auth/me', { cookie: before })).statusCode).toBe(401);
    const after = await login({ username: 'lostphone', password: TEST_PASSWORD });
    expect(after.json()).toMatchObject({ user: { setup: 'totpEnrolment' } });
    const rows = (await t.call('GET', `/api/audit?objectId=${id}&action=user.totp.reset&pageSize=10`, { cookie: auditor })).json() as { items: { reason: string; actorUsername: string }[] };
    expect(rows.items).toEqual([expect.objectContaining({ reason: '手机丢失', actorUsername: 'sec' })]);
    // the notice tells the user who reset it
    const secId = ((await t.call('GET', '/api/auth/me', { cookie: sec })).json() as { id: string }).id;
    const own = await t.call('POST', `/api/users/${secId}/second-factor/reset`, { cookie: sec, body: { reason: '自己' } });
    expect(own.statusCode).toBe(403);
  });

  it('is optional for business roles: an officer may enrol and then needs the code; only they can turn it off, with the password', async () => {
    await t.createAccount('off2fa', ['officer'], '650109');
    const plain = await login({ username: 'off2fa', password: TEST_PASSWORD });
    expect(plain.json()).toMatchObject({ user: { setup: null, totpRequired: false, totpEnrolled: false } });
    const cookie = cookieOf(plain);
    const { secret } = (await t.call('POST', '/api/auth/totp/enrolment', { cookie })).json() as { secret: string };
    expect((await t.call('POST', '/api/auth/totp/enrolment/confirm', { cookie, body: { code: codeFor(secret) } })).statusCode).toBe(200);
    expect((await login({ username: 'off2fa', password: TEST_PASSWORD })).json()).toMatchObject({ error: { code: 'TOTP_REQUIRED' } });
    expect((await login({ username: 'off2fa', password: TEST_PASSWORD, totp: codeFor(secret, 1) })).statusCode).toBe(200);
    const badPw = await t.call('DELETE', '/api/auth/totp', { cookie, body: { password: 'nope' } });
    expect(badPw.statusCode).toBe(400);
    expect((await t.call('DELETE', '/api/auth/totp', { cookie, body: { password: TEST_PASSWORD } })).statusCode).toBe(204);
    expect((await login({ username: 'off2fa', password: TEST_PASSWORD })).statusCode).toBe(200);
    // an administrator cannot turn the mandatory factor off
    const sec = await t.login('sec');
    const refuse = await t.call('DELETE', '/api/auth/totp', { cookie: sec, body: { password: TEST_PASSWORD } });
    expect(refuse.statusCode).toBe(403);
  });

  it('enrols a known secret for scripted set-up (the CLI --totp-secret), and refuses a malformed one', async () => {
    await createUser(t.deps, createSystemCaller('test'), { username: 'scripted', displayName: 's', regionCode: '650000', password: TEST_PASSWORD, roles: ['secadmin'], mustChangePassword: false, totpSecret: 'jbsw y3dp ehpk 3pxp' });
    const ok = await login({ username: 'scripted', password: TEST_PASSWORD, totp: codeFor('JBSWY3DPEHPK3PXP') });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ user: { setup: null } });
    await expect(
      createUser(t.deps, createSystemCaller('test'), { username: 'badsecret', displayName: 's', regionCode: '650000', password: TEST_PASSWORD, roles: [], totpSecret: 'not-base32!' }),
    ).rejects.toThrow(/Base32/);
    // nothing half-written: the account was not created
    const again = await login({ username: 'badsecret', password: TEST_PASSWORD });
    expect(again.statusCode).toBe(401);
    expect(TEST_TOTP_SECRET).toMatch(/^[A-Z2-7]{32}$/);
  });
});
