/**
 * 招商窗口 (issue 14 item 1): each region's contact offices, kept by officers with portal.manage in their
 * scope, audited, versioned. Publications and resources name an office of their region or above it.
 */
import { countOfficeUses, deleteOfficeVersioned, insertOffice, selectOffice, selectOffices, updateOfficeVersioned, type OfficeRow, type OfficeWithRegion } from '../../db/queries/portal/offices';
import type { Office, OfficeCreate, OfficeUpdate } from '../../contracts/portal';
import { AppError } from '../../domain/app-error';
import { msg } from '../../domain/messages/catalog';
import { isPathWithin } from '../../domain/region-scope';
import { recordAudit } from '../audit/audit';
import type { Caller, Deps } from '../context';
import { recordOutOfScope, requireRegionInScope } from '../regions';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const blank = (v: string | null | undefined) => (v === undefined ? undefined : v === null || v.trim() === '' ? null : v.trim());

function toOffice(row: OfficeWithRegion): Office {
  return { id: row.id, regionCode: row.regionCode, regionName: row.regionName, name: row.name, address: row.address, phone: row.phone, hours: row.hours, email: row.email, isPublic: row.isPublic, version: row.version };
}

function auditFields(row: OfficeRow) {
  const { createdAt: _c, updatedAt: _u, createdBy: _b, ...rest } = row;
  return rest;
}

export async function listOffices(deps: Deps, caller: Caller, o: { region?: string }): Promise<{ items: Office[] }> {
  const scopePath = o.region ? (await requireRegionInScope(deps, caller, o.region, 'region')).path : caller.actor.regionPath;
  return { items: (await selectOffices(deps.db, scopePath, false)).map(toOffice) };
}

async function requireOfficeInScope(deps: Deps, caller: Caller, id: string): Promise<OfficeWithRegion> {
  const row = UUID.test(id) ? await selectOffice(deps.db, id) : undefined;
  if (!row || !isPathWithin(caller.actor.regionPath, row.regionPath)) {
    if (row) await recordOutOfScope(deps, caller, 'contactOffice', id);
    throw new AppError('NOT_FOUND', msg('portal.officeNotFound'));
  }
  return row;
}

/**
 * The office a publication or resource of a region names: it must exist and belong to that region or one
 * above it (a county's project may name the prefecture's window). null passes.
 */
export async function checkOfficeOnLine(deps: Deps, officeId: string | null | undefined, regionPath: string): Promise<void> {
  if (!officeId) return;
  const office = UUID.test(officeId) ? await selectOffice(deps.db, officeId) : undefined;
  if (!office) throw new AppError('VALIDATION', msg('portal.officeNotFound'), [{ field: 'contactOfficeId', message: msg('portal.officeNotFound') }]);
  if (!isPathWithin(office.regionPath, regionPath)) {
    const message = msg('portal.officeNotOnLine', { name: office.name, region: office.regionName });
    throw new AppError('VALIDATION', message, [{ field: 'contactOfficeId', message }]);
  }
}

export async function createOffice(deps: Deps, caller: Caller, input: OfficeCreate): Promise<Office> {
  const region = await requireRegionInScope(deps, caller, input.regionCode);
  const id = await deps.db.transaction(async (tx) => {
    const row = await insertOffice(tx, {
      regionCode: region.code,
      name: input.name.trim(),
      address: input.address.trim(),
      phone: input.phone.trim(),
      hours: input.hours?.trim() ?? '',
      email: blank(input.email) ?? null,
      isPublic: input.isPublic ?? true,
      createdBy: caller.actor.id,
    });
    await recordAudit(tx, caller, { action: 'contactOffice.create', objectType: 'contactOffice', objectId: row.id, regionCode: region.code, after: auditFields(row) });
    return row.id;
  });
  return toOffice(await requireOfficeInScope(deps, caller, id));
}

export async function updateOffice(deps: Deps, caller: Caller, id: string, input: OfficeUpdate): Promise<Office> {
  const before = await requireOfficeInScope(deps, caller, id);
  const conflict = () => new AppError('VERSION_CONFLICT', msg('portal.officeVersionConflict', { current: before.version, base: input.version }));
  if (before.version !== input.version) throw conflict();
  const region = input.regionCode !== undefined ? await requireRegionInScope(deps, caller, input.regionCode) : null;
  await deps.db.transaction(async (tx) => {
    const saved = await updateOfficeVersioned(tx, id, input.version, {
      ...(region ? { regionCode: region.code } : {}),
      ...(input.name !== undefined ? { name: input.name.trim() } : {}),
      ...(input.address !== undefined ? { address: input.address.trim() } : {}),
      ...(input.phone !== undefined ? { phone: input.phone.trim() } : {}),
      ...(input.hours !== undefined ? { hours: input.hours.trim() } : {}),
      ...(input.email !== undefined ? { email: blank(input.email) ?? null } : {}),
      ...(input.isPublic !== undefined ? { isPublic: input.isPublic } : {}),
    });
    if (!saved) throw conflict();
    await recordAudit(tx, caller, { action: 'contactOffice.update', objectType: 'contactOffice', objectId: id, regionCode: saved.regionCode, before: auditFields(before), after: auditFields(saved) });
  });
  return toOffice(await requireOfficeInScope(deps, caller, id));
}

export async function deleteOffice(deps: Deps, caller: Caller, id: string, input: { version: number; reason: string }): Promise<{ id: string; deleted: true }> {
  const before = await requireOfficeInScope(deps, caller, id);
  if (before.version !== input.version) throw new AppError('VERSION_CONFLICT', msg('portal.officeVersionConflict', { current: before.version, base: input.version }));
  const used = await countOfficeUses(deps.db, id);
  if (used > 0) throw new AppError('CONFLICT', msg('portal.officeInUse', { name: before.name, count: used }));
  await deps.db.transaction(async (tx) => {
    if (!(await deleteOfficeVersioned(tx, id, input.version))) throw new AppError('VERSION_CONFLICT', msg('portal.officeVersionConflict', { current: before.version + 1, base: input.version }));
    await recordAudit(tx, caller, { action: 'contactOffice.delete', objectType: 'contactOffice', objectId: id, regionCode: before.regionCode, before: auditFields(before), reason: input.reason });
  });
  return { id, deleted: true };
}
