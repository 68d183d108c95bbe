/**
 * The local enterprise counts of chain nodes that scoring's "上下游带动" feature reads: the matches of
 * the top-level nodes of every chain's current version are counted per region by the feature refresh
 * (db/queries/targets/target-pull.ts); a match is keyed by a hash of what it matches (industry codes
 * and product query), so a node edited since the refresh is counted live, never from a stale row.
 */
import { createHash } from 'node:crypto';
import type { NodeMatch } from '../../db/queries/chains/chain-coverage';
import { selectChainNodes, selectChainsForPath } from '../../db/queries/chains/chains';
import { countLocalEnterprisesPerNode, selectPrecomputedLocalCounts, type KeyedNodeMatch } from '../../db/queries/targets/target-pull';
import type { Db } from '../../db/client';
import { buildMatches } from '../chains/node-match';

/** The key of a match: the hash of the enterprise side of it (industry codes and product query). */
export function keyNodeMatch(m: NodeMatch): string {
  return createHash('sha256').update(JSON.stringify([[...m.industryCodes], m.productQuery])).digest('hex');
}

/** The matches of the top-level nodes of every chain's current version, keyed (a repeated match once). */
export async function listTopNodeMatches(db: Db): Promise<KeyedNodeMatch[]> {
  const out = new Map<string, KeyedNodeMatch>();
  for (const chain of await selectChainsForPath(db, '/')) {
    const nodes = await selectChainNodes(db, chain.id, chain.currentVersion);
    const matches = buildMatches(nodes);
    for (const top of nodes.filter((n) => n.parentCode === null)) {
      const match = matches.get(top.code)!;
      const key = keyNodeMatch(match);
      if (!out.has(key)) out.set(key, { key, match });
    }
  }
  return [...out.values()];
}

/** Local enterprises per match in the region's subtree: from the last refresh where it counted the match, live otherwise. */
export async function countLocalEnterprises(db: Db, regionPath: string, matches: readonly NodeMatch[]): Promise<number[]> {
  const keys = matches.map((m) => keyNodeMatch(m));
  const precomputed = await selectPrecomputedLocalCounts(db, regionPath, keys);
  const missing = matches.filter((_, i) => !precomputed.has(keys[i]!));
  const live = await countLocalEnterprisesPerNode(db, regionPath, missing);
  let next = 0;
  return keys.map((k) => precomputed.get(k) ?? live[next++] ?? 0);
}
