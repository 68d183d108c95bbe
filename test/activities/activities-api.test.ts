/**
 * /api/activities: log, read, list, change and delete an activity in one's own subtree; another
 * county's stays invisible (404, audited); Chinese errors naming the field; optimistic concurrency;
 * an audit row for every change. And the import's contradictions (each rejects the whole file)
 * against its gaps (imported, listed).
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activities, auditLog } from '../../src/db/schema/index';
import { createTestApp, type TestApp } from '../helpers/app';
import { DATABASE_KINDS } from '../helpers/databases';
import { testEnterprise } from '../enterprises/fixtures';
import { ACTIVITY_HEADER, PROJECTS_CSV } from './fixtures';

describe.each(DATABASE_KINDS)('activities API on %s', (kind) => {
  let t: TestApp;
  let midong: string; // officer of 米东区
  let tianshan: string; // officer of 天山区
  let leader: string; // leader of 米东区: reads only
  let projectId: string;
  beforeAll(async () => {
    t = await createTestApp(kind);
    await t.createAccount('ac_midong', ['officer'], '650109');
    await t.createAccount('ac_tianshan', ['officer'], '650102');
    await t.createAccount('ac_leader', ['leader'], '650109');
    midong = await t.login('ac_midong');
    tianshan = await t.login('ac_tianshan');
    leader = await t.login('ac_leader');
    const imported = await t.call('POST', '/api/imports?kind=projects', { cookie: midong, body: Buffer.from(PROJECTS_CSV.toString('utf8').replace(/\nHDP5.*$/, ''), 'utf8'), headers: { 'content-type': 'text/csv', 'x-file-name': 'p.csv' } });
    expect(imported.statusCode, imported.body).toBe(200);
    const list = (await t.call('GET', '/api/projects?q=HDP1', { cookie: midong })).json() as { items: { id: string; code: string }[] };
    projectId = list.items.find((p) => p.code === 'HDP1')!.id;
  });
  afterAll(() => t.close());

  const trip = (over: Record<string, unknown> = {}) => ({
    type: 'trip',
    name: '赴上海招商',
    startDate: '2025-03-01',
    endDate: '2025-03-03',
    regionCode: '650109',
    leaderName: '张书记',
    leaderLevel: 'principal',
    personTrips: 5,
    destinations: '上海',
    ...over,
  });

  it('logs a trip with an enterprise met (linked by credit code) and a project, lists it and audits it', async () => {
    const firm = await testEnterprise(t.deps, { name: '上海某光伏科技有限公司' });
    const res = await t.call('POST', '/api/activities', {
      cookie: midong,
      body: trip({ organisations: [{ name: firm.name, creditCode: firm.creditCode, kind: 'enterprise' }, { name: '上海新疆商会', kind: 'chamber' }], projects: [{ projectId, outcome: 'talks' }] }),
    });
    expect(res.statusCode, res.body).toBe(200);
    const a = res.json();
    expect(a).toMatchObject({ type: 'trip', regionCode: '650109', regionName: '米东区', leaderLevel: 'principal', personTrips: 5, version: 1 });
    expect(a.code).toMatch(/^HD65010920250301\d{3}$/);
    expect(a.organisations).toEqual([
      expect.objectContaining({ name: '上海新疆商会', creditCode: null, enterpriseId: null, kind: 'chamber' }),
      expect.objectContaining({ name: firm.name, creditCode: firm.creditCode, enterpriseId: firm.id, kind: 'enterprise' }),
    ]);
    expect(a.projects).toEqual([expect.objectContaining({ projectId, code: 'HDP1', outcome: 'talks' })]);
    const audit = await t.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'activity.create'), eq(auditLog.objectId, a.id)));
    expect(audit).toHaveLength(1);

    const list = (await t.call('GET', `/api/activities?type=trip&from=2025-01-01`, { cookie: leader })).json();
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({ id: a.id, organisations: 2, projects: 1 });
    expect((await t.call('GET', `/api/activities/${a.id}`, { cookie: leader })).statusCode).toBe(200);
    // the leader reads but may not write
    expect((await t.call('POST', '/api/activities', { cookie: leader, body: trip() })).statusCode).toBe(403);
  });

  it('keeps another county’s activity invisible (404, audited as out of scope) and refuses its region', async () => {
    const a = (await t.call('POST', '/api/activities', { cookie: midong, body: trip({ name: '米东区拜访', type: 'visit' }) })).json();
    expect((await t.call('GET', `/api/activities/${a.id}`, { cookie: tianshan })).statusCode).toBe(404);
    expect((await t.call('PATCH', `/api/activities/${a.id}`, { cookie: tianshan, body: { name: '改', version: 1 } })).statusCode).toBe(404);
    expect((await t.call('DELETE', `/api/activities/${a.id}`, { cookie: tianshan, body: { version: 1, reason: '测试' } })).statusCode).toBe(404);
    const denied = await t.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'access.denied'), eq(auditLog.objectId, a.id)));
    expect(denied.length).toBe(3);
    expect((await t.call('GET', '/api/activities', { cookie: tianshan })).json().total).toBe(0);
    const foreign = await t.call('POST', '/api/activities', { cookie: tianshan, body: trip() });
    expect(foreign.statusCode).toBe(404);
    // a project of another county cannot be linked
    const linked = await t.call('POST', '/api/activities', { cookie: tianshan, body: trip({ regionCode: '650102', projects: [{ projectId, outcome: 'signed' }] }) });
    expect(linked.statusCode).toBe(400);
    expect(linked.json().error.details[0].field).toBe('projects.0.projectId');
  });

  it('answers in Chinese naming the field: end before start, a taken code, a bad credit code', async () => {
    const order = await t.call('POST', '/api/activities', { cookie: midong, body: trip({ endDate: '2025-02-28' }) });
    expect(order.statusCode).toBe(400);
    expect(order.json().error).toMatchObject({ message: '结束日期 2025-02-28 早于开始日期 2025-03-01', details: [expect.objectContaining({ field: 'endDate' })] });
    await t.call('POST', '/api/activities', { cookie: midong, body: trip({ code: 'HD-X1' }) });
    const taken = await t.call('POST', '/api/activities', { cookie: midong, body: trip({ code: 'HD-X1' }) });
    expect(taken.json().error.message).toBe('活动编号 HD-X1 已被使用：活动编号在全系统唯一');
    const code = await t.call('POST', '/api/activities', { cookie: midong, body: trip({ organisations: [{ name: '某公司', creditCode: '91650109ABC', kind: 'enterprise' }] }) });
    expect(code.statusCode).toBe(400);
    expect(code.json().error.details[0].field).toBe('organisations.0.creditCode');
    const negative = await t.call('POST', '/api/activities', { cookie: midong, body: trip({ personTrips: -1 }) });
    expect(negative.statusCode).toBe(400);
  });

  it('changes with the version it was based on (a stale one: 409) and deletes with a reason, audited', async () => {
    const a = (await t.call('POST', '/api/activities', { cookie: midong, body: trip({ name: '待改活动' }) })).json();
    const changed = await t.call('PATCH', `/api/activities/${a.id}`, { cookie: midong, body: { name: '已改活动', leaderLevel: 'leadership', projects: [{ projectId, outcome: 'intent' }], version: 1 } });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ name: '已改活动', leaderLevel: 'leadership', version: 2, projects: [expect.objectContaining({ outcome: 'intent' })] });
    const stale = await t.call('PATCH', `/api/activities/${a.id}`, { cookie: midong, body: { name: '再改', version: 1 } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.message).toContain('当前第 2 版，您基于第 1 版');
    const update = await t.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'activity.update'), eq(auditLog.objectId, a.id)));
    expect(update[0]).toMatchObject({ before: expect.objectContaining({ name: '待改活动' }), after: expect.objectContaining({ name: '已改活动' }) });
    expect((await t.call('DELETE', `/api/activities/${a.id}`, { cookie: midong, body: { version: 1, reason: '重复登记' } })).statusCode).toBe(409);
    const gone = await t.call('DELETE', `/api/activities/${a.id}`, { cookie: midong, body: { version: 2, reason: '重复登记' } });
    expect(gone.statusCode, gone.body).toBe(200);
    expect(await t.database.db.select().from(activities).where(eq(activities.id, a.id))).toHaveLength(0);
    const deleted = await t.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'activity.delete'), eq(auditLog.objectId, a.id)));
    expect(deleted[0]).toMatchObject({ reason: '重复登记', before: expect.objectContaining({ name: '已改活动', projects: [expect.objectContaining({ code: 'HDP1' })] }) });
  });

  const upload = (lines: string[], kindName: string) =>
    t.call('POST', `/api/activities/import?kind=${kindName}`, { cookie: midong, body: Buffer.from(lines.join('\n'), 'utf8'), headers: { 'content-type': 'text/csv', 'x-file-name': 'f.csv' } });

  it('rejects a file with contradictions, every one reported by row, column, value and reason, and writes nothing', async () => {
    const res = await upload(
      [
        ACTIVITY_HEADER,
        'IM1,外出招商,好的行,2025-01-01,2025-01-02,650109,,,,3,,,',
        'IM2,外出招商,倒序,2025-02-05,2025-02-01,650109,,,,3,,,',
        'IM3,外出招商,未来,2099-01-01,2099-01-02,650109,,,,3,,,',
        'IM4,外出招商,负人次,2025-01-01,2025-01-02,650109,,,,-2,,,',
        'IM5,出差,类型错,2025-01-01,2025-01-02,650109,,,,3,,,',
        'IM6,推介会,级别错,2025-01-01,2025-01-02,650109,主持,某人,县长,,,,',
        'IM1,外出招商,重复,2025-01-01,2025-01-02,650109,,,,3,,,',
      ],
      'activities',
    );
    expect(res.statusCode).toBe(422);
    const problems = res.json().problems as { row: number; column: string; value: string; reason: string }[];
    expect(problems.map((p) => `${p.row} ${p.column} ${p.value}`)).toEqual([
      '3 结束日期 2025-02-01',
      '4 开始日期 2099-01-01',
      '4 结束日期 2099-01-02',
      '5 参加人次 -2',
      '6 活动类型 出差',
      '7 主办或参加 主持',
      '7 领导级别 县长',
      '8 活动编号 IM1',
    ]);
    expect(problems[0]!.reason).toBe('结束日期 2025-02-01 早于开始日期 2025-02-05');
    expect(problems[1]!.reason).toContain('晚于今天');
    expect(problems[3]!.reason).toBe('参加人次“-2”应为不小于 0 的整数');
    expect(problems[7]!.reason).toBe('活动编号 IM1 在第 2 行已出现');
    expect(await t.database.db.select().from(activities).where(eq(activities.code, 'IM1'))).toHaveLength(0);
  });

  it('imports gaps (an event without 主办或参加, a trip without 参加人次) and lists them; refuses unknown codes in link files', async () => {
    const res = await upload([ACTIVITY_HEADER, 'GP1,推介会,缺主办,2025-01-01,2025-01-01,650109,,,,,,,', 'GP2,外出招商,缺人次,2025-01-01,2025-01-02,650109,,王局长,,,,,'], 'activities');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().gaps).toEqual({ total: 2, rows: [{ row: 2, code: 'GP1', missing: ['主办或参加'] }, { row: 3, code: 'GP2', missing: ['参加人次', '领导级别'] }] });
    // flagged 资料不全 and listed for completion; choosing the level and the person-trips completes GP2
    const incomplete = (await t.call('GET', '/api/activities?incomplete=true', { cookie: midong })).json() as { items: { id: string; code: string; missingFacts: string[] }[] };
    expect(incomplete.items.map((i) => [i.code, i.missingFacts])).toEqual([
      ['GP2', ['personTrips', 'leaderLevel']],
      ['GP1', ['hosting']],
    ]);
    const gp2 = incomplete.items.find((i) => i.code === 'GP2')!;
    const completed = await t.call('PATCH', `/api/activities/${gp2.id}`, { cookie: midong, body: { personTrips: 3, leaderLevel: 'official', version: 1 } });
    expect(completed.json().missingFacts).toEqual([]);
    expect((await t.call('GET', '/api/activities?incomplete=true', { cookie: midong })).json().total).toBe(1);
    const links = await upload(['活动编号,项目编号,成果', 'GP1,HDP1,签约', 'GP1,NOPE,签约', 'GPX,HDP1,意向', 'GP2,HDP1,成交'], 'activity-projects');
    expect(links.statusCode).toBe(422);
    expect(links.json().problems.map((p: { row: number; column: string; reason: string }) => `${p.row} ${p.column} ${p.reason}`)).toEqual([
      '3 项目编号 项目编号 NOPE 不存在或不在您的管辖范围内',
      '4 活动编号 活动编号 GPX 不存在（文件导入前须先导入该活动）',
      '5 成果 成果“成交”无效，应为 对接洽谈、意向、签约',
    ]);
    const orgs = await upload(['活动编号,单位名称,统一社会信用代码,单位类型', 'GP1,某商会,,商会', 'GP1,某商会,,协会', 'GP1,某学校,,学校'], 'activity-organisations');
    expect(orgs.statusCode).toBe(422);
    expect(orgs.json().problems.map((p: { row: number; column: string }) => `${p.row} ${p.column}`)).toEqual(['3 单位名称', '4 单位类型']);
  });
});
