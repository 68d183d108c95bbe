/**
 * 政策库 (issue 14 item 1): policies split into items — who qualifies (industries at any GB/T 4754 level,
 * enterprise sizes, regions inside the policy's), what is given, conditions, how to apply, validity — each
 * item published on its own. The items' search keys (search/policy-search-keys.ts) are rebuilt with every
 * change of the item or of its policy's title and number. portal.manage in the policy's region scope;
 * audited; versioned.
 */
import {
  deletePolicyItemVersioned,
  deletePolicyVersioned,
  insertPolicy,
  insertPolicyItem,
  selectPolicy,
  selectPolicyItem,
  selectPolicyItems,
  selectPolicyList,
  selectRegionPaths,
  updatePolicyItemVersioned,
  updatePolicyVersioned,
  writePolicyItemSearchKeys,
  type PolicyItemInsert,
  type PolicyItemRow,
  type PolicyRow,
  type PolicyWithRegion,
} from '../../db/queries/portal/policies';
import { selectUnknownIndustryCodes } from '../../db/queries/portal/resources';
import type { Db } from '../../db/client';
import type { Policy, PolicyCreate, PolicyItem, PolicyItemCreate, PolicyItemUpdate, PolicyUpdate } from '../../contracts/portal';
import { AppError } from '../../domain/app-error';
import { msg, type Message } from '../../domain/messages/catalog';
import { isPathWithin } from '../../domain/region-scope';
import { buildPolicyItemSearchKeys } from '../../search/policy-search-keys';
import { recordAudit } from '../audit/audit';
import type { Caller, Deps } from '../context';
import { recordOutOfScope, requireRegionInScope } from '../regions';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const blank = (v: string | null | undefined) => (v === undefined ? undefined : v === null || v.trim() === '' ? null : v.trim());

function fail(field: string, message: Message): never {
  throw new AppError('VALIDATION', message, [{ field, message }]);
}

function checkValidity(from: string | null, to: string | null, field: string): void {
  if (from && to && to < from) fail(field, msg('portal.validityOrder', { from, to }));
}

async function requirePolicyInScope(deps: Deps, caller: Caller, id: string): Promise<PolicyWithRegion> {
  const row = UUID.test(id) ? await selectPolicy(deps.db, id) : undefined;
  if (!row || !isPathWithin(caller.actor.regionPath, row.regionPath)) {
    if (row) await recordOutOfScope(deps, caller, 'policy', id);
    throw new AppError('NOT_FOUND', msg('portal.policyNotFound'));
  }
  return row;
}

async function requireItemInScope(deps: Deps, caller: Caller, id: string): Promise<{ item: PolicyItemRow; policy: PolicyWithRegion }> {
  const item = UUID.test(id) ? await selectPolicyItem(deps.db, id) : undefined;
  const policy = item ? await selectPolicy(deps.db, item.policyId) : undefined;
  if (!item || !policy || !isPathWithin(caller.actor.regionPath, policy.regionPath)) {
    if (item) await recordOutOfScope(deps, caller, 'policyItem', id);
    throw new AppError('NOT_FOUND', msg('portal.policyItemNotFound'));
  }
  return { item, policy };
}

function policyAudit(row: PolicyRow) {
  const { createdAt: _c, updatedAt: _u, createdBy: _b, ...rest } = row;
  return rest;
}
function itemAudit(row: PolicyItemRow) {
  const { createdAt: _c, updatedAt: _u, ...rest } = row;
  return rest;
}

function toItem(r: PolicyItemRow): PolicyItem {
  return {
    id: r.id,
    policyId: r.policyId,
    title: r.title,
    industryCodes: r.industryCodes,
    enterpriseSizes: r.enterpriseSizes as PolicyItem['enterpriseSizes'],
    regionCodes: r.regionCodes,
    benefit: r.benefit,
    conditions: r.conditions,
    howToApply: r.howToApply,
    validFrom: r.validFrom,
    validTo: r.validTo,
    published: r.published,
    sortOrder: r.sortOrder,
    version: r.version,
  };
}

export async function listPolicies(deps: Deps, caller: Caller, o: { region?: string; q?: string }) {
  const scopePath = o.region ? (await requireRegionInScope(deps, caller, o.region, 'region')).path : caller.actor.regionPath;
  const rows = await selectPolicyList(deps.db, scopePath, o.q || undefined);
  return {
    items: rows.map((r) => ({ id: r.id, regionName: r.region_name, title: r.title, issuingBody: r.issuing_body, documentNumber: r.document_number, isDemo: r.is_demo, items: r.items, publishedItems: r.published_items, version: r.version })),
  };
}

export async function getPolicy(deps: Deps, caller: Caller, id: string): Promise<Policy> {
  const p = await requirePolicyInScope(deps, caller, id);
  const items = await selectPolicyItems(deps.db, id);
  return {
    id: p.id,
    regionCode: p.regionCode,
    regionName: p.regionName,
    title: p.title,
    issuingBody: p.issuingBody,
    documentNumber: p.documentNumber,
    validFrom: p.validFrom,
    validTo: p.validTo,
    sourceUrl: p.sourceUrl,
    isDemo: p.isDemo,
    version: p.version,
    items: items.map(toItem),
  };
}

