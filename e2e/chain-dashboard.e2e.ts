/**
 * 链长看板: the demo leader of 乌鲁木齐 opens the dashboard of the 光伏 chain from the chain page and reads the 链长,
 * the KPI cards, the conversion funnel of the last twelve months, the nodes' roadmap and the scoring's backtest; the
 * analyst reads it on a phone with the nodes as cards. Each page fits the width and axe finds no serious or critical violation.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { axeViolations, chooseSelectOption, fitsWidth, launch, login, newPage, PHONE, SAME_ORIGIN, screenshot, settle } from './helpers';

let browser: Browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

interface Roadmap {
  revision: string;
  leader: { displayName: string } | null;
  items: { nodeCode: string; nodeName: string | null; goal: string; dueOn: string | null }[];
}

async function pick(page: Page, combobox: Locator, option: string): Promise<void> {
  await chooseSelectOption(page, combobox, (list) => list.getByText(option, { exact: true }));
}

async function assertClean(page: Page, what: string): Promise<void> {
  await settle(page);
  assert.equal(await fitsWidth(page), null, `${what} does not fit the width`);
  assert.deepEqual(await axeViolations(page), [], `${what}: axe`);
}

/** The funnel (chart and steps with their conversion) and the backtest card (source tag, chart, explanation) are drawn. */
async function assertFunnelAndBacktest(page: Page): Promise<void> {
  const funnel = page.getByTestId('dashboard-funnel');
  await funnel.getByTestId('funnel-chart').locator('canvas').waitFor();
  const steps = await funnel.getByTestId('funnel-steps').innerText();
  assert.match(steps, /^认领 \d+ → 接触 \d+（[\d.]+%）/, steps);
  assert.match(steps, /落地 \d+（[\d.]+%）$/, steps);

  const backtest = page.getByTestId('dashboard-backtest');
  await backtest.getByTestId('weights-source').getByText('拟合权重').waitFor();
  await backtest.getByTestId('backtest-chart').locator('canvas').waitFor();
  await backtest.getByTestId('backtest-explain').getByText(/precision@10/).waitFor();
  assert.match((await backtest.getByRole('img').getAttribute('aria-label')) ?? '', /拟合 [\d.]+%，默认 [\d.]+%，按注册资本 [\d.]+%，随机 [\d.]+%/);
}

test('the leader opens the dashboard from the chain page and reads the 链长, KPIs, funnel, roadmap and backtest', async () => {
  const { context, page } = await newPage(browser);
  try {
    await login(page, 'leader');
    const roadmap = (await (await page.request.get('/api/chains/PV/roadmap')).json()) as Roadmap;
    assert.ok(roadmap.leader, 'the demo chain has a 链长');
    await page.goto('/chains/PV');
    await page.getByTestId('open-dashboard').click();
    await page.waitForURL('**/chains/PV/dashboard');

    await page.getByTestId('dashboard-title').getByText('光伏产业链 · 链长看板').waitFor();
    await page.getByTestId('dashboard-leader').getByText(`链长：${roadmap.leader.displayName}`).waitFor();
    await page.getByTestId('kpi-coverage').getByText(/末级节点 \d+\/\d+ 已覆盖/).waitFor();
    await page.getByTestId('kpi-targets').getByText(/新目标 \d+ · 已接触 \d+/).waitFor();
    await page.getByTestId('kpi-projects').getByText(/线索 \d+ · 在谈 \d+/).waitFor();
    await assertFunnelAndBacktest(page);

    // the nodes: the roadmap's items with their goal, and the six steps as columns
    const nodes = page.getByTestId('dashboard-nodes');
    await nodes.locator('tr.ant-table-row').first().waitFor();
    assert.ok(roadmap.items.length > 0, 'the demo has roadmap items');
    const planned = roadmap.items[0]!.nodeName!;
    await nodes.locator('tr.ant-table-row').filter({ hasText: planned }).getByTestId('node-goal').waitFor();
    for (const step of ['认领', '接触', '拜访', '立项', '签约', '落地']) await nodes.getByRole('columnheader', { name: step, exact: true }).waitFor();

    await assertClean(page, 'the dashboard');
    await screenshot(page, 'chain-dashboard');
  } finally {
    await context.close();
  }
});

test('on a phone the analyst reads the dashboard with the nodes as cards; it fits 390 px', async () => {
  const { context, page } = await newPage(browser, PHONE);
  try {
    await login(page, 'analyst');
    await page.goto('/chains/PV/dashboard');
    await page.getByTestId('dashboard-title').waitFor();
    await assertFunnelAndBacktest(page);
    const card = page.getByTestId('dashboard-nodes').getByTestId('node-card').first();
    await card.getByText(/认领 \d+ · 接触/).waitFor();
    await assertClean(page, 'the dashboard on a phone');
    await screenshot(page, 'phone-chain-dashboard');
    await page.getByTestId('dashboard-nodes').scrollIntoViewIfNeeded();
    await screenshot(page, 'phone-chain-dashboard-nodes');
  } finally {
    await context.close();
  }
});

