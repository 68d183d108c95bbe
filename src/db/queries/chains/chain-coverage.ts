/**
 * SQL of a chain node's local coverage in a region's subtree: the enterprises registered there whose
 * industry code falls under the node's codes or whose search words (business scope, products, name)
 * hold one of its products, and the projects there that name the node or a node below it (产业链节点) or,
 * naming no node, whose industry falls under the node's codes.
 * Revoked and deregistered enterprises and terminated projects do not count. Funds are the counted
 * receipts (the installation's evidence policy, as the statistics count them) to date.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../client';
import { regionSubtree, selectRows } from '../sql-rows';
import { countedReceipts, type ReceiptFilter } from '../statistics/statistics';


export interface NodeMatch {
  /** the node and the nodes below it (current version): projects naming one of them count whatever their industry */
  nodeCodes: readonly string[];
  /** every industry code at or under the node's codes (and its sub-nodes'): matched with = any, so the index serves it */
  industryCodes: readonly string[];
  /** a to_tsquery('simple') text OR-ing the products' words, or null when the node has no usable product */
  productQuery: string | null;
}

const NOT_COUNTED_STATUSES = ['revoked', 'deregistered'];


export function enterpriseMatch(m: NodeMatch): { byIndustry: SQL; any: SQL } {
  const byIndustry = m.industryCodes.length > 0 ? sql`e.industry_code = any(${sql.param([...m.industryCodes])}::text[])` : sql`false`;
  const byProducts = m.productQuery ? sql`e.search_words @@ to_tsquery('simple', ${m.productQuery})` : sql`false`;
  return { byIndustry, any: sql`(${byIndustry} or ${byProducts})` };
}

export const counted = sql`coalesce(e.status, '') <> all(${sql.param(NOT_COUNTED_STATUSES)}::text[])`;

export async function countNodeEnterprises(db: Db, regionPath: string, m: NodeMatch): Promise<{ total: number; byIndustry: number }> {
  const match = enterpriseMatch(m);
  const [r] = await selectRows<{ total: string; by_industry: string }>(
    db,
    sql`select count(*) as total, count(*) filter (where ${match.byIndustry}) as by_industry
        from enterprises e where e.region_code in ${regionSubtree(regionPath)} and ${counted} and ${match.any}`,
  );
  return { total: Number(r?.total ?? 0), byIndustry: Number(r?.by_industry ?? 0) };
}

export interface NodeEnterpriseRow {
  id: string;
  name: string;
  credit_code: string | null;
  region_code: string | null;
  region_name: string | null;
  industry_code: string | null;
  registered_capital_yuan: string | null;
  by_industry: boolean;
}

/** A page of the node's local enterprises, largest registered capital first. */
export async function selectNodeEnterprises(db: Db, regionPath: string, m: NodeMatch, page: { limit: number; offset: number }): Promise<NodeEnterpriseRow[]> {
  const match = enterpriseMatch(m);
  return selectRows<NodeEnterpriseRow>(
    db,
    sql`select e.id, e.name, e.credit_code, e.region_code, r.name as region_name, e.industry_code, e.registered_capital_yuan::text,
          (${match.byIndustry}) as by_industry
        from enterprises e left join regions r on r.code = e.region_code
        where e.region_code in ${regionSubtree(regionPath)} and ${counted} and ${match.any}
        order by e.registered_capital_yuan desc nulls last, e.name, e.id
        limit ${page.limit} offset ${page.offset}`,
  );
}

/** A project counts for a node when it names the node (or one below it), or names no node and its industry falls under the node's codes. */
function projectMatch(m: NodeMatch): SQL {
  const byNode = m.nodeCodes.length > 0 ? sql`p.chain_node_code = any(${sql.param([...m.nodeCodes])}::text[])` : sql`false`;
  const byIndustry = m.industryCodes.length > 0 ? sql`(p.chain_node_code is null and p.industry_code = any(${sql.param([...m.industryCodes])}::text[]))` : sql`false`;
  return sql`(${byNode} or ${byIndustry})`;
}

export interface NodeProjectCounts {
  byStage: Record<string, number>;
  fundsYuan: bigint;
}

export async function countNodeProjects(db: Db, regionPath: string, m: NodeMatch, filter: ReceiptFilter): Promise<NodeProjectCounts> {
  const stages = await selectRows<{ stage: string; n: string }>(
    db,
    sql`select p.stage, count(*) as n from projects p where p.region_code in ${regionSubtree(regionPath)} and ${projectMatch(m)} group by p.stage`,
  );
  const [funds] = await selectRows<{ yuan: string | null }>(
    db,
    sql`select sum(f.amount_yuan)::text as yuan from fund_receipts f join projects p on p.id = f.project_id
        where p.region_code in ${regionSubtree(regionPath)} and p.stage <> 'terminated' and ${projectMatch(m)} and ${countedReceipts(filter)}`,
  );
  return { byStage: Object.fromEntries(stages.map((s) => [s.stage, Number(s.n)])), fundsYuan: BigInt(funds?.yuan ?? '0') };
}

export interface NodeProjectRow {
  id: string;
  code: string;
  name: string;
  stage: string;
  region_code: string;
  region_name: string;
  signed_amount_yuan: string | null;
  funds_yuan: string;
  total: string;
}

/** A page of the node's local projects (terminated ones last), with their counted funds to date and the total count. */
export async function selectNodeProjects(db: Db, regionPath: string, m: NodeMatch, filter: ReceiptFilter, page: { limit: number; offset: number }): Promise<NodeProjectRow[]> {
  return selectRows<NodeProjectRow>(
    db,
    sql`select p.id, p.code, p.name, p.stage, p.region_code, r.name as region_name, p.signed_amount_yuan::text,
          (select coalesce(sum(f.amount_yuan), 0) from fund_receipts f where f.project_id = p.id and ${countedReceipts(filter)})::text as funds_yuan,
          count(*) over () as total
        from projects p join regions r on r.code = p.region_code
        where p.region_code in ${regionSubtree(regionPath)} and ${projectMatch(m)}
        order by (p.stage = 'terminated'), p.signed_amount_yuan desc nulls last, p.code
        limit ${page.limit} offset ${page.offset}`,
  );
}
