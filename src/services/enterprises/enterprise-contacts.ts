/**
 * Contacts of enterprises (personal data). A contact belongs to a region — the recorder's, or one
 * they choose within their scope — and is seen and changed only within that region's ancestors'
 * scopes (a sibling county gets 404). Names, phones, e-mails (and phone numbers or e-mails written
 * in the notes) are masked everywhere except the audited reveal and the permitted, audited export;
 * audit rows keep masked values only. Adding, moving or deleting a contact recomputes the
 * enterprise's `contact_region_codes` ("already in contact"), so a deleted contact leaves the
 * search filter and the exports at once.
 */
import { refreshContactRegionCodes, type EnterpriseRow } from '../../db/queries/enterprises/enterprises';
import { selectEnterpriseByKey } from '../../db/queries/enterprises/enterprise-records';
import {
  deleteContact as deleteContactRow,
  insertContact,
  selectContactsForExport,
  selectContactView,
  selectEnterpriseContacts,
  updateContactVersioned,
  type ContactInsert,
  type ContactRow,
  type ContactViewRow,
} from '../../db/queries/enterprises/enterprise-contacts';
import { AppError } from '../../domain/app-error';
import { msg, type Message } from '../../domain/messages/catalog';
import { listMaskedFragments, maskEmail, maskPersonalDataInText, maskPersonName, maskPhone } from '../../domain/personal-data';
import { isPathWithin } from '../../domain/region-scope';
import type { Permission } from '../../domain/roles';
import { recordAudit } from '../audit/audit';
import type { Caller, Deps } from '../context';
import { recordOutOfScope, requireRegionInScope } from '../regions';

const NOT_FOUND = msg('contact.notFound');

export interface ContactInput {
  name: string;
  title?: string | null;
  phone?: string | null;
  email?: string | null;
  notes?: string | null;
  /** the region the contact belongs to; default: the caller's home region */
  regionCode?: string;
}
/** An edit: a field left out stays as it is; null clears it (not the name); a value replaces it. */
export type ContactEdit = Partial<ContactInput> & { version: number };

/** What lists and details show: personal data masked. */
export function toMaskedContactDto(v: ContactViewRow) {
  const c = v.contact;
  return {
    id: c.id,
    enterpriseId: c.enterpriseId,
    enterpriseName: v.enterpriseName,
    regionCode: c.regionCode,
    regionName: v.regionName,
    name: maskPersonName(c.name) ?? '',
    title: c.title,
    phone: maskPhone(c.phone),
    email: maskEmail(c.email),
    notes: maskPersonalDataInText(c.notes),
    masked: true as const,
    createdByName: v.createdByName,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    version: c.version,
  };
}
export type MaskedContactDto = ReturnType<typeof toMaskedContactDto>;

/** The audit trail's view of a contact: masked, like every screen. */
function toAuditSnapshot(v: ContactViewRow) {
  const { masked: _m, createdByName: _c, createdAt: _ca, updatedAt: _u, ...rest } = toMaskedContactDto(v);
  return rest;
}

function requirePermission(caller: Caller, permission: Permission, label: Message) {
  if (!caller.actor.permissions.includes(permission)) throw new AppError('FORBIDDEN', msg('contact.permission', { permission: label }));
}

/** The contact when it lies in the caller's scope, else 404 (and an audit row for a real one). */
async function requireContactInScope(deps: Deps, caller: Caller, id: string): Promise<ContactViewRow> {
  const view = await selectContactView(deps.db, id);
  if (!view || !isPathWithin(caller.actor.regionPath, view.regionPath)) {
    if (view) await recordOutOfScope(deps, caller, 'contact', id);
    throw new AppError('NOT_FOUND', NOT_FOUND);
  }
  return view;
}

/** The enterprise by credit code or id (enterprises are installation-wide: no scope); 404 when none. */
async function requireEnterprise(deps: Deps, key: string): Promise<EnterpriseRow> {
  const row = await selectEnterpriseByKey(deps.db, key.trim());
  if (!row) throw new AppError('NOT_FOUND', msg('enterprise.notFound', { key }));
  return row;
}

function fail(field: string, message: Message): never {
  throw new AppError('VALIDATION', message, [{ field, message }]);
}

const PHONE = /^[0-9+()\s-]{3,}(?:(?:转|ext\.?|-)\s*\d{1,6})?$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** `*` is what masking writes: a name, phone or e-mail holding one is a masked value sent back, never stored. */
function refuseMasked(field: 'name' | 'phone' | 'email', value: string): void {
  if (value.includes('*')) fail(field, msg('contact.masked', { label: msg(`contact.field.${field}`) }));
}

