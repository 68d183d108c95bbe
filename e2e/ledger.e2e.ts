/**
 * The ledger as statisticians work (issue 11, item 8): the monthly entry grid and the 待核实 queue,
 * at 1440 px and 390 px. The month is the current one: the demo's earlier months are reported and locked
 * (src/seed/demo-returns.ts), and returns.e2e.ts approves and locks last month.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { launch, login, newPage, SAME_ORIGIN, screenshot, sideMenu } from './helpers';

let browser: Browser;

/** `back` months before the current one in Asia/Shanghai. */
function monthsBack(back: number): string {
  const now = new Date(Date.now() + 8 * 3_600_000);
  const index = now.getUTCFullYear() * 12 + now.getUTCMonth() - back;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}
const MONTH = monthsBack(0);

interface GridRow {
  projectId: string;
  projectCode: string;
  projectName: string;
  receipt: { id: string; version: number } | null;
  lock: unknown;
}

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

test('the statistician enters a month for the county in one grid, and cannot verify it herself', async () => {
  const { context, page } = await newPage(browser);
  try {
    await login(page, 'statistician');
    await sideMenu(page).getByText('月度录入').click();
    await page.waitForURL('**/funds/grid');
    await page.getByTestId('fund-grid').locator('.ant-table-row').first().waitFor();
    await page.goto(`/funds/grid?region=650109&month=${MONTH}`);
    const grid = (await (await page.request.get('/api/funds/grid', { params: { region: '650109', month: MONTH } })).json()) as { items: GridRow[] };
    const free = grid.items.find((r) => r.receipt === null && r.lock === null);
    assert.ok(free, 'a project without a receipt that month');
    const input = page.getByTestId(`grid-input-${free.projectCode}`);
    await input.fill('12.34');
    const saved = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().includes('/api/funds/grid'));
    await page.getByTestId('grid-save').click();
    const res = await saved;
    assert.equal(res.status(), 200);
    assert.deepEqual((await res.json()).refused, []);
    const row = page.getByTestId('fund-grid').locator('.ant-table-row').filter({ hasText: free.projectName });
    await row.getByText('本人录入 · 待他人核实').waitFor();
    await screenshot(page, 'ledger-grid-1440');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await page.getByTestId('fund-grid').locator('.ant-table-row').first().waitFor();
    await screenshot(page, 'ledger-grid-390');

    // her own receipt is not in her 待核实 queue, and the server refuses her verifying it
    const after = (await (await page.request.get('/api/funds/grid', { params: { region: '650109', month: MONTH } })).json()) as { items: GridRow[] };
    const mine = after.items.find((r) => r.projectId === free.projectId)?.receipt;
    assert.ok(mine);
    const pending = (await (await page.request.get('/api/receipts/pending', { params: { region: '650109', month: MONTH, pageSize: '200' } })).json()) as { items: { id: string }[] };
    assert.ok(!pending.items.some((p) => p.id === mine.id));
    const refused = await page.request.post(`/api/receipts/${mine.id}/verify`, { data: { version: mine.version }, headers: SAME_ORIGIN });
    assert.equal(refused.status(), 403);
    assert.match((await refused.json()).error.message, /录入人不能核实自己录入的到位资金/);
  } finally {
    await context.close();
  }
});

test('the 待核实 queue lists others\' receipts and verifies one', async () => {
  const { context, page } = await newPage(browser);
  try {
    await login(page, 'statistician');
    await sideMenu(page).getByText('待核实').click();
    await page.waitForURL('**/funds/pending');
    const rows = page.locator('.ant-table-row');
    await rows.first().waitFor();
    const before = (await (await page.request.get('/api/receipts/pending', { params: { region: '650109' } })).json()) as { total: number; items: { id: string; projectCode: string; lock: unknown }[] };
    const open = before.items.find((i) => !i.lock);
    assert.ok(open, 'an unlocked receipt to verify');
    await screenshot(page, 'ledger-pending-1440');
    const verified = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/verify'));
    // by the receipt: the same project may have a locked month on this page too (another spec approved a return)
    await page.getByTestId(`verify-${open.id}`).click();
    await page.locator('.ant-popconfirm:visible').getByRole('button', { name: /确\s*定/ }).click();
    assert.equal((await verified).status(), 200);
    const afterCount = (await (await page.request.get('/api/receipts/pending', { params: { region: '650109' } })).json()) as { total: number };
    assert.equal(afterCount.total, before.total - 1);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await rows.first().waitFor();
    await screenshot(page, 'ledger-pending-390');
  } finally {
    await context.close();
  }
});
