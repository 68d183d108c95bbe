/** 回访 (follow_ups): the schedule's rows, a project's visits, and the aftercare list of landed projects. */
import { and, asc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../client';
import { followUps, projectProblems } from '../../schema/index';
import { escapeLike } from '../audit/audit';
import { selectRows } from '../sql-rows';

export type FollowUpRow = typeof followUps.$inferSelect;

/**
 * Operating projects that have no follow-up yet (all of them, or those among `projectIds`), with the
 * date they landed: the 投产 date, else the day they entered 投产 (stage history), else today.
 */
export async function selectProjectsWithoutFollowUps(db: Db, projectIds: readonly string[] | null): Promise<{ id: string; landedOn: string | null }[]> {
  if (projectIds && projectIds.length === 0) return [];
  const only = projectIds ? sql`and p.id in (${sql.join(projectIds.map((id) => sql`${id}::uuid`), sql`, `)})` : sql``;
  const rows = await selectRows<{ id: string; landed_on: string | null }>(
    db,
    sql`select p.id, coalesce(p.operating_date::text,
          (select to_char(max(h.changed_at) at time zone 'Asia/Shanghai', 'YYYY-MM-DD') from project_stage_history h where h.project_id = p.id and h.to_stage = 'operating')) as landed_on
        from projects p
        where p.stage = 'operating' and not exists (select 1 from follow_ups f where f.project_id = p.id) ${only}
        order by p.id`,
  );
  return rows.map((r) => ({ id: r.id, landedOn: r.landed_on }));
}

/** Inserts schedule rows; a (project, month) already scheduled is left as it is. Returns how many were new. */
export async function insertScheduledFollowUps(db: Db, rows: { projectId: string; scheduleMonth: number; dueDate: string }[]): Promise<number> {
  let added = 0;
  for (let i = 0; i < rows.length; i += 1000) {
    const inserted = await db
      .insert(followUps)
      .values(rows.slice(i, i + 1000))
      .onConflictDoNothing({ target: [followUps.projectId, followUps.scheduleMonth] })
      .returning({ id: followUps.id });
    added += inserted.length;
  }
  return added;
}

/** The visits of a project not done yet that came from the schedule (to move them with a new 投产 date). */
export async function selectPendingScheduled(db: Db, projectId: string) {
  return db
    .select()
    .from(followUps)
    .where(and(eq(followUps.projectId, projectId), isNull(followUps.doneOn), sql`${followUps.scheduleMonth} is not null`));
}

export async function updateFollowUpDueDate(db: Db, id: string, dueDate: string): Promise<void> {
  await db.update(followUps).set({ dueDate, updatedAt: sql`now()` }).where(eq(followUps.id, id));
}

export async function selectFollowUps(db: Db, projectId: string): Promise<FollowUpRow[]> {
  return db.select().from(followUps).where(eq(followUps.projectId, projectId)).orderBy(asc(followUps.dueDate), asc(followUps.createdAt));
}

export async function selectFollowUp(db: Db, id: string): Promise<FollowUpRow | undefined> {
  const [row] = await db.select().from(followUps).where(eq(followUps.id, id));
  return row;
}

export async function insertFollowUp(db: Db, row: typeof followUps.$inferInsert): Promise<FollowUpRow> {
  const [created] = await db.insert(followUps).values(row).returning();
  if (!created) throw new Error('insert follow_ups returned nothing');
  return created;
}

export async function updateFollowUpVersioned(db: Db, id: string, version: number, patch: Partial<typeof followUps.$inferInsert>): Promise<FollowUpRow | undefined> {
  const [row] = await db
    .update(followUps)
    .set({ ...patch, version: sql`${followUps.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(followUps.id, id), eq(followUps.version, version)))
    .returning();
  return row;
}

/** The problems raised at the given visits. */
export async function selectProblemsOfFollowUps(db: Db, followUpIds: readonly string[]) {
  if (followUpIds.length === 0) return [];
  return db.select().from(projectProblems).where(inArray(projectProblems.followUpId, [...followUpIds]));
}

/** The enterprise field changes that bear on the signals (capital, status, region, staff) since `since`. */
export async function selectSignalFieldChanges(db: Db, enterpriseIds: readonly string[], since: string) {
  if (enterpriseIds.length === 0) return [];
  return selectRows<{ enterprise_id: string; field: string; old_value: unknown; new_value: unknown; date: string }>(
    db,
    sql`select c.enterprise_id, c.field, c.old_value, c.new_value, greatest(c.source_date, (c.changed_at at time zone 'Asia/Shanghai')::date)::text as date
        from enterprise_field_changes c
        where c.enterprise_id in (${sql.join(enterpriseIds.map((id) => sql`${id}::uuid`), sql`, `)})
          and c.field in ('registeredCapitalYuan', 'status', 'regionCode', 'employees')
          and c.changed_at >= ${since}::date
        order by c.enterprise_id, c.changed_at, c.id`,
  );
}

/** Region paths of the given codes. */
export async function selectRegionPaths(db: Db, codes: readonly string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await selectRows<{ code: string; path: string }>(db, sql`select code, path from regions where code in (${sql.join(codes.map((c) => sql`${c}`), sql`, `)})`);
  return new Map(rows.map((r) => [r.code, r.path]));
}

export interface AftercareFilter {
  scopePath: string;
  regionCode?: string;
  q?: string;
  /** overdue: a visit past due; dueSoon: the next visit due by `dueSoonBy` */
  clock?: 'overdue' | 'dueSoon';
  today: string;
  dueSoonBy: string;
  offset: number;
  limit: number;
}

/** Operating projects in scope, with their next open visit, overdue visits and last visit done. */
export async function selectAftercarePage(db: Db, f: AftercareFilter) {
  const conditions: SQL[] = [sql`p.stage = 'operating'`, sql`r.path like ${`${escapeLike(f.scopePath)}%`}`];
  if (f.regionCode) conditions.push(sql`r.path like (select rr.path from regions rr where rr.code = ${f.regionCode}) || '%'`);
  if (f.q) conditions.push(sql`(p.name ilike ${`%${escapeLike(f.q)}%`} or p.code ilike ${`%${escapeLike(f.q)}%`} or e.name ilike ${`%${escapeLike(f.q)}%`})`);
  if (f.clock === 'overdue') conditions.push(sql`v.overdue > 0`);
  if (f.clock === 'dueSoon') conditions.push(sql`v.next_due is not null and v.next_due >= ${f.today}::date and v.next_due <= ${f.dueSoonBy}::date`);
  const where = sql.join(conditions, sql` and `);
  const base = sql`from projects p
      join regions r on r.code = p.region_code
      left join enterprises e on e.id = p.investor_id
      left join users u on u.id = p.leader_id
      left join lateral (
        select min(f.due_date) filter (where f.done_on is null) as next_due,
               count(*) filter (where f.done_on is null and f.due_date < ${f.today}::date) as overdue,
               max(f.done_on) as last_done,
               count(*) filter (where f.done_on is not null) as done
        from follow_ups f where f.project_id = p.id) v on true
      where ${where}`;
  const rows = await selectRows<{
    id: string; code: string; name: string; region_code: string; region_name: string; region_path: string; investor_id: string | null; investor_name: string | null;
    leader_name: string | null; operating_date: string | null; next_due: string | null; overdue: string | number; last_done: string | null; done: string | number;
  }>(
    db,
    sql`select p.id, p.code, p.name, p.region_code, r.name as region_name, r.path as region_path, p.investor_id, e.name as investor_name, u.display_name as leader_name,
          p.operating_date::text as operating_date, v.next_due::text as next_due, v.overdue, v.last_done::text as last_done, v.done
        ${base}
        order by (v.overdue > 0) desc, v.next_due asc nulls last, p.code
        offset ${f.offset} limit ${f.limit}`,
  );
  const [total] = await selectRows<{ n: string | number }>(db, sql`select count(*) as n ${base}`);
  return {
    rows: rows.map((r) => ({ ...r, overdue: Number(r.overdue), done: Number(r.done) })),
    total: Number(total?.n ?? 0),
  };
}

/** The visits of the given projects (for their signals), newest first. */
export async function selectFollowUpsOfProjects(db: Db, projectIds: readonly string[]): Promise<FollowUpRow[]> {
  if (projectIds.length === 0) return [];
  return db.select().from(followUps).where(inArray(followUps.projectId, [...projectIds])).orderBy(sql`${followUps.doneOn} desc nulls last`);
}
