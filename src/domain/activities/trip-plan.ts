/**
 * 外出招商的计划与报告 (issue 13 item 1): a trip may be planned before it happens and approved by a
 * leader of its region or above; its report falls due on the 15th working day after its end.
 * Pure rules: which step may follow which, and the report's state on a day.
 */
import { msg, type Message } from '../messages/catalog';

export const TRIP_PLAN_STATUSES = ['planned', 'submitted', 'approved', 'returned', 'done'] as const;
export type TripPlanStatus = (typeof TRIP_PLAN_STATUSES)[number];

export const TRIP_PLAN_STEPS = ['submit', 'approve', 'return'] as const;
export type TripPlanStep = (typeof TRIP_PLAN_STEPS)[number];

/** working days after the trip's end within which its report is due */
export const TRIP_REPORT_WORKING_DAYS = 15;

const NEXT: Record<TripPlanStep, { from: readonly (TripPlanStatus | null)[]; to: TripPlanStatus }> = {
  submit: { from: ['planned', 'returned'], to: 'submitted' },
  approve: { from: ['submitted'], to: 'approved' },
  return: { from: ['submitted'], to: 'returned' },
};

/** The status a step leads to, or the reason it may not be taken from `status`. */
export function applyTripPlanStep(status: TripPlanStatus | null, step: TripPlanStep): { ok: true; to: TripPlanStatus } | { ok: false; message: Message } {
  const rule = NEXT[step];
  if (!rule.from.includes(status)) return { ok: false, message: msg('trip.stepRefused', { step: msg(`trip.step.${step}`), status: msg(`trip.status.${status ?? 'logged'}`) }) };
  return { ok: true, to: rule.to };
}

/** A report can be written for a trip logged after the fact or an approved (or already reported) plan. */
export function canReportTrip(status: TripPlanStatus | null): boolean {
  return status === null || status === 'approved' || status === 'done';
}

export type TripReportState = 'notDue' | 'due' | 'overdue' | 'submitted' | 'submittedLate';

/**
 * The report's state: submitted (on time: submitted on or before the due day; else late), or still
 * to come: overdue after the due day, due from the trip's end until then, not due before (or while
 * the plan is not approved, or when no report is tracked).
 */
export function describeTripReport(t: { planStatus: TripPlanStatus | null; endDate: string; reportDueOn: string | null; reportSubmittedOn: string | null }, today: string): TripReportState {
  if (t.reportSubmittedOn) return t.reportDueOn && t.reportSubmittedOn > t.reportDueOn ? 'submittedLate' : 'submitted';
  if (!t.reportDueOn || !canReportTrip(t.planStatus) || today < t.endDate) return 'notDue';
  return today > t.reportDueOn ? 'overdue' : 'due';
}
