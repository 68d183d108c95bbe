/**
 * 未来 12 个月到期金额预测: what is still owed (amount less what was fulfilled) by the month it falls
 * due, for the current month and the 11 after it.
 * - A clause with a due date (a date trigger, or a data trigger already reached) counts in the month
 *   of its due date as `scheduledYuan`; one whose due date is before the current month is owed already
 *   and counts in `pastDueYuan`; one due after the 12 months in `laterYuan`.
 * - A data trigger not reached yet is estimated (`estimatedYuan`, shown apart from the scheduled amounts):
 *   fundsReach — the project's average monthly funds in place over the 6 full months before the current
 *   month continue from the current month on; the trigger month is the first in which the cumulative
 *   funds would reach the trigger amount. stageReached started — the agreed start date (约定开工日期),
 *   or the current month when it has passed. The due date is then that month's last day (fundsReach)
 *   or that date (started) plus the clause's days after the trigger.
 * - Whatever cannot be estimated (no funds in those 6 months, an operating trigger, no agreed start
 *   date) is listed in `unestimated` with its amount rather than guessed.
 */
import { lastDayOfMonth } from '../indicators';
import { shiftDate } from '../working-days';
import type { ClauseTrigger, ProjectFacts } from './clause-trigger';

export const FORECAST_MONTHS = 12;
/** the months of funds whose average drives a fundsReach estimate */
export const FUNDS_TREND_MONTHS = 6;

export interface ForecastClause {
  id: string;
  /** what is still owed, yuan (amount less fulfilled); clauses without an amount are left out by the caller */
  outstandingYuan: bigint;
  /** resolved due date, or null when a data trigger is not reached */
  dueDate: string | null;
  trigger: ClauseTrigger;
  project: ProjectFacts & { agreedStartDate: string | null };
}

export interface ForecastMonth {
  month: string;
  scheduledYuan: bigint;
  estimatedYuan: bigint;
  clauses: number;
}

export interface DueForecast {
  months: ForecastMonth[];
  pastDueYuan: bigint;
  pastDueClauses: number;
  laterYuan: bigint;
  unestimated: { id: string; outstandingYuan: bigint }[];
}

/** YYYY-MM shifted by `n` months. */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The estimated due date of a data trigger not reached yet; null when it cannot be estimated. */
export function estimateDueDate(c: Pick<ForecastClause, 'trigger' | 'project'>, currentMonth: string): string | null {
  const { trigger, project } = c;
  if (trigger.kind === 'fundsReach' && trigger.amountYuan !== null) {
    const total = project.funds.reduce((s, f) => s + f.amountYuan, 0n);
    const remaining = trigger.amountYuan - total;
    const first = addMonths(currentMonth, -FUNDS_TREND_MONTHS);
    const recent = project.funds.filter((f) => f.month >= first && f.month < currentMonth).reduce((s, f) => s + f.amountYuan, 0n);
    const monthly = recent / BigInt(FUNDS_TREND_MONTHS);
    if (monthly <= 0n) return null;
    const months = remaining <= 0n ? 1n : (remaining + monthly - 1n) / monthly;
    if (months > 1200n) return null;
    return shiftDate(lastDayOfMonth(addMonths(currentMonth, Number(months) - 1)), trigger.daysAfter);
  }
  if (trigger.kind === 'stageReached' && trigger.stage === 'started' && project.agreedStartDate) {
    const start = project.agreedStartDate.slice(0, 7) < currentMonth ? `${currentMonth}-01` : project.agreedStartDate;
    return shiftDate(start, trigger.daysAfter);
  }
  return null;
}

export function forecastDueAmounts(clauses: readonly ForecastClause[], currentMonth: string): DueForecast {
  const months: ForecastMonth[] = Array.from({ length: FORECAST_MONTHS }, (_, i) => ({ month: addMonths(currentMonth, i), scheduledYuan: 0n, estimatedYuan: 0n, clauses: 0 }));
  const last = addMonths(currentMonth, FORECAST_MONTHS - 1);
  const out: DueForecast = { months, pastDueYuan: 0n, pastDueClauses: 0, laterYuan: 0n, unestimated: [] };
  for (const c of clauses) {
    if (c.outstandingYuan <= 0n) continue;
    const estimated = c.dueDate === null;
    const due = c.dueDate ?? estimateDueDate(c, currentMonth);
    if (due === null) {
      out.unestimated.push({ id: c.id, outstandingYuan: c.outstandingYuan });
      continue;
    }
    const month = due.slice(0, 7);
    if (month < currentMonth) {
      out.pastDueYuan += c.outstandingYuan;
      out.pastDueClauses += 1;
    } else if (month > last) {
      out.laterYuan += c.outstandingYuan;
    } else {
      const bucket = months.find((m) => m.month === month);
      if (!bucket) continue;
      if (estimated) bucket.estimatedYuan += c.outstandingYuan;
      else bucket.scheduledYuan += c.outstandingYuan;
      bucket.clauses += 1;
    }
  }
  return out;
}
