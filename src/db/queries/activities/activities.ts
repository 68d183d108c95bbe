/** 招商活动: reads and writes of activities and their links (organisations met, projects). */
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../client';
import { activities, activityOrganisations, activityProjects, enterprises, projects, regions } from '../../schema/index';
import { escapeLike } from '../audit/audit';
import { selectRows } from '../sql-rows';

export type ActivityRow = typeof activities.$inferSelect;
export type ActivityInsert = typeof activities.$inferInsert;
export type ActivityOrganisationRow = typeof activityOrganisations.$inferSelect;

export interface ActivityListFilter {
  scopePath: string;
  types?: readonly string[];
  from?: string;
  to?: string;
  leaderLevels?: readonly string[];
  hosting?: string;
  /** only 资料不全 */
  incomplete?: boolean;
  /** name or code contains */
  q?: string;
  /** trips whose report is pending (due or overdue, not in) or overdue, on `today` */
  report?: 'pending' | 'overdue';
  planStatus?: string;
  today: string;
  limit: number;
  offset: number;
}

function listWhere(f: ActivityListFilter): SQL {
  const parts: SQL[] = [sql`r.path like ${`${escapeLike(f.scopePath)}%`}`];
  if (f.types && f.types.length > 0) parts.push(sql`a.type = any(${sql.param([...f.types])}::text[])`);
  if (f.leaderLevels && f.leaderLevels.length > 0) parts.push(sql`a.leader_level = any(${sql.param([...f.leaderLevels])}::text[])`);
  if (f.hosting) parts.push(sql`a.hosting = ${f.hosting}`);
  if (f.incomplete) parts.push(sql`cardinality(a.missing_facts) > 0`);
  if (f.from) parts.push(sql`a.start_date >= ${f.from}`);
  if (f.to) parts.push(sql`a.start_date <= ${f.to}`);
  if (f.report) {
    parts.push(sql`a.report_due_on is not null and a.report_submitted_at is null and (a.plan_status is null or a.plan_status in ('approved', 'done')) and a.end_date <= ${f.today}`);
    if (f.report === 'overdue') parts.push(sql`a.report_due_on < ${f.today}`);
  }
  if (f.planStatus) parts.push(sql`a.plan_status = ${f.planStatus}`);
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    parts.push(sql`(a.name ilike ${like} or a.code ilike ${like} or a.destinations ilike ${like})`);
  }
  return sql.join(parts, sql` and `);
}

export interface ActivityListRow {
  id: string;
  code: string;
  type: string;
  name: string;
  start_date: string;
  end_date: string;
  region_code: string;
  region_name: string;
  hosting: string | null;
  leader_name: string | null;
  leader_level: string;
  person_trips: number | null;
  destinations: string | null;
  missing_facts: string[];
  organisations: number;
  projects: number;
  plan_status: string | null;
  report_due_on: string | null;
  /** the day (Asia/Shanghai) the report was first submitted */
  report_submitted_on: string | null;
  total: number;
}

/** A page of the activities in a subtree, newest first, with the count of all that match. */
export async function selectActivityPage(db: Db, f: ActivityListFilter): Promise<ActivityListRow[]> {
  return selectRows<ActivityListRow>(
    db,
    sql`select a.id, a.code, a.type, a.name, a.start_date::text as start_date, a.end_date::text as end_date, a.region_code, r.name as region_name,
          a.hosting, a.leader_name, a.leader_level, a.person_trips, a.destinations, a.missing_facts,
          (select count(*)::int from activity_organisations o where o.activity_id = a.id) as organisations,
          (select count(*)::int from activity_projects ap where ap.activity_id = a.id) as projects,
          a.plan_status, a.report_due_on::text as report_due_on, (a.report_submitted_at at time zone 'Asia/Shanghai')::date::text as report_submitted_on,
          count(*) over ()::int as total
        from activities a join regions r on r.code = a.region_code
        where ${listWhere(f)}
        order by ${f.report ? sql`a.report_due_on asc, a.code asc` : sql`a.start_date desc, a.code desc`}
        limit ${f.limit} offset ${f.offset}`,
  );
}

