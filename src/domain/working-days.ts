/**
 * Working days by the official calendar: weekends off, statutory holidays off, and 调休 (weekend
 * days made working days) on. The State Council's schedule comes from `chinese-days`; an override
 * map (entered by an administrator when a new year's schedule is published, or for a local
 * holiday) wins over it. Dates are 'YYYY-MM-DD' strings in Asia/Shanghai; arithmetic is done on UTC
 * midnights so no time zone can shift a day.
 */
import { createRequire } from 'node:module';

export type DayKind = 'workday' | 'holiday';

export interface CalendarOverride {
  date: string;
  kind: DayKind;
  name: string;
}

interface OfficialData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

const official = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as OfficialData;

/** The last year the bundled official schedule covers. */
export const OFFICIAL_LAST_YEAR = Math.max(...Object.keys(official.holidays).map((d) => Number(d.slice(0, 4))));

export interface WorkingCalendar {
  isWorkingDay(date: string): boolean;
  /** the holiday or 调休 name of a date, if any */
  describe(date: string): { kind: DayKind; name: string; source: 'override' | 'official' | 'weekday' | 'weekend' };
  /** years after OFFICIAL_LAST_YEAR that no override covers: deadlines there ignore holidays */
  isYearCovered(year: number): boolean;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function assertDate(date: string): void {
  if (!DATE.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`)) || toDate(date) !== date) {
    throw new RangeError(`日期“${date}”格式不正确，应为 YYYY-MM-DD`);
  }
}

function toDate(date: string): string {
  return new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10);
}

export function shiftDate(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

export function createWorkingCalendar(overrides: readonly CalendarOverride[] = []): WorkingCalendar {
  const byDate = new Map(overrides.map((o) => [o.date, o]));
  const overrideYears = new Set(overrides.map((o) => Number(o.date.slice(0, 4))));
  const describe: WorkingCalendar['describe'] = (date) => {
    assertDate(date);
    const o = byDate.get(date);
    if (o) return { kind: o.kind, name: o.name, source: 'override' };
    const h = official.holidays[date];
    if (h) return { kind: 'holiday', name: h.split(',')[1] ?? h, source: 'official' };
    const w = official.workdays[date];
    if (w) return { kind: 'workday', name: `${w.split(',')[1] ?? w}调休上班`, source: 'official' };
    const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
    return dow === 0 || dow === 6 ? { kind: 'holiday', name: '周末', source: 'weekend' } : { kind: 'workday', name: '', source: 'weekday' };
  };
  return {
    describe,
    isWorkingDay: (date) => describe(date).kind === 'workday',
    isYearCovered: (year) => year <= OFFICIAL_LAST_YEAR || overrideYears.has(year),
  };
}

/** The date `n` working days after `start` (the start day itself does not count); n = 0 gives start. */
export function addWorkingDays(cal: WorkingCalendar, start: string, n: number): string {
  assertDate(start);
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`工作日天数须为非负整数：${n}`);
  let date = start;
  let left = n;
  while (left > 0) {
    date = shiftDate(date, 1);
    if (cal.isWorkingDay(date)) left -= 1;
  }
  return date;
}

/** Working days after `from` up to and including `to` (0 when to ≤ from): how many have elapsed. */
export function countWorkingDays(cal: WorkingCalendar, from: string, to: string): number {
  assertDate(from);
  assertDate(to);
  let n = 0;
  for (let d = shiftDate(from, 1); d <= to; d = shiftDate(d, 1)) if (cal.isWorkingDay(d)) n += 1;
  return n;
}

/** The first working day on or after `date` (a due day falling on a holiday moves past it). */
export function nextWorkingDayOnOrAfter(cal: WorkingCalendar, date: string): string {
  let d = date;
  assertDate(d);
  while (!cal.isWorkingDay(d)) d = shiftDate(d, 1);
  return d;
}
