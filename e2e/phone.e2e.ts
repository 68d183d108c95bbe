/**
 * The main flows on a phone (390×844): sign in, the dashboard, the project list (key columns only) and a project's
 * detail (one column), a fund entry in the ledger, the enterprise search, the avatar menu and logout. Each page
 * must fit the width; the desk-width flows are covered by the other specs.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { fitsWidth, launch, login, newPage, PHONE, SAME_ORIGIN, screenshot, settle } from './helpers';

let browser: Browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

async function assertFits(page: Page, what: string): Promise<void> {
  await settle(page);
  assert.equal(await fitsWidth(page), null, `${what} does not fit 390 px`);
}

/** Opens a menu entry through the folded side menu (the drawer behind the header's menu button). */
async function openMenu(page: Page, label: string): Promise<void> {
  await page.locator('.ant-pro-global-header-collapsed-button').click();
  const drawer = page.locator('.ant-drawer-content');
  await drawer.getByText(label, { exact: true }).click();
  await drawer.waitFor({ state: 'hidden' });
}

/** This month in Asia/Shanghai. */
function thisMonth(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
}

test('on a phone the officer signs in, reads the dashboard, opens a project from the list and searches enterprises', async () => {
  const { context, page } = await newPage(browser, PHONE);
  try {
    await login(page, 'officer');
    // the header keeps the bell and the avatar; logout and the language switch are in the avatar menu
    await page.getByTestId('indicator-funds').waitFor();
    assert.equal(await page.getByTestId('logout').isVisible(), false, 'logout must fold into the avatar menu');
    await assertFits(page, 'the dashboard');
    await screenshot(page, 'phone-dashboard');

    await openMenu(page, '项目库');
    await page.waitForURL('**/projects');
    const table = page.locator('.ant-table');
    await table.getByRole('columnheader', { name: '项目名称' }).waitFor();
    // two or three key columns: the investor and amounts stay for the desk
    assert.equal(await table.getByRole('columnheader', { name: '投资方' }).count(), 0, 'the investor column is a desk column');
    await assertFits(page, 'the project list');
    await screenshot(page, 'phone-projects');

    await table.locator('tbody a[href^="/projects/"]').first().click();
    await page.waitForURL(/\/projects\/[0-9a-f-]{36}$/);
    await page.getByTestId('project-name').waitFor();
    // the details go to one column: each row of 基本信息 holds one item
    const info = page.locator('.ant-card').filter({ hasText: '基本信息' }).locator('.ant-descriptions-row').first();
    assert.equal(await info.locator('.ant-descriptions-item').count(), 1, 'one item per row on a phone');
    await assertFits(page, 'the project detail');
    await screenshot(page, 'phone-project-detail');

    await page.getByRole('tab', { name: '到位资金' }).click();
    await page.getByTestId('funds-tab').waitFor();
    await assertFits(page, 'the funds ledger');

    await openMenu(page, '企业检索');
    await page.waitForURL('**/enterprises');
    const box = page.getByTestId('enterprise-search-box').locator('input');
    await box.fill('光伏');
    await box.press('Enter');
    await page.getByTestId('result-total').waitFor();
    const hits = page.getByTestId('enterprise-results').locator('tbody a[href^="/enterprises/"]');
    await hits.first().waitFor();
    await assertFits(page, 'the enterprise search');
    await screenshot(page, 'phone-enterprises');
    // browsing everything: over 10,000, the help beside the total, still one column
    await page.goto('/enterprises?sort=capital');
    await page.getByTestId('result-total').getByText(/^超过 10,000 家企业/).waitFor();
    await page.getByTestId('exact-count').waitFor();
    await hits.first().waitFor();
    await assertFits(page, 'the enterprise search over 10,000');
    await screenshot(page, 'phone-enterprises-broad');
    await hits.first().click();
    await page.getByTestId('enterprise-name').waitFor();
    await assertFits(page, 'the enterprise detail');

    // the avatar menu: account, password, language, logout
    await page.getByTestId('header-user').click();
    const menu = page.locator('.ant-dropdown:visible');
    await menu.getByTestId('menu-account').getByText('马晓东').waitFor();
    await menu.getByText('修改密码').waitFor();
    await menu.getByTestId('lang-switch').waitFor();
    await screenshot(page, 'phone-avatar-menu');
    await menu.getByTestId('logout').click();
    await page.waitForURL('**/login');
  } finally {
    await context.close();
  }
});