async function refreshItemKeys(db: Db, policy: Pick<PolicyRow, 'title' | 'documentNumber'>, items: readonly PolicyItemRow[]): Promise<void> {
  for (const item of items) {
    await writePolicyItemSearchKeys(
      db,
      item.id,
      buildPolicyItemSearchKeys({ itemTitle: item.title, policyTitle: policy.title, documentNumber: policy.documentNumber, benefit: item.benefit, conditions: item.conditions, howToApply: item.howToApply }),
    );
  }
}

export async function createPolicy(deps: Deps, caller: Caller, input: PolicyCreate): Promise<Policy> {
  const region = await requireRegionInScope(deps, caller, input.regionCode);
  checkValidity(input.validFrom ?? null, input.validTo ?? null, 'validTo');
  const id = await deps.db.transaction(async (tx) => {
    const row = await insertPolicy(tx, {
      regionCode: region.code,
      title: input.title.trim(),
      issuingBody: input.issuingBody.trim(),
      documentNumber: input.documentNumber?.trim() ?? '',
      validFrom: input.validFrom ?? null,
      validTo: input.validTo ?? null,
      sourceUrl: blank(input.sourceUrl) ?? null,
      isDemo: input.isDemo ?? false,
      createdBy: caller.actor.id,
    });
    await recordAudit(tx, caller, { action: 'policy.create', objectType: 'policy', objectId: row.id, regionCode: region.code, after: policyAudit(row) });
    return row.id;
  });
  return getPolicy(deps, caller, id);
}

export async function updatePolicy(deps: Deps, caller: Caller, id: string, input: PolicyUpdate): Promise<Policy> {
  const before = await requirePolicyInScope(deps, caller, id);
  const conflict = (current: number) => new AppError('VERSION_CONFLICT', msg('portal.policyVersionConflict', { current, base: input.version }));
  if (before.version !== input.version) throw conflict(before.version);
  const region = input.regionCode !== undefined ? await requireRegionInScope(deps, caller, input.regionCode) : null;
  checkValidity(input.validFrom !== undefined ? input.validFrom : before.validFrom, input.validTo !== undefined ? input.validTo : before.validTo, 'validTo');
  await deps.db.transaction(async (tx) => {
    const saved = await updatePolicyVersioned(tx, id, input.version, {
      ...(region ? { regionCode: region.code } : {}),
      ...(input.title !== undefined ? { title: input.title.trim() } : {}),
      ...(input.issuingBody !== undefined ? { issuingBody: input.issuingBody.trim() } : {}),
      ...(input.documentNumber !== undefined ? { documentNumber: input.documentNumber.trim() } : {}),
      ...(input.validFrom !== undefined ? { validFrom: input.validFrom } : {}),
      ...(input.validTo !== undefined ? { validTo: input.validTo } : {}),
      ...(input.sourceUrl !== undefined ? { sourceUrl: blank(input.sourceUrl) ?? null } : {}),
      ...(input.isDemo !== undefined ? { isDemo: input.isDemo } : {}),
    });
    if (!saved) throw conflict(before.version + 1);
    if (saved.title !== before.title || saved.documentNumber !== before.documentNumber) await refreshItemKeys(tx, saved, await selectPolicyItems(tx, id));
    await recordAudit(tx, caller, { action: 'policy.update', objectType: 'policy', objectId: id, regionCode: saved.regionCode, before: policyAudit(before), after: policyAudit(saved) });
  });
  return getPolicy(deps, caller, id);
}

export async function deletePolicy(deps: Deps, caller: Caller, id: string, input: { version: number; reason: string }): Promise<{ id: string; deleted: true }> {
  const before = await requirePolicyInScope(deps, caller, id);
  if (before.version !== input.version) throw new AppError('VERSION_CONFLICT', msg('portal.policyVersionConflict', { current: before.version, base: input.version }));
  await deps.db.transaction(async (tx) => {
    if (!(await deletePolicyVersioned(tx, id, input.version))) throw new AppError('VERSION_CONFLICT', msg('portal.policyVersionConflict', { current: before.version + 1, base: input.version }));
    await recordAudit(tx, caller, { action: 'policy.delete', objectType: 'policy', objectId: id, regionCode: before.regionCode, before: policyAudit(before), reason: input.reason });
  });
  return { id, deleted: true };
}

/** An item's criteria, checked: known industry codes, regions inside the policy's region, validity in order. */
async function checkItem(deps: Deps, policy: PolicyWithRegion, o: { industryCodes?: string[]; regionCodes?: string[]; validFrom: string | null; validTo: string | null }): Promise<void> {
  checkValidity(o.validFrom, o.validTo, 'validTo');
  if (o.industryCodes) {
    const [unknown] = await selectUnknownIndustryCodes(deps.db, o.industryCodes);
    if (unknown) fail('industryCodes', msg('portal.industryUnknown', { code: unknown }));
  }
  if (o.regionCodes && o.regionCodes.length > 0) {
    const regions = await selectRegionPaths(deps.db, o.regionCodes);
    for (const code of o.regionCodes) {
      const r = regions.get(code);
      if (!r || !isPathWithin(policy.regionPath, r.path)) fail('regionCodes', msg('portal.itemRegionOutside', { code, region: policy.regionName }));
    }
  }
}

