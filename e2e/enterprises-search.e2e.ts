import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launch, login, menuLabels, newPage, screenshot, sideMenu } from './helpers';

let browser: Browser;
const stamp = Date.now().toString(36);
const searchName = `e2e 光伏高新 ${stamp}`;
const listName = `e2e 光伏目标企业 ${stamp}`;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

/** Waits for the search request the page makes after a change, and returns its JSON. */
function nextSearch(page: Page, check: (url: URL) => boolean = () => true) {
  return page
    .waitForResponse((r) => {
      const url = new URL(r.url());
      return url.pathname === '/api/enterprises' && r.request().method() === 'GET' && check(url);
    })
    .then(async (r) => {
      assert.equal(r.status(), 200);
      return (await r.json()) as {
        total: number;
        totalCapped: boolean;
        totalEstimate: number | null;
        facetsEstimated: boolean;
        items: { name: string }[];
        facets: { tags: Record<string, number>; regions: Record<string, number>; regionRoot: string | null; regionNames: Record<string, string> };
      };
    });
}

async function hits(page: Page): Promise<string[]> {
  return (await page.getByTestId('enterprise-results').getByTestId('hit').allInnerTexts()).map((s) => s.trim());
}

test('the officer searches by name fragment and pinyin initials, filters by a tag, saves the search, lists and exports', async () => {
  const { context, page } = await newPage(browser);
  try {
    await login(page, 'officer');
    assert.ok((await menuLabels(page)).includes('企业库'));
    await sideMenu(page).getByText('企业检索').click();
    await page.waitForURL('**/enterprises');
    await page.getByTestId('search-intro').getByText('输入企业名称、拼音或信用代码开始检索').waitFor();
    await screenshot(page, 'enterprise-search-intro');

    // browsing all 30,000 demo enterprises is a broad search: over 10,000 (the demo's table is small enough to be sampled whole,
    // so its facets are exact and carry no ≈), the exact count on request
    let searched = nextSearch(page, (u) => u.searchParams.get('sort') === 'capital' && !u.searchParams.has('exact'));
    await page.getByTestId('search-intro').getByText(/浏览全部/).click();
    const broad = await searched;
    assert.ok(broad.totalCapped && !broad.facetsEstimated && broad.total === 10_000, JSON.stringify({ ...broad, items: [] }));
    await page.getByTestId('result-total').getByText(`超过 10,000 家企业（共 ${(broad.totalEstimate ?? 0).toLocaleString('en-US')} 家）`).waitFor();
    await page.getByTestId('capped-help').waitFor();
    await screenshot(page, 'enterprise-search-broad');
    searched = nextSearch(page, (u) => u.searchParams.get('exact') === 'true');
    await page.getByTestId('exact-count').click();
    const exact = await searched;
    assert.ok(!exact.totalCapped && exact.total === broad.totalEstimate, `${exact.total} ${broad.totalEstimate}`);
    await page.getByTestId('result-total').getByText(`共 ${exact.total.toLocaleString('en-US')} 家企业`).waitFor();
    assert.equal(await page.getByTestId('tag-facet-item').filter({ hasText: '≈' }).count(), 0);
    await page.goto('/enterprises');

    // a fragment of a name: every result marks it
    const box = page.getByTestId('enterprise-search-box').locator('input');
    searched = nextSearch(page, (u) => u.searchParams.get('q') === '其亚');
    await box.fill('其亚');
    let body = await searched;
    assert.ok(body.total > 0, 'the fragment finds enterprises');
    await page.waitForURL(/[?&]q=%E5%85%B6%E4%BA%9A/);
    await page.getByTestId('result-total').getByText(`共 ${body.total.toLocaleString('en-US')} 家企业`).waitFor();
    const fragmentHits = await hits(page);
    assert.ok(fragmentHits.length > 0 && fragmentHits.every((h) => h === '其亚'), JSON.stringify(fragmentHits));

    // pinyin initials: xjqy finds 新疆其亚… and marks the four characters
    searched = nextSearch(page, (u) => u.searchParams.get('q') === 'xjqy');
    await box.fill('xjqy');
    body = await searched;
    assert.ok(body.total > 0);
    assert.ok(body.items.some((i) => i.name.startsWith('新疆其亚')), JSON.stringify(body.items.map((i) => i.name)));
    await page.getByTestId('enterprise-results').getByText('新疆其亚', { exact: true }).first().waitFor();
    const pinyinHits = await hits(page);
    assert.ok(pinyinHits.length > 0 && pinyinHits.every((h) => h.length === 4 && h.startsWith('新疆')), JSON.stringify(pinyinHits));
    await screenshot(page, 'enterprise-search-pinyin');

    // a former name that matched is shown with its mark
    searched = nextSearch(page, (u) => u.searchParams.get('q') === '兴国河文化');
    await box.fill('兴国河文化');
    await searched;
    const former = page.getByTestId('former-name').first();
    await former.waitFor();
    assert.match(await former.innerText(), /曾用名：.*兴国河文化/);

    // a word with many results: facet counts for tags and regions
    searched = nextSearch(page, (u) => u.searchParams.get('q') === '光伏');
    await box.fill('光伏');
    body = await searched;
    const tagCount = body.facets.tags['高新技术'] ?? 0;
    assert.ok(tagCount > 0, JSON.stringify(body.facets.tags));
    const tagRow = page.getByTestId('tag-facet-item').filter({ hasText: '高新技术' });
    await tagRow.getByText(tagCount.toLocaleString('en-US'), { exact: true }).waitFor();
    const regionRows = page.getByTestId('region-facet-item');
    await regionRows.first().waitFor();
    assert.ok((await regionRows.count()) > 1);
    await page.getByTestId('region-facet').getByText('乌鲁木齐市').waitFor(); // a name, not only a code
    // the names come with the counts (facets.regionNames), and every facet row shows one
    assert.equal(body.facets.regionRoot, '650000');
    assert.equal(body.facets.regionNames['650100'], '乌鲁木齐市');
    const facetLabels = (await regionRows.allInnerTexts()).map((s) => s.trim());
    for (const code of Object.keys(body.facets.regions)) {
      const label = `${body.facets.regionNames[code]}\n${(body.facets.regions[code] ?? 0).toLocaleString('en-US')}`;
      assert.ok(facetLabels.some((l) => l.replace(/\s+/g, ' ') === label.replace(/\s+/g, ' ')), `${label} in ${JSON.stringify(facetLabels)}`);
    }
    await screenshot(page, 'enterprise-search-facets');

    // a region is a filter: a click narrows to it, the facet lists its counties by name, the breadcrumb goes back
    const urumqiCount = body.facets.regions['650100'] ?? 0;
    searched = nextSearch(page, (u) => u.searchParams.get('region') === '650100');
    await regionRows.filter({ hasText: '乌鲁木齐市' }).click();
    const drilled = await searched;
    assert.equal(drilled.total, urumqiCount);
    assert.equal(drilled.facets.regionRoot, '650100');
    await page.getByTestId('filter-chip').filter({ hasText: '乌鲁木齐市' }).waitFor();
    for (const code of Object.keys(drilled.facets.regions)) {
      const name = drilled.facets.regionNames[code];
      assert.ok(name, code);
      await regionRows.filter({ hasText: name }).first().waitFor();
    }
    assert.equal(await regionRows.filter({ hasText: /^\s*\d{6}/ }).count(), 0, 'no facet row shows a bare code');
    await screenshot(page, 'enterprise-search-region-filter');
    // (back to a search made before: answered from the page's cache, no request)
    await page.getByTestId('region-crumb-all').click();
    await page.waitForURL((u) => !u.searchParams.has('region') && u.searchParams.get('q') === '光伏');
    await page.getByTestId('filter-chip').filter({ hasText: '乌鲁木齐市' }).waitFor({ state: 'detached' });
    await page.getByTestId('result-total').getByText(`共 ${body.total.toLocaleString('en-US')} 家企业`).waitFor();

    // filter by the tag: the total becomes the facet's count, every row carries the tag
    searched = nextSearch(page, (u) => u.searchParams.get('tags') === '高新技术');
    await tagRow.click();
    body = await searched;
    assert.equal(body.total, tagCount);
    await page.getByTestId('result-total').getByText(`共 ${tagCount.toLocaleString('en-US')} 家企业`).waitFor();
    await page.getByTestId('filter-chip').filter({ hasText: '高新技术' }).waitFor();
    assert.match(page.url(), /tags=%E9%AB%98%E6%96%B0%E6%8A%80%E6%9C%AF/);
    await screenshot(page, 'enterprise-search-tag-filter');

    // the URL carries the search: a reload shows the same
    await page.reload();
    await page.getByTestId('result-total').getByText(`共 ${tagCount.toLocaleString('en-US')} 家企业`).waitFor();
    assert.equal(await box.inputValue(), '光伏');

    // save the search, then apply it from a blank page
    await page.getByTestId('save-search').click();
    const saveDialog = page.locator('.ant-modal-content').filter({ hasText: '保存当前搜索' });
    await saveDialog.getByLabel('名称').fill(searchName);
    await saveDialog.getByText(/共享给米东区/).click();
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/enterprise-saved-searches') && r.request().method() === 'POST');
    await saveDialog.getByRole('button', { name: /确\s*定|OK/ }).click();
    assert.equal((await saved).status(), 201);
    await page.getByText(`已保存搜索“${searchName}”`).waitFor();
    await page.goto('/enterprises');
    await page.getByTestId('search-intro').waitFor();
    await page.getByTestId('saved-searches').click();
    searched = nextSearch(page, (u) => u.searchParams.get('q') === '光伏' && u.searchParams.get('tags') === '高新技术');
    await page.getByTestId('saved-search').filter({ hasText: searchName }).click();
    body = await searched;
    assert.equal(body.total, tagCount);
    assert.equal(await box.inputValue(), '光伏');

    // tick two rows and put them into a new list
    const rows = page.getByTestId('enterprise-results').locator('tbody tr.ant-table-row');
    await rows.first().waitFor();
    const picked = [(await rows.nth(0).getByTestId('result-name').locator('a').innerText()).trim(), (await rows.nth(1).getByTestId('result-name').locator('a').innerText()).trim()];
    await rows.nth(0).locator('.ant-checkbox-input').check();
    await rows.nth(1).locator('.ant-checkbox-input').check();
    await page.getByTestId('add-selected').getByText('已选 2 家，加入名单').waitFor();
    await page.getByTestId('add-selected').click();
    const addDialog = page.locator('.ant-modal-content').filter({ hasText: '加入名单' });
    await addDialog.getByText('新建名单', { exact: true }).click();
    await addDialog.getByLabel('名单名称').fill(listName);
    await screenshot(page, 'enterprise-search-add-to-list');
    const added = page.waitForResponse((r) => /\/api\/enterprise-lists\/[^/]+\/members$/.test(r.url()) && r.request().method() === 'POST');
    await addDialog.getByRole('button', { name: /加\s*入/ }).click();
    const addedRes = await added;
    assert.equal(addedRes.status(), 200);
    assert.equal(((await addedRes.json()) as { added: number }).added, 2);
    const notice = page.getByTestId('added-to-list');
    await notice.getByText(/新增 2 家/).waitFor();

    // the list page shows it; open it
    await sideMenu(page).getByText('企业名单').click();
    await page.waitForURL('**/enterprises/lists');
    await page.getByTestId('list-link').filter({ hasText: listName }).waitFor();
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'enterprise-lists');
    await page.getByTestId('list-link').filter({ hasText: listName }).click();
    await page.waitForURL(/\/enterprises\/lists\/[0-9a-f-]{36}$/);
    await page.getByTestId('list-title').getByText(listName).waitFor();
    await page.getByTestId('member-count').getByText('2', { exact: true }).waitFor();
    // the count comes with the list, the member table a moment later: wait for both rows
    await page.getByTestId('member-name').nth(1).waitFor();
    const members = (await page.getByTestId('member-name').allInnerTexts()).map((s) => s.trim()).sort();
    assert.deepEqual(members, [...picked].sort());
    await screenshot(page, 'enterprise-list-detail');

    // export: a download happens, named after the list
    const download = page.waitForEvent('download');
    await page.getByTestId('export-list').click();
    const file = await download;
    assert.match(file.suggestedFilename(), /\.xlsx$/);
    assert.ok(file.suggestedFilename().includes('光伏目标企业'), file.suggestedFilename());

    // a name links to the enterprise page (by credit code)
    const href = await page.getByTestId('member-name').first().getAttribute('href');
    assert.match(href ?? '', /^\/enterprises\/[0-9A-Z]{18}$/);
  } finally {
    await context.close();
  }
});

