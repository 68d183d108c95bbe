/**
 * Issue 14 follow-ups on the investor's side, over the portal's demo data: a subject of kind resource or policy
 * item is checked against the published portal tables (an unknown and an unpublished id get the same Chinese
 * refusal naming 咨询对象, the subject's public title and region are taken); the answering office is named from
 * 联系窗口 (the region's, else the nearest one above); tracking dates are Asia/Shanghai days; a refused rating or
 * reopen form post answers the tracking page again (HTML) re-filled and naming the field; and the inbox filters
 * by owner and region within the caller's scope.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectRows } from '../../src/db/queries/sql-rows';
import { inquiries, inquiryMessages } from '../../src/db/schema/index';
import { CONSENT_NOTICE_VERSION } from '../../src/domain/inquiries/consent-notice';
import { normalizeTrackingNumber } from '../../src/domain/inquiries/tracking-number';
import { seedDemoPortal } from '../../src/seed/demo-portal';
import { createTestApp, type TestApp } from '../helpers/app';
import { DATABASE_KINDS } from '../helpers/databases';

describe.each(DATABASE_KINDS)('inquiry subjects, office names, tracking dates and form refusals on %s', (kind) => {
  let t: TestApp;
  let officer = '';
  let officerId = '';
  let ip = 0;
  const ids: Record<string, string> = {};
  const file = (path: 'inquiries' | 'complaints', body: Record<string, unknown>) =>
    t.app.inject({
      method: 'POST',
      url: `/api/public/${path}`,
      remoteAddress: `10.44.0.${++ip}`,
      headers: { origin: 'http://localhost' },
      payload: { type: path === 'inquiries' ? 'general' : 'departmentAction', name: '钱七', phone: `1390000${String(ip).padStart(4, '0')}`, content: `第 ${ip} 件：想了解厂房与用地的具体条件`, consent: true, consentVersion: CONSENT_NOTICE_VERSION, ...body },
    });
  const form = (url: string, fields: Record<string, string>) =>
    t.app.inject({ method: 'POST', url, remoteAddress: `10.45.0.${++ip}`, headers: { origin: 'http://localhost', 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(fields).toString() });
  const rowOf = async (trackingNumber: string) => {
    const [row] = await t.deps.db.select().from(inquiries).where(eq(inquiries.trackingNumber, normalizeTrackingNumber(trackingNumber) ?? ''));
    if (!row) throw new Error('no row');
    return row;
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    officerId = await t.createAccount('is_officer', ['officer'], '650109');
    officer = await t.login('is_officer');
    await seedDemoPortal(t.deps);
    for (const [key, query] of [
      ['published', sql`select id from resources where name = '米东区农副产品加工标准厂房 2 号楼'`],
      ['draft', sql`select id from resources where name = '米东区粮油加工预留用地'`],
      ['item', sql`select id from policy_items where title = '农副产品精深加工项目贷款贴息'`],
      ['nationalItem', sql`select id from policy_items where title = '鼓励类产业企业减按 15% 税率征收企业所得税'`],
    ] as const) {
      const [row] = await selectRows<{ id: string }>(t.deps.db, query);
      ids[key] = row?.id ?? '';
    }
    await t.deps.db.execute(sql`update policy_items set published = false where id = ${ids.nationalItem}::uuid`);
  });
  afterAll(() => t.close());

  it('checks a resource or policy item subject against the published portal, alike for unknown and unpublished', async () => {
    const ok = await file('inquiries', { type: 'resourceInterest', subjectType: 'resource', subjectId: ids.published });
    expect(ok.statusCode, ok.body).toBe(201);
    const row = await rowOf((ok.json() as { trackingNumber: string }).trackingNumber);
    expect(row).toMatchObject({ subjectTitle: '米东区农副产品加工标准厂房 2 号楼', regionCode: '650109' });
    const item = await file('inquiries', { type: 'policyQuestion', subjectType: 'policyItem', subjectId: ids.item });
    expect(item.statusCode, item.body).toBe(201);
    expect(await rowOf((item.json() as { trackingNumber: string }).trackingNumber)).toMatchObject({ subjectTitle: '农副产品精深加工项目贷款贴息', regionCode: '650109' });

    const unknownId = '00000000-0000-4000-8000-000000000001';
    const refusals = [
      [await file('inquiries', { type: 'resourceInterest', subjectType: 'resource', subjectId: unknownId }), unknownId],
      [await file('inquiries', { type: 'resourceInterest', subjectType: 'resource', subjectId: ids.draft }), ids.draft],
      [await file('inquiries', { type: 'policyQuestion', subjectType: 'policyItem', subjectId: unknownId }), unknownId],
      [await file('inquiries', { type: 'policyQuestion', subjectType: 'policyItem', subjectId: ids.nationalItem }), ids.nationalItem],
    ] as const;
    const bodies = refusals.map(([res, id]) => {
      expect(res.statusCode).toBe(400);
      const error = (res.json() as { error: { message: string; details: { field: string; message: string }[] } }).error;
      expect(error.details[0]?.field).toBe('subjectId');
      expect(error.message).toMatch(/^咨询对象/);
      return res.body.replaceAll(id ?? '', 'ID');
    });
    // an unpublished one is refused exactly like one that does not exist
    expect(bodies[1]).toBe(bodies[0]);
    expect(bodies[3]).toBe(bodies[2]);
    // a refused form post names the field on the re-filled form
    const page = await form('/api/public/inquiries', { type: 'resourceInterest', subjectType: 'resource', subjectId: ids.draft ?? '', name: '钱七', phone: '13900001234', content: '想看厂房', consent: 'true', consentVersion: CONSENT_NOTICE_VERSION });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('提交未成功：咨询对象：');
    expect(page.body).not.toContain('米东区粮油加工预留用地');
  });

  it('names the answering office from 联系窗口 and dates the thread in Asia/Shanghai', async () => {
    const filed = (await file('inquiries', { regionCode: '650109' })).json() as { trackingNumber: string };
    const row = await rowOf(filed.trackingNumber);
    const step = (s: string, body: Record<string, unknown>) => t.call('POST', `/api/inquiries/${row.id}/${s}`, { cookie: officer, body });
    const answered = await step('answer', { version: row.version, text: '欢迎来考察。' });
    expect(answered.statusCode, answered.body).toBe(200);
    expect((answered.json() as { officeName: string }).officeName).toBe('米东区招商服务中心');
    // an answer given just after 16:00 UTC is the next day in Shanghai
    await t.deps.db.update(inquiryMessages).set({ createdAt: new Date('2026-12-06T16:05:00Z') }).where(eq(inquiryMessages.inquiryId, row.id));
    const tracking = await t.call('GET', `/api/public/tracking/${filed.trackingNumber}`);
    expect((tracking.json() as { officeName: string }).officeName).toBe('米东区招商服务中心');
    const page = await t.app.inject({ method: 'GET', url: `/portal/tracking/${filed.trackingNumber}` });
    expect(page.body).toContain('2026-12-07 · 米东区招商服务中心');
    expect(page.body).not.toContain('2026-12-06');
    // a county without its own office is answered by the nearest one above (乌鲁木齐市's)
    const other = (await file('inquiries', { regionCode: '650105' })).json() as { trackingNumber: string };
    expect(((await t.call('GET', `/api/public/tracking/${other.trackingNumber}`)).json() as { officeName: string }).officeName).toBe('乌鲁木齐市投资促进服务窗口');
  });

  it('answers a refused rating or reopen form post with the tracking page, re-filled and naming the field', async () => {
    const filed = (await file('complaints', { regionCode: '650109' })).json() as { trackingNumber: string };
    const row = await rowOf(filed.trackingNumber);
    const answered = await t.call('POST', `/api/inquiries/${row.id}/answer`, { cookie: officer, body: { version: row.version, text: '已处理完毕。', close: true } });
    expect(answered.statusCode, answered.body).toBe(200);
    const base = `/api/public/tracking/${filed.trackingNumber}`;

    const badRating = await form(`${base}/rating`, { rating: '9', comment: '还<b>行</b>' });
    expect(badRating.statusCode).toBe(400);
    expect(badRating.headers['content-type']).toMatch(/^text\/html/);
    expect(badRating.body).toContain('提交未成功：评分：');
    expect(badRating.body).toContain('value="还&lt;b&gt;行&lt;/b&gt;"');

    const noReason = await form(`${base}/reopen`, { reason: '' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.headers['content-type']).toMatch(/^text\/html/);
    expect(noReason.body).toContain('提交未成功：理由：');
    expect(noReason.body).toContain(`action="${base}/reopen"`);

    // JSON keeps JSON; for an unknown number bad input is refused as before (checked before the number)
    const json = await t.call('POST', `${base}/rating`, { body: { rating: 9 } });
    expect(json.statusCode).toBe(400);
    expect(json.headers['content-type']).toMatch(/json/);
    const unknown = await form('/api/public/tracking/0000-0000-0000-0000-0/rating', { rating: '9' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.headers['content-type']).toMatch(/json/);
    expect((await form('/api/public/tracking/0000-0000-0000-0000-0/rating', { rating: '4' })).statusCode).toBe(404);

    // rated once: a second rating form post is refused on the page (409), not as JSON
    expect((await form(`${base}/rating`, { rating: '4' })).statusCode).toBe(303);
    const again = await form(`${base}/rating`, { rating: '5' });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('提交未成功：');
    expect(again.headers['content-type']).toMatch(/^text\/html/);
  });

  it('filters the inbox by owner and by a region within scope', async () => {
    const mine = (await file('complaints', { regionCode: '650109', content: '负责人筛选测试：审批超时' })).json() as { trackingNumber: string };
    const row = await rowOf(mine.trackingNumber);
    expect((await t.call('POST', `/api/inquiries/${row.id}/owner`, { cookie: officer, body: { ownerId: officerId, version: row.version } })).statusCode).toBe(200);
    const list = async (q: string) => (await t.call('GET', `/api/inquiries?pageSize=200&${q}`, { cookie: officer })).json() as { items: { id: string; ownerName: string | null; regionCode: string }[] };
    const owned = await list(`ownerId=${officerId}`);
    expect(owned.items.map((i) => i.id)).toContain(row.id);
    expect(owned.items.every((i) => i.ownerName !== null)).toBe(true);
    const none = await list('ownerId=none');
    expect(none.items.map((i) => i.id)).not.toContain(row.id);
    expect(none.items.every((i) => i.ownerName === null)).toBe(true);
    expect((await list('regionCode=650109')).items.every((i) => i.regionCode === '650109')).toBe(true);
    const outside = await t.call('GET', '/api/inquiries?regionCode=650102', { cookie: officer });
    expect(outside.statusCode).toBe(404);
  });
});
