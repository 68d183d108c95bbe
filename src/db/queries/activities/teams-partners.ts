/** 驻点小分队 and partners: reads and writes of the records, and the roll-ups of their activities and projects. */
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../client';
import { partners, regions, residentTeams } from '../../schema/index';
import { escapeLike } from '../audit/audit';
import { selectRows } from '../sql-rows';

export type TeamRow = typeof residentTeams.$inferSelect;
export type TeamInsert = typeof residentTeams.$inferInsert;
export type PartnerRow = typeof partners.$inferSelect;
export type PartnerInsert = typeof partners.$inferInsert;

const inScope = (path: string) => sql`r.path like ${`${escapeLike(path)}%`}`;
const matches = (column: SQL, q: string | undefined) => (q ? sql` and ${column} ilike ${`%${escapeLike(q)}%`}` : sql``);
type SQL = ReturnType<typeof sql>;

export async function selectTeamList(db: Db, scopePath: string, q?: string) {
  return selectRows<{
    id: string;
    region_code: string;
    region_name: string;
    name: string;
    base_city: string;
    period_from: string | null;
    period_to: string | null;
    status: string;
    members: number;
    activities: number;
    projects: number;
    signed_projects: number;
  }>(
    db,
    sql`select t.id, t.region_code, r.name as region_name, t.name, t.base_city, t.period_from::text, t.period_to::text, t.status,
          jsonb_array_length(t.members)::int as members,
          (select count(*)::int from activities a join regions ar on ar.code = a.region_code
           where a.team_id = t.id and ar.path like ${`${escapeLike(scopePath)}%`}) as activities,
          l.projects, l.signed_projects
        from resident_teams t join regions r on r.code = t.region_code
        -- the team's activities in scope, the projects reached through them (its leads) and those signed at
        -- one of them: the same as the team's page (selectTeamActivities, selectTeamProjects)
        cross join lateral (
          select count(distinct ap.project_id)::int as projects,
                 count(distinct ap.project_id) filter (where ap.outcome = 'signed')::int as signed_projects
          from activities a join regions ar on ar.code = a.region_code join activity_projects ap on ap.activity_id = a.id
          where a.team_id = t.id and ar.path like ${`${escapeLike(scopePath)}%`}) l
        where ${inScope(scopePath)}${matches(sql`t.name`, q)}
        order by t.status, t.name, t.region_code`,
  );
}

export async function selectTeam(db: Db, id: string): Promise<(TeamRow & { regionPath: string; regionName: string }) | undefined> {
  const [row] = await db.select({ t: residentTeams, regionPath: regions.path, regionName: regions.name }).from(residentTeams).innerJoin(regions, eq(regions.code, residentTeams.regionCode)).where(eq(residentTeams.id, id));
  return row ? { ...row.t, regionPath: row.regionPath, regionName: row.regionName } : undefined;
}

export async function selectTeamIdByName(db: Db, regionCode: string, name: string): Promise<string | undefined> {
  const [row] = await db.select({ id: residentTeams.id }).from(residentTeams).where(and(eq(residentTeams.regionCode, regionCode), eq(residentTeams.name, name)));
  return row?.id;
}

/** Teams of one of the given names on the line of a region: its own, its ancestors' and its subtree's, with their paths. */
export async function selectTeamsByNames(db: Db, names: readonly string[]) {
  if (names.length === 0) return [];
  return selectRows<{ id: string; name: string; path: string }>(
    db,
    sql`select t.id, t.name, r.path from resident_teams t join regions r on r.code = t.region_code where t.name = any(${sql.param([...names])}::text[])`,
  );
}

export async function insertTeam(db: Db, values: TeamInsert): Promise<TeamRow> {
  const [row] = await db.insert(residentTeams).values(values).returning();
  return row!;
}

