/**
 * 驻点小分队 and partners (issue 13 item 2) through the API: records in a region's subtree (another
 * county's answer 404), Chinese errors naming the field, versions, audit; the import's 驻点小分队 column
 * resolved to a team of the organising region's line (none: a gap, the name kept); the statistics'
 * team filter and residentTeams.active; the team's and the partner's roll-ups, computed by hand.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectProjectByCode } from '../../src/db/queries/projects/projects';
import { auditLog } from '../../src/db/schema/index';
import { createSystemCaller } from '../../src/services/context';
import { createTestApp, type TestApp } from '../helpers/app';
import { DATABASE_KINDS } from '../helpers/databases';
import { ACTIVITIES_CSV, ACTIVITY_HEADER, LINKS_CSV, ORGANISATIONS_CSV, PROJECTS_CSV } from './fixtures';

describe.each(DATABASE_KINDS)('resident teams and partners on %s', (kind) => {
  let t: TestApp;
  let city: string; // officer of 乌鲁木齐市
  let midong: string; // officer of 米东区
  let tianshan: string; // officer of 天山区
  let midongUser: string;
  let hangzhou: string; // 杭州小分队 of 米东区
  let hangzhouTianshan: string; // a team of the same name in 天山区
  let beijing: string; // 北京小分队 of 乌鲁木齐市
  const system = createSystemCaller('test');

  beforeAll(async () => {
    t = await createTestApp(kind);
    await t.createAccount('tp_city', ['officer'], '650100');
    midongUser = await t.createAccount('tp_midong', ['officer'], '650109');
    await t.createAccount('tp_tianshan', ['officer'], '650102');
    city = await t.login('tp_city');
    midong = await t.login('tp_midong');
    tianshan = await t.login('tp_tianshan');
    const projects = await t.call('POST', '/api/imports?kind=projects', { cookie: city, body: PROJECTS_CSV, headers: { 'content-type': 'text/csv', 'x-file-name': 'p.csv' } });
    expect(projects.statusCode, projects.body).toBe(200);
  });
  afterAll(() => t.close());

  const post = (url: string, cookie: string, body: unknown) => t.call('POST', url, { cookie, body });
  const importAs = async (buffer: Buffer, k: 'activities' | 'activity-organisations' | 'activity-projects') => {
    const { importActivities } = await import('../../src/services/activities/import-activities');
    return importActivities(t.deps, system, buffer, { fileName: `${k}.csv`, kind: k });
  };
  const activityByCode = async (code: string) => {
    const list = (await t.call('GET', `/api/activities?q=${code}&pageSize=50`, { cookie: city })).json() as { items: { id: string; code: string }[] };
    const id = list.items.find((a) => a.code === code)!.id;
    return (await t.call('GET', `/api/activities/${id}`, { cookie: city })).json();
  };
  const stats = async (query: string) => {
    const res = await t.call('GET', `/api/stats/activities?region=650100&from=2025-01&to=2026-12${query}`, { cookie: city });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  it('creates teams with members and targets, refuses contradictions in Chinese naming the field, audits', async () => {
    const res = await post('/api/resident-teams', midong, {
      regionCode: '650109',
      name: '杭州小分队',
      baseCity: '杭州',
      members: [{ userId: midongUser, role: '队长' }, { name: '李四' }],
      periodFrom: '2025-01-01',
      periodTo: '2025-12-31',
      targetsText: '对接长三角新能源企业',
      targetActivities: 10,
      targetSignedProjects: 2,
    });
    expect(res.statusCode, res.body).toBe(200);
    const team = res.json();
    expect(team).toMatchObject({ regionName: '米东区', baseCity: '杭州', status: 'active', version: 1, targetActivities: 10, targetLeads: null });
    expect(team.members).toEqual([
      { userId: midongUser, name: 'tp_midong', role: '队长' },
      { userId: null, name: '李四', role: null },
    ]);
    hangzhou = team.id;
    hangzhouTianshan = (await post('/api/resident-teams', tianshan, { regionCode: '650102', name: '杭州小分队', baseCity: '杭州' })).json().id;
    beijing = (await post('/api/resident-teams', city, { regionCode: '650100', name: '北京小分队', baseCity: '北京' })).json().id;

    const order = await post('/api/resident-teams', midong, { regionCode: '650109', name: '上海小分队', baseCity: '上海', periodFrom: '2025-06-01', periodTo: '2025-01-01' });
    expect(order.statusCode).toBe(400);
    expect(order.json().error).toMatchObject({ message: '驻点结束日期 2025-01-01 早于开始日期 2025-06-01', details: [expect.objectContaining({ field: 'periodTo' })] });
    const taken = await post('/api/resident-teams', midong, { regionCode: '650109', name: '杭州小分队', baseCity: '杭州' });
    expect(taken.statusCode).toBe(400);
    expect(taken.json().error).toMatchObject({ message: '米东区已有名为“杭州小分队”的驻点小分队', details: [expect.objectContaining({ field: 'name' })] });
    const stranger = await post('/api/resident-teams', midong, { regionCode: '650109', name: '深圳小分队', baseCity: '深圳', members: [{ userId: (await t.createAccount('tp_ts2', ['officer'], '650102')) }] });
    expect(stranger.statusCode).toBe(400);
    expect(stranger.json().error.details[0].field).toBe('members.0.userId');
    expect((await post('/api/resident-teams', tianshan, { regionCode: '650109', name: '越权小分队', baseCity: '杭州' })).statusCode).toBe(404);

    // another county's team is invisible
    expect((await t.call('GET', `/api/resident-teams/${hangzhou}`, { cookie: tianshan })).statusCode).toBe(404);
    expect((await t.call('PATCH', `/api/resident-teams/${hangzhou}`, { cookie: tianshan, body: { baseCity: '苏州', version: 1 } })).statusCode).toBe(404);
    const seen = (await t.call('GET', '/api/resident-teams', { cookie: tianshan })).json().items.map((x: { id: string }) => x.id);
    expect(seen).toEqual([hangzhouTianshan]);
    expect((await t.call('GET', '/api/resident-teams', { cookie: city })).json().items).toHaveLength(3);
    const audits = await t.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'team.create'), eq(auditLog.objectId, hangzhou)));
    expect(audits).toHaveLength(1);
  });

  it('the import resolves 驻点小分队 to the team of the organising region (own before an ancestor’s), keeps unknown names as gaps, re-imports unchanged', async () => {
    const a = await importAs(ACTIVITIES_CSV, 'activities');
    expect(a).toMatchObject({ ok: true, counts: { activities: { created: 12, updated: 0, unchanged: 0 } } });
    expect(a.gaps.total).toBe(0);
    expect((await importAs(ORGANISATIONS_CSV, 'activity-organisations')).ok).toBe(true);
    expect((await importAs(LINKS_CSV, 'activity-projects')).ok).toBe(true);
    // A3 and A9 (米东) → 米东's 杭州小分队, not 天山's; A11 (米东) → 乌鲁木齐市's 北京小分队 above it
    expect(await activityByCode('A3')).toMatchObject({ teamId: hangzhou, residentTeam: '杭州小分队', missingFacts: [] });
    expect((await activityByCode('A9')).teamId).toBe(hangzhou);
    expect((await activityByCode('A11')).teamId).toBe(beijing);
    expect(await importAs(ACTIVITIES_CSV, 'activities')).toMatchObject({ counts: { activities: { created: 0, updated: 0, unchanged: 12 } } });

    // a name no team answers to: imported, the name kept, flagged 资料不全; again: unchanged
    const unknown = Buffer.from(`${ACTIVITY_HEADER}\nTPX1,外出招商,赴苏州招商,2025-04-01,2025-04-02,650109,,,,3,苏州,苏州小分队,\n`, 'utf8');
    const gap = await importAs(unknown, 'activities');
    expect(gap.gaps).toEqual({ total: 1, rows: [{ row: 2, code: 'TPX1', missing: ['驻点小分队（未建档）'] }] });
    expect(await activityByCode('TPX1')).toMatchObject({ teamId: null, residentTeam: '苏州小分队', missingFacts: ['residentTeam'] });
    expect(await importAs(unknown, 'activities')).toMatchObject({ counts: { activities: { created: 0, updated: 0, unchanged: 1 } } });
  });

  it('statistics: residentTeams.active and the team filter keep their meaning; a team named on the signing rolls its projects up', async () => {
    // 杭州 (A3, A9), 北京 (A11), 苏州 by name only (TPX1, 2025-04): 3 teams with activities
    expect((await stats('')).residentTeams).toEqual({ active: 3 });
    // the 签约仪式 A8 of 乌鲁木齐市 names 米东's 杭州小分队 (below it) through the form
    const a8 = await activityByCode('A8');
    const saved = await t.call('PATCH', `/api/activities/${a8.id}`, { cookie: city, body: { teamId: hangzhou, version: a8.version } });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ teamId: hangzhou, residentTeam: '杭州小分队' });
    // 天山's team is not on 米东's line
    const a5 = await activityByCode('A5');
    const off = await t.call('PATCH', `/api/activities/${a5.id}`, { cookie: city, body: { teamId: hangzhouTianshan, version: a5.version } });
    expect(off.statusCode).toBe(400);
    expect(off.json().error).toMatchObject({ message: '驻点小分队“杭州小分队”属于天山区，不是本活动组织地区或其上级、下级的小分队', details: [expect.objectContaining({ field: 'teamId' })] });

    // --team 杭州小分队: A3 (trip, 4 人次), A8 (organised, HDP1 + HDP2 signed), A9 (attended, HDP2 talks)
    const hz = await stats('&team=杭州小分队');
    expect(hz.trips).toMatchObject({ count: 1, personTrips: 4 });
    expect(hz.events).toEqual({ organised: 1, attended: 1 });
    expect(hz.residentTeams).toEqual({ active: 1 });
    expect(hz.projects).toEqual({ talks: 2, signed: 2, signedAmountYuan: 70_000_000, plannedInvestmentYuan: 110_000_000 });

    // the team page: 3 activities; HDP1 and HDP2 once each, both signed (HDP2: signed at A8 beats talks at A9)
    const page = (await t.call('GET', `/api/resident-teams/${hangzhou}`, { cookie: city })).json();
    expect(page.figures).toEqual({
      activities: 3,
      projects: 2,
      signed: 2,
      signedAmountYuan: 70_000_000,
      byMonth: [
        { month: '2025-05', activities: 1, projects: 0, signed: 0 },
        { month: '2025-09', activities: 1, projects: 2, signed: 2 },
        { month: '2025-10', activities: 1, projects: 1, signed: 0 },
      ],
    });
    expect(page.projects.map((p: { code: string; outcome: string; activities: number }) => [p.code, p.outcome, p.activities])).toEqual([
      ['HDP1', 'signed', 1],
      ['HDP2', 'signed', 2],
    ]);
    expect(page.activities.map((a: { code: string }) => a.code)).toEqual(['A9', 'A8', 'A3']);
    // the list gives the same roll-up (the dashboard's team view)
    const listed = (await t.call('GET', '/api/resident-teams', { cookie: city })).json().items.find((x: { id: string }) => x.id === hangzhou);
    expect(listed).toMatchObject({ activities: 3, projects: 2, signedProjects: 2 });
    // seen from 米东区, A8 (乌鲁木齐市's) is outside the scope: A3 and A9, HDP2 in talks only
    const countyListed = (await t.call('GET', '/api/resident-teams', { cookie: midong })).json().items.find((x: { id: string }) => x.id === hangzhou);
    expect(countyListed).toMatchObject({ activities: 2, projects: 1, signedProjects: 0 });
    const county = (await t.call('GET', `/api/resident-teams/${hangzhou}`, { cookie: midong })).json();
    expect(county.figures).toMatchObject({ activities: 2, projects: 1, signed: 0, signedAmountYuan: 0 });
    expect(county.projects).toEqual([expect.objectContaining({ code: 'HDP2', outcome: 'talks', activities: 1 })]);

    // renamed: its activities carry the new name, and the filter follows
    const renamed = await t.call('PATCH', `/api/resident-teams/${hangzhou}`, { cookie: midong, body: { name: '长三角小分队', version: 1 } });
    expect(renamed.statusCode, renamed.body).toBe(200);
    // a rename changes the name only: the members and the status stay
    expect(renamed.json()).toMatchObject({ status: 'active', members: [expect.objectContaining({ role: '队长' }), expect.objectContaining({ name: '李四' })] });
    expect((await activityByCode('A3')).residentTeam).toBe('长三角小分队');
    expect((await stats('&team=长三角小分队')).trips.count).toBe(1);
    expect((await stats('&team=杭州小分队')).trips.count).toBe(0);
    // stale version, and a team with activities is not deleted
    expect((await t.call('PATCH', `/api/resident-teams/${hangzhou}`, { cookie: midong, body: { baseCity: '宁波', version: 1 } })).statusCode).toBe(409);
    const del = await t.call('DELETE', `/api/resident-teams/${hangzhou}`, { cookie: midong, body: { version: 2, reason: '撤回' } });
    expect(del.statusCode).toBe(409);
    expect(del.json().error.message).toBe('小分队“长三角小分队”已有 3 次活动，不能删除；可改为“已撤回”');
  });

  it('partners: an agency needs its agreement; projects brought and activities roll up per partner, in scope', async () => {
    const agency = await post('/api/partners', midong, { regionCode: '650109', kind: 'agency', name: '某招商咨询公司' });
    expect(agency.statusCode).toBe(400);
    expect(agency.json().error).toMatchObject({ message: '委托招商须填写委托协议编号', details: [expect.objectContaining({ field: 'agreementNo' })] });
    const agreed = await post('/api/partners', midong, {
      regionCode: '650109',
      kind: 'agency',
      name: '某招商咨询公司',
      agreementNo: 'WT-2025-01',
      signedDate: '2025-01-10',
      startDate: '2025-02-01',
      endDate: '2026-01-31',
      terms: '引进新能源项目',
      feeTerms: '按到位资金 1% 计酬',
    });
    expect(agreed.statusCode, agreed.body).toBe(200);
    expect(agreed.json()).toMatchObject({ agreementNo: 'WT-2025-01', endDate: '2026-01-31', figures: { projects: 0, activities: 0 } });
    const dates = await post('/api/partners', midong, { regionCode: '650109', kind: 'agency', name: '另一家', agreementNo: 'X', startDate: '2025-02-01', endDate: '2025-01-01' });
    expect(dates.json().error.details[0].field).toBe('endDate');
    const ambassador = (await post('/api/partners', midong, { regionCode: '650109', kind: 'ambassador', name: '张大使', contact: '13900000000' })).json();

    // HDP1 (signed 5000万), HDP3 (在谈), HDP4 (线索) brought by 张大使; A1 names him
    for (const code of ['HDP1', 'HDP3', 'HDP4']) {
      const p = (await selectProjectByCode(t.database.db, code))!;
      const res = await t.call('PATCH', `/api/projects/${p.id}`, { cookie: midong, body: { broughtByPartnerId: ambassador.id, version: p.version } });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ broughtByPartnerId: ambassador.id, broughtByPartnerName: '张大使' });
    }
    const a1 = await activityByCode('A1');
    expect((await t.call('PATCH', `/api/activities/${a1.id}`, { cookie: midong, body: { partnerId: ambassador.id, version: a1.version } })).json()).toMatchObject({ partnerName: '张大使' });

    // funds in place: HDP1 300 + 1200 万, HDP3 100 万 are his; HDP5 (天山区, not his) 50 万 is not
    const funds = Buffer.from('项目编号,月份,金额(万元),备注\nHDP1,2025-08,300,\nHDP1,2025-10,1200,\nHDP3,2025-11,100,\nHDP5,2025-11,50,\n');
    const imported = await t.call('POST', '/api/imports?kind=funds', { cookie: city, body: funds, headers: { 'content-type': 'text/csv', 'x-file-name': 'funds.csv' } });
    expect(imported.statusCode, imported.body).toBe(200);

    const page = (await t.call('GET', `/api/partners/${ambassador.id}`, { cookie: midong })).json();
    expect(page.figures).toEqual({ projects: 3, byStage: { signed: 1, negotiating: 1, lead: 1 }, signedProjects: 1, signedAmountYuan: 50_000_000, fundsYuan: 16_000_000, activities: 1 });
    expect(page.projects.map((p: { code: string; fundsYuan: number }) => [p.code, p.fundsYuan])).toEqual([
      ['HDP1', 15_000_000],
      ['HDP3', 1_000_000],
      ['HDP4', 0],
    ]);
    const row = (await t.call('GET', '/api/partners?kind=ambassador', { cookie: city })).json().items;
    expect(row).toEqual([expect.objectContaining({ name: '张大使', projects: 3, signedProjects: 1, signedAmountYuan: 50_000_000, fundsYuan: 16_000_000, activities: 1 })]);

    // 天山 sees neither the partner nor may name it on its project
    expect((await t.call('GET', `/api/partners/${ambassador.id}`, { cookie: tianshan })).statusCode).toBe(404);
    expect((await t.call('GET', '/api/partners', { cookie: tianshan })).json().items).toEqual([]);
    const hdp5 = (await selectProjectByCode(t.database.db, 'HDP5'))!;
    const foreign = await t.call('PATCH', `/api/projects/${hdp5.id}`, { cookie: tianshan, body: { broughtByPartnerId: ambassador.id, version: hdp5.version } });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.details[0].field).toBe('broughtByPartnerId');
    // named: not deleted
    const del = await t.call('DELETE', `/api/partners/${ambassador.id}`, { cookie: midong, body: { version: 1, reason: '测试' } });
    expect(del.statusCode).toBe(409);
    expect(del.json().error.message).toBe('合作方“张大使”已被 4 个项目或活动引用，不能删除');
    const gone = await t.call('DELETE', `/api/partners/${agreed.json().id}`, { cookie: midong, body: { version: 1, reason: '协议终止' } });
    expect(gone.statusCode, gone.body).toBe(200);
  });

  it('an edit as the web sends it (every field, members by row) renames members without losing their account or role', async () => {
    const made = await post('/api/resident-teams', midong, {
      regionCode: '650109',
      name: '宁波小分队',
      baseCity: '宁波',
      members: [{ userId: midongUser, role: '队长' }, { name: '王五', role: '联络员' }],
    });
    expect(made.statusCode, made.body).toBe(200);
    const id = made.json().id as string;
    const edited = await t.call('PATCH', `/api/resident-teams/${id}`, {
      cookie: midong,
      body: {
        name: '甬城小分队',
        baseCity: '宁波 · 北仑',
        // the account's name written over, the second member renamed, a third added by name
        members: [
          { userId: midongUser, name: '马队长', role: '队长' },
          { userId: null, name: '王五一', role: '联络员' },
          { userId: null, name: '赵六', role: null },
        ],
        periodFrom: '2026-01-01',
        periodTo: '2026-06-30',
        targetsText: '对接港航物流企业',
        targetActivities: 12,
        targetLeads: 4,
        targetSignedProjects: 1,
        version: 1,
      },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({
      name: '甬城小分队',
      baseCity: '宁波 · 北仑',
      periodFrom: '2026-01-01',
      periodTo: '2026-06-30',
      targetsText: '对接港航物流企业',
      targetActivities: 12,
      targetLeads: 4,
      targetSignedProjects: 1,
      version: 2,
    });
    expect(edited.json().members).toEqual([
      { userId: midongUser, name: '马队长', role: '队长' },
      { userId: null, name: '王五一', role: '联络员' },
      { userId: null, name: '赵六', role: null },
    ]);
    // targets cleared and the period emptied: null, not kept
    const cleared = await t.call('PATCH', `/api/resident-teams/${id}`, { cookie: midong, body: { periodTo: null, targetLeads: null, version: 2 } });
    expect(cleared.statusCode, cleared.body).toBe(200);
    expect(cleared.json()).toMatchObject({ periodFrom: '2026-01-01', periodTo: null, targetLeads: null, targetActivities: 12 });
    const audits = await t.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'team.update'), eq(auditLog.objectId, id)));
    expect(audits).toHaveLength(2);
    expect(await t.call('DELETE', `/api/resident-teams/${id}`, { cookie: midong, body: { version: 3, reason: '测试' } })).toMatchObject({ statusCode: 200 });
  });
});
