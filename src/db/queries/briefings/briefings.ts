/** 简报: reads and writes of briefings and their issued editions. */
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../client';
import { briefingEditions, briefings, regions } from '../../schema/index';
import { escapeLike } from '../audit/audit';
import { selectRows } from '../sql-rows';

export type BriefingRow = typeof briefings.$inferSelect;
export type BriefingInsert = typeof briefings.$inferInsert;
export type BriefingEditionRow = typeof briefingEditions.$inferSelect;

export async function selectBriefing(db: Db, id: string): Promise<(BriefingRow & { regionName: string; regionPath: string }) | undefined> {
  const [row] = await db
    .select({ b: briefings, regionName: regions.name, regionPath: regions.path })
    .from(briefings)
    .innerJoin(regions, eq(regions.code, briefings.regionCode))
    .where(eq(briefings.id, id));
  return row ? { ...row.b, regionName: row.regionName, regionPath: row.regionPath } : undefined;
}

export async function selectBriefingByPeriod(db: Db, regionCode: string, kind: BriefingRow['kind'], periodStart: string): Promise<BriefingRow | undefined> {
  const [row] = await db
    .select()
    .from(briefings)
    .where(and(eq(briefings.regionCode, regionCode), eq(briefings.kind, kind), eq(briefings.periodStart, periodStart)));
  return row;
}

/** Inserts a briefing unless one of the region, kind and period exists (the schedule's re-runs add nothing). */
export async function insertBriefingIfAbsent(db: Db, row: BriefingInsert): Promise<BriefingRow | undefined> {
  const [created] = await db.insert(briefings).values(row).onConflictDoNothing({ target: [briefings.regionCode, briefings.kind, briefings.periodStart] }).returning();
  return created;
}

export async function updateBriefingVersioned(db: Db, id: string, version: number, patch: Partial<BriefingInsert>): Promise<BriefingRow | undefined> {
  const [saved] = await db
    .update(briefings)
    .set({ ...patch, version: sql`${briefings.version} + 1`, updatedAt: new Date() })
    .where(and(eq(briefings.id, id), eq(briefings.version, version)))
    .returning();
  return saved;
}

