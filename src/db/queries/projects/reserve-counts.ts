/**
 * 储备项目 counts per region (schema/activity-rollups.ts project_reserve_*): the regions of a
 * subtree with their version and the counts stored at that version for a day, the counts of stale
 * regions from the stage history (and, for `published`, the portal's publication history), and their
 * storage. A region without a version row has no project.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../client';
import { selectRows } from '../sql-rows';

export interface ReserveCount {
  projects: number;
  /** of them, published on the portal at that moment */
  published: number;
}

export interface StoredReserveCount {
  regionCode: string;
  version: number;
  /** null: nothing stored for the day at this version */
  counts: ReserveCount | null;
}

export async function selectReserveCounts(db: Db, regionCodes: readonly string[], day: string): Promise<StoredReserveCount[]> {
  const rows = await selectRows<{ region_code: string; version: string; projects: number | null; published: number | null }>(
    db,
    sql`select v.region_code, v.version, c.projects, c.published from project_reserve_versions v
        left join project_reserve_counts c on c.region_code = v.region_code and c.day = ${day} and c.version = v.version
        where v.region_code = any(${sql.param([...regionCodes])}::text[])`,
  );
  return rows.map((r) => ({ regionCode: r.region_code, version: Number(r.version), counts: r.projects === null ? null : { projects: r.projects, published: r.published ?? 0 } }));
}

/**
 * Per region: projects whose stage at 00:00 of `day` (Asia/Shanghai), by the stage history, was 线索/储备,
 * and of them those with a portal publication open at that instant (published before it, not withdrawn
 * before it).
 */
export async function computeReserveCounts(db: Db, regionCodes: readonly string[], day: string): Promise<Map<string, ReserveCount>> {
  if (regionCodes.length === 0) return new Map();
  const rows = await selectRows<{ region_code: string; n: number; published: number }>(
    db,
    sql`with moment as (select (${day}::date::timestamp at time zone 'Asia/Shanghai') as t)
        select p.region_code, count(*)::int as n,
          count(*) filter (where exists (select 1 from project_publications pp where pp.project_id = p.id
            and pp.published_at < m.t and (pp.withdrawn_at is null or pp.withdrawn_at >= m.t)))::int as published
        from projects p cross join moment m
        where p.region_code = any(${sql.param([...regionCodes])}::text[])
          and (select h.to_stage from project_stage_history h
               where h.project_id = p.id and h.changed_at < m.t
               order by h.changed_at desc, h.id desc limit 1) = 'lead'
        group by p.region_code`,
  );
  return new Map(rows.map((r) => [r.region_code, { projects: r.n, published: r.published }]));
}

/** Stores counts; a count stored at a newer version is never replaced by an older one. */
export async function upsertReserveCounts(db: Db, day: string, rows: readonly ({ regionCode: string; version: number } & ReserveCount)[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1_000) {
    const chunk = rows.slice(i, i + 1_000);
    await db.execute(sql`
      insert into project_reserve_counts as t (region_code, day, version, projects, published)
      select u.r, ${day}::date, u.v, u.n, u.p from unnest(${sql.param(chunk.map((r) => r.regionCode))}::text[],
        ${sql.param(chunk.map((r) => r.version))}::bigint[], ${sql.param(chunk.map((r) => r.projects))}::int[],
        ${sql.param(chunk.map((r) => r.published))}::int[]) as u(r, v, n, p)
      on conflict (region_code, day) do update set version = excluded.version, projects = excluded.projects, published = excluded.published
        where t.version < excluded.version`);
  }
}
