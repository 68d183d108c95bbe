/**
 * 帮办代办 service items with a working-day clock: due = opened + N working days by the official
 * holiday and 调休 calendar (plus stored overrides); per-region counts of open, overdue and closed.
 */
import { insertServiceItem, selectServiceItem, selectServiceItemCounts, selectServiceItemCountsHeldDirectly, selectServiceItems, updateServiceItemVersioned, type ServiceItemRow } from '../../db/queries/projects/project-records';
import { AppError } from '../../domain/app-error';
import { msg } from '../../domain/messages/catalog';
import { todayInShanghai } from '../../domain/dates';
import { addWorkingDays, assertDate, countWorkingDays, type WorkingCalendar } from '../../domain/working-days';
import { recordAudit } from '../audit/audit';
import { loadWorkingCalendar } from '../calendar';
import type { Caller, Deps } from '../context';
import { requireProjectInScope } from './projects';
import { requireRegionInScope } from '../regions';
import type { ServiceItemType } from '../../contracts/project-records';

export type { ServiceItemType };

function toServiceItemDto(s: ServiceItemRow, cal: WorkingCalendar, today: string) {
  const end = s.closedOn ?? today;
  const elapsed = countWorkingDays(cal, s.openedOn, end);
  return {
    id: s.id,
    projectId: s.projectId,
    type: s.type,
    title: s.title,
    requester: s.requester,
    handlerName: s.handlerName,
    openedOn: s.openedOn,
    workingDays: s.workingDays,
    dueOn: s.dueOn,
    status: s.status,
    closedOn: s.closedOn,
    note: s.note,
    /** working days used so far (or until closing) and left before the due day */
    elapsedWorkingDays: elapsed,
    remainingWorkingDays: s.workingDays - elapsed,
    overdue: s.status === 'open' ? today > s.dueOn : (s.closedOn ?? '') > s.dueOn,
    version: s.version,
  };
}

export async function listServiceItems(deps: Deps, caller: Caller, projectId: string) {
  await requireProjectInScope(deps, caller, projectId);
  const cal = await loadWorkingCalendar(deps);
  const today = todayInShanghai();
  return (await selectServiceItems(deps.db, projectId)).map((s) => toServiceItemDto(s, cal, today));
}

export async function addServiceItem(
  deps: Deps,
  caller: Caller,
  projectId: string,
  input: { type: ServiceItemType; title: string; requester: string; handlerName: string; openedOn?: string; workingDays: number; note?: string | null },
) {
  const project = await requireProjectInScope(deps, caller, projectId);
  const openedOn = input.openedOn ?? todayInShanghai();
  assertDate(openedOn);
  const cal = await loadWorkingCalendar(deps);
  const dueOn = addWorkingDays(cal, openedOn, input.workingDays);
  const row = await deps.db.transaction(async (tx) => {
    const created = await insertServiceItem(tx, {
      projectId,
      type: input.type,
      title: input.title.trim(),
      requester: input.requester.trim(),
      handlerName: input.handlerName.trim(),
      openedOn,
      workingDays: input.workingDays,
      dueOn,
      note: input.note?.trim() || null,
    });
    await recordAudit(tx, caller, { action: 'serviceItem.create', objectType: 'serviceItem', objectId: created.id, regionCode: project.project.regionCode, after: { ...created, createdAt: undefined } });
    return created;
  });
  return toServiceItemDto(row, cal, todayInShanghai());
}

export async function updateServiceItem(
  deps: Deps,
  caller: Caller,
  id: string,
  input: { status?: 'open' | 'closed'; closedOn?: string; handlerName?: string; note?: string | null; version: number },
) {
  const item = /^[0-9a-f-]{36}$/i.test(id) ? await selectServiceItem(deps.db, id) : undefined;
  if (!item) throw new AppError('NOT_FOUND', msg('project.serviceItemNotFound'));
  const project = await requireProjectInScope(deps, caller, item.projectId);
  const today = todayInShanghai();
  const closedOn = input.status === 'closed' ? (input.closedOn ?? today) : input.status === 'open' ? null : item.closedOn;
  if (closedOn && closedOn < item.openedOn) throw new AppError('VALIDATION', msg('project.serviceClosedBeforeOpened'), [{ field: 'closedOn', message: msg('project.serviceClosedBeforeOpenedShort') }]);
  if (closedOn && closedOn > today) throw new AppError('VALIDATION', msg('project.serviceClosedFuture'), [{ field: 'closedOn', message: msg('project.serviceClosedFutureShort') }]);
  const cal = await loadWorkingCalendar(deps);
  const row = await deps.db.transaction(async (tx) => {
    const saved = await updateServiceItemVersioned(tx, id, input.version, {
      ...(input.status !== undefined ? { status: input.status, closedOn } : {}),
      ...(input.handlerName !== undefined ? { handlerName: input.handlerName.trim() } : {}),
      ...(input.note !== undefined ? { note: input.note?.trim() || null } : {}),
    });
    if (!saved) throw new AppError('VERSION_CONFLICT', msg('project.serviceItemVersionConflict'));
    await recordAudit(tx, caller, {
      action: input.status === 'closed' && item.status !== 'closed' ? 'serviceItem.close' : 'serviceItem.update',
      objectType: 'serviceItem',
      objectId: id,
      regionCode: project.project.regionCode,
      before: { status: item.status, closedOn: item.closedOn, handlerName: item.handlerName, note: item.note },
      after: { status: saved.status, closedOn: saved.closedOn, handlerName: saved.handlerName, note: saved.note },
    });
    return saved;
  });
  return toServiceItemDto(row, cal, today);
}

/** Per direct sub-region of `regionCode` (default: the caller's home region): open, overdue, closed items. */
export async function summarizeServiceItems(deps: Deps, caller: Caller, regionCode?: string) {
  const region = await requireRegionInScope(deps, caller, regionCode ?? caller.actor.regionCode ?? '');
  const today = todayInShanghai();
  const rows = await selectServiceItemCounts(deps.db, region.path, region.code, today);
  // the region's own projects (not in any sub-region) get a row of their own, so nothing is left out
  const own = await selectServiceItemCountsHeldDirectly(deps.db, region.code, today);
  const items = own.open + own.closed > 0 ? [{ code: region.code, name: `${region.name}（本级）`, ...own }, ...rows] : rows;
  return { regionCode: region.code, regionName: region.name, items };
}