export interface BriefingListFilter {
  scopePath: string;
  kind?: BriefingRow['kind'];
  status?: BriefingRow['status'];
  regionCode?: string;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

export interface BriefingListRow {
  id: string;
  region_code: string;
  region_name: string;
  kind: BriefingRow['kind'];
  period_start: string;
  period_end: string;
  status: BriefingRow['status'];
  edition: number;
  issue_number: number | null;
  generated_at: Date | string;
  generated_by_name: string;
  issued_at: Date | string | null;
  issued_by_name: string | null;
  total: number;
}

export async function selectBriefingPage(db: Db, f: BriefingListFilter): Promise<BriefingListRow[]> {
  const parts: SQL[] = [sql`r.path like ${`${escapeLike(f.scopePath)}%`}`];
  if (f.kind) parts.push(sql`b.kind = ${f.kind}`);
  if (f.status) parts.push(sql`b.status = ${f.status}`);
  if (f.regionCode) parts.push(sql`b.region_code = ${f.regionCode}`);
  if (f.from) parts.push(sql`b.period_end >= ${f.from}`);
  if (f.to) parts.push(sql`b.period_start <= ${f.to}`);
  return selectRows<BriefingListRow>(
    db,
    sql`select b.id, b.region_code, r.name as region_name, b.kind, b.period_start::text as period_start, b.period_end::text as period_end, b.status,
               b.edition, b.issue_number, b.generated_at, b.generated_by_name, b.issued_at, b.issued_by_name, count(*) over ()::int as total
        from briefings b join regions r on r.code = b.region_code
        where ${sql.join(parts, sql` and `)}
        order by b.period_start desc, r.path, b.kind
        limit ${f.limit} offset ${f.offset}`,
  );
}

export async function selectEditions(db: Db, briefingId: string): Promise<BriefingEditionRow[]> {
  return db.select().from(briefingEditions).where(eq(briefingEditions.briefingId, briefingId)).orderBy(desc(briefingEditions.edition));
}

export async function selectEdition(db: Db, briefingId: string, edition: number): Promise<BriefingEditionRow | undefined> {
  const [row] = await db
    .select()
    .from(briefingEditions)
    .where(and(eq(briefingEditions.briefingId, briefingId), eq(briefingEditions.edition, edition)));
  return row;
}

export async function insertEdition(db: Db, row: typeof briefingEditions.$inferInsert): Promise<BriefingEditionRow> {
  const [created] = await db.insert(briefingEditions).values(row).returning();
  if (!created) throw new Error('briefing edition insert returned no row');
  return created;
}

/** pg_advisory_xact_lock key space of briefing numbering (the second key is the hash of region, kind and year) */
const ISSUE_NUMBER_LOCK = 20261207;

/**
 * The next 第N期 of a region's kind in a year: one more than the highest issued. Takes a transaction-scoped
 * advisory lock on (region, kind, year) first, so two briefings issued at the same moment are numbered one
 * after the other (the second waits until the first commits, then reads its number); call it inside the
 * transaction that stores the number.
 */
export async function selectNextIssueNumber(db: Db, regionCode: string, kind: BriefingRow['kind'], year: string): Promise<number> {
  await db.execute(sql`select pg_advisory_xact_lock(${ISSUE_NUMBER_LOCK}, hashtext(${`${regionCode}|${kind}|${year}`}))`);
  const [row] = await selectRows<{ n: number }>(
    db,
    sql`select coalesce(max(b.issue_number), 0)::int + 1 as n from briefings b
        where b.region_code = ${regionCode} and b.kind = ${kind} and b.period_start >= ${`${year}-01-01`} and b.period_start <= ${`${year}-12-31`}`,
  );
  return row?.n ?? 1;
}

/** The last briefing of a kind for a region before a period (its snapshot gives 较上周 for states such as red lights). */
export async function selectBriefingBefore(db: Db, regionCode: string, kind: BriefingRow['kind'], periodStart: string): Promise<BriefingRow | undefined> {
  const [row] = await db
    .select()
    .from(briefings)
    .where(and(eq(briefings.regionCode, regionCode), eq(briefings.kind, kind), sql`${briefings.periodStart} < ${periodStart}`))
    .orderBy(desc(briefings.periodStart))
    .limit(1);
  return row;
}

/**
 * Regions that get scheduled briefings: provinces, prefectures and counties (not parks) where an
 * active account holds a role reading briefings.
 */
export async function selectBriefingRegions(db: Db, roles: readonly string[]): Promise<{ code: string; path: string }[]> {
  return selectRows<{ code: string; path: string }>(
    db,
    sql`select distinct r.code, r.path from users u join regions r on r.code = u.region_code
        where u.status = 'active' and u.roles && ${sql.param([...roles])}::text[] and r.active and r.level <> 'park'
        order by r.path`,
  );
}

/** Names of records a figure counts, for its drawer (ids of the snapshot; records deleted since are absent). */
export async function selectActivityRefs(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return selectRows<{ id: string; code: string; name: string; type: string; start_date: string; region_name: string }>(
    db,
    sql`select a.id, a.code, a.name, a.type, a.start_date::text as start_date, r.name as region_name from activities a join regions r on r.code = a.region_code
        where a.id = any(${sql.param([...ids])}::uuid[]) order by a.start_date, a.code`,
  );
}

export async function selectProjectRefs(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return selectRows<{ id: string; code: string; name: string; stage: string; signed_amount: string | null; region_name: string }>(
    db,
    sql`select p.id, p.code, p.name, p.stage, p.signed_amount_yuan::text as signed_amount, r.name as region_name from projects p join regions r on r.code = p.region_code
        where p.id = any(${sql.param([...ids])}::uuid[]) order by p.code`,
  );
}

