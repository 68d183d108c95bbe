import { defaultPeriod, lastCompleteMonth, type MonthRange } from '../../../src/domain/periods';

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
  return `${value > 0 ? '+' : ''}${value.toFixed(2)} 个百分点`;
}

/** For chart axes only (never for arithmetic): yuan as a number of 亿元, 2 decimals. */
export function yuanToYiNumber(yuan: number): number {
  return Math.round(yuan / 1_000_000) / 100;
}


/** "2026年1—10月" for a range within one year. */
export function rangeLabel({ from, to }: MonthRange): string {
  const [fy, fm] = from.split('-');
  const [, tm] = to.split('-');
  const f = Number(fm);
  const t = Number(tm);
  return f === t ? `${fy}年${f}月` : `${fy}年${f}—${t}月`;
}

export function statsLink(region: string, range: MonthRange): string {
  return `/stats?${new URLSearchParams({ region, from: range.from, to: range.to }).toString()}`;
}

export const MONTH_LABELS = Array.from({ length: 12 }, (_, i) => `${i + 1}月`);
