/**
 * 按期兑现率 (on-time fulfilment rate) of a period [from, to] (dates) as of `today`:
 * the clauses whose outcome is settled in the period — agreed, not waived, with a deadline (due date
 * plus grace working days) within the period, and either the deadline has passed (deadline < today)
 * or the clause is fulfilled already — form the base; those fulfilled on or before their deadline are
 * on time. rate = on time ÷ base × 100, half-up to 2 decimals, null when the base is 0 (DESIGN.md).
 * A clause still within its deadline and unfulfilled is not settled and stays out of both.
 */
import { percentHalfUp } from '../money';

export interface RateClause {
  /** due date plus grace; null: not due (a data trigger not reached) */
  deadline: string | null;
  fulfilledOn: string | null;
  waived: boolean;
}

export interface FulfilmentRate {
  base: number;
  onTime: number;
  late: number;
  ratePct: number | null;
}

export function isSettledIn(c: RateClause, from: string, to: string, today: string): boolean {
  if (c.waived || c.deadline === null) return false;
  if (c.deadline < from || c.deadline > to) return false;
  return c.deadline < today || c.fulfilledOn !== null;
}

export function computeOnTimeRate(clauses: readonly RateClause[], from: string, to: string, today: string): FulfilmentRate {
  let base = 0;
  let onTime = 0;
  for (const c of clauses) {
    if (!isSettledIn(c, from, to, today)) continue;
    base += 1;
    if (c.fulfilledOn !== null && c.deadline !== null && c.fulfilledOn <= c.deadline) onTime += 1;
  }
  return { base, onTime, late: base - onTime, ratePct: percentHalfUp(BigInt(onTime), BigInt(base)) };
}
