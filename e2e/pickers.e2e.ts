/**
 * The pickers of the project form (issue 11 item 10): the investor field looks up the enterprise
 * database (name fragment or pinyin initials) and fills the credit code; the industry picker reaches
 * 小类 by keyword and the project list filters by a 中类 above it. At the desk width and on a phone.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { DESK, fitsWidth, launch, login, newPage, PHONE, screenshot } from './helpers';

let browser: Browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

interface LookupBody {
  items: { name: string; creditCode: string | null }[];
}

/** Types into the investor field and waits for the lookup the pause in typing sends. */
async function typeInvestor(page: Page, text: string): Promise<LookupBody> {
  const drawer = page.locator('.ant-drawer-content');
  const lookup = page.waitForResponse((r) => {
    const u = new URL(r.url());
    return u.pathname === '/api/enterprises' && u.searchParams.get('q') === text;
  });
  await drawer.getByLabel('投资方', { exact: true }).fill(text);
  const res = await lookup;
  assert.equal(res.status(), 200);
  return (await res.json()) as LookupBody;
}

async function createWithPickers(page: Page, width: 'desk' | 'phone', investorText: string) {
  const name = `e2e 选择器项目 ${width} ${Date.now().toString(36)}`;
  await login(page, 'officer');
  await page.goto('/projects');
  await page.getByRole('button', { name: /新建项目/ }).click();
  const drawer = page.locator('.ant-drawer-content');
  await drawer.getByLabel('项目名称').fill(name);

  // investor: part of a name (or pinyin initials) → pick one with a credit code
  const body = await typeInvestor(page, investorText);
  const wanted = body.items.find((i) => i.creditCode);
  assert.ok(wanted, `the lookup finds an enterprise with a credit code: ${JSON.stringify(body.items.map((i) => i.name))}`);
  const option = page.locator('.ant-select-dropdown:visible').getByTestId('investor-option').filter({ hasText: wanted.creditCode ?? '' });
  await option.waitFor();
  await screenshot(page, `pickers-investor-${width}`);
  assert.equal(await fitsWidth(page), null);
  await option.click();
  // the form takes the pick on its next render: on a busy machine that is after the click returns
  const valueOf = async (label: string, exact: boolean) => {
    const field = drawer.getByLabel(label, { exact });
    for (let i = 0; i < 50 && (await field.inputValue()) !== (label === '投资方' ? wanted.name : wanted.creditCode); i++) await page.waitForTimeout(100);
    return field.inputValue();
  };
  assert.equal(await valueOf('投资方', true), wanted.name);
  assert.equal(await valueOf('投资方统一社会信用代码', false), wanted.creditCode);

  // industry: a keyword finds the 小类 under its 中类
  const picker = drawer.getByTestId('industry-picker');
  await picker.scrollIntoViewIfNeeded();
  await picker.click();
  await page.keyboard.type('新能源车');
  const leaf = page.locator('.ant-select-dropdown:visible').getByTitle('3612 新能源车整车制造');
  await leaf.waitFor();
  await screenshot(page, `pickers-industry-${width}`);
  assert.equal(await fitsWidth(page), null);
  await leaf.click();

  const created = page.waitForResponse((r) => r.url().endsWith('/api/projects') && r.request().method() === 'POST');
  await drawer.getByRole('button', { name: /确\s*定/ }).click();
  const res = await created;
  assert.equal(res.status(), 201, await res.text());
  const project = (await res.json()) as { industryCode: string; industryName: string; investorName: string; investorCreditCode: string; investorId: string | null };
  assert.equal(project.industryCode, '3612');
  assert.equal(project.industryName, '新能源车整车制造');
  assert.equal(project.investorName, wanted.name);
  assert.equal(project.investorCreditCode, wanted.creditCode);
  assert.ok(project.investorId, 'linked to the enterprise');
  await page.waitForURL(/\/projects\/[0-9a-f-]{36}$/);
  await page.getByText('新能源车整车制造').first().waitFor();
  return name;
}

test('desk: the investor is picked by pinyin initials and the industry by keyword down to 小类; the list filters by its 中类', async () => {
  const { context, page } = await newPage(browser, DESK);
  try {
    const name = await createWithPickers(page, 'desk', 'xjqy');
    await page.goto('/projects');
    // the industry field sits in the folded part of the search form
    await page.getByText('展开', { exact: true }).click();
    const filter = page.getByTestId('industry-filter');
    await filter.click();
    await page.keyboard.type('qczc'); // 汽车整车制造 by pinyin initials
    await page.locator('.ant-select-dropdown:visible').getByTitle('361 汽车整车制造').click();
    const listed = page.waitForResponse((r) => {
      const u = new URL(r.url());
      return u.pathname === '/api/projects' && u.searchParams.get('industry') === '361';
    });
    await page.getByRole('button', { name: /查\s*询/ }).click();
    const body = (await (await listed).json()) as { items: { name: string; industryCode: string | null }[] };
    assert.ok(body.items.some((i) => i.name === name), 'the 小类 project is under its 中类');
    assert.ok(body.items.every((i) => i.industryCode?.startsWith('361')), JSON.stringify(body.items.map((i) => i.industryCode)));
    await screenshot(page, 'pickers-list-filter-desk');
  } finally {
    await context.close();
  }
});

test('phone: the same pickers fit 390 px; a name fragment finds the investor', async () => {
  const { context, page } = await newPage(browser, PHONE);
  try {
    await createWithPickers(page, 'phone', '其亚');
  } finally {
    await context.close();
  }
});
