/** Regions and parks within the caller's scope. */
import type { AuditObjectType } from '../domain/audit-actions';
import { selectChildRegions, selectIndustries, selectNextParkCode, selectParks, selectRegion, selectRegionsByCodes, insertRegion, updateRegionVersioned, type RegionRow } from '../db/queries/regions';
import { AppError } from '../domain/app-error';
import { msg } from '../domain/messages/catalog';
import { buildRegionPath, isPathWithin } from '../domain/region-scope';
import { recordAudit } from './audit/audit';
import { industryPinyinInitials } from '../reference/industry-classification';
import type { Caller, Deps } from './context';

/** Records a refused access outside any transaction, so the row stays even though the request fails. */
export async function recordOutOfScope(deps: Deps, caller: Caller, objectType: AuditObjectType, objectId: string): Promise<void> {
  await recordAudit(deps.db, caller, { action: 'access.denied', objectType, objectId, outcome: 'denied', after: { why: 'outOfScope' } });
}

/** The region when it exists and lies in the caller's subtree; otherwise 404 (and an audit row). */
export async function requireRegionInScope(deps: Deps, caller: Caller, code: string, field = 'regionCode'): Promise<RegionRow> {
  const region = await selectRegion(deps.db, code);
  if (!region || !region.active || !isPathWithin(caller.actor.regionPath, region.path)) {
    if (region) await recordOutOfScope(deps, caller, 'region', code);
    throw new AppError('NOT_FOUND', msg('region.notFound', { code }), [{ field, message: msg('region.notFound', { code }) }]);
  }
  return region;
}

export async function getRegionDetail(deps: Deps, caller: Caller, code: string) {
  const region = await requireRegionInScope(deps, caller, code, 'code');
  const ancestorCodes = region.path.split('/').filter(Boolean);
  const ancestors = await selectRegionsByCodes(deps.db, ancestorCodes);
  const byCode = new Map(ancestors.map((r) => [r.code, r]));
  return {
    code: region.code,
    name: region.name,
    level: region.level,
    parentCode: region.parentCode,
    path: ancestorCodes.map((c) => ({ code: c, name: byCode.get(c)?.name ?? c })),
  };
}

export async function listChildRegions(deps: Deps, caller: Caller, code: string) {
  await requireRegionInScope(deps, caller, code, 'code');
  const rows = await selectChildRegions(deps.db, code);
  return rows.map((r) => ({ code: r.code, name: r.name, level: r.level, parentCode: r.parentCode, hasChildren: Boolean(r.hasChildren) }));
}

export async function listParks(deps: Deps, caller: Caller, regionCode?: string) {
  const scope = regionCode ? (await requireRegionInScope(deps, caller, regionCode)).path : caller.actor.regionPath;
  const rows = await selectParks(deps.db, scope);
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    parentCode: r.parentCode ?? '',
    parentName: r.parentName,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
  }));
}

function toParkDto(row: RegionRow, parentName: string) {
  return { code: row.code, name: row.name, parentCode: row.parentCode ?? '', parentName, version: row.version, createdAt: row.createdAt.toISOString() };
}

function cleanName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length < 2 || trimmed.length > 60) {
    throw new AppError('VALIDATION', msg('region.parkNameLength'), [{ field: 'name', message: msg('region.parkNameLengthShort') }]);
  }
  return trimmed;
}

export async function createPark(deps: Deps, caller: Caller, input: { parentCode: string; name: string }) {
  const parent = await requireRegionInScope(deps, caller, input.parentCode, 'parentCode');
  if (parent.level !== 'county' && parent.level !== 'prefecture') {
    const level = parent.level === 'park' ? msg('region.level.park') : msg('region.level.province');
    throw new AppError('VALIDATION', msg('region.parkParentLevel', { name: parent.name, code: parent.code, level }), [
      { field: 'parentCode', message: msg('region.parkParentLevelShort') },
    ]);
  }
  const name = cleanName(input.name);
  return deps.db.transaction(async (tx) => {
    const siblings = await selectParks(tx, parent.path);
    if (siblings.some((p) => p.parentCode === parent.code && p.name === name)) {
      throw new AppError('CONFLICT', msg('region.parkNameTaken', { parent: parent.name, name }), [{ field: 'name', message: msg('region.parkNameTakenShort') }]);
    }
    const code = await selectNextParkCode(tx, parent.code);
    if (!code) throw new AppError('CONFLICT', msg('region.parkCodesUsedUp', { parent: parent.name }));
    const row = await insertRegion(tx, { code, name, level: 'park', parentCode: parent.code, path: buildRegionPath(parent.path, code), source: 'park' });
    const dto = toParkDto(row, parent.name);
    await recordAudit(tx, caller, { action: 'park.create', objectType: 'region', objectId: code, regionCode: code, after: dto });
    return dto;
  });
}

async function requirePark(deps: Deps, caller: Caller, code: string) {
  const park = await requireRegionInScope(deps, caller, code, 'code');
  if (park.level !== 'park') throw new AppError('VALIDATION', msg('region.notPark', { name: park.name, code }));
  const parent = park.parentCode ? await selectRegion(deps.db, park.parentCode) : undefined;
  return { park, parentName: parent?.name ?? '' };
}

export async function renamePark(deps: Deps, caller: Caller, code: string, input: { name: string; version: number }) {
  const { park, parentName } = await requirePark(deps, caller, code);
  const name = cleanName(input.name);
  return deps.db.transaction(async (tx) => {
    const saved = await updateRegionVersioned(tx, code, input.version, { name });
    if (!saved) throw new AppError('VERSION_CONFLICT', msg('region.parkVersionConflict'));
    const after = toParkDto(saved, parentName);
    await recordAudit(tx, caller, { action: 'park.update', objectType: 'region', objectId: code, regionCode: code, before: toParkDto(park, parentName), after });
    return after;
  });
}

/** Parks are archived, not deleted: users and (later) projects may still point at them. */
export async function archivePark(deps: Deps, caller: Caller, code: string, reason: string) {
  const { park, parentName } = await requirePark(deps, caller, code);
  if (!reason.trim()) throw new AppError('VALIDATION', msg('region.deleteReasonRequired'), [{ field: 'reason', message: msg('user.required') }]);
  await deps.db.transaction(async (tx) => {
    const saved = await updateRegionVersioned(tx, code, park.version, { active: false });
    if (!saved) throw new AppError('VERSION_CONFLICT', msg('region.parkVersionConflict'));
    await recordAudit(tx, caller, { action: 'park.delete', objectType: 'region', objectId: code, regionCode: code, before: toParkDto(park, parentName), reason });
  });
}

export async function listIndustries(deps: Deps) {
  const rows = await selectIndustries(deps.db);
  const initials = industryPinyinInitials();
  return rows.map((r) => ({ code: r.code, name: r.name, level: r.level, parentCode: r.parentCode, sector: r.sector, pinyinInitials: initials.get(r.code) ?? '' }));
}
