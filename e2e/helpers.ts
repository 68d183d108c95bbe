/** Shared set-up for the browser tests: one Chromium, a fresh context per test, demo logins. */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';

export const BASE_URL = process.env.E2E_BASE_URL ?? 'http://127.0.0.1:3000';
export const DEMO_PASSWORD = 'Yinfeng@2026';
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

/** Logs a demo account in and waits for the shell. */
export async function login(page: Page, username: string): Promise<void> {
  await submitLogin(page, username, DEMO_PASSWORD);
  await page.waitForURL((url) => url.pathname !== '/login');
  await sideMenu(page).waitFor();
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
