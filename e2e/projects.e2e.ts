import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { fitsWidth, launch, login, menuLabels, newPage, PHONE, screenshot, sideMenu } from './helpers';

let browser: Browser;
const projectName = `e2e 数据中心项目 ${Date.now().toString(36)}`;
let projectPath = '';
/** this month in Asia/Shanghai */
const MONTH = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

test('the officer creates a project, meets the checklist on the Kanban, fills it in and advances', async () => {
  const { context, page } = await newPage(browser);
  try {
    await login(page, 'officer');
    assert.ok((await menuLabels(page)).includes('项目库'));
    await sideMenu(page).getByText('项目库').click();
    await page.waitForURL('**/projects');
    await page.getByRole('button', { name: /新建项目/ }).click();
    const drawer = page.locator('.ant-drawer-content');
    await drawer.getByLabel('项目名称').fill(projectName);
    await drawer.getByLabel('计划总投资（万元）').fill('12.3456x');
    await drawer.getByText('请输入金额（万元），最多 4 位小数').waitFor();
    await drawer.getByLabel('计划总投资（万元）').fill('5000.5');
    await drawer.getByRole('button', { name: /确\s*定/ }).click();
    await page.waitForURL(/\/projects\/[0-9a-f-]{36}$/);
    projectPath = new URL(page.url()).pathname;
    await page.getByTestId('project-name').getByText(projectName).waitFor();
    await page.getByText('5,000.5 万元').waitFor();
    await page.getByTestId('next-stage-card').getByText('在谈项目须填写投资方').waitFor();
    await screenshot(page, 'project-detail-new');

    await page.goto('/projects');
    await page.getByText('看板', { exact: true }).click();
    // only this project on the board, so the drag cannot pick up a neighbour
    await page.getByLabel('关键词').fill(projectName);
    await page.getByRole('button', { name: /查\s*询/ }).click();
    const card = page.getByTestId('kanban-card').filter({ hasText: projectName });
    await card.waitFor();
    await screenshot(page, 'projects-kanban');
    const refused = page.waitForResponse((r) => r.url().endsWith('/stage') && r.request().method() === 'POST');
    await card.dragTo(page.getByTestId('kanban-column-negotiating'), { targetPosition: { x: 60, y: 12 } });
    const refusedRes = await refused;
    const refusedBody = (await refusedRes.json()) as { error: { details?: { field: string }[] } };
    assert.equal(refusedRes.status(), 400, JSON.stringify(refusedBody));
    assert.ok(refusedBody.error.details?.some((d) => d.field === 'investorName'), JSON.stringify(refusedBody));
    const refusal = page.getByTestId('stage-refusal');
    await refusal.getByText('在谈项目须填写投资方').waitFor();
    await refusal.getByText('在谈项目须评估落地可能性（高/中/低）').waitFor();
    await page.waitForTimeout(500); // let the dialog finish its opening animation before the picture
    await screenshot(page, 'projects-kanban-refusal');

    // the link opens the edit form at the missing field
    await refusal.getByRole('link', { name: '去填写' }).first().click();
    await page.waitForURL(/\/projects\/[0-9a-f-]{36}\?edit=investorName/);
    await drawer.getByLabel('投资方', { exact: true }).fill('新疆云计算产业投资有限公司');
    await drawer.getByLabel('落地可能性').click();
    await page.locator('.ant-select-dropdown:visible').getByText('高', { exact: true }).click();
    await drawer.getByLabel('预计落地日期').fill('2027-06-30');
    await drawer.getByLabel('预计落地日期').press('Enter');
    await screenshot(page, 'project-edit');
    const saved = page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().includes('/api/projects/'));
    await drawer.getByRole('button', { name: /确\s*定/ }).click();
    assert.equal((await saved).status(), 200);
    await page.getByTestId('next-stage-card').getByText('已满足转入下一阶段的条件').waitFor();

    const moved = page.waitForResponse((r) => r.url().endsWith('/stage') && r.request().method() === 'POST');
    await page.getByRole('button', { name: /推进到“在谈”/ }).click();
    assert.equal((await moved).status(), 200);
    await page.locator('.ant-steps-item-process').getByText('在谈').waitFor();
    await page.getByText('线索 → 在谈').waitFor();
    await screenshot(page, 'project-detail-negotiating');
  } finally {
    await context.close();
  }
});

