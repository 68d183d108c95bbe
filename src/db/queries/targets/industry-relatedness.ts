/**
 * Relatedness of industries from co-location ("principle of relatedness", Hidalgo et al. 2007): a
 * county is specialised in a 大类 when its share of enterprises there is at least the national share
 * (revealed comparative advantage ≥ 1); two 大类 are close (φ) when counties specialised in one are
 * specialised in the other: φ(a, b) = counties specialised in both / counties specialised in the more
 * common of the two. A region's density for a 大类 is the φ-weighted share of the 大类 close to it
 * in which the region itself is specialised. Parks count with their county (the first six digits).
 * Revoked and deregistered enterprises and codes without a 大类 do not count.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../client';
import { regionSubtree, selectRows } from '../sql-rows';

const COUNTED = sql`coalesce(e.status, '') not in ('revoked', 'deregistered') and e.industry_code ~ '^[0-9]{2}'`;



/** Recomputes industry_division_counts and industry_proximity from the enterprise database (one transaction). */
export async function refreshIndustryRelatedness(db: Db): Promise<{ divisions: number; pairs: number }> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`delete from industry_proximity`);
    await tx.execute(sql`delete from industry_division_counts`);
    await tx.execute(sql`
      insert into industry_division_counts (division, enterprises)
      select left(e.industry_code, 2), count(*) from enterprises e where ${COUNTED} group by 1`);
    await tx.execute(sql`
      insert into industry_proximity (industry_a, industry_b, phi)
      with cd as (
        select left(e.region_code, 6) as c, left(e.industry_code, 2) as d, count(*)::float8 as n
          from enterprises e where e.region_code is not null and ${COUNTED} group by 1, 2),
      tc as (select c, sum(n) as n from cd group by c),
      td as (select d, sum(n) as n from cd group by d),
      tot as (select sum(n) as n from cd),
      m as (select cd.c, cd.d from cd join tc using (c) join td using (d) cross join tot where cd.n / tc.n >= td.n / tot.n),
      u as (select d, count(*)::float8 as k from m group by d),
      p as (select a.d as da, b.d as db, count(*)::float8 as k from m a join m b on a.c = b.c and a.d <> b.d group by 1, 2)
      select p.da, p.db, p.k / greatest(ua.k, ub.k) from p join u ua on ua.d = p.da join u ub on ub.d = p.db`);
    const [counts] = await selectRows<{ divisions: string; pairs: string }>(
      tx,
      sql`select (select count(*) from industry_division_counts) as divisions, (select count(*) from industry_proximity) as pairs`,
    );
    return { divisions: Number(counts?.divisions ?? 0), pairs: Number(counts?.pairs ?? 0) };
  });
}

/**
 * The region's density for every 大类 that has relatedness (0..1), or null when relatedness has not
 * been computed yet. A 大类 close to nothing (no pair) is absent: its density is 0.
 */
export async function selectRegionDensities(db: Db, regionPath: string): Promise<Map<string, number> | null> {
  const [computed] = await selectRows<{ n: string }>(db, sql`select count(*) as n from industry_division_counts`);
  if (Number(computed?.n ?? 0) === 0) return null;
  const found = await selectRows<{ d: string; density: number | null }>(
    db,
    sql`with rd as (
          select left(e.industry_code, 2) as d, count(*)::float8 as n from enterprises e
           where e.region_code in ${regionSubtree(regionPath)} and ${COUNTED} group by 1),
        rt as (select sum(n) as n from rd),
        nd as (select division as d, enterprises::float8 as n from industry_division_counts),
        nt as (select sum(n) as n from nd),
        mr as (select rd.d from rd join nd using (d) cross join rt cross join nt where rd.n / rt.n >= nd.n / nt.n)
        select p.industry_a as d, (coalesce(sum(p.phi) filter (where p.industry_b in (select d from mr)), 0) / sum(p.phi))::float8 as density
          from industry_proximity p group by p.industry_a`,
  );
  return new Map(found.map((r) => [r.d, Number(r.density ?? 0)]));
}
