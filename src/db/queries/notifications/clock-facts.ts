/** The facts the notification clocks read (services/notifications/clocks/): open items past or near their dates. */
import { and, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../../client';
import { projects } from '../../schema/index';
import { buildLightSql, type LightCutoffs } from '../projects/projects';
import { selectRows } from '../sql-rows';

export interface ClockProject {
  projectId: string;
  projectCode: string;
  projectName: string;
  regionCode: string;
  regionPath: string;
  leaderId: string | null;
}

const PROJECT_COLUMNS = sql`p.id as project_id, p.code as project_code, p.name as project_name, p.region_code, r.path as region_path, p.leader_id`;
type ProjectColumns = { project_id: string; project_code: string; project_name: string; region_code: string; region_path: string; leader_id: string | null };
const toProject = (r: ProjectColumns): ClockProject => ({
  projectId: r.project_id,
  projectCode: r.project_code,
  projectName: r.project_name,
  regionCode: r.region_code,
  regionPath: r.region_path,
  leaderId: r.leader_id,
});

/** Open problems due before `today` on projects not terminated. */
export async function selectOverdueProblems(db: Db, today: string) {
  const rows = await selectRows<ProjectColumns & { id: string; description: string; owner_name: string; due_date: string }>(
    db,
    sql`select pp.id, pp.description, pp.owner_name, pp.due_date::text as due_date, ${PROJECT_COLUMNS}
        from project_problems pp join projects p on p.id = pp.project_id join regions r on r.code = p.region_code
        where pp.status = 'open' and pp.due_date < ${today}::date and p.stage <> 'terminated'
        order by pp.due_date, pp.id`,
  );
  return rows.map((r) => ({ id: r.id, description: r.description, ownerName: r.owner_name, dueDate: r.due_date, project: toProject(r) }));
}

/** Open 帮办代办 items due before `today` on projects not terminated. */
export async function selectOverdueServiceItems(db: Db, today: string) {
  const rows = await selectRows<ProjectColumns & { id: string; title: string; handler_name: string; due_on: string }>(
    db,
    sql`select si.id, si.title, si.handler_name, si.due_on::text as due_on, ${PROJECT_COLUMNS}
        from service_items si join projects p on p.id = si.project_id join regions r on r.code = p.region_code
        where si.status = 'open' and si.due_on < ${today}::date and p.stage <> 'terminated'
        order by si.due_on, si.id`,
  );
  return rows.map((r) => ({ id: r.id, title: r.title, handlerName: r.handler_name, dueDate: r.due_on, project: toProject(r) }));
}

/** Follow-up visits not done, due on or before `until`, of projects still operating. */
export async function selectOpenFollowUpsDueBy(db: Db, until: string) {
  const rows = await selectRows<ProjectColumns & { id: string; due_date: string; schedule_month: number | null }>(
    db,
    sql`select f.id, f.due_date::text as due_date, f.schedule_month, ${PROJECT_COLUMNS}
        from follow_ups f join projects p on p.id = f.project_id join regions r on r.code = p.region_code
        where f.done_on is null and f.due_date <= ${until}::date and p.stage = 'operating'
        order by f.due_date, f.id`,
  );
  return rows.map((r) => ({ id: r.id, dueDate: r.due_date, scheduleMonth: r.schedule_month, project: toProject(r) }));
}

/** Projects whose light is red now and that have a leader (包联领导) to tell. */
export async function selectRedLightProjects(db: Db, cutoffs: LightCutoffs): Promise<ClockProject[]> {
  const { red } = buildLightSql(cutoffs);
  const rows = await db
    .select({ projectId: projects.id, projectCode: projects.code, projectName: projects.name, regionCode: projects.regionCode, regionPath: sql<string>`(select r.path from regions r where r.code = ${projects.regionCode})`, leaderId: projects.leaderId })
    .from(projects)
    .where(and(isNotNull(projects.leaderId), red))
    .orderBy(projects.code);
  return rows;
}

/** Active users holding `role` whose home region is a reporting level, with their region. */
export async function selectActiveUsersWithRole(db: Db, role: string) {
  return selectRows<{ id: string; username: string; display_name: string; roles: string[]; region_code: string; path: string }>(
    db,
    sql`select u.id, u.username, u.display_name, u.roles, u.region_code, r.path from users u join regions r on r.code = u.region_code
        where u.status = 'active' and ${role} = any(u.roles) order by u.id`,
  );
}
