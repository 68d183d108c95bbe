/**
 * 即将到期 (at risk): an agreed clause still owed that will be overdue soon unless someone acts — its due
 * date falls within the next AT_RISK_WORKING_DAYS working days, or it is already due and inside its grace
 * period (宽限期), and its deadline has not passed. Fulfilled and waived clauses are done; a disputed one is
 * handled as a dispute; an overdue one is on the 通报 list itself; a data trigger not reached has no date.
 */
import { addWorkingDays, countWorkingDays, type WorkingCalendar } from '../working-days';
import type { CommitmentStatus } from './clause-kinds';

/** how far ahead the 通报 looks, in working days (two working weeks) */
export const AT_RISK_WORKING_DAYS = 10;

const OWED_NOT_OVERDUE: readonly CommitmentStatus[] = ['pending', 'due', 'partly'];

export interface AtRiskFacts {
  status: CommitmentStatus;
  dueDate: string | null;
  /** the due date plus the grace working days */
  deadline: string | null;
}

/**
 * The working days left before the clause is overdue (0: today is its last day), or null when the clause
 * is not at risk as of `today`.
 */
export function findWorkingDaysLeft(cal: WorkingCalendar, clause: AtRiskFacts, today: string, horizon = AT_RISK_WORKING_DAYS): number | null {
  if (!OWED_NOT_OVERDUE.includes(clause.status) || clause.dueDate === null || clause.deadline === null) return null;
  if (clause.deadline < today || clause.dueDate > addWorkingDays(cal, today, horizon)) return null;
  return countWorkingDays(cal, today, clause.deadline);
}
