/**
 * 赛马榜: every one of the five metrics pinned per sub-region with values computed by hand, so that a
 * metric computed from another indicator (last year's funds, domestic growth, schedule, fulfilment…)
 * changes a value. Quarter to 2026-03: current 2026-01…03, previous 2025-10…12, YoY base 2025-01…03.
 *   天山 650102: receipts (foreign) 2025-02 100万, 2025-11 20万, 2026-02 300万; target 2026 1000万;
 *                signed 2026-01-10 5亿 started 2026-02-01, signed 2026-03-01 1亿 not started
 *     → funds 300万, YoY (300−100)/100 = 200 %, completion 300/1000 = 30 %, signed 6亿, start rate 1/2 = 50 %
 *     previous: funds 20万, YoY null (nothing in 2024-10…12), completion null (no 2025 target), signed 0, start rate null
 *   米东 650109: receipts (no source) 2025-01 400万, 2026-01 800万; target 2026 4000万;
 *                signed 2026-02-01 2亿 started 2026-03-01; signed 2025-11-15 3亿 started 2025-12-01
 *     → funds 800万, YoY 100 %, completion 20 %, signed 2亿, start rate 100 %
 *     previous: funds 0, signed 3亿, start rate 100 %
 *   every other district: nothing (funds 0 and signed 0 ranked last, rates null and unranked)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSystemCaller } from '../../src/services/context';
import { addReceipt } from '../../src/services/funds/funds';
import { createProject, type ProjectCreateInput } from '../../src/services/projects/projects';
import { createPark } from '../../src/services/regions';
import { setTarget } from '../../src/services/statistics/statistics';
import { getRankings } from '../../src/services/statistics/statistics-rankings';
import { createTestApp, type TestApp } from '../helpers/app';
import { DATABASE_KINDS } from '../helpers/databases';

const WAN = 10_000;
const YI = 100_000_000;

type Metric = { value: number | null; rank: number | null; previousRank: number | null; change: number | null };
type Metrics = Record<'funds' | 'yoy' | 'completion' | 'signedAmount' | 'startRate', Metric>;

const m = (value: number | null, rank: number | null, previousRank: number | null): Metric => ({
  value,
  rank,
  previousRank,
  change: rank !== null && previousRank !== null ? previousRank - rank : null,
});

describe.each(DATABASE_KINDS)('rankings on %s', (kind) => {
  let t: TestApp;
  let reviewer: string;
  const sys = createSystemCaller('test');

  beforeAll(async () => {
    t = await createTestApp(kind);
    const project = async (input: Omit<ProjectCreateInput, 'name'> & { name: string }, receipts: [string, number][] = []) => {
      const p = await createProject(t.deps, sys, input);
      for (const [month, wan] of receipts) await addReceipt(t.deps, sys, p.id, { month, amountYuan: wan * WAN });
    };
    const signed = (name: string, regionCode: string, signedDate: string, amountYuan: number, startedDate: string | null) =>
      project({ name, regionCode, source: 'outOfRegion', stage: startedDate ? 'started' : 'signed', investorName: `${name}投资方`, signedDate, signedAmountYuan: amountYuan, startedDate });

    await project({ name: '天山资金', regionCode: '650102', source: 'foreign' }, [['2025-02', 100], ['2025-11', 20], ['2026-02', 300]]);
    await signed('天山签约甲', '650102', '2026-01-10', 5 * YI, '2026-02-01');
    await signed('天山签约乙', '650102', '2026-03-01', 1 * YI, null);
    await setTarget(t.deps, sys, { regionCode: '650102', year: 2026, fundsTargetYuan: 1000 * WAN, signedTargetYuan: null, reason: '年度计划' });

    await project({ name: '米东资金', regionCode: '650109' }, [['2025-01', 400], ['2026-01', 800]]);
    await signed('米东签约甲', '650109', '2026-02-01', 2 * YI, '2026-03-01');
    await signed('米东签约乙', '650109', '2025-11-15', 3 * YI, '2025-12-01');
    await setTarget(t.deps, sys, { regionCode: '650109', year: 2026, fundsTargetYuan: 4000 * WAN, signedTargetYuan: null, reason: '年度计划' });

    await t.createAccount('rk_reviewer', ['reviewer'], '650100');
    reviewer = await t.login('rk_reviewer');
  });
  afterAll(() => t.close());

  const rankings = async (query: string) => {
    const res = await t.call('GET', `/api/stats/rankings?${query}`, { cookie: reviewer });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { current: unknown; previous: unknown; unranked: Record<string, unknown>; items: { code: string; name: string; metrics: Metrics }[] };
  };

  it('gives each metric its own value and rank per sub-region, with the change against the previous quarter', async () => {
    const r = await rankings('region=650100&period=quarter&to=2026-03');
    expect(r.current).toEqual({ from: '2026-01', to: '2026-03' });
    expect(r.previous).toEqual({ from: '2025-10', to: '2025-12' });
    const of = (code: string) => r.items.find((i) => i.code === code)?.metrics;
    expect(of('650102')).toEqual({
      funds: m(300 * WAN, 2, 1),
      yoy: m(200, 1, null),
      completion: m(30, 1, null),
      signedAmount: m(6 * YI, 1, 2),
      startRate: m(50, 2, null),
    });
    expect(of('650109')).toEqual({
      funds: m(800 * WAN, 1, 2),
      yoy: m(100, 2, null),
      completion: m(20, 2, null),
      signedAmount: m(2 * YI, 2, 1),
      startRate: m(100, 1, 1),
    });
    const others = r.items.filter((i) => i.code !== '650102' && i.code !== '650109');
    expect(others.length).toBeGreaterThan(0);
    for (const other of others) {
      expect(other.metrics).toEqual({
        funds: m(0, 3, 2),
        yoy: m(null, null, null),
        completion: m(null, null, null),
        signedAmount: m(0, 3, 2),
        startRate: m(null, null, null),
      });
    }
  });

  it('ranks a single month and a year to date by the same metrics', async () => {
    // February alone: 天山 300万 against last February's 100万; 米东 no funds, signed 2亿 not started by 02-28;
    // completion measures January–February against the annual target
    const feb = await rankings('region=650100&period=month&to=2026-02');
    const febOf = (code: string) => feb.items.find((i) => i.code === code)?.metrics;
    expect(febOf('650102')).toMatchObject({ funds: { value: 300 * WAN, rank: 1 }, yoy: { value: 200, rank: 1 }, completion: { value: 30, rank: 1 }, signedAmount: { value: 0, rank: 2 }, startRate: { value: null, rank: null } });
    expect(febOf('650109')).toMatchObject({ funds: { value: 0, rank: 2 }, yoy: { value: null, rank: null }, completion: { value: 20, rank: 2 }, signedAmount: { value: 2 * YI, rank: 1 }, startRate: { value: 0, rank: null } });
    // the only start rate known is 0: a ranking of zeros says nothing, so it says so instead
    expect(feb.unranked).toEqual({
      funds: null,
      yoy: null,
      completion: null,
      signedAmount: null,
      startRate: { reason: 'allZero', message: '各下级地区本期开工率均为 0，不排名' },
    });
    // the year to March against January–March 2025: the same values as the first quarter, previous ranks from 2025
    const year = await rankings('region=650100&period=year&to=2026-03');
    expect(year.previous).toEqual({ from: '2025-01', to: '2025-03' });
    const yearOf = (code: string) => year.items.find((i) => i.code === code)?.metrics;
    expect(yearOf('650109')).toEqual({
      funds: m(800 * WAN, 1, 1),
      yoy: m(100, 2, null),
      completion: m(20, 2, null),
      signedAmount: m(2 * YI, 2, null), // nobody signed in January–March 2025: no previous ranking
      startRate: m(100, 1, null),
    });
  });

  it('says why a metric is not ranked: all zeros, no data at all; the previous period likewise', async () => {
    // March alone against February. March: no funds anywhere; no YoY base; 天山乙 signed 1亿 on 03-01, not started
    // (start rate 0, the only one known). February: 天山 300万 (YoY 200 %), 米东 signed 2亿 not started by 02-28.
    // Completion is the year to date against the annual target: 30 % and 20 % in both months.
    const r = await rankings('region=650100&period=month&to=2026-03');
    expect(r.previous).toEqual({ from: '2026-02', to: '2026-02' });
    expect(r.unranked).toEqual({
      funds: { reason: 'allZero', message: '各下级地区本期到位资金均为 0，不排名' },
      yoy: { reason: 'noData', message: '各下级地区本期均无同比增速数据，不排名' },
      completion: null,
      signedAmount: null,
      startRate: { reason: 'allZero', message: '各下级地区本期开工率均为 0，不排名' },
    });
    const of = (code: string) => r.items.find((i) => i.code === code)?.metrics;
    expect(of('650102')).toEqual({
      funds: m(0, null, 1),
      yoy: m(null, null, 1),
      completion: m(30, 1, 1),
      signedAmount: m(1 * YI, 1, 2),
      startRate: m(0, null, null), // February's start rates: only 米东's 0 → not ranked either
    });
    expect(of('650109')).toEqual({
      funds: m(0, null, 2),
      yoy: m(null, null, null),
      completion: m(20, 2, 2),
      signedAmount: m(0, 2, 1),
      startRate: m(null, null, null),
    });
    const others = r.items.filter((i) => i.code !== '650102' && i.code !== '650109');
    expect(others.length).toBeGreaterThan(0);
    for (const other of others) {
      expect(other.metrics).toEqual({ funds: m(0, null, 2), yoy: m(null, null, null), completion: m(null, null, null), signedAmount: m(0, 2, 2), startRate: m(null, null, null) });
    }
  });

  it('does not rank one sub-region, nor a region without any', async () => {
    const park = await createPark(t.deps, sys, { parentCode: '650102', name: '赛马榜测试园区' });
    const single = await rankings('region=650102&period=quarter&to=2026-03');
    expect(single.unranked).toEqual({
      funds: { reason: 'single', message: '天山区只有 1 个下级地区，到位资金不排名' },
      yoy: { reason: 'single', message: '天山区只有 1 个下级地区，同比增速不排名' },
      completion: { reason: 'single', message: '天山区只有 1 个下级地区，目标完成率不排名' },
      signedAmount: { reason: 'single', message: '天山区只有 1 个下级地区，签约额不排名' },
      startRate: { reason: 'single', message: '天山区只有 1 个下级地区，开工率不排名' },
    });
    const english = await t.call('GET', '/api/stats/rankings?region=650102&period=quarter&to=2026-03', { cookie: reviewer, headers: { 'accept-language': 'en' } });
    expect((english.json() as { unranked: Record<string, unknown> }).unranked.startRate).toEqual({ reason: 'single', message: '天山区 has only 1 sub-region; start rate is not ranked' });
    expect(single.items).toEqual([
      { code: park.code, name: '赛马榜测试园区', metrics: { funds: m(0, null, null), yoy: m(null, null, null), completion: m(null, null, null), signedAmount: m(0, null, null), startRate: m(null, null, null) } },
    ]);
    // two sub-regions are ranked: here both have nothing, which says so instead
    await createPark(t.deps, sys, { parentCode: '650102', name: '赛马榜测试二园' });
    const two = await rankings('region=650102&period=quarter&to=2026-03');
    expect(two.items).toHaveLength(2);
    expect(two.unranked).toMatchObject({ funds: { reason: 'allZero' }, yoy: { reason: 'noData' }, signedAmount: { reason: 'allZero' } });
    const none = await rankings('region=650109&period=quarter&to=2026-03');
    expect(none.items).toEqual([]);
    expect(Object.values(none.unranked)).toEqual(Array.from({ length: 5 }, () => ({ reason: 'single', message: '米东区没有下级地区，不排名' })));
  });

  it('refuses a region outside the caller\'s scope, naming the query field', async () => {
    const res = await t.call('GET', '/api/stats/rankings?region=650200&period=quarter&to=2026-03', { cookie: reviewer });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: { code: 'NOT_FOUND', details: [{ field: 'region' }] } });
  });

  it('refuses a month not written YYYY-MM (called without the HTTP schema)', async () => {
    for (const to of ['2026-13', '2026-00', '2026-3', '2026-031', 'x2026-03', '202-03', '2026/03', '']) {
      // the wording may change (or be translated); the message names the month and the format
      await expect(getRankings(t.deps, sys, { region: '650100', period: 'month', to }), to).rejects.toMatchObject({
        code: 'VALIDATION',
        message: expect.stringMatching(new RegExp(`${to}.*YYYY-MM`)),
        details: [{ field: 'to', message: expect.stringContaining('YYYY-MM') }],
      });
    }
    for (const to of ['2026-01', '2026-10', '2026-12']) {
      expect((await getRankings(t.deps, sys, { region: '650100', period: 'month', to })).current, to).toEqual({ from: to, to });
    }
  });
});