function cleanContact<T extends Partial<ContactInput>>(input: T): Partial<ContactInsert> {
  const out: Partial<ContactInsert> = {};
  if (input.name !== undefined) {
    const name = input.name.trim();
    if (name.length < 1 || name.length > 50) fail('name', msg('contact.nameLength'));
    refuseMasked('name', name);
    out.name = name;
  }
  if (input.title !== undefined) out.title = input.title?.trim() || null;
  if (input.phone !== undefined) {
    const phone = input.phone?.trim() || null;
    if (phone !== null) refuseMasked('phone', phone);
    if (phone !== null && (!PHONE.test(phone) || phone.replace(/\D/g, '').length < 5)) fail('phone', msg('contact.phoneInvalid', { phone: maskPhone(phone) ?? '' }));
    out.phone = phone;
  }
  if (input.email !== undefined) {
    const email = input.email?.trim() || null;
    if (email !== null) refuseMasked('email', email);
    if (email !== null && !EMAIL.test(email)) fail('email', msg('contact.emailInvalid', { email: maskEmail(email) ?? '' }));
    out.email = email;
  }
  if (input.notes !== undefined) out.notes = input.notes?.trim() || null;
  return out;
}

async function loadMasked(deps: Deps, id: string): Promise<MaskedContactDto> {
  const view = await selectContactView(deps.db, id);
  if (!view) throw new AppError('NOT_FOUND', NOT_FOUND);
  return toMaskedContactDto(view);
}

/** Contacts of the enterprise within the caller's scope, masked. */
export async function listEnterpriseContacts(deps: Deps, caller: Caller, key: string): Promise<MaskedContactDto[]> {
  const enterprise = await requireEnterprise(deps, key);
  const rows = await selectEnterpriseContacts(deps.db, enterprise.id, caller.actor.regionPath);
  return rows.map(toMaskedContactDto);
}

export async function addContact(deps: Deps, caller: Caller, key: string, input: ContactInput): Promise<MaskedContactDto> {
  const enterprise = await requireEnterprise(deps, key);
  const regionCode = input.regionCode ?? caller.actor.regionCode;
  if (!regionCode) fail('regionCode', msg('contact.regionRequired'));
  const region = await requireRegionInScope(deps, caller, regionCode);
  const values = cleanContact(input);
  const id = await deps.db.transaction(async (tx) => {
    const row = await insertContact(tx, {
      enterpriseId: enterprise.id,
      regionCode: region.code,
      name: values.name ?? '',
      title: values.title ?? null,
      phone: values.phone ?? null,
      email: values.email ?? null,
      notes: values.notes ?? null,
      createdBy: caller.actor.id,
    });
    await refreshContactRegionCodes(tx, [enterprise.id]);
    const view = await selectContactView(tx, row.id);
    if (!view) throw new Error('created contact not found');
    await recordAudit(tx, caller, { action: 'contact.create', objectType: 'contact', objectId: row.id, regionCode: region.code, after: toAuditSnapshot(view) });
    return row.id;
  });
  return loadMasked(deps, id);
}

/**
 * Someone without the full values edits from the masked page. A field sent back exactly as the
 * page shows it (the stored value's masked form) is left unchanged, never written; notes that
 * still hold a masked phone or e-mail of the stored notes are refused (the full value would be lost).
 */
function withoutMaskedEchoes(edit: ContactEdit, stored: ContactRow): ContactEdit {
  const out: ContactEdit = { ...edit };
  const echoes = (value: string | null | undefined, masked: string | null) => typeof value === 'string' && masked !== null && value.trim() === masked;
  if (echoes(out.name, maskPersonName(stored.name))) delete out.name;
  if (echoes(out.phone, maskPhone(stored.phone))) delete out.phone;
  if (echoes(out.email, maskEmail(stored.email))) delete out.email;
  if (echoes(out.notes, maskPersonalDataInText(stored.notes))) delete out.notes;
  const notes = out.notes;
  if (typeof notes === 'string') {
    const kept = listMaskedFragments(stored.notes).filter((f) => notes.includes(f));
    if (kept.length > 0) {
      fail('notes', msg('contact.notesMasked', { kept: kept.join('、') }));
    }
  }
  return out;
}

