/**
 * 外出招商的计划、审批与报告 and the 帮办代办 service clocks (issue 13 items 1 and 8). At a desk the officer of 米东区 plans
 * a trip in the activity form, submits it, the leader of 乌鲁木齐市 approves it, and the officer submits the report with a
 * lead and attaches a file; on a 390 px phone the officer finds an overdue report under 报告待交 and submits it with a lead.
 * The leader of 乌鲁木齐市 opens
 * 服务时钟 from the menu at a desk and on a 390 px phone: the totals, the trend chart and the table by region, handler
 * and month. Each page fits the width and axe finds no serious or critical violation.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, fitsWidth, launch, login, newPage, PHONE, SAME_ORIGIN, screenshot, settle, sideMenu } from './helpers';

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

test('the leader reads the service clocks of the prefecture by region, handler and month (desk and phone)', async () => {
  for (const viewport of [undefined, PHONE]) {
    const { context, page } = await newPage(browser, viewport);
    try {
      await login(page, 'leader');
      if (viewport) {
        await page.goto('/service-items/clocks?region=650100&from=2026-01&to=2026-11');
      } else {
        await sideMenu(page).getByText('服务时钟').click();
        await page.waitForURL(/\/service-items\/clocks/);
        await page.goto('/service-items/clocks?region=650100&from=2026-01&to=2026-11');
      }
      const totals = page.getByTestId('clock-totals');
      await totals.waitFor();
      assert.match((await totals.textContent()) ?? '', /受理\d+/);
      const table = page.getByTestId('clock-table');
      await table.getByText('米东区').first().waitFor();
      await assertClean(page, `service clocks by region (${viewport ? 'phone' : 'desk'})`);
      await screenshot(page, `service-clocks-${viewport ? 'phone' : 'desk'}`);
      await page.getByText('按经办人').click();
      await table.locator('tr.ant-table-row').first().waitFor();
      await page.getByText('按月', { exact: true }).click();
      await table.getByText('2026-03').waitFor();
      await assertClean(page, `service clocks by month (${viewport ? 'phone' : 'desk'})`);
    } finally {
      await context.close();
    }
  }
});

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

async function submitReport(page: Page, text: string, lead: string): Promise<void> {
  await page.getByTestId('trip-open-report').click();
  await page.getByTestId('trip-report-text').fill(text);
  await page.getByTestId('trip-add-lead').click();
  await page.getByTestId('trip-lead-name').fill(lead);
  const saved = page.waitForResponse((r) => r.url().endsWith('/report') && r.request().method() === 'PUT');
  await page.locator('.ant-modal-footer').getByRole('button', { name: /提\s*交/ }).click();
  const res = await saved;
  assert.equal(res.status(), 200, await res.text());
  await page.getByTestId('trip-leads').getByText(lead).waitFor();
}

test('the officer plans a trip, the leader approves it, the officer reports with a lead and a file (desk)', async () => {
  const officer = await newPage(browser);
  const leader = await newPage(browser);
  try {
    const page = officer.page;
    await login(page, 'officer');
    await page.goto('/activities/new');
    await page.getByTestId('activity-name-input').fill('计划赴苏州招商');
    await page.getByText('更多信息（可选）').click();
    await page.getByTestId('activity-planned').check();
    await page.getByTestId('activity-plan-text').fill('拜访三家光伏企业');
    await assertClean(page, 'the activity form with a plan');
    const created = page.waitForResponse((r) => r.url().endsWith('/api/activities') && r.request().method() === 'POST');
    await page.getByTestId('activity-save').click();
    const res = await created;
    assert.equal(res.status(), 200, await res.text());
    const id = ((await res.json()) as { id: string }).id;
    await page.getByTestId('trip-plan-status').getByText('计划中').waitFor();
    await page.getByTestId('trip-submit-plan').click();
    await page.getByTestId('trip-plan-status').getByText('待审批').waitFor();

    await login(leader.page, 'leader');
    await leader.page.goto(`/activities/${id}`);
    await leader.page.getByTestId('trip-approve').waitFor();
    await assertClean(leader.page, 'the plan awaiting approval');
    await leader.page.getByTestId('trip-approve').click();
    await leader.page.getByTestId('trip-plan-status').getByText('已批准').waitFor();

    await page.reload();
    await page.getByTestId('trip-plan-status').getByText('已批准').waitFor();
    await submitReport(page, '走访三家企业，一家有意向', '光伏边框项目');
    await page.getByTestId('trip-plan-status').getByText('已完成').waitFor();
    await page.getByTestId('activity-file-upload').waitFor();
    await page.locator('input[type=file]').setInputFiles({ name: '行程报告.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.getByTestId('activity-files').getByText('行程报告.pdf').waitFor();
    await assertClean(page, 'the reported trip');
    await screenshot(page, 'trip-detail-desk');
  } finally {
    await officer.context.close();
    await leader.context.close();
  }
});

test('the officer finds an overdue report under 报告待交 and submits it with a lead (phone)', async () => {
  const { context, page } = await newPage(browser, PHONE);
  try {
    await login(page, 'officer');
    const trip = await page.request.post('/api/activities', {
      data: { type: 'trip', name: '赴宁波招商（待报告）', startDate: '2026-10-26', endDate: '2026-10-28', regionCode: '650109', personTrips: 3 },
      headers: SAME_ORIGIN,
    });
    assert.equal(trip.status(), 200, await trip.text());
    await page.goto('/activities');
    await page.getByTestId('activities-report-filter').click();
    await page.waitForURL(/report=pending/);
    const card = page.getByTestId('activity-card').filter({ hasText: '赴宁波招商（待报告）' });
    await card.getByText('逾期未交').waitFor();
    await assertClean(page, 'the list of reports due (phone)');
    await screenshot(page, 'trip-reports-due-phone');
    await card.getByTestId('activity-name').click();
    await page.getByTestId('trip-report').waitFor();
    await submitReport(page, '对接两家企业', '宁波储能项目');
    await page.getByTestId('trip-report').getByText('逾期提交').waitFor();
    await assertClean(page, 'the trip with its report (phone)');
    await screenshot(page, 'trip-detail-phone');
  } finally {
    await context.close();
  }
});

test('the leader’s home shows this month’s activities against the same month last year (desk and phone)', async () => {
  for (const viewport of [undefined, PHONE]) {
    const { context, page } = await newPage(browser, viewport);
    try {
      await login(page, 'leader');
      await page.goto('/');
      const panel = page.getByTestId('dash-activities');
      await panel.getByTestId('dash-act-trips').waitFor();
      assert.match((await panel.getByTestId('dash-act-trips').textContent()) ?? '', /外出招商（批次）\d+去年同月 \d+/);
      await assertClean(page, `the home page with its activity panel (${viewport ? 'phone' : 'desk'})`);
      await panel.scrollIntoViewIfNeeded();
      await screenshot(page, `dash-activities-${viewport ? 'phone' : 'desk'}`);
    } finally {
      await context.close();
    }
  }
});

test('统计分析 shows the activity statistics of the period against the same months last year (desk and phone)', async () => {
  for (const viewport of [undefined, PHONE]) {
    const { context, page } = await newPage(browser, viewport);
    try {
      await login(page, 'leader');
      await page.goto('/stats?region=650100&from=2026-01&to=2026-11');
      const card = page.getByTestId('stats-activities');
      const trips = card.locator('tr').filter({ hasText: '外出招商（批次）' });
      await trips.waitFor();
      // the demo's year of activities: this year's trips counted, last year's column and the change beside them
      const cells = (await trips.locator('td').allTextContents()).map((s) => s.trim());
      assert.equal(cells[0], '外出招商（批次）');
      assert.match(cells[1] ?? '', /^[1-9][\d,]*$/);
      assert.match(cells[2] ?? '', /^[\d,]+$/);
      assert.equal(Number((cells[1] ?? '').replace(/,/g, '')) - Number((cells[2] ?? '').replace(/,/g, '')), Number((cells[3] ?? '').replace(/[+,]/g, '')));
      await card.getByText('上年同期为 2025-01 至 2025-11').waitFor();
      // the monthly trend: drawn from byMonth of both periods
      await card.getByTestId('chart-activity-trend').locator('canvas').first().waitFor();
      await card.scrollIntoViewIfNeeded();
      await assertClean(page, `统计分析 with its activity card (${viewport ? 'phone' : 'desk'})`);
      await screenshot(page, `stats-activities-${viewport ? 'phone' : 'desk'}`);
      // a period without activities, this year or last: the chart's empty state says so
      await page.goto('/stats?region=650100&from=2016-01&to=2016-03');
      await page.getByTestId('stats-activities').getByText('本期与上年同期都没有招商活动记录').waitFor();
    } finally {
      await context.close();
    }
  }
});
