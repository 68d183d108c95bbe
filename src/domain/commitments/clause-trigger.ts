/**
 * When a clause falls due (its due date), from its trigger and the project's data. A data trigger not
 * reached yet gives null: the clause is not due whatever the calendar says.
 */
import { lastDayOfMonth } from '../indicators';
import { shiftDate } from '../working-days';
import type { TriggerKind, TriggerStage } from './clause-kinds';

export interface ClauseTrigger {
  kind: TriggerKind;
  /** the due date of a `date` trigger */
  dueDate: string | null;
  /** `fundsReach`: cumulative funds in place to reach, in yuan */
  amountYuan: bigint | null;
  /** `stageReached`: the stage to reach */
  stage: TriggerStage | null;
  /** calendar days from a data trigger's date to the due date (0: due the day it is reached) */
  daysAfter: number;
}

export interface ProjectFacts {
  /** the project's funds in place by month (any order) */
  funds: readonly { month: string; amountYuan: bigint }[];
  startedDate: string | null;
  operatingDate: string | null;
}

/** The month (YYYY-MM) in which cumulative funds first reach `amountYuan`; null when they have not. */
export function findMonthFundsReach(funds: ProjectFacts['funds'], amountYuan: bigint): string | null {
  let total = 0n;
  for (const f of [...funds].sort((a, b) => a.month.localeCompare(b.month))) {
    total += f.amountYuan;
    if (total >= amountYuan) return f.month;
  }
  return null;
}

/** The date a data trigger was reached (before adding `daysAfter`); null when not reached. */
export function findTriggerDate(trigger: ClauseTrigger, facts: ProjectFacts): string | null {
  if (trigger.kind === 'date') return trigger.dueDate;
  if (trigger.kind === 'fundsReach') {
    if (trigger.amountYuan === null) return null;
    const month = findMonthFundsReach(facts.funds, trigger.amountYuan);
    return month ? lastDayOfMonth(month) : null;
  }
  // a project recorded as operating without a start date has started by its operating date at the latest
  if (trigger.stage === 'started') return facts.startedDate ?? facts.operatingDate;
  if (trigger.stage === 'operating') return facts.operatingDate;
  return null;
}

/** The clause's due date: a date trigger's date, or a reached data trigger's date plus `daysAfter` days. */
export function resolveDueDate(trigger: ClauseTrigger, facts: ProjectFacts): string | null {
  if (trigger.kind === 'date') return trigger.dueDate;
  const reached = findTriggerDate(trigger, facts);
  return reached === null ? null : shiftDate(reached, trigger.daysAfter);
}
