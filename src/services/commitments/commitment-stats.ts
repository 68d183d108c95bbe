/**
 * 政策承诺统计 of a region (its subtree) for a period of months [from, to] (default: January of this
 * year to this month), as of asOf = the period's last day or today, whichever is earlier
 * (docs/commitments.md "统计口径"):
 * - agreed clauses (agreed on or before asOf) by status as of asOf;
 * - promisedYuan: the amounts of those not waived; fulfilledYuan: what was fulfilled of them up to asOf;
 *   overdueYuan: what is still owed of the overdue ones;
 * - onTime: the on-time fulfilment rate of the clauses settled in the period (domain/commitments/fulfilment-rate.ts);
 * - byRegion: the same per direct sub-region (and the region's own projects as 本级); byDepartment per responsible department;
 * - bothSides (履约 seen from both sides): projects with agreed clauses; clauses fallen due (not waived, due
 *   date ≤ asOf) and those fulfilled; clauses with investor obligations and those whose obligations are met.
 */
import { selectChildRegions } from '../../db/queries/regions';
import { COMMITMENT_STATUSES, type CommitmentStatus } from '../../domain/commitments/clause-kinds';
import { computeOnTimeRate } from '../../domain/commitments/fulfilment-rate';
import { isMonth, todayInShanghai } from '../../domain/dates';
import { lastDayOfMonth } from '../../domain/indicators';
import { isPathWithin } from '../../domain/region-scope';
import { AppError } from '../../domain/app-error';
import { msg } from '../../domain/messages/catalog';
import type { Caller, Deps } from '../context';
import type { ClauseFacts } from './clause-view';
import { loadRegionFacts } from './ledger';

function summarize(facts: readonly ClauseFacts[], from: string, to: string, asOf: string) {
  const byStatus = Object.fromEntries(COMMITMENT_STATUSES.map((s) => [s, 0])) as Record<CommitmentStatus, number>;
  let promised = 0n;
  let fulfilled = 0n;
  let overdue = 0n;
  for (const f of facts) {
    byStatus[f.status] += 1;
    if (f.status === 'waived') continue;
    promised += f.row.clause.amountYuan ?? 0n;
    fulfilled += f.fulfilledYuan;
    if (f.status === 'overdue') overdue += f.outstandingYuan ?? 0n;
  }
  const onTime = computeOnTimeRate(
    facts.map((f) => ({ deadline: f.deadline, fulfilledOn: f.fulfilledOn, waived: f.status === 'waived' })),
    `${from}-01`,
    lastDayOfMonth(to),
    asOf,
  );
  return { clauses: facts.length, byStatus, promisedYuan: Number(promised), fulfilledYuan: Number(fulfilled), overdueYuan: Number(overdue), onTime };
}

export async function getCommitmentStats(deps: Deps, caller: Caller, query: { regionCode?: string; from?: string; to?: string }) {
  const today = todayInShanghai();
  const to = query.to ?? today.slice(0, 7);
  const from = query.from ?? `${to.slice(0, 4)}-01`;
  for (const [field, value] of [['from', from], ['to', to]] as const) {
    if (!isMonth(value)) throw new AppError('VALIDATION', msg('validation.monthFormat'), [{ field, message: msg('validation.monthFormat') }]);
  }
  if (from > to) throw new AppError('VALIDATION', msg('period.order'), [{ field: 'from', message: msg('period.order') }]);
  const end = lastDayOfMonth(to);
  const asOf = end < today ? end : today;
  const { region, facts: all } = await loadRegionFacts(deps, caller, query.regionCode, asOf);
  const facts = all.filter((f) => f.row.clause.agreement === 'agreed' && f.row.clause.agreedOn !== null && f.row.clause.agreedOn <= asOf);
  const children = await selectChildRegions(deps.db, region.code);
  const childPaths = children.map((c) => ({ ...c, path: `${region.path}${c.code}/` }));
  const own = facts.filter((f) => !childPaths.some((c) => isPathWithin(c.path, f.row.project.regionPath)));
  const byRegion = [
    ...(own.length > 0 ? [{ code: region.code, name: `${region.name}（本级）`, ...summarize(own, from, to, asOf) }] : []),
    ...childPaths.map((c) => ({ code: c.code, name: c.name, ...summarize(facts.filter((f) => isPathWithin(c.path, f.row.project.regionPath)), from, to, asOf) })),
  ];
  const departments = [...new Set(facts.map((f) => f.row.clause.responsibleDepartment))].sort();
  const due = facts.filter((f) => f.status !== 'waived' && f.dueDate !== null && f.dueDate <= asOf);
  const withObligations = facts.filter((f) => f.obligationsState !== null);
  return {
    region: region.code,
    from,
    to,
    ...summarize(facts, from, to, asOf),
    byRegion,
    byDepartment: departments.map((d) => ({ department: d, ...summarize(facts.filter((f) => f.row.clause.responsibleDepartment === d), from, to, asOf) })),
    bothSides: {
      projects: new Set(facts.map((f) => f.row.project.id)).size,
      governmentDue: due.length,
      governmentFulfilled: due.filter((f) => f.status === 'fulfilled').length,
      investorWithObligations: withObligations.length,
      investorMet: withObligations.filter((f) => f.obligationsState === 'met').length,
    },
  };
}
