import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launch, login, newPage, SAME_ORIGIN, screenshot, sideMenu } from './helpers';

let browser: Browser;

/** Last month in Asia/Shanghai: the return due now and the page's default. */
function lastMonth(): string {
  const now = new Date(Date.now() + 8 * 3_600_000);
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth(); // 0-based: this is last month's 1-based number
  return m === 0 ? `${y - 1}-12` : `${y}-${String(m).padStart(2, '0')}`;
}

const MONTH = lastMonth();
const RETURN_PATH = `/returns/650109/${MONTH}`;

interface ProjectRow {
  id: string;
  regionCode: string;
}

/** 米东区 projects (in the district itself) without a receipt for the month, through the caller's session. */
async function projectsWithoutReceipt(page: Page, count: number): Promise<string[]> {
  const res = await page.request.get('/api/projects', { params: { regionCode: '650109', pageSize: '100' } });
  assert.equal(res.status(), 200);
  const { items } = (await res.json()) as { items: ProjectRow[] };
  const found: string[] = [];
  for (const p of items.filter((i) => i.regionCode === '650109')) {
    const receipts = (await (await page.request.get(`/api/projects/${p.id}/receipts`)).json()) as { items: { month: string }[] };
    if (!receipts.items.some((r) => r.month === MONTH)) found.push(p.id);
    if (found.length === count) return found;
  }
  throw new Error(`fewer than ${count} 米东区 projects without a ${MONTH} receipt`);
}

async function confirmPopover(page: Page): Promise<void> {
  await page.locator('.ant-popconfirm:visible').getByRole('button', { name: /确\s*定/ }).click();
}

function returnAction(page: Page, action: string) {
  return page.waitForResponse(
    (r) => r.request().method() === 'POST' && r.url().includes(`/api/returns/650109/${MONTH}/${action}`),
  );
}

async function expectState(page: Page, label: string): Promise<void> {
  await page.locator('.ant-page-header').getByTestId('return-state').getByText(label, { exact: true }).waitFor();
}

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

test('a monthly return goes up, comes back, goes up again and is approved; the month is then locked', async () => {
  const stat = await newPage(browser);
  const rev = await newPage(browser);
  try {
    // the statistician finds 米东区's own return for last month and submits it
    const s = stat.page;
    await login(s, 'statistician');
    await sideMenu(s).getByText('月报审核').click();
    await s.waitForURL('**/returns');
    const own = s.getByTestId('returns-table').locator('.ant-table-row').first();
    await own.getByText('米东区').waitFor();
    await own.getByText('本级').waitFor();
    await screenshot(s, 'returns-statistician');
    await own.getByRole('link', { name: '米东区' }).click();
    await s.waitForURL(`**${RETURN_PATH}`);
    await s.getByTestId('figures-month').getByText('到位资金').waitFor();
    await s.getByTestId('figures-ytd').getByText(/\d+\.\d{2}%/).first().waitFor();
    const [free, locked] = await projectsWithoutReceipt(s, 2);
    assert.ok(free && locked);
    let res = returnAction(s, 'submit');
    await s.getByTestId('return-submit').click();
    await confirmPopover(s);
    assert.equal((await res).status(), 200);
    await expectState(s, '已上报');
    await s.getByTestId('return-history').getByText('第 1 次上报').waitFor();

    // the reviewer of 乌鲁木齐市 gets a reminder and returns it with a reason
    const r = rev.page;
    await login(r, 'reviewer');
    const bell = r.getByTestId('reminders-bell');
    await bell.locator('.ant-badge-count').waitFor();
    await bell.click();
    await r.getByTestId('reminders-panel').getByText(`米东区 ${MONTH} 的月报已上报`).click();
    await r.waitForURL(`**${RETURN_PATH}`);
    await r.getByTestId('return-approve').waitFor();
    await r.getByTestId('return-send-back').click();
    const modal = r.locator('.ant-modal-content').filter({ hasText: '退回月报' });
    await modal.getByLabel('操作原因').fill('新建项目到位资金漏报，请补录后重新上报');
    res = returnAction(r, 'return');
    await modal.getByRole('button', { name: /确\s*[认定]/ }).click();
    assert.equal((await res).status(), 200);
    await expectState(r, '已退回');

    // the statistician sees the reason, adds the missing receipt and resubmits
    await s.reload();
    await expectState(s, '已退回');
    await s.getByTestId('return-reason').getByText('新建项目到位资金漏报').waitFor();
    const added = await s.request.post(`/api/projects/${free}/receipts`, { data: { month: MONTH, amountYuan: 1_234_500, note: 'e2e 补录' }, headers: SAME_ORIGIN });
    assert.equal(added.status(), 201, await added.text());
    await s.reload();
    await s.getByTestId('return-changes').getByText('+123.45 万元').first().waitFor();
    res = returnAction(s, 'submit');
    await s.getByTestId('return-submit').click();
    await confirmPopover(s);
    assert.equal((await res).status(), 200);
    await expectState(s, '已上报');

    // the reviewer sees what changed between the two submissions, then approves
    await r.reload();
    await expectState(r, '已上报');
    const changes = r.getByTestId('return-changes');
    await changes.getByText('第 2 次上报与上一次上报相比').waitFor();
    await changes.locator('.ant-table-row').filter({ hasText: '到位资金' }).filter({ hasText: '+123.45 万元' }).first().waitFor();
    await r.waitForTimeout(300);
    await screenshot(r, 'returns-reviewer-changes');
    res = returnAction(r, 'approve');
    await r.getByTestId('return-approve').click();
    await confirmPopover(r);
    assert.equal((await res).status(), 200);
    await expectState(r, '已审核');
    await r.getByTestId('return-reopen').waitFor();
    const history = r.getByTestId('return-history');
    await history.getByText('审核通过', { exact: true }).waitFor();
    await history.getByText('原因：新建项目到位资金漏报，请补录后重新上报').waitFor();

    // the approved month is locked: a new receipt is refused with the server's message
    const refused = await s.request.post(`/api/projects/${locked}/receipts`, { data: { month: MONTH, amountYuan: 10_000 }, headers: SAME_ORIGIN });
    assert.equal(refused.status(), 409);
    const body = (await refused.json()) as { error: { message: string } };
    assert.match(body.error.message, /已审核通过并锁定/);
    await s.reload();
    await expectState(s, '已审核');
    await s.getByText('审核通过后该月到位资金锁定').waitFor();
    await screenshot(s, 'returns-statistician-approved');
    // the target's completion is a year-to-date figure: only the year-to-date block shows it
    await s.getByTestId('figures-ytd').getByText('目标完成').waitFor();
    assert.equal(await s.getByTestId('figures-month').getByText('目标完成').count(), 0);

    // the reviewer's list names who submitted
    await r.goto(`/returns?region=650100&month=${MONTH}`);
    await r.getByTestId('returns-table').locator('.ant-table-row').filter({ hasText: '米东区' }).getByText('孙丽娜').waitFor();
  } finally {
    await stat.context.close();
    await rev.context.close();
  }
});

test('the leader downloads the 月通报 PDF from 统计分析', async () => {
  const { context, page } = await newPage(browser);
  try {
    await login(page, 'leader');
    await page.goto('/stats');
    const docs = page.getByTestId('stats-documents');
    await docs.getByText('月通报').waitFor();
    const download = page.waitForEvent('download');
    await docs.getByTestId('doc-monthly-pdf').click();
    const file = await download;
    assert.match(file.suggestedFilename(), /月通报\.pdf$/);
  } finally {
    await context.close();
  }
});
