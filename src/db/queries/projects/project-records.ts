/** Records that hang off a project: fund receipts, problems, service items, calendar overrides. */
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../client';
import { calendarOverrides, fundReceipts, projectProblems, projects, regions, serviceItems, users } from '../../schema/index';

export type ReceiptRow = typeof fundReceipts.$inferSelect;
export type ProblemRow = typeof projectProblems.$inferSelect;
export type ServiceItemRow = typeof serviceItems.$inferSelect;

export async function selectReceipts(db: Db, projectId: string) {
  return db.select().from(fundReceipts).where(eq(fundReceipts.projectId, projectId)).orderBy(desc(fundReceipts.month));
}

export async function selectReceipt(db: Db, id: string): Promise<ReceiptRow | undefined> {
  const [row] = await db.select().from(fundReceipts).where(eq(fundReceipts.id, id));
  return row;
}

export async function selectReceiptByMonth(db: Db, projectId: string, month: string): Promise<ReceiptRow | undefined> {
  const [row] = await db.select().from(fundReceipts).where(and(eq(fundReceipts.projectId, projectId), eq(fundReceipts.month, month)));
  return row;
}

export async function insertReceipt(db: Db, row: typeof fundReceipts.$inferInsert): Promise<ReceiptRow> {
  const [created] = await db.insert(fundReceipts).values(row).returning();
  if (!created) throw new Error('insert fund_receipts returned nothing');
  return created;
}

export async function updateReceiptVersioned(db: Db, id: string, version: number, patch: Partial<typeof fundReceipts.$inferInsert>) {
  const [row] = await db
    .update(fundReceipts)
    .set({ ...patch, version: sql`${fundReceipts.version} + 1` })
    .where(and(eq(fundReceipts.id, id), eq(fundReceipts.version, version)))
    .returning();
  return row;
}

export async function deleteReceipt(db: Db, id: string): Promise<void> {
  await db.delete(fundReceipts).where(eq(fundReceipts.id, id));
}

export async function selectUserNames(db: Db, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((i): i is string => Boolean(i)))];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(sql`${users.id} = any(${sql.param(wanted)}::uuid[])`);
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function selectProblems(db: Db, projectId: string) {
  return db.select().from(projectProblems).where(eq(projectProblems.projectId, projectId)).orderBy(asc(projectProblems.status), asc(projectProblems.dueDate));
}

export async function selectProblem(db: Db, id: string): Promise<ProblemRow | undefined> {
  const [row] = await db.select().from(projectProblems).where(eq(projectProblems.id, id));
  return row;
}

export async function insertProblem(db: Db, row: typeof projectProblems.$inferInsert): Promise<ProblemRow> {
  const [created] = await db.insert(projectProblems).values(row).returning();
  if (!created) throw new Error('insert project_problems returned nothing');
  return created;
}

export async function updateProblemVersioned(db: Db, id: string, version: number, patch: Partial<typeof projectProblems.$inferInsert>) {
  const [row] = await db
    .update(projectProblems)
    .set({ ...patch, version: sql`${projectProblems.version} + 1` })
    .where(and(eq(projectProblems.id, id), eq(projectProblems.version, version)))
    .returning();
  return row;
}

export async function selectServiceItems(db: Db, projectId: string) {
  return db.select().from(serviceItems).where(eq(serviceItems.projectId, projectId)).orderBy(asc(serviceItems.status), asc(serviceItems.dueOn));
}

export async function selectServiceItem(db: Db, id: string): Promise<ServiceItemRow | undefined> {
  const [row] = await db.select().from(serviceItems).where(eq(serviceItems.id, id));
  return row;
}

export async function insertServiceItem(db: Db, row: typeof serviceItems.$inferInsert): Promise<ServiceItemRow> {
  const [created] = await db.insert(serviceItems).values(row).returning();
  if (!created) throw new Error('insert service_items returned nothing');
  return created;
}

export async function updateServiceItemVersioned(db: Db, id: string, version: number, patch: Partial<typeof serviceItems.$inferInsert>) {
  const [row] = await db
    .update(serviceItems)
    .set({ ...patch, version: sql`${serviceItems.version} + 1` })
    .where(and(eq(serviceItems.id, id), eq(serviceItems.version, version)))
    .returning();
  return row;
}

/** Open, overdue and closed service items per direct child of a region (each child's whole subtree). */
export async function selectServiceItemCounts(db: Db, parentPath: string, parentCode: string, today: string) {
  const rows = await db
    .select({
      code: regions.code,
      name: regions.name,
      open: sql<number>`count(*) filter (where ${serviceItems.status} = 'open')::int`,
      overdue: sql<number>`count(*) filter (where ${serviceItems.status} = 'open' and ${serviceItems.dueOn} < ${today})::int`,
      closed: sql<number>`count(*) filter (where ${serviceItems.status} = 'closed')::int`,
      closedLate: sql<number>`count(*) filter (where ${serviceItems.status} = 'closed' and ${serviceItems.closedOn} > ${serviceItems.dueOn})::int`,
    })
    .from(regions)
    .leftJoin(sql`regions sub`, sql`sub.path like ${regions.path} || '%'`)
    .leftJoin(projects, sql`${projects.regionCode} = sub.code`)
    .leftJoin(serviceItems, eq(serviceItems.projectId, projects.id))
    .where(sql`${regions.parentCode} = ${parentCode} and ${regions.active} and ${regions.path} like ${`${parentPath}%`}`)
    .groupBy(regions.code, regions.name)
    .orderBy(asc(regions.code));
  return rows;
}

/** The same counts for the projects a region holds directly (not in any sub-region). */
export async function selectServiceItemCountsHeldDirectly(db: Db, regionCode: string, today: string) {
  const [row] = await db
    .select({
      open: sql<number>`count(*) filter (where ${serviceItems.status} = 'open')::int`,
      overdue: sql<number>`count(*) filter (where ${serviceItems.status} = 'open' and ${serviceItems.dueOn} < ${today})::int`,
      closed: sql<number>`count(*) filter (where ${serviceItems.status} = 'closed')::int`,
      closedLate: sql<number>`count(*) filter (where ${serviceItems.status} = 'closed' and ${serviceItems.closedOn} > ${serviceItems.dueOn})::int`,
    })
    .from(serviceItems)
    .innerJoin(projects, eq(projects.id, serviceItems.projectId))
    .where(eq(projects.regionCode, regionCode));
  return row ?? { open: 0, overdue: 0, closed: 0, closedLate: 0 };
}

export async function selectCalendarOverrides(db: Db) {
  return db.select().from(calendarOverrides).orderBy(asc(calendarOverrides.date));
}
