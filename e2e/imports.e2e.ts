import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { launch, login, menuLabels, newPage, screenshot, sideMenu } from './helpers';

let browser: Browser;

/** This month in Asia/Shanghai. */
function thisMonth(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
}

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

test('the officer dry-runs a CSV of funds and sees the counts, then a faulty one and sees the rejected rows', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'yinfeng-e2e-import-'));
  const good = path.join(dir, '到位资金.csv');
  const bad = path.join(dir, 'bad.csv');
  const { context, page } = await newPage(browser);
  try {
    await login(page, 'officer');
    // this month, of two signed projects of the officer's county: the demo's months before last are reported and
    // locked (src/seed/demo-returns.ts), and another spec may approve last month
    const listed = (await (await page.request.get('/api/projects', { params: { regionCode: '650109', stage: 'signed', pageSize: '2' } })).json()) as { items: { code: string }[] };
    const [a, b] = listed.items.map((p) => p.code);
    assert.ok(a && b, 'two signed projects');
    const month = thisMonth();
    // UTF-8 with a BOM, as Excel saves "CSV UTF-8"
    writeFileSync(good, `\uFEFF项目编号,月份,金额(万元),备注\n${a},${month},12.5,e2e\n${b},${month},3,\n`, 'utf8');
    writeFileSync(bad, `\uFEFF项目编号,月份,金额(万元),备注\n${a},2026-13,abc,\n`, 'utf8');
    assert.ok((await menuLabels(page)).includes('数据导入'));
    await sideMenu(page).getByText('数据导入').click();
    await page.waitForURL('**/imports');

    await page.locator('input[type=file]').setInputFiles(good);
    await page.getByTestId('import-file').getByText('到位资金.csv').waitFor();
    await page.getByRole('combobox', { name: '数据类别' }).click();
    await page.locator('.ant-select-dropdown:visible').getByText('到位资金', { exact: true }).click();
    const checked = page.waitForResponse((r) => r.url().includes('/api/imports?') && r.request().method() === 'POST');
    await page.getByRole('button', { name: /试导入/ }).click();
    const res = await checked;
    assert.equal(res.status(), 200);
    assert.ok(res.url().includes('dryRun=true') && res.url().includes('kind=funds'), res.url());
    const counts = page.getByTestId('import-counts');
    const row = counts.locator('tr').filter({ hasText: '到位资金' });
    await row.waitFor();
    const cells = await row.locator('td').allInnerTexts();
    const [kind, rows, created, updated, unchanged] = cells.map((c) => c.trim());
    assert.equal(kind, '到位资金');
    assert.equal(rows, '2');
    // two (project, month) keys: each is created, updated or unchanged
    assert.equal(Number(created) + Number(updated) + Number(unchanged), 2, cells.join(' | '));
    await page.getByText('检查通过：可以导入').waitFor();
    assert.ok(await page.getByRole('button', { name: /确认导入/ }).isEnabled());
    await screenshot(page, 'imports-dry-run');

    await page.locator('input[type=file]').setInputFiles(bad);
    await page.getByRole('button', { name: /试导入/ }).click();
    const rejected = page.getByTestId('import-rejected');
    await rejected.getByText('月份“2026-13”不存在', { exact: false }).waitFor();
    await rejected.getByText('未导入任何数据', { exact: false }).first().waitFor();
    assert.ok(await page.getByRole('button', { name: /确认导入/ }).isDisabled());
    await screenshot(page, 'imports-rejected');
  } finally {
    await context.close();
  }
});

test('the sysadmin opens 业务设置 and sees the calendar coverage, light rules and 先证后计', async () => {
  const { context, page } = await newPage(browser);
  try {
    await login(page, 'sysadmin');
    assert.ok((await menuLabels(page)).includes('业务设置'));
    await sideMenu(page).getByText('业务设置').click();
    await page.waitForURL('**/settings');
    await page.getByTestId('settings-calendar').getByText(/官方节假日数据覆盖至 \d{4} 年/).first().waitFor();
    await page.getByTestId('settings-light-rules').getByLabel('无进展转黄灯（天）').waitFor();
    await page.getByTestId('settings-evidence-policy').getByText('先证后计').waitFor();
    await screenshot(page, 'settings');
  } finally {
    await context.close();
  }
});

