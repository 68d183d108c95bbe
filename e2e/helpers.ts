/** Shared set-up for the browser tests: one Chromium, a fresh context per test, demo logins. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Secret, TOTP } from 'otpauth';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';

export const BASE_URL = process.env.E2E_BASE_URL ?? 'http://127.0.0.1:3000';
export const DEMO_PASSWORD = 'Yinfeng@2026';
/** The demo administrators' published TOTP secret (src/seed/demo.ts DEMO_TOTP_SECRET): their second factor is mandatory. */
export const DEMO_TOTP_SECRET = 'YINFENGDEMO2TOTP3SECRET4KEY5ABCD';
export const DEMO_ADMINS = ['sysadmin', 'secadmin', 'auditor'];
/**
 * Headers for API calls made with page.request (not by the browser): a browser sends Origin with every
 * state-changing request, and the server refuses a session-carrying POST/PUT/PATCH/DELETE without it (CSRF check).
 */
export const SAME_ORIGIN = { origin: BASE_URL };
const SCREENSHOTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'screenshots');

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function newPage(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: BASE_URL,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1440, height: 900 },
  });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  return { context, page };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}

/** Fills the login form; does not wait for the result. */
export async function submitLogin(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByPlaceholder('用户名').fill(username);
  await page.getByPlaceholder('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
}

/**
 * A TOTP code of the demo secret for `username` that the server has not accepted yet: it refuses a
 * time step it accepted before (no replay), so the steps used are remembered across the spec
 * processes of a run (a file per server and account); a third login within one 30-second window
 * waits for the next window.
 */
export async function demoTotpCode(username: string): Promise<string> {
  const file = path.join(os.tmpdir(), `yinfeng-e2e-totp-${new URL(BASE_URL).port || '80'}-${username}`);
  let last = 0;
  try {
    last = Number(readFileSync(file, 'utf8')) || 0;
  } catch {
    // first login of this account in this run
  }
  const current = () => Math.floor(Date.now() / 30_000);
  let step = Math.max(current(), last + 1);
  // the server accepts one step of drift; further ahead means waiting for the clock
  while (step > current() + 1) await new Promise((r) => setTimeout(r, 1_000));
  step = Math.max(step, current());
  writeFileSync(file, String(step));
  return new TOTP({ secret: Secret.fromBase32(DEMO_TOTP_SECRET), digits: 6, period: 30 }).generate({ timestamp: step * 30_000 + 1_000 });
}

/** Fills the 动态口令 step of the login form (shown after the password for an account with a second factor). */
export async function submitTotp(page: Page, code: string): Promise<void> {
  const field = page.getByPlaceholder('动态口令（6 位数字）或恢复码');
  await field.waitFor();
  await field.fill(code);
  await page.getByRole('button', { name: /登\s*录/ }).click();
}

/** Logs a demo account in (with the demo TOTP code for an administrator) and waits for the shell. */
/**
 * Signs a demo user in. The 账号安全提示 (failed attempts since the last login, unlocks …) that the login may open
 * is acknowledged, since failed logins of other specs would otherwise cover the page in whichever spec signs that
 * user in next; `keepNotice` leaves it open for a test about the notice itself.
 */
export async function login(page: Page, username: string, options: { keepNotice?: boolean } = {}): Promise<void> {
  await submitLogin(page, username, DEMO_PASSWORD);
  if (DEMO_ADMINS.includes(username)) await submitTotp(page, await demoTotpCode(username));
  await page.waitForURL((url) => url.pathname !== '/login');
  await sideMenu(page).waitFor();
  if (options.keepNotice) return;
  // the notice is opened before the navigation, so it is there (or not) once the menu is
  const notice = page.getByTestId('login-notice');
  const shown = await notice.waitFor({ timeout: 500 }).then(
    () => true,
    () => false,
  );
  if (shown) {
    await page.getByRole('button', { name: '知道了' }).click();
    await notice.waitFor({ state: 'hidden' });
  }
}

/** The left navigation menu of the layout. */
export function sideMenu(page: Page): Locator {
  return page.locator('.ant-pro-sider .ant-menu-root');
}

export async function menuLabels(page: Page): Promise<string[]> {
  const items = sideMenu(page).locator('.ant-menu-title-content');
  const texts = await items.allInnerTexts();
  return texts.map((t) => t.trim()).filter(Boolean);
}
