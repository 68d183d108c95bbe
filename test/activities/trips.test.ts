/**
 * 外出招商的计划、审批与报告，活动推进的招商目标，活动附件 (issue 13 item 1), on both databases.
 *
 * Report due: a trip ending Monday 2026-09-28 is due on the 15th working day after it. The official
 * 2026 calendar has 国庆 10-01..10-07 off and Saturday 10-10 worked, so the days are 09-29, 09-30,
 * 10-08, 10-09, 10-10, 10-12 … 10-16, 10-19 … 10-23: due 2026-10-23 (without the holiday it would be 10-19).
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/db/schema/index';
import { TRIP_PLAN_STATUSES } from '../../src/domain/activities/trip-plan';
import { TRIP_PLAN_STATUS_KEYS } from '../../src/contracts/trips';
import { importChains } from '../../src/services/chains/import-chains';
import { createSystemCaller } from '../../src/services/context';
import { todayInShanghai } from '../../src/domain/dates';
import { runNotificationClocks } from '../../src/services/notifications/run-clocks';
import { tripReportDueClock } from '../../src/services/notifications/clocks/trip-report-due';
import { createTestApp, type TestApp } from '../helpers/app';
import { DATABASE_KINDS } from '../helpers/databases';
import { testEnterprise } from '../enterprises/fixtures';

const CHAIN = ['产业链编码,产业链名称,节点编码,节点名称,上级节点编码,环节,行业代码,关键产品', 'TR,出行测试链,TR-U01,工业硅,,上游,3218,工业硅'].join('\n');
// a one-page PDF: the upload guard tells its type from its content
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

interface Activity {
  id: string;
  version: number;
  plan: { status: string; returnReason: string | null; decidedByName: string | null } | null;
  report: { dueOn: string; state: string; text: string | null; leads: { projectId: string; code: string; name: string; stage: string; channel: string | null }[] } | null;
  projects: { projectId: string; outcome: string }[];
  targets: { targetId: string; status: string; statusSet: string | null; enterpriseName: string; nodeName: string | null }[];
  files: { id: string; kind: string; fileName: string; mimeType: string }[];
}

describe('trip plan keys', () => {
  it('are the same in the contract and the domain', () => {
    expect([...TRIP_PLAN_STATUS_KEYS]).toEqual([...TRIP_PLAN_STATUSES]);
  });
});

describe.each(DATABASE_KINDS)('trips on %s', (kind) => {
  let t: TestApp;
  const cookie: Record<string, string> = {};
  const today = todayInShanghai();

  beforeAll(async () => {
    t = await createTestApp(kind);
    const accounts: [string, string[], string][] = [
      ['tr_officer', ['officer'], '650109'],
      ['tr_officer_ts', ['officer'], '650102'],
      ['tr_leader_pref', ['leader'], '650100'],
      ['tr_leader_ts', ['leader'], '650102'],
      ['tr_boss', ['officer', 'leader'], '650109'],
    ];
    for (const [name, roles, region] of accounts) {
      await t.createAccount(name, roles, region);
      cookie[name] = await t.login(name);
    }
  });
  afterAll(() => t.close());

  const create = async (who: string, body: Record<string, unknown>) => {
    const res = await t.call('POST', '/api/activities', { cookie: cookie[who], body: { type: 'trip', regionCode: '650109', ...body } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Activity;
  };

  it('sets a logged trip’s report due on the 15th working day after its end, across 国庆, and lists it as overdue', async () => {
    const trip = await create('tr_officer', { name: '赴长三角招商', startDate: '2026-09-24', endDate: '2026-09-28', personTrips: 4 });
    expect(trip.plan).toBeNull();
    expect(trip.report).toMatchObject({ dueOn: '2026-10-23', state: 'overdue', text: null, leads: [] });
    const overdue = await t.call('GET', '/api/activities?report=overdue', { cookie: cookie.tr_officer });
    expect((overdue.json() as { items: { id: string; reportState: string; reportDueOn: string }[] }).items).toContainEqual(expect.objectContaining({ id: trip.id, reportState: 'overdue', reportDueOn: '2026-10-23' }));
    // moving the end recomputes the due day: ending Friday 2026-09-18 → 09-20 (Sunday, worked), 09-21…09-24 (中秋 09-25 off), 09-28…09-30, 10-08, 10-09, 10-10, 10-12…10-15
    const moved = await t.call('PATCH', `/api/activities/${trip.id}`, { cookie: cookie.tr_officer, body: { startDate: '2026-09-16', endDate: '2026-09-18', version: trip.version } });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((moved.json() as Activity).report?.dueOn).toBe('2026-10-15');
    // a visit owes no report
    const visit = await create('tr_officer', { type: 'visit', name: '拜访', startDate: '2026-09-24', endDate: '2026-09-24' });
    expect(visit.report).toBeNull();
  });

  it('plans a trip, refuses approval by a role without the permission (403), a leader of another county (404) and the submitter, and approves it by the prefecture’s leader', async () => {
    const planned = await create('tr_boss', { name: '计划赴珠三角招商', startDate: today, endDate: today, plan: { text: '走访三家企业' } });
    expect(planned.plan).toMatchObject({ status: 'planned' });
    expect(planned.report).toMatchObject({ state: 'notDue' });
    // a past trip cannot be planned; a visit has no plan
    const past = await t.call('POST', '/api/activities', { cookie: cookie.tr_officer, body: { type: 'trip', regionCode: '650109', name: '补计划', startDate: '2026-01-05', endDate: '2026-01-06', plan: {} } });
    expect(past.statusCode).toBe(400);
    const report = await t.call('PUT', `/api/activities/${planned.id}/report`, { cookie: cookie.tr_boss, body: { text: '报告', version: planned.version } });
    expect(report.statusCode).toBe(409);
    const submitted = await t.call('POST', `/api/activities/${planned.id}/plan/submit`, { cookie: cookie.tr_boss, body: { version: planned.version } });
    expect(submitted.statusCode, submitted.body).toBe(200);
    const s = submitted.json() as Activity;
    expect(s.plan?.status).toBe('submitted');
    const body = { decision: 'approve', version: s.version };
    expect((await t.call('POST', `/api/activities/${planned.id}/plan/decision`, { cookie: cookie.tr_officer, body })).statusCode).toBe(403);
    expect((await t.call('POST', `/api/activities/${planned.id}/plan/decision`, { cookie: cookie.tr_leader_ts, body })).statusCode).toBe(404);
    expect((await t.call('POST', `/api/activities/${planned.id}/plan/decision`, { cookie: cookie.tr_boss, body })).statusCode).toBe(403);
    const approved = await t.call('POST', `/api/activities/${planned.id}/plan/decision`, { cookie: cookie.tr_leader_pref, body });
    expect(approved.statusCode, approved.body).toBe(200);
    const a = approved.json() as Activity;
    expect(a.plan).toMatchObject({ status: 'approved', decidedByName: 'tr_leader_pref' });
    const pending = await t.call('GET', '/api/activities?report=pending', { cookie: cookie.tr_officer });
    expect((pending.json() as { items: { id: string }[] }).items.map((i) => i.id)).toContain(planned.id);
    // the report of the approved trip (it ends today) closes the plan
    const done = await t.call('PUT', `/api/activities/${planned.id}/report`, { cookie: cookie.tr_boss, body: { text: '已走访三家企业', version: a.version } });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ plan: { status: 'done' }, report: { state: 'submitted', text: '已走访三家企业' } });
    const audited = await t.deps.db.select({ action: auditLog.action }).from(auditLog).where(and(eq(auditLog.objectType, 'activity'), eq(auditLog.objectId, planned.id)));
    expect(audited.map((r) => r.action)).toEqual(expect.arrayContaining(['activity.create', 'activity.plan.submit', 'activity.plan.approve', 'activity.report']));
  });

  it('returns a plan only with a reason, and lets it be submitted again', async () => {
    const planned = await create('tr_officer', { name: '计划赴京招商', startDate: today, endDate: today, plan: { text: '拜访央企' } });
    const s = (await t.call('POST', `/api/activities/${planned.id}/plan/submit`, { cookie: cookie.tr_officer, body: { version: planned.version } })).json() as Activity;
    const noReason = await t.call('POST', `/api/activities/${planned.id}/plan/decision`, { cookie: cookie.tr_leader_pref, body: { decision: 'return', version: s.version } });
    expect(noReason.statusCode).toBe(400);
    const returned = await t.call('POST', `/api/activities/${planned.id}/plan/decision`, { cookie: cookie.tr_leader_pref, body: { decision: 'return', reason: '行程过长', version: s.version } });
    expect(returned.statusCode, returned.body).toBe(200);
    const r = returned.json() as Activity;
    expect(r.plan).toMatchObject({ status: 'returned', returnReason: '行程过长' });
    expect(r.report?.state).toBe('notDue');
    const again = await t.call('POST', `/api/activities/${planned.id}/plan/submit`, { cookie: cookie.tr_officer, body: { version: r.version } });
    expect(again.json()).toMatchObject({ plan: { status: 'submitted', returnReason: null } });
  });

  it('creates the report’s leads as projects in stage lead that keep the trip as their origin and its channel', async () => {
    const trip = await create('tr_officer', { name: '赴深圳招商', startDate: '2026-09-24', endDate: '2026-09-28' });
    const res = await t.call('PUT', `/api/activities/${trip.id}/report`, {
      cookie: cookie.tr_officer,
      body: { text: '对接两家企业', results: '达成一项意向', leads: [{ name: '储能电池项目', investorName: '深圳某储能公司', plannedInvestmentYuan: 300_000_000 }, { name: '光伏组件项目', channel: 'event' }], version: trip.version },
    });
    expect(res.statusCode, res.body).toBe(200);
    const a = res.json() as Activity;
    expect(a.report).toMatchObject({ dueOn: '2026-10-23', state: 'submittedLate', text: '对接两家企业' });
    expect(a.report?.leads.map((l) => [l.name, l.stage, l.channel]).sort()).toEqual([
      ['储能电池项目', 'lead', 'direct'],
      ['光伏组件项目', 'lead', 'event'],
    ]);
    // linked to the trip (对接洽谈) and in the pipeline as leads of the trip's region
    expect(a.projects.map((p) => p.outcome)).toEqual(['talks', 'talks']);
    const lead = await t.call('GET', `/api/projects/${a.report?.leads[0]?.projectId}`, { cookie: cookie.tr_officer });
    expect(lead.json()).toMatchObject({ stage: 'lead', regionCode: '650109' });
    // a duplicate lead name is refused, naming the field
    const dup = await t.call('PUT', `/api/activities/${trip.id}/report`, { cookie: cookie.tr_officer, body: { text: '补充', leads: [{ name: '甲' }, { name: '甲' }], version: a.version } });
    expect(dup.statusCode).toBe(400);
    expect(dup.json()).toMatchObject({ error: { details: [{ field: 'leads.1.name' }] } });
  });

  it('records the targets an activity advanced (moving their status through the targets’ rules), refuses one outside the scope, and lists the activities on the target', async () => {
    const sys = createSystemCaller('test');
    const r = await importChains(t.deps, sys, Buffer.from(CHAIN), { fileName: 'tr.csv', regionCode: '650100' });
    expect(r.problems).toEqual([]);
    const far = await testEnterprise(t.deps, { regionCode: '320505', industryCode: '3218' });
    const other = await testEnterprise(t.deps, { regionCode: '440305', industryCode: '3218' });
    const mine = await t.call('POST', '/api/targets', { cookie: cookie.tr_officer, body: { chain: 'TR', node: 'TR-U01', enterprise: far.creditCode } });
    expect(mine.statusCode, mine.body).toBe(200);
    const theirs = await t.call('POST', '/api/targets', { cookie: cookie.tr_officer_ts, body: { chain: 'TR', node: 'TR-U01', enterprise: other.creditCode } });
    expect(theirs.statusCode, theirs.body).toBe(200);
    const targetId = (mine.json() as { id: string }).id;
    const trip = await create('tr_officer', { name: '赴苏州拜访目标企业', startDate: '2026-10-12', endDate: '2026-10-13' });
    const outside = await t.call('POST', `/api/activities/${trip.id}/targets`, { cookie: cookie.tr_officer, body: { targetId: (theirs.json() as { id: string }).id } });
    expect(outside.statusCode).toBe(404);
    expect(outside.json()).toMatchObject({ error: { details: [{ field: 'targetId' }] } });
    const linked = await t.call('POST', `/api/activities/${trip.id}/targets`, { cookie: cookie.tr_officer, body: { targetId, status: 'visited' } });
    expect(linked.statusCode, linked.body).toBe(200);
    expect((linked.json() as Activity).targets).toEqual([expect.objectContaining({ targetId, status: 'visited', statusSet: 'visited', enterpriseName: far.name, nodeName: '工业硅' })]);
    // the target's own history has the step; a step back is refused by the targets' rules
    const back = await create('tr_officer', { name: '再访', startDate: '2026-10-20', endDate: '2026-10-20' });
    expect((await t.call('POST', `/api/activities/${back.id}/targets`, { cookie: cookie.tr_officer, body: { targetId, status: 'contacted' } })).statusCode).toBe(409);
    const list = await t.call('GET', `/api/targets/${targetId}/activities`, { cookie: cookie.tr_officer });
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json()).toEqual({ items: [expect.objectContaining({ id: trip.id, name: '赴苏州拜访目标企业', statusSet: 'visited' })] });
    expect((await t.call('GET', `/api/targets/${targetId}/activities`, { cookie: cookie.tr_officer_ts })).statusCode).toBe(404);
    const removed = await t.call('DELETE', `/api/activities/${trip.id}/targets/${targetId}`, { cookie: cookie.tr_officer });
    expect((removed.json() as Activity).targets).toEqual([]);
  });

  it('keeps attachments through the evidence guard, serves them within scope and deletes them with a reason', async () => {
    const trip = await create('tr_officer', { name: '带附件的外出招商', startDate: '2026-10-12', endDate: '2026-10-13' });
    const refused = await t.call('POST', `/api/activities/${trip.id}/files`, { cookie: cookie.tr_officer, body: { kind: 'photo', fileName: 'x.exe', contentBase64: Buffer.from('MZ\x90\x00not a document').toString('base64') } });
    expect(refused.statusCode).toBe(400);
    const up = await t.call('POST', `/api/activities/${trip.id}/files`, { cookie: cookie.tr_officer, body: { kind: 'report', fileName: '出行报告.pdf', contentBase64: PDF.toString('base64') } });
    expect(up.statusCode, up.body).toBe(201);
    const file = up.json() as { id: string; mimeType: string };
    expect(file.mimeType).toBe('application/pdf');
    const got = await t.call('GET', `/api/activity-files/${file.id}/download`, { cookie: cookie.tr_officer });
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.equals(PDF)).toBe(true);
    expect((await t.call('GET', `/api/activity-files/${file.id}/download`, { cookie: cookie.tr_officer_ts })).statusCode).toBe(404);
    const detail = (await t.call('GET', `/api/activities/${trip.id}`, { cookie: cookie.tr_officer })).json() as Activity;
    expect(detail.files).toEqual([expect.objectContaining({ id: file.id, kind: 'report', fileName: '出行报告.pdf' })]);
    const del = await t.call('DELETE', `/api/activity-files/${file.id}`, { cookie: cookie.tr_officer, body: { reason: '传错了' } });
    expect(del.statusCode, del.body).toBe(200);
    expect(((await t.call('GET', `/api/activities/${trip.id}`, { cookie: cookie.tr_officer })).json() as Activity).files).toEqual([]);
  });

  it('reminds the county’s officers of a report coming due (5 working days ahead) and again when it is overdue', async () => {
    // ends Monday 2026-11-02: due the 15th working day after, Monday 2026-11-23
    const trip = await create('tr_officer', { name: '赴厦门招商', startDate: '2026-10-30', endDate: '2026-11-02' });
    expect(trip.report?.dueOn).toBe('2026-11-23');
    const at = (date: string) => new Date(`${date}T02:00:00Z`);
    const kindsOf = async (who: string) => {
      const res = await t.call('GET', '/api/notifications?pageSize=100', { cookie: cookie[who] });
      expect(res.statusCode, res.body).toBe(200);
      return (res.json() as { items: { objectId: string; kind: string; stateKey: string }[] }).items.filter((n) => n.objectId === trip.id).map((n) => `${n.kind} ${n.stateKey}`).sort();
    };
    await runNotificationClocks(t.deps, { now: at('2026-11-10'), clocks: [tripReportDueClock], digest: false }); // due after 11-17: not yet
    expect(await kindsOf('tr_officer')).toEqual([]);
    await runNotificationClocks(t.deps, { now: at('2026-11-17'), clocks: [tripReportDueClock], digest: false });
    await runNotificationClocks(t.deps, { now: at('2026-11-18'), clocks: [tripReportDueClock], digest: false }); // the same state: once
    expect(await kindsOf('tr_officer')).toEqual(['tripReportDue dueSoon:2026-11-23']);
    await runNotificationClocks(t.deps, { now: at('2026-11-24'), clocks: [tripReportDueClock], digest: false });
    expect(await kindsOf('tr_officer')).toEqual(['tripReportDue dueSoon:2026-11-23', 'tripReportOverdue overdue:2026-11-23']);
    expect(await kindsOf('tr_officer_ts')).toEqual([]);
  });
});
