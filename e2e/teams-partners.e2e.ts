/**
 * 驻点小分队 and partners: at a desk the officer of 米东区 opens 驻点小分队 from the menu, creates a team, names it on an
 * activity with a project and sees the roll-up on the team's page; on a 390 px phone the officer creates a 委托招商 agency
 * (its agreement asked for), records it as the one who brought a project and reads its figures. Each page fits the
 * width and axe finds no serious or critical violation. The leader's home lists the teams and partners with their figures.
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

async function firstProject(page: Page): Promise<{ id: string; code: string; version: number }> {
  const projects = (await (await page.request.get('/api/projects?pageSize=1&regionCode=650109')).json()) as { items: { id: string; code: string; version: number }[] };
  const project = projects.items[0];
  assert.ok(project, 'a demo project of 米东区');
  return project;
}

test('the officer creates a resident team, names it on an activity and reads its roll-up (desk)', async () => {
  const { context, page } = await newPage(browser);
  try {
    await login(page, 'officer');
    await sideMenu(page).getByText('驻点小分队').click();
    await page.waitForURL(/\/activities\/teams$/);
    await page.getByTestId('team-list').waitFor();
    await page.getByTestId('team-new').first().click();
    await page.getByTestId('team-name-input').fill('驻苏州招商小分队');
    await page.getByTestId('team-city-input').fill('苏州');
    await page.getByTestId('team-member-add').click();
    await page.getByTestId('team-member-name-0').fill('张三');
    await page.getByTestId('team-member-role-0').fill('队长');
    await page.getByTestId('team-member-add').click();
    await page.getByTestId('team-member-name-1').fill('李四');
    await assertClean(page, 'the new team dialog');
    const created = page.waitForResponse((r) => r.url().endsWith('/api/resident-teams') && r.request().method() === 'POST');
    await page.locator('.ant-modal-footer').getByRole('button', { name: /确\s*定|OK/ }).click();
    const res = await created;
    assert.equal(res.status(), 200, await res.text());
    const team = (await res.json()) as { id: string };
    await page.waitForURL(new RegExp(`/activities/teams/${team.id}$`));

    const project = await firstProject(page);
    const activity = await page.request.post('/api/activities', {
      data: { type: 'visit', name: '驻苏州小分队拜访', startDate: '2025-06-10', endDate: '2025-06-10', regionCode: '650109', teamId: team.id, projects: [{ projectId: project.id, outcome: 'intent' }] },
      headers: SAME_ORIGIN,
    });
    assert.equal(activity.status(), 200, await activity.text());
    await page.reload();
    await page.getByTestId('team-projects').getByText(project.code, { exact: false }).waitFor();
    await page.getByTestId('team-activities').getByText('驻苏州小分队拜访').waitFor();
    await assertClean(page, 'the team page');
    await screenshot(page, 'team-detail');
    // 撤回: the status changes with the version it was based on
    const closed = page.waitForResponse((r) => r.url().includes(`/api/resident-teams/${team.id}`) && r.request().method() === 'PATCH');
    await page.getByTestId('team-status-toggle').click();
    assert.equal((await closed).status(), 200);
    await page.getByText('已撤回').first().waitFor();
    await page.goto('/activities/teams');
    await page.getByTestId('team-list').getByText('驻苏州招商小分队').waitFor();
    await assertClean(page, 'the team list');
    await screenshot(page, 'team-list');
  } finally {
    await context.close();
  }
});

test('a commissioned agency is created on a 390 px phone, brings a project and shows its figures; the team page fits a phone', async () => {
  const { context, page } = await newPage(browser, PHONE);
  try {
    await login(page, 'officer');
    await page.goto('/activities/partners');
    await page.getByTestId('partner-list').waitFor();
    await page.getByTestId('partner-new').first().click();
    await page.getByTestId('partner-kind-input').click();
    await page.locator('.ant-select-dropdown:visible').getByText('委托招商', { exact: true }).click();
    await page.getByTestId('partner-name-input').fill('某招商顾问公司');
    await page.getByTestId('partner-agreement-input').fill('WT-E2E-01');
    await assertClean(page, 'the new partner dialog on a phone');
    const created = page.waitForResponse((r) => r.url().endsWith('/api/partners') && r.request().method() === 'POST');
    await page.locator('.ant-modal-footer').getByRole('button', { name: /确\s*定|OK/ }).click();
    const res = await created;
    assert.equal(res.status(), 200, await res.text());
    const partner = (await res.json()) as { id: string };
    await page.waitForURL(new RegExp(`/activities/partners/${partner.id}$`));

    const project = await firstProject(page);
    const patched = await page.request.patch(`/api/projects/${project.id}`, { data: { broughtByPartnerId: partner.id, version: project.version }, headers: SAME_ORIGIN });
    assert.equal(patched.status(), 200, await patched.text());
    await page.reload();
    await page.getByTestId('partner-projects').getByText(project.code, { exact: false }).waitFor();
    // the officer edits it on the phone: the dialog opens with its fields, a note is added and shown
    await page.getByTestId('partner-edit').click();
    assert.equal(await page.getByTestId('partner-agreement-input').inputValue(), 'WT-E2E-01');
    await page.getByTestId('partner-notes-input').fill('每季度对接一次');
    await assertClean(page, 'the partner edit dialog on a phone');
    const edited = page.waitForResponse((r) => r.url().endsWith(`/api/partners/${partner.id}`) && r.request().method() === 'PATCH');
    await page.locator('.ant-modal-footer').getByRole('button', { name: /确\s*定|OK/ }).click();
    const editRes = await edited;
    assert.equal(editRes.status(), 200, await editRes.text());
    // the dialog (whose field holds the same words) closes, and the page shows the note
    await page.getByTestId('partner-notes-input').waitFor({ state: 'detached' });
    await page.locator('.ant-descriptions').getByText('每季度对接一次').waitFor();
    await assertClean(page, 'the partner page on a phone');
    await screenshot(page, 'partner-detail-phone');
    await page.goto('/activities/partners');
    await page.getByTestId('partner-list').getByText('某招商顾问公司').waitFor();
    await assertClean(page, 'the partner list on a phone');
    await screenshot(page, 'partner-list-phone');
    // the team page (made at the desk above) on a phone
    await page.goto('/activities/teams');
    await page.getByTestId('team-list').getByText('驻苏州招商小分队').click();
    await page.getByTestId('team-figures').waitFor();
    await assertClean(page, 'the team page on a phone');
    await screenshot(page, 'team-detail-phone');
    // edited on the phone: city, a member renamed (the role stays with the row), a target; the page shows them
    await page.getByTestId('team-edit').click();
    assert.equal(await page.getByTestId('team-member-name-0').inputValue(), '张三');
    assert.equal(await page.getByTestId('team-member-role-0').inputValue(), '队长');
    await page.getByTestId('team-city-input').fill('苏州工业园区');
    await page.getByTestId('team-member-name-0').fill('张三丰');
    await page.getByTestId('team-target-activities').fill('8');
    await assertClean(page, 'the team edit dialog on a phone');
    await screenshot(page, 'team-edit-phone');
    const teamEdited = page.waitForResponse((r) => /\/api\/resident-teams\/[0-9a-f-]{36}$/.test(r.url()) && r.request().method() === 'PATCH');
    await page.locator('.ant-modal-footer').getByRole('button', { name: /确\s*定|OK/ }).click();
    const teamRes = await teamEdited;
    assert.equal(teamRes.status(), 200, await teamRes.text());
    const members = ((await teamRes.json()) as { members: { name: string; role: string | null }[] }).members;
    assert.deepEqual(members.map((m) => [m.name, m.role]), [['张三丰', '队长'], ['李四', null]]);
    await page.getByText('张三丰（队长）、李四').waitFor();
    await page.getByText('苏州工业园区').first().waitFor();
    await page.getByTestId('team-figures').getByText('目标 8').waitFor();
    await assertClean(page, 'the edited team page on a phone');
    await screenshot(page, 'team-edited-phone');
  } finally {
    await context.close();
  }
});

test('the leader’s home shows the resident teams and the partners with their figures (desk and phone)', async () => {
  for (const viewport of [undefined, PHONE]) {
    const { context, page } = await newPage(browser, viewport);
    try {
      await login(page, 'leader');
      await page.goto('/');
      const panel = page.getByTestId('dash-teams-partners');
      const team = panel.getByTestId('dash-team').filter({ hasText: '驻杭州招商小分队' });
      await team.waitFor();
      // the demo team's activities and the projects they reached
      assert.match((await team.textContent()) ?? '', /驻点中驻杭州 · 活动 [1-9]\d* · 对接项目 \d+ · 签约 \d+/);
      const ambassador = panel.getByTestId('dash-partner').filter({ hasText: '陈海峰' });
      await ambassador.getByText('招商大使').waitFor();
      await assertClean(page, `the home page with its teams and partners (${viewport ? 'phone' : 'desk'})`);
      await panel.scrollIntoViewIfNeeded();
      await screenshot(page, `dash-teams-partners-${viewport ? 'phone' : 'desk'}`);
      await team.getByRole('link', { name: '驻杭州招商小分队' }).click();
      await page.waitForURL(/\/activities\/teams\/[0-9a-f-]{36}$/);
    } finally {
      await context.close();
    }
  }
});
