/**
 * Every page at a phone (390×844) and a desk (1440×900) width: the page fits the width (no sideways scrolling of
 * the whole page) and axe finds no serious or critical accessibility violation. With E2E_PAGES_DIR set, a
 * full-page screenshot of each page at each width is saved there (to look at; not kept in the repository).
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, DESK, fitsWidth, launch, login, newPage, PHONE, settle } from './helpers';

let browser: Browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

/** Last month in Asia/Shanghai: the return due now. */
function lastMonth(): string {
  const now = new Date(Date.now() + 8 * 3_600_000);
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  return m === 0 ? `${y - 1}-12` : `${y}-${String(m).padStart(2, '0')}`;
}

async function firstId(page: Page, url: string, pick: (item: Record<string, unknown>) => string): Promise<string> {
  const res = await page.request.get(url);
  assert.equal(res.status(), 200, `${url}: ${res.status()}`);
  const { items } = (await res.json()) as { items: Record<string, unknown>[] };
  assert.ok(items.length > 0, `${url} returned no items`);
  return pick(items[0]!);
}

type PagePath = string | ((page: Page) => Promise<string>);

/** The pages each demo user opens: every menu route and the detail pages. */
const PAGES: Record<string, Record<string, PagePath>> = {
  officer: {
    home: '/',
    projects: '/projects',
    'project-detail': async (page) => `/projects/${await firstId(page, '/api/projects?pageSize=1', (i) => String(i.id))}`,
    lights: '/projects/lights',
    enterprises: '/enterprises',
    'enterprise-detail': async (page) =>
      `/enterprises/${encodeURIComponent(await firstId(page, '/api/enterprises?pageSize=1', (i) => String(i.creditCode ?? i.id)))}`,
    'enterprise-lists': '/enterprises/lists',
    'enterprise-import': '/enterprises/import',
    'enterprise-duplicates': '/enterprises/duplicates',
    stats: '/stats',
    rankings: '/stats/rankings',
    returns: '/returns',
    'service-items': '/service-items',
    imports: '/imports',
    password: '/account/password',
    'two-factor': '/account/two-factor',
  },
  leader: { 'my-projects': '/projects/mine', 'leader-home': '/' },
  statistician: { 'return-detail': `/returns/650109/${lastMonth()}` },
  sysadmin: {
    'admin-home': '/',
    users: '/admin/users',
    regions: '/admin/regions',
    'enterprise-tags': '/admin/enterprise-tags',
    settings: '/settings',
    // an enrolled second factor: the status tag carries a date and the recovery codes left
    'two-factor-enrolled': '/account/two-factor',
  },
  secadmin: { policy: '/security/policy', locks: '/security/locks' },
  auditor: { audit: '/audit' },
};

const shotsDir = process.env.E2E_PAGES_DIR;
if (shotsDir) mkdirSync(shotsDir, { recursive: true });

async function checkPage(page: Page, name: string, width: 'phone' | 'desk', problems: string[]): Promise<void> {
  await settle(page);
  if (shotsDir) await page.screenshot({ path: path.join(shotsDir, `${name}-${width}.png`), fullPage: true });
  const overflow = await fitsWidth(page);
  if (overflow) problems.push(`${name} at ${width}: ${overflow}`);
  for (const v of await axeViolations(page)) problems.push(`${name} at ${width}: ${v}`);
}

test('the login page fits a phone and has no serious accessibility violation', async () => {
  const problems: string[] = [];
  for (const [width, viewport] of [['phone', PHONE], ['desk', DESK]] as const) {
    const { context, page } = await newPage(browser);
    try {
      await page.setViewportSize(viewport);
      await page.goto('/login');
      await page.getByPlaceholder('用户名').waitFor();
      await checkPage(page, 'login', width, problems);
    } finally {
      await context.close();
    }
  }
  assert.deepEqual(problems, []);
});

for (const [user, pages] of Object.entries(PAGES)) {
  test(`${user}: every page fits 390 and 1440 px with no serious accessibility violation`, async () => {
    const { context, page } = await newPage(browser);
    const problems: string[] = [];
    try {
      await login(page, user);
      for (const [name, target] of Object.entries(pages)) {
        const url = typeof target === 'string' ? target : await target(page);
        for (const [width, viewport] of [['phone', PHONE], ['desk', DESK]] as const) {
          await page.setViewportSize(viewport);
          await page.goto(url);
          await checkPage(page, name, width, problems);
        }
      }
    } finally {
      await context.close();
    }
    assert.deepEqual(problems, []);
  });
}
