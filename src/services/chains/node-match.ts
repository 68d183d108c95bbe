/**
 * What a chain node matches in the enterprise and project databases: itself and its sub-nodes (named
 * by projects), their industry codes with every code below them, and their products as full-text
 * queries (each product's words all present). Coverage (chain-coverage.ts) and targeting
 * (services/targets/) read nodes the same way.
 */
import type { NodeMatch } from '../../db/queries/chains/chain-coverage';
import type { ChainNode } from '../../domain/chains/chain-content';
import { listSubtreeCodes } from '../../domain/chains/chain-coverage';
import { listIndustryCodesUnder } from '../../reference/industry-classification';
import { toQueryWords } from '../../search/enterprise-search-keys';

/** Each product with its to_tsquery('simple') text; products without usable words, and repeats, are left out. */
export function listProductQueries(products: readonly string[]): { product: string; query: string }[] {
  const seen = new Set<string>();
  const out: { product: string; query: string }[] = [];
  for (const product of products) {
    const words = toQueryWords(product);
    if (words.length === 0) continue;
    const query = words.length === 1 ? words[0]! : `(${words.join(' & ')})`;
    if (seen.has(query)) continue;
    seen.add(query);
    out.push({ product, query });
  }
  return out;
}

/** The nodes of each node's subtree (itself first), by code. */
export function listSubtreeMembers(nodes: readonly ChainNode[]): Map<string, ChainNode[]> {
  const byCode = new Map(nodes.map((n) => [n.code, n]));
  return new Map([...listSubtreeCodes(nodes)].map(([code, subtree]) => [code, subtree.map((c) => byCode.get(c)!)]));
}

/** What each node matches (its subtree's node codes, industry codes and products). */
export function buildMatches(nodes: readonly ChainNode[]): Map<string, NodeMatch> {
  const out = new Map<string, NodeMatch>();
  for (const [code, members] of listSubtreeMembers(nodes)) {
    const industryCodes = [...new Set(members.flatMap((m) => m.industryCodes.flatMap((ic) => listIndustryCodesUnder(ic))))].sort();
    const products = listProductQueries(members.flatMap((m) => m.products));
    out.set(code, { nodeCodes: members.map((m) => m.code), industryCodes, productQuery: products.length > 0 ? products.map((p) => p.query).join(' | ') : null });
  }
  return out;
}
