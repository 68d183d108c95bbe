/**
 * The statistical definitions of DESIGN.md (统计口径), as pure arithmetic on aggregates the
 * database returns. Amounts are integer yuan (bigint); percentages are rounded half-up to two
 * decimals; a rate over a zero or absent base is null.
 */
import { msg, renderMessage, type Message } from './messages/catalog';
import { percentHalfUp } from './money';
import type { SignedSector, SignedShare } from './signed-structure';

export const SOURCES = ['local', 'outOfRegion', 'foreign'] as const;
export type Source = (typeof SOURCES)[number];

/** ≥1亿, ≥10亿, ≥50亿, ≥100亿 (cumulative bands) */
export const SIZE_BANDS_YUAN = [100_000_000n, 1_000_000_000n, 5_000_000_000n, 10_000_000_000n] as const;

export interface Period {
  from: string; // YYYY-MM
  to: string; // YYYY-MM
}

/**
 * Validates a period: two months YYYY-MM, from ≤ to; a period may span years (DESIGN.md, second
 * half: "2020年以来" is 2020-01..the current month). Returns the reason or null.
 */
export function checkPeriodMessage(p: Period): Message | null {
  const re = /^\d{4}-(0[1-9]|1[0-2])$/;
  if (!re.test(p.from)) return msg('period.fromFormat', { month: p.from });
  if (!re.test(p.to)) return msg('period.toFormat', { month: p.to });
  if (p.from > p.to) return msg('period.order');
  return null;
}

/** What is wrong with a period, in Chinese, or null. */
export function checkPeriod(p: Period): string | null {
  const problem = checkPeriodMessage(p);
  return problem ? renderMessage(problem, 'zh') : null;
}

/** Whether a period's months lie in more than one calendar year. */
export function spansYears(p: Period): boolean {
  return p.from.slice(0, 4) !== p.to.slice(0, 4);
}

/** The same months a year earlier. */
export function shiftPeriodYear(p: Period, years = -1): Period {
  const shift = (m: string) => `${Number(m.slice(0, 4)) + years}${m.slice(4)}`;
  return { from: shift(p.from), to: shift(p.to) };
}

