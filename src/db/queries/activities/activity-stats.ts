/**
 * Activity statistics (DESIGN.md "Statistical definitions, second half"): one statement over the
 * activities of a subtree starting in a period (activities_region_start_idx: region codes × start
 * dates), narrowed by the filters; organisations and projects counted distinct. The reserve and the
 * service items ignore the activity filters. The subtree's codes are read first and passed as an
 * array, so the planner sees how many rows they select: a county reads its rows through the index
 * (a subquery gave one generic plan, a scan of every activity: 米东区 230 → see docs/performance.md).
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../client';
import { escapeLike } from '../audit/audit';
import { selectRows } from '../sql-rows';

export interface ActivityStatsFilter {
  /** the codes of the region and every region below it (selectSubtreeCodes) */
  regionCodes: readonly string[];
  /** first and last day of the period */
  start: string;
  end: string;
  types: readonly string[];
  eventTypes: readonly string[];
  hosting: string | null;
  leaderLevels: readonly string[];
  team: string | null;
  activityCode: string | null;
}

export interface ActivityStatsRow {
  trips: number;
  person_trips: string;
  led_leadership: number;
  led_principal: number;
  led_any: number;
  trip_organisations: number;
  visits: number;
  visit_organisations: number;
  receptions: number;
  reception_organisations: number;
  events_organised: number;
  events_attended: number;
  teams: number;
  talks: number;
  signed: number;
  signed_amount: string;
  planned: string;
}

function activityWhere(f: ActivityStatsFilter): SQL {
  const parts: SQL[] = [sql`a.region_code = any(${sql.param([...f.regionCodes])}::text[])`, sql`a.start_date between ${f.start} and ${f.end}`];
  if (f.types.length > 0) parts.push(sql`a.type = any(${sql.param([...f.types])}::text[])`);
  if (f.hosting) parts.push(sql`a.hosting = ${f.hosting}`);
  if (f.leaderLevels.length > 0) parts.push(sql`a.leader_level = any(${sql.param([...f.leaderLevels])}::text[])`);
  if (f.team) parts.push(sql`a.resident_team = ${f.team}`);
  if (f.activityCode) parts.push(sql`a.code = ${f.activityCode}`);
  return sql.join(parts, sql` and `);
}

/** An organisation met: by credit code when it has one, else by name. */
const ORGANISATION_KEY = sql`coalesce('c:' || o.credit_code, 'n:' || o.name)`;

export async function selectActivityStats(db: Db, f: ActivityStatsFilter): Promise<ActivityStatsRow> {
  const events = sql.param([...f.eventTypes]);
  const [row] = await selectRows<ActivityStatsRow>(
    db,
    sql`with a as materialized (
          select a.id, a.type, a.hosting, a.leader_level, a.person_trips, a.resident_team, a.team_id
          from activities a where ${activityWhere(f)}
        ),
        orgs as (
          select a.type, count(distinct ${ORGANISATION_KEY})::int as n
          from activity_organisations o join a on a.id = o.activity_id
          where a.type in ('trip', 'visit', 'reception') group by a.type
        ),
        linked as (
          select ap.project_id, bool_or(ap.outcome = 'signed') as signed
          from activity_projects ap join a on a.id = ap.activity_id group by ap.project_id
        )
        select
          (select count(*)::int from a where a.type = 'trip') as trips,
          (select coalesce(sum(a.person_trips), 0)::text from a where a.type = 'trip') as person_trips,
          (select count(*)::int from a where a.type = 'trip' and a.leader_level in ('principal', 'leadership')) as led_leadership,
          (select count(*)::int from a where a.type = 'trip' and a.leader_level = 'principal') as led_principal,
          (select count(*)::int from a where a.type = 'trip' and a.leader_level <> 'none') as led_any,
          coalesce((select n from orgs where type = 'trip'), 0) as trip_organisations,
          (select count(*)::int from a where a.type = 'visit') as visits,
          coalesce((select n from orgs where type = 'visit'), 0) as visit_organisations,
          (select count(*)::int from a where a.type = 'reception') as receptions,
          coalesce((select n from orgs where type = 'reception'), 0) as reception_organisations,
          (select count(*)::int from a where a.type = any(${events}::text[]) and a.hosting = 'organised') as events_organised,
          (select count(*)::int from a where a.type = any(${events}::text[]) and a.hosting = 'attended') as events_attended,
          (select count(distinct coalesce('t:' || a.team_id::text, 'n:' || a.resident_team))::int from a) as teams,
          (select count(*)::int from linked) as talks,
          (select count(*)::int from linked where signed) as signed,
          (select coalesce(sum(p.signed_amount_yuan), 0)::text from linked l join projects p on p.id = l.project_id where l.signed) as signed_amount,
          (select coalesce(sum(p.planned_investment_yuan), 0)::text from linked l join projects p on p.id = l.project_id where l.signed) as planned`,
  );
  if (!row) throw new Error('activity statistics returned no row');
  return row;
}

/** The codes of the region at `regionPath` and every region below it. */
export async function selectSubtreeCodes(db: Db, regionPath: string): Promise<string[]> {
  const rows = await selectRows<{ code: string }>(db, sql`select r.code from regions r where r.path like ${`${escapeLike(regionPath)}%`}`);
  return rows.map((r) => r.code);
}

/** 储备项目 at the end of the period: projects of the subtree whose stage then (by the stage history) was 线索/储备. */
export async function selectReserveProjects(db: Db, regionCodes: readonly string[], dayAfterEnd: string): Promise<number> {
  const [row] = await selectRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from projects p
        where p.region_code = any(${sql.param([...regionCodes])}::text[])
          and (select h.to_stage from project_stage_history h
               where h.project_id = p.id and h.changed_at < (${dayAfterEnd}::date::timestamp at time zone 'Asia/Shanghai')
               order by h.changed_at desc, h.id desc limit 1) = 'lead'`,
  );
  return row?.n ?? 0;
}

/** 帮办代办 of the subtree's projects: opened in the period (and their distinct projects), closed in it, closed by the due day. */
export async function selectServiceItemStats(db: Db, regionCodes: readonly string[], start: string, end: string) {
  const [row] = await selectRows<{ opened: number; projects: number; closed: number; closed_on_time: number }>(
    db,
    sql`select
          count(*) filter (where s.opened_on between ${start} and ${end})::int as opened,
          count(distinct s.project_id) filter (where s.opened_on between ${start} and ${end})::int as projects,
          count(*) filter (where s.closed_on between ${start} and ${end})::int as closed,
          count(*) filter (where s.closed_on between ${start} and ${end} and s.closed_on <= s.due_on)::int as closed_on_time
        from service_items s join projects p on p.id = s.project_id
        where p.region_code = any(${sql.param([...regionCodes])}::text[])
          and (s.opened_on between ${start} and ${end} or s.closed_on between ${start} and ${end})`,
  );
  return { opened: row?.opened ?? 0, projects: row?.projects ?? 0, closed: row?.closed ?? 0, closedOnTime: row?.closed_on_time ?? 0 };
}
