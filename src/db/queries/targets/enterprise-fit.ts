/** For one enterprise: which product queries its search words satisfy, and the active claims on it. */
import { sql } from 'drizzle-orm';
import type { Db } from '../../client';
import { selectRows } from '../sql-rows';
import type { TargetStatus } from './targets';


/** One boolean per query (to_tsquery('simple') texts), in order. */
export async function selectProductHits(db: Db, enterpriseId: string, queries: readonly string[]): Promise<boolean[]> {
  if (queries.length === 0) return [];
  const [row] = await selectRows<{ hits: boolean[] }>(
    db,
    sql`select array[${sql.join(queries.map((q) => sql`coalesce(e.search_words @@ to_tsquery('simple', ${q}), false)`), sql`, `)}] as hits from enterprises e where e.id = ${enterpriseId}`,
  );
  return row?.hits ?? queries.map(() => false);
}

export interface ClaimOnEnterpriseRow {
  id: string;
  region_code: string;
  region_name: string;
  region_path: string;
  node_code: string;
  /** null when the node left the chain's current version */
  node_name: string | null;
  chain_code: string;
  chain_name: string;
  status: TargetStatus;
}

export async function selectClaimsOnEnterprise(db: Db, enterpriseId: string): Promise<ClaimOnEnterpriseRow[]> {
  return selectRows<ClaimOnEnterpriseRow>(
    db,
    sql`select t.id, t.region_code, r.name as region_name, r.path as region_path, t.node_code, c.code as chain_code, c.name as chain_name, t.status,
          (select n.name from chain_nodes n where n.chain_id = c.id and n.version = c.current_version and n.code = t.node_code) as node_name
          from targets t join regions r on r.code = t.region_code join chain_node_codes nc on nc.code = t.node_code join chains c on c.id = nc.chain_id
         where t.enterprise_id = ${enterpriseId} and t.status <> 'dropped' order by t.status_changed_at desc`,
  );
}
