/**
 * The investor portal in a browser (issue 14): an anonymous visitor at 390 px and 1440 px picks 制造业 in the
 * resource filter (a plain GET form), finds a standard factory coded with a 大类 under it and opens its detail
 * (axe clean, fits the width, no script on the page); an officer publishes a 储备 project and it appears on
 * the portal. The officers' 招商门户 pages of the web app are not built yet: the publication goes through the
 * API with the officer's browser session (GET/PUT /api/projects/:id/publication).
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

for (const [name, viewport] of [
  ['phone', PHONE],
  ['desk', DESK],
] as const) {
  test(`an anonymous visitor finds a resource by industry and opens it (${name})`, async () => {
    const { context, page } = await newPage(browser, viewport);
    try {
      await page.goto('/portal/resources');
      await page.getByRole('heading', { name: '资源载体', level: 1 }).waitFor();
      await page.getByLabel('适合行业').selectOption('C');
      await page.getByRole('button', { name: '筛选' }).click();
      await page.waitForURL(/industry=C/);
      const link = page.getByRole('link', { name: '米东区农副产品加工标准厂房 2 号楼' });
      await link.waitFor();
      // a resource for another section is not in the list
      assert.equal(await page.getByRole('link', { name: '天山区数字经济产业楼 8–12 层' }).count(), 0);
      assert.equal(await fitsWidth(page), null, `the resource list does not fit ${viewport.width} px`);
      assert.deepEqual(await axeViolations(page), []);
      await screenshot(page, `portal-resources-${name}`);

      await link.click();
      await page.getByRole('heading', { name: '米东区农副产品加工标准厂房 2 号楼', level: 1 }).waitFor();
      await page.getByText('12 元/㎡·月').waitFor();
      assert.match((await page.getByRole('link', { name: /我对此感兴趣/ }).getAttribute('href')) ?? '', /^\/portal\/inquiry\?subject=resource:[0-9a-f-]{36}$/);
      assert.equal(await page.locator('script').count(), 0, 'portal pages carry no script');
      assert.equal(await fitsWidth(page), null, `the resource detail does not fit ${viewport.width} px`);
      assert.deepEqual(await axeViolations(page), []);
      await screenshot(page, `portal-resource-detail-${name}`);
    } finally {
      await context.close();
    }
  });
}

test('an officer publishes a 储备 project and it appears on the portal', async () => {
  const { context, page } = await newPage(browser, DESK);
  try {
    await login(page, 'officer');
    const list = await page.request.get('/api/projects?stage=lead&pageSize=50');
    assert.equal(list.status(), 200);
    const projects = ((await list.json()) as { items: { id: string; name: string }[] }).items;
    let chosen: { id: string; name: string } | undefined;
    for (const p of projects) {
      const state = (await (await page.request.get(`/api/projects/${p.id}/publication`)).json()) as { current: unknown };
      if (state.current === null) {
        chosen = p;
        break;
      }
    }
    assert.ok(chosen, 'a 储备 project not yet published');
    const title = `${chosen.name}（浏览器测试推介）`;
    const put = await page.request.put(`/api/projects/${chosen.id}/publication`, { headers: SAME_ORIGIN, data: { publicTitle: title, background: '浏览器测试写下的公开背景' } });
    assert.equal(put.status(), 200, await put.text());

    const visitor = await newPage(browser, PHONE);
    try {
      await visitor.page.goto('/portal/projects');
      await visitor.page.getByRole('link', { name: title }).click();
      await visitor.page.getByRole('heading', { name: title, level: 1 }).waitFor();
      await visitor.page.getByText('浏览器测试写下的公开背景').waitFor();
      assert.deepEqual(await axeViolations(visitor.page), []);
      await screenshot(visitor.page, 'portal-project-detail-phone');
    } finally {
      await visitor.context.close();
    }
  } finally {
    await context.close();
  }
});
