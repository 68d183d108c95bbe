/**
 * 政府承诺 (issue 14 items 5–7, 9): at a desk and on a 390 px phone the officer of 米东区 opens the 逾期通报 (its
 * region picker shows 米东区, the region the notice is for) and finds the demo's overdue clause (固定资产投资奖励) and,
 * under 即将到期, a clause due in three days; follows the overdue one to its project's 政府承诺 tab, adds a clause,
 * agrees it (on the phone also hands it to 孙丽娜 of 发改委, refused first without a reason) and records its fulfilment
 * with an evidence file (the clause turns 已兑现); the 承诺台账 page draws the 12-month forecast chart. Then an investor files a complaint naming the overdue clause on the public API: the clause shows it (masked)
 * and the 通报 list puts it first with its complaint count. Each page fits the width and axe finds no serious or
 * critical violation.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, DESK, fitsWidth, launch, login, newPage, PHONE, SAME_ORIGIN, screenshot, settle } from './helpers';

const OVERDUE_TITLE = '固定资产投资奖励';
const PDF = Buffer.from('%PDF-1.4\n%e2e evidence\n');
let browser: Browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

async function assertClean(page: Page, what: string): Promise<void> {
  await settle(page);
  assert.equal(await fitsWidth(page), null, `${what} does not fit the width`);
  assert.deepEqual(await axeViolations(page), [], `${what}: axe`);
}

/** Today in 北京时间, YYYY-MM-DD, and `days` from it. */
function dayFromToday(days: number): string {
  return new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

async function pickDate(page: Page, label: string, date: string): Promise<void> {
  const input = page.getByRole('dialog').getByLabel(label);
  await input.click();
  await input.fill(date);
  await input.press('Enter');
}

/** An agreed clause due in three days on the overdue clause's project (through the API): it is 即将到期. */
async function addClauseAtRisk(page: Page, title: string): Promise<void> {
  const notice = (await (await page.request.get('/api/commitments/notice')).json()) as { items: { title: string; projectId: string }[] };
  const projectId = notice.items.find((i) => i.title === OVERDUE_TITLE)?.projectId;
  assert.ok(projectId, 'the demo overdue clause is in the 通报 list');
  const clauses = (await (await page.request.get(`/api/projects/${projectId}/commitments`)).json()) as { items: { title: string; responsibleUserId: string }[] };
  const owner = clauses.items.find((c) => c.title === OVERDUE_TITLE)?.responsibleUserId;
  const created = await page.request.post(`/api/projects/${projectId}/commitments`, {
    headers: SAME_ORIGIN,
    data: { type: 'service', title, trigger: { kind: 'date', dueDate: dayFromToday(3) }, responsibleDepartment: '发改委', responsibleUserId: owner },
  });
  assert.equal(created.status(), 201, await created.text());
  const clause = (await created.json()) as { id: string; version: number };
  const agreed = await page.request.post(`/api/commitments/${clause.id}/agree`, { headers: SAME_ORIGIN, data: { version: clause.version } });
  assert.equal(agreed.status(), 200, await agreed.text());
}

async function officerFlow(page: Page, width: 'desk' | 'phone'): Promise<void> {
  const title = `园区道路配套承诺 ${width} ${Date.now() % 100000}`;
  const atRiskTitle = `投产手续代办 ${width} ${Date.now() % 100000}`;
  await login(page, 'officer');
  await addClauseAtRisk(page, atRiskTitle);

  // 逾期通报: the demo's overdue clause, the clause at risk, and the picker naming the region shown
  await page.goto('/commitments/notice');
  await page.getByTestId('notice-row').filter({ hasText: OVERDUE_TITLE }).waitFor();
  await page.getByTestId('notice-as-of').getByText('米东区', { exact: false }).waitFor();
  const regionPicker = page.locator('.ant-select', { has: page.getByLabel('地区', { exact: true }) });
  await regionPicker.locator('.ant-select-selection-item').getByText('米东区', { exact: false }).waitFor();
  assert.match(await regionPicker.innerText(), /米东区/);
  assert.ok(!(await regionPicker.innerText()).includes('请选择地区'), 'the picker shows the region, not its placeholder');
  const atRiskRow = page.getByTestId('notice-at-risk-row').filter({ hasText: atRiskTitle });
  await atRiskRow.getByTestId('notice-at-risk-left').getByText(/剩 \d+ 个工作日|今天是最后一天/).waitFor();
  assert.equal(await page.getByTestId('notice-at-risk-row').filter({ hasText: OVERDUE_TITLE }).count(), 0, 'an overdue clause is not listed as at risk');
  await assertClean(page, `the 通报 page (${width})`);
  await screenshot(page, `commitments-notice-${width}`);

  // its project's 政府承诺 tab
  await page.getByTestId('notice-row').filter({ hasText: OVERDUE_TITLE }).getByRole('link').first().click();
  await page.waitForURL(/\/projects\/[0-9a-f-]{36}\?tab=commitments$/);
  const tab = page.getByTestId('commitments-tab');
  const overdueRow = tab.locator('[data-testid=clause-row]', { hasText: OVERDUE_TITLE });
  await overdueRow.getByTestId('clause-status').getByText('逾期').waitFor();
  await assertClean(page, `the project's 政府承诺 tab (${width})`);
  await screenshot(page, `commitments-tab-${width}`);

  // a new clause
  await tab.getByTestId('clause-add').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('条款', { exact: true }).fill(title);
  await dialog.getByLabel('承诺金额', { exact: true }).fill('50');
  await pickDate(page, '到期日期', dayFromToday(60));
  await dialog.getByLabel('责任单位', { exact: true }).fill('住建局');
  const picker = dialog.getByLabel('责任人', { exact: true });
  await picker.click();
  await picker.fill('马');
  await page.locator('.ant-select-dropdown:visible').getByText('马晓东', { exact: true }).click();
  await assertClean(page, `the clause dialog (${width})`);
  await screenshot(page, `commitments-clause-dialog-${width}`);
  const created = page.waitForResponse((r) => /\/api\/projects\/[0-9a-f-]+\/commitments$/.test(r.url()) && r.request().method() === 'POST');
  await dialog.getByRole('button', { name: /确\s*定/ }).click();
  const res = await created;
  assert.equal(res.status(), 201, await res.text());

  // agree it, then record its fulfilment with evidence
  const row = tab.locator('[data-testid=clause-row]', { hasText: title });
  await row.waitFor();
  await row.locator('.ant-table-row-expand-icon').click();
  const detail = tab.getByTestId('clause-detail').filter({ has: page.getByTestId('clause-agree') });
  await detail.getByTestId('clause-agree').click();
  if (width === 'phone') await reassignClause(page);
  await tab.getByTestId('clause-fulfil').last().click();
  const fulfil = page.getByRole('dialog').filter({ hasText: title });
  await pickDate(page, '兑现日期', dayFromToday(0));
  await fulfil.getByLabel('本次兑现金额').fill('50');
  await fulfil.locator('input[type=file]').setInputFiles({ name: '拨付凭证.pdf', mimeType: 'application/pdf', buffer: PDF });
  await fulfil.getByTestId('fulfil-file').getByText('拨付凭证.pdf').waitFor();
  await assertClean(page, `the fulfilment dialog (${width})`);
  await screenshot(page, `commitments-fulfil-${width}`);
  const recorded = page.waitForResponse((r) => r.url().endsWith('/fulfilments') && r.request().method() === 'POST');
  await fulfil.getByRole('button', { name: /确\s*定/ }).click();
  const fres = await recorded;
  assert.equal(fres.status(), 201, await fres.text());
  await row.getByTestId('clause-status').getByText('已兑现').waitFor();
  await tab.getByTestId('fulfilment-row').filter({ hasText: '佐证' }).first().waitFor();
  await screenshot(page, `commitments-fulfilled-${width}`);

  // 承诺台账: counts and the forecast chart
  await page.goto('/commitments/ledger');
  await page.getByTestId('ledger-counts').waitFor();
  await page.getByTestId('forecast-chart').locator('canvas').first().waitFor();
  await assertClean(page, `the ledger page (${width})`);
  await screenshot(page, `commitments-ledger-${width}`);
}

/** 更换责任人 on the phone: refused without a reason, then handed to 孙丽娜 of 发改委; the row shows the new owner. */
async function reassignClause(page: Page): Promise<void> {
  const tab = page.getByTestId('commitments-tab');
  // the clause's one open detail, once agreed (the fulfil button shows the agreed clause has been read back)
  const detail = tab.getByTestId('clause-detail').filter({ has: page.getByTestId('clause-fulfil') });
  await detail.waitFor();
  await detail.getByTestId('clause-reassign').click();
  const dialog = page.getByRole('dialog').filter({ hasText: '更换责任单位或责任人' });
  await dialog.getByTestId('reassign-current').getByText('马晓东', { exact: false }).waitFor();
  await dialog.getByLabel('责任单位', { exact: true }).fill('发改委');
  // the picker starts with the current owner (its name covers the search input): open it by its box
  await dialog.getByTestId('reassign-person').click();
  await dialog.getByLabel('责任人', { exact: true }).fill('孙');
  await page.locator('.ant-select-dropdown:visible').getByText('孙丽娜', { exact: true }).click();
  await dialog.getByRole('button', { name: /确\s*定/ }).click();
  await dialog.getByText('请填写操作原因').waitFor();
  await dialog.getByLabel('操作原因').fill('分工调整：由发改委跟进');
  await assertClean(page, 'the reassign dialog (phone)');
  await screenshot(page, 'commitments-reassign-phone');
  const saved = page.waitForResponse((r) => r.url().endsWith('/responsible') && r.request().method() === 'POST');
  await dialog.getByRole('button', { name: /确\s*定/ }).click();
  const res = await saved;
  assert.equal(res.status(), 200, await res.text());
  await detail.getByTestId('clause-responsible').getByText('发改委 · 孙丽娜').waitFor();
}

test('the officer works the 通报, a project’s 政府承诺 and the ledger (desk)', async () => {
  const { context, page } = await newPage(browser, DESK);
  try {
    await officerFlow(page, 'desk');
  } finally {
    await context.close();
  }
});

test('the officer works the 通报, a project’s 政府承诺 and the ledger (390 px phone)', async () => {
  const { context, page } = await newPage(browser, PHONE);
  try {
    await officerFlow(page, 'phone');
  } finally {
    await context.close();
  }
});

test('a complaint naming the overdue clause shows on it and puts it first in the 通报 list', async () => {
  const { context, page } = await newPage(browser, DESK);
  try {
    await login(page, 'officer');
    const notice = (await (await page.request.get('/api/commitments/notice?regionCode=650109')).json()) as { items: { id: string; title: string; projectId: string }[] };
    const clause = notice.items.find((i) => i.title === OVERDUE_TITLE);
    assert.ok(clause, 'the demo overdue clause is in the 通报 list');
    const consent = (await (await page.request.get('/api/public/consent-notice')).json()) as { version: string };
    const filed = await page.request.post('/api/public/complaints', {
      headers: SAME_ORIGIN,
      data: { type: 'brokenPromise', regionCode: '650109', name: '张投资', phone: '13800009876', content: '合同第四条的固定资产投资奖励逾期未兑现', consent: true, consentVersion: consent.version, clauseId: clause.id },
    });
    assert.equal(filed.status(), 201, await filed.text());

    await page.goto('/commitments/notice');
    const first = page.getByTestId('notice-row').first();
    await first.getByText(OVERDUE_TITLE).waitFor();
    await first.getByTestId('notice-complaints').getByText('投诉 1 件').waitFor();
    await screenshot(page, 'commitments-notice-complaint');

    await page.goto(`/projects/${clause.projectId}?tab=commitments`);
    const row = page.locator('[data-testid=clause-row]', { hasText: OVERDUE_TITLE });
    await row.getByText('投诉 1 件').waitFor();
    await row.locator('.ant-table-row-expand-icon').click();
    await page.getByRole('tab', { name: /投诉（1）/ }).click();
    const complaint = page.getByTestId('clause-complaint').first();
    await complaint.getByText('固定资产投资奖励逾期未兑现', { exact: false }).waitFor();
    assert.ok(!(await complaint.innerText()).includes('张投资'), 'the complainant’s name is masked');
    await assertClean(page, 'the clause with its complaint');
    await screenshot(page, 'commitments-clause-complaint');
  } finally {
    await context.close();
  }
});
