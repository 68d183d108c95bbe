/**
 * 招商活动: at a desk the officer of 米东区 opens 招商活动 from the menu, logs a visit with a quick form and reads it back;
 * on a 390 px phone the officer logs a trip — type, name, a firm found by search, a project — in one pass and finds it
 * in the list as a card. Each page fits the width and axe finds no serious or critical violation.
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

async function saveAndOpen(page: Page): Promise<{ code: string; id: string }> {
  const saved = page.waitForResponse((r) => r.url().endsWith('/api/activities') && r.request().method() === 'POST');
  await page.getByTestId('activity-save').click();
  const res = await saved;
  assert.equal(res.status(), 200, await res.text());
  const body = (await res.json()) as { code: string; id: string };
  await page.waitForURL(new RegExp(`/activities/${body.id}$`));
  await page.getByTestId('activity-detail').waitFor();
  return body;
}

test('the officer opens 招商活动 from the menu, logs a visit and reads it back (desk)', async () => {
  const { context, page } = await newPage(browser);
  try {
    await login(page, 'officer');
    await sideMenu(page).getByText('招商活动').click();
    await page.waitForURL(/\/activities$/);
    await page.getByTestId('activity-list').waitFor();
    await assertClean(page, 'the activity list');
    await screenshot(page, 'activities-list');

    await page.getByTestId('activity-log').first().click();
    await page.waitForURL(/\/activities\/new$/);
    await page.getByTestId('activity-form').waitFor();
    await assertClean(page, 'the activity form');
    await screenshot(page, 'activities-form');
    await page.getByTestId('activity-type').click();
    await page.locator('.ant-select-dropdown').getByText('上门拜访', { exact: true }).click();
    await page.getByTestId('activity-name-input').fill('拜访本地龙头企业');
    const { code } = await saveAndOpen(page);
    assert.match(code, /^HD650109\d{8}\d{3}$/);
    await page.getByTestId('activity-detail').getByText('上门拜访').waitFor();
    await assertClean(page, 'the activity detail');
    await screenshot(page, 'activities-detail');

    // 修改: the same form, filled from the record; the change is saved with the version it was based on
    await page.getByTestId('activity-edit').click();
    await page.waitForURL(/\/edit$/);
    const name = page.getByTestId('activity-name-input');
    assert.equal(await name.inputValue(), '拜访本地龙头企业');
    await name.fill('拜访本地龙头企业（二次）');
    const patched = page.waitForResponse((r) => r.url().includes('/api/activities/') && r.request().method() === 'PATCH');
    await page.getByTestId('activity-save').click();
    const patch = await patched;
    assert.equal(patch.status(), 200, await patch.text());
    assert.equal(((await patch.json()) as { version: number }).version, 2);
    await page.getByTestId('activity-detail').waitFor();
    await page.getByText('拜访本地龙头企业（二次）').first().waitFor();

    await page.goto('/activities');
    await page.getByTestId('activity-list').getByText('拜访本地龙头企业（二次）').waitFor();
  } finally {
    await context.close();
  }
});

test('the officer imports an activity ledger: a contradiction is listed, the good file imports whole (desk)', async () => {
  const { context, page } = await newPage(browser);
  try {
    await login(page, 'officer');
    await page.goto('/activities');
    await page.getByTestId('activity-import').click();
    const modal = page.locator('.ant-modal-content');
    const header = '活动编号,活动类型,活动名称,开始日期,结束日期,地区代码,主办或参加,带队领导,领导级别,参加人次,目的地,驻点小分队,备注';
    const upload = async (lines: string[]) => {
      await modal.locator('input[type=file]').setInputFiles({ name: '活动台账.csv', mimeType: 'text/csv', buffer: Buffer.from([header, ...lines].join('\n'), 'utf8') });
      await modal.getByRole('button', { name: /试导入/ }).click();
    };
    await upload(['E2E-1,推介会,乌鲁木齐推介会,2025-08-02,2025-08-01,650109,主办,,,,,,']);
    await modal.getByTestId('activity-import-rejected').getByText('结束日期 2025-08-01 早于开始日期 2025-08-02').waitFor();
    await assertClean(page, 'the rejected import');
    await screenshot(page, 'activities-import-rejected');
    await upload(['E2E-1,推介会,乌鲁木齐推介会,2025-08-01,2025-08-01,650109,主办,,,,,,', 'E2E-2,外出招商,赴杭州招商,2025-09-01,2025-09-03,650109,,王局长,其他领导干部,,杭州,,']);
    await modal.getByTestId('activity-import-check').waitFor();
    await modal.getByRole('button', { name: /确认导入/ }).click();
    await modal.getByTestId('activity-import-done').waitFor();
    await modal.getByRole('button', { name: /关\s*闭/ }).click();
    // a trip without 参加人次 is a gap: imported, flagged 资料不全 and found with 只看资料不全
    const filtered = page.waitForResponse((r) => r.url().includes('/api/activities?') && r.url().includes('incomplete=true'));
    await page.getByTestId('activities-incomplete-filter').click();
    await filtered;
    await settle(page);
    const row = page.getByTestId('activity-list').locator('tr').filter({ hasText: '赴杭州招商' });
    await row.getByTestId('activity-incomplete').waitFor();
    assert.equal(await page.getByTestId('activity-list').getByText('乌鲁木齐推介会').count(), 0);
    await assertClean(page, 'the incomplete activities');
  } finally {
    await context.close();
  }
});

test('a trip is logged on a 390 px phone: type, name, a firm by search, a project', async () => {
  const { context, page } = await newPage(browser, PHONE);
  try {
    await login(page, 'officer');
    const firms = (await (await page.request.get('/api/enterprises?q=%E7%A7%91%E6%8A%80&pageSize=1')).json()) as { items: { name: string }[] };
    const firm = firms.items[0]?.name;
    assert.ok(firm, 'a demo firm to find');
    const projects = (await (await page.request.get('/api/projects?pageSize=1')).json()) as { items: { code: string; name: string }[] };
    const project = projects.items[0];
    assert.ok(project, 'a demo project to link');

    const started = Date.now();
    await page.goto('/activities/new');
    await page.getByTestId('activity-form').waitFor();
    // 外出招商 is the default type; dates default to today and the region to the officer's own
    await page.getByTestId('activity-name-input').fill('赴上海光伏企业对接');
    await page.getByLabel('参加人次').fill('4');
    await page.getByTestId('activity-org-search').locator('input').fill(firm.slice(0, 6));
    await page.locator('.ant-select-dropdown:visible').getByText(firm, { exact: false }).first().click();
    await page.getByTestId('activity-orgs').getByText(firm, { exact: false }).waitFor();
    await page.getByTestId('activity-project-search').locator('input').fill(project.code);
    await page.locator('.ant-select-dropdown:visible').getByText(project.code, { exact: false }).first().click();
    await assertClean(page, 'the filled form on a phone');
    await screenshot(page, 'activities-form-phone');
    const { id } = await saveAndOpen(page);
    assert.ok(Date.now() - started < 60_000, 'logged within a minute');

    const detail = await (await page.request.get(`/api/activities/${id}`)).json();
    assert.equal(detail.type, 'trip');
    assert.equal(detail.personTrips, 4);
    assert.equal(detail.organisations[0].name, firm);
    assert.ok(detail.organisations[0].enterpriseId, 'the firm is linked to the enterprise database');
    assert.equal(detail.projects[0].code, project.code);
    await assertClean(page, 'the activity detail on a phone');
    await screenshot(page, 'activities-detail-phone');

    await page.goto('/activities');
    const card = page.getByTestId('activity-card').filter({ hasText: '赴上海光伏企业对接' });
    await card.waitFor();
    await card.getByText('4 人次', { exact: false }).waitFor();
    await assertClean(page, 'the activity list on a phone');
    await screenshot(page, 'activities-list-phone');
  } finally {
    await context.close();
  }
});
