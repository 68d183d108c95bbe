/**
 * The summary and breakdown arithmetic of src/domain/indicators.ts on hand-made aggregates (the
 * database-backed test/statistics/summary.test.ts checks the same definitions end to end).
 */
import { describe, expect, it } from 'vitest';
import { buildBreakdownRow, buildSummary, checkPeriod, lastDayOfMonth, rankDescending, resolveRankingPeriods, shiftPeriodYear, type FundsBySource, type SignedAggregates } from '../../src/domain/indicators';

const WAN = 10_000n;
const row = (source: FundsBySource['source'], projects: number, funds: number, newProjects: number, newFunds: number, lastYearProjects: number, lastYear: number): FundsBySource => ({
  source,
  projects,
  fundsYuan: BigInt(funds) * WAN,
  newProjects,
  newFundsYuan: BigInt(newFunds) * WAN,
  lastYearProjects,
  lastYearFundsYuan: BigInt(lastYear) * WAN,
});

describe('statistical periods', () => {
  it('checks the format and the order of a period, which may span years', () => {
    expect(checkPeriod({ from: '2026-01', to: '2026-03' })).toBeNull();
    expect(checkPeriod({ from: '2026-03', to: '2026-03' })).toBeNull();
    expect(checkPeriod({ from: '2026-1', to: '2026-03' })).toBe('起始月份“2026-1”格式应为 YYYY-MM');
    expect(checkPeriod({ from: 'x2026-01', to: '2026-03' })).toBe('起始月份“x2026-01”格式应为 YYYY-MM');
    expect(checkPeriod({ from: '2026-00', to: '2026-03' })).toBe('起始月份“2026-00”格式应为 YYYY-MM');
    expect(checkPeriod({ from: '2026-01', to: '2026-13' })).toBe('截止月份“2026-13”格式应为 YYYY-MM');
    expect(checkPeriod({ from: '2026-01', to: '2026-03x' })).toBe('截止月份“2026-03x”格式应为 YYYY-MM');
    expect(checkPeriod({ from: '2026-10', to: '2026-1O' })).toBe('截止月份“2026-1O”格式应为 YYYY-MM');
    // periods span years (DESIGN.md, second half: "2020年以来" = 2020-01..the current month)
    expect(checkPeriod({ from: '2025-12', to: '2026-01' })).toBeNull();
    expect(checkPeriod({ from: '2020-01', to: '2026-11' })).toBeNull();
    expect(checkPeriod({ from: '2026-04', to: '2026-03' })).toBe('起始月份不能晚于截止月份');
    expect(checkPeriod({ from: '2026-01', to: '2025-12' })).toBe('起始月份不能晚于截止月份');
  });

  it('shifts a period by years and names the last day of a month', () => {
    expect(shiftPeriodYear({ from: '2026-01', to: '2026-03' })).toEqual({ from: '2025-01', to: '2025-03' });
    expect(shiftPeriodYear({ from: '2026-01', to: '2026-03' }, 2)).toEqual({ from: '2028-01', to: '2028-03' });
    expect(lastDayOfMonth('2024-02')).toBe('2024-02-29');
    expect(lastDayOfMonth('2026-02')).toBe('2026-02-28');
    expect(lastDayOfMonth('2026-12')).toBe('2026-12-31');
    expect(lastDayOfMonth('2026-04')).toBe('2026-04-30');
  });

  it('compares a month with the one before, across the new year too', () => {
    expect(resolveRankingPeriods('month', '2026-07').previous).toEqual({ from: '2026-06', to: '2026-06' });
    expect(resolveRankingPeriods('quarter', '2026-12')).toEqual({ current: { from: '2026-10', to: '2026-12' }, previous: { from: '2026-07', to: '2026-09' } });
    expect(rankDescending([null, 0, null])).toEqual([null, 1, null]);
    expect(rankDescending([3, 3])).toEqual([1, 1]);
  });
});

