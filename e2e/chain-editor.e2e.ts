/**
 * The chain editor (编辑产业链): the prefecture analyst opens 编辑 on a chain of their own (the 氢能 template adopted
 * under a code of this run), renames a node, adds one, sees a problem inline on the node, fixes it and saves; the
 * versions tab shows what the edit changed. On a phone the nodes are a list and a node's form a full-width drawer;
 * a version saved meanwhile by someone else is refused with who saved it. Readers without chains.manage see no 编辑.
 * Each page fits the width and axe finds no serious or critical violation.
 */
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, fitsWidth, launch, login, newPage, PHONE, SAME_ORIGIN, screenshot, settle } from './helpers';

let browser: Browser;
const code = `H2ED${randomInt(1000, 9999)}`;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

interface ChainNode {
  code: string;
  name: string;
  parentCode: string | null;
  segment: 'upstream' | 'midstream' | 'downstream';
  industryCodes: string[];
  products: string[];
}

async function assertClean(page: Page, what: string): Promise<void> {
  await settle(page);
  assert.equal(await fitsWidth(page), null, `${what} does not fit the width`);
  assert.deepEqual(await axeViolations(page), [], `${what}: axe`);
}

async function chainOf(page: Page): Promise<{ version: number; name: string; nodes: ChainNode[] }> {
  return (await page.request.get(`/api/chains/${code}`)).json();
}

test('the prefecture analyst edits a chain: renames a node, adds one, fixes a problem shown on the node, saves a new version', async () => {
  const { context, page } = await newPage(browser);
  try {
    await login(page, 'analyst');
    const adopted = await page.request.post('/api/chain-templates/H2/adopt', { data: { chainCode: code }, headers: SAME_ORIGIN });
    assert.equal(adopted.status(), 200, await adopted.text());
    const before = await chainOf(page);

    await page.goto(`/chains/${code}`);
    await page.getByTestId('chain-edit').click();
    await page.waitForURL(`**/chains/${code}/edit`);
    const tree = page.getByTestId('edit-tree');
    await tree.getByTestId('edit-node').first().waitFor();
    assert.equal(await tree.getByTestId('edit-node').count(), before.nodes.length);
    await assertClean(page, 'the editor');
    await screenshot(page, 'chain-edit');

    // rename the first node
    const first = before.nodes[0]!;
    await tree.locator(`[data-code="${first.code}"]`).click();
    const form = page.getByTestId('edit-node-form');
    await form.getByLabel('节点名称').fill(`${first.name}（改）`);
    await tree.locator(`[data-code="${first.code}"]`).getByText(`${first.name}（改）`).waitFor();
    await page.getByTestId('edit-dirty').waitFor();
    // 取消 with unsaved changes asks first; 继续编辑 stays
    await page.getByRole('button', { name: /取\s*消/ }).click();
    const leave = page.locator('.ant-modal-confirm').filter({ hasText: '放弃未保存的修改？' });
    await leave.getByRole('button', { name: '继续编辑' }).click();
    await leave.waitFor({ state: 'detached' });
    assert.match(page.url(), /\/edit$/);

    // add a downstream node with a malformed code: the problem shows on the node and its field
    await tree.getByRole('button', { name: '在下游新增节点' }).click();
    await form.getByLabel('节点名称').fill('氢能测试节点');
    await form.getByLabel('节点编码').fill('-BAD');
    await form.getByTestId('edit-node-products').locator('input').fill('绿氨');
    await page.keyboard.press('Enter');
    await page.getByTestId('edit-save').click();
    await page.getByTestId('edit-problems').getByText(/节点 -BAD 的“节点编码”/).waitFor();
    await form.locator('.ant-form-item-explain-error').getByText(/编码“-BAD”格式不对/).waitFor();
    await tree.locator('[data-code="-BAD"]').getByText('有问题').waitFor();
    await assertClean(page, 'the editor with a problem');
    await screenshot(page, 'chain-edit-problem');
    assert.equal((await chainOf(page)).version, before.version, 'nothing saved');

    await form.getByLabel('节点编码').fill(`${code}-D99`);
    await page.getByTestId('edit-check').click();
    await page.getByTestId('edit-checked').getByText(`检查通过：保存后为第 ${before.version + 1} 版（新增 1，删除 0，修改 1）`).waitFor();
    await page.getByTestId('edit-save').click();
    await page.waitForURL(`**/chains/${code}?tab=versions`);
    const diff = page.getByTestId('chain-diff');
    await diff.getByTestId('chain-diff-summary').getByText('新增 1，删除 0，修改 1').waitFor();
    await diff.getByText('氢能测试节点').waitFor();
    await page.getByTestId('chain-versions').getByText('编辑').first().waitFor();
    await assertClean(page, 'the versions after the edit');
    const after = await chainOf(page);
    assert.equal(after.version, before.version + 1);
    assert.deepEqual(after.nodes.find((n) => n.code === `${code}-D99`)?.products, ['绿氨']);
  } finally {
    await context.close();
  }
});

