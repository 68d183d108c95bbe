/**
 * 政策承诺 clauses of a project: list, record (as a draft), change, delete a draft, record the
 * 公平竞争审查 decision, confirm as agreed. Region scope of the project, optimistic versions, every
 * change audited and written to the clause's history.
 */
import { deleteClause, insertClause, selectClause, selectClausesOfProject, selectHistoryOf, updateClauseVersioned, type ClauseWithProject, type CommitmentInsert } from '../../db/queries/commitments/commitments';
import type { ClauseChangeBody, NewClauseBody } from '../../contracts/commitments';
import { AppError } from '../../domain/app-error';
import { CLAUSE_TYPE_NAMES, canBecomeAgreed, DEFAULT_GRACE_WORKING_DAYS, needsFairCompetitionReview } from '../../domain/commitments/clause-kinds';
import { todayInShanghai } from '../../domain/dates';
import { msg } from '../../domain/messages/catalog';
import type { WorkingCalendar } from '../../domain/working-days';
import { recordAudit } from '../audit/audit';
import { loadWorkingCalendar } from '../calendar';
import type { Caller, Deps } from '../context';
import { requireProjectInScope } from '../projects/projects';
import { requireClauseInScope, requireResponsible, writeHistory } from './clause-access';
import { computeClauseFacts, loadClauseDtos, type ClauseDto } from './clause-view';

type TriggerBody = NewClauseBody['trigger'];

/** The trigger's columns, refusing an incomplete trigger with the field it lacks. */
function toTriggerColumns(t: TriggerBody) {
  if (t.kind === 'date' && !t.dueDate) throw new AppError('VALIDATION', msg('commitment.triggerDueDate'), [{ field: 'trigger.dueDate', message: msg('commitment.triggerDueDate') }]);
  if (t.kind === 'fundsReach' && !t.amountYuan) throw new AppError('VALIDATION', msg('commitment.triggerAmount'), [{ field: 'trigger.amountYuan', message: msg('commitment.triggerAmount') }]);
  if (t.kind === 'stageReached' && !t.stage) throw new AppError('VALIDATION', msg('commitment.triggerStage'), [{ field: 'trigger.stage', message: msg('commitment.triggerStage') }]);
  return {
    triggerKind: t.kind,
    dueDate: t.kind === 'date' ? (t.dueDate ?? null) : null,
    triggerAmountYuan: t.kind === 'fundsReach' && t.amountYuan ? BigInt(t.amountYuan) : null,
    triggerStage: t.kind === 'stageReached' ? (t.stage ?? null) : null,
    daysAfterTrigger: t.kind === 'date' ? 0 : (t.daysAfter ?? 0),
  };
}

const optBig = (v: number | null | undefined) => (v === undefined ? undefined : v === null ? null : BigInt(v));
const optText = (v: string | null | undefined) => (v === undefined ? undefined : v?.trim() || null);

/** The clause's terms from a body (new or a change): only the fields given. */
function toTermColumns(b: Omit<ClauseChangeBody, 'version'>): Partial<CommitmentInsert> {
  const cols: Partial<CommitmentInsert> = {
    clauseNo: optText(b.clauseNo),
    type: b.type,
    title: b.title?.trim(),
    content: optText(b.content),
    amountYuan: optBig(b.amountYuan),
    conditions: optText(b.conditions),
    selective: b.selective,
    policyBasis: optText(b.policyBasis),
    graceWorkingDays: b.graceWorkingDays,
    obligationInvestmentYuan: optBig(b.obligationInvestmentYuan),
    obligationOutputYuan: optBig(b.obligationOutputYuan),
    obligationTaxesYuan: optBig(b.obligationTaxesYuan),
    obligationJobs: b.obligationJobs,
    actualOutputYuan: optBig(b.actualOutputYuan),
    actualTaxesYuan: optBig(b.actualTaxesYuan),
    actualJobs: b.actualJobs,
    ...(b.trigger ? toTriggerColumns(b.trigger) : {}),
  };
  return Object.fromEntries(Object.entries(cols).filter(([, v]) => v !== undefined)) as Partial<CommitmentInsert>;
}

/** What the audit row shows of a clause (bigints as text). */
export function toAuditView(c: ClauseWithProject['clause']) {
  return Object.fromEntries(Object.entries(c).map(([k, v]) => [k, typeof v === 'bigint' ? v.toString() : v instanceof Date ? v.toISOString() : v]));
}

export async function loadOneClause(deps: Deps, cal: WorkingCalendar, id: string): Promise<ClauseDto> {
  const row = await selectClause(deps.db, id);
  if (!row) throw new AppError('NOT_FOUND', msg('commitment.notFound'));
  const [dto] = await loadClauseDtos(deps.db, cal, [row], todayInShanghai());
  if (!dto) throw new AppError('NOT_FOUND', msg('commitment.notFound'));
  return dto;
}

