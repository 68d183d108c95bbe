/**
 * "A change of the person responsible never leaves a clause without an owner": when a responsible
 * user is disabled or moved to a region whose scope no longer covers a clause's project, each of
 * their open clauses (not fulfilled, not waived) moves — in the caller's transaction — to a successor:
 * the project's leader (包联领导) when active, another person and covering the project's region; else
 * the region's office head (the longest-standing active leader of the project's own region); else the
 * whole change is refused with a message naming the clauses. Each move is audited and written to the
 * clause's history.
 */
import { selectActiveUserWithPath, selectClausesOfResponsible, selectRegionOfficeHead, updateClauseVersioned, type ClauseWithProject } from '../../db/queries/commitments/commitments';
import type { Db } from '../../db/client';
import { AppError } from '../../domain/app-error';
import { isOpenStatus } from '../../domain/commitments/clause-status';
import { todayInShanghai } from '../../domain/dates';
import { msg } from '../../domain/messages/catalog';
import { isPathWithin } from '../../domain/region-scope';
import { recordAudit } from '../audit/audit';
import { loadWorkingCalendar } from '../calendar';
import type { Caller, Deps } from '../context';
import { writeHistory } from './clause-access';
import { computeClauseFacts } from './clause-view';
import { toAuditView } from './clauses';

async function findSuccessor(db: Db, row: ClauseWithProject, leaving: string): Promise<{ id: string; displayName: string } | undefined> {
  const leaderId = row.project.leaderId;
  if (leaderId && leaderId !== leaving) {
    const leader = await selectActiveUserWithPath(db, leaderId);
    if (leader && isPathWithin(leader.regionPath, row.project.regionPath)) return leader;
  }
  return selectRegionOfficeHead(db, row.project.regionCode, leaving);
}

/**
 * Moves the open clauses of `user` that `newRegionPath` no longer covers (null: the user is being
 * disabled, so all of them). Runs inside the caller's transaction `tx`; throws before changing
 * anything when a clause has no successor.
 */
export async function handOverOpenClauses(deps: Deps, tx: Db, caller: Caller, user: { id: string; displayName: string }, newRegionPath: string | null): Promise<number> {
  const rows = (await selectClausesOfResponsible(tx, user.id)).filter((r) => newRegionPath === null || !isPathWithin(newRegionPath, r.project.regionPath));
  if (rows.length === 0) return 0;
  const facts = await computeClauseFacts(tx, await loadWorkingCalendar({ ...deps, db: tx }), rows, todayInShanghai());
  const open = facts.filter((f) => isOpenStatus(f.status)).map((f) => f.row);
  const moves: { row: ClauseWithProject; to: { id: string; displayName: string } }[] = [];
  const orphans: ClauseWithProject[] = [];
  for (const row of open) {
    const to = await findSuccessor(tx, row, user.id);
    if (to) moves.push({ row, to });
    else orphans.push(row);
  }
  if (orphans.length > 0) {
    const clauses = orphans.map((r) => `${r.project.code}“${r.clause.title}”`).join('、');
    throw new AppError('CONFLICT', msg('commitment.noSuccessor', { user: user.displayName, count: orphans.length, clauses }));
  }
  for (const { row, to } of moves) {
    const saved = await updateClauseVersioned(tx, row.clause.id, row.clause.version, { responsibleUserId: to.id });
    if (!saved) throw new AppError('VERSION_CONFLICT', msg('commitment.versionConflict'));
    const reason = `原责任人“${user.displayName}”${newRegionPath === null ? '账号停用' : '调离本地区'}，自动移交给“${to.displayName}”`;
    await writeHistory(tx, caller, row.clause.id, { event: 'reassign', detail: `${user.displayName} → ${to.displayName}`, reason });
    await recordAudit(tx, caller, {
      action: 'commitment.reassign',
      objectType: 'commitment',
      objectId: row.clause.id,
      regionCode: row.project.regionCode,
      before: toAuditView(row.clause),
      after: toAuditView(saved),
      reason,
    });
  }
  return moves.length;
}
