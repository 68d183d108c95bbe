/**
 * 外出招商的计划、审批与报告 and the 帮办代办 service clocks (issue 13 items 1 and 8). The leader of 乌鲁木齐市 opens
 * 服务时钟 from the menu at a desk and on a 390 px phone: the totals, the trend chart and the table by region, handler
 * and month. Each page fits the width and axe finds no serious or critical violation.
 */
import assert from 'node:assert/strict';
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