/** The status of a clause as of today (for the history's before and after). */
export async function computeStatusNow(deps: Deps, cal: WorkingCalendar, row: ClauseWithProject) {
  const [facts] = await computeClauseFacts(deps.db, cal, [row], todayInShanghai());
  return facts?.status ?? 'pending';
}

export async function listProjectClauses(deps: Deps, caller: Caller, projectId: string): Promise<ClauseDto[]> {
  await requireProjectInScope(deps, caller, projectId);
  const cal = await loadWorkingCalendar(deps);
  return loadClauseDtos(deps.db, cal, await selectClausesOfProject(deps.db, projectId), todayInShanghai());
}

export async function createClause(deps: Deps, caller: Caller, projectId: string, body: NewClauseBody): Promise<ClauseDto> {
  const view = await requireProjectInScope(deps, caller, projectId);
  await requireResponsible(deps.db, body.responsibleUserId, view.regionPath);
  const terms = toTermColumns(body);
  const selective = body.selective ?? false;
  const created = await deps.db.transaction(async (tx) => {
    const row = await insertClause(tx, {
      ...terms,
      projectId,
      type: body.type,
      title: body.title.trim(),
      triggerKind: body.trigger.kind,
      selective,
      graceWorkingDays: body.graceWorkingDays ?? DEFAULT_GRACE_WORKING_DAYS,
      responsibleDepartment: body.responsibleDepartment.trim(),
      responsibleUserId: body.responsibleUserId,
      reviewRequired: needsFairCompetitionReview(body.type, selective),
      createdBy: caller.actor.id,
    });
    await writeHistory(tx, caller, row.id, { event: 'create', toStatus: 'pending', detail: row.reviewRequired ? '草拟；须公平竞争审查' : '草拟' });
    await recordAudit(tx, caller, { action: 'commitment.create', objectType: 'commitment', objectId: row.id, regionCode: view.project.regionCode, after: toAuditView(row) });
    return row;
  });
  return loadOneClause(deps, await loadWorkingCalendar(deps), created.id);
}

export async function updateClause(deps: Deps, caller: Caller, id: string, body: ClauseChangeBody): Promise<ClauseDto> {
  const current = await requireClauseInScope(deps, caller, id);
  const c = current.clause;
  const reason = body.reason?.trim() || null;
  if (c.agreement === 'agreed' && !reason) throw new AppError('VALIDATION', msg('commitment.agreedChangeReason'), [{ field: 'reason', message: msg('commitment.agreedChangeReason') }]);
  const patch = toTermColumns(body);
  const type = patch.type ?? c.type;
  const selective = patch.selective ?? c.selective;
  const reviewRequired = needsFairCompetitionReview(type, selective);
  if (reviewRequired && !c.reviewRequired) {
    if (c.agreement === 'agreed') throw new AppError('VALIDATION', msg('commitment.agreedNeedsReview', { title: c.title }), [{ field: 'type', message: msg('commitment.agreedNeedsReview', { title: c.title }) }]);
    Object.assign(patch, { reviewDecision: null, reviewNote: null, reviewedBy: null, reviewedAt: null });
  }
  patch.reviewRequired = reviewRequired;
  const saved = await deps.db.transaction(async (tx) => {
    const row = await updateClauseVersioned(tx, id, body.version, patch);
    if (!row) throw new AppError('VERSION_CONFLICT', msg('commitment.versionConflict'));
    await writeHistory(tx, caller, id, { event: 'update', detail: Object.keys(patch).filter((k) => k !== 'reviewRequired').join(', '), reason });
    await recordAudit(tx, caller, { action: 'commitment.update', objectType: 'commitment', objectId: id, regionCode: current.project.regionCode, before: toAuditView(c), after: toAuditView(row), reason });
    return row;
  });
  return loadOneClause(deps, await loadWorkingCalendar(deps), saved.id);
}

/** Only a draft can be deleted: an agreed promise is waived with a reason, never erased. */
export async function removeClause(deps: Deps, caller: Caller, id: string, reason: string): Promise<void> {
  const current = await requireClauseInScope(deps, caller, id);
  if (current.clause.agreement === 'agreed') throw new AppError('VALIDATION', msg('commitment.agreedNoDelete', { title: current.clause.title }));
  await deps.db.transaction(async (tx) => {
    await deleteClause(tx, id);
    await recordAudit(tx, caller, { action: 'commitment.delete', objectType: 'commitment', objectId: id, regionCode: current.project.regionCode, before: toAuditView(current.clause), reason });
  });
}

/** A draft needing review, not yet agreed: the review steps' common refusals. */
function requireReviewable(c: ClauseWithProject['clause']) {
  if (!c.reviewRequired) throw new AppError('VALIDATION', msg('commitment.reviewNotNeeded', { title: c.title }));
  if (c.agreement === 'agreed') throw new AppError('VALIDATION', msg('commitment.alreadyAgreed', { title: c.title }));
}