test('on a phone, the officer names the project’s 产业链节点 with the picker and the detail links its chain', async () => {
  assert.ok(projectPath, 'the first test created a project');
  const { context, page } = await newPage(browser, PHONE);
  try {
    await login(page, 'officer');
    await page.goto(projectPath);
    await page.getByTestId('project-name').getByText(projectName).waitFor();
    await page.getByRole('button', { name: /编\s*辑/ }).click();
    const drawer = page.locator('.ant-drawer-content');
    const picker = drawer.getByTestId('chain-node-picker');
    await picker.scrollIntoViewIfNeeded();
    await picker.click();
    await page.keyboard.type('光伏组件');
    const option = page.locator('.ant-select-dropdown:visible').getByText('光伏组件（PV-M02）');
    await option.waitFor();
    await screenshot(page, 'project-chain-node-picker-phone');
    await option.click();
    // the choice shows in the picker before the form is saved (a click during the dropdown's animation can miss)
    await picker.locator('.ant-select-selection-item').filter({ hasText: 'PV-M02' }).waitFor();
    const saved = page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().includes('/api/projects/'));
    await drawer.getByRole('button', { name: /确\s*定/ }).click();
    const res = await saved;
    assert.equal(res.status(), 200, await res.text());
    assert.equal(((await res.json()) as { chainNode: string }).chainNode, 'PV-M02');
    const shown = page.getByTestId('project-chain-node');
    await shown.getByText('光伏组件（PV-M02）').waitFor();
    assert.equal(await shown.getByRole('link', { name: '光伏产业链' }).getAttribute('href'), '/chains/PV');
    await shown.scrollIntoViewIfNeeded();
    assert.equal(await fitsWidth(page), null);
    await screenshot(page, 'project-chain-node-phone');
  } finally {
    await context.close();
  }
});

test('the statistician adds a receipt in 万元 and sees it in the ledger', async () => {
  assert.ok(projectPath, 'the first test created a project');
  const { context, page } = await newPage(browser);
  try {
    await login(page, 'statistician');
    await page.goto(projectPath);
    await page.getByTestId('project-name').getByText(projectName).waitFor();
    await page.getByRole('button', { name: /登记到位资金/ }).click();
    const dialog = page.getByRole('dialog');
    // this month: the demo's months before last are reported and locked (src/seed/demo-returns.ts)
    await dialog.getByLabel('月份').fill(MONTH);
    await dialog.getByLabel('月份').press('Enter');
    await dialog.getByLabel('金额（万元）').fill('1234.5678');
    // the first answer is lost after the server committed (as when a connection drops): the client sends the same
    // request again with the same Idempotency-Key, gets the first answer back, and the receipt is entered once
    const keys: (string | undefined)[] = [];
    await page.route('**/api/projects/*/receipts', async (route) => {
      keys.push(route.request().headers()['idempotency-key']);
      if (keys.length === 1) {
        await route.fetch();
        await route.abort('connectionreset');
      } else await route.continue();
    });
    const created = page.waitForResponse((r) => r.url().endsWith('/receipts') && r.request().method() === 'POST' && r.status() !== 0);
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    const res = await created;
    assert.equal(res.status(), 201);
    assert.equal(keys.length, 2);
    assert.match(keys[0] ?? '', /^web-[0-9a-f]{32}$/);
    assert.equal(keys[1], keys[0]);
    assert.equal(res.headers()['idempotent-replayed'], 'true');
    await page.unroute('**/api/projects/*/receipts');
    const body = (await res.json()) as { amountYuan: number; month: string };
    assert.equal(body.amountYuan, 12_345_678);
    assert.equal(body.month, MONTH);
    await page.getByTestId('funds-total').getByText('1,234.5678 万元').waitFor();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByTestId('funds-tab').scrollIntoViewIfNeeded();
    await screenshot(page, 'project-funds');
  } finally {
    await context.close();
  }
});

test('the service-item summary lists the sub-regions', async () => {
  const { context, page } = await newPage(browser);
  try {
    await login(page, 'leader');
    const labels = await menuLabels(page);
    for (const shown of ['项目库', '我的项目', '帮办代办统计']) assert.ok(labels.includes(shown), `menu: ${labels.join(', ')}`);
    await sideMenu(page).getByText('帮办代办统计').click();
    await page.waitForURL('**/service-items');
    await page.getByTestId('service-summary').getByText('米东区').first().waitFor();
    await screenshot(page, 'service-items-summary');
  } finally {
    await context.close();
  }
});
