import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { launch, login, menuLabels, newPage, screenshot, sideMenu } from './helpers';

let browser: Browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

test('the officer imports a ledger of old 开工 projects without signing dates, sees them flagged 资料不全 and listed under 待完善 (1440 and 390 px)', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'yinfeng-e2e-ledger-'));
  const file = path.join(dir, '续建项目台账.csv');
  const code = `E2E-LEDGER-${Date.now().toString(36)}`;
  writeFileSync(
    file,
    `\uFEFF项目编号,项目名称,地区代码,投资方,资金来源,阶段,开工日期,招商方式\n${code}-1,e2e 续建项目甲,650109,甲公司,区内,开工,2019-05-01,以商\n${code}-2,e2e 续建项目乙,650109,乙公司,区外,投产,2018-03-01,\n`,
    'utf8',
  );
  const { context, page } = await newPage(browser);
  try {
    await login(page, 'officer');
    assert.ok((await menuLabels(page)).includes('待完善'));
    await sideMenu(page).getByText('数据导入').click();
    await page.waitForURL('**/imports');
    await page.locator('input[type=file]').setInputFiles(file);
    await page.getByRole('button', { name: /试导入/ }).click();
    const gaps = page.getByTestId('import-incomplete');
    await gaps.getByText('2 个项目资料不全', { exact: false }).waitFor();
    await gaps.getByText(`${code}-1`).waitFor();
    await page.getByRole('button', { name: /确认导入/ }).click();
    await page.getByText('导入完成').first().waitFor();
    await screenshot(page, 'ledger-import-gaps');

    await sideMenu(page).getByText('待完善').click();
    await page.waitForURL('**/projects/completion');
    const list = page.getByTestId('completion-projects');
    const row = list.locator('tr').filter({ hasText: `${code}-1` });
    await row.waitFor();
    await row.getByText('签约日期').waitFor();
    await page.getByTestId('completion-regions').getByText('米东区').first().waitFor();
    await screenshot(page, 'completion');

    await page.setViewportSize({ width: 390, height: 844 });
    await row.waitFor();
    // the layout follows a resize on the next breakpoint event (antd's responsive hooks): wait for it, then check
    // that nothing makes the page scroll sideways (pages.e2e checks every page loaded at 390 px element by element)
    await page.waitForFunction(() => document.documentElement.scrollWidth <= window.innerWidth + 1, null, { timeout: 5_000 }).catch(() => undefined);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `page wider than the screen by ${overflow}px`);
    await screenshot(page, 'completion-390');
    await page.setViewportSize({ width: 1440, height: 900 });

    await row.getByRole('link', { name: /e2e 续建项目甲/ }).click();
    await page.getByTestId('incomplete-alert').getByText('资料不全：缺签约日期、签约额').waitFor();
    await page.getByTestId('incomplete-tag').first().waitFor();
  } finally {
    await context.close();
  }
});
