/**
 * 产业链节点 of a project (issue 12 item 9): the one rule the form, the API, the import and the CLI
 * share. A project may name a node when the node is in the current version of its chain and the
 * chain is one the project's region uses (defined at the region or above it: chain-scope.ts). A node
 * that a newer version of its chain dropped stays on the projects that named it before (the code is
 * kept in chain_node_codes): keeping it is no change, naming it anew is refused. Empty = none.
 */
import { selectChainByCode, selectChainNodes, selectNodeUses, type NodeUseRow } from '../../db/queries/chains/chains';
import { AppError } from '../../domain/app-error';
import { listSubtreeCodes } from '../../domain/chains/chain-coverage';
import { msg, type Message } from '../../domain/messages/catalog';
import { canRegionUseChain } from '../chains/chain-scope';
import type { Deps } from '../context';

/** The stored form of a node code as typed: trimmed, upper case; empty = none. */
export function normalizeChainNodeCode(value: string | null | undefined): string | null {
  const code = value?.trim().toUpperCase() ?? '';
  return code === '' ? null : code;
}

/**
 * Why a project of `region` may not name `code` (null: it may). `node` is what the database knows of
 * the code (undefined: unknown); `kept` is true when the project names it already (an old node stays).
 */
export function explainChainNodeRefusal(code: string, node: NodeUseRow | undefined, region: { path: string; name: string }, kept: boolean): Message | null {
  if (!node) return msg('project.chainNodeUnknown', { code });
  if (!canRegionUseChain(region.path, node.chainRegionPath)) return msg('project.chainNodeOutOfRegion', { code, region: region.name });
  if (!node.inCurrentVersion && !kept) return msg('project.chainNodeNotCurrent', { code, name: node.name, chain: node.chainName });
  return null;
}

/** Refuses (400, field chainNode) a node the project may not name; `kept`: the node the project names now. */
export async function checkProjectChainNode(deps: Deps, code: string | null, region: { path: string; name: string }, kept: string | null): Promise<void> {
  if (code === null) return;
  const nodes = await selectNodeUses(deps.db, [code]);
  const refusal = explainChainNodeRefusal(code, nodes.get(code), region, code === kept);
  if (refusal) throw new AppError('VALIDATION', refusal, [{ field: 'chainNode', message: refusal }]);
}

/**
 * The node codes a list filter 产业链节点 matches: the node and the nodes below it in the current
 * version of its chain; a node no longer in the current version (or unknown) matches itself only.
 */
export async function listChainNodeFilterCodes(deps: Deps, value: string): Promise<string[]> {
  const code = normalizeChainNodeCode(value);
  if (code === null) return [];
  const node = (await selectNodeUses(deps.db, [code])).get(code);
  if (!node?.inCurrentVersion) return [code];
  const chain = await selectChainByCode(deps.db, node.chainCode);
  if (!chain) return [code];
  const nodes = await selectChainNodes(deps.db, chain.id, chain.currentVersion);
  return listSubtreeCodes(nodes).get(code) ?? [code];
}
