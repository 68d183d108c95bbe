/**
 * A clause's status as of a day, derived from its data (政策承诺状态):
 * - waived / disputed: set by a person with a reason (MANUAL_STATUSES); they stand until cleared.
 * - fulfilled: a clause with an amount when the fulfilments add up to it; a clause without an
 *   amount when a fulfilment is recorded as complete.
 * - overdue: not fulfilled and today is after the deadline, i.e. the due date plus the grace
 *   period in working days (宽限期, by the official holiday and 调休 calendar).
 * - partly: something fulfilled but less than the amount (and not overdue).
 * - due: the due date has come (today ≥ due date), nothing fulfilled, deadline not passed.
 * - pending: not due yet, or a data trigger not reached yet (no due date), nothing fulfilled.
 */
import { addWorkingDays, countWorkingDays, type WorkingCalendar } from '../working-days';
import type { CommitmentStatus, ManualStatus } from './clause-kinds';

export interface Fulfilment {
  /** the day it was fulfilled (paid, handed over, done) */
  on: string;
  /** the amount fulfilled, yuan; null for a clause without an amount */
  amountYuan: bigint | null;
  /** recorded as fulfilling the clause in full (clauses without an amount) */
  complete: boolean;
}

export interface ClauseState {
  amountYuan: bigint | null;
  /** resolved due date (clause-trigger.ts); null: a data trigger not reached */
  dueDate: string | null;
  graceWorkingDays: number;
  manualStatus: ManualStatus | null;
  fulfilments: readonly Fulfilment[];
}

/** The sum of the fulfilled amounts (yuan). */
export function sumFulfilled(fulfilments: readonly Fulfilment[]): bigint {
  return fulfilments.reduce((s, f) => s + (f.amountYuan ?? 0n), 0n);
}

/**
 * The day the clause was fulfilled in full: with an amount, the day the cumulative fulfilments reach
 * it; without one, the first fulfilment recorded as complete. null: not fulfilled.
 */
export function findFulfilledOn(amountYuan: bigint | null, fulfilments: readonly Fulfilment[]): string | null {
  const sorted = [...fulfilments].sort((a, b) => a.on.localeCompare(b.on));
  if (amountYuan === null) return sorted.find((f) => f.complete)?.on ?? null;
  let total = 0n;
  for (const f of sorted) {
    total += f.amountYuan ?? 0n;
    if (total >= amountYuan) return f.on;
  }
  return null;
}

/** The last day to fulfil before the clause is overdue: the due date plus the grace working days. */
export function computeDeadline(cal: WorkingCalendar, dueDate: string, graceWorkingDays: number): string {
  return addWorkingDays(cal, dueDate, graceWorkingDays);
}

export function deriveStatus(cal: WorkingCalendar, clause: ClauseState, today: string): CommitmentStatus {
  if (clause.manualStatus) return clause.manualStatus;
  if (findFulfilledOn(clause.amountYuan, clause.fulfilments) !== null) return 'fulfilled';
  const some = clause.fulfilments.length > 0;
  if (clause.dueDate === null || today < clause.dueDate) return some ? 'partly' : 'pending';
  if (today > computeDeadline(cal, clause.dueDate, clause.graceWorkingDays)) return 'overdue';
  return some ? 'partly' : 'due';
}

/** Working days past the deadline (0 when not past it or no due date). */
export function countDaysOverdue(cal: WorkingCalendar, clause: Pick<ClauseState, 'dueDate' | 'graceWorkingDays'>, today: string): number {
  if (clause.dueDate === null) return 0;
  return countWorkingDays(cal, computeDeadline(cal, clause.dueDate, clause.graceWorkingDays), today);
}

/** Open clauses (still owed): the ones a responsible person must act on and that move with a successor. */
export function isOpenStatus(status: CommitmentStatus): boolean {
  return status !== 'fulfilled' && status !== 'waived';
}