test('on a phone the leader reads the signed structure of a period across years, with a tag excluded', async () => {
  const { context, page } = await newPage(browser, PHONE);
  try {
    await login(page, 'leader');
    await page.getByTestId('indicator-funds').waitFor();
    const year = Number(thisMonth().slice(0, 4));
    const summary = page.waitForResponse((r) => r.url().includes('/api/stats/summary') && r.url().includes('excludeTags='));
    await page.goto(`/stats?region=650100&from=${year - 1}-11&to=${year}-01&excludeTags=${encodeURIComponent('光伏')}`);
    assert.equal((await summary).status(), 200);
    await page.getByTestId('stats-summary').getByText('统计期跨年，无单一年度目标，不计算完成率').waitFor();
    // the title names both years of the period
    await page.getByText(`${year - 1}年11月—${year}年1月`, { exact: false }).first().waitFor();
    await page.getByText('已排除带有标签 光伏 的项目', { exact: false }).waitFor();
    // the list behind a figure leaves out the same tags
    const href = await page.getByTestId('summary-executing-link').getAttribute('href');
    assert.match(href ?? '', /excludeTags=%E5%85%89%E4%BC%8F/, `drill-down link: ${href}`);
    await page.getByRole('tab', { name: '签约结构' }).click();
    const sectors = page.getByTestId('table-signed-sectors');
    for (const name of ['第一产业', '第二产业', '第三产业']) await sectors.getByText(name).waitFor();
    await page.getByTestId('table-signed-chains').waitFor();
    await page.getByTestId('table-signed-tags').waitFor();
    await assertFits(page, 'the signed structure');
    await screenshot(page, 'phone-signed-structure');
  } finally {
    await context.close();
  }
});

test('on a phone the statistician enters a month of 到位资金 in a project’s ledger', async () => {
  const { context, page } = await newPage(browser, PHONE);
  try {
    await login(page, 'statistician');
    const month = thisMonth();
    // a 米东区 project without a receipt for this month
    const { items } = (await (await page.request.get('/api/projects', { params: { regionCode: '650109', pageSize: '100' } })).json()) as {
      items: { id: string }[];
    };
    let projectId: string | undefined;
    for (const p of items) {
      const receipts = (await (await page.request.get(`/api/projects/${p.id}/receipts`)).json()) as { items: { month: string }[] };
      if (!receipts.items.some((r) => r.month === month)) {
        projectId = p.id;
        break;
      }
    }
    assert.ok(projectId, `no 米东区 project without a ${month} receipt`);

    await page.goto(`/projects/${projectId}`);
    await page.getByRole('tab', { name: '到位资金' }).click();
    await page.getByRole('button', { name: /登记到位资金/ }).click();
    const dialog = page.locator('.ant-modal-content:visible');
    await dialog.getByLabel('月份').fill(month);
    await dialog.getByLabel('月份').press('Enter');
    await dialog.getByLabel('金额（万元）').fill('12.5');
    await assertFits(page, 'the fund entry dialog');
    await screenshot(page, 'phone-fund-entry');
    const saved = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`/api/projects/${projectId}/receipts`));
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    assert.equal((await saved).status(), 201);
    const row = page.getByTestId('funds-tab').locator('tbody tr').filter({ hasText: month });
    await row.getByText('12.5').waitFor();
    await assertFits(page, 'the ledger');

    // tidy up through the API so later specs see the demo month as before
    const receipts = (await (await page.request.get(`/api/projects/${projectId}/receipts`)).json()) as { items: { id: string; month: string }[] };
    const added = receipts.items.find((r) => r.month === month);
    assert.ok(added);
    const removed = await page.request.delete(`/api/receipts/${added.id}`, { data: { reason: 'e2e 手机录入测试' }, headers: SAME_ORIGIN });
    assert.equal(removed.status(), 204);
  } finally {
    await context.close();
  }
});
