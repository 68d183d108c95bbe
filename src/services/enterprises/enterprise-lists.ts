/**
 * Saved enterprise searches and enterprise lists (名单, e.g. "光伏 target list").
 *
 * Each belongs to its owner and to the owner's home region at creation. Visible to a caller: their
 * own, and shared ones whose region lies within the caller's subtree — a county's shared list is
 * seen by that county and every level above it (prefecture, province), never by a sibling county
 * nor by a subordinate region (the same direction as all region scope). Anything else answers 404.
 * Only the owner changes or deletes one (403 for others who can see it). Every change is audited.
 */
import { MAX_ADD_FROM_SEARCH } from '../../contracts/enterprise-search';
import type { AuditObjectType } from '../../domain/audit-actions';
import {
  countListMembers,
  deleteList,
  deleteListMembersByCodes,
  deleteListMembersByIds,
  deleteSavedSearch,
  insertList,
  insertListMembers,
  insertSavedSearch,
  selectEnterpriseIdsByCodes,
  selectExistingEnterpriseIds,
  selectList,
  selectListMembers,
  selectSavedSearch,
  selectVisibleLists,
  selectVisibleSavedSearches,
  touchList,
  updateListVersioned,
  updateSavedSearch,
  type ListMemberRow,
  type ListRow,
  type SavedSearchRow,
  type Viewer,
} from '../../db/queries/enterprises/enterprise-lists';
import { selectEnterpriseIdsForSearch } from '../../db/queries/enterprises/enterprise-search';
import { AppError } from '../../domain/app-error';
import { msg, type Message } from '../../domain/messages/catalog';
import { isPathWithin } from '../../domain/region-scope';
import { recordAudit } from '../audit/audit';
import type { Caller, Deps } from '../context';
import { compileEnterpriseSearch, type EnterpriseSearchInput } from './enterprise-search';
import { recordOutOfScope } from '../regions';

/** A list holds at most this many enterprises (a target list, not a registry extract). */
export const MAX_LIST_MEMBERS = 5000;
/** At most this many results of a search are added in one call. */

export type SavedSearchQuery = Omit<EnterpriseSearchInput, 'page' | 'pageSize'>;

const SEARCH_NOT_FOUND = msg('list.searchNotFound');
const LIST_NOT_FOUND = msg('list.notFound');

function viewerOf(caller: Caller): Viewer {
  return { userId: caller.actor.id, scopePath: caller.actor.regionPath };
}

function isVisible(caller: Caller, row: { ownerId: string; shared: boolean; regionPath: string }): boolean {
  return row.ownerId === caller.actor.id || (row.shared && isPathWithin(caller.actor.regionPath, row.regionPath));
}

/** Only the owner changes one; a refusal is audited like every refused access. */
async function requireOwner(deps: Deps, caller: Caller, row: { id: string; ownerId: string; ownerName: string }, objectType: AuditObjectType, what: Message): Promise<void> {
  if (row.ownerId === caller.actor.id) return;
  await recordAudit(deps.db, caller, { action: 'access.denied', objectType, objectId: row.id, outcome: 'denied', after: { why: 'notOwner' } });
  throw new AppError('FORBIDDEN', msg('list.ownerOnly', { owner: row.ownerName, what }));
}

/** Lists and saved searches belong to a person of a region: the CLI operator has neither. */
function requirePerson(caller: Caller): { userId: string; regionCode: string } {
  const { id, regionCode } = caller.actor;
  if (!id || !regionCode) throw new AppError('FORBIDDEN', msg('list.personOnly'));
  return { userId: id, regionCode };
}

function cleanName(name: string, field = 'name'): string {
  const n = name.trim();
  if (!n || n.length > 60) throw new AppError('VALIDATION', msg('list.nameLength'), [{ field, message: msg('list.nameLengthShort') }]);
  return n;
}

/** Keeps only the fields a search takes, dropping empty ones, so the stored query is what GET /api/enterprises reads. */
function cleanQuery(q: SavedSearchQuery): SavedSearchQuery {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(q)) {
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    out[k] = v;
  }
  return out as SavedSearchQuery;
}

// ------------------------------------------------------------------ saved searches

