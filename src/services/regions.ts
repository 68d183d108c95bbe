/** Regions and parks within the caller's scope. */
import type { AuditObjectType } from '../domain/audit-actions';
import { selectChildRegions, selectIndustries, selectNextParkCode, selectParks, selectRegion, selectRegionsByCodes, insertRegion, updateRegionVersioned, type RegionRow } from '../db/queries/regions';
import { AppError } from '../domain/app-error';
import { buildRegionPath, isPathWithin } from '../domain/region-scope';
import { recordAudit } from './audit/audit';
import { industryPinyinInitials } from '../reference/industry-classification';
import type { Caller, Deps } from './context';

const OUT_OF_SCOPE = (code: string) => `地区 ${code} 不存在或不在您的管辖范围内`;

/** Records a refused access outside any transaction, so the row stays even though the request fails. */
export async function recordOutOfScope(deps: Deps, caller: Caller, objectType: AuditObjectType, objectId: string): Promise<void> {
  await recordAudit(deps.db, caller, { action: 'access.denied', objectType, objectId, outcome: 'denied', after: { why: 'outOfScope' } });
}

/** The region when it exists and lies in the caller's subtree; otherwise 404 (and an audit row). */
export async function requireRegionInScope(deps: Deps, caller: Caller, code: string, field = 'regionCode'): Promise<RegionRow> {
  const region = await selectRegion(deps.db, code);
  if (!region || !region.active || !isPathWithin(caller.actor.regionPath, region.path)) {
    if (region) await recordOutOfScope(deps, caller, 'region', code);
    throw new AppError('NOT_FOUND', OUT_OF_SCOPE(code), [{ field, message: OUT_OF_SCOPE(code) }]);
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
    throw new AppError('VALIDATION', '园区名称须为 2–60 个字符', [{ field: 'name', message: '2–60 个字符' }]);
  }
  return trimmed;
}

export async function createPark(deps: Deps, caller: Caller, input: { parentCode: string; name: string }) {
  const parent = await requireRegionInScope(deps, caller, input.parentCode, 'parentCode');
  if (parent.level !== 'county' && parent.level !== 'prefecture') {
    throw new AppError('VALIDATION', `园区只能设在县区或地市之下，${parent.name}（${parent.code}）是${parent.level === 'park' ? '园区' : '省级'}`, [
      { field: 'parentCode', message: '须为县区或地市' },
    ]);
  }
  const name = cleanName(input.name);
  return deps.db.transaction(async (tx) => {
    const siblings = await selectParks(tx, parent.path);
    if (siblings.some((p) => p.parentCode === parent.code && p.name === name)) {
      throw new AppError('CONFLICT', `${parent.name}已有名为“${name}”的园区`, [{ field: 'name', message: '名称重复' }]);
    }
    const code = await selectNextParkCode(tx, parent.code);
    if (!code) throw new AppError('CONFLICT', `${parent.name}下的园区编码已用完（最多 999 个）`);
    const row = await insertRegion(tx, { code, name, level: 'park', parentCode: parent.code, path: buildRegionPath(parent.path, code), source: 'park' });
    const dto = toParkDto(row, parent.name);
    await recordAudit(tx, caller, { action: 'park.create', objectType: 'region', objectId: code, regionCode: code, after: dto });
    return dto;
  });
}

async function requirePark(deps: Deps, caller: Caller, code: string) {
  const park = await requireRegionInScope(deps, caller, code, 'code');
  if (park.level !== 'park') throw new AppError('VALIDATION', `${park.name}（${code}）是行政区划，不是园区，不能在此修改`);
  const parent = park.parentCode ? await selectRegion(deps.db, park.parentCode) : undefined;
  return { park, parentName: parent?.name ?? '' };
}

export async function renamePark(deps: Deps, caller: Caller, code: string, input: { name: string; version: number }) {
  const { park, parentName } = await requirePark(deps, caller, code);
  const name = cleanName(input.name);
  return deps.db.transaction(async (tx) => {
    const saved = await updateRegionVersioned(tx, code, input.version, { name });
    if (!saved) throw new AppError('VERSION_CONFLICT', '该园区已被他人修改，请刷新后再试');
    const after = toParkDto(saved, parentName);
    await recordAudit(tx, caller, { action: 'park.update', objectType: 'region', objectId: code, regionCode: code, before: toParkDto(park, parentName), after });
    return after;
  });
}

/** Parks are archived, not deleted: users and (later) projects may still point at them. */
export async function archivePark(deps: Deps, caller: Caller, code: string, reason: string) {
  const { park, parentName } = await requirePark(deps, caller, code);
  if (!reason.trim()) throw new AppError('VALIDATION', '请填写删除原因', [{ field: 'reason', message: '必填' }]);
  await deps.db.transaction(async (tx) => {
    const saved = await updateRegionVersioned(tx, code, park.version, { active: false });
    if (!saved) throw new AppError('VERSION_CONFLICT', '该园区已被他人修改，请刷新后再试');
    await recordAudit(tx, caller, { action: 'park.delete', objectType: 'region', objectId: code, regionCode: code, before: toParkDto(park, parentName), reason });
  });
}

export async function listIndustries(deps: Deps) {
  const rows = await selectIndustries(deps.db);
  const initials = industryPinyinInitials();
  return rows.map((r) => ({ code: r.code, name: r.name, level: r.level, parentCode: r.parentCode, sector: r.sector, pinyinInitials: initials.get(r.code) ?? '' }));
}
