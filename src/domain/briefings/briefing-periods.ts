/**
 * The kinds of briefing (简报) and their periods, in Asia/Shanghai calendar days: the weekly briefing
 * (每周招商工作简报) covers Monday–Sunday, the 旬调度 (dispatch) a ten-day 旬 (1–10, 11–20, 21–end of
 * month), the monthly briefing a calendar month. A scheduled run reports the period that ended the
 * day before: the Monday run the past week, the run of the 1st/11th/21st the past 旬, the run of the
 * 1st the past month.
 */
import { shiftDate } from '../working-days';

export const BRIEFING_KINDS = ['weekly', 'dispatch', 'monthly'] as const;
export type BriefingKind = (typeof BRIEFING_KINDS)[number];

export const BRIEFING_KIND_LABELS: Record<BriefingKind, string> = { weekly: '每周招商工作简报', dispatch: '重点项目旬调度', monthly: '月度招商工作简报' };

/** 本周 / 本旬 / 本月 and 上周 / 上旬 / 上月, for prose. */
export const PERIOD_WORDS: Record<BriefingKind, { current: string; previous: string }> = {
  weekly: { current: '本周', previous: '上周' },
  dispatch: { current: '本旬', previous: '上旬' },
  monthly: { current: '本月', previous: '上月' },
};

export interface BriefingPeriod {
  /** first day, YYYY-MM-DD */
  start: string;
  /** last day, YYYY-MM-DD */
  end: string;
}

function lastDayOf(year: number, month: number): string {
  const d = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** 1 = Monday … 7 = Sunday */
export function isoWeekday(day: string): number {
  const d = new Date(`${day}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/** The period of `kind` that contains `day`. */
export function periodContaining(kind: BriefingKind, day: string): BriefingPeriod {
  if (kind === 'weekly') {
    const start = shiftDate(day, 1 - isoWeekday(day));
    return { start, end: shiftDate(start, 6) };
  }
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  const ym = day.slice(0, 7);
  if (kind === 'monthly') return { start: `${ym}-01`, end: lastDayOf(year, month) };
  const date = Number(day.slice(8, 10));
  if (date <= 10) return { start: `${ym}-01`, end: `${ym}-10` };
  if (date <= 20) return { start: `${ym}-11`, end: `${ym}-20` };
  return { start: `${ym}-21`, end: lastDayOf(year, month) };
}

/** The period just before `p` (the comparison of 较上周 / 较上旬 / 较上月). */
export function previousPeriod(kind: BriefingKind, p: BriefingPeriod): BriefingPeriod {
  return periodContaining(kind, shiftDate(p.start, -1));
}

/** The kinds a scheduled run on `day` generates: Monday the weekly, the 1st/11th/21st the 旬调度, the 1st the monthly. */
export function listDueKinds(day: string): BriefingKind[] {
  const kinds: BriefingKind[] = [];
  if (isoWeekday(day) === 1) kinds.push('weekly');
  const date = Number(day.slice(8, 10));
  if (date === 1 || date === 11 || date === 21) kinds.push('dispatch');
  if (date === 1) kinds.push('monthly');
  return kinds;
}

/** The period a run on `day` reports: the one that ended the day before. */
export function periodReportedOn(kind: BriefingKind, day: string): BriefingPeriod {
  return periodContaining(kind, shiftDate(day, -1));
}

const md = (day: string) => `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;
const XUN = ['上旬', '中旬', '下旬'];

/** "2026年11月30日至12月6日", "2026年12月上旬（1日至10日）", "2026年11月". */
export function formatPeriod(kind: BriefingKind, p: BriefingPeriod): string {
  const year = p.start.slice(0, 4);
  const month = Number(p.start.slice(5, 7));
  if (kind === 'monthly') return `${year}年${month}月`;
  if (kind === 'dispatch') {
    const xun = XUN[Math.min(2, Math.floor((Number(p.start.slice(8, 10)) - 1) / 10))] ?? '';
    return `${year}年${month}月${xun}（${Number(p.start.slice(8, 10))}日至${Number(p.end.slice(8, 10))}日）`;
  }
  const endText = p.end.slice(0, 4) === year ? md(p.end) : `${p.end.slice(0, 4)}年${md(p.end)}`;
  return `${year}年${md(p.start)}至${endText}`;
}
