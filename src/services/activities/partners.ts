/**
 * Partners (issue 13 item 2): 招商大使, 商会, 协会 and 委托招商 agencies of a region, with their figures —
 * the projects they brought (by stage; signed ones with their 签约额) and the activities naming them,
 * counted in the caller's scope. Scope, audit and versions as for activities. A commissioned agency
 * needs its agreement number; a partner still named by a project or an activity is not deleted.
 */
import {
  countPartnerUses,
  deletePartnerVersioned,
  insertPartner,
  selectPartner,
  selectPartnerActivities,
  selectPartnerIdByName,
  selectPartnerList,
  selectPartnerProjects,
  updatePartnerVersioned,
  type PartnerRow,
} from '../../db/queries/activities/teams-partners';
import type { Partner, PartnerCreate, PartnerList, PartnerUpdate } from '../../contracts/partners';
import { AppError } from '../../domain/app-error';
import { msg, type Message } from '../../domain/messages/catalog';
import { isPathWithin } from '../../domain/region-scope';
import { recordAudit } from '../audit/audit';
import type { Caller, Deps } from '../context';
import { recordOutOfScope, requireRegionInScope } from '../regions';
import type { Db } from '../../db/client';

function fail(field: string, message: Message): never {
  throw new AppError('VALIDATION', message, [{ field, message }]);
}

const blank = (v: string | null | undefined) => (v === undefined ? undefined : v === null || v.trim() === '' ? null : v.trim());

export async function listPartners(deps: Deps, caller: Caller, o: { region?: string; kind?: PartnerRow['kind']; q?: string }): Promise<PartnerList> {
  const scopePath = o.region ? (await requireRegionInScope(deps, caller, o.region, 'region')).path : caller.actor.regionPath;
  const rows = await selectPartnerList(deps.db, scopePath, o.kind, o.q || undefined);
  return {
    items: rows.map((r) => ({
      id: r.id,
      regionCode: r.region_code,
      regionName: r.region_name,
      kind: r.kind as PartnerRow['kind'],
      name: r.name,
      contact: r.contact,
      projects: r.projects,
      signedProjects: r.signed_projects,
      signedAmountYuan: Number(r.signed_amount),
      fundsYuan: Number(r.funds),
      activities: r.activities,
    })),
  };
}

async function requirePartnerInScope(deps: Deps, caller: Caller, id: string) {
  const row = /^[0-9a-f-]{36}$/i.test(id) ? await selectPartner(deps.db, id) : undefined;
  if (!row || !isPathWithin(caller.actor.regionPath, row.regionPath)) {
    if (row) await recordOutOfScope(deps, caller, 'partner', id);
    throw new AppError('NOT_FOUND', msg('partner.notFound'));
  }
  return row;
}

export async function getPartner(deps: Deps, caller: Caller, id: string): Promise<Partner> {
  const row = await requirePartnerInScope(deps, caller, id);
  const [projects, activities] = await Promise.all([selectPartnerProjects(deps.db, id, caller.actor.regionPath), selectPartnerActivities(deps.db, id, caller.actor.regionPath)]);
  const byStage: Record<string, number> = {};
  for (const p of projects) byStage[p.stage] = (byStage[p.stage] ?? 0) + 1;
  const signed = projects.filter((p) => p.signed_date !== null);
  return {
    id: row.id,
    regionCode: row.regionCode,
    regionName: row.regionName,
    kind: row.kind,
    name: row.name,
    contact: row.contact,
    notes: row.notes,
    agreementNo: row.agreementNo,
    signedDate: row.signedDate,
    startDate: row.startDate,
    endDate: row.endDate,
    terms: row.terms,
    feeTerms: row.feeTerms,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    figures: {
      projects: projects.length,
      byStage,
      signedProjects: signed.length,
      signedAmountYuan: signed.reduce((sum, p) => sum + Number(p.signed_amount ?? 0), 0),
      fundsYuan: projects.reduce((sum, p) => sum + Number(p.funds), 0),
      activities: activities.length,
    },
    projects: projects.map((p) => ({ id: p.id, code: p.code, name: p.name, stage: p.stage, signedAmountYuan: p.signed_amount === null ? null : Number(p.signed_amount), signedDate: p.signed_date, fundsYuan: Number(p.funds) })),
    activities: activities.map((a) => ({ id: a.id, code: a.code, type: a.type, name: a.name, startDate: a.start_date })),
  };
}

function checkAgreement(kind: PartnerRow['kind'], agreementNo: string | null, start: string | null, end: string | null): void {
  if (kind === 'agency' && !agreementNo) fail('agreementNo', msg('partner.agreementMissing'));
  if (start && end && end < start) fail('endDate', msg('partner.datesOrder', { start, end }));
}

