/**
 * The officers' 招商门户 pages (issue 14 item 9): at 1440 px an officer creates a resource suitable for
 * 农副食品加工业 (13), publishes it, and an anonymous visitor finds it on /portal/resources by 制造业 (C); at
 * 390 px the 资源载体 list (cards) and a policy page with its items render, fit the width and are axe clean. A demo
 * project withdrawn from the portal shows under 发布项目 → 已撤回 (at both widths) and 重新发布 opens its publish
 * dialog filled with the last public fields; submitting puts it back on the published list.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { axeViolations, DESK, fitsWidth, login, launch, newPage, PHONE, SAME_ORIGIN, screenshot } from './helpers';

let browser: Browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

const NAME = '米东区浏览器测试标准厂房 9 号楼';

test('desk: an officer creates a resource with an industry, publishes it and it is on the portal', async () => {
  const { context, page } = await newPage(browser, DESK);
  try {
    await login(page, 'officer');
    await page.goto('/portal-admin/resources');
    await page.getByTestId('resource-list').waitFor();
    await page.getByTestId('resource-name').first().waitFor();
    assert.equal(await fitsWidth(page), null);
    assert.deepEqual(await axeViolations(page), []);
    await screenshot(page, 'portal-admin-resources-desk');

    await page.getByTestId('resource-new').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('resource-name-input').fill(NAME);
    await dialog.getByLabel('面积（㎡）').fill('4800');
    const picker = dialog.getByTestId('resource-industries');
    await picker.click();
    await page.keyboard.type('农副食品');
    const node = page.locator('.ant-select-dropdown:visible').getByText('13 农副食品加工业', { exact: true });
    await node.waitFor();
    await node.click();
    await dialog.getByText('新建资源载体', { exact: true }).click();
    await dialog.getByTestId('resource-published-input').click();
    assert.deepEqual(await axeViolations(page), []);
    await screenshot(page, 'portal-admin-resource-form-desk');
    const created = page.waitForResponse((r) => r.url().endsWith('/api/portal/resources') && r.request().method() === 'POST');
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    const res = await created;
    assert.equal(res.status(), 200, await res.text());
    const body = (await res.json()) as { published: boolean; areaSqm: number; suitableIndustries: { code: string; name: string }[] };
    assert.equal(body.published, true);
    assert.equal(body.areaSqm, 4800);
    assert.deepEqual(body.suitableIndustries, [{ code: '13', name: '农副食品加工业' }]);
    await page.getByTestId('resource-name').filter({ hasText: NAME }).waitFor();

    const visitor = await newPage(browser, DESK);
    try {
      await visitor.page.goto('/portal/resources?industry=C');
      await visitor.page.getByRole('link', { name: NAME }).waitFor();
    } finally {
      await visitor.context.close();
    }
  } finally {
    await context.close();
  }
});

test('phone: the resource list as cards and a policy page with its items fit 390 px and are axe clean', async () => {
  const { context, page } = await newPage(browser, PHONE);
  try {
    await login(page, 'officer');
    await page.goto('/portal-admin/resources');
    await page.getByTestId('resource-name').filter({ hasText: '米东区农副产品加工标准厂房 2 号楼' }).waitFor();
    assert.equal(await fitsWidth(page), null);
    assert.deepEqual(await axeViolations(page), []);
    await screenshot(page, 'portal-admin-resources-phone');
  } finally {
    await context.close();
  }
  // the demo policies belong to the prefecture (650100): its leader reads them
  const leader = await newPage(browser, PHONE);
  try {
    await login(leader.page, 'leader');
    await leader.page.goto('/portal-admin/policies');
    const link = leader.page.getByRole('link', { name: '乌鲁木齐市促进制造业高质量发展若干措施（演示）' });
    await link.waitFor();
    assert.equal(await fitsWidth(leader.page), null);
    assert.deepEqual(await axeViolations(leader.page), []);
    await screenshot(leader.page, 'portal-admin-policies-phone');
    await link.click();
    await leader.page.getByTestId('policy-heading').waitFor();
    await leader.page.getByText('标准厂房租金补贴').waitFor();
    assert.equal(await fitsWidth(leader.page), null);
    assert.deepEqual(await axeViolations(leader.page), []);
    await screenshot(leader.page, 'portal-admin-policy-phone');
  } finally {
    await leader.context.close();
  }
});

test('a withdrawn project is listed under 已撤回 and republished from there with its last public fields', async () => {
  const desk = await newPage(browser, DESK);
  try {
    const { page } = desk;
    await login(page, 'officer');
    // the demo publishes prefecture projects only: publish a 米东区 储备 project (API), then withdraw it
    const leads = ((await (await page.request.get('/api/projects?stage=lead&pageSize=50')).json()) as { items: { id: string; name: string }[] }).items;
    let chosen: { id: string; name: string } | undefined;
    for (const p of leads) {
      const state = (await (await page.request.get(`/api/projects/${p.id}/publication`)).json()) as { current: unknown };
      if (state.current === null) {
        chosen = p;
        break;
      }
    }
    assert.ok(chosen, 'a 储备 project not yet published');
    const item = { projectId: chosen.id, publicTitle: `${chosen.name}（撤回后重新发布）` };
    const put = await page.request.put(`/api/projects/${item.projectId}/publication`, { headers: SAME_ORIGIN, data: { publicTitle: item.publicTitle, background: '浏览器测试：撤回前的公开背景' } });
    assert.equal(put.status(), 200, await put.text());
    const version = ((await put.json()) as { current: { version: number } }).current.version;
    const off = await page.request.post(`/api/projects/${item.projectId}/publication/withdraw`, { headers: SAME_ORIGIN, data: { version, reason: '浏览器测试：暂停推介' } });
    assert.equal(off.status(), 200, await off.text());

    await page.goto('/portal-admin/publications');
    await page.getByTestId('publication-list').waitFor();
    assert.equal(await page.getByTestId('publication-row').filter({ hasText: item.publicTitle }).count(), 0, 'withdrawn: not on the published list');
    await page.getByTestId('publication-status').getByText('已撤回').click();
    await page.waitForURL((u) => u.searchParams.get('status') === 'withdrawn');
    const row = page.getByTestId('publication-row').filter({ hasText: item.publicTitle });
    await row.getByText('马晓东').waitFor();
    assert.equal(await fitsWidth(page), null);
    assert.deepEqual(await axeViolations(page), []);
    await screenshot(page, 'portal-admin-withdrawn-desk');

    // the phone: the same list as cards, from the address alone
    const phone = await newPage(browser, PHONE);
    try {
      await login(phone.page, 'officer');
      await phone.page.goto('/portal-admin/publications?status=withdrawn');
      await phone.page.getByTestId('publication-row').filter({ hasText: item.publicTitle }).getByTestId('publication-republish').waitFor();
      assert.equal(await fitsWidth(phone.page), null, 'the withdrawn list does not fit 390 px');
      assert.deepEqual(await axeViolations(phone.page), []);
      await screenshot(phone.page, 'portal-admin-withdrawn-phone');
    } finally {
      await phone.context.close();
    }

    // 重新发布: the project page opens with the dialog filled from the withdrawn publication
    await row.getByTestId('publication-republish').click();
    await page.waitForURL(/\/projects\/[0-9a-f-]{36}/);
    await page.getByTestId('publication-republish-hint').waitFor();
    // the address no longer asks for the dialog: a reload would not open it again
    await page.waitForURL((url) => /^\/projects\/[0-9a-f-]{36}$/.test(url.pathname) && !url.searchParams.has('publish'));
    assert.equal(await page.getByTestId('publication-title-input').inputValue(), item.publicTitle);
    await page.getByRole('dialog').getByText('浏览器测试：撤回前的公开背景').first().waitFor();
    assert.deepEqual(await axeViolations(page), []);
    await screenshot(page, 'portal-admin-republish-desk');
    const saved = page.waitForResponse((r) => r.url().endsWith('/publication') && r.request().method() === 'PUT');
    await page.getByRole('dialog').getByRole('button', { name: /提\s*交|发\s*布|保\s*存/ }).click();
    assert.equal((await saved).status(), 200);
    await page.goto('/portal-admin/publications?status=withdrawn');
    await page.getByTestId('publication-empty').waitFor();
    await page.goto('/portal-admin/publications');
    await page.getByTestId('publication-row').filter({ hasText: item.publicTitle }).waitFor();
  } finally {
    await desk.context.close();
  }
});
