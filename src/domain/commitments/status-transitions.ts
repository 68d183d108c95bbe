/**
 * The status changes a person may make, each with a reason (who/when/why go to the clause's history):
 * - dispute (有争议): a clause still owed (pending, due, partly, overdue);
 * - waive (豁免): a clause still owed or disputed; the reason is mandatory like for every change;
 * - clear (撤销争议/豁免): back to the status the data gives, from disputed or waived.
 * Fulfilled, partly, due, overdue and pending follow from the data and are never set by hand.
 */
import type { CommitmentStatus } from './clause-kinds';

export const STATUS_ACTIONS = ['dispute', 'waive', 'clear'] as const;
export type StatusAction = (typeof STATUS_ACTIONS)[number];

const ALLOWED_FROM: Record<StatusAction, readonly CommitmentStatus[]> = {
  dispute: ['pending', 'due', 'partly', 'overdue'],
  waive: ['pending', 'due', 'partly', 'overdue', 'disputed'],
  clear: ['disputed', 'waived'],
};

export function isStatusActionAllowed(action: StatusAction, current: CommitmentStatus): boolean {
  return ALLOWED_FROM[action].includes(current);
}

/** The statuses from which `action` may be taken (for the message naming them). */
export function listAllowedFrom(action: StatusAction): readonly CommitmentStatus[] {
  return ALLOWED_FROM[action];
}

/** The manual status an action leaves (null: the data decides again). */
export function applyStatusAction(action: StatusAction): 'disputed' | 'waived' | null {
  if (action === 'dispute') return 'disputed';
  if (action === 'waive') return 'waived';
  return null;
}

/** A fulfilment can be recorded on any clause but a waived one (a disputed clause may still be paid). */
export function canRecordFulfilment(current: CommitmentStatus): boolean {
  return current !== 'waived';
}
