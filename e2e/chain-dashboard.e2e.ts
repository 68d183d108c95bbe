/**
 * 链长看板: the demo leader of 乌鲁木齐 opens the dashboard of the 光伏 chain from the chain page and reads the 链长,
 * the KPI cards, the conversion funnel of the last twelve months, the nodes' roadmap and the scoring's backtest; the
 * analyst reads it on a phone with the nodes as cards. Each page fits the width and axe finds no serious or critical violation.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, fitsWidth, launch, login, newPage, PHONE, screenshot, settle } from './helpers';

let browser: Browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

interface Roadmap {
  leader: { displayName: string } | null;
  items: { nodeName: string | null }[];
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
