/**
 * The local enterprises of several chain nodes in one pass (the "上下游带动" feature reads the
 * neighbouring top nodes): per node, the counted enterprises registered in the region's subtree whose
 * industry code falls under the node's codes or whose search words hold one of its products — the
 * same definition as chain coverage (db/queries/chains/chain-coverage.ts countNodeEnterprises). One
 * statement instead of one per node, and the region's codes as one array, so the index bitmaps of the
 * nodes' codes and products are built once rather than once per county of the subtree.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../client';
import type { NodeMatch } from '../chains/chain-coverage';
import { selectRows } from '../sql-rows';
import { escapeLike } from '../audit/audit';

function matchOf(m: NodeMatch): SQL {
  const byIndustry = m.industryCodes.length > 0 ? sql`e.industry_code = any(${sql.param([...m.industryCodes])}::text[])` : sql`false`;
  const byProducts = m.productQuery ? sql`e.search_words @@ to_tsquery('simple', ${m.productQuery})` : sql`false`;
  return sql`(${byIndustry} or ${byProducts})`;
}

/** Counted local enterprises per node, in the order of `matches`. */
export async function countLocalEnterprisesPerNode(db: Db, regionPath: string, matches: readonly NodeMatch[]): Promise<number[]> {
  if (matches.length === 0) return [];
  const each = matches.map((m) => matchOf(m));
  const [r] = await selectRows<Record<string, string>>(
    db,
    sql`select ${sql.join(each.map((m, i) => sql`count(*) filter (where ${m}) as ${sql.identifier(`n${i}`)}`), sql`, `)}
        from enterprises e
        where e.region_code = any(array(select r.code from regions r where r.path like ${`${escapeLike(regionPath)}%`}))
          and coalesce(e.status, '') not in ('revoked', 'deregistered')
          and (${sql.join(each, sql` or `)})`,
  );
  return matches.map((_, i) => Number(r?.[`n${i}`] ?? 0));
}
