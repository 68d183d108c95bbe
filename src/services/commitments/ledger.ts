/**
 * 政策承诺台账 of a region (its subtree): the clauses with filters, counts by status, the 12-month
 * forecast of amounts falling due; and the 通报 list: agreed clauses overdue, by department, the
 * longest overdue first, and the clauses about to be overdue (即将到期).
 */
import { selectClausesInSubtree } from '../../db/queries/commitments/commitments';
import { AT_RISK_WORKING_DAYS, findWorkingDaysLeft } from '../../domain/commitments/at-risk';
import { COMMITMENT_STATUSES, type CommitmentStatus } from '../../domain/commitments/clause-kinds';
import { forecastDueAmounts } from '../../domain/commitments/due-forecast';
import { todayInShanghai } from '../../domain/dates';
import { loadWorkingCalendar } from '../calendar';
import type { Caller, Deps } from '../context';
import { requireRegionInScope } from '../regions';
import { computeClauseFacts, toClauseDto, toTrigger, type ClauseFacts } from './clause-view';

export interface LedgerQuery {
  regionCode?: string;
  status?: CommitmentStatus;
  type?: string;
  department?: string;
  q?: string;
}

/** The clauses of the region's subtree as of `today`, with the region. */
export async function loadRegionFacts(deps: Deps, caller: Caller, regionCode: string | undefined, today: string) {
  const region = await requireRegionInScope(deps, caller, regionCode ?? caller.actor.regionCode ?? '');
  const cal = await loadWorkingCalendar(deps);
  const facts = await computeClauseFacts(deps.db, cal, await selectClausesInSubtree(deps.db, region.path), today);
  return { region, facts, cal };
}

function buildForecast(facts: ClauseFacts[], today: string) {
  const owed = facts.filter((f) => f.row.clause.agreement === 'agreed' && f.status !== 'waived' && f.status !== 'fulfilled' && f.outstandingYuan !== null && f.outstandingYuan > 0n);
  const forecast = forecastDueAmounts(
    owed.map((f) => ({ id: f.row.clause.id, outstandingYuan: f.outstandingYuan ?? 0n, dueDate: f.dueDate, trigger: toTrigger(f.row.clause), project: f.projectFacts })),
    today.slice(0, 7),
  );
  return {
    months: forecast.months.map((m) => ({ month: m.month, scheduledYuan: Number(m.scheduledYuan), estimatedYuan: Number(m.estimatedYuan), clauses: m.clauses })),
    pastDueYuan: Number(forecast.pastDueYuan),
    pastDueClauses: forecast.pastDueClauses,
    laterYuan: Number(forecast.laterYuan),
    unestimated: forecast.unestimated.map((u) => ({ id: u.id, outstandingYuan: Number(u.outstandingYuan) })),
  };
}

export async function listLedger(deps: Deps, caller: Caller, query: LedgerQuery) {
  const today = todayInShanghai();
  const { region, facts } = await loadRegionFacts(deps, caller, query.regionCode, today);
  const counts = Object.fromEntries(COMMITMENT_STATUSES.map((s) => [s, 0])) as Record<CommitmentStatus, number>;
  for (const f of facts) if (f.row.clause.agreement === 'agreed') counts[f.status] += 1;
  const q = query.q?.toLowerCase();
  const items = facts.filter(
    (f) =>
      (!query.status || f.status === query.status) &&
      (!query.type || f.row.clause.type === query.type) &&
      (!query.department || f.row.clause.responsibleDepartment === query.department) &&
      (!q || `${f.row.clause.title} ${f.row.project.name} ${f.row.project.code}`.toLowerCase().includes(q)),
  );
  return {
    regionCode: region.code,
    regionName: region.name,
    counts,
    awaitingReview: facts.filter((f) => f.row.clause.agreement === 'draft' && f.row.clause.reviewRequired && f.row.clause.reviewDecision === null).length,
    forecast: buildForecast(facts, today),
    items: items.map((f) => toClauseDto(f)),
  };
}

/** A clause as a 通报 row (overdue or at risk). */
function toNoticeRow(f: ClauseFacts) {
  return {
    id: f.row.clause.id,
    projectId: f.row.project.id,
    projectCode: f.row.project.code,
    projectName: f.row.project.name,
    regionName: f.row.project.regionName,
    responsibleDepartment: f.row.clause.responsibleDepartment,
    responsibleName: f.row.responsibleName,
    type: f.row.clause.type,
    title: f.row.clause.title,
    amountYuan: f.row.clause.amountYuan === null ? null : Number(f.row.clause.amountYuan),
    outstandingYuan: f.outstandingYuan === null ? null : Number(f.outstandingYuan),
    dueDate: f.dueDate ?? '',
    deadline: f.deadline ?? '',
    complaints: f.complaints.length,
  };
}

/**
 * 通报 as of `today` (the Shanghai date unless a test sets it): the agreed clauses overdue — those an investor
 * complained about first, then the longest overdue — with their totals by department; and the agreed clauses
 * at risk (即将到期, domain/commitments/at-risk.ts), the nearest deadline first.
 */
export async function listOverdueNotice(deps: Deps, caller: Caller, regionCode?: string, today = todayInShanghai()) {
  const { region, facts, cal } = await loadRegionFacts(deps, caller, regionCode, today);
  const agreed = facts.filter((f) => f.row.clause.agreement === 'agreed');
  const overdue = agreed
    .filter((f) => f.status === 'overdue')
    .sort((a, b) => Number(b.complaints.length > 0) - Number(a.complaints.length > 0) || b.daysOverdue - a.daysOverdue || a.row.project.code.localeCompare(b.row.project.code));
  const atRisk = agreed
    .map((f) => ({ f, workingDaysLeft: findWorkingDaysLeft(cal, f, today) }))
    .filter((r): r is { f: ClauseFacts; workingDaysLeft: number } => r.workingDaysLeft !== null)
    .sort((a, b) => a.workingDaysLeft - b.workingDaysLeft || (a.f.dueDate ?? '').localeCompare(b.f.dueDate ?? '') || a.f.row.project.code.localeCompare(b.f.row.project.code));
  const byDepartment = new Map<string, { department: string; clauses: number; outstandingYuan: bigint }>();
  for (const f of overdue) {
    const d = f.row.clause.responsibleDepartment;
    const entry = byDepartment.get(d) ?? { department: d, clauses: 0, outstandingYuan: 0n };
    entry.clauses += 1;
    entry.outstandingYuan += f.outstandingYuan ?? 0n;
    byDepartment.set(d, entry);
  }
  return {
    regionCode: region.code,
    regionName: region.name,
    asOf: today,
    byDepartment: [...byDepartment.values()].sort((a, b) => b.clauses - a.clauses || a.department.localeCompare(b.department)).map((d) => ({ ...d, outstandingYuan: Number(d.outstandingYuan) })),
    items: overdue.map((f) => ({ ...toNoticeRow(f), daysOverdue: f.daysOverdue })),
    atRiskWorkingDays: AT_RISK_WORKING_DAYS,
    atRisk: atRisk.map(({ f, workingDaysLeft }) => ({ ...toNoticeRow(f), status: f.status, workingDaysLeft })),
  };
}