test('the officer adds every result of a search to the list, then removes one enterprise', async () => {
  const { context, page } = await newPage(browser);
  try {
    await login(page, 'officer');
    const searched = nextSearch(page, (u) => u.searchParams.get('q') === 'xjqy');
    await page.goto('/enterprises?q=xjqy');
    const { total } = await searched;
    assert.ok(total > 0 && total < 1000);
    await page.getByTestId('add-all').click();
    const addDialog = page.locator('.ant-modal-content').filter({ hasText: `把当前搜索的 ${total} 家企业加入名单` });
    await addDialog.getByText('加入已有名单', { exact: true }).click();
    await addDialog.locator('.ant-select').click();
    await page.locator('.ant-select-dropdown:visible').getByText(listName, { exact: false }).click();
    const added = page.waitForResponse((r) => /\/api\/enterprise-lists\/[^/]+\/members$/.test(r.url()) && r.request().method() === 'POST');
    await addDialog.getByRole('button', { name: /加\s*入/ }).click();
    const res = (await (await added).json()) as { added: number; alreadyPresent: number; memberCount: number };
    assert.equal(res.added + res.alreadyPresent, total);
    await page.getByTestId('added-to-list').getByText('打开名单').click();
    await page.waitForURL(/\/enterprises\/lists\/[0-9a-f-]{36}$/);
    await page.getByTestId('member-count').getByText(String(res.memberCount), { exact: true }).waitFor();

    // remove one enterprise
    const first = page.getByTestId('list-members').locator('tbody tr.ant-table-row').first();
    const removedName = (await first.getByTestId('member-name').innerText()).trim();
    await first.locator('.ant-checkbox-input').check();
    // the button (and its confirmation) is enabled once the selection has reached the page's state
    await page.waitForFunction(() => document.querySelector('[data-testid="remove-members"]')?.hasAttribute('disabled') === false);
    await page.getByTestId('remove-members').click();
    const confirm = page.locator('.ant-popconfirm:visible').getByRole('button', { name: /确\s*定|OK/ });
    await confirm.waitFor();
    const removed = page.waitForResponse((r) => /\/members$/.test(r.url()) && r.request().method() === 'DELETE');
    await confirm.click();
    assert.equal((await removed).status(), 200);
    await page.getByText('已移出 1 家企业').waitFor();
    await page.getByTestId('member-count').getByText(String(res.memberCount - 1), { exact: true }).waitFor();
    assert.ok(!(await page.getByTestId('member-name').allInnerTexts()).map((s) => s.trim()).includes(removedName));

    // add it back by typing its name, together with a second enterprise picked from the same box
    await page.getByTestId('add-by-name').click();
    const dialog = page.locator('.ant-modal-content').filter({ hasText: '按名称添加企业' });
    const picker = dialog.getByTestId('enterprise-picker');
    await picker.click();
    await page.keyboard.type(removedName);
    const dropdown = page.locator('.ant-select-dropdown:visible');
    await dropdown.getByTestId('enterprise-option').filter({ hasText: removedName }).first().click();
    await picker.locator('.ant-select-selection-item').filter({ hasText: removedName }).waitFor();
    // a pick clears the box for the next name
    await page.keyboard.type('光伏');
    const option = dropdown.getByTestId('enterprise-option').filter({ hasText: '光伏' }).filter({ hasNotText: removedName }).first();
    await option.waitFor();
    const second = (await option.locator('div').first().innerText()).trim();
    await option.click();
    await picker.locator('.ant-select-selection-item').filter({ hasText: second }).waitFor();
    await screenshot(page, 'enterprise-list-add-by-name');
    const byName = page.waitForResponse((r) => /\/members$/.test(r.url()) && r.request().method() === 'POST');
    await dialog.getByRole('button', { name: /加入 2 家/ }).click();
    const byNameRes = await byName;
    assert.equal(byNameRes.status(), 200);
    const sent = JSON.parse(byNameRes.request().postData() ?? '{}') as { enterpriseIds?: string[] };
    assert.equal(sent.enterpriseIds?.length, 2);
    const back = (await byNameRes.json()) as { added: number; alreadyPresent: number; memberCount: number };
    assert.equal(back.added + back.alreadyPresent, 2);
    assert.ok(back.added >= 1, `${removedName} is added again`);
    await page.getByTestId('member-count').getByText(String(back.memberCount), { exact: true }).waitFor();
    const listId = new URL(page.url()).pathname.split('/').at(-1) ?? '';
    const all = (await (await page.request.get(`/api/enterprise-lists/${listId}/members?pageSize=500`)).json()) as { items: { name: string }[] };
    for (const name of [removedName, second]) assert.ok(all.items.some((m) => m.name === name), name);
  } finally {
    await context.close();
  }
});

test('a leader searches but cannot save searches or build lists', async () => {
  const { context, page } = await newPage(browser);
  try {
    await login(page, 'leader');
    await page.goto('/enterprises?q=xjqy');
    await page.getByTestId('enterprise-results').getByTestId('hit').first().waitFor();
    assert.equal(await page.getByTestId('save-search').count(), 0);
    assert.equal(await page.getByTestId('add-selected').count(), 0);
    assert.equal(await page.getByTestId('enterprise-results').locator('.ant-checkbox-input').count(), 0);
  } finally {
    await context.close();
  }
});
