/**
 * A clause as the API shows it, computed as of a day: its resolved due date (triggers read the
 * project's funds in place and stages), deadline, derived status, amounts fulfilled and owed, the
 * investor's obligations (investment's actual = the project's cumulative funds in place).
 */
import { selectComplaintsOfClauses, selectFulfilmentsOf, selectFundsOfProjects, selectHistoryOf, type ClauseComplaintRow, type ClauseWithProject, type FulfilmentRow, type HistoryRow } from '../../db/queries/commitments/commitments';
import { computeDeadline, countDaysOverdue, deriveStatus, findFulfilledOn, sumFulfilled, type ClauseState } from '../../domain/commitments/clause-status';
import { resolveDueDate, type ClauseTrigger, type ProjectFacts } from '../../domain/commitments/clause-trigger';
import { assessObligations } from '../../domain/commitments/investor-obligations';
import { maskPersonalDataInText, maskPersonName } from '../../domain/personal-data';
import type { WorkingCalendar } from '../../domain/working-days';
import type { Db } from '../../db/client';

const num = (v: bigint | null) => (v === null ? null : Number(v));
const big = (v: number | null) => (v === null ? null : BigInt(v));

export function toTrigger(c: ClauseWithProject['clause']): ClauseTrigger {
  return { kind: c.triggerKind, dueDate: c.dueDate, amountYuan: c.triggerAmountYuan, stage: c.triggerStage, daysAfter: c.daysAfterTrigger };
}

/** Everything computed of one clause, in domain types (statistics, ledger, clocks read these). */
export interface ClauseFacts {
  row: ClauseWithProject;
  projectFacts: ProjectFacts & { agreedStartDate: string | null };
  state: ClauseState;
  dueDate: string | null;
  deadline: string | null;
  status: ReturnType<typeof deriveStatus>;
  fulfilledYuan: bigint;
  fulfilledOn: string | null;
  outstandingYuan: bigint | null;
  daysOverdue: number;
  investmentActualYuan: bigint;
  obligationsState: ReturnType<typeof assessObligations>;
  fulfilments: FulfilmentRow[];
  /** the complaints naming the clause (merged duplicates left out), newest first */
  complaints: ClauseComplaintRow[];
}

export async function computeClauseFacts(db: Db, cal: WorkingCalendar, rows: readonly ClauseWithProject[], today: string): Promise<ClauseFacts[]> {
  const ids = rows.map((r) => r.clause.id);
  // one after another: `db` may be a transaction (a clause's status is computed inside the write that changes it),
  // whose single connection must not be given a second statement while one runs (pg queues it, and pg 9 refuses)
  const fulfilments = await selectFulfilmentsOf(db, ids);
  const funds = await selectFundsOfProjects(db, rows.map((r) => r.project.id));
  const complaints = await selectComplaintsOfClauses(db, ids);
  return rows.map((row) => {
    const c = row.clause;
    // as of `today`: what happened after it (a statistic's earlier end) does not count
    const own = fulfilments.filter((f) => f.commitmentId === c.id && f.fulfilledOn <= today);
    const projectFunds = (funds.get(row.project.id) ?? []).filter((f) => f.month <= today.slice(0, 7));
    const upTo = (d: string | null) => (d !== null && d <= today ? d : null);
    const projectFacts = { funds: projectFunds, startedDate: upTo(row.project.startedDate), operatingDate: upTo(row.project.operatingDate), agreedStartDate: row.project.agreedStartDate };
    const dueDate = resolveDueDate(toTrigger(c), projectFacts);
    const state: ClauseState = {
      amountYuan: c.amountYuan,
      dueDate,
      graceWorkingDays: c.graceWorkingDays,
      manualStatus: c.manualStatus,
      fulfilments: own.map((f) => ({ on: f.fulfilledOn, amountYuan: f.amountYuan, complete: f.complete })),
    };
    const fulfilledYuan = sumFulfilled(state.fulfilments);
    // a draft binds no one yet: pending whatever its dates say
    const status = c.agreement === 'draft' ? 'pending' : deriveStatus(cal, state, today);
    const investmentActualYuan = projectFunds.reduce((s, f) => s + f.amountYuan, 0n);
    const outstanding = c.amountYuan === null ? null : c.amountYuan > fulfilledYuan ? c.amountYuan - fulfilledYuan : 0n;
    return {
      row,
      projectFacts,
      state,
      dueDate,
      deadline: dueDate === null ? null : computeDeadline(cal, dueDate, c.graceWorkingDays),
      status,
      fulfilledYuan,
      fulfilledOn: findFulfilledOn(c.amountYuan, state.fulfilments),
      outstandingYuan: status === 'waived' ? 0n : outstanding,
      daysOverdue: status === 'overdue' ? countDaysOverdue(cal, state, today) : 0,
      investmentActualYuan,
      obligationsState: assessObligations(
        { investment: c.obligationInvestmentYuan, output: c.obligationOutputYuan, taxes: c.obligationTaxesYuan, jobs: big(c.obligationJobs) },
        { investment: investmentActualYuan, output: c.actualOutputYuan, taxes: c.actualTaxesYuan, jobs: big(c.actualJobs) },
      ),
      fulfilments: own,
      complaints: complaints.filter((k) => k.clauseId === c.id),
    };
  });
}

