/**
 * The facts a briefing's figures are counted from (domain/briefings/briefing-figures.ts), for a
 * region's subtree (its codes, read first: the planner sees how many rows they select, as in the
 * activity statistics) and a period of Shanghai calendar days. Each statement reads through an index:
 * activities by region and start date, stage history by changed_at, projects by region or signing date,
 * receipts by project.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../client';
import { buildLightSql, type LightCutoffs } from '../projects/projects';
import { selectRows } from '../sql-rows';

export interface FactsWindow {
  regionCodes: readonly string[];
  /** first and last day, YYYY-MM-DD */
  start: string;
  end: string;
}

const codes = (w: FactsWindow) => sql`${sql.param([...w.regionCodes])}::text[]`;
/** [start of the first day, start of the day after the last) in Asia/Shanghai */
const from = (w: FactsWindow) => sql`(${w.start}::date::timestamp at time zone 'Asia/Shanghai')`;
const until = (w: FactsWindow) => sql`((${w.end}::date + 1)::timestamp at time zone 'Asia/Shanghai')`;

export async function selectPeriodActivities(db: Db, w: FactsWindow) {
  return selectRows<{ id: string; type: string }>(
    db,
    sql`select a.id, a.type from activities a where a.region_code = any(${codes(w)}) and a.start_date between ${w.start} and ${w.end} order by a.start_date, a.code`,
  );
}

/** Stage history of the subtree's projects in the window: creations as 线索 (from null) and changes. */
export async function selectPeriodStageRows(db: Db, w: FactsWindow) {
  return selectRows<{ project_id: string; from_stage: string | null; to_stage: string }>(
    db,
    sql`select h.project_id, h.from_stage, h.to_stage from project_stage_history h join projects p on p.id = h.project_id
        where h.changed_at >= ${from(w)} and h.changed_at < ${until(w)} and p.region_code = any(${codes(w)})
        order by h.changed_at, h.id`,
  );
}

export async function selectPeriodSignings(db: Db, w: FactsWindow) {
  return selectRows<{ id: string; code: string; name: string; region_name: string; amount: string | null }>(
    db,
    sql`select p.id, p.code, p.name, r.name as region_name, p.signed_amount_yuan::text as amount
        from projects p join regions r on r.code = p.region_code
        where p.signed_date between ${w.start} and ${w.end} and p.region_code = any(${codes(w)}) and p.stage <> 'terminated'
        order by p.signed_amount_yuan desc nulls last, p.code`,
  );
}

/** Receipts entered (recorded) in the window, per project. */
export async function selectPeriodFundsEntered(db: Db, w: FactsWindow) {
  return selectRows<{ project_id: string; amount: string }>(
    db,
    sql`select f.project_id, sum(f.amount_yuan)::text as amount from fund_receipts f join projects p on p.id = f.project_id
        where p.region_code = any(${codes(w)}) and f.entered_at >= ${from(w)} and f.entered_at < ${until(w)} and f.amount_yuan > 0
        group by f.project_id`,
  );
}

/** Receipts of one month (YYYY-MM), per project. */
export async function selectMonthFunds(db: Db, regionCodes: readonly string[], month: string) {
  return selectRows<{ project_id: string; amount: string }>(
    db,
    sql`select f.project_id, sum(f.amount_yuan)::text as amount from fund_receipts f join projects p on p.id = f.project_id
        where p.region_code = any(${sql.param([...regionCodes])}::text[]) and f.month = ${month} and f.amount_yuan > 0
        group by f.project_id`,
  );
}

export interface LightFactsRow {
  id: string;
  code: string;
  name: string;
  region_name: string;
  stage: string;
  last_progress_at: Date | string;
  agreed_start_date: string | null;
  started_date: string | null;
}

/** The subtree's projects red by the rules' SQL (the reasons are computed from the rows). */
export async function selectRedProjects(db: Db, regionCodes: readonly string[], cutoffs: LightCutoffs) {
  const { red } = buildLightSql(cutoffs);
  return selectRows<LightFactsRow>(
    db,
    sql`select "projects"."id" as id, "projects"."code" as code, "projects"."name" as name, r.name as region_name, "projects"."stage" as stage,
               "projects"."last_progress_at" as last_progress_at, "projects"."agreed_start_date"::text as agreed_start_date, "projects"."started_date"::text as started_date
        from projects join regions r on r.code = "projects"."region_code"
        where "projects"."region_code" = any(${sql.param([...regionCodes])}::text[]) and ${red}
        order by "projects"."code"`,
  );
}

export interface KeyProjectRow extends LightFactsRow {
  leader_id: string | null;
  leader_name: string | null;
  funds_total: string;
  funds_in_period: string;
}

/** 重点项目 of the subtree (not terminated), with their leader, total funds and funds entered in the window. */
export async function selectKeyProjects(db: Db, w: FactsWindow) {
  return selectRows<KeyProjectRow>(
    db,
    sql`select p.id, p.code, p.name, r.name as region_name, p.stage, p.last_progress_at, p.agreed_start_date::text as agreed_start_date, p.started_date::text as started_date,
               p.leader_id, u.display_name as leader_name,
               coalesce((select sum(f.amount_yuan) from fund_receipts f where f.project_id = p.id), 0)::text as funds_total,
               coalesce((select sum(f.amount_yuan) from fund_receipts f where f.project_id = p.id and f.entered_at >= ${from(w)} and f.entered_at < ${until(w)}), 0)::text as funds_in_period
        from projects p join regions r on r.code = p.region_code left join users u on u.id = p.leader_id
        where p.is_key and p.stage <> 'terminated' and p.region_code = any(${codes(w)})
        order by p.code`,
  );
}

export async function selectMilestonesOf(db: Db, projectIds: readonly string[]) {
  if (projectIds.length === 0) return [];
  return selectRows<{ project_id: string; title: string; due_date: string | null; done_on: string | null }>(
    db,
    sql`select m.project_id, m.title, m.due_date::text as due_date, m.done_on::text as done_on from project_milestones m
        where m.project_id = any(${sql.param([...projectIds])}::uuid[]) order by m.project_id, m.sort_order, m.due_date nulls last`,
  );
}

export async function selectOpenProblemsOf(db: Db, projectIds: readonly string[]) {
  if (projectIds.length === 0) return [];
  return selectRows<{ id: string; project_id: string; description: string; owner_name: string; due_date: string }>(
    db,
    sql`select q.id, q.project_id, q.description, q.owner_name, q.due_date::text as due_date from project_problems q
        where q.project_id = any(${sql.param([...projectIds])}::uuid[]) and q.status = 'open' order by q.due_date, q.created_at`,
  );
}