export async function updateContact(deps: Deps, caller: Caller, id: string, edit: ContactEdit): Promise<MaskedContactDto> {
  const before = await requireContactInScope(deps, caller, id);
  const patch = cleanContact(withoutMaskedEchoes(edit, before.contact));
  if (edit.regionCode !== undefined && edit.regionCode !== before.contact.regionCode) {
    patch.regionCode = (await requireRegionInScope(deps, caller, edit.regionCode)).code;
  }
  await deps.db.transaction(async (tx) => {
    const saved = await updateContactVersioned(tx, id, edit.version, patch);
    if (!saved) throw new AppError('VERSION_CONFLICT', msg('contact.versionConflict'));
    if (patch.regionCode) await refreshContactRegionCodes(tx, [before.contact.enterpriseId]);
    const after = await selectContactView(tx, id);
    if (!after) throw new Error('updated contact not found');
    await recordAudit(tx, caller, {
      action: 'contact.update',
      objectType: 'contact',
      objectId: id,
      regionCode: after.contact.regionCode,
      before: toAuditSnapshot(before),
      after: toAuditSnapshot(after),
    });
  });
  return loadMasked(deps, id);
}

/** Deletes the row: the contact leaves the page, exports and the "already in contact" filter. */
export async function deleteContact(deps: Deps, caller: Caller, id: string, reason?: string | null): Promise<void> {
  const before = await requireContactInScope(deps, caller, id);
  await deps.db.transaction(async (tx) => {
    await deleteContactRow(tx, id);
    await refreshContactRegionCodes(tx, [before.contact.enterpriseId]);
    await recordAudit(tx, caller, {
      action: 'contact.delete',
      objectType: 'contact',
      objectId: id,
      regionCode: before.contact.regionCode,
      before: toAuditSnapshot(before),
      reason: reason?.trim() || null,
    });
  });
}

/**
 * The full name, phone, e-mail and notes of one contact. Audited as 'contact.reveal' with the
 * contact, the enterprise and which fields were shown — never the values.
 */
export async function revealContact(deps: Deps, caller: Caller, id: string, reason?: string | null) {
  requirePermission(caller, 'contacts.reveal', msg('contact.permissionReveal'));
  const view = await requireContactInScope(deps, caller, id);
  const c = view.contact;
  await recordAudit(deps.db, caller, {
    action: 'contact.reveal',
    objectType: 'contact',
    objectId: id,
    regionCode: c.regionCode,
    after: {
      enterpriseId: c.enterpriseId,
      enterpriseName: view.enterpriseName,
      enterpriseCreditCode: view.enterpriseCreditCode,
      contact: maskPersonName(c.name),
      fields: ['name', 'phone', 'email', 'notes'].filter((f) => c[f as 'name'] !== null),
    },
    reason: reason?.trim() || null,
  });
  return { id: c.id, name: c.name, title: c.title, phone: c.phone, email: c.email, notes: c.notes, masked: false as const };
}

export interface ContactExportQuery {
  /** region subtree to export; default the caller's home region */
  regionCode?: string;
  /** one enterprise (credit code or id) */
  enterprise?: string;
}

/** Resolves what an export covers, within the caller's scope. */
export async function resolveContactExport(deps: Deps, caller: Caller, q: ContactExportQuery) {
  requirePermission(caller, 'contacts.export', msg('contact.permissionExport'));
  const region = q.regionCode ?? caller.actor.regionCode;
  const scopePath = region ? (await requireRegionInScope(deps, caller, region, 'region')).path : caller.actor.regionPath;
  const enterprise = q.enterprise ? await requireEnterprise(deps, q.enterprise) : null;
  return { scopePath, regionCode: region, enterprise };
}

/** One page of full (unmasked) contacts for an export; only after resolveContactExport. */
export async function readContactsForExport(deps: Deps, scope: { scopePath: string; enterpriseId?: string }, limit: number, offset: number) {
  return selectContactsForExport(deps.db, { ...scope, limit, offset });
}

/** The audit row of an export: what was asked and how many rows left the system. */
export async function recordContactExport(deps: Deps, caller: Caller, q: { regionCode: string | null; enterpriseId: string | null; enterpriseName: string | null }, rowCount: number) {
  await recordAudit(deps.db, caller, {
    action: 'contact.export',
    objectType: 'contact',
    objectId: q.enterpriseId,
    regionCode: q.regionCode ?? caller.actor.regionCode,
    after: { rowCount, region: q.regionCode, enterpriseId: q.enterpriseId, enterpriseName: q.enterpriseName },
  });
}