test('the officer has no 业务设置 and the leader sees lights by leader linking to the list', async () => {
  const { context, page } = await newPage(browser);
  try {
    await login(page, 'leader');
    const labels = await menuLabels(page);
    assert.ok(labels.includes('红黄灯统计') && !labels.includes('业务设置') && !labels.includes('数据导入'), labels.join(', '));
    await sideMenu(page).getByText('红黄灯统计').click();
    await page.waitForURL('**/projects/lights');
    await page.getByTestId('lights-table').getByTestId('lights-red').first().waitFor();
    await screenshot(page, 'lights-by-leader');
    await page.getByTestId('lights-table').getByTestId('lights-red').first().click();
    await page.waitForURL(/\/projects\?.*light=red/);
    await page.locator('.ant-table-row').first().waitFor();
  } finally {
    await context.close();
  }
});

test('the officer imports an activity ledger on 数据导入: a contradiction is listed in Chinese and nothing is written, the good file imports whole', async () => {
  const { context, page } = await newPage(browser);
  try {
    await login(page, 'officer');
    await page.goto('/imports');
    const header = '活动编号,活动类型,活动名称,开始日期,结束日期,地区代码,主办或参加,带队领导,领导级别,参加人次,目的地,驻点小分队,备注';
    const upload = async (lines: string[]) => {
      await page.locator('input[type=file]').setInputFiles({ name: '招商活动.csv', mimeType: 'text/csv', buffer: Buffer.from([header, ...lines].join('\n'), 'utf8') });
      await page.getByTestId('import-file').getByText('招商活动.csv').waitFor();
    };
    await upload(['IMP-E2E-1,上门拜访,拜访某新能源企业,2025-05-02,2025-05-01,650109,,,,,,,', 'IMP-E2E-2,接待来访,接待考察团,2025-05-06,2025-05-06,650109,,,,,,,']);
    await page.getByRole('combobox', { name: '数据类别' }).click();
    await page.locator('.ant-select-dropdown:visible').getByText('招商活动', { exact: true }).click();
    const checked = page.waitForResponse((r) => r.url().includes('/api/activities/import?') && r.request().method() === 'POST');
    await page.getByRole('button', { name: /试导入/ }).click();
    const res = await checked;
    assert.ok(res.url().includes('kind=activities') && res.url().includes('dryRun=true'), res.url());
    const rejected = page.getByTestId('import-rejected');
    await rejected.getByText('未导入任何数据', { exact: false }).first().waitFor();
    const row = rejected.locator('tr').filter({ hasText: '结束日期 2025-05-01 早于开始日期 2025-05-02' });
    await row.waitFor();
    assert.equal((await row.locator('td').nth(1).innerText()).trim(), '2');
    assert.ok(await page.getByRole('button', { name: /确认导入/ }).isDisabled());
    await screenshot(page, 'imports-activities-rejected');

    await upload(['IMP-E2E-1,上门拜访,拜访某新能源企业,2025-05-01,2025-05-01,650109,,,,,,,', 'IMP-E2E-2,接待来访,接待考察团,2025-05-06,2025-05-06,650109,,,,,,,']);
    await page.getByRole('button', { name: /试导入/ }).click();
    await page.getByText('检查通过：可以导入').waitFor();
    const counts = page.getByTestId('import-counts').locator('tr').filter({ hasText: '招商活动' });
    const cells = (await counts.locator('td').allInnerTexts()).map((c) => c.trim());
    assert.deepEqual(cells.slice(0, 3), ['招商活动', '2', '2'], cells.join(' | '));
    const imported = page.waitForResponse((r) => r.url().includes('/api/activities/import?') && r.url().includes('dryRun=false'));
    await page.getByRole('button', { name: /确认导入/ }).click();
    assert.equal((await imported).status(), 200);
    await page.getByText('导入完成', { exact: false }).first().waitFor();
    await screenshot(page, 'imports-activities-done');
    const listed = (await (await page.request.get('/api/activities?q=IMP-E2E&pageSize=10')).json()) as { items: { code: string }[] };
    assert.deepEqual(listed.items.map((a) => a.code).sort(), ['IMP-E2E-1', 'IMP-E2E-2']);
  } finally {
    await context.close();
  }
});
