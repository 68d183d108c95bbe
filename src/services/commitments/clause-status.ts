/**
 * Status changes by hand (争议, 豁免, 撤销) with a reason, and a change of the responsible person. Both
 * write the clause's history (who, when, why, status before and after) and the audit log.
 */
import { updateClauseVersioned } from '../../db/queries/commitments/commitments';
import { AppError } from '../../domain/app-error';
import { COMMITMENT_STATUS_NAMES } from '../../domain/commitments/clause-kinds';
import { applyStatusAction, isStatusActionAllowed, listAllowedFrom, type StatusAction } from '../../domain/commitments/status-transitions';
import { msg } from '../../domain/messages/catalog';
import { recordAudit } from '../audit/audit';
import { loadWorkingCalendar } from '../calendar';
import type { Caller, Deps } from '../context';
import { requireClauseInScope, requireResponsible, writeHistory } from './clause-access';
import { computeStatusNow, loadOneClause, toAuditView } from './clauses';

const ACTION_NAMES = { dispute: msg('commitment.action.dispute'), waive: msg('commitment.action.waive'), clear: msg('commitment.action.clear') } as const;

export async function changeClauseStatus(deps: Deps, caller: Caller, id: string, body: { action: StatusAction; reason: string; version: number }) {
  const current = await requireClauseInScope(deps, caller, id);
  const c = current.clause;
  if (c.agreement !== 'agreed') throw new AppError('VALIDATION', msg('commitment.notAgreed', { title: c.title }));
  const cal = await loadWorkingCalendar(deps);
  const before = await computeStatusNow(deps, cal, current);
  if (!isStatusActionAllowed(body.action, before)) {
    const m = msg('commitment.statusNotAllowed', { status: COMMITMENT_STATUS_NAMES[before], action: ACTION_NAMES[body.action], allowed: listAllowedFrom(body.action).map((s) => COMMITMENT_STATUS_NAMES[s]).join('、') });
    throw new AppError('VALIDATION', m, [{ field: 'action', message: m }]);
  }
  const reason = body.reason.trim();
  const manualStatus = applyStatusAction(body.action);
  await deps.db.transaction(async (tx) => {
    const row = await updateClauseVersioned(tx, id, body.version, { manualStatus, manualReason: manualStatus ? reason : null });
    if (!row) throw new AppError('VERSION_CONFLICT', msg('commitment.versionConflict'));
    const after = await computeStatusNow({ ...deps, db: tx }, cal, { ...current, clause: row });
    await writeHistory(tx, caller, id, { event: 'status', fromStatus: before, toStatus: after, reason });
    await recordAudit(tx, caller, { action: 'commitment.status', objectType: 'commitment', objectId: id, regionCode: current.project.regionCode, before: { status: before, ...toAuditView(c) }, after: { status: after, ...toAuditView(row) }, reason });
  });
  return loadOneClause(deps, cal, id);
}

export async function reassignClause(deps: Deps, caller: Caller, id: string, body: { responsibleUserId: string; responsibleDepartment?: string; reason: string; version: number }) {
  const current = await requireClauseInScope(deps, caller, id);
  const c = current.clause;
  if (body.responsibleUserId === c.responsibleUserId && (body.responsibleDepartment ?? c.responsibleDepartment) === c.responsibleDepartment) {
    throw new AppError('VALIDATION', msg('commitment.sameResponsible'), [{ field: 'responsibleUserId', message: msg('commitment.sameResponsible') }]);
  }
  const user = await requireResponsible(deps.db, body.responsibleUserId, current.project.regionPath);
  const reason = body.reason.trim();
  await deps.db.transaction(async (tx) => {
    const row = await updateClauseVersioned(tx, id, body.version, { responsibleUserId: user.id, responsibleDepartment: body.responsibleDepartment?.trim() || c.responsibleDepartment });
    if (!row) throw new AppError('VERSION_CONFLICT', msg('commitment.versionConflict'));
    await writeHistory(tx, caller, id, { event: 'reassign', detail: `${current.responsibleName} → ${user.displayName}（${row.responsibleDepartment}）`, reason });
    await recordAudit(tx, caller, { action: 'commitment.reassign', objectType: 'commitment', objectId: id, regionCode: current.project.regionCode, before: toAuditView(c), after: toAuditView(row), reason });
  });
  return loadOneClause(deps, await loadWorkingCalendar(deps), id);
}
