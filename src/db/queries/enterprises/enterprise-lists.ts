/**
 * Saved enterprise searches and enterprise lists (名单): rows, visibility and members. Visibility
 * (the rule lives in services/enterprises/enterprise-lists): the owner's own, plus shared ones whose region lies
 * within the caller's subtree.
 */
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../client';
import type { EnterpriseSearchRow } from './enterprise-search';
import { enterpriseListMembers, enterpriseLists, enterpriseSavedSearches } from '../../schema/index';
import { escapeLikePattern } from '../../../search/enterprise-query';

type Row = Record<string, unknown>;
/** timestamptz columns arrive as Date from both drivers */
function toDate(v: unknown): Date {
  return v instanceof Date ? v : new Date(String(v));
}
function rowsOf(result: unknown): Row[] {
  return (result as { rows: Row[] }).rows;
}

export interface Viewer {
  userId: string | null;
  scopePath: string;
}

function visibleTo(alias: string, v: Viewer): SQL {
  const a = sql.raw(alias);
  const shared = sql`(${a}.shared and r.path like ${`${escapeLikePattern(v.scopePath)}%`})`;
  return v.userId ? sql`(${a}.owner_id = ${v.userId} or ${shared})` : shared;
}

// ------------------------------------------------------------------ saved searches

export interface SavedSearchRow {
  id: string;
  name: string;
  query: Record<string, unknown>;
  ownerId: string;
  ownerName: string;
  regionCode: string;
  regionName: string;
  regionPath: string;
  shared: boolean;
  createdAt: Date;
  updatedAt: Date;
}

function toSavedSearch(r: Row): SavedSearchRow {
  return {
    id: String(r.id),
    name: String(r.name),
    query: (r.query as Record<string, unknown>) ?? {},
    ownerId: String(r.owner_id),
    ownerName: String(r.owner_name),
    regionCode: String(r.region_code),
    regionName: String(r.region_name),
    regionPath: String(r.region_path),
    shared: r.shared === true,
    createdAt: toDate(r.created_at),
    updatedAt: toDate(r.updated_at),
  };
}

const savedSearchColumns = sql`s.id, s.name, s.query, s.owner_id, u.display_name as owner_name, s.region_code, r.name as region_name,
  r.path as region_path, s.shared, s.created_at, s.updated_at`;

export async function selectVisibleSavedSearches(db: Db, v: Viewer): Promise<SavedSearchRow[]> {
  const rows = rowsOf(
    await db.execute(sql`
      select ${savedSearchColumns}
      from enterprise_saved_searches s join users u on u.id = s.owner_id join regions r on r.code = s.region_code
      where ${visibleTo('s', v)}
      order by s.name, s.id`),
  );
  return rows.map(toSavedSearch);
}

export async function selectSavedSearch(db: Db, id: string): Promise<SavedSearchRow | undefined> {
  const [row] = rowsOf(
    await db.execute(sql`
      select ${savedSearchColumns}
      from enterprise_saved_searches s join users u on u.id = s.owner_id join regions r on r.code = s.region_code
      where s.id = ${id}`),
  );
  return row ? toSavedSearch(row) : undefined;
}

export async function insertSavedSearch(db: Db, row: typeof enterpriseSavedSearches.$inferInsert): Promise<string> {
  const [created] = await db.insert(enterpriseSavedSearches).values(row).returning({ id: enterpriseSavedSearches.id });
  if (!created) throw new Error('insert enterprise_saved_searches returned nothing');
  return created.id;
}

export async function updateSavedSearch(db: Db, id: string, patch: Partial<Pick<typeof enterpriseSavedSearches.$inferInsert, 'name' | 'query' | 'shared'>>): Promise<void> {
  await db.update(enterpriseSavedSearches).set({ ...patch, updatedAt: new Date() }).where(eq(enterpriseSavedSearches.id, id));
}

export async function deleteSavedSearch(db: Db, id: string): Promise<void> {
  await db.delete(enterpriseSavedSearches).where(eq(enterpriseSavedSearches.id, id));
}

// ------------------------------------------------------------------ lists

