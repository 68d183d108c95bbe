/**
 * 精准招商, item 8, on the enterprise page: the nodes of the chains the caller sees that the firm fits
 * (its industry code falls under a node's codes, or its products and business scope name a node's
 * product), and the regions within the caller's scope holding it as a target.
 */
import { selectChainNodes, selectChainsForPath } from '../../db/queries/chains/chains';
import { selectClaimsOnEnterprise, selectProductHits } from '../../db/queries/targets/enterprise-fit';
import { msg, renderMessage } from '../../domain/messages/catalog';
import { isPathWithin } from '../../domain/region-scope';
import { listProductQueries } from '../chains/node-match';
import type { Caller, Deps } from '../context';

export async function describeEnterpriseChainFit(deps: Deps, caller: Caller, enterprise: { id: string; industryCode: string | null }) {
  const chains = await selectChainsForPath(deps.db, caller.actor.regionPath);
  const nodes: { chainCode: string; chainName: string; nodeCode: string; nodeName: string; segment: string; byIndustry: boolean; products: string[] }[] = [];
  for (const chain of chains) {
    for (const node of await selectChainNodes(deps.db, chain.id, chain.currentVersion)) {
      const byIndustry = enterprise.industryCode !== null && node.industryCodes.some((c) => /^\d+$/.test(c) && enterprise.industryCode!.startsWith(c));
      const queries = listProductQueries(node.products);
      const hits = await selectProductHits(deps.db, enterprise.id, queries.map((q) => q.query));
      const products = queries.filter((_, i) => hits[i]).map((q) => q.product);
      if (byIndustry || products.length > 0) nodes.push({ chainCode: chain.code, chainName: chain.name, nodeCode: node.code, nodeName: node.name, segment: node.segment, byIndustry, products });
    }
  }
  const lang = caller.lang ?? 'zh';
  const claims = (await selectClaimsOnEnterprise(deps.db, enterprise.id)).filter((c) => isPathWithin(caller.actor.regionPath, c.region_path));
  return {
    nodes,
    targetedBy: claims.map((c) => ({
      targetId: c.id,
      regionCode: c.region_code,
      regionName: c.region_name,
      chainCode: c.chain_code,
      chainName: c.chain_name,
      nodeCode: c.node_code,
      nodeName: c.node_name,
      status: c.status,
      statusLabel: renderMessage(msg(`target.status.${c.status}`), lang),
    })),
  };
}
