/** Shared set-up for the browser tests: one Chromium, a fresh context per test, demo logins. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Secret, TOTP } from 'otpauth';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

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
/** The two widths every page is built for: a phone and a desk screen. */
export const PHONE = { width: 390, height: 844 };
export const DESK = { width: 1440, height: 900 };
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

export async function newPage(
  browser: Browser,
  viewport = DESK,
  options: { reducedMotion?: 'reduce' | 'no-preference' } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: BASE_URL,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport,
    // the app then turns Ant Design's animations off: a click never lands on a menu or list still zooming open
    // (lost clicks under CI load, sessions 15 and 16)
    reducedMotion: options.reducedMotion ?? 'reduce',
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
  // the side menu at a desk width; on a phone it folds into a drawer and the header keeps the avatar menu
  await page.getByTestId('header-user').waitFor();
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

/**
 * Waits until the page has loaded its data: no request in flight, no spinner, skeleton or loading button (a
 * loading button is faded, which axe would count as low contrast), animations done.
 */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.locator('.ant-spin-spinning, .ant-skeleton-active, .ant-btn-loading').first().waitFor({ state: 'detached', timeout: 15_000 }).catch(() => undefined);
  await page.waitForTimeout(400);
}

/**
 * Chooses an option of an antd Select and waits until its list has closed. Under load a click can land while the list
 * (or the drawer around the box) is still animating and be lost, leaving the list open over the rest of the form; the
 * click is then tried again, at most three times, so a lost click is not mistaken for a broken form.
 */
export async function chooseSelectOption(page: Page, combobox: Locator, option: (list: Locator) => Locator): Promise<void> {
  const list = page.locator('.ant-select-dropdown:visible');
  for (let attempt = 1; attempt <= 3; attempt += 1) {
    if ((await list.count()) === 0) await combobox.click();
    await list.waitFor();
    await page.waitForFunction(() => document.querySelector('.ant-select-dropdown[class*="-enter"], .ant-select-dropdown[class*="-appear"]') === null);
    await option(list).click();
    const closed = await list.waitFor({ state: 'hidden', timeout: 3_000 }).then(() => true, () => false);
    if (closed) return;
  }
  throw new Error('the select list stayed open after three clicks on its option');
}

/**
 * Clicks an item of a click-triggered dropdown menu (the avatar menu on a phone) and waits for its effect. The
 * item is clicked once the menu's opening animation has ended: a click during the zoom lands where the item is
 * about to be, or outside the menu, which closes it. Up to three tries, each opening the menu again.
 */
export async function chooseMenuItem(page: Page, trigger: Locator, item: (menu: Locator) => Locator, effect: Locator): Promise<void> {
  const menu = page.locator('.ant-dropdown:visible');
  for (let attempt = 1; attempt <= 3; attempt += 1) {
    if ((await menu.count()) === 0) await trigger.click();
    await menu.waitFor();
    await page.waitForFunction(() => document.querySelector('.ant-dropdown[class*="-enter"], .ant-dropdown[class*="-appear"]') === null);
    await item(menu).click();
    const done = await effect.waitFor({ state: 'attached', timeout: 5_000 }).then(() => true, () => false);
    if (done) return;
  }
  throw new Error('the menu item had no effect after three clicks');
}

/**
 * Null when the page fits the viewport's width, else the elements reaching past its right edge (outside any
 * container that scrolls or clips sideways itself, such as a wide table's own scroll area).
 */
export async function fitsWidth(page: Page): Promise<string | null> {
  // a string, not a function: tsx would wrap the inner functions' names in a helper the page does not have
  return page.evaluate<string | null>(FITS_WIDTH_SCRIPT);
}

const FITS_WIDTH_SCRIPT = `(() => {
  const width = document.documentElement.clientWidth;
  const describe = (el) => {
    const cls = typeof el.className === 'string' ? el.className.split(/\\s+/).filter(Boolean).slice(0, 2).join('.') : '';
    const text = (el.textContent || '').trim().slice(0, 20);
    return el.tagName.toLowerCase() + (cls ? '.' + cls : '') + (text ? ' "' + text + '"' : '') + ' (right ' + Math.round(el.getBoundingClientRect().right) + ')';
  };
  const clipped = (el) => {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const ox = getComputedStyle(a).overflowX;
      if (['auto', 'scroll', 'hidden', 'clip'].includes(ox) && a.getBoundingClientRect().right <= width + 1) return true;
    }
    return false;
  };
  const floating = '.ant-drawer, .ant-modal-wrap, .ant-popover, .ant-dropdown, .ant-tooltip, .ant-select-dropdown, .ant-picker-dropdown, .ant-message, .ant-notification';
  const offenders = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || r.right <= width + 1 || r.left >= width) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.position === 'fixed' || el.closest(floating) || clipped(el)) continue;
    // the outermost offender only
    if (offenders.some((o) => o.contains(el))) continue;
    offenders.push(el);
    if (offenders.length >= 5) break;
  }
  const scrollWidth = document.documentElement.scrollWidth;
  return scrollWidth > width + 1 || offenders.length
    ? 'wider than ' + width + ' px (scrollWidth ' + scrollWidth + '): ' + offenders.map(describe).join('; ')
    : null;
})()`;

/**
 * axe's serious and critical violations on the page, one line each (rule, help, the first elements). A page caught
 * mid-refetch (a loading button is faded, which axe reads as low contrast; an emptied table's scroll area has
 * nothing focusable) is not the page people read: when axe finds anything, the page is settled and checked once
 * more, and what that second check finds is reported — a violation of the settled page still fails.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  let serious = await seriousViolations(page);
  if (serious.length > 0) {
    await settle(page);
    serious = await seriousViolations(page);
  }
  return serious.map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}${v.nodes.length > 3 ? ` (+${v.nodes.length - 3})` : ''}`);
}

async function seriousViolations(page: Page) {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
