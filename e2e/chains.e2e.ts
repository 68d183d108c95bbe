/**
 * Industry chains (产业链): the analyst of a prefecture (乌鲁木齐市) adopts a template, opens the chain map, a node's
 * drawer, imports a changed version (dry run first) and reads the diff on the versions tab; on a phone the map is a
 * grouped list. Readers without chains.manage see no import or adopt. Each page fits the width and axe finds no
 * serious or critical violation.
 */
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
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

/**
 * Adopts the 光伏 template from the templates tab: the chain PV, or (when another region took PV first) a code of
 * our own through the modal that asks for one. Returns the chain's code, read from the page it lands on.
 */
async function adoptPv(page: Page): Promise<string> {
  await page.goto('/chains?tab=templates');
  const row = page.getByTestId('chain-templates').locator('.ant-table-row').filter({ hasText: '光伏产业链' });
  await row.getByTestId('template-adopt').click();
  const adopted = page.waitForResponse((r) => r.url().includes('/api/chain-templates/PV/adopt'));
  await page.locator('.ant-popconfirm').getByRole('button', { name: /确\s*定|OK/ }).click();
  const res = await adopted;
  if (res.status() === 409) {
    // the template's code is another region's chain: the modal asks for another
    const modal = page.locator('.ant-modal').filter({ hasText: '另取产业链编码' });
    await modal.getByTestId('adopt-code-reason').waitFor();
    await modal.getByLabel('产业链编码').fill(`PVE2E${randomInt(1000, 9999)}`);
    await modal.getByRole('button', { name: /采\s*用/ }).click();
  } else {
    assert.equal(res.status(), 200, await res.text());
  }
  await page.waitForURL(/\/chains\/[A-Z0-9_-]+$/);
  return decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '');
}

const SEGMENT_NAMES = { upstream: '上游', midstream: '中游', downstream: '下游' } as const;

/** The chain as an import CSV, with the last node renamed and one downstream node added. */
function changedCsv(code: string, name: string, nodes: ChainNode[], added: string): string {
  const last = nodes[nodes.length - 1]!;
  const rows = nodes.map((n) => [code, name, n.code, n === last ? `${n.name}（改）` : n.name, n.parentCode ?? '', SEGMENT_NAMES[n.segment], n.industryCodes.join(';'), n.products.join(';')]);
  rows.push([code, name, added, '光伏制氢（测试）', '', '下游', '4430', '光伏制氢;绿氢']);
  return ['产业链编码,产业链名称,节点编码,节点名称,上级节点编码,环节,行业代码,关键产品', ...rows.map((r) => r.join(','))].join('\n') + '\n';
}

test('the prefecture analyst adopts a template, opens the map and a node, imports a new version and reads the diff', async () => {
  const { context, page } = await newPage(browser);
  try {
    await login(page, 'analyst');
    await sideMenu(page).getByText('产业链', { exact: true }).click();
    await page.waitForURL('**/chains');
    await page.getByRole('tab', { name: '模板' }).click();
    // the eight shipped templates with their node counts per segment
    await page.getByTestId('chain-templates').locator('.ant-table-row').nth(7).waitFor();
    assert.equal(await page.getByTestId('chain-templates').locator('.ant-table-row').count(), 8);
    await page.getByTestId('chain-templates').getByText('上游 13').waitFor();
    await assertClean(page, 'the templates tab');
    await screenshot(page, 'chains-templates');

    const code = await adoptPv(page);
    const detail = (await (await page.request.get(`/api/chains/${encodeURIComponent(code)}`)).json()) as { name: string; currentVersion: number; nodes: ChainNode[] };
    await page.getByTestId('chain-name').getByText('光伏产业链').waitFor();
    const map = page.getByTestId('chain-map');
    await map.getByTestId('chain-node').first().waitFor();
    assert.equal(await map.getByTestId('chain-node').count(), detail.nodes.length);
    for (const heading of ['上游', '中游', '下游']) await map.getByRole('heading', { name: heading }).waitFor();

    // coverage shows only when the server answers it (never made up)
    const coverage = await page.request.get(`/api/chains/${encodeURIComponent(code)}/coverage`);
    if (coverage.ok()) {
      await page.getByTestId('coverage-legend').waitFor();
      assert.ok((await map.getByTestId('coverage-status').count()) > 0, 'nodes carry their status in words');
    } else {
      assert.equal(await page.getByTestId('chain-coverage').count(), 0, `no coverage section without coverage (${coverage.status()})`);
    }
    await assertClean(page, 'the chain map');
    await screenshot(page, 'chains-map');

    // a node's drawer: codes with the industry's name, products
    const polysilicon = detail.nodes.find((n) => n.name === '多晶硅')!;
    await map.locator(`[data-code="${polysilicon.code}"]`).click();
    const drawer = page.locator('.ant-drawer-content');
    await drawer.getByTestId('node-drawer-title').getByText('多晶硅').waitFor();
    await drawer.getByTestId('node-industries').getByText('3985 电子专用材料制造').waitFor();
    await drawer.getByText('颗粒硅').waitFor();
    if (coverage.ok()) {
      // the figures with their rule, and the enterprises behind them, each opening its enterprise page
      await drawer.getByTestId('node-coverage').getByTestId('coverage-tag').waitFor();
      const enterprises = drawer.getByTestId('node-enterprises');
      await enterprises.waitFor();
      const link = enterprises.getByTestId('node-enterprise-link').first();
      if (await link.count()) assert.match((await link.getAttribute('href')) ?? '', /^\/enterprises\/[^/]+$/);
    }
    await assertClean(page, 'the node drawer');
    await screenshot(page, 'chains-node-drawer');
    // a child node opens from the parent's drawer
    await drawer.getByText('三氯氢硅与氯硅烷').click();
    await drawer.getByTestId('node-drawer-title').getByText('三氯氢硅与氯硅烷').waitFor();
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });

    // a changed file: the dry run says 更新 and writes nothing; the import makes the next version
    const added = `${code}-D${randomInt(100, 999)}`;
    const csv = changedCsv(code, detail.name, detail.nodes, added);
    await page.getByTestId('chain-import').click();
    const modal = page.locator('.ant-modal').filter({ hasText: '导入产业链' });
    await modal.locator('input[type=file]').setInputFiles({ name: '光伏产业链-修改.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await modal.getByTestId('chain-import-file').getByText('光伏产业链-修改.csv').waitFor();
    await modal.getByRole('button', { name: /试导入/ }).click();
    const check = modal.getByTestId('chain-import-check');
    await check.getByText('更新', { exact: true }).waitFor();
    await check.getByText('新增 1，删除 0，修改 1').waitFor();
    await assertClean(page, 'the import dry run');
    await screenshot(page, 'chains-import-check');
    const versionsAfterCheck = (await (await page.request.get(`/api/chains/${encodeURIComponent(code)}/versions`)).json()) as { items: unknown[] };
    assert.equal(versionsAfterCheck.items.length, detail.currentVersion, 'a dry run writes nothing');
    await modal.getByRole('button', { name: /确认导入/ }).click();
    await modal.getByTestId('chain-import-done').waitFor();
    await modal.getByRole('button', { name: /关\s*闭/ }).click();
    await page.getByText(`第 ${detail.currentVersion + 1} 版`).first().waitFor();
    await map.locator(`[data-code="${added}"]`).waitFor();

    // the versions tab: the list and the diff of the last two
    await page.getByRole('tab', { name: '版本' }).click();
    const versions = page.getByTestId('chain-versions');
    await versions.locator('.ant-table-row').nth(detail.currentVersion).waitFor();
    await versions.getByText('导入：光伏产业链-修改.csv').waitFor();
    const diff = page.getByTestId('chain-diff');
    await diff.getByTestId('chain-diff-summary').getByText('新增 1，删除 0，修改 1').waitFor();
    await diff.getByText('光伏制氢（测试）').waitFor();
    await diff.getByText(/名称：.+ → .+（改）/).waitFor();
    await assertClean(page, 'the versions tab');
    await screenshot(page, 'chains-versions');

    // an older version on the map says so
    await versions.locator('.ant-table-row').filter({ hasText: `第 ${detail.currentVersion} 版` }).getByRole('button', { name: '查看链图' }).click();
    await page.getByTestId('old-version').waitFor();
    assert.equal(await map.locator(`[data-code="${added}"]`).count(), 0);
  } finally {
    await context.close();
  }
});

