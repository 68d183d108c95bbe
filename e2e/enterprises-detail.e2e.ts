/**
 * The enterprise page (masked contacts, audited reveal by role), the background enterprise import
 * (progress, counts, rejected rows) and the near-duplicate review page.
 */
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { computeFinalCheck, computeOrgCheck } from '../src/domain/credit-code';
import { launch, login, menuLabels, newPage, SAME_ORIGIN, screenshot, sideMenu } from './helpers';

let browser: Browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

interface Contact {
  id: string;
  phone: string | null;
}

/** A demo enterprise with a contact in 米东区 whose mobile number is masked (138****5678), by the signed-in user's API. */
async function enterpriseWithMobileContact(page: Page): Promise<{ key: string; masked: string }> {
  for (let p = 1; p <= 5; p++) {
    const res = await page.request.get(`/api/enterprises?inContact=true&pageSize=50&page=${p}`);
    assert.equal(res.status(), 200);
    const { items } = (await res.json()) as { items: { id: string; creditCode: string | null }[] };
    for (const item of items) {
      const key = item.creditCode ?? item.id;
      const detail = (await (await page.request.get(`/api/enterprises/${encodeURIComponent(key)}`)).json()) as { contacts: Contact[] };
      const mobile = detail.contacts.find((c) => c.phone && /^1\d{2}\*{4}\d{4}$/.test(c.phone));
      if (mobile?.phone) return { key, masked: mobile.phone };
    }
    if (items.length < 50) break;
  }
  throw new Error('no demo enterprise with a masked mobile contact in scope');
}

test('the officer sees a masked phone on the enterprise page, reveals it and sees the full number', async () => {
  const { context, page } = await newPage(browser);
  try {
    await login(page, 'officer');
    const { key, masked } = await enterpriseWithMobileContact(page);
    await page.goto(`/enterprises/${encodeURIComponent(key)}`);
    await page.getByTestId('enterprise-name').waitFor();
    await page.getByTestId('enterprise-profile').getByText('统一社会信用代码').waitFor();
    // each value carries its source and data date
    const source = await page.getByTestId('source-name').getAttribute('aria-label');
    assert.match(source ?? '', /^来源：.+数据日期：\d{4}-\d{2}-\d{2}$/);
    await screenshot(page, 'enterprise-detail-profile');

    await page.getByRole('tab', { name: /联系人/ }).click();
    const tab = page.getByTestId('contacts-tab');
    await tab.getByTestId('contact-phone').filter({ hasText: masked }).first().waitFor();
    assert.ok(!(await tab.innerText()).match(/1\d{10}/), 'no full mobile number before the reveal');
    await screenshot(page, 'enterprise-detail-contacts-masked');

    const row = tab.locator('.ant-table-row').filter({ hasText: masked }).first();
    await row.getByTestId('contact-reveal').click();
    const revealed = page.waitForResponse((r) => /\/api\/contacts\/[^/]+\/reveal$/.test(r.url()) && r.request().method() === 'POST');
    await page.locator('.ant-popconfirm').getByRole('button', { name: /查\s*看/ }).click();
    const res = await revealed;
    assert.equal(res.status(), 200);
    const full = ((await res.json()) as { phone: string }).phone;
    assert.match(full, /^1\d{10}$/);
    assert.equal(`${full.slice(0, 3)}****${full.slice(-4)}`, masked);
    await tab.getByTestId('contact-phone-full').getByText(full).waitFor();
    await page.getByTestId('contacts-revealed-note').getByText('已记入审计日志', { exact: false }).waitFor();
    await page.getByRole('button', { name: /导出联系人/ }).waitFor();
    await screenshot(page, 'enterprise-detail-contacts-revealed');

    // the tab is in the address: a reload comes back to it, masked again
    await page.reload();
    await tab.getByTestId('contact-phone').filter({ hasText: masked }).first().waitFor();
    assert.equal(await tab.getByTestId('contact-phone-full').count(), 0);
  } finally {
    await context.close();
  }
});

test('the leader may reveal contacts; the analyst sees them masked with no reveal button', async () => {
  for (const [username, canReveal] of [
    ['leader', true],
    ['analyst', false],
  ] as const) {
    const { context, page } = await newPage(browser);
    try {
      await login(page, username);
      const { key, masked } = await enterpriseWithMobileContact(page);
      await page.goto(`/enterprises/${encodeURIComponent(key)}?tab=contacts`);
      const tab = page.getByTestId('contacts-tab');
      await tab.getByTestId('contact-phone').filter({ hasText: masked }).first().waitFor();
      if (canReveal) {
        assert.ok((await tab.getByTestId('contact-reveal').count()) > 0, `${username} should see 查看`);
        // the leader reads but does not maintain: no add, no export
        assert.equal(await page.getByRole('button', { name: /新增联系人/ }).count(), 0);
        assert.equal(await page.getByRole('button', { name: /导出联系人/ }).count(), 0);
      } else {
        assert.equal(await tab.getByTestId('contact-reveal').count(), 0, `${username} must not see 查看`);
        await tab.getByText('您的角色不能查看联系人的完整电话和邮箱', { exact: false }).waitFor();
        await screenshot(page, 'enterprise-detail-contacts-analyst');
      }
    } finally {
      await context.close();
    }
  }
});

