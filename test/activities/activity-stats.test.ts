/**
 * An activity ledger imported through the API (three files, whole or nothing, again: unchanged)
 * gives GET /api/stats/activities the hand-computed figures of fixtures.ts, and every filter
 * narrows the activities as DESIGN.md says; the reserve and service items ignore the filters.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectProjectByCode } from '../../src/db/queries/projects/projects';
import { createSystemCaller } from '../../src/services/context';
import { addServiceItem, updateServiceItem } from '../../src/services/projects/service-items';
import { createTestApp, type TestApp } from '../helpers/app';
import { DATABASE_KINDS } from '../helpers/databases';
import { ACTIVITIES_CSV, EXPECTED_URUMQI, LINKS_CSV, ORGANISATIONS_CSV, PROJECTS_CSV } from './fixtures';

describe.each(DATABASE_KINDS)('activity statistics on %s', (kind) => {
  let t: TestApp;
  let officer: string; // officer of 乌鲁木齐市
  let county: string; // leader of 米东区
  beforeAll(async () => {
    t = await createTestApp(kind);
    await t.createAccount('as_officer', ['officer'], '650100');
    await t.createAccount('as_leader', ['leader'], '650109');
    officer = await t.login('as_officer');
    county = await t.login('as_leader');
    const projects = await t.call('POST', '/api/imports?kind=projects', { cookie: officer, body: PROJECTS_CSV, headers: { 'content-type': 'text/csv', 'x-file-name': 'p.csv' } });
    expect(projects.statusCode, projects.body).toBe(200);
    const system = createSystemCaller('test');
    const id = async (code: string) => (await selectProjectByCode(t.database.db, code))!.id;
    const onTime = await addServiceItem(t.deps, system, await id('HDP1'), { type: 'land', title: '用地预审', requester: '企业', handlerName: '李四', openedOn: '2025-03-01', workingDays: 5 });
    await updateServiceItem(t.deps, system, onTime.id, { status: 'closed', closedOn: '2025-03-05', version: onTime.version });
    const late = await addServiceItem(t.deps, system, await id('HDP2'), { type: 'planning', title: '规划许可', requester: '企业', handlerName: '王五', openedOn: '2025-04-01', workingDays: 5 });
    await updateServiceItem(t.deps, system, late.id, { status: 'closed', closedOn: '2025-05-30', version: late.version });
    await addServiceItem(t.deps, system, await id('HDP5'), { type: 'other', title: '水电接入', requester: '企业', handlerName: '赵六', openedOn: '2025-06-01', workingDays: 10 });
  });
  afterAll(() => t.close());

  const upload = (file: Buffer, kindName: string, query = '') =>
    t.call('POST', `/api/activities/import?kind=${kindName}${query}`, { cookie: officer, body: file, headers: { 'content-type': 'text/csv', 'x-file-name': encodeURIComponent(`${kindName}.csv`) } });
  const stats = async (query: string, cookie = officer) => {
    const res = await t.call('GET', `/api/stats/activities?${query}`, { cookie });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as typeof EXPECTED_URUMQI;
  };

  it('refuses the links before their activities exist, then imports the ledger; a second import changes nothing', async () => {
    const early = await upload(LINKS_CSV, 'activity-projects');
    expect(early.statusCode).toBe(422);
    expect(early.json().problems[0]).toMatchObject({ sheet: '活动项目', row: 2, column: '活动编号', value: 'A1', reason: '活动编号 A1 不存在（文件导入前须先导入该活动）' });

    // A12 lies in 昌吉州, outside a 乌鲁木齐市 officer's scope: the whole file is refused
    const outside = await upload(ACTIVITIES_CSV, 'activities');
    expect(outside.statusCode).toBe(422);
    expect(outside.json().problems).toEqual([expect.objectContaining({ row: 13, column: '地区代码', value: '652300' })]);
    expect((await stats('region=650100&from=2025-01&to=2026-12')).trips.count).toBe(0);
  });

  it('imports the ledger as the operator would (A12 of 昌吉州 included) and re-imports it unchanged', async () => {
    const { importActivities } = await import('../../src/services/activities/import-activities');
    const system = createSystemCaller('test');
    const run = (buffer: Buffer, k: 'activities' | 'activity-organisations' | 'activity-projects') => importActivities(t.deps, system, buffer, { fileName: `${k}.csv`, kind: k });
    const a = await run(ACTIVITIES_CSV, 'activities');
    expect(a).toMatchObject({ ok: true, counts: { activities: { created: 12, updated: 0, unchanged: 0 } } });
    // 杭州小分队 and 北京小分队 are names without team records here: imported, flagged 资料不全 (teams-partners.test.ts resolves them)
    expect(a.gaps.total).toBe(3);
    expect((await run(ORGANISATIONS_CSV, 'activity-organisations')).counts).toEqual({ 'activity-organisations': { created: 9, updated: 0, unchanged: 0 } });
    expect((await run(LINKS_CSV, 'activity-projects')).counts).toEqual({ 'activity-projects': { created: 8, updated: 0, unchanged: 0 } });
    const before = await stats('region=650100&from=2025-01&to=2026-12');

    // again, through the API as the officer: links and organisations of 乌鲁木齐市 only (A12's row would be refused)
    const again = await upload(Buffer.from(LINKS_CSV.toString('utf8').replace(/\nA12,HDP3,对接洽谈/, ''), 'utf8'), 'activity-projects');
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().counts).toEqual({ 'activity-projects': { created: 0, updated: 0, unchanged: 7 } });
    const orgs = await upload(ORGANISATIONS_CSV, 'activity-organisations');
    expect(orgs.json().counts).toEqual({ 'activity-organisations': { created: 0, updated: 0, unchanged: 9 } });
    expect(await run(ACTIVITIES_CSV, 'activities')).toMatchObject({ counts: { activities: { created: 0, updated: 0, unchanged: 12 } } });
    expect(await stats('region=650100&from=2025-01&to=2026-12')).toEqual(before);
  });

  it('gives the hand-computed figures for 乌鲁木齐市', async () => {
    expect(await stats('region=650100&from=2025-01&to=2026-12')).toEqual(EXPECTED_URUMQI);
  });

  it('counts a county’s own subtree only', async () => {
    const s = await stats('region=650109&from=2025-01&to=2026-12', county);
    // A1, A3, A4; A5; no reception (A6 is 天山区's); A9 attended; 杭州 and 北京 teams
    expect(s.trips).toEqual({ count: 3, personTrips: 11, ledByLeadership: 1, ledByPrincipal: 1, ledByAnyLeader: 2, organisations: 2 });
    expect(s.visits).toEqual({ count: 1, organisations: 2 });
    expect(s.receptions).toEqual({ count: 0, organisations: 0 });
    expect(s.events).toEqual({ organised: 0, attended: 1 });
    expect(s.residentTeams).toEqual({ active: 2 });
    // HDP1, HDP3 (A1), HDP2 (A9); nothing signed at a 米东区 activity
    expect(s.projects).toEqual({ talks: 3, signed: 0, signedAmountYuan: 0, plannedInvestmentYuan: 0 });
    expect(s.reserve).toEqual({ projects: 1, published: 0 });
    expect(s.serviceItems).toEqual({ opened: 2, projects: 2, closed: 2, closedOnTime: 1 });
    // the prefecture is outside a county leader's scope
    expect((await t.call('GET', '/api/stats/activities?region=650100&from=2025-01&to=2025-12', { cookie: county })).statusCode).toBe(404);
  });

  it('narrows by each filter first; reserve and service items ignore them', async () => {
    const base = 'region=650100&from=2025-01&to=2026-12';
    const trips = await stats(`${base}&type=${encodeURIComponent('外出招商')}`);
    expect(trips.trips).toEqual(EXPECTED_URUMQI.trips);
    expect(trips.visits.count + trips.receptions.count + trips.events.organised + trips.events.attended).toBe(0);
    expect(trips.projects).toEqual({ talks: 2, signed: 0, signedAmountYuan: 0, plannedInvestmentYuan: 0 });
    expect(trips.residentTeams.active).toBe(1);
    expect(trips.reserve).toEqual(EXPECTED_URUMQI.reserve);
    expect(trips.serviceItems).toEqual(EXPECTED_URUMQI.serviceItems);

    // a trip led by a 党政主要领导 counts as led by 四大班子 too: the leadership filter takes A1 in
    const leadership = await stats(`${base}&leaderLevel=${encodeURIComponent('四大班子领导')}`);
    expect(leadership.trips).toEqual({ count: 2, personTrips: 8, ledByLeadership: 2, ledByPrincipal: 1, ledByAnyLeader: 2, organisations: 3 });
    const principal = await stats(`${base}&leaderLevel=principal`);
    expect(principal.trips).toMatchObject({ count: 1, personTrips: 5, ledByLeadership: 1, ledByPrincipal: 1 });

    const organised = await stats(`${base}&hosting=${encodeURIComponent('主办')}`);
    expect(organised.events).toEqual({ organised: 2, attended: 0 });
    expect(organised.trips.count).toBe(0);
    expect(organised.projects).toEqual({ talks: 2, signed: 2, signedAmountYuan: 70_000_000, plannedInvestmentYuan: 110_000_000 });

    const team = await stats(`${base}&team=${encodeURIComponent('杭州小分队')}`);
    expect(team.trips).toMatchObject({ count: 1, personTrips: 4 });
    expect(team.events).toEqual({ organised: 0, attended: 1 });
    expect(team.residentTeams.active).toBe(1);
    expect(team.projects.talks).toBe(1);

    const ceremony = await stats(`${base}&activity=A8`);
    expect(ceremony.projects).toEqual({ talks: 2, signed: 2, signedAmountYuan: 70_000_000, plannedInvestmentYuan: 110_000_000 });
    expect(ceremony.events).toEqual({ organised: 1, attended: 0 });

    // a period without A1: A10 starts 2024-12 and counts there only
    const dec = await stats('region=650100&from=2024-12&to=2024-12');
    expect(dec.trips).toMatchObject({ count: 1, personTrips: 6, ledByPrincipal: 1, organisations: 1 });
    expect(dec.projects.talks).toBe(1);
  });

  it('refuses an unknown filter value with a Chinese message naming the field', async () => {
    const res = await t.call('GET', `/api/stats/activities?region=650100&from=2025-01&to=2025-12&type=${encodeURIComponent('出差')}`, { cookie: officer });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('筛选条件“type”的值“出差”无效');
  });

  it('gives the figures month by month on request (byMonth), each by hand; the filters narrow them too', async () => {
    const zero = { trips: 0, visits: 0, receptions: 0, events: 0, talks: 0, signed: 0, signedAmountYuan: 0 };
    const m = (month: string, figures: Partial<typeof zero> = {}) => ({ month, ...zero, ...figures });
    const s = (await stats('region=650100&from=2025-01&to=2025-12&byMonth=true')) as typeof EXPECTED_URUMQI & { byMonth: ReturnType<typeof m>[] };
    // the period's figures are unchanged by the series
    expect(s.trips).toEqual(EXPECTED_URUMQI.trips);
    expect(s.byMonth).toEqual([
      m('2025-01'), // A10 starts in 2024-12
      m('2025-02'), // A12 is 昌吉州's
      m('2025-03', { trips: 1, visits: 1, talks: 2 }), // A1 (HDP1, HDP3) and A5
      m('2025-04', { trips: 1, talks: 1 }), // A2: HDP1 again, counted in its own month
      m('2025-05', { trips: 1 }), // A3
      m('2025-06', { trips: 1 }), // A4
      m('2025-07', { receptions: 1 }), // A6
      m('2025-08', { events: 1 }), // A7 organised
      m('2025-09', { events: 1, talks: 2, signed: 2, signedAmountYuan: 70_000_000 }), // A8: HDP1 5000万 + HDP2 2000万
      m('2025-10', { events: 1, talks: 1 }), // A9 attended: HDP2
      m('2025-11'), // A11 is 网络招商: no trip, visit, reception or event
      m('2025-12'),
    ]);
    // filters narrow the months' activities first: trips led by 四大班子 (A1 principal, A2 leadership)
    const led = (await stats(`region=650100&from=2025-03&to=2025-05&byMonth=true&leaderLevel=${encodeURIComponent('四大班子领导')}`)) as typeof EXPECTED_URUMQI & { byMonth: ReturnType<typeof m>[] };
    expect(led.byMonth).toEqual([m('2025-03', { trips: 1, talks: 2 }), m('2025-04', { trips: 1, talks: 1 }), m('2025-05')]);
    // one activity by its code
    const a8 = (await stats('region=650100&from=2025-08&to=2025-09&byMonth=true&activity=A8')) as typeof EXPECTED_URUMQI & { byMonth: ReturnType<typeof m>[] };
    expect(a8.byMonth).toEqual([m('2025-08'), m('2025-09', { events: 1, talks: 2, signed: 2, signedAmountYuan: 70_000_000 })]);
    // a county's own subtree: A6 (天山区) and A8 (the prefecture's) drop out
    const county9 = (await stats('region=650109&from=2025-07&to=2025-09&byMonth=true', county)) as typeof EXPECTED_URUMQI & { byMonth: ReturnType<typeof m>[] };
    expect(county9.byMonth).toEqual([m('2025-07'), m('2025-08'), m('2025-09')]);
    // without byMonth=true the object is the one DESIGN.md defines
    expect(await stats('region=650100&from=2025-01&to=2025-12')).not.toHaveProperty('byMonth');
  });
});