async function checkNameFree(db: Db, region: { code: string; name: string }, name: string, selfId?: string): Promise<void> {
  const other = await selectPartnerIdByName(db, region.code, name);
  if (other && other !== selfId) fail('name', msg('partner.nameTaken', { region: region.name, name }));
}

function auditFields(row: PartnerRow) {
  const { createdAt: _c, updatedAt: _u, createdBy: _b, ...rest } = row;
  return rest;
}

export async function createPartner(deps: Deps, caller: Caller, input: PartnerCreate): Promise<Partner> {
  const region = await requireRegionInScope(deps, caller, input.regionCode);
  const name = input.name.trim();
  const agreementNo = blank(input.agreementNo) ?? null;
  checkAgreement(input.kind, agreementNo, input.startDate ?? null, input.endDate ?? null);
  await checkNameFree(deps.db, region, name);
  const id = await deps.db.transaction(async (tx) => {
    const row = await insertPartner(tx, {
      regionCode: region.code,
      kind: input.kind,
      name,
      contact: blank(input.contact) ?? null,
      notes: blank(input.notes) ?? null,
      agreementNo,
      signedDate: input.signedDate ?? null,
      startDate: input.startDate ?? null,
      endDate: input.endDate ?? null,
      terms: blank(input.terms) ?? null,
      feeTerms: blank(input.feeTerms) ?? null,
      createdBy: caller.actor.id,
    });
    await recordAudit(tx, caller, { action: 'partner.create', objectType: 'partner', objectId: row.id, regionCode: region.code, after: auditFields(row) });
    return row.id;
  });
  return getPartner(deps, caller, id);
}

export async function updatePartner(deps: Deps, caller: Caller, id: string, input: PartnerUpdate): Promise<Partner> {
  const before = await requirePartnerInScope(deps, caller, id);
  if (before.version !== input.version) throw new AppError('VERSION_CONFLICT', msg('partner.versionConflict', { current: before.version, base: input.version }));
  const region = input.regionCode !== undefined ? await requireRegionInScope(deps, caller, input.regionCode) : { code: before.regionCode, name: before.regionName };
  const name = input.name !== undefined ? input.name.trim() : before.name;
  const pick = <K extends 'agreementNo' | 'startDate' | 'endDate'>(k: K): string | null => (input[k] !== undefined ? (blank(input[k]) ?? null) : before[k]);
  checkAgreement(input.kind ?? before.kind, pick('agreementNo'), pick('startDate'), pick('endDate'));
  if (name !== before.name || region.code !== before.regionCode) await checkNameFree(deps.db, region, name, id);
  await deps.db.transaction(async (tx) => {
    const saved = await updatePartnerVersioned(tx, id, input.version, {
      regionCode: region.code,
      name,
      ...(input.kind !== undefined ? { kind: input.kind } : {}),
      ...(input.contact !== undefined ? { contact: blank(input.contact) ?? null } : {}),
      ...(input.notes !== undefined ? { notes: blank(input.notes) ?? null } : {}),
      ...(input.agreementNo !== undefined ? { agreementNo: blank(input.agreementNo) ?? null } : {}),
      ...(input.signedDate !== undefined ? { signedDate: input.signedDate } : {}),
      ...(input.startDate !== undefined ? { startDate: input.startDate } : {}),
      ...(input.endDate !== undefined ? { endDate: input.endDate } : {}),
      ...(input.terms !== undefined ? { terms: blank(input.terms) ?? null } : {}),
      ...(input.feeTerms !== undefined ? { feeTerms: blank(input.feeTerms) ?? null } : {}),
    });
    if (!saved) throw new AppError('VERSION_CONFLICT', msg('partner.versionConflict', { current: before.version + 1, base: input.version }));
    await recordAudit(tx, caller, { action: 'partner.update', objectType: 'partner', objectId: id, regionCode: region.code, before: auditFields(before), after: auditFields(saved) });
  });
  return getPartner(deps, caller, id);
}

export async function deletePartner(deps: Deps, caller: Caller, id: string, input: { version: number; reason: string }): Promise<{ id: string; deleted: true }> {
  const before = await requirePartnerInScope(deps, caller, id);
  if (before.version !== input.version) throw new AppError('VERSION_CONFLICT', msg('partner.versionConflict', { current: before.version, base: input.version }));
  const used = await countPartnerUses(deps.db, id);
  if (used > 0) throw new AppError('CONFLICT', msg('partner.inUse', { name: before.name, count: used }));
  await deps.db.transaction(async (tx) => {
    if (!(await deletePartnerVersioned(tx, id, input.version))) throw new AppError('VERSION_CONFLICT', msg('partner.versionConflict', { current: before.version + 1, base: input.version }));
    await recordAudit(tx, caller, { action: 'partner.delete', objectType: 'partner', objectId: id, regionCode: before.regionCode, before: auditFields(before), reason: input.reason });
  });
  return { id, deleted: true };
}
