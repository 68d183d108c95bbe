/** Monthly returns (月报) and their submissions. */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../client';
import { monthlyReturns, monthlyReturnVersions } from '../../schema/index';

export type ReturnRow = typeof monthlyReturns.$inferSelect;
export type ReturnVersionRow = typeof monthlyReturnVersions.$inferSelect;

type Row = Record<string, unknown>;
const rowsOf = (result: unknown): Row[] => (result as { rows: Row[] }).rows;

export async function selectReturn(db: Db, regionCode: string, month: string): Promise<ReturnRow | undefined> {
  const [row] = await db
    .select()
    .from(monthlyReturns)
    .where(and(eq(monthlyReturns.regionCode, regionCode), eq(monthlyReturns.month, month)));
  return row;
}

export async function selectReturnsOfRegions(db: Db, codes: string[], month: string): Promise<ReturnRow[]> {
  if (codes.length === 0) return [];
  return db
    .select()
    .from(monthlyReturns)
    .where(and(sql`${monthlyReturns.regionCode} = any(${sql.param(codes)}::text[])`, eq(monthlyReturns.month, month)));
}

/** Every return of one region within [from, to] (months). */
export async function selectReturnsOfRegion(db: Db, regionCode: string, from: string, to: string): Promise<ReturnRow[]> {
  return db
    .select()
    .from(monthlyReturns)
    .where(and(eq(monthlyReturns.regionCode, regionCode), sql`${monthlyReturns.month} between ${from} and ${to}`));
}

/** Submitted returns waiting for review whose region is a direct child of `parentCode` (or the region itself). */
export async function selectReturnsAwaitingReview(db: Db, parentCode: string, includeSelf: boolean) {
  const result = await db.execute(sql`
    select mr.region_code, mr.month, mr.submitted_at, r.name as region_name
    from monthly_returns mr join regions r on r.code = mr.region_code
    where mr.state = 'submitted' and (r.parent_code = ${parentCode} ${includeSelf ? sql`or r.code = ${parentCode}` : sql``})
    order by mr.month, mr.region_code`);
  return rowsOf(result).map((r) => ({ regionCode: String(r.region_code), regionName: String(r.region_name), month: String(r.month), submittedAt: new Date(String(r.submitted_at)) }));
}

/** By return id: the name the latest submission was made under (as the version stored it; also the CLI operator's). */
export async function selectLatestSubmitterNames(db: Db, returns: readonly Pick<ReturnRow, 'id' | 'submissions'>[]): Promise<Map<string, string>> {
  const submitted = returns.filter((r) => r.submissions > 0);
  if (submitted.length === 0) return new Map();
  const result = await db.execute(sql`
    select v.return_id, v.submitted_by_name from monthly_return_versions v
    join unnest(${sql.param(submitted.map((r) => r.id))}::uuid[], ${sql.param(submitted.map((r) => r.submissions))}::int[]) as w(id, number)
      on w.id = v.return_id and w.number = v.number`);
  return new Map(rowsOf(result).map((r) => [String(r.return_id), String(r.submitted_by_name)]));
}

export async function insertReturn(db: Db, row: typeof monthlyReturns.$inferInsert): Promise<ReturnRow> {
  const [created] = await db.insert(monthlyReturns).values(row).returning();
  if (!created) throw new Error('insert monthly_returns returned nothing');
  return created;
}

/** Updates when the version matches; undefined when someone else changed the return first. */
export async function updateReturnVersioned(db: Db, id: string, version: number, patch: Partial<typeof monthlyReturns.$inferInsert>): Promise<ReturnRow | undefined> {
  const [row] = await db
    .update(monthlyReturns)
    .set({ ...patch, version: version + 1, updatedAt: new Date() })
    .where(and(eq(monthlyReturns.id, id), eq(monthlyReturns.version, version)))
    .returning();
  return row;
}

export async function insertReturnVersion(db: Db, row: typeof monthlyReturnVersions.$inferInsert): Promise<void> {
  await db.insert(monthlyReturnVersions).values(row);
}

export async function selectReturnVersions(db: Db, returnId: string): Promise<ReturnVersionRow[]> {
  return db.select().from(monthlyReturnVersions).where(eq(monthlyReturnVersions.returnId, returnId)).orderBy(asc(monthlyReturnVersions.number));
}

export async function updateReturnVersionOutcome(
  db: Db,
  returnId: string,
  number: number,
  patch: Pick<ReturnVersionRow, 'outcome' | 'reviewedBy' | 'reviewedByName' | 'reviewedAt' | 'reason'>,
): Promise<void> {
  await db
    .update(monthlyReturnVersions)
    .set(patch)
    .where(and(eq(monthlyReturnVersions.returnId, returnId), eq(monthlyReturnVersions.number, number)));
}

/** Approved returns of `month` whose region contains `regionPath` (the region itself or an ancestor), top level first. */
/**
 * Serialises receipt changes of a month with the approval that locks it: every receipt change takes
 * the month's lock shared (so they run side by side) and checks for approved returns inside its
 * transaction; an approval takes it exclusive. Without it a receipt could pass the check, the
 * approval commit, and the receipt commit into a locked month. Released at the end of the transaction.
 */
export async function lockReceiptMonth(db: Db, month: string, mode: 'shared' | 'exclusive'): Promise<void> {
  const key = Number(month.slice(0, 4)) * 100 + Number(month.slice(5, 7));
  await db.execute(
    mode === 'shared' ? sql`select pg_advisory_xact_lock_shared(${RECEIPT_MONTH_LOCK_CLASS}, ${key})` : sql`select pg_advisory_xact_lock(${RECEIPT_MONTH_LOCK_CLASS}, ${key})`,
  );
}
/** the first key of the two-key advisory locks taken on receipt months ("FM") */
const RECEIPT_MONTH_LOCK_CLASS = 0x464d;

export async function selectLockingReturns(db: Db, regionPath: string, month: string) {
  const result = await db.execute(sql`
    select r.code, r.name, r.parent_code, p.name as parent_name
    from monthly_returns mr
    join regions r on r.code = mr.region_code
    left join regions p on p.code = r.parent_code
    where mr.month = ${month} and mr.state = 'approved' and ${regionPath} like r.path || '%'
    order by length(r.path)`);
  return rowsOf(result).map((r) => ({
    code: String(r.code),
    name: String(r.name),
    parentCode: r.parent_code === null ? null : String(r.parent_code),
    parentName: r.parent_name === null ? null : String(r.parent_name),
  }));
}

/** The direct sub-regions that file returns (parks do not: they are counted in their county), each with whether it has any project in its subtree. */
export async function selectReportingChildren(db: Db, parentCode: string) {
  const result = await db.execute(sql`
    select c.code, c.name, c.level,
      exists (select 1 from projects p join regions pr on pr.code = p.region_code where pr.path like c.path || '%') as has_projects
    from regions c
    where c.parent_code = ${parentCode} and c.active and c.level <> 'park'
    order by c.code`);
  return rowsOf(result).map((r) => ({ code: String(r.code), name: String(r.name), level: String(r.level), hasProjects: r.has_projects === true || r.has_projects === 't' }));
}

export async function hasProjectsInSubtree(db: Db, path: string): Promise<boolean> {
  const result = await db.execute(sql`select exists (select 1 from projects p join regions r on r.code = p.region_code where r.path like ${`${path}%`}) as x`);
  const v = rowsOf(result)[0]?.x;
  return v === true || v === 't';
}
