/** Reading industry chains: the list a user sees, one chain with its nodes, its versions and the diff between two. */
import { selectChainNodes, selectChainsForPath, selectChainVersion, selectChainVersions, type ChainRow } from '../../db/queries/chains/chains';
import { AppError } from '../../domain/app-error';
import { diffChains, type ChainContent } from '../../domain/chains/chain-content';
import { msg } from '../../domain/messages/catalog';
import type { Caller, Deps } from '../context';
import { requireRegionInScope } from '../regions';
import { canChangeChain, canRegionUseChain, requireVisibleChain } from './chain-scope';

function toChainSummary(c: ChainRow, caller: Caller) {
  return {
    code: c.code,
    name: c.name,
    regionCode: c.regionCode,
    regionName: c.regionName,
    currentVersion: c.currentVersion,
    nodeCount: c.nodeCount,
    templateCode: c.templateCode,
    canChange: canChangeChain(caller.actor, c.regionPath),
    updatedAt: c.updatedAt.toISOString(),
  };
}

/** The chains the caller sees; with `usedBy` (a region in scope), only those that region uses (defined at it or above: a project's 产业链节点 picker). */
export async function listChains(deps: Deps, caller: Caller, usedBy?: string) {
  const list = await selectChainsForPath(deps.db, caller.actor.regionPath);
  const region = usedBy ? await requireRegionInScope(deps, caller, usedBy, 'usedBy') : null;
  return list.filter((c) => !region || canRegionUseChain(region.path, c.regionPath)).map((c) => toChainSummary(c, caller));
}

async function loadVersion(deps: Deps, chain: ChainRow, version: number): Promise<ChainContent> {
  const v = await selectChainVersion(deps.db, chain.id, version);
  if (!v) throw new AppError('NOT_FOUND', msg('chains.versionNotFound', { chain: chain.code, version }));
  return { code: chain.code, name: v.name, nodes: await selectChainNodes(deps.db, chain.id, version) };
}

/** One chain with the nodes of a version (the current one by default). */
export async function getChain(deps: Deps, caller: Caller, code: string, version?: number) {
  const chain = await requireVisibleChain(deps, caller, code);
  const content = await loadVersion(deps, chain, version ?? chain.currentVersion);
  return { ...toChainSummary(chain, caller), version: version ?? chain.currentVersion, name: content.name, nodes: content.nodes };
}

export async function listChainVersions(deps: Deps, caller: Caller, code: string) {
  const chain = await requireVisibleChain(deps, caller, code);
  const versions = await selectChainVersions(deps.db, chain.id);
  return versions.map((v) => ({
    version: v.version,
    name: v.name,
    source: v.source,
    sourceName: v.sourceName,
    nodeCount: v.nodeCount,
    createdByName: v.createdByName,
    createdAt: v.createdAt.toISOString(),
    current: v.version === chain.currentVersion,
  }));
}

/** What changed from version `from` to version `to` (default: the one before `to`, and the current one). */
export async function diffChainVersions(deps: Deps, caller: Caller, code: string, from?: number, to?: number) {
  const chain = await requireVisibleChain(deps, caller, code);
  const toVersion = to ?? chain.currentVersion;
  const fromVersion = from ?? Math.max(1, toVersion - 1);
  const [before, after] = await Promise.all([loadVersion(deps, chain, fromVersion), loadVersion(deps, chain, toVersion)]);
  return { code: chain.code, from: fromVersion, to: toVersion, ...diffChains(before, after) };
}
