/**
 * 招商资源 / 载体 (issue 14 item 1, DESIGN.md capability 12): land parcels, standard factories, office
 * buildings and idle assets with their area, price or rent, utilities, suitable industries (GB/T 4754
 * codes checked against the classification, stored with their ancestors for prefix filters), chain nodes,
 * photos (images only, through the upload guard) and availability; shown on the portal once published.
 * portal.manage in the resource's region scope; audited; versioned.
 */
import {
  deletePhoto,
  deleteResourceVersioned,
  insertPhoto,
  insertResource,
  selectIndustryNames,
  selectIndustryPaths,
  selectPhotoContent,
  selectPhotoList,
  selectResource,
  selectResourceList,
  selectUnknownChainNodeCodes,
  selectUnknownIndustryCodes,
  updateResourceVersioned,
  type ResourceInsert,
  type ResourceRow,
  type ResourceWithRegion,
} from '../../db/queries/portal/resources';
import { MAX_RESOURCE_PHOTOS, type PhotoUpload, type Resource, type ResourceCreate, type ResourceUpdate } from '../../contracts/portal';
import { AppError } from '../../domain/app-error';
import { msg, type Message } from '../../domain/messages/catalog';
import { isPathWithin } from '../../domain/region-scope';
import { recordAudit } from '../audit/audit';
import type { Caller, Deps } from '../context';
import { checkUploadedFile } from '../files/uploaded-file';
import { recordOutOfScope, requireRegionInScope } from '../regions';
import { checkOfficeOnLine } from './offices';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function fail(field: string, message: Message): never {
  throw new AppError('VALIDATION', message, [{ field, message }]);
}

async function requireResourceInScope(deps: Deps, caller: Caller, id: string): Promise<ResourceWithRegion> {
  const row = UUID.test(id) ? await selectResource(deps.db, id) : undefined;
  if (!row || !isPathWithin(caller.actor.regionPath, row.regionPath)) {
    if (row) await recordOutOfScope(deps, caller, 'resource', id);
    throw new AppError('NOT_FOUND', msg('portal.resourceNotFound'));
  }
  return row;
}

function auditFields(row: ResourceRow) {
  const { createdAt: _c, updatedAt: _u, createdBy: _b, suitableIndustryPaths: _p, ...rest } = row;
  return { ...rest, priceYuan: rest.priceYuan === null ? null : Number(rest.priceYuan) };
}

export async function listResources(deps: Deps, caller: Caller, o: { region?: string; kind?: ResourceRow['kind']; q?: string }) {
  const scopePath = o.region ? (await requireRegionInScope(deps, caller, o.region, 'region')).path : caller.actor.regionPath;
  const rows = await selectResourceList(deps.db, scopePath, o.kind, o.q || undefined);
  return {
    items: rows.map((r) => ({ id: r.id, kind: r.kind, regionName: r.region_name, name: r.name, areaSqm: r.area_sqm === null ? null : Number(r.area_sqm), availability: r.availability, published: r.published, photos: r.photos, version: r.version })),
  };
}