export async function updateTeamVersioned(db: Db, id: string, version: number, values: Partial<TeamInsert>): Promise<TeamRow | undefined> {
  const [row] = await db
    .update(residentTeams)
    .set({ ...values, version: sql`${residentTeams.version} + 1`, updatedAt: new Date() })
    .where(and(eq(residentTeams.id, id), eq(residentTeams.version, version)))
    .returning();
  return row;
}

export async function deleteTeamVersioned(db: Db, id: string, version: number): Promise<boolean> {
  return (await db.delete(residentTeams).where(and(eq(residentTeams.id, id), eq(residentTeams.version, version))).returning({ id: residentTeams.id })).length > 0;
}

/** Activities naming the team (any region: the team's activities are its own). */
export async function countTeamActivities(db: Db, id: string): Promise<number> {
  const [row] = await selectRows<{ n: number }>(db, sql`select count(*)::int as n from activities where team_id = ${id}`);
  return row?.n ?? 0;
}

export async function selectTeamActivities(db: Db, id: string, scopePath: string) {
  return selectRows<{ id: string; code: string; type: string; name: string; start_date: string; region_name: string }>(
    db,
    sql`select a.id, a.code, a.type, a.name, a.start_date::text, r.name as region_name
        from activities a join regions r on r.code = a.region_code
        where a.team_id = ${id} and ${inScope(scopePath)} order by a.start_date desc, a.code`,
  );
}

/** Per month of the activities' start: activities, distinct projects with any outcome, distinct projects signed. */
export async function selectTeamMonths(db: Db, id: string, scopePath: string) {
  return selectRows<{ month: string; activities: number; projects: number; signed: number }>(
    db,
    sql`select to_char(a.start_date, 'YYYY-MM') as month, count(distinct a.id)::int as activities,
          count(distinct ap.project_id)::int as projects,
          count(distinct ap.project_id) filter (where ap.outcome = 'signed')::int as signed
        from activities a join regions r on r.code = a.region_code
        left join activity_projects ap on ap.activity_id = a.id
        where a.team_id = ${id} and ${inScope(scopePath)}
        group by 1 order by 1`,
  );
}

/** The projects reached through the team's activities, each once, with the best outcome reached. */
export async function selectTeamProjects(db: Db, id: string, scopePath: string) {
  return selectRows<{ project_id: string; code: string; name: string; stage: string; outcome: string; signed_amount: string | null; activities: number }>(
    db,
    sql`select p.id as project_id, p.code, p.name, p.stage,
          (array['talks','intent','signed'])[max(array_position(array['talks','intent','signed'], ap.outcome::text))] as outcome,
          p.signed_amount_yuan::text as signed_amount, count(*)::int as activities
        from activities a join regions r on r.code = a.region_code
        join activity_projects ap on ap.activity_id = a.id
        join projects p on p.id = ap.project_id
        where a.team_id = ${id} and ${inScope(scopePath)}
        group by p.id order by p.code`,
  );
}

export async function selectPartnerList(db: Db, scopePath: string, kind: string | undefined, q: string | undefined) {
  return selectRows<{ id: string; region_code: string; region_name: string; kind: string; name: string; contact: string | null; projects: number; signed_projects: number; signed_amount: string; funds: string; activities: number }>(
    db,
    sql`select pa.id, pa.region_code, r.name as region_name, pa.kind, pa.name, pa.contact,
          coalesce(pp.projects, 0)::int as projects, coalesce(pp.signed_projects, 0)::int as signed_projects,
          coalesce(pp.signed_amount, 0)::text as signed_amount, coalesce(pp.funds, 0)::text as funds,
          (select count(*)::int from activities a join regions ar on ar.code = a.region_code
             where a.partner_id = pa.id and ar.path like ${`${escapeLike(scopePath)}%`}) as activities
        from partners pa join regions r on r.code = pa.region_code
        left join lateral (
          select count(*) as projects, count(*) filter (where p.signed_date is not null) as signed_projects,
                 sum(p.signed_amount_yuan) filter (where p.signed_date is not null) as signed_amount,
                 sum((select sum(f.amount_yuan) from fund_receipts f where f.project_id = p.id)) as funds
          from projects p join regions pr on pr.code = p.region_code
          where p.brought_by_partner_id = pa.id and pr.path like ${`${escapeLike(scopePath)}%`}
        ) pp on true
        where ${inScope(scopePath)}${kind ? sql` and pa.kind = ${kind}` : sql``}${matches(sql`pa.name`, q)}
        order by pa.kind, pa.name`,
  );
}