export interface ListRow {
  id: string;
  name: string;
  description: string | null;
  ownerId: string;
  ownerName: string;
  regionCode: string;
  regionName: string;
  regionPath: string;
  shared: boolean;
  memberCount: number;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

function toList(r: Row): ListRow {
  return {
    id: String(r.id),
    name: String(r.name),
    description: (r.description as string | null) ?? null,
    ownerId: String(r.owner_id),
    ownerName: String(r.owner_name),
    regionCode: String(r.region_code),
    regionName: String(r.region_name),
    regionPath: String(r.region_path),
    shared: r.shared === true,
    memberCount: Number(r.member_count),
    version: Number(r.version),
    createdAt: toDate(r.created_at),
    updatedAt: toDate(r.updated_at),
  };
}

const listColumns = sql`l.id, l.name, l.description, l.owner_id, u.display_name as owner_name, l.region_code, r.name as region_name,
  r.path as region_path, l.shared, l.version, l.created_at, l.updated_at,
  (select count(*) from enterprise_list_members m where m.list_id = l.id)::int as member_count`;

export async function selectVisibleLists(db: Db, v: Viewer): Promise<ListRow[]> {
  const rows = rowsOf(
    await db.execute(sql`
      select ${listColumns}
      from enterprise_lists l join users u on u.id = l.owner_id join regions r on r.code = l.region_code
      where ${visibleTo('l', v)}
      order by l.updated_at desc, l.id`),
  );
  return rows.map(toList);
}

export async function selectList(db: Db, id: string): Promise<ListRow | undefined> {
  const [row] = rowsOf(
    await db.execute(sql`
      select ${listColumns}
      from enterprise_lists l join users u on u.id = l.owner_id join regions r on r.code = l.region_code
      where l.id = ${id}`),
  );
  return row ? toList(row) : undefined;
}

export async function insertList(db: Db, row: typeof enterpriseLists.$inferInsert): Promise<string> {
  const [created] = await db.insert(enterpriseLists).values(row).returning({ id: enterpriseLists.id });
  if (!created) throw new Error('insert enterprise_lists returned nothing');
  return created.id;
}

/** Updates when the version matches; false when someone else saved first. */
export async function updateListVersioned(
  db: Db,
  id: string,
  version: number,
  patch: Partial<Pick<typeof enterpriseLists.$inferInsert, 'name' | 'description' | 'shared'>>,
): Promise<boolean> {
  const rows = await db
    .update(enterpriseLists)
    .set({ ...patch, version: sql`${enterpriseLists.version} + 1`, updatedAt: new Date() })
    .where(and(eq(enterpriseLists.id, id), eq(enterpriseLists.version, version)))
    .returning({ id: enterpriseLists.id });
  return rows.length > 0;
}

export async function touchList(db: Db, id: string): Promise<void> {
  await db.update(enterpriseLists).set({ updatedAt: new Date() }).where(eq(enterpriseLists.id, id));
}

export async function deleteList(db: Db, id: string): Promise<void> {
  await db.delete(enterpriseLists).where(eq(enterpriseLists.id, id));
}

export async function countListMembers(db: Db, listId: string): Promise<number> {
  const [row] = rowsOf(await db.execute(sql`select count(*)::int as n from enterprise_list_members where list_id = ${listId}`));
  return Number(row?.n ?? 0);
}

/** Enterprises by credit code (upper-cased by the caller): id and code of those that exist. */
export async function selectEnterpriseIdsByCodes(db: Db, codes: string[]): Promise<{ id: string; creditCode: string }[]> {
  if (codes.length === 0) return [];
  const rows = rowsOf(await db.execute(sql`select id, credit_code from enterprises where credit_code = any(${sql.param(codes)}::text[])`));
  return rows.map((r) => ({ id: String(r.id), creditCode: String(r.credit_code) }));
}

/** Those of the ids that name an enterprise (ids from a search or a page; merged-away enterprises are gone). */
export async function selectExistingEnterpriseIds(db: Db, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = rowsOf(await db.execute(sql`select id from enterprises where id = any(${sql.param(ids)}::uuid[])`));
  return rows.map((r) => String(r.id));
}

/** Adds members, skipping those already present; returns the ids added. */
export async function insertListMembers(db: Db, listId: string, enterpriseIds: string[], addedBy: string, note: string | null): Promise<string[]> {
  if (enterpriseIds.length === 0) return [];
  const rows = await db
    .insert(enterpriseListMembers)
    .values(enterpriseIds.map((enterpriseId) => ({ listId, enterpriseId, addedBy, note })))
    .onConflictDoNothing()
    .returning({ enterpriseId: enterpriseListMembers.enterpriseId });
  return rows.map((r) => r.enterpriseId);
}

/** Removes members by credit code; returns the codes removed. */
export async function deleteListMembersByCodes(db: Db, listId: string, codes: string[]): Promise<string[]> {
  if (codes.length === 0) return [];
  const rows = rowsOf(
    await db.execute(sql`
      delete from enterprise_list_members m using enterprises e
      where m.list_id = ${listId} and e.id = m.enterprise_id and e.credit_code = any(${sql.param(codes)}::text[])
      returning e.credit_code`),
  );
  return rows.map((r) => String(r.credit_code));
}

/** Removes members by enterprise id (members without a credit code too); returns the ids removed. */
export async function deleteListMembersByIds(db: Db, listId: string, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = rowsOf(
    await db.execute(sql`
      delete from enterprise_list_members m
      where m.list_id = ${listId} and m.enterprise_id = any(${sql.param(ids)}::uuid[])
      returning m.enterprise_id`),
  );
  return rows.map((r) => String(r.enterprise_id));
}

/** A list member: the registry fields a search row carries (without the caller-dependent inContact), and more. */
export interface ListMemberRow extends Omit<EnterpriseSearchRow, 'inContact'> {
  ticker: string | null;
  mainProducts: string | null;
  website: string | null;
  parentGroup: string | null;
  note: string | null;
  addedByName: string | null;
  addedAt: Date;
}

/** The first `limit` members (id, credit code, name) in the order they were added, or those of `ids` that are members. */
export async function selectListMemberKeys(db: Db, listId: string, limit: number, ids?: readonly string[]): Promise<{ id: string; creditCode: string | null; name: string }[]> {
  const only = ids ? sql`and m.enterprise_id in (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)})` : sql``;
  const rows = rowsOf(
    await db.execute(sql`
      select e.id, e.credit_code, e.name from enterprise_list_members m join enterprises e on e.id = m.enterprise_id
      where m.list_id = ${listId} ${only}
      order by m.added_at, e.credit_code, e.id
      limit ${limit}`),
  );
  return rows.map((r) => ({ id: String(r.id), creditCode: (r.credit_code as string | null) ?? null, name: String(r.name) }));
}

/** Members in the order they were added (then by credit code). */
export async function selectListMembers(db: Db, listId: string, limit: number, offset: number): Promise<ListMemberRow[]> {
  const rows = rowsOf(
    await db.execute(sql`
      select e.id, e.credit_code, e.name, e.former_names, e.region_code, r.name as region_name, e.industry_code, i.name as industry_name,
        e.registered_capital_yuan::text as capital, e.established_on::text as established_on, e.status, e.tags, e.ticker,
        e.main_products, e.website, e.parent_group, m.note, u.display_name as added_by_name, m.added_at
      from enterprise_list_members m
      join enterprises e on e.id = m.enterprise_id
      left join regions r on r.code = e.region_code
      left join industries i on i.code = e.industry_code
      left join users u on u.id = m.added_by
      where m.list_id = ${listId}
      order by m.added_at, e.credit_code, e.id
      limit ${limit} offset ${offset}`),
  );
  return rows.map((r) => ({
    id: String(r.id),
    creditCode: (r.credit_code as string | null) ?? null,
    name: String(r.name),
    formerNames: (r.former_names as string[] | null) ?? [],
    regionCode: (r.region_code as string | null) ?? null,
    regionName: (r.region_name as string | null) ?? null,
    industryCode: (r.industry_code as string | null) ?? null,
    industryName: (r.industry_name as string | null) ?? null,
    registeredCapitalYuan: r.capital === null || r.capital === undefined ? null : BigInt(String(r.capital)),
    establishedOn: (r.established_on as string | null) ?? null,
    status: (r.status as string | null) ?? null,
    tags: (r.tags as string[] | null) ?? [],
    ticker: (r.ticker as string | null) ?? null,
    mainProducts: (r.main_products as string | null) ?? null,
    website: (r.website as string | null) ?? null,
    parentGroup: (r.parent_group as string | null) ?? null,
    note: (r.note as string | null) ?? null,
    addedByName: (r.added_by_name as string | null) ?? null,
    addedAt: toDate(r.added_at),
  }));
}
