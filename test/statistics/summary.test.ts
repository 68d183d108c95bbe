/**
 * The statistical definitions of DESIGN.md pinned with figures computed by hand. Data:
 *   A 米东 local:        2025-02 100万, 2026-01 300万, 2026-02 200万  → executing, continued
 *   B 天山 outOfRegion:  2026-03 1000万                              → executing, new
 *   C 米东园区 foreign:   2025-12 50万, 2026-04 70万                   → not executing in P (nothing in Jan–Mar)
 *   D 米东 outOfRegion:  2025-01 400万, 2026-02 0                     → not executing (zero); executing last year
 *   E 米东 local, terminated: 2026-01 60万                            → executing (money arrived), new
 *   F 米东 no source:    2026-03 10万                                 → executing, new, in no source
 * Signed (no receipts): S1 米东 2026-01-15 10亿 exactly, started 2026-03-31, investor 央企;
 *   S2 天山 2026-03-31 99,999,999 元, started 2026-04-01 (after the period); S3 米东 2026-02-10 1亿, terminated;
 *   S4 米东 2025-12-31 (outside); S5 米东 2026-02-01 100亿, started 2026-02-15.
 */
import { spawn } from 'node:child_process';
import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/db/schema/index';
import { createSystemCaller } from '../../src/services/context';
import { addReceipt, listReceipts, verifyReceipt } from '../../src/services/funds/funds';
import { changeProjectStage, createProject, type ProjectCreateInput } from '../../src/services/projects/projects';
import { createPark } from '../../src/services/regions';
import { setTarget } from '../../src/services/statistics/statistics';
import { createTestApp, type TestApp } from '../helpers/app';
import { DATABASE_KINDS } from '../helpers/databases';

const WAN = 10_000;

