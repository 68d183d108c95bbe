/** 问题清单: bottlenecks with an owner and a due date; an open one past its due date is overdue (and turns the light red). */
import { touchProjectProgress } from '../../db/queries/projects/projects';
import { insertProblem, selectProblem, selectProblems, updateProblemVersioned, type ProblemRow } from '../../db/queries/projects/project-records';
import { AppError } from '../../domain/app-error';
import { msg } from '../../domain/messages/catalog';
import { todayInShanghai } from '../../domain/dates';
import { recordAudit } from '../audit/audit';
import type { Caller, Deps } from '../context';
import { requireProjectInScope } from './projects';

export function toProblemDto(p: ProblemRow, today: string) {
  return {
    id: p.id,
    projectId: p.projectId,
    description: p.description,
    ownerName: p.ownerName,
    dueDate: p.dueDate,
    status: p.status,
    resolution: p.resolution,
    resolvedOn: p.resolvedOn,
    followUpId: p.followUpId,
    overdue: p.status === 'open' && p.dueDate < today,
    version: p.version,
    createdAt: p.createdAt.toISOString(),
  };
}

export async function listProblems(deps: Deps, caller: Caller, projectId: string) {
  await requireProjectInScope(deps, caller, projectId);
  const today = todayInShanghai();
  return (await selectProblems(deps.db, projectId)).map((p) => toProblemDto(p, today));
}

export async function addProblem(deps: Deps, caller: Caller, projectId: string, input: { description: string; ownerName: string; dueDate: string }) {
  const project = await requireProjectInScope(deps, caller, projectId);
  const row = await deps.db.transaction(async (tx) => {
    const created = await insertProblem(tx, { projectId, description: input.description.trim(), ownerName: input.ownerName.trim(), dueDate: input.dueDate });
    await touchProjectProgress(tx, projectId);
    await recordAudit(tx, caller, { action: 'problem.create', objectType: 'problem', objectId: created.id, regionCode: project.project.regionCode, after: toProblemDto(created, todayInShanghai()) });
    return created;
  });
  return toProblemDto(row, todayInShanghai());
}

export async function updateProblem(
  deps: Deps,
  caller: Caller,
  id: string,
  input: { description?: string; ownerName?: string; dueDate?: string; status?: 'open' | 'resolved'; resolution?: string | null; version: number },
) {
  const problem = /^[0-9a-f-]{36}$/i.test(id) ? await selectProblem(deps.db, id) : undefined;
  if (!problem) throw new AppError('NOT_FOUND', msg('project.problemNotFound'));
  const project = await requireProjectInScope(deps, caller, problem.projectId);
  const resolving = input.status === 'resolved' && problem.status !== 'resolved';
  if (resolving && !input.resolution?.trim()) {
    throw new AppError('VALIDATION', msg('project.problemResolutionRequired'), [{ field: 'resolution', message: msg('user.required') }]);
  }
  const today = todayInShanghai();
  const row = await deps.db.transaction(async (tx) => {
    const saved = await updateProblemVersioned(tx, id, input.version, {
      ...(input.description !== undefined ? { description: input.description.trim() } : {}),
      ...(input.ownerName !== undefined ? { ownerName: input.ownerName.trim() } : {}),
      ...(input.dueDate !== undefined ? { dueDate: input.dueDate } : {}),
      ...(input.status !== undefined ? { status: input.status, resolvedOn: input.status === 'resolved' ? (problem.resolvedOn ?? today) : null } : {}),
      ...(input.resolution !== undefined ? { resolution: input.resolution?.trim() || null } : {}),
    });
    if (!saved) throw new AppError('VERSION_CONFLICT', msg('project.problemVersionConflict'));
    await touchProjectProgress(tx, problem.projectId);
    await recordAudit(tx, caller, {
      action: resolving ? 'problem.resolve' : 'problem.update',
      objectType: 'problem',
      objectId: id,
      regionCode: project.project.regionCode,
      before: toProblemDto(problem, today),
      after: toProblemDto(saved, today),
    });
    return saved;
  });
  return toProblemDto(row, today);
}
