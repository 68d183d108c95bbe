/**
 * 简报: at a desk the demo leader of 乌鲁木齐市 opens 简报 from the menu, opens last week's draft (generated from the
 * demo's records), opens the records behind a figure, revises the 下步工作 text, saves, issues it with the confirmation
 * and downloads it as docx and PDF; on a 390 px phone the leader reads an issued briefing. Each page fits the width and
 * axe finds no serious or critical violation.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, fitsWidth, launch, login, newPage, PHONE, screenshot, settle, sideMenu } from './helpers';

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

/** Clicks a download button: the file the browser saves, read back. */
async function downloaded(page: Page, testId: string, name: RegExp): Promise<Buffer> {
  const download = page.waitForEvent('download');
  await page.getByTestId(testId).click();
  const file = await download;
  assert.match(file.suggestedFilename(), name);
  const saved = await file.path();
  return readFileSync(saved);
}

test('the leader edits last week’s draft, opens a figure’s records, issues it and downloads docx and PDF (desk)', async () => {
  const { context, page } = await newPage(browser);
  try {
    await login(page, 'leader');
    await sideMenu(page).getByText('简报').click();
    await page.waitForURL(/\/briefings$/);
    await page.getByTestId('briefings-list').waitFor();
    await page.getByTestId('briefings-list').getByText('草稿').first().waitFor();
    await assertClean(page, 'the briefing list');
    await screenshot(page, 'briefings-list');

    // the weekly draft: the first row with 草稿 and the weekly kind
    await page.getByTestId('briefings-list').locator('tr', { hasText: '每周招商工作简报' }).filter({ hasText: '草稿' }).first().getByRole('link').click();
    await page.waitForURL(/\/briefings\/[0-9a-f-]{36}$/);
    await page.getByTestId('briefing-figures').waitFor();
    await assertClean(page, 'the briefing draft');
    await screenshot(page, 'briefings-draft');

    // the red lights: the demo always has some; each record a link to its project
    await page.getByTestId('figure-lights.red').click();
    await page.getByTestId('briefing-records').locator('a[href^="/projects/"]').first().waitFor();
    await screenshot(page, 'briefings-records');
    await page.keyboard.press('Escape');

    const next = page.getByTestId('section-next').locator('textarea');
    await next.fill('下周赴上海开展光伏产业链招商，拜访3家目标企业。');
    const patched = page.waitForResponse((r) => r.url().includes('/api/briefings/') && r.request().method() === 'PATCH');
    await page.getByTestId('briefing-save').click();
    assert.equal((await patched).status(), 200);
    await page.getByTestId('section-next').getByText('已编辑').waitFor();

    await page.getByTestId('briefing-issue').click();
    const issued = page.waitForResponse((r) => r.url().endsWith('/issue') && r.request().method() === 'POST');
    await page.locator('.ant-popconfirm').getByRole('button', { name: /签\s?发/ }).click();
    assert.equal((await issued).status(), 200);
    await page.getByTestId('briefing-status').getByText('已签发').waitFor();
    await page.getByTestId('section-next').getByText('下周赴上海开展光伏产业链招商，拜访3家目标企业。').waitFor();
    await page.getByTestId('briefing-editions').getByText('第 1 版').waitFor();
    await assertClean(page, 'the issued briefing');
    await screenshot(page, 'briefings-issued');

    // a zip (docx) and a PDF with the CJK font embedded
    assert.equal((await downloaded(page, 'briefing-docx', /每周招商工作简报.*\.docx$/)).subarray(0, 2).toString(), 'PK');
    const pdf = await downloaded(page, 'briefing-pdf', /每周招商工作简报.*\.pdf$/);
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    assert.ok(pdf.length > 10_000, `PDF of ${pdf.length} bytes`);
  } finally {
    await context.close();
  }
});

test('the leader reads an issued briefing on a phone (390 px)', async () => {
  const { context, page } = await newPage(browser, PHONE);
  try {
    await login(page, 'leader');
    await page.goto('/briefings?kind=weekly');
    await page.getByTestId('briefings-list').getByText('已签发').first().waitFor();
    await assertClean(page, 'the briefing list on a phone');
    await screenshot(page, 'briefings-list-phone');
    await page.getByTestId('briefings-list').getByRole('link').first().click();
    await page.getByTestId('briefing-figures').waitFor();
    await assertClean(page, 'a briefing on a phone');
    await screenshot(page, 'briefings-detail-phone');
  } finally {
    await context.close();
  }
});
