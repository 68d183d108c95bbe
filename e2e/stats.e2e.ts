import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { launch, login, menuLabels, newPage, screenshot, sideMenu } from './helpers';

let browser: Browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

test('the leader sees the dashboard, 统计分析 and 赛马榜', async () => {
  const { context, page } = await newPage(browser);
  try {
    await login(page, 'leader');
    const labels = await menuLabels(page);
    for (const shown of ['统计分析', '赛马榜']) assert.ok(labels.includes(shown), `menu: ${labels.join(', ')}`);

    // the dashboard: indicator cards, charts drawn on a canvas, the funnel and the red/yellow lists
    await page.getByTestId('indicator-funds').getByText(/亿元|万元/).waitFor();
    await page.getByTestId('indicator-executing').getByText(/新建 \d+ 个 · 续建 \d+ 个/).waitFor();
    // the demo sets annual targets for 乌鲁木齐市: completion with 序时进度
    await page.getByTestId('indicator-target').getByText(/序时进度 \d+\.\d{2}%/).waitFor();
    await page.locator('[data-testid="chart-monthly"] canvas').waitFor();
    await page.locator('[data-testid="chart-funnel"] canvas').waitFor();
    // the map of 乌鲁木齐市's districts and counties (web/public/maps/650100.json), with the funds it cannot place
    await page.getByTestId('dash-map').locator('[data-testid="chart-map"] canvas').waitFor();
    await page.getByTestId('map-off').getByRole('link', { name: /^乌鲁木齐经济技术开发区（头屯河区） [\d.,]+ (亿元|万元)$/ }).waitFor();
    await page.getByTestId('dash-light-red-count').getByText(/\d+ 个项目/).waitFor();
    await page.waitForTimeout(800); // let the charts finish their entry animation
    await screenshot(page, 'leader-dashboard');

    // an area of the map opens the statistics of that sub-region: 米东区 is the spire at the top of the map
    const canvas = page.locator('[data-testid="chart-map"] canvas');
    await canvas.scrollIntoViewIfNeeded();
    const map = await canvas.boundingBox();
    assert.ok(map, 'the map canvas has a box');
    await page.mouse.click(map.x + map.width * 0.5, map.y + map.height * 0.2);
    await page.waitForURL(/\/stats\?region=650109&/);
    await page.getByTestId('stats-summary').getByText('到位资金').first().waitFor();
    await page.goBack();
    await page.getByTestId('funnel-links').waitFor();

    // a figure links to the list behind it
    await page.getByTestId('funnel-links').getByRole('link', { name: /^在谈 \d+$/ }).click();
    await page.waitForURL('**/projects?stage=negotiating');
    await page.locator('.ant-table-row').first().waitFor();
    await page.getByTestId('landing-countdown').first().waitFor();

    await sideMenu(page).getByText('统计分析').click();
    await page.waitForURL('**/stats');
    await page.getByTestId('stats-summary').getByText('到位资金').first().waitFor();
    const subRegions = page.getByTestId('table-subregions');
    await subRegions.locator('.ant-table-row').filter({ hasText: '米东区' }).waitFor();
    await subRegions.getByText(/^[+-]?\d+\.\d{2}%$/).first().waitFor();
    await page.locator('[data-testid="chart-monthly"] canvas').waitFor();
    await page.getByRole('tab', { name: '三次产业' }).click();
    await page.getByTestId('table-sectors').getByText('第二产业').waitFor();
    await page.getByRole('tab', { name: '按下级地区' }).click();
    await page.waitForTimeout(800);
    await screenshot(page, 'leader-stats');

    await sideMenu(page).getByText('赛马榜').click();
    await page.waitForURL('**/stats/rankings');
    const table = page.getByTestId('rankings-table');
    await table.locator('.ant-table-row').filter({ hasText: '米东区' }).waitFor();
    const quarter = page.waitForResponse((r) => r.url().includes('/api/stats/rankings') && r.url().includes('period=quarter'));
    await page.getByTestId('rankings-period').getByText('季', { exact: true }).click();
    assert.equal((await quarter).status(), 200);
    await table.locator('.ant-table-row').filter({ hasText: '米东区' }).waitFor();
    await page.locator('[data-testid="chart-rankings"] canvas').waitFor();
    await page.waitForTimeout(800);
    await screenshot(page, 'leader-rankings');
  } finally {
    await context.close();
  }
});

test('the officer assigns a 包联领导 through the picker', async () => {
  const { context, page } = await newPage(browser);
  try {
    await login(page, 'officer');
    await page.goto('/projects?stage=lead');
    await page.locator('.ant-table-row').first().waitFor();
    const first = page.locator('.ant-table-row').first().locator('a[href^="/projects/"]').first();
    const name = (await first.innerText()).trim();
    await first.click();
    await page.waitForURL(/\/projects\/[0-9a-f-]{36}$/);
    await page.getByTestId('project-name').getByText(name).waitFor();

    await page.getByRole('button', { name: /编\s*辑/ }).click();
    const drawer = page.locator('.ant-drawer-content');
    const picker = drawer.getByLabel('包联领导');
    await picker.click();
    await picker.fill('陈');
    await page.locator('.ant-select-dropdown:visible').getByText('陈志远', { exact: true }).click();
    await page.getByTestId('leader-picker').getByTitle('陈志远').waitFor();
    await screenshot(page, 'project-leader-picker');
    const saved = page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().includes('/api/projects/'));
    await drawer.getByRole('button', { name: /确\s*定/ }).click();
    const res = await saved;
    const body = (await res.json()) as { leaderName?: string | null };
    assert.equal(res.status(), 200, JSON.stringify(body));
    assert.equal(body.leaderName, '陈志远');
    await drawer.waitFor({ state: 'hidden' });
    await page.locator('.ant-card').filter({ hasText: '五个一' }).getByText('陈志远').first().waitFor();
  } finally {
    await context.close();
  }
});
