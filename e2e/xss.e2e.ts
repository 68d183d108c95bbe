/**
 * Stored XSS (issue 10, item 9): a park, projects and an investor named with an HTML payload are shown on the
 * dashboard, the statistics and the rankings — in tables (React text) and in chart tooltips (HTML that ECharts
 * renders). The browser runs with the CSP bypassed, so only escaping stands between the payload and script:
 * nothing may run, and each tooltip must show the payload as literal text. A second pass with the CSP on checks
 * that the app's pages and the API documentation work under it (no violation reported).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { request as playwrightRequest, type APIRequestContext, type Browser, type Page } from 'playwright-core';
import { BASE_URL, DEMO_PASSWORD, demoTotpCode, launch, login, newPage, SAME_ORIGIN, screenshot } from './helpers';

const suffix = Date.now().toString(36).slice(-4);
/** each payload records what ran, if it ever runs */
const payload = (what: string) => `<img src=x onerror="window.__xss='${what}'">${what}${suffix}`;
const PARK = payload('园区');
const PROJECT = payload('项目');
const INVESTOR = payload('投资方');

declare global {
  interface Window {
    __xss?: string;
  }
}

let browser: Browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

/** An API session of a demo account (with the demo administrators' second factor when the server asks for one). */
async function apiSession(username: string): Promise<APIRequestContext> {
  const api = await playwrightRequest.newContext({ baseURL: BASE_URL, extraHTTPHeaders: SAME_ORIGIN });
  let res = await api.post('/api/auth/login', { data: { username, password: DEMO_PASSWORD } });
  if (res.status() === 401 && ((await res.json()) as { error: { code: string } }).error.code === 'TOTP_REQUIRED') {
    // a code of a step no earlier login of this account used (the server refuses a replayed step)
    const totp = await demoTotpCode(username);
    res = await api.post('/api/auth/login', { data: { username, password: DEMO_PASSWORD, totp } });
  }
  assert.equal(res.status(), 200, `login ${username}: ${await res.text()}`);
  return api;
}

function month(offset: number): string {
  const d = new Date();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + offset);
  return d.toISOString().slice(0, 7);
}

/** The park under 米东区 with two projects and their receipts, so it shows in every chart of sub-regions. */
async function seedPayloads(): Promise<string[]> {
  const sysadmin = await apiSession('sysadmin');
  const park = await sysadmin.post('/api/parks', { data: { parentCode: '650109', name: PARK } });
  assert.equal(park.status(), 201, await park.text());
  const parkCode = ((await park.json()) as { code: string }).code;
  await sysadmin.dispose();

  // the demo's months before last are reported, approved and locked (src/seed/demo-returns.ts): a correction of
  // two months back is reopened from the top down first, as a bureau does
  for (const [reviewer, region] of [
    ['reviewer_xj', '650100'],
    ['reviewer', '650109'],
  ] as const) {
    const session = await apiSession(reviewer);
    const reopened = await session.post(`/api/returns/${region}/${month(-2)}/reopen`, { data: { reason: 'e2e：补录园区项目到位资金' } });
    assert.equal(reopened.status(), 200, await reopened.text());
    await session.dispose();
  }

  const officer = await apiSession('officer');
  const statistician = await apiSession('statistician');
  const ids: string[] = [];
  for (const [name, investorName] of [
    [PROJECT, INVESTOR],
    [`${PROJECT}二`, INVESTOR],
  ]) {
    const created = await officer.post('/api/projects', { data: { name, regionCode: parkCode, investorName, source: 'outOfRegion' } });
    assert.equal(created.status(), 201, await created.text());
    const id = ((await created.json()) as { id: string }).id;
    ids.push(id);
    // this month (dashboard: year to date) and two months back (statistics: to the last full month; a return of
    // last month may be approved and locked by another test)
    for (const m of [month(0), month(-2)]) {
      const receipt = await statistician.post(`/api/projects/${id}/receipts`, { data: { month: m, amountYuan: 300_000_000 } });
      assert.equal(receipt.status(), 201, await receipt.text());
    }
  }
  await officer.dispose();
  await statistician.dispose();
  return ids;
}