test('the analyst (no reveal) edits a contact: masked values are shown, not editable; 更换 and 清除 change them without seeing them', async () => {
  const { context, page } = await newPage(browser);
  try {
    await login(page, 'analyst');
    const { key } = await enterpriseWithMobileContact(page);
    const suffix = String(randomInt(1000, 9999));
    // a contact of this test's own, so the demo contacts other tests look for stay as they are
    const created = await page.request.post(`/api/enterprises/${encodeURIComponent(key)}/contacts`, {
      data: { name: `测试联系人${suffix}`, title: '经理', phone: '13912345678', email: 'e2e.contact@example.com' },
      headers: SAME_ORIGIN,
    });
    assert.equal(created.status(), 201);
    const contact = (await created.json()) as { id: string; name: string };
    await page.goto(`/enterprises/${encodeURIComponent(key)}?tab=contacts`);
    const tab = page.getByTestId('contacts-tab');
    const row = tab.locator('.ant-table-row').filter({ hasText: contact.name }).first();
    await row.getByText('139****5678').waitFor();

    const openEdit = async () => {
      await row.getByRole('button', { name: /编\s*辑/ }).click();
      const dialog = page.locator('.ant-modal').filter({ hasText: '编辑联系人' });
      await dialog.getByTestId('contact-edit-masked-hint').waitFor();
      return dialog;
    };
    let dialog = await openEdit();
    await dialog.getByTestId('contact-phone-masked').getByText('139****5678').waitFor();
    await dialog.getByTestId('contact-email-masked').getByText('e***@example.com').waitFor();
    // no input holds a masked value
    for (const input of await dialog.locator('input, textarea').all()) assert.ok(!(await input.inputValue()).includes('*'), await input.inputValue());
    await screenshot(page, 'enterprise-detail-contact-edit-masked');

    // 更换 the phone (typed in full), 清除 the e-mail, save: one PATCH with just those two
    await dialog.getByTestId('contact-phone-replace').click();
    await dialog.getByTestId('contact-phone-new').fill('13600002222');
    await dialog.getByTestId('contact-email-clear').click();
    await dialog.getByTestId('contact-email-masked').getByText('保存后清除').waitFor();
    await screenshot(page, 'enterprise-detail-contact-edit-replace-clear');
    const saved = page.waitForResponse((r) => r.url().endsWith(`/api/contacts/${contact.id}`) && r.request().method() === 'PATCH');
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    const res = await saved;
    assert.equal(res.status(), 200);
    assert.deepEqual(Object.keys(JSON.parse(res.request().postData() ?? '{}') as object).sort(), ['email', 'phone', 'version']);
    assert.equal((JSON.parse(res.request().postData() ?? '{}') as { email: unknown }).email, null);
    await row.getByText('136****2222').waitFor();
    assert.equal(await row.getByText('e***@example.com').count(), 0);

    // an untouched form saves nothing
    dialog = await openEdit();
    let patched = false;
    page.on('request', (r) => {
      if (r.method() === 'PATCH' && r.url().endsWith(`/api/contacts/${contact.id}`)) patched = true;
    });
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    assert.equal(patched, false);
    await page.request.delete(`/api/contacts/${contact.id}`, { data: { reason: 'e2e 清理' }, headers: SAME_ORIGIN });
  } finally {
    await context.close();
  }
});

/** A valid unified social credit code in 米东区 (650109), random so that re-runs create new enterprises. */
function newCreditCode(): string {
  const body = String(randomInt(10_000_000, 99_999_999));
  const first17 = `91650109${body}${computeOrgCheck(body)}`;
  return `${first17}${computeFinalCheck(first17)}`;
}

/** Waits that include a background job or a reload on a busy machine. */
const SLOW = 45_000;

const HEADER = '统一社会信用代码,企业名称,注册地区代码,行业代码,注册资本(万元),成立日期,标签';

async function uploadAndWait(page: Page, file: string, status: 'succeeded' | 'failed'): Promise<void> {
  await page.locator('input[type=file]').setInputFiles(file);
  await page.getByTestId('import-file').getByText(path.basename(file), { exact: false }).waitFor();
  const created = page.waitForResponse((r) => r.url().includes('/api/import-jobs?') && r.request().method() === 'POST');
  await page.getByRole('button', { name: /上传并开始导入/ }).click();
  assert.equal((await created).status(), 202);
  // the page follows the new job in its address (the body is gone with the address change)
  await page.waitForURL((url) => url.searchParams.has('job'));
  await page.locator(`[data-testid="import-job"][data-status="${status}"]`).waitFor({ timeout: 90_000 });
}

