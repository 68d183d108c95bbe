/**
 * The local enterprises of chain nodes for the "上下游带动" feature (scoring reads the neighbouring
 * top nodes): per node, the counted enterprises registered in the region's subtree whose industry
 * code falls under the node's codes or whose search words hold one of its products — the same
 * definition as chain coverage (db/queries/chains/chain-coverage.ts countNodeEnterprises).
 *
 * The feature refresh writes the counts per node match and registered region
 * (node_local_matches, node_local_counts); scoring sums the region's subtree from them and counts
 * live, in one statement, only the matches the refresh has not seen (a node edited since).
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../client';
import { counted, enterpriseMatch, type NodeMatch } from '../chains/chain-coverage';
import { regionSubtree, selectRows } from '../sql-rows';

export interface KeyedNodeMatch {
  /** a hash of the match's industry codes and product query (services/targets/node-local-counts.ts) */
  key: string;
  match: NodeMatch;
}

/** Counted local enterprises per node, live, in the order of `matches`. */
export async function countLocalEnterprisesPerNode(db: Db, regionPath: string, matches: readonly NodeMatch[]): Promise<number[]> {
  if (matches.length === 0) return [];
  const each = matches.map((m) => enterpriseMatch(m).any);
  const [r] = await selectRows<Record<string, string>>(
    db,
    sql`select ${sql.join(each.map((m, i) => sql`count(*) filter (where ${m}) as ${sql.identifier(`n${i}`)}`), sql`, `)}
        from enterprises e
        where e.region_code = any(array${regionSubtree(regionPath)})
          and ${counted}
          and (${sql.join(each, sql` or `)})`,
  );
  return matches.map((_, i) => Number(r?.[`n${i}`] ?? 0));
}

/**
 * Rewrites the precomputed counts for these matches (the refresh's transaction): every earlier match
 * is dropped; each match is counted per registered region over the whole table (non-zero rows only).
 */
export async function replaceNodeLocalCounts(tx: Db, matches: readonly KeyedNodeMatch[]): Promise<number> {
  await tx.execute(sql`delete from node_local_counts`);
  await tx.execute(sql`delete from node_local_matches`);
  const seen = new Set<string>();
  for (const { key, match } of matches) {
    if (seen.has(key)) continue;
    seen.add(key);
    await tx.execute(sql`
      insert into node_local_matches (match_key, industry_codes, product_query)
      values (${key}, ${sql.param([...match.industryCodes])}::text[], ${match.productQuery})`);
    await tx.execute(sql`
      insert into node_local_counts (match_key, region_code, enterprises)
      select ${key}, e.region_code, count(*) from enterprises e
       where e.region_code is not null and ${counted} and ${enterpriseMatch(match).any}
       group by e.region_code`);
  }
  return seen.size;
}

/** The region's precomputed count per match key, for the keys the last refresh counted (others are absent). */
export async function selectPrecomputedLocalCounts(db: Db, regionPath: string, keys: readonly string[]): Promise<Map<string, number>> {
  if (keys.length === 0) return new Map();
  const rows = await selectRows<{ match_key: string; n: string }>(
    db,
    sql`select m.match_key, coalesce(sum(c.enterprises), 0) as n
          from node_local_matches m
          left join node_local_counts c on c.match_key = m.match_key and c.region_code in ${regionSubtree(regionPath)}
         where m.match_key = any(${sql.param([...keys])}::text[])
         group by m.match_key`,
  );
  return new Map(rows.map((r) => [r.match_key, Number(r.n)]));
}