describe.each(DATABASE_KINDS)('statistics summary on %s', (kind) => {
  let t: TestApp;
  let reviewer: string;
  let prefectureReviewer: string;
  let parkCode = '';
  const sys = createSystemCaller('test');

  const project = async (input: Omit<ProjectCreateInput, 'name'> & { name?: string }, receipts: [string, number][] = []) => {
    const p = await createProject(t.deps, sys, { name: input.name ?? `项目${Math.random()}`, ...input });
    for (const [month, wan] of receipts) await addReceipt(t.deps, sys, p.id, { month, amountYuan: wan * WAN });
    return p;
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    const park = await createPark(t.deps, sys, { parentCode: '650109', name: '统计测试园区' });
    parkCode = park.code;
    await project({ name: 'A', regionCode: '650109', source: 'local', industryCode: '38' }, [['2025-02', 100], ['2026-01', 300], ['2026-02', 200]]);
    await project({ name: 'B', regionCode: '650102', source: 'outOfRegion', industryCode: '65' }, [['2026-03', 1000]]);
    await project({ name: 'C', regionCode: park.code, source: 'foreign' }, [['2025-12', 50], ['2026-04', 70]]);
    await project({ name: 'D', regionCode: '650109', source: 'outOfRegion' }, [['2025-01', 400], ['2026-02', 0]]);
    const e = await project({ name: 'E', regionCode: '650109', source: 'local' }, [['2026-01', 60]]);
    await changeProjectStage(t.deps, sys, e.id, { to: 'terminated', terminationReason: '投资方撤资', version: e.version });
    await project({ name: 'F', regionCode: '650109' }, [['2026-03', 10]]);

    const signed = (name: string, regionCode: string, signedDate: string, amount: number, startedDate?: string) =>
      project({ name, regionCode, source: 'outOfRegion', stage: startedDate ? 'started' : 'signed', investorName: `${name}投资方`, signedDate, signedAmountYuan: amount, startedDate: startedDate ?? null });
    await signed('S1', '650109', '2026-01-15', 1_000_000_000, '2026-03-31');
    await signed('S2', '650102', '2026-03-31', 99_999_999, '2026-04-01');
    const s3 = await signed('S3', '650109', '2026-02-10', 100_000_000);
    await changeProjectStage(t.deps, sys, s3.id, { to: 'terminated', terminationReason: '未履约', version: s3.version });
    await signed('S4', '650109', '2025-12-31', 500_000_000);
    await signed('S5', '650109', '2026-02-01', 10_000_000_000, '2026-02-15');
    await t.database.db.execute(sql`update enterprises set tags = '{央企}' where name = 'S1投资方'`);

    await t.createAccount('st_reviewer', ['reviewer'], '650100');
    await t.createAccount('st_region', ['reviewer'], '650000');
    reviewer = await t.login('st_reviewer');
    prefectureReviewer = await t.login('st_region');
  });
  afterAll(() => t.close());

  const summary = async (region: string, from: string, to: string, cookie = reviewer) => {
    const res = await t.call('GET', `/api/stats/summary?region=${region}&from=${from}&to=${to}`, { cookie });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Record<string, unknown>;
  };

  it('follows every definition for the prefecture, its whole subtree aggregated', async () => {
    const s = await summary('650100', '2026-01', '2026-03');
    expect(s).toEqual({
      region: '650100',
      from: '2026-01',
      to: '2026-03',
      excludeTags: [],
      executing: { projects: 4, fundsYuan: 1570 * WAN, lastYearFundsYuan: 500 * WAN, yoyPct: 214 },
      newProjects: { projects: 3, fundsYuan: 1070 * WAN },
      continuedProjects: { projects: 1, fundsYuan: 500 * WAN },
      bySource: {
        local: { projects: 2, fundsYuan: 560 * WAN, yoyPct: 460 },
        outOfRegion: { projects: 1, fundsYuan: 1000 * WAN, yoyPct: 150 },
        foreign: { projects: 0, fundsYuan: 0, yoyPct: null },
      },
      unknownSource: { projects: 1, fundsYuan: 10 * WAN },
      domestic: { projects: 3, fundsYuan: 1560 * WAN, yoyPct: 212 },
      signed: {
        projects: 4,
        amountYuan: 11_199_999_999,
        bands: [
          { minYuan: 100_000_000, projects: 3, amountYuan: 11_100_000_000, sharePct: 99.11 },
          { minYuan: 1_000_000_000, projects: 2, amountYuan: 11_000_000_000, sharePct: 98.21 },
          { minYuan: 5_000_000_000, projects: 1, amountYuan: 10_000_000_000, sharePct: 89.29 },
          { minYuan: 10_000_000_000, projects: 1, amountYuan: 10_000_000_000, sharePct: 89.29 },
        ],
        topInvestorProjects: 1,
        startRatePct: 50,
        fulfilmentRatePct: 75,
        // S1..S5 have no receipts: nothing in place since signing, 0 of 11,199,999,999 元
        fundsSinceSigningYuan: 0,
        fundsArrivalRatePct: 0,
        // S1..S5 carry no industry code and no chain node: in no sector, in no chain (shares of 4 projects / 11,199,999,999 元)
        bySector: {
          primary: { projects: 0, amountYuan: 0, projectSharePct: 0, amountSharePct: 0 },
          secondary: { projects: 0, amountYuan: 0, projectSharePct: 0, amountSharePct: 0 },
          tertiary: { projects: 0, amountYuan: 0, projectSharePct: 0, amountSharePct: 0 },
        },
        byChain: {},
        // S1's investor is 央企: 1 of 4 = 25 %; 1,000,000,000 / 11,199,999,999 = 8.9285… % → 8.93
        byInvestorTag: { 央企: { projects: 1, amountYuan: 1_000_000_000, projectSharePct: 25, amountSharePct: 8.93 } },
      },
      target: null,
    });
  });

  it('aggregates a county with its park, and gives null YoY over a zero base', async () => {
    const county = await summary('650109', '2026-01', '2026-03');
    expect(county.executing).toEqual({ projects: 3, fundsYuan: 570 * WAN, lastYearFundsYuan: 500 * WAN, yoyPct: 14 });
    expect(county.newProjects).toEqual({ projects: 2, fundsYuan: 70 * WAN });
    const sibling = await summary('650102', '2026-01', '2026-03');
    expect(sibling.executing).toEqual({ projects: 1, fundsYuan: 1000 * WAN, lastYearFundsYuan: 0, yoyPct: null });
    expect((sibling.signed as { startRatePct: number | null }).startRatePct).toBe(0); // S2 started after the period's end
    const empty = await summary('650121', '2026-01', '2026-03');
    expect(empty.signed).toMatchObject({ projects: 0, startRatePct: null, fulfilmentRatePct: null, fundsArrivalRatePct: null });
  });

  it('computes completion, schedule and ahead/behind from the target the parent level set', async () => {
    const own = await t.call('PUT', '/api/targets/650100/2026', { cookie: reviewer, body: { fundsTargetYuan: 6000 * WAN, reason: '年度计划' } });
    expect(own.statusCode).toBe(403);
    const set = await t.call('PUT', '/api/targets/650100/2026', { cookie: prefectureReviewer, body: { fundsTargetYuan: 6000 * WAN, reason: '年度计划' } });
    expect(set.statusCode, set.body).toBe(200);
    // Jan–Mar: completion 1570/6000 = 26.17 %, schedule 3/12 = 25 %, ahead (12·1570 − 3·6000)/(12·6000) = 1.17 points
    expect((await summary('650100', '2026-01', '2026-03')).target).toEqual({ annualYuan: 6000 * WAN, completionPct: 26.17, schedulePct: 25, aheadPts: 1.17 });
    // a period not starting in January still measures the year to date
    const febMar = await summary('650100', '2026-02', '2026-03');
    expect(febMar.executing).toEqual({ projects: 3, fundsYuan: 1210 * WAN, lastYearFundsYuan: 100 * WAN, yoyPct: 1110 });
    expect(febMar.target).toEqual({ annualYuan: 6000 * WAN, completionPct: 26.17, schedulePct: 25, aheadPts: 1.17 });
  });

  it('leaves out receipts that do not count under "proof before it counts"', async () => {
    await t.createAccount('st_sys', ['sysadmin'], '650100');
    const sys2 = await t.login('st_sys');
    await t.call('PUT', '/api/settings/evidence-policy', { cookie: sys2, body: { stagesNeedingEvidence: [], receiptNeedsEvidence: false, receiptNeedsVerification: true, reason: '须核实' } });
    try {
      expect((await summary('650100', '2026-01', '2026-03')).executing).toEqual({ projects: 0, fundsYuan: 0, lastYearFundsYuan: 0, yoyPct: null });
    } finally {
      await t.call('PUT', '/api/settings/evidence-policy', { cookie: sys2, body: { stagesNeedingEvidence: [], receiptNeedsEvidence: false, receiptNeedsVerification: false, reason: '恢复' } });
    }
  });

  it('breaks the funds down by sub-region with share, contribution and pull, by sector and section, and by month', async () => {
    const res = await t.call('GET', '/api/stats/breakdowns?region=650100&from=2026-01&to=2026-03', { cookie: reviewer });
    expect(res.statusCode, res.body).toBe(200);
    const b = res.json() as {
      total: unknown;
      bySubRegion: { code: string }[];
      bySector: unknown[];
      bySection: { key: string; name: string; fundsYuan: number }[];
      monthly: unknown;
    };
    expect(b.total).toEqual({ fundsYuan: 1570 * WAN, lastYearFundsYuan: 500 * WAN });
    // 米东: 570 of 1570 = 36.31 %; growth 70 of the region's 1070 = 6.54 %; 70 / last year's 500 = 14 points
    expect(b.bySubRegion.find((r) => r.code === '650109')).toEqual({
      code: '650109',
      name: '米东区',
      projects: 3,
      fundsYuan: 570 * WAN,
      lastYearFundsYuan: 500 * WAN,
      yoyPct: 14,
      sharePct: 36.31,
      contributionPct: 6.54,
      pullPts: 14,
    });
    expect(b.bySubRegion.find((r) => r.code === '650102')).toMatchObject({ projects: 1, sharePct: 63.69, contributionPct: 93.46, pullPts: 200, yoyPct: null });
    expect(b.bySubRegion.find((r) => r.code === '650121')).toMatchObject({ projects: 0, fundsYuan: 0, sharePct: 0 });
    expect(b.bySector).toEqual([
      { key: '2', name: '第二产业', projects: 1, fundsYuan: 500 * WAN, lastYearFundsYuan: 100 * WAN, yoyPct: 400, sharePct: 31.85, contributionPct: 37.38, pullPts: 80 },
      { key: '3', name: '第三产业', projects: 1, fundsYuan: 1000 * WAN, lastYearFundsYuan: 0, yoyPct: null, sharePct: 63.69, contributionPct: 93.46, pullPts: 200 },
      { key: '', name: '未填行业', projects: 2, fundsYuan: 70 * WAN, lastYearFundsYuan: 400 * WAN, yoyPct: -82.5, sharePct: 4.46, contributionPct: -30.84, pullPts: -66 },
    ]);
    expect(b.bySection.map((s) => [s.key, s.name, s.fundsYuan])).toEqual([
      ['C', '制造业', 500 * WAN],
      ['I', '信息传输、软件和信息技术服务业', 1000 * WAN],
      ['', '未填行业', 70 * WAN],
    ]);
    expect(b.monthly).toEqual({
      year: 2026,
      thisYear: [360, 200, 1010, 70, 0, 0, 0, 0, 0, 0, 0, 0].map((w) => w * WAN),
      lastYear: [400, 100, 0, 0, 0, 0, 0, 0, 0, 0, 0, 50].map((w) => w * WAN),
    });
  });

  it("gives a county's own projects a row of their own (本级) before its park, and funds without an investor as 其他投资方", async () => {
    const res = await t.call('GET', '/api/stats/breakdowns?region=650109&from=2026-01&to=2026-03', { cookie: reviewer });
    expect(res.statusCode, res.body).toBe(200);
    const b = res.json() as { total: unknown; bySubRegion: unknown[]; byInvestorType: unknown[]; monthly: unknown };
    // 米东 itself holds A (500万; last year 100万), D (last year 400万), E (60万), F (10万); the park's C has nothing in Jan–Mar
    expect(b.total).toEqual({ fundsYuan: 570 * WAN, lastYearFundsYuan: 500 * WAN });
    const whole = { projects: 3, fundsYuan: 570 * WAN, lastYearFundsYuan: 500 * WAN, yoyPct: 14, sharePct: 100, contributionPct: 100, pullPts: 14 };
    expect(b.bySubRegion).toEqual([
      { code: '650109', name: '米东区（本级）', ...whole },
      { code: parkCode, name: '统计测试园区', projects: 0, fundsYuan: 0, lastYearFundsYuan: 0, yoyPct: null, sharePct: 0, contributionPct: 0, pullPts: 0 },
    ]);
    expect(b.byInvestorType).toEqual([{ key: '', name: '其他投资方', ...whole }]);
    expect(b.monthly).toEqual({
      year: 2026,
      thisYear: [360, 200, 10, 70, 0, 0, 0, 0, 0, 0, 0, 0].map((w) => w * WAN),
      lastYear: [400, 100, 0, 0, 0, 0, 0, 0, 0, 0, 0, 50].map((w) => w * WAN),
    });
    // a period across the year boundary is answered (test/statistics/signed-structure.test.ts pins its figures)
    const across = await t.call('GET', '/api/stats/breakdowns?region=650109&from=2025-12&to=2026-01', { cookie: reviewer });
    expect(across.statusCode, across.body).toBe(200);
    // 米东 2025-12..2026-01: C (park) 50万 in 2025-12, A 300万 and E 60万 in 2026-01
    expect(across.json()).toMatchObject({ from: '2025-12', to: '2026-01', total: { fundsYuan: 410 * WAN } });
    const inverted = await t.call('GET', '/api/stats/breakdowns?region=650109&from=2026-01&to=2025-12', { cookie: reviewer });
    expect(inverted.statusCode).toBe(400);
    expect(inverted.json()).toMatchObject({ error: { code: 'VALIDATION', details: [{ field: 'from' }] } });
  });

  it('ranks the sub-regions (赛马榜) with the change against the previous quarter', async () => {
    const res = await t.call('GET', '/api/stats/rankings?region=650100&period=quarter&to=2026-03', { cookie: reviewer });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json() as { current: unknown; previous: unknown; items: { code: string; metrics: Record<string, { value: number | null; rank: number | null; previousRank: number | null; change: number | null }> }[] };
    expect(r.current).toEqual({ from: '2026-01', to: '2026-03' });
    expect(r.previous).toEqual({ from: '2025-10', to: '2025-12' });
    const tianshan = r.items.find((i) => i.code === '650102');
    const midong = r.items.find((i) => i.code === '650109');
    // funds: 天山 1000万 first, 米东 570万 second; last quarter only 米东 had funds (park C, 2025-12, 50万)
    expect(tianshan?.metrics.funds).toEqual({ value: 1000 * WAN, rank: 1, previousRank: 2, change: 1 });
    expect(midong?.metrics.funds).toEqual({ value: 570 * WAN, rank: 2, previousRank: 1, change: -1 });
    expect(r.items.find((i) => i.code === '650121')?.metrics.funds).toMatchObject({ value: 0, rank: 3 });
    // YoY over a zero base is unranked
    expect(tianshan?.metrics.yoy).toMatchObject({ value: null, rank: null });
    expect(midong?.metrics.yoy).toMatchObject({ value: 14, rank: 1 });
  });

  it('gives 资金到位率: funds from each signed-in-P project\'s signing month through P\'s end ÷ their signed amount', async () => {
    // 克拉玛依区, outside the prefecture above. G signed 2026-02-20 for 2000万: 2026-01 100万 (before its signing month, out),
    // 2026-02 300万 and 2026-03 200万 (in), 2026-04 500万 (after P, out). K signed 2026-03-01 for 3000万, nothing in place.
    // H signed 2025-11-05 (before P, not a signed project of P): its 2026-02 999万 is out.
    const signedIn = (name: string, signedDate: string, wan: number, receipts: [string, number][]) =>
      project({ name, regionCode: '650203', source: 'outOfRegion', stage: 'signed', investorName: `${name}投资方`, signedDate, signedAmountYuan: wan * WAN }, receipts);
    const g = await signedIn('G', '2026-02-20', 2000, [['2026-01', 100], ['2026-02', 300], ['2026-03', 200], ['2026-04', 500]]);
    await signedIn('K', '2026-03-01', 3000, []);
    await signedIn('H', '2025-11-05', 800, [['2026-02', 999]]);
    const s = await summary('650203', '2026-01', '2026-03', prefectureReviewer);
    // (300 + 200) 万 ÷ (2000 + 3000) 万 = 10 %
    expect(s.signed).toMatchObject({ projects: 2, amountYuan: 5000 * WAN, fundsSinceSigningYuan: 500 * WAN, fundsArrivalRatePct: 10 });
    // through April G's 500万 counts too: 1000万 ÷ 5000万 = 20 %
    expect((await summary('650203', '2026-01', '2026-04', prefectureReviewer)).signed).toMatchObject({ fundsSinceSigningYuan: 1000 * WAN, fundsArrivalRatePct: 20 });
    // a period with no signed project: no base, null
    expect((await summary('650203', '2026-06', '2026-06', prefectureReviewer)).signed).toMatchObject({ projects: 0, fundsSinceSigningYuan: 0, fundsArrivalRatePct: null });
    // "proof before it counts": with verification required, only G's verified 2026-02 300万 counts: 300万 ÷ 5000万 = 6 %
    const february = (await listReceipts(t.deps, sys, g.id)).find((r) => r.month === '2026-02')!;
    await verifyReceipt(t.deps, sys, february.id, february.version);
    await t.createAccount('st_sys_arrival', ['sysadmin'], '650000');
    const sysadmin = await t.login('st_sys_arrival');
    const policy = (needed: boolean) => ({ stagesNeedingEvidence: [], receiptNeedsEvidence: false, receiptNeedsVerification: needed, reason: needed ? '须核实' : '恢复' });
    expect((await t.call('PUT', '/api/settings/evidence-policy', { cookie: sysadmin, body: policy(true) })).statusCode).toBe(200);
    try {
      expect((await summary('650203', '2026-01', '2026-03', prefectureReviewer)).signed).toMatchObject({ fundsSinceSigningYuan: 300 * WAN, fundsArrivalRatePct: 6 });
    } finally {
      await t.call('PUT', '/api/settings/evidence-policy', { cookie: sysadmin, body: policy(false) });
    }
  });

  it('refuses a period ending before it starts, and regions outside the scope', async () => {
    const inverted = await t.call('GET', '/api/stats/summary?region=650100&from=2026-01&to=2025-12', { cookie: reviewer });
    expect(inverted.json()).toMatchObject({ error: { code: 'VALIDATION', message: '起始月份不能晚于截止月份', details: [{ field: 'from' }] } });
    for (const url of ['/api/stats/summary?region=650200&from=2026-01&to=2026-03', '/api/stats/breakdowns?region=650200&from=2026-01&to=2026-03', '/api/targets/650200/2026']) {
      const res = await t.call('GET', url, { cookie: reviewer });
      expect(res.statusCode, url).toBe(404);
      expect(res.json(), url).toMatchObject({ error: { code: 'NOT_FOUND', details: [{ field: url.startsWith('/api/targets') ? 'regionCode' : 'region' }] } });
    }
    const put = await t.call('PUT', '/api/targets/650200/2027', { cookie: reviewer, body: { fundsTargetYuan: 1, reason: '试' } });
    expect(put.statusCode).toBe(404);
    expect(put.json()).toMatchObject({ error: { code: 'NOT_FOUND', details: [{ field: 'regionCode' }] } });
  });

  it('sets annual targets from the parent level only, reads them back, and audits each change', async () => {
    // 2027: no figures of the other tests change
    const url = '/api/targets/650109/2027';
    const read = async () => {
      const res = await t.call('GET', url, { cookie: reviewer });
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as unknown;
    };
    const put = async (body: Record<string, unknown>) => {
      const res = await t.call('PUT', url, { cookie: reviewer, body: { reason: '年度计划', ...body } });
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as unknown;
    };
    expect(await read()).toBeNull();
    const first = { regionCode: '650109', regionName: '米东区', year: 2027, fundsTargetYuan: 800 * WAN, signedTargetYuan: null };
    expect(await put({ fundsTargetYuan: 800 * WAN })).toEqual(first);
    expect(await read()).toEqual(first);
    const second = { ...first, fundsTargetYuan: 900 * WAN, signedTargetYuan: 20_000 * WAN };
    expect(await put({ fundsTargetYuan: 900 * WAN, signedTargetYuan: 20_000 * WAN, reason: '调增' })).toEqual(second);
    expect(await read()).toEqual(second);
    expect(await put({ fundsTargetYuan: 900 * WAN, signedTargetYuan: null, reason: '不设签约目标' })).toEqual({ ...second, signedTargetYuan: null });
    expect(await read()).toEqual({ ...second, signedTargetYuan: null });

    const audit = await t.database.db
      .select({ action: auditLog.action, objectType: auditLog.objectType, regionCode: auditLog.regionCode, actorUsername: auditLog.actorUsername, before: auditLog.before, after: auditLog.after, reason: auditLog.reason })
      .from(auditLog)
      .where(eq(auditLog.objectId, '650109/2027'))
      .orderBy(asc(auditLog.id));
    const row = { action: 'target.set', objectType: 'target', regionCode: '650109', actorUsername: 'st_reviewer' };
    expect(audit).toEqual([
      { ...row, before: null, after: { fundsTargetYuan: 800 * WAN, signedTargetYuan: null }, reason: '年度计划' },
      { ...row, before: { fundsTargetYuan: 800 * WAN, signedTargetYuan: null }, after: { fundsTargetYuan: 900 * WAN, signedTargetYuan: 20_000 * WAN }, reason: '调增' },
      { ...row, before: { fundsTargetYuan: 900 * WAN, signedTargetYuan: 20_000 * WAN }, after: { fundsTargetYuan: 900 * WAN, signedTargetYuan: null }, reason: '不设签约目标' },
    ]);

    // the region's own level cannot set its target; the refusal names the region
    const own = await t.call('PUT', '/api/targets/650100/2027', { cookie: reviewer, body: { fundsTargetYuan: 6000 * WAN, reason: '年度计划' } });
    expect(own.statusCode).toBe(403);
    expect(own.json()).toMatchObject({ error: { code: 'FORBIDDEN', message: expect.stringContaining('乌鲁木齐市') } });
    expect((await t.call('GET', '/api/targets/650100/2027', { cookie: reviewer })).json()).toBeNull();
  });

  it('refuses a funds target that is not a whole number of yuan above 0 (called without the HTTP schema)', async () => {
    for (const fundsTargetYuan of [0, -1, 1.5, Number.MAX_SAFE_INTEGER + 2]) {
      await expect(setTarget(t.deps, sys, { regionCode: '650109', year: 2028, fundsTargetYuan, signedTargetYuan: null, reason: '试' }), String(fundsTargetYuan)).rejects.toMatchObject({
        code: 'VALIDATION',
        // the wording may change (or be translated); both texts name the bound
        message: expect.stringContaining('0'),
        details: [{ field: 'fundsTargetYuan', message: expect.stringContaining('0') }],
      });
    }
    expect(await setTarget(t.deps, sys, { regionCode: '650109', year: 2028, fundsTargetYuan: 1, signedTargetYuan: null, reason: '试' })).toMatchObject({ fundsTargetYuan: 1 });
  });

  it.runIf(kind === 'postgres')('prints the same object from bin/yinfeng stats --json as the API returns', async () => {
    const api = await summary('650100', '2026-01', '2026-03');
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, ['bin/yinfeng', 'stats', '--region', '650100', '--from', '2026-01', '--to', '2026-03', '--json'], {
        env: { ...process.env, DATABASE_URL: t.database.url ?? '' },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
      child.on('close', (code) => {
        clearTimeout(timer);
        if (code === 0) resolve(stdout);
        else reject(new Error(`exit ${code}: ${stderr}`));
      });
    });
    expect(JSON.parse(out)).toEqual(api);
  });
});
