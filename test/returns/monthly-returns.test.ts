/**
 * Monthly returns (月报) reviewed level by level, on a small data set computed by hand (万元):
 *   P1 米东区 local:          2026-01 100, 2026-03 50            (new)
 *   P2 米东区的园区 foreign:   2026-03 30                         (new; the park is counted in 米东区)
 *   P3 天山区 outOfRegion:     2025-03 10, 2026-02 200, 2026-03 20 (continued)
 *   P4 乌鲁木齐市 direct local: 2026-01 1, 2026-03 5               (new; held by the prefecture itself)
 *   S1 天山区 signed 2026-02-15, 1亿 (no receipts)
 * 2026-03, year to date: 米东 2 projects 180 (220 after the county adds P1 2026-02 40 while returned); 天山 1 project 220
 *   (last year 10); own 1 project 6 → 乌鲁木齐市 4 projects 446.
 * 2026-03 alone:         米东 2 projects 80;  天山 1 project 20  (last year 10); own 1 project 5 → 乌鲁木齐市 4 projects 105.
 */
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/db/schema/index';
import { listPermissions } from '../../src/domain/roles';
import { addReceipt } from '../../src/services/funds/funds';
import { createSystemCaller, type Caller } from '../../src/services/context';
import { createProject, type ProjectCreateInput } from '../../src/services/projects/projects';
import { createPark } from '../../src/services/regions';
import { assertMonthOpen, listReminders, type ReturnDto } from '../../src/services/returns/returns';
import { createTestApp, type TestApp } from '../helpers/app';
import { DATABASE_KINDS } from '../helpers/databases';

const WAN = 10_000;
const M = '2026-03';

type Figures = ReturnDto['figures']['yearToDate'];

/** The additive figures of a summary (counts and amounts), flattened. */
function additive(s: Figures): Record<string, number> {
  const out: Record<string, number> = {
    'executing.projects': s.executing.projects,
    'executing.fundsYuan': s.executing.fundsYuan,
    'executing.lastYearFundsYuan': s.executing.lastYearFundsYuan,
    'newProjects.projects': s.newProjects.projects,
    'newProjects.fundsYuan': s.newProjects.fundsYuan,
    'continuedProjects.projects': s.continuedProjects.projects,
    'continuedProjects.fundsYuan': s.continuedProjects.fundsYuan,
    'unknownSource.projects': s.unknownSource.projects,
    'unknownSource.fundsYuan': s.unknownSource.fundsYuan,
    'domestic.projects': s.domestic.projects,
    'domestic.fundsYuan': s.domestic.fundsYuan,
    'signed.projects': s.signed.projects,
    'signed.amountYuan': s.signed.amountYuan,
    'signed.topInvestorProjects': s.signed.topInvestorProjects,
  };
  for (const [k, v] of Object.entries(s.bySource)) {
    out[`bySource.${k}.projects`] = v.projects;
    out[`bySource.${k}.fundsYuan`] = v.fundsYuan;
  }
  s.signed.bands.forEach((b, i) => {
    out[`signed.bands[${i}].projects`] = b.projects;
    out[`signed.bands[${i}].amountYuan`] = b.amountYuan;
  });
  return out;
}
const addUp = (...xs: Record<string, number>[]) => {
  const out: Record<string, number> = {};
  for (const x of xs) for (const [k, v] of Object.entries(x)) out[k] = (out[k] ?? 0) + v;
  return out;
};

