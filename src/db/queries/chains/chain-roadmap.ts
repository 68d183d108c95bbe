/** 链长 and 路线图: the chain's leader, a region's roadmap items for the chain's nodes, the targets behind each. */
import { sql } from 'drizzle-orm';
import type { Db } from '../../client';
import { selectRows } from '../sql-rows';
import { chainRoadmapItems } from '../../schema/index';


export interface UserInRegionRow {
  id: string;
  display_name: string;
  region_code: string | null;
  status: string;
  region_path: string | null;
}

export async function selectUsersByIds(db: Db, ids: readonly string[]): Promise<Map<string, UserInRegionRow>> {
  if (ids.length === 0) return new Map();
  const found = await selectRows<UserInRegionRow>(
    db,
    sql`select u.id, u.display_name, u.region_code, u.status, r.path as region_path from users u left join regions r on r.code = u.region_code
         where u.id in (${sql.join(
           ids.map((id) => sql`${id}::uuid`),
           sql`, `,
         )})`,
  );
  return new Map(found.map((u) => [u.id, u]));
}

export async function updateChainLeader(tx: Db, chainId: string, userId: string | null): Promise<void> {
  await tx.execute(sql`update chains set leader_user_id = ${userId}, row_version = row_version + 1, updated_at = now() where id = ${chainId}`);
}

export interface RoadmapItemRow {
  node_code: string;
  goal: 'extend' | 'fill' | 'strengthen';
  owner_id: string | null;
  owner_name: string | null;
  due_on: string | null;
  note: string | null;
  updated_at: Date | string;
  /** updated_at to the microsecond, as text (the roadmap's revision reads it) */
  updated_stamp: string;
}

/** The region's roadmap items on any code of the chain (also codes a newer version dropped). */
export async function selectRoadmapItems(db: Db, chainId: string, regionCode: string): Promise<RoadmapItemRow[]> {
  return selectRows<RoadmapItemRow>(
    db,
    sql`select i.node_code, i.goal, i.owner_id, u.display_name as owner_name, i.due_on::text as due_on, i.note, i.updated_at, i.updated_at::text as updated_stamp
          from chain_roadmap_items i join chain_node_codes nc on nc.code = i.node_code left join users u on u.id = i.owner_id
         where nc.chain_id = ${chainId} and i.region_code = ${regionCode} order by i.node_code`,
  );
}

export interface NewRoadmapItem {
  nodeCode: string;
  goal: 'extend' | 'fill' | 'strengthen';
  ownerId: string | null;
  dueOn: string | null;
  note: string | null;
}

/** Holds the region's roadmap of the chain until the transaction ends (a save reads, compares and replaces under it). */
export async function lockRoadmap(tx: Db, chainId: string, regionCode: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`roadmap:${chainId}:${regionCode}`}))`);
}

/** Replaces the region's roadmap items of the chain with `items`. */
export async function replaceRoadmapItems(tx: Db, chainId: string, regionCode: string, items: readonly NewRoadmapItem[]): Promise<void> {
  await tx.execute(sql`delete from chain_roadmap_items where region_code = ${regionCode} and node_code in (select code from chain_node_codes where chain_id = ${chainId})`);
  if (items.length === 0) return;
  await tx.insert(chainRoadmapItems).values(items.map((i) => ({ regionCode, nodeCode: i.nodeCode, goal: i.goal, ownerId: i.ownerId, dueOn: i.dueOn, note: i.note })));
}

/** Targets of the region's subtree per node code of the chain and status. */
export async function countTargetsByNodeStatus(db: Db, chainId: string, regionPath: string): Promise<{ node_code: string; status: string; n: number }[]> {
  const like = `${regionPath.replace(/[\\%_]/g, '\\$&')}%`;
  return selectRows(
    db,
    sql`select t.node_code, t.status, count(*)::int as n from targets t join regions r on r.code = t.region_code join chain_node_codes nc on nc.code = t.node_code
         where nc.chain_id = ${chainId} and r.path like ${like} group by 1, 2`,
  );
}
