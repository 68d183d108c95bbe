/**
 * Activity rollup parts (schema/activity-rollups.ts): the version of every region-month of a
 * subtree and period with the part stored for it, the computation of stale parts from the
 * activities (the same columns and keys the direct statement in activity-stats.ts counts), and
 * their storage. A region-month without a version row has never held an activity since the
 * rollups exist (migration 0036 numbered the existing ones), so it is an empty part.
 */
import { sql } from 'drizzle-orm';
import {
  decodePartText,
  encodePartText,
  type ActivityRollupGroup,
  type ActivityRollupPart,
  type ProjectAmounts,
} from '../../../domain/activities/activity-rollup-parts';
import type { Db } from '../../client';
import { selectRows } from '../sql-rows';

export interface RollupPartKey {
  regionCode: string;
  month: string;
}

export interface RollupPartVersion extends RollupPartKey {
  version: number;
  /** a part is stored at exactly this version */
  stored: boolean;
}

/** Region-months of the subtree in [fromMonth, toMonth] with their version and whether a part is stored at it. */
export async function selectRollupPartVersions(db: Db, regionCodes: readonly string[], fromMonth: string, toMonth: string): Promise<RollupPartVersion[]> {
  const rows = await selectRows<{ region_code: string; month: string; version: string; stored: boolean }>(
    db,
    sql`select v.region_code, v.month, v.version, (r.version is not distinct from v.version) as stored
        from activity_rollup_versions v
        left join activity_rollups r on r.region_code = v.region_code and r.month = v.month
        where v.region_code = any(${sql.param([...regionCodes])}::text[]) and v.month between ${fromMonth} and ${toMonth}`,
  );
  return rows.map((r) => ({ regionCode: r.region_code, month: r.month, version: Number(r.version), stored: r.stored }));
}

/** The parts stored for these region-months at exactly the given versions (others are left out). */
export async function selectStoredRollupParts(db: Db, keys: readonly (RollupPartKey & { version: number })[]): Promise<RollupPartRow[]> {
  if (keys.length === 0) return [];
  const rows = await selectRows<{ region_code: string; month: string; version: string; part: string; ids: Uint8Array }>(
    db,
    sql`select r.region_code, r.month, r.version, r.part, r.ids
        from unnest(${sql.param(keys.map((k) => k.regionCode))}::text[], ${sql.param(keys.map((k) => k.month))}::text[], ${sql.param(keys.map((k) => k.version))}::bigint[]) as u(r, m, v)
        join activity_rollups r on r.region_code = u.r and r.month = u.m and r.version = u.v`,
  );
  return rows.map((r) => ({ regionCode: r.region_code, month: r.month, version: Number(r.version), part: { ...decodePartText(r.part), ids: r.ids } }));
}

/**
 * Region-months in [fromMonth, toMonth] whose part is missing or older than their version, with
 * the version: of the subtree's regions, or of every region (`regionCodes` null); `among`: of
 * these region-months only.
 */
export async function selectStaleRollupParts(
  db: Db,
  regionCodes: readonly string[] | null,
  fromMonth: string,
  toMonth: string,
  among?: readonly RollupPartKey[],
): Promise<(RollupPartKey & { version: number })[]> {
  const regions = regionCodes ? sql`and v.region_code = any(${sql.param([...regionCodes])}::text[])` : sql``;
  const only = among
    ? sql`and (v.region_code, v.month) in (select * from unnest(${sql.param(among.map((p) => p.regionCode))}::text[], ${sql.param(among.map((p) => p.month))}::text[]))`
    : sql``;
  const rows = await selectRows<{ region_code: string; month: string; version: string }>(
    db,
    sql`select v.region_code, v.month, v.version from activity_rollup_versions v
        left join activity_rollups r on r.region_code = v.region_code and r.month = v.month and r.version = v.version
        where v.month between ${fromMonth} and ${toMonth} and r.region_code is null ${regions} ${only}
        order by v.region_code, v.month`,
  );
  return rows.map((r) => ({ regionCode: r.region_code, month: r.month, version: Number(r.version) }));
}