/** Moves the mouse down the chart until its tooltip shows `text`; returns the chart's text then. */
async function hoverUntil(page: Page, testId: string, text: string): Promise<string> {
  const chart = page.getByTestId(testId);
  const canvas = chart.locator('canvas').first();
  await canvas.waitFor();
  await canvas.scrollIntoViewIfNeeded();
  await page.waitForTimeout(800); // the entry animation
  const box = await canvas.boundingBox();
  assert.ok(box, `${testId} has a box`);
  for (const xShare of [0.6, 0.3]) {
    for (let y = box.y + 4; y < box.y + box.height - 4; y += 6) {
      await page.mouse.move(box.x + box.width * xShare, y);
      await page.waitForTimeout(40);
      const shown = await chart.innerText();
      if (shown.includes(text)) return shown;
    }
  }
  throw new Error(`${testId}: no tooltip showed ${text}; last text: ${await chart.innerText()}`);
}

async function assertNothingRan(page: Page, where: string): Promise<void> {
  assert.equal(await page.evaluate(() => window.__xss), undefined, `script ran on ${where}`);
  assert.equal(await page.locator('img[src="x"]').count(), 0, `an <img src=x> element was created on ${where}`);
}

test('names with an HTML payload are shown as text everywhere and never run (CSP bypassed)', async () => {
  const [projectId] = await seedPayloads();
  const context = await browser.newContext({
    baseURL: BASE_URL,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1440, height: 900 },
    bypassCSP: true,
  });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  try {
    await login(page, 'statistician');

    // 首页驾驶舱 of 米东区: the sub-region bars list its parks
    await page.goto('/');
    const dashTip = await hoverUntil(page, 'chart-subregions', PARK);
    assert.ok(dashTip.includes('<img src=x onerror='), dashTip);
    await screenshot(page, 'xss-dashboard-tooltip');
    await assertNothingRan(page, 'the dashboard');

    // 统计分析: the sub-region table (React text) and the monthly chart's tooltip
    await page.goto('/stats');
    const table = page.getByTestId('table-subregions');
    await table.getByText(PARK, { exact: true }).waitFor();
    await hoverUntil(page, 'chart-monthly', '年：');
    await screenshot(page, 'xss-stats');
    await assertNothingRan(page, 'the statistics');

    // 赛马榜, year to date: the table and the funds chart's tooltip
    await page.goto('/stats/rankings');
    await page.getByTestId('rankings-period').getByText('年', { exact: true }).click();
    await page.getByTestId('rankings-table').getByText(PARK, { exact: true }).waitFor();
    const rankTip = await hoverUntil(page, 'chart-rankings', PARK);
    assert.ok(rankTip.includes('<img src=x onerror='), rankTip);
    await screenshot(page, 'xss-rankings-tooltip');
    await assertNothingRan(page, 'the rankings');

    // the projects of the park and one project: project and investor names
    await page.goto(`/projects?regionCode=${encodeURIComponent('650109')}`);
    await page.locator('.ant-table-row').first().waitFor();
    await page.goto(`/projects/${projectId}`);
    await page.getByText(PROJECT, { exact: true }).first().waitFor();
    await page.getByText(INVESTOR, { exact: true }).first().waitFor();
    await screenshot(page, 'xss-project');
    await assertNothingRan(page, 'the project pages');
    assert.deepEqual(dialogs, []);
  } finally {
    await context.close();
  }
});

test('the pages and the API documentation work under the CSP (no violation)', async () => {
  const { context, page } = await newPage(browser);
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content.Security.Policy/i.test(m.text())) violations.push(m.text());
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`Content-Security-Policy violation: ${e.violatedDirective} ${e.blockedURI}`));
  });
  try {
    await login(page, 'leader');
    await page.locator('[data-testid="chart-map"] canvas').waitFor();
    await hoverUntil(page, 'chart-subregions', '到位资金');
    await page.goto('/stats');
    await page.locator('[data-testid="chart-monthly"] canvas').waitFor();
    await page.goto('/stats/rankings');
    await page.locator('[data-testid="chart-rankings"] canvas').waitFor();
    await page.waitForTimeout(500);
    await page.goto('/api/docs');
    await page.locator('.swagger-ui .information-container').waitFor();
    await page.waitForTimeout(500);
    await screenshot(page, 'csp-api-docs');
    assert.deepEqual(violations, []);
  } finally {
    await context.close();
  }
});