function toSavedSearchDto(caller: Caller, r: SavedSearchRow) {
  return {
    id: r.id,
    name: r.name,
    query: r.query as SavedSearchQuery,
    shared: r.shared,
    ownerId: r.ownerId,
    ownerName: r.ownerName,
    regionCode: r.regionCode,
    regionName: r.regionName,
    mine: r.ownerId === caller.actor.id,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}
export type SavedSearchDto = ReturnType<typeof toSavedSearchDto>;

async function requireVisibleSavedSearch(deps: Deps, caller: Caller, id: string): Promise<SavedSearchRow> {
  const row = await selectSavedSearch(deps.db, id);
  if (!row || !isVisible(caller, row)) {
    if (row) await recordOutOfScope(deps, caller, 'enterprise_saved_search', id);
    throw new AppError('NOT_FOUND', SEARCH_NOT_FOUND);
  }
  return row;
}

export async function listSavedSearches(deps: Deps, caller: Caller): Promise<SavedSearchDto[]> {
  return (await selectVisibleSavedSearches(deps.db, viewerOf(caller))).map((r) => toSavedSearchDto(caller, r));
}

export async function getSavedSearch(deps: Deps, caller: Caller, id: string): Promise<SavedSearchDto> {
  return toSavedSearchDto(caller, await requireVisibleSavedSearch(deps, caller, id));
}

export async function createSavedSearch(deps: Deps, caller: Caller, input: { name: string; query: SavedSearchQuery; shared?: boolean }): Promise<SavedSearchDto> {
  const person = requirePerson(caller);
  const name = cleanName(input.name);
  const query = cleanQuery(input.query);
  await compileEnterpriseSearch(deps, caller, query); // rejects an unknown region or industry now, not at each use
  const id = await deps.db.transaction(async (tx) => {
    const created = await insertSavedSearch(tx, { name, query, ownerId: person.userId, regionCode: person.regionCode, shared: input.shared ?? false });
    await recordAudit(tx, caller, {
      action: 'enterprise_saved_search.create',
      objectType: 'enterprise_saved_search',
      objectId: created,
      regionCode: person.regionCode,
      after: { name, query, shared: input.shared ?? false },
    });
    return created;
  });
  return getSavedSearch(deps, caller, id);
}

export async function changeSavedSearch(
  deps: Deps,
  caller: Caller,
  id: string,
  input: { name?: string; query?: SavedSearchQuery; shared?: boolean },
): Promise<SavedSearchDto> {
  const row = await requireVisibleSavedSearch(deps, caller, id);
  await requireOwner(deps, caller, row, 'enterprise_saved_search', msg('list.what.search'));
  const patch: { name?: string; query?: Record<string, unknown>; shared?: boolean } = {};
  if (input.name !== undefined) patch.name = cleanName(input.name);
  if (input.query !== undefined) {
    patch.query = cleanQuery(input.query);
    await compileEnterpriseSearch(deps, caller, patch.query);
  }
  if (input.shared !== undefined) patch.shared = input.shared;
  await deps.db.transaction(async (tx) => {
    await updateSavedSearch(tx, id, patch);
    await recordAudit(tx, caller, {
      action: 'enterprise_saved_search.update',
      objectType: 'enterprise_saved_search',
      objectId: id,
      regionCode: row.regionCode,
      before: { name: row.name, query: row.query, shared: row.shared },
      after: patch,
    });
  });
  return getSavedSearch(deps, caller, id);
}

export async function removeSavedSearch(deps: Deps, caller: Caller, id: string): Promise<void> {
  const row = await requireVisibleSavedSearch(deps, caller, id);
  await requireOwner(deps, caller, row, 'enterprise_saved_search', msg('list.what.search'));
  await deps.db.transaction(async (tx) => {
    await deleteSavedSearch(tx, id);
    await recordAudit(tx, caller, {
      action: 'enterprise_saved_search.delete',
      objectType: 'enterprise_saved_search',
      objectId: id,
      regionCode: row.regionCode,
      before: { name: row.name, query: row.query, shared: row.shared },
    });
  });
}

// ------------------------------------------------------------------ lists

function toListDto(caller: Caller, r: ListRow) {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    shared: r.shared,
    ownerId: r.ownerId,
    ownerName: r.ownerName,
    regionCode: r.regionCode,
    regionName: r.regionName,
    memberCount: r.memberCount,
    mine: r.ownerId === caller.actor.id,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}
export type EnterpriseListDto = ReturnType<typeof toListDto>;

/** The list when the caller may see it, else 404 (and an audit row for a real one). */
export async function requireVisibleList(deps: Deps, caller: Caller, id: string): Promise<ListRow> {
  const row = await selectList(deps.db, id);
  if (!row || !isVisible(caller, row)) {
    if (row) await recordOutOfScope(deps, caller, 'enterprise_list', id);
    throw new AppError('NOT_FOUND', LIST_NOT_FOUND);
  }
  return row;
}

function snapshot(r: Pick<ListRow, 'name' | 'description' | 'shared'>) {
  return { name: r.name, description: r.description, shared: r.shared };
}

export async function listEnterpriseLists(deps: Deps, caller: Caller): Promise<EnterpriseListDto[]> {
  return (await selectVisibleLists(deps.db, viewerOf(caller))).map((r) => toListDto(caller, r));
}

export async function getEnterpriseList(deps: Deps, caller: Caller, id: string): Promise<EnterpriseListDto> {
  return toListDto(caller, await requireVisibleList(deps, caller, id));
}

export async function createEnterpriseList(
  deps: Deps,
  caller: Caller,
  input: { name: string; description?: string | null; shared?: boolean },
): Promise<EnterpriseListDto> {
  const person = requirePerson(caller);
  const values = { name: cleanName(input.name), description: input.description?.trim() || null, shared: input.shared ?? false };
  const id = await deps.db.transaction(async (tx) => {
    const created = await insertList(tx, { ...values, ownerId: person.userId, regionCode: person.regionCode });
    await recordAudit(tx, caller, { action: 'enterprise_list.create', objectType: 'enterprise_list', objectId: created, regionCode: person.regionCode, after: values });
    return created;
  });
  return getEnterpriseList(deps, caller, id);
}

export async function changeEnterpriseList(
  deps: Deps,
  caller: Caller,
  id: string,
  input: { name?: string; description?: string | null; shared?: boolean; version: number },
): Promise<EnterpriseListDto> {
  const row = await requireVisibleList(deps, caller, id);
  await requireOwner(deps, caller, row, 'enterprise_list', msg('list.what.list'));
  const patch: { name?: string; description?: string | null; shared?: boolean } = {};
  if (input.name !== undefined) patch.name = cleanName(input.name);
  if (input.description !== undefined) patch.description = input.description?.trim() || null;
  if (input.shared !== undefined) patch.shared = input.shared;
  await deps.db.transaction(async (tx) => {
    if (!(await updateListVersioned(tx, id, input.version, patch))) throw new AppError('VERSION_CONFLICT', msg('list.versionConflict'));
    await recordAudit(tx, caller, {
      action: 'enterprise_list.update',
      objectType: 'enterprise_list',
      objectId: id,
      regionCode: row.regionCode,
      before: snapshot(row),
      after: { ...snapshot(row), ...patch },
    });
  });
  return getEnterpriseList(deps, caller, id);
}

export async function removeEnterpriseList(deps: Deps, caller: Caller, id: string): Promise<void> {
  const row = await requireVisibleList(deps, caller, id);
  await requireOwner(deps, caller, row, 'enterprise_list', msg('list.what.list'));
  await deps.db.transaction(async (tx) => {
    await deleteList(tx, id);
    await recordAudit(tx, caller, {
      action: 'enterprise_list.delete',
      objectType: 'enterprise_list',
      objectId: id,
      regionCode: row.regionCode,
      before: { ...snapshot(row), memberCount: row.memberCount },
    });
  });
}

function toSafeNumber(v: bigint | null): number | null {
  if (v === null) return null;
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new Error(`amount out of the safe integer range: ${v}`);
  return n;
}

export function toMemberDto(m: ListMemberRow) {
  return {
    id: m.id,
    creditCode: m.creditCode,
    name: m.name,
    formerNames: m.formerNames,
    regionCode: m.regionCode,
    regionName: m.regionName,
    industryCode: m.industryCode,
    industryName: m.industryName,
    registeredCapitalYuan: toSafeNumber(m.registeredCapitalYuan),
    establishedOn: m.establishedOn,
    status: m.status,
    tags: m.tags,
    ticker: m.ticker,
    mainProducts: m.mainProducts,
    website: m.website,
    parentGroup: m.parentGroup,
    note: m.note,
    addedByName: m.addedByName,
    addedAt: m.addedAt.toISOString(),
  };
}

export async function listListMembers(deps: Deps, caller: Caller, id: string, page: number, pageSize: number) {
  const list = await requireVisibleList(deps, caller, id);
  const rows = await selectListMembers(deps.db, id, pageSize, (page - 1) * pageSize);
  return { total: list.memberCount, items: rows.map(toMemberDto) };
}

export interface AddMembersInput {
  creditCodes?: string[];
  /** enterprises by id, as a search or a page shows them (those without a credit code too) */
  enterpriseIds?: string[];
  /** add the first `limit` results of a search, in its order */
  fromSearch?: { query: SavedSearchQuery; limit?: number };
  note?: string | null;
}

export interface MemberChangeResult {
  added: number;
  alreadyPresent: number;
  /** credit codes (and enterprise ids) not found in the enterprise database */
  notFound: string[];
  memberCount: number;
}

function normalizeCodes(codes: readonly string[]): string[] {
  return [...new Set(codes.map((c) => c.trim().toUpperCase()).filter(Boolean))];
}

export async function addListMembers(deps: Deps, caller: Caller, id: string, input: AddMembersInput): Promise<MemberChangeResult> {
  const list = await requireVisibleList(deps, caller, id);
  await requireOwner(deps, caller, list, 'enterprise_list', msg('list.what.list'));
  const person = requirePerson(caller);
  const codes = normalizeCodes(input.creditCodes ?? []);
  const askedIds = [...new Set(input.enterpriseIds ?? [])];
  if (codes.length === 0 && askedIds.length === 0 && !input.fromSearch) {
    throw new AppError('VALIDATION', msg('list.addNone'), [{ field: 'creditCodes', message: msg('list.empty') }]);
  }
  const found = await selectEnterpriseIdsByCodes(deps.db, codes);
  const foundCodes = new Set(found.map((f) => f.creditCode));
  const existingIds = new Set(await selectExistingEnterpriseIds(deps.db, askedIds));
  const ids = [...found.map((f) => f.id), ...askedIds.filter((i) => existingIds.has(i))];
  if (input.fromSearch) {
    const limit = Math.min(input.fromSearch.limit ?? 200, MAX_ADD_FROM_SEARCH);
    const compiled = await compileEnterpriseSearch(deps, caller, cleanQuery(input.fromSearch.query));
    ids.push(...(await selectEnterpriseIdsForSearch(deps.db, compiled.filter, compiled.sort, limit)));
  }
  const unique = [...new Set(ids)];
  return deps.db.transaction(async (tx) => {
    const added = await insertListMembers(tx, id, unique, person.userId, input.note?.trim() || null);
    const memberCount = await countListMembers(tx, id);
    if (memberCount > MAX_LIST_MEMBERS) {
      throw new AppError('VALIDATION', msg('list.tooMany', { max: MAX_LIST_MEMBERS, count: memberCount }), [{ field: 'creditCodes', message: msg('list.tooManyShort') }]);
    }
    if (added.length > 0) {
      await touchList(tx, id);
      await recordAudit(tx, caller, {
        action: 'enterprise_list.members.add',
        objectType: 'enterprise_list',
        objectId: id,
        regionCode: list.regionCode,
        after: { enterpriseIds: added, fromSearch: input.fromSearch ? cleanQuery(input.fromSearch.query) : undefined, memberCount },
      });
    }
    const notFound = [...codes.filter((c) => !foundCodes.has(c)), ...askedIds.filter((i) => !existingIds.has(i))];
    return { added: added.length, alreadyPresent: unique.length - added.length, notFound, memberCount };
  });
}

export interface RemoveMembersInput {
  creditCodes?: string[];
  /** members by enterprise id (those without a credit code too) */
  enterpriseIds?: string[];
}

export async function removeListMembers(deps: Deps, caller: Caller, id: string, input: RemoveMembersInput): Promise<{ removed: number; memberCount: number }> {
  const list = await requireVisibleList(deps, caller, id);
  await requireOwner(deps, caller, list, 'enterprise_list', msg('list.what.list'));
  const codes = normalizeCodes(input.creditCodes ?? []);
  const ids = [...new Set(input.enterpriseIds ?? [])];
  if (codes.length === 0 && ids.length === 0) {
    throw new AppError('VALIDATION', msg('list.removeNone'), [{ field: 'creditCodes', message: msg('list.empty') }]);
  }
  return deps.db.transaction(async (tx) => {
    const removedCodes = await deleteListMembersByCodes(tx, id, codes);
    const removedIds = await deleteListMembersByIds(tx, id, ids);
    const removed = removedCodes.length + removedIds.length;
    const memberCount = await countListMembers(tx, id);
    if (removed > 0) {
      await touchList(tx, id);
      await recordAudit(tx, caller, {
        action: 'enterprise_list.members.remove',
        objectType: 'enterprise_list',
        objectId: id,
        regionCode: list.regionCode,
        before: { creditCodes: removedCodes, ...(removedIds.length > 0 ? { enterpriseIds: removedIds } : {}) },
        after: { memberCount },
      });
    }
    return { removed, memberCount };
  });
}