/** 提交公平竞争审查: who submits is recorded (history, audit); neither they nor the clause's creator may approve it. */
export async function submitClauseForReview(deps: Deps, caller: Caller, id: string, version: number): Promise<ClauseDto> {
  const current = await requireClauseInScope(deps, caller, id);
  const c = current.clause;
  requireReviewable(c);
  if (c.reviewDecision === 'approved') throw new AppError('VALIDATION', msg('commitment.reviewAlreadyApproved', { title: c.title }));
  await deps.db.transaction(async (tx) => {
    const row = await updateClauseVersioned(tx, id, version, {});
    if (!row) throw new AppError('VERSION_CONFLICT', msg('commitment.versionConflict'));
    await writeHistory(tx, caller, id, { event: 'reviewSubmit', detail: '提交公平竞争审查' });
    await recordAudit(tx, caller, { action: 'commitment.reviewSubmit', objectType: 'commitment', objectId: id, regionCode: current.project.regionCode, after: toAuditView(row) });
  });
  return loadOneClause(deps, await loadWorkingCalendar(deps), id);
}

/**
 * 四眼原则: a review decision needs a submission, and an approval someone who neither created the clause
 * nor submitted it (a rejection stops a clause, anyone reviewing may make it).
 */
async function requireSecondPerson(deps: Deps, caller: Caller, c: ClauseWithProject['clause'], decision: 'approved' | 'rejected') {
  const submitters = (await selectHistoryOf(deps.db, [c.id])).filter((h) => h.event === 'reviewSubmit').map((h) => h.actorId);
  if (submitters.length === 0) throw new AppError('VALIDATION', msg('commitment.reviewNotSubmitted', { title: c.title }), [{ field: 'decision', message: msg('commitment.reviewNotSubmitted', { title: c.title }) }]);
  if (decision !== 'approved') return;
  const role = c.createdBy === caller.actor.id ? 'commitment.reviewRoleCreated' : submitters.includes(caller.actor.id) ? 'commitment.reviewRoleSubmitted' : null;
  if (role) {
    const m = msg('commitment.reviewSelf', { title: c.title, role: msg(role) });
    throw new AppError('VALIDATION', m, [{ field: 'decision', message: m }]);
  }
}

/** 公平竞争审查: the decision on a submitted clause that needs one (a draft); a rejection keeps it from being agreed. */
export async function reviewClause(deps: Deps, caller: Caller, id: string, body: { decision: 'approved' | 'rejected'; note: string; version: number }): Promise<ClauseDto> {
  const current = await requireClauseInScope(deps, caller, id);
  const c = current.clause;
  requireReviewable(c);
  await requireSecondPerson(deps, caller, c, body.decision);
  await deps.db.transaction(async (tx) => {
    const row = await updateClauseVersioned(tx, id, body.version, { reviewDecision: body.decision, reviewNote: body.note.trim(), reviewedBy: caller.actor.id, reviewedAt: new Date() });
    if (!row) throw new AppError('VERSION_CONFLICT', msg('commitment.versionConflict'));
    await writeHistory(tx, caller, id, { event: 'review', detail: body.decision === 'approved' ? '公平竞争审查通过' : '公平竞争审查未通过', reason: body.note.trim() });
    await recordAudit(tx, caller, { action: 'commitment.review', objectType: 'commitment', objectId: id, regionCode: current.project.regionCode, before: toAuditView(c), after: toAuditView(row), reason: body.note.trim() });
  });
  return loadOneClause(deps, await loadWorkingCalendar(deps), id);
}

/** Confirms a draft as agreed (binding): refused while a needed review has not approved it. */
export async function agreeClause(deps: Deps, caller: Caller, id: string, version: number): Promise<ClauseDto> {
  const current = await requireClauseInScope(deps, caller, id);
  const c = current.clause;
  if (c.agreement === 'agreed') throw new AppError('VALIDATION', msg('commitment.alreadyAgreed', { title: c.title }));
  if (!canBecomeAgreed(c.reviewRequired, c.reviewDecision)) {
    const m = msg('commitment.reviewPending', { title: c.title, type: CLAUSE_TYPE_NAMES[c.type] });
    throw new AppError('VALIDATION', m, [{ field: 'reviewDecision', message: m }]);
  }
  const cal = await loadWorkingCalendar(deps);
  await deps.db.transaction(async (tx) => {
    const row = await updateClauseVersioned(tx, id, version, { agreement: 'agreed', agreedOn: todayInShanghai() });
    if (!row) throw new AppError('VERSION_CONFLICT', msg('commitment.versionConflict'));
    const status = await computeStatusNow({ ...deps, db: tx }, cal, { ...current, clause: row });
    await writeHistory(tx, caller, id, { event: 'agree', toStatus: status, detail: '确认为已约定' });
    await recordAudit(tx, caller, { action: 'commitment.agree', objectType: 'commitment', objectId: id, regionCode: current.project.regionCode, before: toAuditView(c), after: toAuditView(row) });
  });
  return loadOneClause(deps, cal, id);
}
