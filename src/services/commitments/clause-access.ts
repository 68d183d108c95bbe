/** Finding a clause within the caller's scope, checking a responsible person, writing a clause's history. */
import { insertHistory, selectActiveUserWithPath, selectClause, type ClauseWithProject } from '../../db/queries/commitments/commitments';
import type { Db } from '../../db/client';
import { AppError } from '../../domain/app-error';
import { msg } from '../../domain/messages/catalog';
import { isPathWithin } from '../../domain/region-scope';
import type { Caller, Deps } from '../context';
import { recordOutOfScope } from '../regions';

export async function requireClauseInScope(deps: Deps, caller: Caller, id: string): Promise<ClauseWithProject> {
  const row = /^[0-9a-f-]{36}$/i.test(id) ? await selectClause(deps.db, id) : undefined;
  if (!row || !isPathWithin(caller.actor.regionPath, row.project.regionPath)) {
    if (row) await recordOutOfScope(deps, caller, 'commitment', id);
    throw new AppError('NOT_FOUND', msg('commitment.notFound'));
  }
  return row;
}

/** An active user whose scope covers the project's region (so they can see and act on the clause). */
export async function requireResponsible(db: Db, userId: string, projectRegionPath: string) {
  const user = await selectActiveUserWithPath(db, userId);
  if (!user || !isPathWithin(user.regionPath, projectRegionPath)) {
    throw new AppError('VALIDATION', msg('commitment.responsibleInvalid'), [{ field: 'responsibleUserId', message: msg('commitment.responsibleInvalid') }]);
  }
  return user;
}

export async function writeHistory(
  db: Db,
  caller: Caller,
  clauseId: string,
  entry: { event: 'create' | 'update' | 'agree' | 'reviewSubmit' | 'review' | 'fulfil' | 'status' | 'reassign'; fromStatus?: string | null; toStatus?: string | null; detail?: string | null; reason?: string | null },
) {
  await insertHistory(db, {
    commitmentId: clauseId,
    event: entry.event,
    fromStatus: entry.fromStatus ?? null,
    toStatus: entry.toStatus ?? null,
    detail: entry.detail ?? null,
    reason: entry.reason ?? null,
    actorId: caller.actor.id,
    actorName: caller.actor.displayName,
  });
}
