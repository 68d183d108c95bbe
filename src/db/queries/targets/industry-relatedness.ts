/**
 * The targeting features precomputed from the enterprise database (issue 12 item 11), rewritten
 * together in one transaction by the nightly refresh (services/targets/industry-relatedness.ts):
 *
 * - region_industry_counts: counted enterprises per registered region and industry code;
 * - industry_division_counts: the national count per 大类;
 * - industry_proximity: relatedness of industries from co-location ("principle of relatedness",
 *   Hidalgo et al. 2007): a county is specialised in a 大类 when its share of enterprises there is at
 *   least the national share (revealed comparative advantage ≥ 1); two 大类 are close (φ) when
 *   counties specialised in one are specialised in the other: φ(a, b) = counties specialised in both /
 *   counties specialised in the more common of the two. Parks count with their county (the first six
 *   digits of the region code);
 * - enterprise_growth_signals: capital increases in the last 24 months and the other provinces where
 *   the enterprise's group established an enterprise in the last 730 days (only non-zero rows);
 * - node_local_counts: the enterprises matching each given chain node match per registered region
 *   (target-pull.ts), for the "上下游带动" feature.
 *
 * A region's density for a 大类 is the φ-weighted share of the 大类 close to it in which the region
 * itself is specialised, read from region_industry_counts without touching enterprises.
 * Revoked and deregistered enterprises and codes without a 大类 do not count.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../client';
import { regionSubtree, selectRows } from '../sql-rows';
import { replaceNodeLocalCounts, type KeyedNodeMatch } from './target-pull';

const COUNTED = sql`coalesce(e.status, '') not in ('revoked', 'deregistered')`;
const HAS_DIVISION = '^[0-9]{2}';

export interface FeatureCounts {
  divisions: number;
  pairs: number;
  regionIndustries: number;
  growthSignals: number;
  /** node matches counted per region (the top nodes of every chain's current version) */
  nodeMatches: number;
  /** milliseconds per step, in the order run */
  steps: { counts: number; proximity: number; growth: number; pull: number };
}