export async function selectActivity(db: Db, id: string): Promise<(ActivityRow & { regionPath: string; regionName: string }) | undefined> {
  const [row] = await db
    .select({ a: activities, regionPath: regions.path, regionName: regions.name })
    .from(activities)
    .innerJoin(regions, eq(regions.code, activities.regionCode))
    .where(eq(activities.id, id));
  return row ? { ...row.a, regionPath: row.regionPath, regionName: row.regionName } : undefined;
}

export async function selectActivityIdByCode(db: Db, code: string): Promise<string | undefined> {
  const [row] = await db.select({ id: activities.id }).from(activities).where(eq(activities.code, code));
  return row?.id;
}

export async function selectActivityOrganisations(db: Db, activityId: string): Promise<ActivityOrganisationRow[]> {
  return db.select().from(activityOrganisations).where(eq(activityOrganisations.activityId, activityId)).orderBy(asc(activityOrganisations.name));
}

export async function selectActivityProjects(db: Db, activityId: string) {
  return db
    .select({ projectId: activityProjects.projectId, outcome: activityProjects.outcome, code: projects.code, name: projects.name, stage: projects.stage })
    .from(activityProjects)
    .innerJoin(projects, eq(projects.id, activityProjects.projectId))
    .where(eq(activityProjects.activityId, activityId))
    .orderBy(asc(projects.code));
}

export async function insertActivity(db: Db, row: ActivityInsert): Promise<ActivityRow> {
  const [created] = await db.insert(activities).values(row).returning();
  if (!created) throw new Error('insert returned no row');
  return created;
}

/** Updates when the version matches (optimistic concurrency); undefined when it does not. */
export async function updateActivityVersioned(db: Db, id: string, version: number, patch: Partial<ActivityInsert>): Promise<ActivityRow | undefined> {
  const [saved] = await db
    .update(activities)
    .set({ ...patch, version: sql`${activities.version} + 1`, updatedAt: new Date() })
    .where(and(eq(activities.id, id), eq(activities.version, version)))
    .returning();
  return saved;
}

export async function deleteActivityVersioned(db: Db, id: string, version: number): Promise<boolean> {
  const gone = await db.delete(activities).where(and(eq(activities.id, id), eq(activities.version, version))).returning({ id: activities.id });
  return gone.length > 0;
}

export async function replaceActivityOrganisations(
  db: Db,
  activityId: string,
  rows: readonly { name: string; creditCode: string | null; enterpriseId: string | null; kind: ActivityOrganisationRow['kind'] }[],
): Promise<void> {
  await db.delete(activityOrganisations).where(eq(activityOrganisations.activityId, activityId));
  if (rows.length > 0) await db.insert(activityOrganisations).values(rows.map((r) => ({ ...r, activityId })));
}

export async function replaceActivityProjects(db: Db, activityId: string, rows: readonly { projectId: string; outcome: 'talks' | 'intent' | 'signed' }[]): Promise<void> {
  await db.delete(activityProjects).where(eq(activityProjects.activityId, activityId));
  if (rows.length > 0) await db.insert(activityProjects).values(rows.map((r) => ({ ...r, activityId })));
}

/** Enterprise ids by credit code (codes not in the enterprise database are absent). */
export async function selectEnterpriseIdsByCreditCodes(db: Db, codes: readonly string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await db.select({ id: enterprises.id, code: enterprises.creditCode }).from(enterprises).where(inArray(enterprises.creditCode, [...codes]));
  return new Map(rows.flatMap((r) => (r.code ? [[r.code, r.id] as const] : [])));
}

/** Projects by id or code with their region path (for the scope check). */
export async function selectProjectsForLinks(db: Db, keys: { ids?: readonly string[]; codes?: readonly string[] }) {
  const ids = keys.ids ?? [];
  const codes = keys.codes ?? [];
  if (ids.length === 0 && codes.length === 0) return [];
  return selectRows<{ id: string; code: string; name: string; path: string }>(
    db,
    sql`select p.id, p.code, p.name, r.path from projects p join regions r on r.code = p.region_code
        where p.id = any(${sql.param([...ids])}::uuid[]) or p.code = any(${sql.param([...codes])}::text[])`,
  );
}