function toFulfilmentDto(f: FulfilmentRow) {
  return {
    id: f.id,
    fulfilledOn: f.fulfilledOn,
    amountYuan: num(f.amountYuan),
    complete: f.complete,
    note: f.note,
    evidenceFileId: f.evidenceFileId,
    recordedByName: f.recordedByName,
    recordedAt: f.recordedAt.toISOString(),
  };
}

function toHistoryDto(h: HistoryRow) {
  return { id: h.id, event: h.event, fromStatus: h.fromStatus, toStatus: h.toStatus, detail: h.detail, reason: h.reason, actorName: h.actorName, at: h.at.toISOString() };
}

const EXCERPT_CHARS = 80;

/** A complaint as a clause shows it: masked name, masked excerpt, no contact and no tracking number. */
function toComplaintDto(k: ClauseComplaintRow) {
  const text = maskPersonalDataInText(k.content) ?? '';
  return {
    id: k.id,
    type: k.type,
    stage: k.stage,
    receivedOn: k.receivedOn,
    closeDueOn: k.closeDueOn,
    investorName: maskPersonName(k.investorName) ?? '',
    excerpt: text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS)}…` : text,
  };
}

/** The latest submission for the fair-competition review (history is newest first). */
function findReviewSubmission(history: HistoryRow[]) {
  const h = history.find((e) => e.event === 'reviewSubmit');
  return h ? { byName: h.actorName, at: h.at.toISOString() } : null;
}

export function toClauseDto(f: ClauseFacts, history: HistoryRow[] = []) {
  const c = f.row.clause;
  const p = f.row.project;
  return {
    id: c.id,
    projectId: p.id,
    projectCode: p.code,
    projectName: p.name,
    regionCode: p.regionCode,
    regionName: p.regionName,
    clauseNo: c.clauseNo,
    type: c.type,
    title: c.title,
    content: c.content,
    amountYuan: num(c.amountYuan),
    conditions: c.conditions,
    selective: c.selective,
    policyBasis: c.policyBasis,
    trigger: { kind: c.triggerKind, dueDate: c.dueDate, amountYuan: num(c.triggerAmountYuan), stage: c.triggerStage, daysAfter: c.daysAfterTrigger },
    graceWorkingDays: c.graceWorkingDays,
    dueDate: f.dueDate,
    deadline: f.deadline,
    responsibleDepartment: c.responsibleDepartment,
    responsibleUserId: c.responsibleUserId,
    responsibleName: f.row.responsibleName,
    obligations: {
      investmentYuan: { target: num(c.obligationInvestmentYuan), actual: Number(f.investmentActualYuan) },
      outputYuan: { target: num(c.obligationOutputYuan), actual: num(c.actualOutputYuan) },
      taxesYuan: { target: num(c.obligationTaxesYuan), actual: num(c.actualTaxesYuan) },
      jobs: { target: c.obligationJobs, actual: c.actualJobs },
      state: f.obligationsState,
    },
    agreement: c.agreement,
    agreedOn: c.agreedOn,
    reviewRequired: c.reviewRequired,
    reviewDecision: c.reviewDecision,
    reviewNote: c.reviewNote,
    reviewSubmitted: findReviewSubmission(history.filter((h) => h.commitmentId === c.id)),
    status: f.status,
    manualReason: c.manualReason,
    fulfilledYuan: Number(f.fulfilledYuan),
    outstandingYuan: num(f.outstandingYuan),
    fulfilledOn: f.fulfilledOn,
    daysOverdue: f.daysOverdue,
    fulfilments: f.fulfilments.map(toFulfilmentDto),
    history: history.filter((h) => h.commitmentId === c.id).map(toHistoryDto),
    complaints: f.complaints.map(toComplaintDto),
    version: c.version,
  };
}

export type ClauseDto = ReturnType<typeof toClauseDto>;

/** The DTOs of the rows with their history (a project's tab, one clause). */
export async function loadClauseDtos(db: Db, cal: WorkingCalendar, rows: readonly ClauseWithProject[], today: string): Promise<ClauseDto[]> {
  const [facts, history] = await Promise.all([computeClauseFacts(db, cal, rows, today), selectHistoryOf(db, rows.map((r) => r.clause.id))]);
  return facts.map((f) => toClauseDto(f, history));
}
