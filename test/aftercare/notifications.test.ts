/**
 * Aftercare and the clocks end to end on the real database (米东区 650109 under 乌鲁木齐市 650100; 天山区
 * 650102 is the sibling county): a landed project's follow-up raises a problem that joins the problem
 * list; made overdue, it notifies the county's 招商专员, and after exactly N working days it escalates to
 * the city's 领导 and 招商专员 and the project's 包联领导, who sees it in their list. Running the clocks
 * twice adds nothing; the digest comes once a day; nobody hears of another county's objects.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduleMissingFollowUps } from '../../src/services/aftercare/follow-up-schedule';
import { runNotificationClocks } from '../../src/services/notifications/run-clocks';
import { todayInShanghai } from '../../src/domain/dates';
import { computeFollowUpSchedule } from '../../src/domain/aftercare/follow-ups';
import { createWorkingCalendar } from '../../src/domain/working-days';
import { createTestApp, type TestApp } from '../helpers/app';
import { DATABASE_KINDS } from '../helpers/databases';

interface Note {
  id: string;
  kind: string;
  objectType: string;
  objectId: string;
  stateKey: string;
  title: string;
  link: string | null;
  readAt: string | null;
}

/** 10:00 北京时间 on a date */
const at = (date: string) => new Date(`${date}T02:00:00Z`);

