/**
 * 活动推进的招商目标 (issue 13 item 1): an activity records the investment targets it advanced. A
 * target must lie in the caller's scope (targets of the caller's region and below, as in
 * services/targets); linking may move its status forward (new → contacted / visited / negotiating)
 * through the targets' own service, so the target's transition rules, history and audit apply.
 * The activity page lists them; the target's side lists its activities.
 */
import { deleteActivityTarget, insertActivityTarget, selectActivityTargets, selectTargetActivities } from '../../db/queries/activities/trips';
import { selectRegion } from '../../db/queries/regions';
import { selectTargetById } from '../../db/queries/targets/targets';
import { AppError } from '../../domain/app-error';
import { msg } from '../../domain/messages/catalog';
import { isPathWithin } from '../../domain/region-scope';
import { recordAudit } from '../audit/audit';
import type { Caller, Deps } from '../context';
import { recordOutOfScope } from '../regions';
import { changeTargetStatus } from '../targets/target-claims';
import { getActivity, requireActivityInScope } from './activities';

type AdvanceStatus = 'contacted' | 'visited' | 'negotiating';

/** The target when its region lies in the caller's scope; otherwise a field error (and an audit row when it exists). */
async function requireTargetForActivity(deps: Deps, caller: Caller, targetId: string) {
  const target = await selectTargetById(deps.db, targetId);
  const region = target ? await selectRegion(deps.db, target.regionCode) : undefined;
  if (!target || !region || !isPathWithin(caller.actor.regionPath, region.path)) {
    if (target) await recordOutOfScope(deps, caller, 'investmentTarget', targetId);
    throw new AppError('NOT_FOUND', msg('activityTarget.notFound', { target: targetId }), [{ field: 'targetId', message: msg('activityTarget.notFound', { target: targetId }) }]);
  }
  return target;
}

export async function addActivityTarget(deps: Deps, caller: Caller, activityId: string, input: { targetId: string; status?: AdvanceStatus | null }) {
  const activity = await requireActivityInScope(deps, caller, activityId);
  const target = await requireTargetForActivity(deps, caller, input.targetId);
  if (input.status && !caller.actor.permissions.includes('targeting.manage')) throw new AppError('FORBIDDEN', msg('activityTarget.needsTargeting'));
  const current = await selectActivityTargets(deps.db, activityId);
  if (current.some((t) => t.target_id === target.id)) {
    throw new AppError('CONFLICT', msg('activityTarget.duplicate', { target: target.id }), [{ field: 'targetId', message: msg('activityTarget.duplicate', { target: target.id }) }]);
  }
  // the status moves through the targets' service: its transition rules, its history and its audit
  const moved = input.status && input.status !== target.status ? await changeTargetStatus(deps, caller, target.id, { status: input.status, reason: `招商活动 ${activity.code} ${activity.name}`, version: target.version }) : null;
  await deps.db.transaction(async (tx) => {
    await insertActivityTarget(tx, { activityId, targetId: target.id, statusSet: moved ? moved.status : null });
    await recordAudit(tx, caller, {
      action: 'activity.target.add',
      objectType: 'activity',
      objectId: activityId,
      regionCode: activity.regionCode,
      after: { targetId: target.id, enterpriseId: target.enterpriseId, nodeCode: target.nodeCode, statusBefore: target.status, statusSet: moved?.status ?? null },
    });
  });
  return getActivity(deps, caller, activityId);
}

export async function removeActivityTarget(deps: Deps, caller: Caller, activityId: string, targetId: string) {
  const activity = await requireActivityInScope(deps, caller, activityId);
  await deps.db.transaction(async (tx) => {
    if (!(await deleteActivityTarget(tx, activityId, targetId))) throw new AppError('NOT_FOUND', msg('activityTarget.notFound', { target: targetId }));
    // the target's status stays where the activity moved it: a status change is undone in the targets' own page
    await recordAudit(tx, caller, { action: 'activity.target.remove', objectType: 'activity', objectId: activityId, regionCode: activity.regionCode, before: { targetId } });
  });
  return getActivity(deps, caller, activityId);
}

/** The activities (in the caller's scope) that advanced a target in the caller's scope. */
export async function listTargetActivities(deps: Deps, caller: Caller, targetId: string) {
  const target = /^[0-9a-f-]{36}$/i.test(targetId) ? await selectTargetById(deps.db, targetId) : undefined;
  const region = target ? await selectRegion(deps.db, target.regionCode) : undefined;
  if (!target || !region || !isPathWithin(caller.actor.regionPath, region.path)) {
    if (target) await recordOutOfScope(deps, caller, 'investmentTarget', targetId);
    throw new AppError('NOT_FOUND', msg('target.notFound'));
  }
  const rows = await selectTargetActivities(deps.db, target.id, caller.actor.regionPath);
  return { items: rows.map((r) => ({ id: r.id, code: r.code, type: r.type, name: r.name, startDate: r.start_date, regionName: r.region_name, statusSet: r.status_set })) };
}
