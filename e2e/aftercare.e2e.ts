/**
 * 安商稳商 and the notification centre: at a desk the officer of 米东区 opens 安商稳商 from the menu, opens a landed
 * project and records a follow-up visit that raises a problem due ten days ago (made overdue through its date); the
 * system administrator runs the reminder check (as the hourly job would); the city's leader sees the escalation in
 * the header bell, follows it to the project and finds it in the notification centre — at a desk and on a 390 px
 * phone. Each page fits the width and axe finds no serious or critical violation.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, fitsWidth, launch, login, newPage, PHONE, SAME_ORIGIN, screenshot, settle, sideMenu } from './helpers';

let browser: Browser;
const PROBLEM = `入园承诺的物流补贴未到位 ${Date.now() % 100000}`;
let projectName = '';

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

/** YYYY-MM-DD `days` days before today in 北京时间 */
function daysAgo(days: number): string {
  return new Date(Date.now() + 8 * 3600_000 - days * 86_400_000).toISOString().slice(0, 10);
}

test('the officer records a follow-up visit of a landed project that raises a problem (desk)', async () => {
  const { context, page } = await newPage(browser);
  try {
    await login(page, 'officer');
    await sideMenu(page).getByText('安商稳商').click();
    await page.waitForURL(/\/aftercare$/);
    await page.getByTestId('aftercare-list').waitFor();
    await assertClean(page, 'the aftercare list');
    await screenshot(page, 'aftercare-list');

    const first = page.getByTestId('aftercare-project').first();
    projectName = (await first.innerText()).trim();
    await first.click();
    await page.getByTestId('follow-ups-tab').waitFor();
    await page.getByTestId('follow-up-signals').waitFor();
    await assertClean(page, 'the project’s follow-ups');
    await screenshot(page, 'aftercare-project');

    await page.getByRole('button', { name: '登记回访' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('follow-up-visitor').fill('马晓东');
    await dialog.getByTestId('follow-up-findings').fill('二期厂房已投用，企业反映入园承诺的物流补贴尚未到位');
    await dialog.getByText('承诺未兑现', { exact: true }).click();
    await dialog.getByText('添加问题').click();
    await dialog.getByTestId('follow-up-problem-description').fill(PROBLEM);
    await dialog.getByTestId('follow-up-problem-owner').fill('米东区商务局');
    const due = dialog.getByTestId('follow-up-problem-due');
    await due.click();
    await due.fill(daysAgo(10));
    await due.press('Enter');
    await assertClean(page, 'the follow-up form');
    await screenshot(page, 'aftercare-record');
    const saved = page.waitForResponse((r) => /\/api\/follow-ups\/[0-9a-f-]+$/.test(r.url()) && r.request().method() === 'PATCH');
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    const res = await saved;
    assert.equal(res.status(), 200, await res.text());
    await page.getByTestId('follow-up-problems').getByText(PROBLEM, { exact: false }).waitFor();
    // the problem joined the project's problem list
    await page.getByRole('tab', { name: '问题清单' }).click();
    await page.getByTestId('problems-tab').getByText(PROBLEM).waitFor();
  } finally {
    await context.close();
  }
});

test('the reminder check escalates the overdue problem; the leader sees it in the bell and the notification centre (desk)', async () => {
  assert.ok(projectName, 'the first test recorded a visit');
  const admin = await newPage(browser);
  try {
    await login(admin.page, 'sysadmin');
    const run = await admin.page.request.post('/api/notifications/run', { headers: SAME_ORIGIN });
    assert.equal(run.status(), 200, await run.text());
    const raised = ((await run.json()) as { raised: Record<string, number> }).raised;
    assert.ok((raised.problemEscalated ?? 0) >= 1, JSON.stringify(raised));
  } finally {
    await admin.context.close();
  }

  const { context, page } = await newPage(browser);
  try {
    await login(page, 'leader');
    const bell = page.getByTestId('notifications-bell');
    await bell.waitFor();
    assert.match((await bell.getAttribute('aria-label')) ?? '', /通知（[1-9]\d* 条未读）/);
    await bell.click();
    const panel = page.getByTestId('notifications-panel');
    const item = panel.getByTestId('notification-item').filter({ hasText: projectName }).filter({ hasText: '升级督办' }).first();
    await item.waitFor();
    await screenshot(page, 'aftercare-bell');
    await item.click();
    await page.waitForURL(/\/projects\/[0-9a-f-]+$/);
    await page.getByTestId('follow-ups-tab').waitFor();

    // the escalations: the one just opened is read now, after the unread ones
    await page.goto('/notifications?kind=problemEscalated');
    await page.getByTestId('notification-list').waitFor();
    const row = page.getByTestId('notification-row').filter({ hasText: projectName }).filter({ hasText: '问题升级督办' }).first();
    await row.waitFor();
    assert.match(await row.innerText(), new RegExp(PROBLEM.slice(0, 8)));
    await assertClean(page, 'the notification centre');
    await screenshot(page, 'notifications-desk');
    // unread only: the escalation just opened is read now
    await page.getByTestId('notifications-status').getByText('未读').click();
    await settle(page);
    assert.equal(await page.getByTestId('notification-row').filter({ hasText: PROBLEM.slice(0, 8) }).count(), 0);
  } finally {
    await context.close();
  }
});

test('the leader reads the notification centre and the aftercare list on a 390 px phone', async () => {
  const { context, page } = await newPage(browser, PHONE);
  try {
    await login(page, 'leader');
    await page.getByTestId('notifications-bell').waitFor();
    // the escalations only: the one opened at the desk is read, and unread notifications of other kinds (the demo has
    // dozens, more as clocks are added) come first and would push it off the first page
    await page.goto('/notifications?kind=problemEscalated');
    await page.getByTestId('notification-list').waitFor();
    await page.getByTestId('notification-row').filter({ hasText: projectName }).first().waitFor();
    await assertClean(page, 'the notification centre on a phone');
    await screenshot(page, 'notifications-phone');
    await page.goto('/aftercare');
    await page.getByTestId('aftercare-card').first().waitFor();
    await assertClean(page, 'the aftercare list on a phone');
    await screenshot(page, 'aftercare-phone');
    // a landed project's follow-ups and the visit form on the phone
    await page.getByTestId('aftercare-project').first().click();
    await page.getByTestId('follow-ups-tab').waitFor();
    await assertClean(page, 'the project’s follow-ups on a phone');
    await screenshot(page, 'aftercare-project-phone');
  } finally {
    await context.close();
  }
});

test('the officer opens the visit form on a 390 px phone', async () => {
  const { context, page } = await newPage(browser, PHONE);
  try {
    await login(page, 'officer');
    await page.goto('/aftercare');
    await page.getByTestId('aftercare-project').first().click();
    await page.getByTestId('follow-ups-tab').waitFor();
    await page.getByRole('button', { name: '登记回访' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('follow-up-findings').waitFor();
    await dialog.getByText('添加问题').click();
    await settle(page);
    const box = await dialog.boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= PHONE.width + 1, `the visit form fits the phone: ${JSON.stringify(box)}`);
    assert.deepEqual(await axeViolations(page), [], 'the visit form on a phone: axe');
    await screenshot(page, 'aftercare-record-phone');
  } finally {
    await context.close();
  }
});
