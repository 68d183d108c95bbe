/**
 * 服务时钟 (DESIGN.md "Service clocks", issue 13 item 8): figures of items that run on a working-day
 * clock — 帮办代办 now; inquiries and complaints (issue 14) bring their items in the same shape.
 *
 * For a period P (whole months from..to) and a day `asOf` (P's last day, or today when earlier):
 * - opened: items opened in P; projects: the distinct projects of those items.
 * - closed: items closed in P; closedOnTime: of those, closed on or before their due day.
 * - onTimeRatePct: closedOnTime / closed × 100, half-up to 2 decimals; null when nothing closed.
 * - medianDays / p90Days: working days from opening to closing (calendar's countWorkingDays: the
 *   opening day not counted, the closing day counted) of the items closed in P, by the nearest-rank
 *   method: sort ascending, the p-th percentile is the value at rank ⌈p/100 × n⌉ (median: p = 50, so
 *   for an even n the lower middle value, never an average); null when nothing closed.
 * - openPastDue: items opened on or before asOf, not closed by asOf, whose due day is before asOf.
 * - medianFirstResponseDays / p90FirstResponseDays (inquiries and complaints; null for 帮办代办): working
 *   days from opening to the first response (a complaint's acceptance, an inquiry's first answer) of the
 *   items first responded to in P, nearest rank as above; null when none.
 */
import { percentHalfUp } from './money';

export interface ClockItem {
  openedOn: string;
  dueOn: string;
  closedOn: string | null;
  /** the project served (帮办代办); null for kinds without one */
  projectId: string | null;
  /** working days from opening to closing, when closed */
  daysToClose: number | null;
  /** inquiries and complaints: the day of the first response and the working days it took; absent for 帮办代办 */
  firstResponse?: { on: string | null; days: number | null };
}

export interface ClockFigures {
  opened: number;
  closed: number;
  closedOnTime: number;
  onTimeRatePct: number | null;
  medianDays: number | null;
  p90Days: number | null;
  openPastDue: number;
  projects: number;
  medianFirstResponseDays: number | null;
  p90FirstResponseDays: number | null;
}

/** The nearest-rank p-th percentile of the values (p in 1..100); null for none. */
export function nearestRank(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? null;
}

/** The figures of the items for the days from..to (inclusive) and the open-past-due count on asOf. */
export function computeClockFigures(items: readonly ClockItem[], from: string, to: string, asOf: string): ClockFigures {
  const opened = items.filter((i) => i.openedOn >= from && i.openedOn <= to);
  const closed = items.filter((i) => i.closedOn !== null && i.closedOn >= from && i.closedOn <= to);
  const onTime = closed.filter((i) => (i.closedOn ?? '') <= i.dueOn).length;
  const days = closed.flatMap((i) => (i.daysToClose === null ? [] : [i.daysToClose]));
  const responded = items.flatMap((i) => (i.firstResponse?.on && i.firstResponse.on >= from && i.firstResponse.on <= to && i.firstResponse.days !== null ? [i.firstResponse.days] : []));
  const pastDue = items.filter((i) => i.openedOn <= asOf && (i.closedOn === null || i.closedOn > asOf) && i.dueOn < asOf).length;
  return {
    opened: opened.length,
    closed: closed.length,
    closedOnTime: onTime,
    onTimeRatePct: percentHalfUp(BigInt(onTime), BigInt(closed.length)),
    medianDays: nearestRank(days, 50),
    p90Days: nearestRank(days, 90),
    openPastDue: pastDue,
    projects: new Set(opened.flatMap((i) => (i.projectId ? [i.projectId] : []))).size,
    medianFirstResponseDays: nearestRank(responded, 50),
    p90FirstResponseDays: nearestRank(responded, 90),
  };
}
