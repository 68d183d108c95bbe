/**
 * The candidates a region may target for a chain node, with the facts the score reads
 * (domain/targets/target-score.ts): enterprises registered outside the region's subtree, not revoked
 * or deregistered, whose industry code falls under the node's codes or whose search words hold one of
 * its products. The pool is bounded: industry matches first, then by registered capital, `pool` rows
 * at most (the score then ranks the pool). Facts per candidate: which products it names, capital
 * increases and its group's new establishments elsewhere in the last 24 months, whether it already
 * invests in or has a contact in the region, and whoever holds an active claim on it for the node.
 */
import { sql } from 'drizzle-orm';
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

export async function selectTargetCandidates(db: Db, q: CandidateQuery): Promise<CandidateRow[]> {
  const byIndustry = q.industryCodes.length > 0 ? sql`e.industry_code = any(${sql.param([...q.industryCodes])}::text[])` : sql`false`;
  const anyProduct = q.productQueries.length > 0 ? sql`e.search_words @@ to_tsquery('simple', ${q.productQueries.join(' | ')})` : sql`false`;
  const hits = q.productQueries.length > 0 ? sql`array[${sql.join(q.productQueries.map((p) => sql`coalesce(e.search_words @@ to_tsquery('simple', ${p}), false)`), sql`, `)}]` : sql`'{}'::boolean[]`;
  const pool = q.enterpriseIds
    ? sql`select e.id from enterprises e where e.id = any(${sql.param([...q.enterpriseIds])}::uuid[])`
    : sql`select e.id from enterprises e
           where (e.region_code is null or e.region_code not in ${regionSubtree(q.regionPath)}) and ${COUNTED} and (${byIndustry} or ${anyProduct})
           order by (${byIndustry}) desc, e.registered_capital_yuan desc nulls last, e.id
           limit ${q.pool}`;
  return selectRows<CandidateRow>(
    db,
    sql`with pool as (${pool})
        select e.id, e.name, e.credit_code, e.region_code, r.name as region_name, e.industry_code, e.registered_capital_yuan::text, e.tags,
          ${hits} as product_hits,
          (select count(*) from enterprise_field_changes fc
            where fc.enterprise_id = e.id and fc.field = 'registeredCapitalYuan' and fc.changed_at >= now() - interval '24 months'
              and jsonb_typeof(fc.new_value) = 'number' and jsonb_typeof(fc.old_value) = 'number'
              and (fc.new_value #>> '{}')::numeric > (fc.old_value #>> '{}')::numeric)::int as capital_increases,
          (case when e.parent_group is null or e.region_code is null then 0 else
            (select count(distinct left(g.region_code, 2)) from enterprises g
              where g.parent_group = e.parent_group and g.id <> e.id and g.established_on >= current_date - 730
                and g.region_code is not null and left(g.region_code, 2) <> left(e.region_code, 2)) end)::int as new_branch_regions,
          exists (select 1 from projects p where p.investor_id = e.id and p.region_code in ${regionSubtree(q.regionPath)}) as investor_in_region,
          exists (select 1 from enterprise_contacts c where c.enterprise_id = e.id and c.region_code in ${regionSubtree(q.regionPath)}) as contact_in_region,
          t.id as claim_target_id, t.region_code as claim_region_code, tr.name as claim_region_name, tr.path as claim_region_path, t.status as claim_status
        from pool join enterprises e on e.id = pool.id
        left join regions r on r.code = e.region_code
        left join targets t on t.enterprise_id = e.id and t.node_code = ${q.nodeCode} and t.status <> 'dropped'
        left join regions tr on tr.code = t.region_code`,
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
