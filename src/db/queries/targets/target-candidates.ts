/**
 * The candidates a region may target for a chain node, with the facts the score reads
 * (domain/targets/target-score.ts): enterprises registered outside the region's subtree, not revoked
 * or deregistered, whose industry code falls under the node's codes or whose search words hold one of
 * its products. The pool is bounded: industry matches first, then by registered capital, `pool` rows
 * at most (the score then ranks the pool). Facts per candidate: which products it names, capital
 * increases and its group's new establishments elsewhere lately (precomputed), whether it already
 * invests in or has a contact in the region, and whoever holds an active claim on it for the node.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../client';
import { regionSubtree, selectRows } from '../sql-rows';
import type { TargetStatus } from './targets';



export interface CandidateQuery {
  regionPath: string;
  nodeCode: string;
  /** every code at or under the node's (and its sub-nodes') codes */
  industryCodes: readonly string[];
  /** one to_tsquery('simple') text per product, in the node's order */
  productQueries: readonly string[];
  pool: number;
  /** only these enterprises (a firm's own score, a comparison); else the pool */
  enterpriseIds?: readonly string[];
}

export interface CandidateRow {
  id: string;
  name: string;
  credit_code: string | null;
  region_code: string | null;
  region_name: string | null;
  industry_code: string | null;
  registered_capital_yuan: string | null;
  tags: string[];
  /** aligned with productQueries */
  product_hits: boolean[];
  capital_increases: number;
  new_branch_regions: number;
  investor_in_region: boolean;
  contact_in_region: boolean;
  claim_target_id: string | null;
  claim_region_code: string | null;
  claim_region_name: string | null;
  claim_region_path: string | null;
  claim_status: TargetStatus | null;
}

const COUNTED = sql`coalesce(e.status, '') not in ('revoked', 'deregistered')`;

function notLocal(regionPath: string): SQL {
  return sql`(e.region_code is null or e.region_code not in ${regionSubtree(regionPath)})`;
}

/**
 * The pool, best first: the industry matches by registered capital (desc, nulls last, then id), then
 * the product matches that are not industry matches in the same order, `pool` ids in all. The
 * industry part walks enterprises_industry_capital_idx per code (each code's `pool` largest
 * candidates hold the pool's), so a code with a hundred thousand firms costs a few thousand rows;
 * the product part runs only when the industry matches do not fill the pool.
 */
export async function selectCandidatePool(db: Db, q: CandidateQuery): Promise<string[]> {
  const ids: string[] = [];
  if (q.industryCodes.length > 0) {
    const found = await selectRows<{ id: string }>(
      db,
      sql`select x.id from unnest(${sql.param([...q.industryCodes])}::text[]) as c(code)
          cross join lateral (
            select e.id, e.registered_capital_yuan as cap from enterprises e
             where e.industry_code = c.code and ${notLocal(q.regionPath)} and ${COUNTED}
             order by e.registered_capital_yuan desc nulls last, e.id limit ${q.pool}) x
          order by x.cap desc nulls last, x.id
          limit ${q.pool}`,
    );
    ids.push(...found.map((r) => r.id));
  }
  if (ids.length < q.pool && q.productQueries.length > 0) {
    const notIndustry = q.industryCodes.length > 0 ? sql`coalesce(e.industry_code <> all(${sql.param([...q.industryCodes])}::text[]), true)` : sql`true`;
    const found = await selectRows<{ id: string }>(
      db,
      sql`select e.id from enterprises e
           where e.search_words @@ to_tsquery('simple', ${q.productQueries.join(' | ')}) and ${notIndustry} and ${notLocal(q.regionPath)} and ${COUNTED}
           order by e.registered_capital_yuan desc nulls last, e.id
           limit ${q.pool - ids.length}`,
    );
    ids.push(...found.map((r) => r.id));
  }
  return ids;
}

/**
 * The candidates with their facts: the pool (selectCandidatePool) or only `enterpriseIds`. Growth
 * signals are read from enterprise_growth_signals (as of the last feature refresh; 0 when absent).
 */
export async function selectTargetCandidates(db: Db, q: CandidateQuery): Promise<CandidateRow[]> {
  const ids = q.enterpriseIds ? [...q.enterpriseIds] : await selectCandidatePool(db, q);
  if (ids.length === 0) return [];
  const hits = q.productQueries.length > 0 ? sql`array[${sql.join(q.productQueries.map((p) => sql`coalesce(e.search_words @@ to_tsquery('simple', ${p}), false)`), sql`, `)}]` : sql`'{}'::boolean[]`;
  return selectRows<CandidateRow>(
    db,
    sql`select e.id, e.name, e.credit_code, e.region_code, r.name as region_name, e.industry_code, e.registered_capital_yuan::text, e.tags,
          ${hits} as product_hits,
          coalesce(gs.capital_increases, 0)::int as capital_increases,
          coalesce(gs.new_branch_regions, 0)::int as new_branch_regions,
          exists (select 1 from projects p where p.investor_id = e.id and p.region_code in ${regionSubtree(q.regionPath)}) as investor_in_region,
          exists (select 1 from enterprise_contacts c where c.enterprise_id = e.id and c.region_code in ${regionSubtree(q.regionPath)}) as contact_in_region,
          t.id as claim_target_id, t.region_code as claim_region_code, tr.name as claim_region_name, tr.path as claim_region_path, t.status as claim_status
        from enterprises e
        left join enterprise_growth_signals gs on gs.enterprise_id = e.id
        left join regions r on r.code = e.region_code
        left join targets t on t.enterprise_id = e.id and t.node_code = ${q.nodeCode} and t.status <> 'dropped'
        left join regions tr on tr.code = t.region_code
        where e.id = any(${sql.param(ids)}::uuid[])`,
  );
}

/** Enterprises of each province (first two digits of the region code) investing in projects of the region, not terminated. */
export async function countInvestorsByProvince(db: Db, regionPath: string): Promise<Map<string, number>> {
  const found = await selectRows<{ province: string; n: string }>(
    db,
    sql`select left(e.region_code, 2) as province, count(distinct e.id) as n
          from projects p join enterprises e on e.id = p.investor_id
         where p.region_code in ${regionSubtree(regionPath)} and p.stage <> 'terminated' and e.region_code is not null
         group by 1`,
  );
  return new Map(found.map((r) => [r.province, Number(r.n)]));
}