test('the analyst edits the roadmap at the desk: goal, due date (overdue marked), a stale save is refused with 409; sets the 链长', async () => {
  const { context, page } = await newPage(browser);
  try {
    await login(page, 'analyst');
    const before = (await (await page.request.get('/api/chains/PV/roadmap')).json()) as Roadmap;
    await page.goto('/chains/PV/dashboard');
    await page.getByTestId('dashboard-title').waitFor();
    await page.getByTestId('edit-roadmap').click();
    const editor = page.getByTestId('roadmap-editor');
    const table = editor.getByTestId('roadmap-table');
    await table.locator('tr.ant-table-row').first().waitFor();
    // a node not yet on the roadmap: give it 补链 and a due date in the past
    const firstFree = table.locator('tr.ant-table-row').filter({ has: page.getByTestId('roadmap-goal').filter({ hasText: '不列入' }) }).first();
    const nodeName = (await firstFree.locator('td').first().locator('.ant-typography').first().innerText()).trim();
    const free = table.locator('tr.ant-table-row').filter({ hasText: nodeName });
    await pick(page, free.getByTestId('roadmap-goal'), '补链');
    await free.getByRole('textbox', { name: `${nodeName} 期限` }).click();
    await free.getByRole('textbox', { name: `${nodeName} 期限` }).fill('2026-01-05');
    await free.getByRole('textbox', { name: `${nodeName} 期限` }).press('Enter');
    await free.getByRole('textbox', { name: `${nodeName} 备注` }).fill('浙江、江苏各拜访两家');
    await free.getByTestId('roadmap-overdue').waitFor();
    await editor.getByText('1 处更改未保存').waitFor();
    await assertClean(page, 'the roadmap editor');
    await screenshot(page, 'chain-dashboard-roadmap-edit');
    await editor.getByTestId('roadmap-save').click();
    await page.getByText('路线图已保存').waitFor();
    const nodes = page.getByTestId('dashboard-nodes');
    const row = nodes.locator('tr.ant-table-row').filter({ hasText: nodeName });
    await row.getByTestId('node-goal').getByText('补链').waitFor();
    await row.getByTestId('node-overdue').getByText('已逾期').waitFor();
    const after = (await (await page.request.get('/api/chains/PV/roadmap')).json()) as Roadmap;
    assert.equal(after.items.length, before.items.length + 1);
    assert.notEqual(after.revision, before.revision);

    // someone else saves while this page is open: the next save is refused and nothing changes
    await page.getByTestId('edit-roadmap').click();
    const other = await page.request.put('/api/chains/PV/roadmap', {
      headers: SAME_ORIGIN,
      data: { revision: after.revision, items: after.items.map((i) => ({ node: i.nodeCode, goal: i.goal, dueOn: i.dueOn })) },
    });
    assert.equal(other.status(), 200);
    const firstRow = editor.getByTestId('roadmap-table').locator('tr.ant-table-row').filter({ hasText: nodeName });
    await pick(page, firstRow.getByTestId('roadmap-goal'), '强链');
    await editor.getByTestId('roadmap-save').click();
    await editor.getByTestId('roadmap-conflict').getByText('他人已修改，请刷新后再改').waitFor();
    await assertClean(page, 'the roadmap conflict');
    await screenshot(page, 'chain-dashboard-roadmap-conflict');
    const kept = (await (await page.request.get('/api/chains/PV/roadmap')).json()) as Roadmap;
    assert.equal(kept.items.find((i) => i.nodeCode === after.items.find((a) => a.nodeName === nodeName)?.nodeCode)?.goal, 'fill');
    await editor.getByTestId('roadmap-reload').click();
    await editor.getByTestId('roadmap-conflict').waitFor({ state: 'detached' });
    await editor.getByRole('button', { name: '取 消' }).or(editor.getByRole('button', { name: '取消' })).click();

    // the 链长: the analyst of the defining prefecture may set it
    await page.getByTestId('set-leader').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('链长须为乌鲁木齐市或其下级地区的在用账号').waitFor();
    await assertClean(page, 'the leader dialog');
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await page.getByText('链长已保存').waitFor();
  } finally {
    await context.close();
  }
});

test('on a phone the officer adds a roadmap item through the drawer form; it fits 390 px', async () => {
  const { context, page } = await newPage(browser, PHONE);
  try {
    await login(page, 'officer');
    await page.goto('/chains/PV/dashboard');
    await page.getByTestId('dashboard-title').waitFor();
    assert.equal(await page.getByTestId('set-leader').count(), 0, 'a county officer does not set the 链长');
    await page.getByTestId('edit-roadmap').click();
    const editor = page.getByTestId('roadmap-editor');
    const cards = await editor.getByTestId('roadmap-card').count();
    await editor.getByTestId('roadmap-add').click();
    const drawer = page.locator('.ant-drawer-content');
    await chooseSelectOption(page, drawer.getByRole('combobox', { name: '节点' }), (list) => list.locator('.ant-select-item-option').first());
    await drawer.getByText('延链', { exact: true }).click();
    await drawer.getByRole('textbox', { name: '备注' }).fill('先摸清下游需求');
    await assertClean(page, 'the roadmap drawer on a phone');
    await screenshot(page, 'phone-chain-dashboard-roadmap-drawer');
    await drawer.getByTestId('roadmap-drawer-ok').click();
    await drawer.waitFor({ state: 'hidden' });
    assert.equal(await editor.getByTestId('roadmap-card').count(), cards + 1);
    await assertClean(page, 'the roadmap cards on a phone');
    await screenshot(page, 'phone-chain-dashboard-roadmap-cards');
    await editor.getByTestId('roadmap-save').click();
    await page.getByText('路线图已保存').waitFor();
    await page.getByTestId('dashboard-nodes').getByText('先摸清下游需求').or(page.getByTestId('dashboard-nodes').getByTestId('node-card').first()).first().waitFor();
  } finally {
    await context.close();
  }
});