test('on a phone the chain is a grouped list; a node opens full-width; the pages fit 390 px', async () => {
  const { context, page } = await newPage(browser, PHONE);
  try {
    await login(page, 'analyst');
    const { items } = (await (await page.request.get('/api/chains')).json()) as { items: { code: string; name: string }[] };
    const chain = items.find((c) => c.name === '光伏产业链');
    assert.ok(chain, 'the first test adopted the 光伏 template');
    await page.goto('/chains');
    await page.getByTestId('chain-list').getByText('光伏产业链').first().waitFor();
    await assertClean(page, 'the chain list on a phone');
    await screenshot(page, 'phone-chains');
    await page.goto('/chains?tab=templates');
    await page.getByTestId('chain-templates').locator('.ant-table-row').nth(7).waitFor();
    await assertClean(page, 'the templates on a phone');

    await page.goto(`/chains/${encodeURIComponent(chain.code)}`);
    const list = page.getByTestId('chain-node-list');
    await list.getByTestId('chain-node').first().waitFor();
    assert.equal(await page.getByTestId('chain-map').count(), 0, 'no diagram on a phone');
    for (const segment of ['上游', '中游', '下游']) await list.getByRole('region', { name: segment }).waitFor();
    await assertClean(page, 'the chain on a phone');
    await screenshot(page, 'phone-chain-list');

    await list.getByTestId('chain-node').filter({ hasText: '多晶硅' }).click();
    const drawer = page.locator('.ant-drawer-content');
    await drawer.getByTestId('node-drawer-title').getByText('多晶硅').waitFor();
    const box = await drawer.boundingBox();
    assert.ok(box && box.width >= PHONE.width - 1, 'the drawer takes the whole width');
    await assertClean(page, 'the node drawer on a phone');
    await screenshot(page, 'phone-chain-node');
    await page.keyboard.press('Escape');

    await page.getByRole('tab', { name: '版本' }).click();
    await page.getByTestId('chain-versions').locator('.ant-table-row').first().waitFor();
    await assertClean(page, 'the versions on a phone');
    await screenshot(page, 'phone-chain-versions');
  } finally {
    await context.close();
  }
});

test('readers without chains.manage (the leader, the county officer) see chains and templates with no import or adopt', async () => {
  for (const username of ['leader', 'officer']) {
    const { context, page } = await newPage(browser);
    try {
      await login(page, username);
      await page.goto('/chains');
      await page.getByTestId('chain-list').waitFor();
      await settle(page);
      assert.equal(await page.getByTestId('chain-import').count(), 0, `${username} must not see 导入`);
      await page.getByRole('tab', { name: '模板' }).click();
      await page.getByTestId('chain-templates').getByRole('button', { name: /下载 CSV/ }).first().waitFor();
      assert.equal(await page.getByTestId('template-adopt').count(), 0, `${username} must not see 采用`);
    } finally {
      await context.close();
    }
  }
});