/** `(region, month)` pairs as a relation `s(r, m, first, next)` of the months' first days. */
function partsRelation(parts: readonly RollupPartKey[]) {
  return sql`(select u.r, u.m, (u.m || '-01')::date as first, ((u.m || '-01')::date + interval '1 month')::date as next
             from unnest(${sql.param(parts.map((p) => p.regionCode))}::text[], ${sql.param(parts.map((p) => p.month))}::text[]) as u(r, m))`;
}

const ORGANISATION_KEY = sql`coalesce('c:' || o.credit_code, 'n:' || o.name)`;

/**
 * Gives every organisation met on a trip, visit or reception and every project named in the parts'
 * activities a dense id (committed on its own, before the snapshot that computes the parts).
 */
export async function insertRollupKeys(db: Db, parts: readonly RollupPartKey[]): Promise<void> {
  if (parts.length === 0) return;
  await db.execute(sql`
    insert into activity_rollup_keys (key, project_id)
    select k.key, k.project_id from (
      select distinct ${ORGANISATION_KEY} as key, null::uuid as project_id
      from ${partsRelation(parts)} s
      join activities a on a.region_code = s.r and a.start_date >= s.first and a.start_date < s.next
      join activity_organisations o on o.activity_id = a.id
      where a.type in ('trip', 'visit', 'reception')
      union
      select distinct 'p:' || ap.project_id::text, ap.project_id
      from ${partsRelation(parts)} s
      join activities a on a.region_code = s.r and a.start_date >= s.first and a.start_date < s.next
      join activity_projects ap on ap.activity_id = a.id
    ) k
    -- one index probe per key (offset 0 keeps the planner from hashing the whole dictionary)
    left join lateral (select x.id from activity_rollup_keys x where x.key = k.key offset 0) e on true
    where e.id is null
    order by k.key
    on conflict (key) do nothing`);
}

export interface ComputedGroup extends ActivityRollupGroup {
  regionCode: string;
  month: string;
  /** links whose key has no dense id yet (added after insertRollupKeys): the computation is repeated */
  missingKeys: number;
}

/** The groups of the parts' activities, with the dense ids of their organisations and projects. */
export async function computeRollupGroups(db: Db, parts: readonly RollupPartKey[]): Promise<ComputedGroup[]> {
  if (parts.length === 0) return [];
  const rows = await selectRows<{
    region_code: string;
    m: string;
    type: string;
    hosting: string;
    leader_level: string;
    tn: string;
    tk: string;
    n: number;
    pt: string;
    org_ids: number[] | null;
    project_ids: number[] | null;
    signed_ids: number[] | null;
    missing: number;
  }>(
    db,
    sql`with a as materialized (
          select a.id, s.r as region_code, s.m, a.type, coalesce(a.hosting, '') as hosting, a.leader_level, a.person_trips,
                 coalesce(a.resident_team, '') as tn, coalesce('t:' || a.team_id::text, 'n:' || a.resident_team, '') as tk
          from ${partsRelation(parts)} s
          join activities a on a.region_code = s.r and a.start_date >= s.first and a.start_date < s.next
        ),
        c as (
          select region_code, m, type, hosting, leader_level, tn, tk, count(*)::int as n, coalesce(sum(person_trips), 0)::text as pt
          from a group by region_code, m, type, hosting, leader_level, tn, tk
        ),
        o as (
          select a.region_code, a.m, a.type, a.hosting, a.leader_level, a.tn, a.tk,
                 array_agg(distinct k.id) filter (where k.id is not null) as ids, count(*) filter (where k.id is null)::int as missing
          from a join activity_organisations o on o.activity_id = a.id
          left join activity_rollup_keys k on k.key = ${ORGANISATION_KEY}
          where a.type in ('trip', 'visit', 'reception')
          group by a.region_code, a.m, a.type, a.hosting, a.leader_level, a.tn, a.tk
        ),
        p as (
          select a.region_code, a.m, a.type, a.hosting, a.leader_level, a.tn, a.tk,
                 array_agg(distinct k.id) filter (where k.id is not null) as ids,
                 array_agg(distinct k.id) filter (where k.id is not null and ap.outcome = 'signed') as signed_ids,
                 count(*) filter (where k.id is null)::int as missing
          from a join activity_projects ap on ap.activity_id = a.id
          left join activity_rollup_keys k on k.key = 'p:' || ap.project_id::text
          group by a.region_code, a.m, a.type, a.hosting, a.leader_level, a.tn, a.tk
        )
        select c.region_code, c.m, c.type, c.hosting, c.leader_level, c.tn, c.tk, c.n, c.pt,
               o.ids as org_ids, p.ids as project_ids, p.signed_ids, coalesce(o.missing, 0) + coalesce(p.missing, 0) as missing
        from c
        left join o using (region_code, m, type, hosting, leader_level, tn, tk)
        left join p using (region_code, m, type, hosting, leader_level, tn, tk)
        order by c.region_code, c.m, c.type, c.hosting, c.leader_level, c.tn, c.tk`,
  );
  return rows.map((r) => ({
    regionCode: r.region_code,
    month: r.m,
    type: r.type,
    hosting: r.hosting,
    leaderLevel: r.leader_level,
    teamName: r.tn,
    teamKey: r.tk,
    activities: r.n,
    personTrips: Number(r.pt),
    organisationIds: r.org_ids ?? [],
    projectIds: r.project_ids ?? [],
    signedProjectIds: r.signed_ids ?? [],
    missingKeys: Number(r.missing),
  }));
}

