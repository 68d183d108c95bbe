/**
 * 回访 of landed projects: a project's visits with the problems they raised and its investor's
 * signals; planning an extra visit; recording a visit (findings, red flags, problems that join the
 * problem list with their owner and due date). Region scope, permissions (projects.read to see,
 * projects.manage to change), optimistic versions and audit like the project's other records.
 */
import { touchProjectProgress } from '../../db/queries/projects/projects';
import { insertProblem } from '../../db/queries/projects/project-records';
import { insertFollowUp, selectFollowUp, selectFollowUps, selectProblemsOfFollowUps, updateFollowUpVersioned, type FollowUpRow } from '../../db/queries/aftercare/follow-ups';
import type { FollowUpRecordBody } from '../../contracts/aftercare';
import { RED_FLAGS, type RedFlag } from '../../domain/aftercare/follow-ups';
import { AppError } from '../../domain/app-error';
import { todayInShanghai } from '../../domain/dates';
import { msg } from '../../domain/messages/catalog';
import { STAGE_NAMES } from '../../domain/project-stages';
import { recordAudit } from '../audit/audit';
import type { Caller, Deps } from '../context';
import { toProblemDto } from '../projects/problems';
import { requireProjectInScope } from '../projects/projects';
import { computeSignalsFor } from './signals';

type ProblemDto = ReturnType<typeof toProblemDto>;

function toFollowUpDto(v: FollowUpRow, problems: ProblemDto[], today: string) {
  return {
    id: v.id,
    projectId: v.projectId,
    scheduleMonth: v.scheduleMonth,
    dueDate: v.dueDate,
    doneOn: v.doneOn,
    visitorName: v.visitorName,
    findings: v.findings,
    redFlags: v.redFlags.filter((f): f is RedFlag => (RED_FLAGS as readonly string[]).includes(f)),
    notes: v.notes,
    overdue: !v.doneOn && v.dueDate < today,
    problems: problems.filter((p) => p.followUpId === v.id),
    version: v.version,
  };
}

async function loadFollowUpDtos(deps: Deps, rows: FollowUpRow[], today: string) {
  const problems = (await selectProblemsOfFollowUps(deps.db, rows.map((r) => r.id))).map((p) => toProblemDto(p, today));
  return rows.map((r) => toFollowUpDto(r, problems, today));
}

export async function listFollowUps(deps: Deps, caller: Caller, projectId: string) {
  const view = await requireProjectInScope(deps, caller, projectId);
  const today = todayInShanghai();
  const items = await loadFollowUpDtos(deps, await selectFollowUps(deps.db, projectId), today);
  const signals = await computeSignalsFor(deps, [{ projectId, investorId: view.project.investorId, regionPath: view.regionPath }], today, caller.lang ?? 'zh');
  return { items, signals: signals.get(projectId) ?? { risk: 'none' as const, riskReasons: [], expansion: false, expansionReasons: [] } };
}

async function requireOperating(deps: Deps, caller: Caller, projectId: string) {
  const view = await requireProjectInScope(deps, caller, projectId);
  if (view.project.stage !== 'operating') {
    throw new AppError('VALIDATION', msg('aftercare.notOperating', { stage: STAGE_NAMES[view.project.stage] }), [{ field: 'projectId', message: msg('aftercare.notOperating', { stage: STAGE_NAMES[view.project.stage] }) }]);
  }
  return view;
}

/** An extra visit outside the schedule, due on `dueDate`. */
export async function addFollowUp(deps: Deps, caller: Caller, projectId: string, input: { dueDate: string }) {
  const view = await requireOperating(deps, caller, projectId);
  const today = todayInShanghai();
  const row = await deps.db.transaction(async (tx) => {
    const created = await insertFollowUp(tx, { projectId, dueDate: input.dueDate, recordedBy: caller.actor.id });
    await recordAudit(tx, caller, { action: 'followUp.create', objectType: 'followUp', objectId: created.id, regionCode: view.project.regionCode, after: toFollowUpDto(created, [], today) });
    return created;
  });
  return toFollowUpDto(row, [], today);
}

/** Records (or corrects) a visit: done date, visitor, findings, red flags, notes; the problems given join the problem list. */
export async function recordFollowUp(deps: Deps, caller: Caller, id: string, input: FollowUpRecordBody) {
  const visit = /^[0-9a-f-]{36}$/i.test(id) ? await selectFollowUp(deps.db, id) : undefined;
  if (!visit) throw new AppError('NOT_FOUND', msg('aftercare.followUpNotFound'));
  const view = await requireOperating(deps, caller, visit.projectId);
  const today = todayInShanghai();
  if (input.doneOn > today) throw new AppError('VALIDATION', msg('aftercare.doneInFuture', { date: input.doneOn, today }), [{ field: 'doneOn', message: msg('aftercare.doneInFuture', { date: input.doneOn, today }) }]);
  const operating = view.project.operatingDate;
  if (operating && input.doneOn < operating) {
    throw new AppError('VALIDATION', msg('aftercare.doneBeforeOperating', { date: input.doneOn, operating }), [{ field: 'doneOn', message: msg('aftercare.doneBeforeOperating', { date: input.doneOn, operating }) }]);
  }
  if (!input.findings.trim()) throw new AppError('VALIDATION', msg('aftercare.findingsRequired'), [{ field: 'findings', message: msg('aftercare.findingsRequired') }]);
  const before = (await loadFollowUpDtos(deps, [visit], today))[0];
  const saved = await deps.db.transaction(async (tx) => {
    const row = await updateFollowUpVersioned(tx, id, input.version, {
      doneOn: input.doneOn,
      visitorName: input.visitorName.trim(),
      findings: input.findings.trim(),
      redFlags: [...new Set(input.redFlags ?? [])],
      notes: input.notes?.trim() || null,
      recordedBy: caller.actor.id,
    });
    if (!row) throw new AppError('VERSION_CONFLICT', msg('aftercare.versionConflict'));
    for (const p of input.problems ?? []) {
      const problem = await insertProblem(tx, { projectId: visit.projectId, description: p.description.trim(), ownerName: p.ownerName.trim(), dueDate: p.dueDate, followUpId: id });
      await recordAudit(tx, caller, { action: 'problem.create', objectType: 'problem', objectId: problem.id, regionCode: view.project.regionCode, after: toProblemDto(problem, today) });
    }
    await touchProjectProgress(tx, visit.projectId);
    const [after] = await loadFollowUpDtos({ ...deps, db: tx }, [row], today);
    if (!after) throw new Error('recorded follow-up not found');
    await recordAudit(tx, caller, { action: 'followUp.record', objectType: 'followUp', objectId: id, regionCode: view.project.regionCode, before, after });
    return after;
  });
  return saved;
}