export async function selectPartner(db: Db, id: string): Promise<(PartnerRow & { regionPath: string; regionName: string }) | undefined> {
  const [row] = await db.select({ p: partners, regionPath: regions.path, regionName: regions.name }).from(partners).innerJoin(regions, eq(regions.code, partners.regionCode)).where(eq(partners.id, id));
  return row ? { ...row.p, regionPath: row.regionPath, regionName: row.regionName } : undefined;
}

export async function selectPartnerIdByName(db: Db, regionCode: string, name: string): Promise<string | undefined> {
  const [row] = await db.select({ id: partners.id }).from(partners).where(and(eq(partners.regionCode, regionCode), eq(partners.name, name)));
  return row?.id;
}

export async function insertPartner(db: Db, values: PartnerInsert): Promise<PartnerRow> {
  const [row] = await db.insert(partners).values(values).returning();
  return row!;
}

export async function updatePartnerVersioned(db: Db, id: string, version: number, values: Partial<PartnerInsert>): Promise<PartnerRow | undefined> {
  const [row] = await db
    .update(partners)
    .set({ ...values, version: sql`${partners.version} + 1`, updatedAt: new Date() })
    .where(and(eq(partners.id, id), eq(partners.version, version)))
    .returning();
  return row;
}

export async function deletePartnerVersioned(db: Db, id: string, version: number): Promise<boolean> {
  return (await db.delete(partners).where(and(eq(partners.id, id), eq(partners.version, version))).returning({ id: partners.id })).length > 0;
}

/** Projects and activities naming the partner (anywhere): a partner still named is not deleted. */
export async function countPartnerUses(db: Db, id: string): Promise<number> {
  const [row] = await selectRows<{ n: number }>(
    db,
    sql`select ((select count(*) from projects where brought_by_partner_id = ${id}) + (select count(*) from activities where partner_id = ${id}))::int as n`,
  );
  return row?.n ?? 0;
}

export async function selectPartnerProjects(db: Db, id: string, scopePath: string) {
  return selectRows<{ id: string; code: string; name: string; stage: string; signed_amount: string | null; signed_date: string | null; funds: string }>(
    db,
    sql`select p.id, p.code, p.name, p.stage, p.signed_amount_yuan::text as signed_amount, p.signed_date::text,
               coalesce((select sum(f.amount_yuan) from fund_receipts f where f.project_id = p.id), 0)::text as funds
        from projects p join regions r on r.code = p.region_code
        where p.brought_by_partner_id = ${id} and ${inScope(scopePath)} order by p.code`,
  );
}

export async function selectPartnerActivities(db: Db, id: string, scopePath: string) {
  return selectRows<{ id: string; code: string; type: string; name: string; start_date: string }>(
    db,
    sql`select a.id, a.code, a.type, a.name, a.start_date::text from activities a join regions r on r.code = a.region_code
        where a.partner_id = ${id} and ${inScope(scopePath)} order by a.start_date desc, a.code`,
  );
}

/** Accounts named as team members, with the path of their region. */
export async function selectMemberAccounts(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return selectRows<{ id: string; display_name: string; path: string }>(
    db,
    sql`select u.id, u.display_name, r.path from users u join regions r on r.code = u.region_code where u.id = any(${sql.param([...ids])}::uuid[])`,
  );
}

/** A renamed team: the activities naming it carry its new name (the 驻点小分队 column and the statistics' team filter read it). */
export async function renameTeamOnActivities(db: Db, id: string, name: string): Promise<void> {
  await db.execute(sql`update activities set resident_team = ${name} where team_id = ${id}`);
}
