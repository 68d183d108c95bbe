/**
 * The conversion funnel, the roadmap and the chain leader, on both databases. Chain FN (defined by
 * 乌鲁木齐市 650100): FN-U01 硅料 with child FN-U02 工业硅, FN-M01 组件. Targets (Shanghai dates):
 *   T1 米东区 FN-U02: claimed 01-10, contacted 01-20, visited 02-05, negotiating 03-01; project created
 *      03-03, 签约 03-15, history → started 04-02; target signed 03-16
 *   T2 米东区 FN-U01: claimed 01-15, visited 02-10 (no contacted event: counts contacted in 02), dropped 03-01
 *   T3 米东区 FN-M01: claimed 2025-12-20 (before the period), contacted 01-05
 *   T4 天山区 FN-M01: claimed 01-12, contacted 01-13 (outside 米东区; in 乌鲁木齐市)
 *   T5 米东区 FN-M01: claimed 2026-04-30 17:00 UTC = 05-01 in Shanghai (after the period)
 *   T6 米东区 FN-M01: claimed 02-14, contacted 05-03 (after the period)
 * Period 2026-01..2026-04 for 米东区:
 *   months: 01 claimed 2 (T1 T2), contacted 2 (T1 T3) · 02 claimed 1 (T6), contacted 1 (T2), visited 2
 *   (T1 T2) · 03 project 1, signed 1 (签约 03-15) · 04 landed 1
 *   cohort (claimed in the period: T1 T2 T6): 3, 2, 2, 1, 1, 1 → 66.67 %, 100 %, 50 %, 100 %, 100 %
 *   FN-U01 (with FN-U02): T1 T2 → cohort 2, 2, 2, 1, 1, 1; FN-U02: T1; FN-M01: T3 T5 T6 → claimed 1
 *   (T6), contacted 1 (T3), cohort 1, 0, 0 … → 0 %, then null.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertTarget } from '../../src/db/queries/targets/targets';
import { importChains } from '../../src/services/chains/import-chains';
import { createSystemCaller } from '../../src/services/context';
import { createProject } from '../../src/services/projects/projects';
import { createTestApp, type TestApp } from '../helpers/app';
import { DATABASE_KINDS } from '../helpers/databases';
import { testEnterprise } from '../enterprises/fixtures';

const CHAIN = [
  '产业链编码,产业链名称,节点编码,节点名称,上级节点编码,环节,行业代码,关键产品',
  'FN,漏斗测试链,FN-U01,硅料,,上游,3218,硅料',
  'FN,漏斗测试链,FN-U02,工业硅,FN-U01,上游,3218,工业硅',
  'FN,漏斗测试链,FN-M01,组件,,中游,3825,光伏组件',
].join('\n');

const counts = (claimed: number, contacted: number, visited: number, project: number, signed: number, landed: number) => ({ claimed, contacted, visited, project, signed, landed });

describe.each(DATABASE_KINDS)('chain funnel, roadmap and leader on %s', (kind) => {
  let t: TestApp;
  const sys = createSystemCaller('test');
  const cookie: Record<string, string> = {};
  const users: Record<string, string> = {};

  const target = async (name: string, region: string, node: string, claimedAt: string, events: [string, string][]) => {
    const firm = await testEnterprise(t.deps, { regionCode: '320505', industryCode: node.includes('M') ? '3825' : '3218' });
    const row = await insertTarget(t.deps.db, { regionCode: region, nodeCode: node, enterpriseId: firm.id, ownerId: null, scoreTenths: 500, features: {}, createdBy: null });
    if (!row) throw new Error(name);
    await t.deps.db.execute(sql`update targets set created_at = ${claimedAt}::timestamptz where id = ${row.id}`);
    await t.deps.db.execute(sql`update target_events set at = ${claimedAt}::timestamptz where target_id = ${row.id}`);
    for (const [status, at] of events) {
      await t.deps.db.execute(sql`insert into target_events (target_id, status, at, reason) values (${row.id}, ${status}, ${at}::timestamptz, ${status === 'dropped' ? '不再扩产' : null})`);
      await t.deps.db.execute(sql`update targets set status = ${status}, drop_reason = ${status === 'dropped' ? '不再扩产' : null} where id = ${row.id}`);
    }
    return { id: row.id, firm };
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    const r = await importChains(t.deps, sys, Buffer.from(CHAIN), { fileName: 'fn.csv', regionCode: '650100' });
    expect(r.problems).toEqual([]);
    const t1 = await target('T1', '650109', 'FN-U02', '2026-01-10T10:00:00+08:00', [
      ['contacted', '2026-01-20T10:00:00+08:00'],
      ['visited', '2026-02-05T10:00:00+08:00'],
      ['negotiating', '2026-03-01T10:00:00+08:00'],
      ['signed', '2026-03-16T10:00:00+08:00'],
    ]);
    await target('T2', '650109', 'FN-U01', '2026-01-15T10:00:00+08:00', [
      ['visited', '2026-02-10T10:00:00+08:00'],
      ['dropped', '2026-03-01T10:00:00+08:00'],
    ]);
    await target('T3', '650109', 'FN-M01', '2025-12-20T10:00:00+08:00', [['contacted', '2026-01-05T10:00:00+08:00']]);
    await target('T4', '650102', 'FN-M01', '2026-01-12T10:00:00+08:00', [['contacted', '2026-01-13T10:00:00+08:00']]);
    await target('T5', '650109', 'FN-M01', '2026-04-30T17:00:00Z', []);
    await target('T6', '650109', 'FN-M01', '2026-02-14T10:00:00+08:00', [['contacted', '2026-05-03T10:00:00+08:00']]);
    const p = await createProject(t.deps, sys, { name: '漏斗测试工业硅项目', regionCode: '650109', source: 'outOfRegion', investorName: t1.firm.name, investorCreditCode: t1.firm.creditCode });
    await t.deps.db.execute(sql`update projects set created_at = '2026-03-03T10:00:00+08:00', stage = 'started', signed_date = '2026-03-15', started_date = '2026-04-10' where id = ${p.id}`);
    await t.deps.db.execute(sql`insert into project_stage_history (project_id, from_stage, to_stage, changed_by_name, changed_at) values
      (${p.id}, 'lead', 'signed', 'test', '2026-03-15T10:00:00+08:00'), (${p.id}, 'signed', 'started', 'test', '2026-04-02T10:00:00+08:00')`);
    await t.deps.db.execute(sql`update targets set project_id = ${p.id} where id = ${t1.id}`);
    const accounts: [string, string[], string][] = [
      ['fn_officer_mid', ['officer'], '650109'],
      ['fn_officer_ts', ['officer'], '650102'],
      ['fn_analyst_pref', ['analyst'], '650100'],
      ['fn_analyst_mid', ['analyst'], '650109'],
      ['fn_leader_pref', ['leader'], '650100'],
    ];
    for (const [name, roles, region] of accounts) {
      users[name] = await t.createAccount(name, roles, region);
      cookie[name] = await t.login(name);
    }
    users.outside = await t.createAccount('fn_outside', ['officer'], '652301');
  });
  afterAll(() => t.close());

  it('counts each target once per step, in the month it first reached it, per node rolled up and for the chain', async () => {
    const res = await t.call('GET', '/api/chains/FN/funnel?from=2026-01&to=2026-04', { cookie: cookie.fn_officer_mid });
    expect(res.statusCode).toBe(200);
    const f = res.json();
    expect(f.region).toEqual({ code: '650109', name: '米东区' });
    expect(f.steps).toEqual(['claimed', 'contacted', 'visited', 'project', 'signed', 'landed']);
    expect(f.total.byMonth).toEqual([
      { month: '2026-01', ...counts(2, 2, 0, 0, 0, 0) },
      { month: '2026-02', ...counts(1, 1, 2, 0, 0, 0) },
      { month: '2026-03', ...counts(0, 0, 0, 1, 1, 0) },
      { month: '2026-04', ...counts(0, 0, 0, 0, 0, 1) },
    ]);
    expect(f.total.totals).toEqual(counts(3, 3, 2, 1, 1, 1));
    expect(f.total.cohort).toEqual(counts(3, 2, 2, 1, 1, 1));
    expect(f.total.conversionPct).toEqual({ contacted: 66.67, visited: 100, project: 50, signed: 100, landed: 100 });
    const node = (code: string) => f.nodes.find((n: { code: string }) => n.code === code);
    expect(node('FN-U01').totals).toEqual(counts(2, 2, 2, 1, 1, 1));
    expect(node('FN-U01').cohort).toEqual(counts(2, 2, 2, 1, 1, 1));
    expect(node('FN-U02').totals).toEqual(counts(1, 1, 1, 1, 1, 1));
    expect(node('FN-M01').totals).toEqual(counts(1, 1, 0, 0, 0, 0));
    expect(node('FN-M01').cohort).toEqual(counts(1, 0, 0, 0, 0, 0));
    expect(node('FN-M01').conversionPct).toEqual({ contacted: 0, visited: null, project: null, signed: null, landed: null });
  });

  it('rolls the counties up for the prefecture, refuses a region out of scope or a bad period', async () => {
    const pref = (await t.call('GET', '/api/chains/FN/funnel?region=650100&from=2026-01&to=2026-04', { cookie: cookie.fn_analyst_pref })).json();
    expect(pref.total.totals).toEqual(counts(4, 4, 2, 1, 1, 1));
    const may = (await t.call('GET', '/api/chains/FN/funnel?from=2026-05&to=2026-05', { cookie: cookie.fn_officer_mid })).json();
    expect(may.total.totals).toEqual(counts(1, 1, 0, 0, 0, 0)); // T5 claimed on 1 May in Shanghai, T6 contacted
    expect((await t.call('GET', '/api/chains/FN/funnel?region=650102&from=2026-01&to=2026-04', { cookie: cookie.fn_officer_mid })).statusCode).toBe(404);
    const back = await t.call('GET', '/api/chains/FN/funnel?from=2026-04&to=2026-01', { cookie: cookie.fn_officer_mid });
    expect(back.statusCode).toBe(400);
    expect(back.json().error.message).toBe('结束月份不能早于起始月份');
  });

  it('sets the chain leader from the defining region only, to an active user of its subtree; audited', async () => {
    const set = await t.call('PUT', '/api/chains/FN/leader', { cookie: cookie.fn_analyst_pref, body: { userId: users.fn_leader_pref } });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toEqual({ code: 'FN', leader: { id: users.fn_leader_pref, displayName: 'fn_leader_pref', regionCode: '650100' } });
    const county = await t.call('PUT', '/api/chains/FN/leader', { cookie: cookie.fn_analyst_mid, body: { userId: users.fn_officer_mid } });
    expect(county.statusCode).toBe(403);
    const outside = await t.call('PUT', '/api/chains/FN/leader', { cookie: cookie.fn_analyst_pref, body: { userId: users.outside } });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.message).toBe('链长须为乌鲁木齐市或其下级地区的在用账号');
    const audit = (await t.deps.db.execute(sql`select before, after from audit_log where action = 'chain.leader' and object_id = 'FN'`)) as unknown as { rows: { before: unknown; after: unknown }[] };
    expect(audit.rows).toEqual([{ before: { leader: null, userId: null }, after: { leader: 'fn_leader_pref', userId: users.fn_leader_pref } }]);
  });

  it('keeps a roadmap per region: nodes of the current version, owners of the region, targets by status; audited', async () => {
    const empty = (await t.call('GET', '/api/chains/FN/roadmap', { cookie: cookie.fn_officer_mid })).json();
    const put = await t.call('PUT', '/api/chains/FN/roadmap', {
      cookie: cookie.fn_officer_mid,
      body: { revision: empty.revision, items: [{ node: 'fn-u01', goal: 'fill', ownerId: users.fn_officer_mid, dueOn: '2026-12-31', note: ' 补齐硅料 ' }, { node: 'FN-M01', goal: 'strengthen' }] },
    });
    expect(put.statusCode).toBe(200);
    const roadmap = put.json();
    expect(roadmap.leader).toMatchObject({ displayName: 'fn_leader_pref' });
    expect(roadmap.items.map((i: { nodeCode: string; goal: string; owner: unknown; dueOn: string | null; note: string | null; targets: unknown }) => [i.nodeCode, i.goal, i.owner, i.dueOn, i.note, i.targets])).toEqual([
      ['FN-M01', 'strengthen', null, null, null, { total: 3, byStatus: { new: 1, contacted: 2 } }],
      ['FN-U01', 'fill', { id: users.fn_officer_mid, displayName: 'fn_officer_mid' }, '2026-12-31', '补齐硅料', { total: 1, byStatus: { dropped: 1 } }],
    ]);
    // the sibling county keeps its own (empty) roadmap; the officer of 米东区 cannot read it
    expect((await t.call('GET', '/api/chains/FN/roadmap', { cookie: cookie.fn_officer_ts })).json().items).toEqual([]);
    expect((await t.call('GET', '/api/chains/FN/roadmap?region=650102', { cookie: cookie.fn_officer_mid })).statusCode).toBe(404);
    const badOwner = await t.call('PUT', '/api/chains/FN/roadmap', { cookie: cookie.fn_officer_mid, body: { revision: roadmap.revision, items: [{ node: 'FN-U01', goal: 'fill', ownerId: users.fn_officer_ts }] } });
    expect(badOwner.json().error.message).toBe('责任人须为米东区或其下级地区的在用账号');
    const badNode = await t.call('PUT', '/api/chains/FN/roadmap', { cookie: cookie.fn_officer_mid, body: { revision: roadmap.revision, items: [{ node: 'FN-X01', goal: 'fill' }] } });
    expect(badNode.json().error.message).toBe('节点 FN-X01 不在漏斗测试链的当前版本中');
    const leaderRead = await t.call('GET', '/api/chains/FN/roadmap?region=650109', { cookie: cookie.fn_leader_pref });
    expect(leaderRead.json().items).toHaveLength(2);
    const cleared = await t.call('PUT', '/api/chains/FN/roadmap', { cookie: cookie.fn_officer_mid, body: { revision: roadmap.revision, items: [] } });
    expect(cleared.json().items).toEqual([]);
    const audit = (await t.deps.db.execute(sql`select object_id from audit_log where action = 'chain.roadmap' order by id`)) as unknown as { rows: { object_id: string }[] };
    expect(audit.rows.map((a) => a.object_id)).toEqual(['FN/650109', 'FN/650109']);
  });

  it('refuses a save based on a stale revision with 409 and writes nothing, also after the roadmap was cleared', async () => {
    const path = '/api/chains/FN/roadmap?region=650109';
    const start = (await t.call('GET', path, { cookie: cookie.fn_officer_mid })).json();
    const first = await t.call('PUT', path, { cookie: cookie.fn_officer_mid, body: { revision: start.revision, items: [{ node: 'FN-U01', goal: 'fill', note: '甲' }] } });
    expect(first.statusCode).toBe(200);
    expect(first.json().revision).not.toBe(start.revision);
    const auditsBefore = (await t.deps.db.execute(sql`select count(*)::int as n from audit_log where action = 'chain.roadmap'`)) as unknown as { rows: { n: number }[] };
    // a second editor still holds the page loaded before the first save
    const stale = await t.call('PUT', path, { cookie: cookie.fn_officer_mid, body: { revision: start.revision, items: [{ node: 'FN-M01', goal: 'extend', note: '乙' }] } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.message).toBe('他人已修改此路线图，请刷新后再改');
    const now = (await t.call('GET', path, { cookie: cookie.fn_officer_mid })).json();
    expect(now.items.map((i: { nodeCode: string; note: string | null }) => [i.nodeCode, i.note])).toEqual([['FN-U01', '甲']]);
    expect(now.revision).toBe(first.json().revision);
    const auditsAfter = (await t.deps.db.execute(sql`select count(*)::int as n from audit_log where action = 'chain.roadmap'`)) as unknown as { rows: { n: number }[] };
    expect(auditsAfter.rows[0]?.n).toBe(auditsBefore.rows[0]?.n);
    // saving the same content again still moves the revision (an editor of the older one is refused)
    const same = await t.call('PUT', path, { cookie: cookie.fn_officer_mid, body: { revision: now.revision, items: [{ node: 'FN-U01', goal: 'fill', note: '甲' }] } });
    expect(same.json().revision).not.toBe(now.revision);
    expect((await t.call('PUT', path, { cookie: cookie.fn_officer_mid, body: { revision: now.revision, items: [] } })).statusCode).toBe(409);
    // clearing then adding again gives a new revision, not the one of the first save
    const cleared = (await t.call('PUT', path, { cookie: cookie.fn_officer_mid, body: { revision: same.json().revision, items: [] } })).json();
    const again = (await t.call('PUT', path, { cookie: cookie.fn_officer_mid, body: { revision: cleared.revision, items: [{ node: 'FN-U01', goal: 'fill', note: '甲' }] } })).json();
    expect(again.revision).not.toBe(first.json().revision);
    expect((await t.call('PUT', path, { cookie: cookie.fn_officer_mid, body: { revision: first.json().revision, items: [] } })).statusCode).toBe(409);
    // no revision: 400 naming the field
    const missing = await t.call('PUT', path, { cookie: cookie.fn_officer_mid, body: { items: [] } });
    expect(missing.statusCode).toBe(400);
    expect(JSON.stringify(missing.json().error)).toContain('revision');
    await t.call('PUT', path, { cookie: cookie.fn_officer_mid, body: { revision: again.revision, items: [] } });
  });
});