export function lastDayOfMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${String(d).padStart(2, '0')}`;
}

/** Aggregates of executing projects for one source (null = projects without a recorded source). */
export interface FundsBySource {
  source: Source | null;
  projects: number;
  fundsYuan: bigint;
  newProjects: number;
  newFundsYuan: bigint;
  lastYearProjects: number;
  lastYearFundsYuan: bigint;
}

export interface SignedAggregates {
  projects: number;
  amountYuan: bigint;
  bands: { minYuan: bigint; projects: number; amountYuan: bigint }[];
  topInvestorProjects: number;
  startedByEnd: number;
  notTerminated: number;
  /** funds in place of these projects from each one's signing month through the period's last month */
  fundsSinceSigningYuan: bigint;
}

export interface TargetInput {
  annualYuan: bigint;
  /** funds of January … `to` of the period's year */
  yearToDateYuan: bigint;
  /** the month number of the period's end (1…12) */
  month: number;
}

const yoy = (now: bigint, before: bigint) => (before === 0n ? null : percentHalfUp(now - before, before));
const share = (part: bigint, whole: bigint) => percentHalfUp(part, whole);

export function buildSummary(region: string, period: Period, funds: FundsBySource[], signed: SignedAggregates, target: TargetInput | null) {
  const sum = (rows: FundsBySource[], pick: (r: FundsBySource) => bigint) => rows.reduce((a, r) => a + pick(r), 0n);
  const count = (rows: FundsBySource[], pick: (r: FundsBySource) => number) => rows.reduce((a, r) => a + pick(r), 0);
  const fundsYuan = sum(funds, (r) => r.fundsYuan);
  const lastYearFundsYuan = sum(funds, (r) => r.lastYearFundsYuan);
  const newFunds = sum(funds, (r) => r.newFundsYuan);
  const newCount = count(funds, (r) => r.newProjects);
  const executing = count(funds, (r) => r.projects);
  const bySource = Object.fromEntries(
    SOURCES.map((s) => {
      const rows = funds.filter((r) => r.source === s);
      const f = sum(rows, (r) => r.fundsYuan);
      return [s, { projects: count(rows, (r) => r.projects), fundsYuan: Number(f), yoyPct: yoy(f, sum(rows, (r) => r.lastYearFundsYuan)) }];
    }),
  ) as Record<Source, { projects: number; fundsYuan: number; yoyPct: number | null }>;
  const domesticRows = funds.filter((r) => r.source === 'local' || r.source === 'outOfRegion');
  const domesticFunds = sum(domesticRows, (r) => r.fundsYuan);
  return {
    region,
    from: period.from,
    to: period.to,
    executing: { projects: executing, fundsYuan: Number(fundsYuan), lastYearFundsYuan: Number(lastYearFundsYuan), yoyPct: yoy(fundsYuan, lastYearFundsYuan) },
    newProjects: { projects: newCount, fundsYuan: Number(newFunds) },
    continuedProjects: { projects: executing - newCount, fundsYuan: Number(fundsYuan - newFunds) },
    bySource,
    /** executing projects without a recorded source: in the totals, in no source */
    unknownSource: { projects: count(funds.filter((r) => r.source === null), (r) => r.projects), fundsYuan: Number(sum(funds.filter((r) => r.source === null), (r) => r.fundsYuan)) },
    domestic: {
      projects: count(domesticRows, (r) => r.projects),
      fundsYuan: Number(domesticFunds),
      yoyPct: yoy(domesticFunds, sum(domesticRows, (r) => r.lastYearFundsYuan)),
    },
    signed: {
      projects: signed.projects,
      amountYuan: Number(signed.amountYuan),
      bands: signed.bands.map((b) => ({ minYuan: Number(b.minYuan), projects: b.projects, amountYuan: Number(b.amountYuan), sharePct: share(b.amountYuan, signed.amountYuan) })),
      topInvestorProjects: signed.topInvestorProjects,
      startRatePct: share(BigInt(signed.startedByEnd), BigInt(signed.projects)),
      fulfilmentRatePct: share(BigInt(signed.notTerminated), BigInt(signed.projects)),
      fundsSinceSigningYuan: Number(signed.fundsSinceSigningYuan),
      fundsArrivalRatePct: share(signed.fundsSinceSigningYuan, signed.amountYuan),
    },
    target: target
      ? {
          annualYuan: Number(target.annualYuan),
          completionPct: share(target.yearToDateYuan, target.annualYuan),
          schedulePct: share(BigInt(target.month), 12n),
          // exact difference of the two ratios, rounded once: (12·ytd − month·target) / (12·target)
          aheadPts: target.annualYuan === 0n ? null : percentHalfUp(12n * target.yearToDateYuan - BigInt(target.month) * target.annualYuan, 12n * target.annualYuan),
        }
      : null,
  };
}
export type Summary = ReturnType<typeof buildSummary>;

export interface BreakdownInput {
  key: string;
  projects: number;
  fundsYuan: bigint;
  lastYearFundsYuan: bigint;
}

/**
 * One row of a breakdown with 占比 (share of the region's funds), 贡献率 (its growth ÷ the region's
 * growth) and 拉动 (its growth ÷ the region's last-year funds, in points).
 */
export function buildBreakdownRow(row: BreakdownInput, total: { fundsYuan: bigint; lastYearFundsYuan: bigint }) {
  const growth = row.fundsYuan - row.lastYearFundsYuan;
  const totalGrowth = total.fundsYuan - total.lastYearFundsYuan;
  return {
    projects: row.projects,
    fundsYuan: Number(row.fundsYuan),
    lastYearFundsYuan: Number(row.lastYearFundsYuan),
    yoyPct: row.lastYearFundsYuan === 0n ? null : percentHalfUp(growth, row.lastYearFundsYuan),
    sharePct: percentHalfUp(row.fundsYuan, total.fundsYuan),
    contributionPct: totalGrowth === 0n ? null : percentHalfUp(growth, totalGrowth),
    pullPts: total.lastYearFundsYuan === 0n ? null : percentHalfUp(growth, total.lastYearFundsYuan),
  };
}

export type RankingPeriodKind = 'month' | 'quarter' | 'year';

/** The period of a ranking ending at `to`, and the previous period it is compared with. */
export function resolveRankingPeriods(kind: RankingPeriodKind, to: string): { current: Period; previous: Period } {
  const year = Number(to.slice(0, 4));
  const m = Number(to.slice(5, 7));
  const fmt = (y: number, mm: number) => `${y}-${String(mm).padStart(2, '0')}`;
  if (kind === 'month') {
    const prev = m === 1 ? fmt(year - 1, 12) : fmt(year, m - 1);
    return { current: { from: to, to }, previous: { from: prev, to: prev } };
  }
  if (kind === 'quarter') {
    const qStart = Math.floor((m - 1) / 3) * 3 + 1;
    const offset = m - qStart; // months into the quarter
    const prevStartYear = qStart === 1 ? year - 1 : year;
    const prevStart = qStart === 1 ? 10 : qStart - 3;
    return { current: { from: fmt(year, qStart), to }, previous: { from: fmt(prevStartYear, prevStart), to: fmt(prevStartYear, prevStart + offset) } };
  }
  return { current: { from: fmt(year, 1), to }, previous: { from: fmt(year - 1, 1), to: fmt(year - 1, m) } };
}

/** Competition ranking (1, 2, 2, 4) by value, highest first; null values are unranked. */
export function rankDescending(values: (number | null)[]): (number | null)[] {
  return values.map((v) => (v === null ? null : values.filter((o) => o !== null && o > v).length + 1));
}

/** The summary as the statistics answer it: the core figures, the tags left out, and the signed structure. */
export type FullSummary = Omit<Summary, 'signed'> & {
  excludeTags: string[];
  signed: Summary['signed'] & { bySector: Record<SignedSector, SignedShare>; byChain: Record<string, SignedShare>; byInvestorTag: Record<string, SignedShare> };
};

/** The core figures of a summary (what a monthly return freezes): without the exclusions and the signed structure. */
export function toCoreSummary(s: FullSummary): Summary {
  const { excludeTags: _excluded, signed, ...rest } = s;
  const { bySector: _sector, byChain: _chain, byInvestorTag: _tag, ...core } = signed;
  return { ...rest, signed: core };
}