test('the officer imports a CSV in the background, sees the counts, then a faulty file and its rejected rows', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'yinfeng-e2e-enterprises-'));
  const suffix = String(randomInt(100_000, 999_999));
  const codes = [newCreditCode(), newCreditCode(), newCreditCode()];
  const good = path.join(dir, `企业名录-${suffix}.csv`);
  writeFileSync(
    good,
    `\uFEFF${HEADER}\n` +
      `${codes[0]},米东测试甲${suffix}科技有限公司,650109,38,1000,2019-05-06,高新技术\n` +
      `${codes[1]},米东测试乙${suffix}化工有限公司,650109,26,250.5,2021-11-30,\n` +
      `${codes[2]},米东测试丙${suffix}物流有限公司,650109,,80,2015-02-01,专精特新、高新技术\n`,
    'utf8',
  );
  const bad = path.join(dir, `有错误-${suffix}.csv`);
  writeFileSync(bad, `\uFEFF${HEADER}\n${newCreditCode()},米东测试丁${suffix}有限公司,650109,38,100,2020-01-01,\n916501090000000000,米东测试戊有限公司,650109,38,abc,2020-01-01,\n`, 'utf8');

  const { context, page } = await newPage(browser);
  try {
    await login(page, 'officer');
    assert.ok((await menuLabels(page)).includes('导入企业'));
    await sideMenu(page).getByText('导入企业').click();
    await page.waitForURL('**/enterprises/import');
    await page.getByTestId('import-format').getByText('统一社会信用代码、企业名称、注册地区代码').waitFor();
    await page.getByLabel('数据来源').fill('e2e 测试名录');

    await uploadAndWait(page, good, 'succeeded');
    const job = page.getByTestId('import-job');
    await job.getByText('导入完成').waitFor();
    const stat = (title: string) => job.locator('.ant-statistic').filter({ hasText: title }).locator('.ant-statistic-content-value');
    assert.equal((await stat('新增').innerText()).trim(), '3');
    assert.equal((await stat('更新').innerText()).trim(), '0');
    assert.equal((await stat('读取行数').innerText()).trim(), '3');
    await screenshot(page, 'enterprise-import-done');

    // the job is kept in the address and the list: a reload shows it again
    await page.reload();
    await page.locator('[data-testid="import-job"][data-status="succeeded"]').getByText('导入完成').waitFor({ timeout: SLOW });
    await page.getByTestId('import-jobs').locator('.ant-table-row').filter({ hasText: path.basename(good) }).getByText('新增 3').waitFor({ timeout: SLOW });

    // the new enterprise has a page whose fields name the import as their source
    await page.goto(`/enterprises/${codes[0]}`);
    await page.getByTestId('enterprise-name').getByText(`米东测试甲${suffix}科技有限公司`).waitFor();
    const source = await page.getByTestId('source-name').getAttribute('aria-label');
    assert.ok(source?.includes('e2e 测试名录'), source ?? '');

    await page.goto('/enterprises/import');
    await uploadAndWait(page, bad, 'failed');
    const rejected = page.getByTestId('import-job-rejected');
    await rejected.locator('.ant-table-row').filter({ hasText: '统一社会信用代码' }).first().waitFor();
    await rejected.locator('.ant-table-row').filter({ hasText: '注册资本' }).first().waitFor();
    await page.getByTestId('import-job').getByText('未导入任何数据', { exact: false }).first().waitFor();
    await rejected.getByRole('button', { name: /下载被拒绝行报告/ }).waitFor();
    await screenshot(page, 'enterprise-import-rejected');
    // all or nothing: the valid row of the faulty file was not written
    const missing = await page.request.get(`/api/enterprises?q=${encodeURIComponent(`米东测试丁${suffix}`)}`);
    assert.equal(((await missing.json()) as { total: number }).total, 0);
  } finally {
    await context.close();
  }
});

test('the officer reviews near-duplicates side by side', async () => {
  const { context, page } = await newPage(browser);
  try {
    await login(page, 'officer');
    await sideMenu(page).getByText('疑似重复').click();
    await page.waitForURL('**/enterprises/duplicates');
    const pair = page.getByTestId('duplicate-pair').first();
    await pair.getByText('项目中填写的投资方（无信用代码）').waitFor();
    await pair.getByRole('button', { name: /对比详情/ }).click();
    await pair.locator('.ant-descriptions').nth(1).getByText('统一社会信用代码').waitFor();
    await pair.getByRole('button', { name: /合\s*并/ }).click();
    await page.locator('.ant-modal').getByText('合并后不能撤销', { exact: false }).waitFor();
    await screenshot(page, 'enterprise-duplicates-merge');
    await page.locator('.ant-modal').getByRole('button', { name: /取\s*消/ }).click();
  } finally {
    await context.close();
  }
});
