/** SQL of industry chains: chains, their versions and nodes, and the installation-wide node codes. */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { orderParentsFirst, type ChainNode, type Segment } from '../../../domain/chains/chain-content';
import type { Db } from '../../client';
import { selectRows } from '../sql-rows';
import { chainNodeCodes, chainNodes, chains, chainVersions, regions } from '../../schema/index';


/** pg_advisory_xact_lock key: chain writes (imports, adoptions, edits) one at a time across processes */
const CHAIN_WRITE_LOCK_KEY = 0x4348_4e53;

export async function lockChainWrites(tx: Db): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${CHAIN_WRITE_LOCK_KEY})`);
}

export interface ChainRow {
  id: string;
  code: string;
  name: string;
  regionCode: string;
  regionName: string;
  regionLevel: string;
  regionPath: string;
  currentVersion: number;
  templateCode: string | null;
  leaderUserId: string | null;
  rowVersion: number;
  nodeCount: number;
  createdAt: Date;
  updatedAt: Date;
}

const chainColumns = {
  id: chains.id,
  code: chains.code,
  name: chains.name,
  regionCode: chains.regionCode,
  regionName: regions.name,
  regionLevel: regions.level,
  regionPath: regions.path,
  currentVersion: chains.currentVersion,
  templateCode: chains.templateCode,
  leaderUserId: chains.leaderUserId,
  rowVersion: chains.rowVersion,
  nodeCount: chainVersions.nodeCount,
  createdAt: chains.createdAt,
  updatedAt: chains.updatedAt,
};

function selectChainsJoined(db: Db) {
  return db
    .select(chainColumns)
    .from(chains)
    .innerJoin(regions, eq(regions.code, chains.regionCode))
    .innerJoin(chainVersions, and(eq(chainVersions.chainId, chains.id), eq(chainVersions.version, chains.currentVersion)));
}

export async function selectChainByCode(db: Db, code: string): Promise<ChainRow | undefined> {
  const [row] = await selectChainsJoined(db).where(eq(chains.code, code));
  return row;
}

export async function selectChainsByCodes(db: Db, codes: readonly string[]): Promise<ChainRow[]> {
  if (codes.length === 0) return [];
  return selectChainsJoined(db).where(inArray(chains.code, [...codes]));
}

/**
 * Chains a region sees: those defined by the region or above it (it uses them) and those defined
 * below it (it oversees them). `regionPath` "/" is the whole installation.
 */
export async function selectChainsForPath(db: Db, regionPath: string): Promise<ChainRow[]> {
  return selectChainsJoined(db)
    .where(sql`(${regionPath} like ${regions.path} || '%' or ${regions.path} like ${regionPath} || '%')`)
    .orderBy(asc(chains.code));
}

export async function selectChainNodes(db: Db, chainId: string, version: number): Promise<ChainNode[]> {
  const list = await db
    .select({
      code: chainNodes.code,
      name: chainNodes.name,
      parentCode: chainNodes.parentCode,
      segment: chainNodes.segment,
      industryCodes: chainNodes.industryCodes,
      products: chainNodes.products,
    })
    .from(chainNodes)
    .where(and(eq(chainNodes.chainId, chainId), eq(chainNodes.version, version)))
    .orderBy(asc(chainNodes.position));
  return list.map((n) => ({ ...n, segment: n.segment as Segment }));
}

export interface ChainVersionRow {
  version: number;
  name: string;
  contentSha256: string;
  source: 'import' | 'template' | 'edit';
  sourceName: string | null;
  nodeCount: number;
  createdByName: string;
  createdAt: Date;
}

const versionColumns = {
  version: chainVersions.version,
  name: chainVersions.name,
  contentSha256: chainVersions.contentSha256,
  source: chainVersions.source,
  sourceName: chainVersions.sourceName,
  nodeCount: chainVersions.nodeCount,
  createdByName: chainVersions.createdByName,
  createdAt: chainVersions.createdAt,
};

export async function selectChainVersions(db: Db, chainId: string): Promise<ChainVersionRow[]> {
  return db.select(versionColumns).from(chainVersions).where(eq(chainVersions.chainId, chainId)).orderBy(desc(chainVersions.version));
}

export async function selectChainVersion(db: Db, chainId: string, version: number): Promise<ChainVersionRow | undefined> {
  const [row] = await db
    .select(versionColumns)
    .from(chainVersions)
    .where(and(eq(chainVersions.chainId, chainId), eq(chainVersions.version, version)));
  return row;
}

/** The chain code owning each of `codes` (node codes already used by some chain). */
export async function selectNodeCodeOwners(db: Db, codes: readonly string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const found = await selectRows<{ code: string; chain_code: string }>(
    db,
    sql`select n.code, c.code as chain_code from ${chainNodeCodes} n join ${chains} c on c.id = n.chain_id
        where n.code = any(${sql.param([...codes])}::text[])`,
  );
  return new Map(found.map((r) => [r.code, r.chain_code]));
}

/** What a project needs to know of a node code it names (services/projects/project-chain-node.ts). */
export interface NodeUseRow {
  code: string;
  /** the name in the current version, else in the latest version that has the node */
  name: string;
  inCurrentVersion: boolean;
  chainCode: string;
  chainName: string;
  chainRegionPath: string;
}

/** The known node codes among `codes` (any version of their chain), with their chain. */
export async function selectNodeUses(db: Db, codes: readonly string[]): Promise<Map<string, NodeUseRow>> {
  if (codes.length === 0) return new Map();
  const found = await selectRows<{ code: string; name: string; in_current: boolean; chain_code: string; chain_name: string; chain_region_path: string }>(
    db,
    sql`select nc.code, latest.name, latest.version = c.current_version as in_current, c.code as chain_code, c.name as chain_name,
          r.path as chain_region_path
        from ${chainNodeCodes} nc
        join ${chains} c on c.id = nc.chain_id
        join ${regions} r on r.code = c.region_code
        join lateral (select n.name, n.version from ${chainNodes} n where n.chain_id = nc.chain_id and n.code = nc.code
                      order by n.version desc limit 1) latest on true
        where nc.code = any(${sql.param([...codes])}::text[])`,
  );
  return new Map(
    found.map((r) => [r.code, { code: r.code, name: r.name, inCurrentVersion: r.in_current, chainCode: r.chain_code, chainName: r.chain_name, chainRegionPath: r.chain_region_path }]),
  );
}

export async function insertChain(tx: Db, values: { code: string; name: string; regionCode: string; templateCode: string | null }): Promise<string> {
  const [row] = await tx
    .insert(chains)
    .values({ ...values, currentVersion: 1 })
    .returning({ id: chains.id });
  return row!.id;
}

export interface NewChainVersion {
  chainId: string;
  version: number;
  name: string;
  contentSha256: string;
  source: 'import' | 'template' | 'edit';
  sourceName: string | null;
  createdBy: string | null;
  createdByName: string;
  nodes: readonly ChainNode[];
}

/** A version with its nodes (inserted parents first, so the parent foreign key holds batch by batch; `position` keeps the given order), and claims its node codes. */
export async function insertChainVersion(tx: Db, v: NewChainVersion): Promise<void> {
  await tx.insert(chainVersions).values({
    chainId: v.chainId,
    version: v.version,
    name: v.name,
    contentSha256: v.contentSha256,
    source: v.source,
    sourceName: v.sourceName,
    nodeCount: v.nodes.length,
    createdBy: v.createdBy,
    createdByName: v.createdByName,
  });
  const position = new Map(v.nodes.map((n, i) => [n.code, i]));
  const ordered = orderParentsFirst(v.nodes);
  for (let i = 0; i < ordered.length; i += 500) {
    await tx.insert(chainNodes).values(
      ordered.slice(i, i + 500).map((n) => ({
        chainId: v.chainId,
        version: v.version,
        code: n.code,
        name: n.name,
        parentCode: n.parentCode,
        segment: n.segment,
        industryCodes: n.industryCodes,
        products: n.products,
        position: position.get(n.code) ?? 0,
      })),
    );
  }
  if (v.nodes.length > 0) {
    await tx
      .insert(chainNodeCodes)
      .values(v.nodes.map((n) => ({ code: n.code, chainId: v.chainId })))
      .onConflictDoNothing();
  }
}

export async function updateChainCurrent(tx: Db, chainId: string, values: { name: string; currentVersion: number }): Promise<void> {
  await tx
    .update(chains)
    .set({ ...values, rowVersion: sql`${chains.rowVersion} + 1`, updatedAt: sql`now()` })
    .where(eq(chains.id, chainId));
}
