/**
 * Accounts (issue 10 items 10 and 12) in the browser: an officer enrols a TOTP second factor on the
 * account page (QR code, manual key, recovery codes shown once), then logs in with the 动态口令 step;
 * a locked account unlocked by the security administrator is told so at its next login.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Secret, TOTP } from 'otpauth';
import { request as playwrightRequest, type Browser } from 'playwright-core';
import { BASE_URL, DEMO_PASSWORD, demoTotpCode, launch, login, newPage, SAME_ORIGIN, screenshot, submitLogin, submitTotp } from './helpers';

let browser: Browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

function codeAt(secret: string, step: number): string {
  return new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 }).generate({ timestamp: step * 30_000 + 1_000 });
}

test('an officer enrols a second factor, sees the recovery codes once, and then logs in with the 动态口令', async () => {
  const { context, page } = await newPage(browser);
  try {
    await login(page, 'officer_ts');
    await page.goto('/account/two-factor');
    await page.getByTestId('totp-status').filter({ hasText: '未绑定' }).waitFor();
    await page.getByRole('button', { name: '开始绑定' }).click();
    const enrolment = page.getByTestId('totp-enrolment');
    await enrolment.waitFor();
    await enrolment.locator('img[alt="otpauth QR"]').waitFor();
    const secret = (await page.getByTestId('totp-secret').innerText()).replace(/\s/g, '');
    assert.match(secret, /^[A-Z2-7]{32}$/);
    await screenshot(page, 'totp-enrolment');
    const step = Math.floor(Date.now() / 30_000);
    await page.getByTestId('totp-code').fill(codeAt(secret, step));
    await page.getByRole('button', { name: '完成绑定' }).click();
    const codes = page.getByTestId('recovery-codes');
    await codes.waitFor();
    const text = await codes.locator('pre').innerText();
    assert.equal(text.trim().split('\n').length, 10);
    await screenshot(page, 'totp-recovery-codes');
    await page.getByRole('button', { name: '我已保存恢复码' }).click();
    await page.getByTestId('totp-status').filter({ hasText: '已绑定' }).waitFor();
    await context.clearCookies();

    // the next login asks for the code after the password (the step used for enrolment is spent: the next one)
    await submitLogin(page, 'officer_ts', DEMO_PASSWORD);
    await page.getByPlaceholder('动态口令（6 位数字）或恢复码').waitFor();
    await screenshot(page, 'login-totp-step');
    await submitTotp(page, codeAt(secret, step + 1));
    await page.waitForURL((url) => url.pathname !== '/login');

    // leave the demo account as it was: turn the optional factor off with the password
    await page.goto('/account/two-factor');
    await page.getByRole('button', { name: '解除动态口令' }).click();
    await page.getByLabel('请输入当前密码确认').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.getByTestId('totp-status').filter({ hasText: '未绑定' }).waitFor();
  } finally {
    await context.close();
  }
});

test('a user locked by strangers and unlocked by the security administrator is told who unlocked it', async () => {
  const anonymous = await playwrightRequest.newContext({ baseURL: BASE_URL, extraHTTPHeaders: SAME_ORIGIN });
  for (let i = 0; i < 5; i++) {
    const res = await anonymous.post('/api/auth/login', { data: { username: 'analyst', password: `wrong-${i}-pass` } });
    assert.equal(res.status(), 401);
  }
  await anonymous.dispose();

  const sec = await playwrightRequest.newContext({ baseURL: BASE_URL, extraHTTPHeaders: SAME_ORIGIN });
  const signed = await sec.post('/api/auth/login', { data: { username: 'secadmin', password: DEMO_PASSWORD, totp: await demoTotpCode('secadmin') } });
  assert.equal(signed.status(), 200, await signed.text());
  const locked = (await (await sec.get('/api/security/locked-users')).json()) as { items: { id: string; username: string }[] };
  const analyst = locked.items.find((u) => u.username === 'analyst');
  assert.ok(analyst, 'analyst is locked');
  const unlock = await sec.post(`/api/users/${analyst.id}/unlock`, { data: { reason: '本人电话确认' } });
  assert.equal(unlock.status(), 200, await unlock.text());
  await sec.dispose();

  const { context, page } = await newPage(browser);
  try {
    await login(page, 'analyst', { keepNotice: true });
    const notice = page.getByTestId('login-notice');
    await notice.waitFor();
    const text = await notice.innerText();
    assert.match(text, /5 次失败的登录尝试/);
    assert.match(text, /安全管理员 李安平（secadmin）解锁了您的账号，原因：本人电话确认/);
    assert.match(text, /账号因连续登录失败被临时锁定/);
    await screenshot(page, 'login-unlock-notice');
    await page.getByRole('button', { name: '知道了' }).click();
    await page.goto('/account/two-factor');
    await page.getByTestId('security-events').getByText(/解锁了您的账号/).first().waitFor();
    await screenshot(page, 'account-security-events');
  } finally {
    await context.close();
  }
});
