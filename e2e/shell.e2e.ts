import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { launch, login, menuLabels, newPage, PHONE, SAME_ORIGIN, screenshot, sideMenu, submitLogin } from './helpers';

let browser: Browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

test('the officer sees the shell with 首页, 项目库 and no admin menus', async () => {
  const { context, page } = await newPage(browser);
  try {
    await login(page, 'officer');
    const labels = await menuLabels(page);
    assert.ok(labels.includes('首页'), `menu: ${labels.join(', ')}`);
    assert.ok(labels.includes('修改密码'), `menu: ${labels.join(', ')}`);
    assert.ok(labels.includes('项目库'), `menu: ${labels.join(', ')}`);
    // 我的项目 is a separate entry for leaders only; the officer has the toggle on the list
    assert.ok(!labels.includes('我的项目'), `menu: ${labels.join(', ')}`);
    for (const hidden of ['用户管理', '审计日志', '地区与园区', '安全策略']) {
      assert.ok(!labels.includes(hidden), `${hidden} must be hidden from the officer; menu: ${labels.join(', ')}`);
    }
    const account = page.getByTestId('home-account');
    await account.getByText('招商专员').waitFor();
    await account.getByText('650109').waitFor();
    await screenshot(page, 'officer-home');

    await page.goto('/admin/users');
    await page.getByText('403', { exact: true }).waitFor();
    await screenshot(page, 'officer-403');
  } finally {
    await context.close();
  }
});

test('one menu entry is lit per page and the breadcrumb names real parents, not sibling pages', async () => {
  const { context, page } = await newPage(browser);
  try {
    await login(page, 'officer');
    const selected = async () => (await sideMenu(page).locator('.ant-menu-item-selected').allInnerTexts()).map((s) => s.trim());
    const crumbs = async () => (await page.locator('.ant-page-header .ant-breadcrumb li, .ant-pro-page-container .ant-breadcrumb li').allInnerTexts()).map((s) => s.replace(/\s*\/\s*$/, '').trim()).filter(Boolean);

    await page.goto('/projects/lights');
    await page.getByTestId('lights-table').waitFor();
    assert.deepEqual(await selected(), ['红黄灯统计']);

    await page.goto('/enterprises/import');
    await page.getByTestId('import-format').waitFor();
    assert.deepEqual(await selected(), ['导入企业']);
    await page.locator('.ant-breadcrumb').first().getByText('企业库').waitFor();
    assert.deepEqual(await crumbs(), ['企业库', '导入企业']);
    await screenshot(page, 'menu-enterprise-import');

    // a list's page sits under 企业名单 (a link back), not under 企业检索
    await page.goto('/enterprises/lists');
    await page.waitForLoadState('networkidle');
    assert.deepEqual(await selected(), ['企业名单']);
    const created = await page.request.post('/api/enterprise-lists', { data: { name: `e2e 菜单 ${Date.now().toString(36)}` }, headers: SAME_ORIGIN });
    const list = (await created.json()) as { id: string };
    await page.goto(`/enterprises/lists/${list.id}`);
    await page.getByTestId('list-title').waitFor();
    assert.deepEqual(await selected(), ['企业名单']);
    assert.deepEqual(await crumbs(), ['企业库', '企业名单']);
    await page.locator('.ant-breadcrumb').first().getByRole('link', { name: '企业名单' }).click();
    await page.waitForURL('**/enterprises/lists');
    await screenshot(page, 'menu-enterprise-lists');
    await page.request.delete(`/api/enterprise-lists/${list.id}`, { headers: SAME_ORIGIN });
  } finally {
    await context.close();
  }
});

test('a wrong password shows the server’s Chinese message', async () => {
  const { context, page } = await newPage(browser);
  try {
    const response = page.waitForResponse((r) => r.url().endsWith('/api/auth/login'));
    await submitLogin(page, 'leader', 'not-the-password');
    const res = await response;
    assert.equal(res.status(), 401);
    const body = (await res.json()) as { error: { message: string } };
    const alert = page.getByTestId('login-error');
    await alert.waitFor();
    const text = (await alert.innerText()).trim();
    assert.equal(text, body.error.message);
    assert.match(text, /[\u4e00-\u9fff]/, 'the message is Chinese');
    assert.equal(new URL(page.url()).pathname, '/login');
    await screenshot(page, 'login-error');
  } finally {
    await context.close();
  }
});

test('the system administrator sees 用户管理 and 地区与园区', async () => {
  const { context, page } = await newPage(browser);
  try {
    await login(page, 'sysadmin');
    const labels = await menuLabels(page);
    for (const shown of ['用户管理', '地区与园区']) assert.ok(labels.includes(shown), `menu: ${labels.join(', ')}`);
    assert.ok(!labels.includes('审计日志'), 'the audit log belongs to the auditor');
    await screenshot(page, 'sysadmin-home');

    await sideMenu(page).getByText('用户管理').click();
    await page.waitForURL('**/admin/users');
    await page.locator('.ant-table-row').filter({ hasText: 'officer' }).first().waitFor();
    await page.getByRole('button', { name: /新建用户/ }).waitFor();
    await screenshot(page, 'sysadmin-users');

    await sideMenu(page).getByText('地区与园区').click();
    await page.waitForURL('**/admin/regions');
    await page.getByTestId('region-detail').getByText('650100').waitFor();
    await page.locator('.ant-table-row').filter({ hasText: '园' }).first().waitFor();
    await screenshot(page, 'sysadmin-regions');
  } finally {
    await context.close();
  }
});

