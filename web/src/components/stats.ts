import { defaultPeriod, lastCompleteMonth, type MonthRange } from '../../../src/contracts/periods';
import { listMonthNames, monthRangeName, unitPoints } from '../i18n/units';

export { defaultPeriod, lastCompleteMonth, type MonthRange };

/** A percentage from the API (already rounded half-up to 2 decimals); null is "—". */
export function formatPct(value: number | null | undefined, signed = false): string {
  if (value === null || value === undefined) return '—';
  const text = value.toFixed(2);
  return `${signed && value > 0 ? '+' : ''}${text}%`;
}

/** Percentage points (拉动, 超欠进度), with the sign. */
export function formatPts(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return `${value > 0 ? '+' : ''}${value.toFixed(2)} ${unitPoints()}`;
}

/** For chart axes only (never for arithmetic): yuan as a number of 亿元, 2 decimals. */
export function yuanToYiNumber(yuan: number): number {
  return Math.round(yuan / 1_000_000) / 100;
}


/** "2026年1—10月" (English "Jan–Oct 2026") for a range within one year. */
export function rangeLabel({ from, to }: MonthRange): string {
  const [fy, fm] = from.split('-');
  const [ty, tm] = to.split('-');
  return monthRangeName(fy ?? '', Number(fm), Number(tm), ty ?? fy ?? '');
}

/** What a drill-down into the project list reproduces: the projects behind one figure of region and period. */
export interface ProjectDrillDown {
  region: string;
  /** executing in the period (funds > 0), optionally only new or continued, or of one source */
  executing?: MonthRange;
  kind?: 'new' | 'continued';
  /** one or more sources; `none`: the source is not filled in */
  source?: readonly ('local' | 'outOfRegion' | 'foreign' | 'none')[];
  /** signed in the period */
  signed?: MonthRange;
  /** leave out projects carrying one of these tags ("光伏,煤化工"), as the statistic did */
  excludeTags?: string;
}

/** The project list filtered to exactly the projects a statistic counts (the server applies the same definitions). */
export function projectsLink(d: ProjectDrillDown): string {
  const q = new URLSearchParams({ regionCode: d.region });
  if (d.executing) {
    q.set('fundsFrom', d.executing.from);
    q.set('fundsTo', d.executing.to);
  }
  if (d.kind) q.set('fundsKind', d.kind);
  if (d.source?.length) q.set('source', d.source.join(','));
  if (d.signed) {
    q.set('signedFrom', d.signed.from);
    q.set('signedTo', d.signed.to);
  }
  if (d.excludeTags) q.set('excludeTags', d.excludeTags);
  return `/projects?${q.toString()}`;
}

export function statsLink(region: string, range: MonthRange): string {
  return `/stats?${new URLSearchParams({ region, from: range.from, to: range.to }).toString()}`;
}

/** The month names of a chart axis, in the chosen language (called at render time). */
export function monthLabels(): string[] {
  return listMonthNames();
}
