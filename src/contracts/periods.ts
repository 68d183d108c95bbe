/**
 * The one default period of every page and statistic (issue 11, item 7): the last complete month in
 * Asia/Shanghai (the month before the current one), and the year to date ending with it. The web
 * imports this module too (web/src/components/stats.ts), so the dashboard, 统计分析, 赛马榜, 月报 and
 * documents open on the same months and a leader sees one figure for one total.
 * Pure: no Node or browser API beyond Intl.
 */
const SHANGHAI_MONTH = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' });

export interface MonthRange {
  from: string;
  to: string;
}

/** 'YYYY-MM' of an instant in Asia/Shanghai. */
export function monthInShanghai(now: Date = new Date()): string {
  const parts = SHANGHAI_MONTH.formatToParts(now);
  const year = parts.find((p) => p.type === 'year')?.value ?? '';
  const month = parts.find((p) => p.type === 'month')?.value ?? '';
  return `${year}-${month}`;
}

/** The month `n` months after `month` (negative: before). */
export function shiftMonth(month: string, n: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + n;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The last complete month: the month before the current one in Asia/Shanghai (in January: last December). */
export function lastCompleteMonth(now: Date = new Date()): string {
  return shiftMonth(monthInShanghai(now), -1);
}

/** The default period: January to the last complete month of that month's year. */
export function defaultPeriod(now: Date = new Date()): MonthRange {
  const to = lastCompleteMonth(now);
  return { from: `${to.slice(0, 4)}-01`, to };
}
