/**
 * 在线对接与投诉 (issue 14 items 2–4): the public API (201 shape, form 303, 404 sameness, no personal
 * data, the database-backed submission limit), handling (scope, masking, audited reveal, stage rules,
 * reopen once, rating after closing), conversion keeping its origin, the escalation clock with
 * hand-set dates, and the service-clock figures computed by hand.
 */
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, inquiries, projects } from '../../src/db/schema/index';
import { CONSENT_NOTICE_VERSION } from '../../src/domain/inquiries/consent-notice';
import { normalizeTrackingNumber } from '../../src/domain/inquiries/tracking-number';
import { createSystemCaller } from '../../src/services/context';
import { getServiceClockStats } from '../../src/services/statistics/service-clocks';
import { inquiryOverdueClock } from '../../src/services/notifications/clocks/inquiry-overdue';
import { runNotificationClocks } from '../../src/services/notifications/run-clocks';
import { createTestApp, type TestApp } from '../helpers/app';
import { DATABASE_KINDS } from '../helpers/databases';

const OWN = '650109';
const SIBLING = '650102';

describe.each(DATABASE_KINDS)('inquiries and complaints on %s', (kind) => {
  let t: TestApp;
  const cookie: Record<string, string> = {};
  const ids: Record<string, string> = {};
  let ip = 0;
  /** each filing from its own address unless told (the per-address limit is tested on its own) */
  const file = (path: 'inquiries' | 'complaints', body: Record<string, unknown>, address?: string) =>
    t.app.inject({
      method: 'POST',
      url: `/api/public/${path}`,
      remoteAddress: address ?? `10.1.0.${++ip}`,
      headers: { origin: 'http://localhost' },
      payload: { type: path === 'inquiries' ? 'general' : 'departmentAction', regionCode: OWN, name: '张三丰', company: '测试投资有限公司', phone: '13912345678', content: `咨询内容 ${ip} 关于标准厂房租金与交付时间的问题`, consent: true, consentVersion: CONSENT_NOTICE_VERSION, ...body },
    });
  const rowOf = async (trackingNumber: string) => {
    const [row] = await t.deps.db.select().from(inquiries).where(eq(inquiries.trackingNumber, normalizeTrackingNumber(trackingNumber) ?? ''));
    if (!row) throw new Error('no row');
    return row;
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    for (const [name, roles, region] of [
      ['inq_officer', ['officer'], OWN],
      ['inq_sibling', ['officer'], SIBLING],
      ['inq_leader', ['leader'], OWN],
      ['inq_pref', ['leader'], '650100'],
      ['inq_stat', ['statistician'], OWN],
    ] as const) {
      ids[name] = await t.createAccount(name, [...roles], region);
      cookie[name] = await t.login(name);
    }
  });
  afterAll(() => t.close());

  it('files an inquiry: 201 with a well-formed tracking number; a form post gets 303 to the tracking page', async () => {
    const res = await file('inquiries', {});
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json() as { trackingNumber: string };
    expect(Object.keys(body)).toEqual(['trackingNumber']);
    expect(body.trackingNumber).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}-[0-9A-HJKMNP-TV-Z]$/);
    const form = new URLSearchParams({ type: 'general', regionCode: OWN, name: '李四', phone: '13800001234', content: '不用脚本也能提交的咨询：想了解用地指标', consent: 'on', consentVersion: CONSENT_NOTICE_VERSION });
    const posted = await t.app.inject({ method: 'POST', url: '/api/public/inquiries', remoteAddress: '10.2.0.1', headers: { origin: 'http://localhost', 'content-type': 'application/x-www-form-urlencoded' }, payload: form.toString() });
    expect(posted.statusCode, posted.body).toBe(303);
    expect(posted.headers.location).toMatch(/^\/portal\/tracking\/[0-9A-Z-]{21}$/);
  });

  it('refuses a filing without consent or with an old notice version, naming the field', async () => {
    const res = await file('inquiries', { consent: false });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].field).toBe('consent');
    expect((await file('inquiries', { consentVersion: '2020-01' })).json().error.details[0].field).toBe('consentVersion');
    expect((await file('complaints', { type: 'general' })).json().error.details[0].field).toBe('type');
    expect((await file('inquiries', { phone: null, email: null })).json().error.details[0].field).toBe('phone');
  });

  it('answers an unknown number and a malformed one with the same 404, and shows no personal data', async () => {
    const { trackingNumber } = (await file('complaints', { phone: '13977776666', email: 'secret@example.com' })).json() as { trackingNumber: string };
    const ok = await t.call('GET', `/api/public/tracking/${trackingNumber}`);
    expect(ok.statusCode).toBe(200);
    const text = ok.body;
    for (const secret of ['张三', '13977776666', '7776666', 'secret@', '测试投资有限公司', 'inq_officer']) expect(text).not.toContain(secret);
    const tracked = ok.json() as { stage: string; officeName: string; dueOn: string; kind: string };
    expect(tracked).toMatchObject({ stage: 'received', kind: 'complaint', officeName: '米东区招商引资服务窗口' });
    const canonical = normalizeTrackingNumber(trackingNumber) ?? '';
    const flipped = (canonical[0] === 'A' ? 'B' : 'A') + canonical.slice(1, 16);
    const { computeCheckCharacter } = await import('../../src/domain/inquiries/tracking-number');
    const unknown = await t.call('GET', `/api/public/tracking/${flipped}${computeCheckCharacter(flipped)}`);
    const malformed = await t.call('GET', '/api/public/tracking/not-a-number');
    expect(unknown.statusCode).toBe(404);
    expect(malformed.statusCode).toBe(404);
    expect(unknown.body).toBe(malformed.body);
  });

  it('limits filings per address in the database: the sixth in an hour gets 429 with Retry-After', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await file('inquiries', { content: `限流测试第 ${i} 件，咨询不同的问题编号 ${i * 7919}` }, '10.3.0.1')).statusCode);
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429]);
    const refused = await file('inquiries', {}, '10.3.0.1');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(3000);
    expect((await file('inquiries', {}, '10.3.0.2')).statusCode).toBe(201);
    const [row] = await t.deps.db.execute(sql`select count(*)::int as n from public_submissions where address_key like '%10.3.0.1%'`).then((r) => (r as unknown as { rows: { n: number }[] }).rows);
    expect(row?.n).toBe(0); // only hashes are stored
  });

  it('merges a duplicate: same phone, subject and similar text within 7 days gets the first tracking number', async () => {
    const first = (await file('inquiries', { phone: '13611112222', content: '请问贵区标准厂房每平方米月租金多少，何时可以交付使用？' })).json() as { trackingNumber: string };
    const again = (await file('inquiries', { phone: '136-1111-2222', content: '请问贵区标准厂房每平方米月租金多少，何时可以交付使用' })).json() as { trackingNumber: string };
    expect(again.trackingNumber).toBe(first.trackingNumber);
    const rows = await t.deps.db.select().from(inquiries).where(sql`${inquiries.duplicateOfId} = ${(await rowOf(first.trackingNumber)).id}`);
    expect(rows).toHaveLength(1);
    const spam = (await file('inquiries', { content: '优惠 http://a.example http://b.example http://c.example 点击' })).json() as { trackingNumber: string };
    expect((await rowOf(spam.trackingNumber)).spamReasons).toEqual(['links']);
  });

  it('searches the inbox by tracking number (exact, within scope) or keyword, and refuses a bad number or contact data naming q', async () => {
    const own = (await file('complaints', { content: '园区蒸汽管网改造迟迟不开工，影响试生产' })).json() as { trackingNumber: string };
    const other = (await file('complaints', { regionCode: SIBLING, content: '园区蒸汽管网改造迟迟不开工，天山区' })).json() as { trackingNumber: string };
    const ownRow = await rowOf(own.trackingNumber);
    const otherRow = await rowOf(other.trackingNumber);
    const search = async (who: string, q: string) => {
      const res = await t.call('GET', `/api/inquiries?q=${encodeURIComponent(q)}`, { cookie: cookie[who] });
      expect(res.statusCode, res.body).toBe(200);
      return (res.json() as { items: { id: string }[]; total: number }).items.map((i) => i.id);
    };
    // exact, forgiving case and dashes as the portal does
    expect(await search('inq_officer', own.trackingNumber)).toEqual([ownRow.id]);
    expect(await search('inq_officer', own.trackingNumber.replace(/-/g, ' ').toLowerCase())).toEqual([ownRow.id]);
    // another county's number finds nothing for 米东区, and the sibling finds its own
    expect(await search('inq_officer', other.trackingNumber)).toEqual([]);
    expect(await search('inq_sibling', other.trackingNumber)).toEqual([otherRow.id]);
    // a keyword in the content: scope still applies (the sibling's filing says the same)
    expect(await search('inq_officer', '蒸汽管网')).toEqual([ownRow.id]);
    // 乌鲁木齐市 covers both counties
    expect((await search('inq_pref', '蒸汽管网')).sort()).toEqual([ownRow.id, otherRow.id].sort());
    expect(await search('inq_officer', '蒸汽%')).toEqual([]);
    // combined with another filter
    const none = await t.call('GET', `/api/inquiries?q=${encodeURIComponent('蒸汽管网')}&kind=inquiry`, { cookie: cookie.inq_officer });
    expect((none.json() as { items: unknown[] }).items).toEqual([]);
    // a mistyped check character, a phone number, an e-mail address: 400 naming q
    const last = own.trackingNumber.slice(-1);
    const mistyped = own.trackingNumber.slice(0, -1) + (last === '0' ? '1' : '0');
    for (const q of [mistyped, '13912345678', 'zhang@example.com']) {
      const res = await t.call('GET', `/api/inquiries?q=${encodeURIComponent(q)}`, { cookie: cookie.inq_officer });
      expect(res.statusCode, `${q}: ${res.body}`).toBe(400);
      expect((res.json() as { error: { details: { field: string }[] } }).error.details.map((d) => d.field)).toEqual(['q']);
    }
    const long = await t.call('GET', `/api/inquiries?q=${'长'.repeat(101)}`, { cookie: cookie.inq_officer });
    expect(long.statusCode).toBe(400);
  });

  it('handles within scope: masked detail, audited reveal, sibling 404, stage rules, reopen once, rating after closing', async () => {
    const { trackingNumber } = (await file('complaints', { name: '欧阳娜娜', phone: '13955554444' })).json() as { trackingNumber: string };
    const row = await rowOf(trackingNumber);
    const detail = await t.call('GET', `/api/inquiries/${row.id}`, { cookie: cookie.inq_officer });
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).toMatchObject({ investorName: '欧阳**', phone: '139****4444', masked: true });
    expect((await t.call('GET', `/api/inquiries/${row.id}`, { cookie: cookie.inq_sibling })).statusCode).toBe(404);
    const revealed = await t.call('POST', `/api/inquiries/${row.id}/reveal`, { cookie: cookie.inq_officer, body: { reason: '电话回访' } });
    expect(revealed.json()).toEqual({ investorName: '欧阳娜娜', phone: '13955554444', email: null });
    const audits = await t.deps.db.select().from(auditLog).where(and(eq(auditLog.action, 'inquiry.contact.reveal'), eq(auditLog.objectId, row.id)));
    expect(audits).toHaveLength(1);
    expect(JSON.stringify(audits[0]?.after)).not.toContain('13955554444');

    const step = (s: string, body: Record<string, unknown>) => t.call('POST', `/api/inquiries/${row.id}/${s}`, { cookie: cookie.inq_officer, body });
    expect((await step('close', { version: 1 })).statusCode).toBe(409); // not answered yet
    const accepted = (await step('accept', { version: 1 })).json() as { stage: string; firstRespondedOn: string; ownerName: string; version: number };
    expect(accepted).toMatchObject({ stage: 'accepted', ownerName: 'inq_officer' });
    expect(accepted.firstRespondedOn).toBe(row.receivedOn);
    const rateEarly = await t.call('POST', `/api/public/tracking/${trackingNumber}/rating`, { body: { rating: 4 } });
    expect(rateEarly.statusCode).toBe(409);
    const answered = (await step('answer', { version: accepted.version, text: '经核查，已协调有关部门办理。', close: true })).json() as { stage: string; version: number };
    expect(answered.stage).toBe('closed');
    const seen = (await t.call('GET', `/api/public/tracking/${trackingNumber}`)).json() as { thread: { from: string; officeName: string | null; body: string }[]; canRate: boolean; canReopen: boolean };
    expect(seen.thread.filter((m) => m.from === 'office')).toEqual([{ at: expect.any(String), from: 'office', officeName: '米东区招商引资服务窗口', body: '经核查，已协调有关部门办理。' }]);
    expect(JSON.stringify(seen)).not.toContain('inq_officer');
    expect([seen.canRate, seen.canReopen]).toEqual([true, true]);
    expect((await t.call('POST', `/api/public/tracking/${trackingNumber}/rating`, { body: { rating: 2, comment: '太慢' } })).statusCode).toBe(200);
    expect((await t.call('POST', `/api/public/tracking/${trackingNumber}/rating`, { body: { rating: 5 } })).statusCode).toBe(409);
    const reopened = await t.call('POST', `/api/public/tracking/${trackingNumber}/reopen`, { body: { reason: '问题仍未解决' } });
    expect(reopened.json()).toMatchObject({ stage: 'accepted', canReopen: false });
    const again = (await t.call('GET', `/api/inquiries/${row.id}`, { cookie: cookie.inq_officer })).json() as { version: number };
    await step('answer', { version: again.version, text: '已再次办理。', close: true });
    expect((await t.call('POST', `/api/public/tracking/${trackingNumber}/reopen`, { body: { reason: '还是不行' } })).statusCode).toBe(409);
  });

  it('converts an inquiry to a lead in one action, keeping its origin (channel online), once', async () => {
    const { trackingNumber } = (await file('inquiries', { company: '天山新材料有限公司' })).json() as { trackingNumber: string };
    const row = await rowOf(trackingNumber);
    const res = await t.call('POST', `/api/inquiries/${row.id}/convert/lead`, { cookie: cookie.inq_officer, body: {} });
    expect(res.statusCode, res.body).toBe(200);
    const project = (res.json() as { convertedProject: { id: string; name: string } }).convertedProject;
    const [p] = await t.deps.db.select().from(projects).where(eq(projects.id, project.id));
    expect(p).toMatchObject({ originInquiryId: row.id, channel: 'online', stage: 'lead', regionCode: OWN });
    expect((await t.call('POST', `/api/inquiries/${row.id}/convert/lead`, { cookie: cookie.inq_officer, body: {} })).statusCode).toBe(409);
    const target = await t.call('POST', `/api/inquiries/${row.id}/convert/target`, { cookie: cookie.inq_officer, body: { chain: 'X', node: 'X-01' } });
    expect(target.statusCode).toBe(409);
    const other = await rowOf(((await file('inquiries', { company: '企业库里没有的公司', phone: '13700009999', content: '想把研发中心放在贵区，请介绍人才政策' })).json() as { trackingNumber: string }).trackingNumber);
    const refused = await t.call('POST', `/api/inquiries/${other.id}/convert/target`, { cookie: cookie.inq_officer, body: { chain: 'X', node: 'X-01' } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toContain('不在企业库中');
  });

  it('escalates an overdue complaint by the clock: owner, then the office head, then the level above', async () => {
    const { trackingNumber } = (await file('complaints', { content: '升级测试：某部门迟迟不办理审批手续' })).json() as { trackingNumber: string };
    const row = await rowOf(trackingNumber);
    // hand-set: received Tuesday 2026-11-03, acceptance due 2026-11-12 (7 working days), closing due far away
    await t.deps.db.update(inquiries).set({ receivedOn: '2026-11-03', firstResponseDueOn: '2026-11-12', closeDueOn: '2027-01-29', ownerId: ids.inq_officer }).where(eq(inquiries.id, row.id));
    const at = (date: string) => new Date(`${date}T02:00:00Z`);
    const heard = async () => {
      const rows = await t.deps.db.execute(sql`select n.kind, n.state_key, u.username from notifications n join users u on u.id = n.recipient_id where n.object_id = ${row.id} order by 1, 2, 3`);
      return (rows as unknown as { rows: { kind: string; state_key: string; username: string }[] }).rows.map((r) => `${r.kind} ${r.state_key} ${r.username}`);
    };
    await runNotificationClocks(t.deps, { now: at('2026-11-12'), clocks: [inquiryOverdueClock], digest: false });
    expect(await heard()).toEqual([]);
    await runNotificationClocks(t.deps, { now: at('2026-11-13'), clocks: [inquiryOverdueClock], digest: false }); // 1 working day late
    expect(await heard()).toEqual(['inquiryOverdue overdue:2026-11-12 inq_officer']);
    await runNotificationClocks(t.deps, { now: at('2026-11-17'), clocks: [inquiryOverdueClock], digest: false }); // 13, 16, 17: 3 late
    expect(await heard()).toEqual(['inquiryEscalated escalated1:2026-11-12 inq_leader', 'inquiryOverdue overdue:2026-11-12 inq_officer']);
    await runNotificationClocks(t.deps, { now: at('2026-11-20'), clocks: [inquiryOverdueClock], digest: false }); // 6 late
    const all = await heard();
    expect(all.filter((h) => h.startsWith('inquiryEscalated escalated2'))).toContain('inquiryEscalated escalated2:2026-11-12 inq_pref');
    expect((await rowOf(trackingNumber)).escalationLevel).toBe(2);
    const inbox = (await t.call('GET', '/api/inquiries?clock=escalated', { cookie: cookie.inq_officer })).json() as { items: { id: string; escalationLevel: number }[] };
    expect(inbox.items.find((i) => i.id === row.id)?.escalationLevel).toBe(2);
  });

  it('computes the complaint clock figures by hand for a region and month', async () => {
    // four complaints of 650104 placed in 2026-10 by hand; working days by the official calendar, in which
    // Saturday 2026-10-10 is a 调休 working day (after the National Day holiday):
    // A received 10-09 (Fri), accepted 10-12 (10, 12: 2), closed 10-16 (10, 12–16: 6), due 10-20 → on time
    // B received 10-09, accepted 10-14 (10, 12–14: 4), closed 10-23 (10, 12–16, 19–23: 11), due 10-20 → late
    // C received 10-12, accepted and closed 10-13 (1), due 10-20 → on time
    // D received 10-12, never accepted, open, due 10-20 → open past due on 10-31
    const make = async (receivedOn: string, firstRespondedOn: string | null, closedOn: string | null) => {
      const { trackingNumber } = (await file('complaints', { content: `统计用投诉 ${receivedOn} ${firstRespondedOn} ${closedOn} ${Math.random()}`, regionCode: '650104' })).json() as { trackingNumber: string };
      const r = await rowOf(trackingNumber);
      await t.deps.db.update(inquiries).set({ receivedOn, firstRespondedOn, closedOn, stage: closedOn ? 'closed' : firstRespondedOn ? 'accepted' : 'received', firstResponseDueOn: '2026-10-16', closeDueOn: '2026-10-20' }).where(eq(inquiries.id, r.id));
    };
    await make('2026-10-09', '2026-10-12', '2026-10-16');
    await make('2026-10-09', '2026-10-14', '2026-10-23');
    await make('2026-10-12', '2026-10-13', '2026-10-13');
    await make('2026-10-12', null, null);
    const s = await getServiceClockStats(t.deps, createSystemCaller('test'), { region: '650104', from: '2026-10', to: '2026-10', kind: 'complaints' });
    // first responses 2, 4, 1 → sorted 1 2 4: median rank ⌈1.5⌉ = 2 → 2, p90 rank ⌈2.7⌉ = 3 → 4
    // closing days 6, 11, 1 → sorted 1 6 11: median 6, p90 11; on time 2 of 3 = 66.67 %
    expect(s.totals).toEqual({ opened: 4, closed: 3, closedOnTime: 2, onTimeRatePct: 66.67, medianDays: 6, p90Days: 11, openPastDue: 1, projects: 0, medianFirstResponseDays: 2, p90FirstResponseDays: 4 });
    expect(s.conversions).toBeNull();
    const scoreboard = await t.call('GET', '/api/public/scoreboard?region=650104&month=2026-10');
    expect(scoreboard.statusCode, scoreboard.body).toBe(200);
    expect((scoreboard.json() as { rows: { code: string; complaints: { closedOnTime: number; onTimeRatePct: number } }[] }).rows[0]).toMatchObject({ code: '650104', complaints: { closedOnTime: 2, onTimeRatePct: 66.67 } });
    // published months are fixed: a later change does not alter them
    await t.deps.db.update(inquiries).set({ closedOn: '2026-10-15' }).where(eq(inquiries.regionCode, '650104'));
    const again = (await t.call('GET', '/api/public/scoreboard?region=650104&month=2026-10')).json() as { rows: { complaints: { closedOnTime: number } }[] };
    expect(again.rows[0]?.complaints.closedOnTime).toBe(2);
    expect((await t.call('GET', '/api/public/scoreboard?region=650104&month=2099-01')).statusCode).toBe(400);
    // the portal's 服务评价 page shows the same published figures, without script; a bad month is a 400 page
    const page = await t.call('GET', '/portal/scoreboard?region=650104&month=2026-10');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('服务评价');
    expect(page.body).not.toContain('<script');
    // 投诉 table, the region's row: opened 4, closed 3, on time 2, 66.67 %, first answer median 2, closing median 6, past due 1
    expect(page.body).toMatch(/<caption>投诉<\/caption>[\s\S]*?<td>4<\/td><td>3<\/td><td>2<\/td><td>66\.67%<\/td><td>2<\/td><td>6<\/td><td>1<\/td>/);
    const badMonth = await t.call('GET', '/portal/scoreboard?region=650104&month=2099-01');
    expect(badMonth.statusCode).toBe(400);
    expect(badMonth.headers['content-type']).toContain('text/html');
  });
});