test('the auditor sees 审计日志 with the login events', async () => {
  const { context, page } = await newPage(browser);
  try {
    await login(page, 'auditor');
    const labels = await menuLabels(page);
    assert.ok(labels.includes('审计日志'), `menu: ${labels.join(', ')}`);
    assert.ok(!labels.includes('用户管理'), `menu: ${labels.join(', ')}`);

    await sideMenu(page).getByText('审计日志').click();
    await page.waitForURL('**/audit');
    const loginRows = page.locator('.ant-table-row').filter({ hasText: '登录' });
    await loginRows.first().waitFor();
    assert.ok((await loginRows.count()) >= 1);
    await page.locator('.ant-table-row').filter({ hasText: 'auditor' }).first().waitFor();
    // read-only: no create, edit or delete controls
    assert.equal(await page.getByRole('button', { name: /新建|编辑|删除/ }).count(), 0);
    await loginRows.first().click();
    await page.getByTestId('audit-detail').first().waitFor();
    await screenshot(page, 'auditor-audit');
  } finally {
    await context.close();
  }
});

test('the security administrator opens the policy and meets the 三权分立 rule', async () => {
  const { context, page } = await newPage(browser);
  try {
    await login(page, 'secadmin');
    const labels = await menuLabels(page);
    for (const shown of ['用户管理', '安全策略', '锁定账户']) assert.ok(labels.includes(shown), `menu: ${labels.join(', ')}`);
    for (const hidden of ['地区与园区', '审计日志']) assert.ok(!labels.includes(hidden), `menu: ${labels.join(', ')}`);

    await sideMenu(page).getByText('安全策略').click();
    await page.waitForURL('**/security/policy');
    const minLength = page.getByLabel('密码最小长度');
    await minLength.waitFor();
    await page.waitForFunction(() => {
      const input = document.querySelector<HTMLInputElement>('#passwordMinLength');
      return input !== null && input.value !== '';
    });
    await screenshot(page, 'secadmin-policy');

    await page.goto('/admin/users');
    const row = page.locator('.ant-table-row').filter({ hasText: 'auditor' }).first();
    await row.getByText('授权角色').click();
    const dialog = page.getByRole('dialog');
    // check() verifies the state right after the click, before the form has re-rendered under load: wait instead
    await dialog.getByLabel('系统管理员').click();
    await dialog.locator('input[value="sysadmin"]:checked').waitFor();
    await dialog.getByLabel('操作原因').fill('测试三权分立');
    const response = page.waitForResponse((r) => r.url().includes('/roles') && r.request().method() === 'PUT');
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    const res = await response;
    assert.equal(res.status(), 400);
    const body = (await res.json()) as { error: { message: string } };
    assert.match(body.error.message, /三权分立/);
    await page.locator('.ant-message').getByText(body.error.message).waitFor();
    await screenshot(page, 'secadmin-roles-conflict');
  } finally {
    await context.close();
  }
});

test('the language switch shows English menu labels', async () => {
  const { context, page } = await newPage(browser);
  try {
    await login(page, 'officer');
    await page.getByTestId('lang-switch').click();
    await sideMenu(page).getByText('Home', { exact: true }).waitFor();
    const labels = await menuLabels(page);
    assert.ok(labels.includes('Home'), `menu: ${labels.join(', ')}`);
    assert.ok(labels.includes('Change password'), `menu: ${labels.join(', ')}`);
    assert.ok(!labels.includes('首页'));
    await screenshot(page, 'officer-home-en');

    await page.reload();
    await sideMenu(page).getByText('Home', { exact: true }).waitFor();
  } finally {
    await context.close();
  }
});

for (const reducedMotion of ['no-preference', 'reduce'] as const) {
  test(`the avatar menu on a phone ${reducedMotion === 'reduce' ? 'opens without animation when the system asks for less motion' : 'zooms open by default'}`, async () => {
    const { context, page } = await newPage(browser, PHONE, { reducedMotion });
    try {
      await login(page, 'officer');
      // every class the dropdown ever wears, recorded as it changes (an animation's "-appear" / "-enter" classes last 0.2 s)
      await page.evaluate(() => {
        const seen: string[] = [];
        (window as unknown as { seenClasses: string[] }).seenClasses = seen;
        new MutationObserver((records) => {
          for (const r of records) {
            const el = r.target instanceof Element ? r.target : null;
            if (el?.closest('.ant-dropdown')) seen.push(el.className.toString());
            for (const node of r.addedNodes) if (node instanceof Element) seen.push(node.className.toString());
          }
        }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['class'] });
      });
      await page.getByTestId('header-user').click();
      await page.locator('.ant-dropdown:visible').getByTestId('lang-switch').waitFor();
      await page.waitForTimeout(500);
      const seen = await page.evaluate(() => (window as unknown as { seenClasses: string[] }).seenClasses);
      // motion off, rc-motion still passes through a "-prepare" class for a frame, but never animates ("-active")
      const animated = seen.some((c) => /-(appear|enter)-active\b/.test(c));
      assert.equal(animated, reducedMotion === 'no-preference', `classes seen: ${[...new Set(seen)].slice(0, 12).join(' | ')}`);
    } finally {
      await context.close();
    }
  });
}
