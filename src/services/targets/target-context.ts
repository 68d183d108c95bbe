/**
 * What every targeting call resolves first: the region (in the caller's scope, a county, park or
 * prefecture), the chain (visible to the caller and used by the region: defined at the region or
 * above it) and, when named, the node of the chain's current version.
 */
import { selectChainNodes, type ChainRow } from '../../db/queries/chains/chains';
import type { RegionRow } from '../../db/queries/regions';
import { AppError } from '../../domain/app-error';
import type { ChainNode } from '../../domain/chains/chain-content';
import { msg } from '../../domain/messages/catalog';
import { isPathWithin } from '../../domain/region-scope';
import { requireVisibleChain } from '../chains/chain-scope';
import type { Caller, Deps } from '../context';
import { requireRegionInScope } from '../regions';

const TARGETING_LEVELS = ['prefecture', 'county', 'park'];

export async function resolveTargetRegion(deps: Deps, caller: Caller, regionCode: string | undefined): Promise<RegionRow> {
  const code = regionCode ?? caller.actor.regionCode;
  if (!code) throw new AppError('VALIDATION', msg('target.regionRequired'), [{ field: 'region', message: msg('target.regionRequired') }]);
  const region = await requireRegionInScope(deps, caller, code, 'region');
  if (!TARGETING_LEVELS.includes(region.level)) {
    // only the province level is left out: it oversees, the regions below it claim
    const m = msg('target.regionLevel', { region: region.name, level: msg('region.level.province') });
    throw new AppError('VALIDATION', m, [{ field: 'region', message: m }]);
  }
  return region;
}

export interface TargetChainContext {
  region: RegionRow;
  chain: ChainRow;
  nodes: ChainNode[];
}

/** The region and the chain it uses (refused when the chain is defined elsewhere than the region or above it). */
export async function resolveRegionChain(deps: Deps, caller: Caller, q: { region?: string; chain: string }): Promise<TargetChainContext> {
  const chain = await requireVisibleChain(deps, caller, q.chain);
  const region = await resolveTargetRegion(deps, caller, q.region);
  if (!isPathWithin(chain.regionPath, region.path)) {
    const m = msg('target.regionOutsideChain', { region: region.name, chain: chain.name, owner: chain.regionName });
    throw new AppError('VALIDATION', m, [{ field: 'region', message: m }]);
  }
  return { region, chain, nodes: await selectChainNodes(deps.db, chain.id, chain.currentVersion) };
}

export function requireNode(ctx: TargetChainContext, nodeCode: string): ChainNode {
  const code = nodeCode.trim().toUpperCase();
  const node = ctx.nodes.find((n) => n.code === code);
  if (!node) throw new AppError('NOT_FOUND', msg('target.nodeNotFound', { chain: ctx.chain.name, node: code }));
  return node;
}