describe('summary arithmetic', () => {
  const funds = [
    row('local', 2, 560, 1, 60, 1, 100),
    row('outOfRegion', 1, 1000, 1, 1000, 1, 400),
    row('foreign', 1, 30, 0, 0, 1, 60),
    row(null, 1, 10, 1, 10, 0, 0),
  ];
  const signed: SignedAggregates = {
    projects: 4,
    amountYuan: 2_000_000_000n,
    bands: [
      { minYuan: 100_000_000n, projects: 3, amountYuan: 1_900_000_000n },
      { minYuan: 1_000_000_000n, projects: 1, amountYuan: 1_000_000_000n },
    ],
    topInvestorProjects: 1,
    startedByEnd: 1,
    notTerminated: 3,
    fundsSinceSigningYuan: 246_900_000n,
  };

  it('adds the sources up, splits new from continued, and rounds the rates half up', () => {
    const s = buildSummary('650100', { from: '2026-01', to: '2026-03' }, funds, signed, { annualYuan: 6000n * WAN, yearToDateYuan: 1600n * WAN, month: 3 });
    expect(s).toEqual({
      region: '650100',
      from: '2026-01',
      to: '2026-03',
      executing: { projects: 5, fundsYuan: 1600 * 10_000, lastYearFundsYuan: 560 * 10_000, yoyPct: 185.71 },
      newProjects: { projects: 3, fundsYuan: 1070 * 10_000 },
      continuedProjects: { projects: 2, fundsYuan: 530 * 10_000 },
      bySource: {
        local: { projects: 2, fundsYuan: 560 * 10_000, yoyPct: 460 },
        outOfRegion: { projects: 1, fundsYuan: 1000 * 10_000, yoyPct: 150 },
        foreign: { projects: 1, fundsYuan: 30 * 10_000, yoyPct: -50 },
      },
      unknownSource: { projects: 1, fundsYuan: 10 * 10_000 },
      domestic: { projects: 3, fundsYuan: 1560 * 10_000, yoyPct: 212 },
      signed: {
        projects: 4,
        amountYuan: 2_000_000_000,
        bands: [
          { minYuan: 100_000_000, projects: 3, amountYuan: 1_900_000_000, sharePct: 95 },
          { minYuan: 1_000_000_000, projects: 1, amountYuan: 1_000_000_000, sharePct: 50 },
        ],
        topInvestorProjects: 1,
        startRatePct: 25,
        fulfilmentRatePct: 75,
        // 24,690 万 ÷ 200,000 万 = 12.345 % → 12.35 (half up)
        fundsSinceSigningYuan: 246_900_000,
        fundsArrivalRatePct: 12.35,
      },
      // 1600 / 6000 = 26.67 %; 3 / 12 = 25 %; (12·1600 − 3·6000) / (12·6000) = 1.67 points
      target: { annualYuan: 6000 * 10_000, completionPct: 26.67, schedulePct: 25, aheadPts: 1.67 },
    });
  });

  it('gives null rates over zero bases and no target when none was set', () => {
    const s = buildSummary('650121', { from: '2026-01', to: '2026-01' }, [row('local', 1, 5, 1, 5, 0, 0)], { projects: 0, amountYuan: 0n, bands: [], topInvestorProjects: 0, startedByEnd: 0, notTerminated: 0, fundsSinceSigningYuan: 0n }, null);
    expect(s.executing).toEqual({ projects: 1, fundsYuan: 50_000, lastYearFundsYuan: 0, yoyPct: null });
    expect(s.bySource.foreign).toEqual({ projects: 0, fundsYuan: 0, yoyPct: null });
    expect(s.domestic.yoyPct).toBeNull();
    expect(s.unknownSource).toEqual({ projects: 0, fundsYuan: 0 });
    expect(s.signed).toMatchObject({ startRatePct: null, fulfilmentRatePct: null, fundsSinceSigningYuan: 0, fundsArrivalRatePct: null });
    expect(s.target).toBeNull();
    const behind = buildSummary('650121', { from: '2026-01', to: '2026-06' }, [], signed, { annualYuan: 1200n, yearToDateYuan: 300n, month: 6 });
    expect(behind.target).toEqual({ annualYuan: 1200, completionPct: 25, schedulePct: 50, aheadPts: -25 });
    expect(buildSummary('x', { from: '2026-01', to: '2026-01' }, [], signed, { annualYuan: 0n, yearToDateYuan: 0n, month: 1 }).target).toEqual({
      annualYuan: 0,
      completionPct: null,
      schedulePct: 8.33,
      aheadPts: null,
    });
  });

  it('computes share, contribution and pull of a breakdown row', () => {
    const total = { fundsYuan: 1570n, lastYearFundsYuan: 500n };
    expect(buildBreakdownRow({ key: '650109', projects: 3, fundsYuan: 570n, lastYearFundsYuan: 500n }, total)).toEqual({
      projects: 3,
      fundsYuan: 570,
      lastYearFundsYuan: 500,
      yoyPct: 14,
      sharePct: 36.31,
      contributionPct: 6.54,
      pullPts: 14,
    });
    expect(buildBreakdownRow({ key: 'new', projects: 1, fundsYuan: 100n, lastYearFundsYuan: 0n }, { fundsYuan: 100n, lastYearFundsYuan: 100n })).toEqual({
      projects: 1,
      fundsYuan: 100,
      lastYearFundsYuan: 0,
      yoyPct: null,
      sharePct: 100,
      contributionPct: null,
      pullPts: 100,
    });
    expect(buildBreakdownRow({ key: 'a', projects: 0, fundsYuan: 0n, lastYearFundsYuan: 0n }, { fundsYuan: 0n, lastYearFundsYuan: 0n })).toMatchObject({ yoyPct: null, contributionPct: null, pullPts: null });
  });
});