test('on a phone the editor is a list with a full-width drawer; a version saved meanwhile is refused with who saved it', async () => {
  const { context, page } = await newPage(browser, PHONE);
  try {
    await login(page, 'analyst');
    const start = await chainOf(page);
    await page.goto(`/chains/${code}/edit`);
    const tree = page.getByTestId('edit-tree');
    await tree.getByTestId('edit-node').first().waitFor();
    await assertClean(page, 'the editor on a phone');
    await screenshot(page, 'phone-chain-edit');

    const node = start.nodes[1]!;
    await tree.locator(`[data-code="${node.code}"]`).click();
    const drawer = page.locator('.ant-drawer-content');
    await drawer.getByTestId('edit-node-form').waitFor();
    const box = await drawer.boundingBox();
    assert.ok(box && box.width >= PHONE.width - 1, 'the drawer takes the whole width');
    await drawer.getByLabel('节点名称').fill(`${node.name}（手机）`);
    await assertClean(page, 'the node drawer on a phone');
    await screenshot(page, 'phone-chain-edit-node');
    await drawer.getByRole('button', { name: /完\s*成/ }).click();
    await drawer.waitFor({ state: 'hidden' });

    // someone saves a version meanwhile: the editor's save is refused and says so
    const other = await page.request.put(`/api/chains/${code}`, {
      data: { baseVersion: start.version, name: `${start.name}（他人）`, nodes: start.nodes },
      headers: SAME_ORIGIN,
    });
    assert.equal(other.status(), 200, await other.text());
    await page.getByTestId('edit-save').click();
    await page.getByTestId('edit-conflict').getByText(new RegExp(`已由 .+ 保存为第 ${start.version + 1} 版，您的修改基于第 ${start.version} 版`)).waitFor();
    await assertClean(page, 'the conflict on a phone');
    await screenshot(page, 'phone-chain-edit-conflict');

    // load the newest version and save the rename on it
    await page.getByTestId('edit-conflict').getByRole('button').click();
    await page.getByTestId('edit-title').getByText(`${start.name}（他人）`).waitFor();
    await tree.locator(`[data-code="${node.code}"]`).click();
    await drawer.getByLabel('节点名称').fill(`${node.name}（手机）`);
    await drawer.getByRole('button', { name: /完\s*成/ }).click();
    await page.getByTestId('edit-save').click();
    await page.waitForURL(`**/chains/${code}?tab=versions`);
    await page.getByTestId('chain-diff').getByTestId('chain-diff-summary').getByText('新增 0，删除 0，修改 1').waitFor();
    assert.equal((await chainOf(page)).version, start.version + 2);
  } finally {
    await context.close();
  }
});

test('readers without chains.manage see no 编辑', async () => {
  const { context, page } = await newPage(browser);
  try {
    await login(page, 'officer');
    await page.goto(`/chains/${code}`);
    await page.getByTestId('chain-name').waitFor();
    await settle(page);
    assert.equal(await page.getByTestId('chain-edit').count(), 0);
  } finally {
    await context.close();
  }
});
