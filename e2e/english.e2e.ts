/**
 * English throughout (issue 11, item 11): after the switch, what the server computes (light
 * reasons, the stage checklist, error messages) and what the web formats (units, months) read in
 * English. Screenshots of the project detail at both widths.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { chooseMenuItem, DESK, launch, login, newPage, PHONE, screenshot } from './helpers';

let browser: Browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

const CJK = /[\u4e00-\u9fff]/;

async function switchToEnglish(page: Page): Promise<void> {
  // a button in the header at a desk width, an item of the avatar menu on a phone
  const english = page.locator('html[lang="en"]');
  const direct = page.getByTestId('lang-switch');
  if (await direct.isVisible()) {
    await direct.click();
    await english.waitFor({ state: 'attached' });
  } else {
    await chooseMenuItem(page, page.getByTestId('header-user'), (menu) => menu.getByTestId('lang-switch'), english);
  }
}

/** The first project of a list query (the API in the page's session and language). */
async function firstProject(page: Page, query: string): Promise<{ id: string; lightReasons: string[] }> {
  const res = await page.request.get(`/api/projects?${query}&pageSize=1`, { headers: { 'accept-language': 'en' } });
  assert.equal(res.status(), 200);
  const body = (await res.json()) as { items: { id: string; lightReasons: string[] }[] };
  assert.ok(body.items[0], `no project for ${query}`);
  return body.items[0];
}

for (const [width, viewport] of [
  ['desk', DESK],
  ['phone', PHONE],
] as const) {
  test(`the leader reads light reasons, the checklist, units and months in English (${width})`, async () => {
    const { context, page } = await newPage(browser, viewport);
    try {
      await login(page, 'leader');
      await switchToEnglish(page);

      // a red project: its light explains itself in English
      const red = await firstProject(page, 'light=red&stage=lead,negotiating,signed,started');
      assert.match(red.lightReasons[0] ?? '', /^(No progress for|Not started|Overdue unresolved problems)/);
      await page.goto(`/projects/${red.id}`);
      const dot = page.getByTestId('light-dot').first();
      await dot.hover();
      await page.locator('.ant-tooltip').getByText(red.lightReasons[0] as string, { exact: false }).waitFor();
      // an amount in its English unit
      await page.getByText(/\d (10k|100M) yuan/).first().waitFor();
      await screenshot(page, `project-detail-en-${width}`);

      // a lead: what it still needs to move on, in English
      const lead = await firstProject(page, 'stage=lead');
      await page.goto(`/projects/${lead.id}`);
      const checklist = page.getByTestId('next-stage-card');
      await checklist.getByText(/^A project in negotiation needs/).first().waitFor();
      assert.doesNotMatch(await checklist.innerText(), /须填写|须评估/);

      // the statistics' period in English month names ("Jan–Oct 2026")
      await page.goto('/stats');
      await page.getByText(/\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)(–(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec))? \d{4}\b/).first().waitFor();
    } finally {
      await context.close();
    }
  });
}

test('a refused request reads in English after the switch', async () => {
  const { context, page } = await newPage(browser);
  try {
    await login(page, 'leader');
    await switchToEnglish(page);
    await page.goto('/projects/00000000-0000-4000-8000-000000000000');
    const message = page.locator('.ant-message');
    await message.getByText('The project does not exist or is outside your jurisdiction').waitFor();
    assert.doesNotMatch(await message.innerText(), CJK);
  } finally {
    await context.close();
  }
});
