/**
 * 外出招商的计划与报告，活动推进的招商目标，活动附件 (issue 13 item 1): reads and writes of the
 * links an activity gains (targets, files) and of the leads its report produced.
 */
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../client';
import { activityFiles, activityProjects, activityTargets, projects, users } from '../../schema/index';
import { escapeLike } from '../audit/audit';
import { selectRows } from '../sql-rows';

export interface ActivityTargetRow {
  target_id: string;
  enterprise_id: string;
  enterprise_name: string;
  node_code: string;
  node_name: string | null;
  region_name: string;
  region_path: string;
  status: 'new' | 'contacted' | 'visited' | 'negotiating' | 'signed' | 'dropped';
  status_set: 'new' | 'contacted' | 'visited' | 'negotiating' | 'signed' | 'dropped' | null;
}

/** The targets an activity advanced, with the firm, the node and the target's current status. */
export async function selectActivityTargets(db: Db, activityId: string): Promise<ActivityTargetRow[]> {
  return selectRows<ActivityTargetRow>(
    db,
    sql`select t.id as target_id, t.enterprise_id, e.name as enterprise_name, t.node_code,
          (select n.name from chain_nodes n join chain_node_codes nc on nc.chain_id = n.chain_id join chains c on c.id = n.chain_id
            where nc.code = t.node_code and n.code = t.node_code and n.version = c.current_version limit 1) as node_name,
          r.name as region_name, r.path as region_path, t.status, at.status_set
        from activity_targets at join targets t on t.id = at.target_id join enterprises e on e.id = t.enterprise_id join regions r on r.code = t.region_code
        where at.activity_id = ${activityId}
        order by at.created_at, e.name`,
  );
}

export async function insertActivityTarget(db: Db, row: typeof activityTargets.$inferInsert): Promise<boolean> {
  const rows = await db.insert(activityTargets).values(row).onConflictDoNothing().returning({ id: activityTargets.targetId });
  return rows.length > 0;
}

export async function deleteActivityTarget(db: Db, activityId: string, targetId: string): Promise<boolean> {
  const rows = await db.delete(activityTargets).where(and(eq(activityTargets.activityId, activityId), eq(activityTargets.targetId, targetId))).returning({ id: activityTargets.targetId });
  return rows.length > 0;
}

export interface TargetActivityRow {
  id: string;
  code: string;
  type: string;
  name: string;
  start_date: string;
  region_name: string;
  status_set: ActivityTargetRow['status_set'];
}

/** The activities that advanced a target, within a scope, newest first. */
export async function selectTargetActivities(db: Db, targetId: string, scopePath: string): Promise<TargetActivityRow[]> {
  return selectRows<TargetActivityRow>(
    db,
    sql`select a.id, a.code, a.type, a.name, a.start_date::text as start_date, r.name as region_name, at.status_set
        from activity_targets at join activities a on a.id = at.activity_id join regions r on r.code = a.region_code
        where at.target_id = ${targetId} and r.path like ${`${escapeLike(scopePath)}%`}
        order by a.start_date desc, a.code desc`,
  );
}

const fileMeta = {
  id: activityFiles.id,
  activityId: activityFiles.activityId,
  kind: activityFiles.kind,
  fileName: activityFiles.fileName,
  mimeType: activityFiles.mimeType,
  sizeBytes: activityFiles.sizeBytes,
  sha256: activityFiles.sha256,
  uploadedAt: activityFiles.uploadedAt,
  uploadedByName: users.displayName,
};

export async function selectActivityFiles(db: Db, activityId: string) {
  return db.select(fileMeta).from(activityFiles).leftJoin(users, eq(users.id, activityFiles.uploadedBy)).where(eq(activityFiles.activityId, activityId)).orderBy(desc(activityFiles.uploadedAt));
}

export async function insertActivityFile(db: Db, row: typeof activityFiles.$inferInsert) {
  const [created] = await db.insert(activityFiles).values(row).returning({ id: activityFiles.id });
  if (!created) throw new Error('insert activity_files returned nothing');
  return created.id;
}

export async function selectActivityFile(db: Db, id: string) {
  const [row] = await db.select().from(activityFiles).where(eq(activityFiles.id, id));
  return row;
}

export async function deleteActivityFile(db: Db, id: string): Promise<boolean> {
  const rows = await db.delete(activityFiles).where(eq(activityFiles.id, id)).returning({ id: activityFiles.id });
  return rows.length > 0;
}

/** The lead projects a trip's report produced (projects.origin_activity_id). */
export async function selectActivityLeads(db: Db, activityId: string) {
  return db
    .select({ projectId: projects.id, code: projects.code, name: projects.name, stage: projects.stage, channel: projects.channel })
    .from(projects)
    .where(eq(projects.originActivityId, activityId))
    .orderBy(asc(projects.code));
}

/** Links projects to an activity (a report's leads, outcome 对接洽谈) unless already linked. */
export async function insertActivityProjectLinks(db: Db, activityId: string, projectIds: readonly string[]): Promise<void> {
  if (projectIds.length === 0) return;
  await db
    .insert(activityProjects)
    .values(projectIds.map((projectId) => ({ activityId, projectId, outcome: 'talks' as const })))
    .onConflictDoNothing();
}

export interface TripReportClockRow {
  id: string;
  code: string;
  name: string;
  end_date: string;
  report_due_on: string;
  region_code: string;
  region_path: string;
  created_by: string | null;
}

/** Trips whose report is still to come, ended by `today` and due by `until` (activities_report_due_idx). */
export async function selectTripReportsDueBy(db: Db, today: string, until: string): Promise<TripReportClockRow[]> {
  return selectRows<TripReportClockRow>(
    db,
    sql`select a.id, a.code, a.name, a.end_date::text as end_date, a.report_due_on::text as report_due_on, a.region_code, r.path as region_path, a.created_by
        from activities a join regions r on r.code = a.region_code
        where a.report_due_on is not null and a.report_submitted_at is null and a.report_due_on <= ${until}
          and a.end_date <= ${today} and (a.plan_status is null or a.plan_status in ('approved', 'done'))
        order by a.report_due_on, a.code`,
  );
}
