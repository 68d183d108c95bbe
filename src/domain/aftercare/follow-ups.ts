/**
 * 回访 (aftercare): the follow-up schedule of a landed (投产) project and the clock of a visit.
 * Schedule months are calendar months after the 投产 date (the 31st plus one month is the last day
 * of a shorter month); a due date that falls on a weekend or holiday moves to the next working day.
 */
import { addWorkingDays, nextWorkingDayOnOrAfter, type WorkingCalendar } from '../working-days';

export const RED_FLAGS = ['expansion', 'contraction', 'movingOut', 'dispute', 'unpaidCommitment'] as const;
export type RedFlag = (typeof RED_FLAGS)[number];

export interface AftercareSettings {
  /** months after the 投产 date, ascending, distinct */
  followUpMonths: number[];
  /** working days past due after which an overdue problem or 帮办代办 item goes to the level above */
  escalationWorkingDays: number;
  /** a visit or return due within this many working days is "due soon" */
  dueSoonWorkingDays: number;
}

export const DEFAULT_AFTERCARE_SETTINGS: AftercareSettings = { followUpMonths: [1, 3, 6, 12], escalationWorkingDays: 3, dueSoonWorkingDays: 5 };

/** `date` plus `months` calendar months, clamped to the end of a shorter month (01-31 + 1 → 02-28). */
export function addCalendarMonths(date: string, months: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + months;
  const d = Number(date.slice(8, 10));
  const year = y + Math.floor(m / 12);
  const month = ((m % 12) + 12) % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(d, last))).toISOString().slice(0, 10);
}

/** The scheduled visits of a project that reached 投产 on `operatingDate`. */
export function computeFollowUpSchedule(cal: WorkingCalendar, operatingDate: string, months: readonly number[]): { scheduleMonth: number; dueDate: string }[] {
  return [...new Set(months)].sort((a, b) => a - b).map((n) => ({ scheduleMonth: n, dueDate: nextWorkingDayOnOrAfter(cal, addCalendarMonths(operatingDate, n)) }));
}

/** A visit not done yet: overdue after its due date, due soon from `dueSoonWorkingDays` working days before it. */
export function computeFollowUpClock(cal: WorkingCalendar, dueDate: string, doneOn: string | null, today: string, dueSoonWorkingDays: number): 'overdue' | 'dueSoon' | null {
  if (doneOn) return null;
  if (dueDate < today) return 'overdue';
  return dueDate <= addWorkingDays(cal, today, dueSoonWorkingDays) ? 'dueSoon' : null;
}

/**
 * An open item due on `dueDate`: overdue from the day after, escalated once `escalationWorkingDays`
 * working days have passed since (due Friday, 3 days: escalated on Wednesday, not on Tuesday).
 */
export function computeOverdueClock(cal: WorkingCalendar, dueDate: string, today: string, escalationWorkingDays: number): 'escalated' | 'overdue' | null {
  if (dueDate >= today) return null;
  return today >= addWorkingDays(cal, dueDate, escalationWorkingDays) ? 'escalated' : 'overdue';
}