export async function createPolicyItem(deps: Deps, caller: Caller, policyId: string, input: PolicyItemCreate): Promise<Policy> {
  const policy = await requirePolicyInScope(deps, caller, policyId);
  const industryCodes = [...new Set(input.industryCodes ?? [])];
  const regionCodes = [...new Set(input.regionCodes ?? [])];
  await checkItem(deps, policy, { industryCodes, regionCodes, validFrom: input.validFrom ?? null, validTo: input.validTo ?? null });
  await deps.db.transaction(async (tx) => {
    const row = await insertPolicyItem(tx, {
      policyId,
      title: input.title.trim(),
      industryCodes,
      enterpriseSizes: [...new Set(input.enterpriseSizes ?? [])],
      regionCodes,
      benefit: input.benefit.trim(),
      conditions: input.conditions?.trim() ?? '',
      howToApply: input.howToApply?.trim() ?? '',
      validFrom: input.validFrom ?? null,
      validTo: input.validTo ?? null,
      published: input.published ?? false,
      publishedAt: input.published ? new Date() : null,
      sortOrder: input.sortOrder ?? 0,
    });
    await refreshItemKeys(tx, policy, [row]);
    await recordAudit(tx, caller, { action: 'policyItem.create', objectType: 'policyItem', objectId: row.id, regionCode: policy.regionCode, after: itemAudit(row) });
  });
  return getPolicy(deps, caller, policyId);
}

export async function updatePolicyItem(deps: Deps, caller: Caller, id: string, input: PolicyItemUpdate): Promise<Policy> {
  const { item: before, policy } = await requireItemInScope(deps, caller, id);
  const conflict = (current: number) => new AppError('VERSION_CONFLICT', msg('portal.policyVersionConflict', { current, base: input.version }));
  if (before.version !== input.version) throw conflict(before.version);
  const industryCodes = input.industryCodes !== undefined ? [...new Set(input.industryCodes)] : undefined;
  const regionCodes = input.regionCodes !== undefined ? [...new Set(input.regionCodes)] : undefined;
  await checkItem(deps, policy, {
    industryCodes,
    regionCodes,
    validFrom: input.validFrom !== undefined ? input.validFrom : before.validFrom,
    validTo: input.validTo !== undefined ? input.validTo : before.validTo,
  });
  const values: Partial<PolicyItemInsert> = {
    ...(industryCodes !== undefined ? { industryCodes } : {}),
    ...(regionCodes !== undefined ? { regionCodes } : {}),
    ...(input.title !== undefined ? { title: input.title.trim() } : {}),
    ...(input.enterpriseSizes !== undefined ? { enterpriseSizes: [...new Set(input.enterpriseSizes)] } : {}),
    ...(input.benefit !== undefined ? { benefit: input.benefit.trim() } : {}),
    ...(input.conditions !== undefined ? { conditions: input.conditions.trim() } : {}),
    ...(input.howToApply !== undefined ? { howToApply: input.howToApply.trim() } : {}),
    ...(input.validFrom !== undefined ? { validFrom: input.validFrom } : {}),
    ...(input.validTo !== undefined ? { validTo: input.validTo } : {}),
    ...(input.sortOrder !== undefined ? { sortOrder: input.sortOrder } : {}),
    ...(input.published !== undefined ? { published: input.published, publishedAt: input.published ? (before.published ? before.publishedAt : new Date()) : null } : {}),
  };
  await deps.db.transaction(async (tx) => {
    const saved = await updatePolicyItemVersioned(tx, id, input.version, values);
    if (!saved) throw conflict(before.version + 1);
    await refreshItemKeys(tx, policy, [saved]);
    await recordAudit(tx, caller, { action: 'policyItem.update', objectType: 'policyItem', objectId: id, regionCode: policy.regionCode, before: itemAudit(before), after: itemAudit(saved) });
  });
  return getPolicy(deps, caller, policy.id);
}

export async function deletePolicyItem(deps: Deps, caller: Caller, id: string, input: { version: number; reason: string }): Promise<Policy> {
  const { item: before, policy } = await requireItemInScope(deps, caller, id);
  if (before.version !== input.version) throw new AppError('VERSION_CONFLICT', msg('portal.policyVersionConflict', { current: before.version, base: input.version }));
  await deps.db.transaction(async (tx) => {
    if (!(await deletePolicyItemVersioned(tx, id, input.version))) throw new AppError('VERSION_CONFLICT', msg('portal.policyVersionConflict', { current: before.version + 1, base: input.version }));
    await recordAudit(tx, caller, { action: 'policyItem.delete', objectType: 'policyItem', objectId: id, regionCode: policy.regionCode, before: itemAudit(before), reason: input.reason });
  });
  return getPolicy(deps, caller, policy.id);
}