export async function getResource(deps: Deps, caller: Caller, id: string): Promise<Resource> {
  const row = await requireResourceInScope(deps, caller, id);
  const [photos, industries] = await Promise.all([selectPhotoList(deps.db, id), selectIndustryNames(deps.db, row.suitableIndustryCodes)]);
  return {
    id: row.id,
    kind: row.kind,
    regionCode: row.regionCode,
    regionName: row.regionName,
    name: row.name,
    address: row.address,
    areaSqm: row.areaSqm,
    priceYuan: row.priceYuan === null ? null : Number(row.priceYuan),
    priceUnit: row.priceUnit,
    utilities: row.utilities as Resource['utilities'],
    utilitiesNote: row.utilitiesNote,
    description: row.description,
    suitableIndustries: row.suitableIndustryCodes.map((code) => ({ code, name: industries.get(code) ?? code })),
    chainNodeCodes: row.chainNodeCodes,
    availability: row.availability,
    contactOfficeId: row.contactOfficeId,
    published: row.published,
    publishedAt: row.publishedAt ? row.publishedAt.toISOString() : null,
    photos,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The codes, checked: industries against GB/T 4754, chain nodes against the codes chains have used. */
async function checkCodes(deps: Deps, industryCodes: readonly string[] | undefined, chainNodeCodes: readonly string[] | undefined): Promise<{ suitableIndustryCodes?: string[]; suitableIndustryPaths?: string[]; chainNodeCodes?: string[] }> {
  const out: { suitableIndustryCodes?: string[]; suitableIndustryPaths?: string[]; chainNodeCodes?: string[] } = {};
  if (industryCodes !== undefined) {
    const codes = [...new Set(industryCodes.map((c) => c.trim()))];
    const [unknown] = await selectUnknownIndustryCodes(deps.db, codes);
    if (unknown) fail('suitableIndustryCodes', msg('portal.industryUnknown', { code: unknown }));
    out.suitableIndustryCodes = codes;
    out.suitableIndustryPaths = await selectIndustryPaths(deps.db, codes);
  }
  if (chainNodeCodes !== undefined) {
    const codes = [...new Set(chainNodeCodes.map((c) => c.trim()))];
    const [unknown] = await selectUnknownChainNodeCodes(deps.db, codes);
    if (unknown) fail('chainNodeCodes', msg('portal.chainNodeUnknown', { code: unknown }));
    out.chainNodeCodes = codes;
  }
  return out;
}

function checkPrice(priceYuan: number | bigint | null, priceUnit: string | null): void {
  if ((priceYuan === null) !== (priceUnit === null)) fail('priceUnit', msg('portal.priceUnitMissing'));
}

export async function createResource(deps: Deps, caller: Caller, input: ResourceCreate): Promise<Resource> {
  const region = await requireRegionInScope(deps, caller, input.regionCode);
  checkPrice(input.priceYuan ?? null, input.priceUnit ?? null);
  await checkOfficeOnLine(deps, input.contactOfficeId, region.path);
  const codes = await checkCodes(deps, input.suitableIndustryCodes ?? [], input.chainNodeCodes ?? []);
  const id = await deps.db.transaction(async (tx) => {
    const row = await insertResource(tx, {
      kind: input.kind,
      regionCode: region.code,
      name: input.name.trim(),
      address: input.address?.trim() ?? '',
      areaSqm: input.areaSqm ?? null,
      priceYuan: input.priceYuan === undefined || input.priceYuan === null ? null : BigInt(input.priceYuan),
      priceUnit: input.priceUnit ?? null,
      utilities: [...new Set(input.utilities ?? [])],
      utilitiesNote: input.utilitiesNote?.trim() ?? '',
      description: input.description?.trim() ?? '',
      ...codes,
      availability: input.availability ?? 'available',
      contactOfficeId: input.contactOfficeId ?? null,
      published: input.published ?? false,
      publishedAt: input.published ? new Date() : null,
      createdBy: caller.actor.id,
    });
    await recordAudit(tx, caller, { action: 'resource.create', objectType: 'resource', objectId: row.id, regionCode: region.code, after: auditFields(row) });
    return row.id;
  });
  return getResource(deps, caller, id);
}

export async function updateResource(deps: Deps, caller: Caller, id: string, input: ResourceUpdate): Promise<Resource> {
  const before = await requireResourceInScope(deps, caller, id);
  const conflict = (current: number) => new AppError('VERSION_CONFLICT', msg('portal.resourceVersionConflict', { current, base: input.version }));
  if (before.version !== input.version) throw conflict(before.version);
  const region = input.regionCode !== undefined ? await requireRegionInScope(deps, caller, input.regionCode) : { code: before.regionCode, path: before.regionPath };
  const priceYuan = input.priceYuan !== undefined ? input.priceYuan : before.priceYuan;
  const priceUnit = input.priceUnit !== undefined ? input.priceUnit : before.priceUnit;
  checkPrice(priceYuan, priceUnit);
  const officeId = input.contactOfficeId !== undefined ? input.contactOfficeId : before.contactOfficeId;
  await checkOfficeOnLine(deps, officeId, region.path);
  const codes = await checkCodes(deps, input.suitableIndustryCodes, input.chainNodeCodes);
  const values: Partial<ResourceInsert> = {
    regionCode: region.code,
    ...codes,
    ...(input.kind !== undefined ? { kind: input.kind } : {}),
    ...(input.name !== undefined ? { name: input.name.trim() } : {}),
    ...(input.address !== undefined ? { address: input.address.trim() } : {}),
    ...(input.areaSqm !== undefined ? { areaSqm: input.areaSqm } : {}),
    ...(input.priceYuan !== undefined ? { priceYuan: input.priceYuan === null ? null : BigInt(input.priceYuan) } : {}),
    ...(input.priceUnit !== undefined ? { priceUnit: input.priceUnit } : {}),
    ...(input.utilities !== undefined ? { utilities: [...new Set(input.utilities)] } : {}),
    ...(input.utilitiesNote !== undefined ? { utilitiesNote: input.utilitiesNote.trim() } : {}),
    ...(input.description !== undefined ? { description: input.description.trim() } : {}),
    ...(input.availability !== undefined ? { availability: input.availability } : {}),
    ...(input.contactOfficeId !== undefined ? { contactOfficeId: input.contactOfficeId } : {}),
    ...(input.published !== undefined ? { published: input.published, publishedAt: input.published ? (before.published ? before.publishedAt : new Date()) : null } : {}),
  };
  await deps.db.transaction(async (tx) => {
    const saved = await updateResourceVersioned(tx, id, input.version, values);
    if (!saved) throw conflict(before.version + 1);
    await recordAudit(tx, caller, { action: 'resource.update', objectType: 'resource', objectId: id, regionCode: saved.regionCode, before: auditFields(before), after: auditFields(saved) });
  });
  return getResource(deps, caller, id);
}

export async function deleteResource(deps: Deps, caller: Caller, id: string, input: { version: number; reason: string }): Promise<{ id: string; deleted: true }> {
  const before = await requireResourceInScope(deps, caller, id);
  if (before.version !== input.version) throw new AppError('VERSION_CONFLICT', msg('portal.resourceVersionConflict', { current: before.version, base: input.version }));
  await deps.db.transaction(async (tx) => {
    if (!(await deleteResourceVersioned(tx, id, input.version))) throw new AppError('VERSION_CONFLICT', msg('portal.resourceVersionConflict', { current: before.version + 1, base: input.version }));
    await recordAudit(tx, caller, { action: 'resource.delete', objectType: 'resource', objectId: id, regionCode: before.regionCode, before: auditFields(before), reason: input.reason });
  });
  return { id, deleted: true };
}

/** A photo: the evidence guard (size, sniffed type) and then images only. */
export async function uploadResourcePhoto(deps: Deps, caller: Caller, id: string, input: PhotoUpload): Promise<Resource> {
  const resource = await requireResourceInScope(deps, caller, id);
  const file = await checkUploadedFile(input.contentBase64, input.fileName);
  if (!file.mimeType.startsWith('image/')) fail('fileName', msg('portal.photoNotImage', { file: input.fileName }));
  const existing = await selectPhotoList(deps.db, id);
  if (existing.length >= MAX_RESOURCE_PHOTOS) fail('contentBase64', msg('portal.photoLimit', { max: MAX_RESOURCE_PHOTOS }));
  await deps.db.transaction(async (tx) => {
    const row = await insertPhoto(tx, { resourceId: id, fileName: input.fileName.trim(), mimeType: file.mimeType, sizeBytes: file.content.length, sha256: file.sha256, content: file.content, caption: input.caption?.trim() ?? '', uploadedBy: caller.actor.id });
    await recordAudit(tx, caller, { action: 'resource.photo.upload', objectType: 'resource', objectId: id, regionCode: resource.regionCode, after: row });
  });
  return getResource(deps, caller, id);
}

export async function deleteResourcePhoto(deps: Deps, caller: Caller, id: string, photoId: string): Promise<Resource> {
  const resource = await requireResourceInScope(deps, caller, id);
  await deps.db.transaction(async (tx) => {
    const row = await deletePhoto(tx, id, photoId);
    if (!row) throw new AppError('NOT_FOUND', msg('portal.photoNotFound'));
    await recordAudit(tx, caller, { action: 'resource.photo.delete', objectType: 'resource', objectId: id, regionCode: resource.regionCode, before: row });
  });
  return getResource(deps, caller, id);
}

/** A photo of a resource in scope (published or not), for the officers' pages. */
export async function readResourcePhoto(deps: Deps, caller: Caller, id: string, photoId: string) {
  await requireResourceInScope(deps, caller, id);
  const row = await selectPhotoContent(deps.db, id, photoId);
  if (!row) throw new AppError('NOT_FOUND', msg('portal.photoNotFound'));
  return row;
}