describe.each(DATABASE_KINDS)('aftercare and notifications on %s', (kind) => {
  let t: TestApp;
  const cookies: Record<string, string> = {};
  const ids: Record<string, string> = {};
  let projectId = '';
  let problemId = '';
  let serviceItemId = '';

  const notes = async (who: string, query = 'pageSize=100') => {
    const res = await t.call('GET', `/api/notifications?${query}`, { cookie: cookies[who] });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: Note[]; total: number; unread: number };
  };
  const kindsOf = async (who: string, objectId: string) => (await notes(who)).items.filter((n) => n.objectId === objectId).map((n) => `${n.kind} ${n.stateKey}`).sort();

  beforeAll(async () => {
    t = await createTestApp(kind);
    for (const [name, roles, region] of [
      ['off_midong', ['officer'], '650109'],
      ['lead_midong', ['leader'], '650109'],
      ['off_city', ['officer'], '650100'],
      ['lead_city', ['leader'], '650100'],
      ['off_tianshan', ['officer'], '650102'],
      ['admin', ['sysadmin'], '650000'],
    ] as const) {
      ids[name] = await t.createAccount(name, [...roles], region);
      cookies[name] = await t.login(name);
    }
    const res = await t.call('POST', '/api/projects', {
      cookie: cookies.off_midong,
      body: {
        name: '有机硅新材料项目',
        regionCode: '650109',
        stage: 'operating',
        investorName: '某新材料有限公司',
        source: 'outOfRegion',
        signedDate: '2025-01-10',
        signedAmountYuan: 100_000_000,
        startedDate: '2025-03-01',
        operatingDate: '2025-12-01',
        leaderId: ids.lead_midong,
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    projectId = (res.json() as { id: string }).id;
  });
  afterAll(() => t.close());

  it('gives a project created as 投产 its follow-up schedule, and a project reaching 投产 by a stage change too', async () => {
    const res = await t.call('GET', `/api/projects/${projectId}/follow-ups`, { cookie: cookies.off_midong });
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as { items: unknown[] }).items.length).toBeGreaterThan(0);

    const today = todayInShanghai();
    const created = await t.call('POST', '/api/projects', {
      cookie: cookies.off_midong,
      body: { name: '光伏支架项目', regionCode: '650109', stage: 'started', investorName: '某支架公司', signedDate: '2025-02-01', signedAmountYuan: 30_000_000, startedDate: '2025-04-01' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const p = created.json() as { id: string; version: number };
    const edited = await t.call('PATCH', `/api/projects/${p.id}`, { cookie: cookies.off_midong, body: { operatingDate: today, version: p.version } });
    expect(edited.statusCode, edited.body).toBe(200);
    const moved = await t.call('POST', `/api/projects/${p.id}/stage`, { cookie: cookies.off_midong, body: { to: 'operating', version: (edited.json() as { version: number }).version } });
    expect(moved.statusCode, moved.body).toBe(200);
    const visits = (await t.call('GET', `/api/projects/${p.id}/follow-ups`, { cookie: cookies.off_midong })).json() as { items: { scheduleMonth: number; dueDate: string }[] };
    expect(visits.items.map((v) => ({ scheduleMonth: v.scheduleMonth, dueDate: v.dueDate }))).toEqual(computeFollowUpSchedule(createWorkingCalendar(), today, [1, 3, 6, 12]));
  });

  it('gives a project imported as 投产 its follow-up schedule, and importing it again adds none', async () => {
    const today = todayInShanghai();
    const csv = Buffer.from(
      ['项目编号,项目名称,地区代码,投资方,资金来源,阶段,签约额(万元),签约日期,开工日期,投产日期', `AC-IMP-1,导入的投产项目,650109,某导入企业,区外,投产,5000,2025-01-10,2025-03-01,${today}`].join('\n'),
      'utf8',
    );
    const { runImport } = await import('../../src/services/imports/run-import');
    const officer = { actor: { id: ids.off_midong ?? null, username: 'off_midong', displayName: '米东专员', roles: ['officer' as const], permissions: ['projects.read' as const, 'projects.manage' as const, 'imports.run' as const], regionCode: '650109', regionPath: '/650000/650100/650109/' }, clientIp: null, requestId: null };
    const first = await runImport(t.deps, officer, csv, { fileName: '投产项目.csv' });
    expect(first.imported, JSON.stringify(first)).toBe(true);
    const count = async () => ((await t.database.db.execute(sql`select count(*)::int as n from follow_ups f join projects p on p.id = f.project_id where p.code = 'AC-IMP-1'`)) as unknown as { rows: { n: number }[] }).rows[0]?.n;
    expect(await count()).toBe(4);
    await runImport(t.deps, officer, csv, { fileName: '投产项目.csv' });
    expect(await count()).toBe(4);
  });

  it('schedules by hand-computed dates, collapses visits already past into one catch-up visit, and never twice', async () => {
    const make = async (name: string, operatingDate: string) => {
      const res = await t.call('POST', '/api/projects', { cookie: cookies.off_midong, body: { name, regionCode: '650109' } });
      const id = (res.json() as { id: string }).id;
      await t.database.db.execute(sql`update projects set stage = 'operating', operating_date = ${operatingDate} where id = ${id}`);
      return id;
    };
    const fresh = await make('新投产项目', '2026-01-15');
    const old = await make('老投产项目', '2025-06-10');
    expect(await scheduleMissingFollowUps(t.deps, { projectIds: [fresh, old], today: '2026-01-20' })).toBe(6);
    expect(await scheduleMissingFollowUps(t.deps, { projectIds: [fresh, old], today: '2026-01-20' })).toBe(0);
    const dates = async (id: string) => ((await t.call('GET', `/api/projects/${id}/follow-ups`, { cookie: cookies.off_midong })).json() as { items: { scheduleMonth: number; dueDate: string }[] }).items.map((v) => `${v.scheduleMonth}:${v.dueDate}`);
    // 02-15 falls in the Spring Festival break → Tuesday 02-24
    expect(await dates(fresh)).toEqual(['1:2026-02-24', '3:2026-04-15', '6:2026-07-15', '12:2027-01-15']);
    // months 1, 3 and 6 (2025-07-10, 09-10, 12-10) had passed on 2026-01-20: one catch-up visit that day, then month 12
    expect(await dates(old)).toEqual(['6:2026-01-20', '12:2026-06-10']);
  });

  it('records a visit with findings, a red flag and a problem that joins the problem list', async () => {
    const list = (await t.call('GET', `/api/projects/${projectId}/follow-ups`, { cookie: cookies.off_midong })).json() as { items: { id: string; version: number }[] };
    const visit = list.items[0];
    if (!visit) throw new Error('no visit');
    const res = await t.call('PATCH', `/api/follow-ups/${visit.id}`, {
      cookie: cookies.off_midong,
      body: {
        doneOn: '2026-01-05',
        visitorName: '米东区招商局 王五',
        findings: '二期厂房已开工，厂区道路尚未硬化',
        redFlags: ['expansion', 'unpaidCommitment'],
        problems: [{ description: '厂区道路未硬化', ownerName: '米东区住建局', dueDate: '2026-11-06' }],
        version: visit.version,
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    const recorded = res.json() as { doneOn: string; redFlags: string[]; problems: { id: string; followUpId: string }[] };
    expect(recorded.doneOn).toBe('2026-01-05');
    expect(recorded.redFlags).toEqual(['expansion', 'unpaidCommitment']);
    expect(recorded.problems).toHaveLength(1);
    problemId = recorded.problems[0]?.id ?? '';
    const problems = (await t.call('GET', `/api/projects/${projectId}/problems`, { cookie: cookies.off_midong })).json() as { items: { id: string; description: string; followUpId: string | null; status: string }[] };
    expect(problems.items.find((p) => p.id === problemId)).toMatchObject({ description: '厂区道路未硬化', followUpId: visit.id, status: 'open' });
    // a stale version is refused, naming the conflict
    const stale = await t.call('PATCH', `/api/follow-ups/${visit.id}`, { cookie: cookies.off_midong, body: { doneOn: '2026-01-05', visitorName: '王五', findings: '改', version: visit.version } });
    expect(stale.statusCode).toBe(409);
    // the sibling county cannot see or record it
    expect((await t.call('GET', `/api/projects/${projectId}/follow-ups`, { cookie: cookies.off_tianshan })).statusCode).toBe(404);
    const theirs = await t.call('PATCH', `/api/follow-ups/${visit.id}`, { cookie: cookies.off_tianshan, body: { doneOn: '2026-01-05', visitorName: '王五', findings: '改', version: 2 } });
    expect(theirs.statusCode).toBe(404);
    // the signals read the red flags; the aftercare list shows them
    const signals = (await t.call('GET', `/api/projects/${projectId}/follow-ups`, { cookie: cookies.off_midong })).json() as { signals: { risk: string; expansion: boolean } };
    expect(signals.signals).toMatchObject({ expansion: true });
    const ac = (await t.call('GET', '/api/aftercare?expansion=true', { cookie: cookies.off_midong })).json() as { items: { projectId: string }[] };
    expect(ac.items.map((i) => i.projectId)).toContain(projectId);
    const sibling = (await t.call('GET', '/api/aftercare', { cookie: cookies.off_tianshan })).json() as { total: number };
    expect(sibling.total).toBe(0);
  });

  it('tells the county of an overdue problem, and escalates it after exactly 3 working days to the city and the project leader', async () => {
    // a 帮办代办 item opened Tuesday 11-03 with 3 working days is due Friday 11-06, like the problem
    const si = await t.call('POST', `/api/projects/${projectId}/service-items`, {
      cookie: cookies.off_midong,
      body: { type: 'powerWater', title: '二期用电增容', requester: '企业', handlerName: '供电公司', openedOn: '2026-11-03', workingDays: 3 },
    });
    expect(si.statusCode, si.body).toBe(201);
    serviceItemId = (si.json() as { id: string }).id;

    await runNotificationClocks(t.deps, { now: at('2026-11-06'), digest: false });
    expect(await kindsOf('off_midong', problemId)).toEqual([]);
    const tuesday = await runNotificationClocks(t.deps, { now: at('2026-11-10'), digest: false });
    expect(tuesday.raised.problemOverdue).toBe(1);
    expect(tuesday.raised.problemEscalated).toBeUndefined();
    expect(await kindsOf('off_midong', problemId)).toEqual(['problemOverdue overdue:2026-11-06']);
    expect(await kindsOf('lead_midong', problemId)).toEqual([]);
    expect(await kindsOf('lead_city', problemId)).toEqual([]);

    const wednesday = await runNotificationClocks(t.deps, { now: at('2026-11-11'), digest: false });
    expect(wednesday.raised.problemEscalated).toBe(3);
    expect(wednesday.raised.serviceItemEscalated).toBe(3);
    expect(await kindsOf('lead_midong', problemId)).toEqual(['problemEscalated escalated:2026-11-06']);
    expect(await kindsOf('lead_city', problemId)).toEqual(['problemEscalated escalated:2026-11-06']);
    expect(await kindsOf('off_city', problemId)).toEqual(['problemEscalated escalated:2026-11-06']);
    expect(await kindsOf('off_midong', problemId)).toEqual(['problemOverdue overdue:2026-11-06']);
    expect(await kindsOf('off_midong', serviceItemId)).toEqual(['serviceItemOverdue overdue:2026-11-06']);
    expect(await kindsOf('off_tianshan', problemId)).toEqual([]);

    // the leader sees it, unread first, linking to the project
    const mine = await notes('lead_midong');
    const escalated = mine.items.find((n) => n.objectId === problemId);
    expect(escalated).toMatchObject({ kind: 'problemEscalated', link: `/projects/${projectId}`, readAt: null });
    expect(escalated?.title).toContain('有机硅新材料项目');
  });

  it('raises nothing new when the clocks run again on the same day, or the next day for the same states', async () => {
    const again = await runNotificationClocks(t.deps, { now: at('2026-11-11'), digest: false });
    expect(Object.values(again.raised).reduce((a, b) => a + b, 0)).toBe(0);
    const next = await runNotificationClocks(t.deps, { now: at('2026-11-12'), digest: false });
    expect(next.raised.problemOverdue ?? 0).toBe(0);
    expect(next.raised.problemEscalated ?? 0).toBe(0);
  });

  it('tells the county and the leader of a visit coming due and then overdue', async () => {
    // an extra visit outside the schedule
    const extra = await t.call('POST', `/api/projects/${projectId}/follow-ups`, { cookie: cookies.off_midong, body: { dueDate: '2026-11-20' } });
    expect(extra.statusCode, extra.body).toBe(201);
    const id = (extra.json() as { id: string; scheduleMonth: number | null }).id;
    expect((extra.json() as { scheduleMonth: number | null }).scheduleMonth).toBeNull();
    // Friday 11-13 + 5 working days = Friday 11-20: due soon
    await runNotificationClocks(t.deps, { now: at('2026-11-13'), digest: false });
    expect(await kindsOf('lead_midong', id)).toEqual(['followUpDue dueSoon:2026-11-20']);
    expect(await kindsOf('off_midong', id)).toEqual(['followUpDue dueSoon:2026-11-20']);
    await runNotificationClocks(t.deps, { now: at('2026-11-23'), digest: false });
    expect(await kindsOf('lead_midong', id)).toEqual(['followUpDue dueSoon:2026-11-20', 'followUpOverdue overdue:2026-11-20']);
    expect(await kindsOf('off_tianshan', id)).toEqual([]);
  });

  it('tells a project leader of a red light, once a month', async () => {
    const res = await t.call('POST', '/api/projects', { cookie: cookies.off_midong, body: { name: '停滞的线索', regionCode: '650109', leaderId: ids.lead_midong } });
    const id = (res.json() as { id: string }).id;
    await t.database.db.execute(sql`update projects set last_progress_at = '2026-01-01T00:00:00Z' where id = ${id}`);
    await runNotificationClocks(t.deps, { now: at('2026-11-13'), digest: false });
    await runNotificationClocks(t.deps, { now: at('2026-11-20'), digest: false });
    expect(await kindsOf('lead_midong', id)).toEqual(['redLight red:2026-11']);
    expect(await kindsOf('off_midong', id)).toEqual([]);
  });

  it('sends one digest per user and day', async () => {
    const first = await runNotificationClocks(t.deps, { now: at('2026-11-24'), digest: true });
    expect(first.digests).toBeGreaterThanOrEqual(4);
    const second = await runNotificationClocks(t.deps, { now: at('2026-11-24'), digest: true });
    expect(second.digests).toBe(0);
    const digests = (await notes('lead_midong', 'kind=digest')).items;
    expect(digests).toHaveLength(1);
    expect(digests[0]?.title).toMatch(/^每日汇总（2026-11-24）：\d+ 条未读提醒$/);
    // before 08:00 北京时间 no digest; the next day one more
    expect((await runNotificationClocks(t.deps, { now: new Date('2026-11-24T23:00:00Z') })).digests).toBe(0);
    expect((await runNotificationClocks(t.deps, { now: new Date('2026-11-25T01:00:00Z') })).digests).toBeGreaterThanOrEqual(4);
    expect(await runNotificationClocks(t.deps, { now: new Date('2026-11-25T01:30:00Z') })).toMatchObject({ digests: 0 });
  });

  it('lets users read and mark only their own notifications', async () => {
    const leader = await notes('lead_midong');
    const one = leader.items.find((n) => n.readAt === null);
    if (!one) throw new Error('no unread notification');
    expect(leader.unread).toBeGreaterThan(0);
    expect((await notes('off_tianshan')).total).toBe(0);
    expect((await t.call('POST', `/api/notifications/${one.id}/read`, { cookie: cookies.off_tianshan })).statusCode).toBe(404);
    const read = await t.call('POST', `/api/notifications/${one.id}/read`, { cookie: cookies.lead_midong });
    expect(read.statusCode, read.body).toBe(200);
    expect((read.json() as { unread: number }).unread).toBe(leader.unread - 1);
    const unreadOnly = await notes('lead_midong', 'status=unread&pageSize=100');
    expect(unreadOnly.items.every((n) => n.readAt === null)).toBe(true);
    expect(unreadOnly.items.map((n) => n.id)).not.toContain(one.id);
    // unread first in the full list
    const all = await notes('lead_midong');
    expect(all.items.at(-1)?.id).toBe(one.id);
    const count = await t.call('GET', '/api/notifications/unread-count', { cookie: cookies.lead_midong });
    expect(count.json()).toEqual({ unread: leader.unread - 1 });
    const allRead = await t.call('POST', '/api/notifications/read-all', { cookie: cookies.lead_midong });
    expect(allRead.json()).toEqual({ updated: leader.unread - 1, unread: 0 });
  });

  it('edits the settings with Chinese errors naming the field, and escalates after the configured working days', async () => {
    const bad = await t.call('PUT', '/api/settings/aftercare', { cookie: cookies.admin, body: { followUpMonths: [3, 3], escalationWorkingDays: 0, dueSoonWorkingDays: 5, reason: '调整' } });
    expect(bad.statusCode).toBe(400);
    const err = bad.json() as { error: { message: string; details: { field: string }[] } };
    expect(err.error.message).toContain('回访月份');
    expect(err.error.details.map((d) => d.field)).toEqual(['followUpMonths', 'escalationWorkingDays']);
    expect((await t.call('PUT', '/api/settings/aftercare', { cookie: cookies.off_midong, body: { followUpMonths: [1], escalationWorkingDays: 2, dueSoonWorkingDays: 5, reason: '调整' } })).statusCode).toBe(403);
    const ok = await t.call('PUT', '/api/settings/aftercare', { cookie: cookies.admin, body: { followUpMonths: [6, 1, 3], escalationWorkingDays: 2, dueSoonWorkingDays: 3, reason: '市里要求两天升级' } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ followUpMonths: [1, 3, 6], escalationWorkingDays: 2, dueSoonWorkingDays: 3 });
    // a new problem due Friday 11-27 escalates on Tuesday 12-01 (2 working days), not on Monday 11-30
    const p = await t.call('POST', `/api/projects/${projectId}/problems`, { cookie: cookies.off_midong, body: { description: '员工宿舍不足', ownerName: '米东区人社局', dueDate: '2026-11-27' } });
    const pid = (p.json() as { id: string }).id;
    await runNotificationClocks(t.deps, { now: at('2026-11-30'), digest: false });
    expect(await kindsOf('lead_city', pid)).toEqual([]);
    await runNotificationClocks(t.deps, { now: at('2026-12-01'), digest: false });
    expect(await kindsOf('lead_city', pid)).toEqual(['problemEscalated escalated:2026-11-27']);
  });
});