/** 签约额 and 计划总投资 of the projects with these dense ids. */
export async function selectProjectAmounts(db: Db, projectKeyIds: readonly number[]): Promise<Map<number, ProjectAmounts>> {
  if (projectKeyIds.length === 0) return new Map();
  const rows = await selectRows<{ id: number; signed: string | null; planned: string | null }>(
    db,
    sql`select k.id, p.signed_amount_yuan::text as signed, p.planned_investment_yuan::text as planned
        from activity_rollup_keys k join projects p on p.id = k.project_id
        where k.id = any(${sql.param([...projectKeyIds])}::int[])`,
  );
  return new Map(rows.map((r) => [r.id, { signedAmountYuan: BigInt(r.signed ?? '0'), plannedInvestmentYuan: BigInt(r.planned ?? '0') }]));
}

export interface RollupPartRow extends RollupPartKey {
  version: number;
  part: ActivityRollupPart;
}

/** Stores computed parts; a part stored at a newer version is never replaced by an older one. */
export async function upsertRollupParts(db: Db, rows: readonly RollupPartRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    const values = chunk.map((r) => sql`(${r.regionCode}, ${r.month}, ${r.version}, ${encodePartText(r.part)}, ${toBuffer(r.part.ids)}::bytea, now())`);
    await db.execute(sql`
      insert into activity_rollups as t (region_code, month, version, part, ids, computed_at)
      values ${sql.join(values, sql`, `)}
      on conflict (region_code, month) do update
        set version = excluded.version, part = excluded.part, ids = excluded.ids, computed_at = excluded.computed_at
        where t.version < excluded.version`);
  }
}

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * A fingerprint of the versions of the subtree's region-months in [fromMonth, toMonth]: equal
 * fingerprints mean no activity, link or linked project's amount of the subtree and period changed.
 */
export async function selectRollupFingerprint(db: Db, regionCodes: readonly string[], fromMonth: string, toMonth: string): Promise<string> {
  const [row] = await selectRows<{ f: string | null }>(
    db,
    sql`select md5(string_agg(v.region_code || ':' || v.month || ':' || v.version, ',' order by v.region_code, v.month)) as f
        from activity_rollup_versions v
        where v.region_code = any(${sql.param([...regionCodes])}::text[]) and v.month between ${fromMonth} and ${toMonth}`,
  );
  return row?.f ?? 'none';
}