describe.each(DATABASE_KINDS)('monthly returns on %s', (kind) => {
  let t: TestApp;
  const sys = createSystemCaller('test');
  const cookie: Record<string, string> = {};
  const ids: Record<string, string> = {};
  let parkCode = '';

  const project = async (input: Omit<ProjectCreateInput, 'name'> & { name: string }, receipts: [string, number][] = []) => {
    const p = await createProject(t.deps, sys, input);
    for (const [month, wan] of receipts) await addReceipt(t.deps, sys, p.id, { month, amountYuan: wan * WAN });
    ids[input.name] = p.id;
    return p;
  };
  const call = (who: string, method: string, url: string, body?: unknown) => t.call(method, url, { cookie: cookie[who], body });
  const act = async (who: string, action: string, region: string, month: string, body: unknown = {}) => call(who, 'POST', `/api/returns/${region}/${month}/${action}`, body);
  const get = async (who: string, region: string, month: string) => {
    const res = await call(who, 'GET', `/api/returns/${region}/${month}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as ReturnDto;
  };
  const ok = async (res: Awaited<ReturnType<TestApp['call']>>, status = 200) => {
    expect(res.statusCode, res.body).toBe(status);
    return res.json() as ReturnDto;
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    parkCode = (await createPark(t.deps, sys, { parentCode: '650109', name: '月报测试园区' })).code;
    await project({ name: 'P1', regionCode: '650109', source: 'local' }, [['2026-01', 100], ['2026-03', 50]]);
    await project({ name: 'P2', regionCode: parkCode, source: 'foreign' }, [['2026-03', 30]]);
    await project({ name: 'P3', regionCode: '650102', source: 'outOfRegion' }, [['2025-03', 10], ['2026-02', 200], ['2026-03', 20]]);
    await project({ name: 'P4', regionCode: '650100', source: 'local' }, [['2026-01', 1], ['2026-03', 5]]);
    await project({ name: 'S1', regionCode: '650102', source: 'outOfRegion', stage: 'signed', investorName: 'S1投资方', signedDate: '2026-02-15', signedAmountYuan: 100_000_000 });
    const users: [string, string, string][] = [
      ['stat_mid', 'statistician', '650109'],
      ['stat_ts', 'statistician', '650102'],
      ['stat_pref', 'statistician', '650100'],
      ['stat_prov', 'statistician', '650000'],
      ['rev_pref', 'reviewer', '650100'],
      ['rev_prov', 'reviewer', '650000'],
      ['rev_mid', 'reviewer', '650109'],
      ['admin', 'sysadmin', '650000'],
      ['admin_officer', 'officer', '650100'],
    ];
    for (const [name, role, region] of users) {
      ids[name] = await t.createAccount(name, [role], region);
      cookie[name] = await t.login(name);
    }
  });
  afterAll(() => t.close());

  it('goes county → prefecture → province, is returned with a reason, and a parent waits for its children', async () => {
    // the prefecture cannot submit before both counties with projects are approved
    const early = await act('stat_pref', 'submit', '650100', M);
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ error: { code: 'CONFLICT', message: `乌鲁木齐市 ${M} 的月报须待下级月报全部审核通过后才能上报，尚未通过：天山区（草稿）、米东区（草稿）` } });

    // a draft shows the ledger's figures now
    const draft = await get('stat_mid', '650109', M);
    expect(draft).toMatchObject({ state: 'draft', submissions: 0, figuresAreLive: true, locked: false });
    expect(draft.figures.yearToDate.executing).toEqual({ projects: 2, fundsYuan: 180 * WAN, lastYearFundsYuan: 0, yoyPct: null });

    // only the statistician of the region itself submits
    expect((await act('stat_pref', 'submit', '650109', M)).statusCode).toBe(403);
    expect((await act('stat_ts', 'submit', '650109', M)).statusCode).toBe(404);
    const submitted = await ok(await act('stat_mid', 'submit', '650109', M));
    expect(submitted).toMatchObject({ state: 'submitted', submissions: 1, figuresAreLive: false, changes: [] });
    expect(submitted.figures.yearToDate.executing).toEqual({ projects: 2, fundsYuan: 180 * WAN, lastYearFundsYuan: 0, yoyPct: null });
    expect(submitted.figures.monthOnly.executing).toEqual({ projects: 2, fundsYuan: 80 * WAN, lastYearFundsYuan: 0, yoyPct: null });
    expect((await act('stat_mid', 'submit', '650109', M)).statusCode).toBe(409); // already submitted

    // only the reviewer of the parent level reviews: not the province, not the county's own reviewer, not a statistician
    expect((await act('rev_prov', 'approve', '650109', M)).statusCode).toBe(403);
    expect((await act('rev_mid', 'approve', '650109', M)).statusCode).toBe(403);
    expect((await act('stat_mid', 'approve', '650109', M)).statusCode).toBe(403);
    expect((await act('rev_pref', 'return', '650109', M, { reason: '' })).statusCode).toBe(400);
    const returned = await ok(await act('rev_pref', 'return', '650109', M, { reason: '二月份园区资金漏报，请核实后重报' }));
    expect(returned).toMatchObject({ state: 'returned', reviewReason: '二月份园区资金漏报，请核实后重报', figuresAreLive: true });
    expect(returned.versions).toMatchObject([{ number: 1, outcome: 'returned', reviewedByName: 'rev_pref', reason: '二月份园区资金漏报，请核实后重报' }]);

    // the county corrects the ledger and submits again
    const fix = await call('stat_mid', 'POST', `/api/projects/${ids.P1}/receipts`, { month: '2026-02', amountYuan: 40 * WAN });
    expect(fix.statusCode, fix.body).toBe(201);
    expect((await get('stat_mid', '650109', M)).changesSinceLastSubmission.map((c) => c.field)).toContain('yearToDate.executing.fundsYuan');
    await ok(await act('stat_mid', 'submit', '650109', M, { note: '已补录二月份' }));

    // the reviewer sees what changed since the last submission: each figure before → after
    const resubmitted = await get('rev_pref', '650109', M);
    expect(resubmitted).toMatchObject({ state: 'submitted', submissions: 2 });
    expect(resubmitted.changes).toEqual([
      { field: 'yearToDate.bySource.local.fundsYuan', before: 150 * WAN, after: 190 * WAN },
      { field: 'yearToDate.domestic.fundsYuan', before: 150 * WAN, after: 190 * WAN },
      { field: 'yearToDate.executing.fundsYuan', before: 180 * WAN, after: 220 * WAN },
      { field: 'yearToDate.newProjects.fundsYuan', before: 180 * WAN, after: 220 * WAN },
    ]);
    expect(resubmitted.versions.map((v) => [v.number, v.outcome, v.snapshot.yearToDate.executing.fundsYuan])).toEqual([
      [1, 'returned', 180 * WAN],
      [2, null, 220 * WAN],
    ]);

    const approved = await ok(await act('rev_pref', 'approve', '650109', M));
    expect(approved).toMatchObject({ state: 'approved', locked: true });
    // one child approved is not enough
    expect((await act('stat_pref', 'submit', '650100', M)).json()).toMatchObject({ error: { message: expect.stringContaining('尚未通过：天山区（草稿）') } });
    await ok(await act('stat_ts', 'submit', '650102', M));
    await ok(await act('rev_pref', 'approve', '650102', M));
    const pref = await ok(await act('stat_pref', 'submit', '650100', M));
    expect(pref.state).toBe('submitted');

    // the province waits for the prefecture (the only prefecture with projects), then is reviewed by the province's own reviewer
    expect((await act('stat_prov', 'submit', '650000', M)).json()).toMatchObject({ error: { code: 'CONFLICT', message: expect.stringContaining('乌鲁木齐市（已上报）') } });
    await ok(await act('rev_prov', 'approve', '650100', M));
    const prov = await ok(await act('stat_prov', 'submit', '650000', M));
    expect(prov.figures.yearToDate.executing.fundsYuan).toBe(446 * WAN);
    expect((await act('rev_pref', 'approve', '650000', M)).statusCode).toBe(404); // outside the prefecture reviewer's scope
    await ok(await act('rev_prov', 'approve', '650000', M));

    // and back, from the top down, each with a reason
    const blocked = await act('rev_pref', 'reopen', '650109', M, { reason: '更正' });
    expect(blocked.json()).toMatchObject({ error: { code: 'CONFLICT', message: expect.stringContaining('乌鲁木齐市 2026-03 的月报已审核通过') } });
    expect(await ok(await act('rev_prov', 'reopen', '650000', M, { reason: '全区口径调整' }))).toMatchObject({ state: 'returned', reviewReason: '重新开放：全区口径调整' });
    expect(await ok(await act('rev_prov', 'reopen', '650100', M, { reason: '米东区数据需更正' }))).toMatchObject({ state: 'returned' });
    const reopened = await ok(await act('rev_pref', 'reopen', '650109', M, { reason: '企业补交凭证' }));
    expect(reopened).toMatchObject({ state: 'returned', locked: false, reviewReason: '重新开放：企业补交凭证' });
    expect(reopened.versions.at(-1)).toMatchObject({ number: 2, outcome: 'reopened', reason: '企业补交凭证' });

    const audit = await t.database.db
      .select({ action: auditLog.action, reason: auditLog.reason, before: auditLog.before, after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.objectType, 'monthlyReturn'), eq(auditLog.objectId, `650109/${M}`)))
      .orderBy(asc(auditLog.id));
    expect(audit.map((a) => a.action)).toEqual(['return.submit', 'return.return', 'return.submit', 'return.approve', 'return.reopen']);
    expect(audit[4]).toMatchObject({ reason: '企业补交凭证', before: { state: 'approved', locked: true }, after: { state: 'returned', locked: false } });
    expect(audit[2]).toMatchObject({ reason: '已补录二月份', before: { state: 'returned', submissions: 1 }, after: { state: 'submitted', submissions: 2 } });
  });

  it("gives the prefecture's snapshot as the sum of its children's approved snapshots plus its directly held projects", async () => {
    const r = await get('rev_pref', '650100', M);
    const snap = r.versions[0]?.snapshot;
    const mid = (await get('rev_pref', '650109', M)).versions.find((v) => v.outcome !== 'returned')?.snapshot;
    const ts = (await get('rev_pref', '650102', M)).versions[0]?.snapshot;
    if (!snap || !mid || !ts) throw new Error('missing snapshots');
    // by hand: 米东 (after the correction) 2 projects 220; 天山 1 project 220, last year 10, signed S1 1亿; own P4 1 project 6
    expect(snap.yearToDate.executing).toEqual({ projects: 4, fundsYuan: 446 * WAN, lastYearFundsYuan: 10 * WAN, yoyPct: 4360 });
    expect(snap.yearToDate.newProjects).toEqual({ projects: 3, fundsYuan: 226 * WAN });
    expect(snap.yearToDate.continuedProjects).toEqual({ projects: 1, fundsYuan: 220 * WAN });
    expect(snap.yearToDate.signed).toMatchObject({ projects: 1, amountYuan: 100_000_000 });
    expect(snap.monthOnly.executing).toEqual({ projects: 4, fundsYuan: 105 * WAN, lastYearFundsYuan: 10 * WAN, yoyPct: 950 });
    expect(snap.monthOnly.bySource).toEqual({
      local: { projects: 2, fundsYuan: 55 * WAN, yoyPct: null },
      outOfRegion: { projects: 1, fundsYuan: 20 * WAN, yoyPct: 100 },
      foreign: { projects: 1, fundsYuan: 30 * WAN, yoyPct: null },
    });
    // the directly held project P4 (local, new), by hand
    const zero = Object.fromEntries(Object.keys(additive(snap.yearToDate)).map((k) => [k, 0]));
    const ownYtd = { ...zero, 'executing.projects': 1, 'executing.fundsYuan': 6 * WAN, 'newProjects.projects': 1, 'newProjects.fundsYuan': 6 * WAN, 'bySource.local.projects': 1, 'bySource.local.fundsYuan': 6 * WAN, 'domestic.projects': 1, 'domestic.fundsYuan': 6 * WAN };
    const ownMonth = { ...ownYtd, 'executing.fundsYuan': 5 * WAN, 'newProjects.fundsYuan': 5 * WAN, 'bySource.local.fundsYuan': 5 * WAN, 'domestic.fundsYuan': 5 * WAN };
    expect(additive(snap.yearToDate)).toEqual(addUp(additive(mid.yearToDate), additive(ts.yearToDate), ownYtd));
    expect(additive(snap.monthOnly)).toEqual(addUp(additive(mid.monthOnly), additive(ts.monthOnly), ownMonth));
  });

  it('refuses receipt changes in a locked month with 409 (add, correct, delete, verify) until the parent reopens it', async () => {
    const A = '2026-04';
    const r1 = await addReceipt(t.deps, sys, ids.P1 ?? '', { month: A, amountYuan: 10 * WAN });
    const r2 = await addReceipt(t.deps, sys, ids.P1 ?? '', { month: '2026-05', amountYuan: 7 * WAN });
    await ok(await act('stat_mid', 'submit', '650109', A));
    await ok(await act('rev_pref', 'approve', '650109', A));
    const message = `米东区 ${A} 的月报已审核通过并锁定，如需更正请由上级（乌鲁木齐市）重新开放`;
    const refused = [
      await call('stat_mid', 'POST', `/api/projects/${ids.P2}/receipts`, { month: A, amountYuan: 5 * WAN }), // a park project: in the county's subtree
      await call('stat_mid', 'PATCH', `/api/receipts/${r1.id}`, { amountYuan: 12 * WAN, reason: '更正', version: r1.version }),
      await call('stat_mid', 'DELETE', `/api/receipts/${r1.id}`, { reason: '重复' }),
      await call('stat_mid', 'POST', `/api/receipts/${r1.id}/verify`, { version: r1.version }),
    ];
    for (const res of refused) {
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json()).toMatchObject({ error: { code: 'CONFLICT', message } });
    }
    // other months and other counties stay open
    expect((await call('stat_mid', 'POST', `/api/receipts/${r2.id}/verify`, { version: r2.version })).statusCode).toBe(200);
    expect((await call('stat_ts', 'POST', `/api/projects/${ids.P3}/receipts`, { month: A, amountYuan: 3 * WAN })).statusCode).toBe(201);

    // only the parent level reopens, with a reason
    expect((await act('rev_mid', 'reopen', '650109', A, { reason: '更正' })).statusCode).toBe(403);
    expect((await act('rev_pref', 'reopen', '650109', A, {})).statusCode).toBe(400);
    await ok(await act('rev_pref', 'reopen', '650109', A, { reason: '企业补交凭证' }));
    const verified = await call('stat_mid', 'POST', `/api/receipts/${r1.id}/verify`, { version: r1.version });
    expect(verified.statusCode, verified.body).toBe(200);
    const corrected = await call('stat_mid', 'PATCH', `/api/receipts/${r1.id}`, { amountYuan: 12 * WAN, reason: '更正', version: (verified.json() as { version: number }).version });
    expect(corrected.statusCode, corrected.body).toBe(200);
    expect((await call('stat_mid', 'DELETE', `/api/receipts/${r1.id}`, { reason: '重复' })).statusCode).toBe(204);
    expect((await call('stat_mid', 'POST', `/api/projects/${ids.P2}/receipts`, { month: A, amountYuan: 5 * WAN })).statusCode).toBe(201);
  });

  it('refuses moving a project with receipts in a locked month to another region or source, and allows it once reopened', async () => {
    const A = '2026-07';
    const moved = await project({ name: 'MOVE', regionCode: '650109', source: 'local' }, [[A, 9]]);
    await ok(await act('stat_mid', 'submit', '650109', A));
    await ok(await act('rev_pref', 'approve', '650109', A));
    const patch = async (body: Record<string, unknown>) => {
      const current = await call('stat_mid', 'GET', `/api/projects/${moved.id}`);
      return call('admin_officer', 'PATCH', `/api/projects/${moved.id}`, { ...body, version: (current.json() as { version: number }).version });
    };
    for (const body of [{ regionCode: '650102' }, { source: 'foreign' }]) {
      const res = await patch(body);
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json()).toMatchObject({ error: { code: 'CONFLICT', message: expect.stringContaining(`米东区 ${A}`) } });
    }
    // other fields still change
    expect((await patch({ description: '补充说明' })).statusCode).toBe(200);
    await ok(await act('rev_pref', 'reopen', '650109', A, { reason: '项目归属更正' }));
    expect((await patch({ source: 'foreign' })).statusCode).toBe(200);
  });

  it.runIf(kind === 'postgres')('an approval waits for a receipt change of its month in flight, so no change lands in a locked month', async () => {
    const A = '2026-06';
    await ok(await act('stat_mid', 'submit', '650109', A));
    const order: string[] = [];
    let approval: Promise<Awaited<ReturnType<TestApp['call']>>> | undefined;
    await t.deps.db.transaction(async (tx) => {
      // what addReceipt does first inside its transaction: check the month, holding its lock shared
      await assertMonthOpen(tx, '/650000/650100/650109/', A);
      approval = act('rev_pref', 'approve', '650109', A).then((res) => {
        order.push('approved');
        return res;
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      order.push('receipt change committing');
    });
    const approved = await approval;
    expect(approved?.statusCode, approved?.body).toBe(200);
    expect(order).toEqual(['receipt change committing', 'approved']);
    // and once approved, the month is locked
    expect((await call('stat_mid', 'POST', `/api/projects/${ids.P1}/receipts`, { month: A, amountYuan: 1 * WAN })).statusCode).toBe(409);
  });

  it('lists the sub-regions with due dates shifted past the National Day holiday, late and missing flags, and reminders', async () => {
    // 2026-09 is due on the 5th (county) / 8th (prefecture) / 10th (province) of October; 10-01…10-07 are off,
    // 10-08 is a working day and 10-10 (Saturday) a 调休 working day
    const status = await call('rev_pref', 'GET', '/api/returns/status?region=650100&month=2026-09&asOf=2026-10-09');
    expect(status.statusCode, status.body).toBe(200);
    const s = status.json() as { own: { dueDate: string; required: boolean }; items: { regionCode: string; required: boolean; dueDate: string; late: boolean; missing: boolean; dueSoon: boolean; state: string }[] };
    expect(s.own).toMatchObject({ dueDate: '2026-10-08', required: true });
    expect(s.items.find((i) => i.regionCode === '650109')).toMatchObject({ state: 'draft', required: true, dueDate: '2026-10-08', late: true, missing: true, dueSoon: false });
    expect(s.items.find((i) => i.regionCode === '650102')).toMatchObject({ required: true, late: true, missing: true });
    const empty = s.items.find((i) => i.regionCode === '650104');
    expect(empty).toMatchObject({ required: false, late: false, missing: false, dueDate: '2026-10-08' });
    expect(s.items.every((i) => i.regionCode.length === 6)).toBe(true); // parks file no return
    const onTime = (await call('rev_pref', 'GET', '/api/returns/status?region=650100&month=2026-09&asOf=2026-10-08')).json() as typeof s;
    expect(onTime.items.find((i) => i.regionCode === '650109')).toMatchObject({ late: false, missing: false, dueSoon: true });
    const province = (await call('rev_prov', 'GET', '/api/returns/status?region=650000&month=2026-09&asOf=2026-10-09')).json() as typeof s;
    expect(province.own.dueDate).toBe('2026-10-10');
    expect((await call('rev_pref', 'GET', '/api/returns/status?region=650200&month=2026-09')).statusCode).toBe(404);

    // the due day is a setting: county day 9 → 2026-10-09
    expect((await call('stat_mid', 'PUT', '/api/settings/reporting-calendar', { countyDay: 9, prefectureDay: 8, provinceDay: 10, reason: '调整' })).statusCode).toBe(403);
    const set = await call('admin', 'PUT', '/api/settings/reporting-calendar', { countyDay: 9, prefectureDay: 12, provinceDay: 15, reason: '按通知调整' });
    expect(set.statusCode, set.body).toBe(200);
    expect((await get('stat_mid', '650109', '2026-09')).dueDate).toBe('2026-10-09');
    expect((await call('admin', 'PUT', '/api/settings/reporting-calendar', { countyDay: 31, prefectureDay: 8, provinceDay: 10, reason: 'x' })).statusCode).toBe(400);
    await call('admin', 'PUT', '/api/settings/reporting-calendar', { countyDay: 5, prefectureDay: 8, provinceDay: 10, reason: '恢复' });

    // reminders: the caller's own late or due-soon returns
    const me: Caller = {
      actor: { id: ids.stat_mid ?? null, username: 'stat_mid', displayName: 'stat_mid', roles: ['statistician'], permissions: listPermissions(['statistician']), regionCode: '650109', regionPath: '/650000/650100/650109/' },
      clientIp: null,
      requestId: null,
    };
    const reminders = await listReminders(t.deps, me, '2026-10-06');
    const byMonth = new Map(reminders.items.map((i) => [i.month, i]));
    expect(byMonth.get('2026-08')).toMatchObject({ kind: 'late', dueDate: '2026-09-07', regionCode: '650109' }); // 09-05 is a Saturday
    expect(byMonth.get('2026-09')).toMatchObject({ kind: 'dueSoon', dueDate: '2026-10-08' });
    expect(byMonth.has('2026-10')).toBe(false); // due 11-05: not soon
    expect(byMonth.get(M)).toMatchObject({ kind: 'late', state: 'returned' }); // reopened, first submitted after its due date
    expect(reminders.items.every((i) => i.regionCode === '650109')).toBe(true);

    // a reviewer is reminded of submitted sub-region returns
    await ok(await act('stat_ts', 'submit', '650102', '2026-05'));
    const rev = await call('rev_pref', 'GET', '/api/returns/reminders');
    expect(rev.statusCode, rev.body).toBe(200);
    expect((rev.json() as { items: unknown[] }).items).toContainEqual(expect.objectContaining({ kind: 'toReview', regionCode: '650102', month: '2026-05' }));
  });
});