/** Recomputes every precomputed targeting feature from the enterprise database (one transaction). */
export async function refreshTargetFeatures(db: Db, nodeMatches: readonly KeyedNodeMatch[]): Promise<FeatureCounts> {
  return db.transaction(async (tx) => {
    let t = performance.now();
    const lap = () => {
      const now = performance.now();
      const ms = Math.round(now - t);
      t = now;
      return ms;
    };
    await tx.execute(sql`delete from industry_proximity`);
    await tx.execute(sql`delete from industry_division_counts`);
    await tx.execute(sql`delete from region_industry_counts`);
    await tx.execute(sql`delete from enterprise_growth_signals`);
    await tx.execute(sql`
      insert into industry_division_counts (division, enterprises)
      select left(e.industry_code, 2), count(*) from enterprises e where ${COUNTED} and e.industry_code ~ ${HAS_DIVISION} group by 1`);
    await tx.execute(sql`
      insert into region_industry_counts (region_code, industry_code, enterprises)
      select e.region_code, e.industry_code, count(*) from enterprises e
       where e.region_code is not null and e.industry_code is not null and ${COUNTED} group by 1, 2`);
    const counts = lap();
    await tx.execute(sql`
      insert into industry_proximity (industry_a, industry_b, phi)
      with cd as (
        select left(region_code, 6) as c, left(industry_code, 2) as d, sum(enterprises)::float8 as n
          from region_industry_counts where industry_code ~ ${HAS_DIVISION} group by 1, 2),
      tc as (select c, sum(n) as n from cd group by c),
      td as (select d, sum(n) as n from cd group by d),
      tot as (select sum(n) as n from cd),
      m as (select cd.c, cd.d from cd join tc using (c) join td using (d) cross join tot where cd.n / tc.n >= td.n / tot.n),
      u as (select d, count(*)::float8 as k from m group by d),
      p as (select a.d as da, b.d as db, count(*)::float8 as k from m a join m b on a.c = b.c and a.d <> b.d group by 1, 2)
      select p.da, p.db, p.k / greatest(ua.k, ub.k) from p join u ua on ua.d = p.da join u ub on ub.d = p.db`);
    const proximity = lap();
    // growth: the provinces where each group established an enterprise lately; an enterprise's other
    // provinces are its group's, less its own (a firm in another province is never the enterprise itself)
    await tx.execute(sql`
      insert into enterprise_growth_signals (enterprise_id, capital_increases, new_branch_regions)
      with ci as (
        select fc.enterprise_id as id, count(*)::int as n from enterprise_field_changes fc
         where fc.field = 'registeredCapitalYuan' and fc.changed_at >= now() - interval '24 months'
           and jsonb_typeof(fc.new_value) = 'number' and jsonb_typeof(fc.old_value) = 'number'
           and (fc.new_value #>> '{}')::numeric > (fc.old_value #>> '{}')::numeric
         group by 1),
      gp as (
        select distinct g.parent_group, left(g.region_code, 2) as province from enterprises g
         where g.parent_group is not null and g.established_on >= current_date - 730 and g.region_code is not null),
      gn as (select parent_group, count(*)::int as n from gp group by 1),
      nb as (
        select e.id, (gn.n - case when own.province is null then 0 else 1 end)::int as n
          from enterprises e join gn on gn.parent_group = e.parent_group
          left join gp own on own.parent_group = e.parent_group and own.province = left(e.region_code, 2)
         where e.region_code is not null)
      select coalesce(ci.id, nb.id), coalesce(ci.n, 0), coalesce(nb.n, 0)
        from ci full join (select * from nb where n > 0) nb on nb.id = ci.id`);
    const growth = lap();
    const matched = await replaceNodeLocalCounts(tx, nodeMatches);
    const pull = lap();
    const [n] = await selectRows<{ divisions: string; pairs: string; region_industries: string; growth: string }>(
      tx,
      sql`select (select count(*) from industry_division_counts) as divisions, (select count(*) from industry_proximity) as pairs,
                 (select count(*) from region_industry_counts) as region_industries, (select count(*) from enterprise_growth_signals) as growth`,
    );
    return {
      divisions: Number(n?.divisions ?? 0),
      pairs: Number(n?.pairs ?? 0),
      regionIndustries: Number(n?.region_industries ?? 0),
      growthSignals: Number(n?.growth ?? 0),
      nodeMatches: matched,
      steps: { counts, proximity, growth, pull },
    };
  });
}

export interface RegionDensities {
  /** when the features were last refreshed, or null before the first refresh */
  asOf: Date | null;
  /** the region's density per 大类 with relatedness (0..1); null before the first refresh. A 大类 close to nothing is absent: 0 */
  densities: Map<string, number> | null;
}

/** When the features were last refreshed (industry_division_counts is written in the refresh's transaction), or null. */
export async function selectFeaturesRefreshedAt(db: Db): Promise<Date | null> {
  const [computed] = await selectRows<{ at: string | Date | null }>(db, sql`select max(computed_at) as at from industry_division_counts`);
  return computed?.at ? new Date(computed.at) : null;
}

/** The region's densities from the precomputed counts (the region's subtree summed from region_industry_counts). */
export async function selectRegionDensities(db: Db, regionPath: string): Promise<RegionDensities> {
  const asOf = await selectFeaturesRefreshedAt(db);
  if (!asOf) return { asOf: null, densities: null };
  const found = await selectRows<{ d: string; density: number | null }>(
    db,
    sql`with rd as (
          select left(c.industry_code, 2) as d, sum(c.enterprises)::float8 as n from region_industry_counts c
           where c.region_code in ${regionSubtree(regionPath)} and c.industry_code ~ ${HAS_DIVISION} group by 1),
        rt as (select sum(n) as n from rd),
        nd as (select division as d, enterprises::float8 as n from industry_division_counts),
        nt as (select sum(n) as n from nd),
        mr as (select rd.d from rd join nd using (d) cross join rt cross join nt where rd.n / rt.n >= nd.n / nt.n)
        select p.industry_a as d, (coalesce(sum(p.phi) filter (where p.industry_b in (select d from mr)), 0) / sum(p.phi))::float8 as density
          from industry_proximity p group by p.industry_a`,
  );
  return { asOf, densities: new Map(found.map((r) => [r.d, Number(r.density ?? 0)])) };
}
