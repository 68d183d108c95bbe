/**
 * The content of one version of an industry chain (产业链): its name and nodes, as the chains import
 * format gives them (DESIGN.md "Import files, second half"). Two contents are the same version when
 * their fingerprints are equal: node order in the file, and the order of a node's codes and products,
 * do not make a new version; any change of a name, parent, segment, code or product does.
 */
import { createHash } from 'node:crypto';

export const SEGMENTS = ['upstream', 'midstream', 'downstream'] as const;
export type Segment = (typeof SEGMENTS)[number];

/** The Chinese names of the file format. */
export const SEGMENT_BY_NAME: Readonly<Record<string, Segment>> = { 上游: 'upstream', 中游: 'midstream', 下游: 'downstream' };
export const SEGMENT_NAMES: Readonly<Record<Segment, string>> = { upstream: '上游', midstream: '中游', downstream: '下游' };

export interface ChainNode {
  code: string;
  name: string;
  parentCode: string | null;
  segment: Segment;
  /** GB/T 4754-2017 codes, stored form (3841, 384, 38) */
  industryCodes: string[];
  products: string[];
}

export interface ChainContent {
  code: string;
  name: string;
  nodes: ChainNode[];
}

const sortedUnique = (values: readonly string[]) => [...new Set(values)].sort();

/** sha256 (hex) of the content, independent of node order and of the order inside a node's lists. */
export function fingerprintChain(content: ChainContent): string {
  const nodes = [...content.nodes]
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
    .map((n) => [n.code, n.name, n.parentCode, n.segment, sortedUnique(n.industryCodes), sortedUnique(n.products)]);
  return createHash('sha256').update(JSON.stringify([content.code, content.name, nodes])).digest('hex');
}

export interface ListChange {
  added: string[];
  removed: string[];
}

export interface NodeChange {
  code: string;
  name?: { before: string; after: string };
  parentCode?: { before: string | null; after: string | null };
  segment?: { before: Segment; after: Segment };
  industryCodes?: ListChange;
  products?: ListChange;
}

export interface ChainDiff {
  name?: { before: string; after: string };
  added: ChainNode[];
  removed: ChainNode[];
  changed: NodeChange[];
}

function diffList(before: readonly string[], after: readonly string[]): ListChange | undefined {
  const b = new Set(before);
  const a = new Set(after);
  const added = [...a].filter((x) => !b.has(x)).sort();
  const removed = [...b].filter((x) => !a.has(x)).sort();
  return added.length || removed.length ? { added, removed } : undefined;
}

/** What changed from one version to another, node by node (matched by node code). */
export function diffChains(before: ChainContent, after: ChainContent): ChainDiff {
  const old = new Map(before.nodes.map((n) => [n.code, n]));
  const now = new Map(after.nodes.map((n) => [n.code, n]));
  const changed: NodeChange[] = [];
  for (const n of after.nodes) {
    const o = old.get(n.code);
    if (!o) continue;
    const c: NodeChange = { code: n.code };
    if (o.name !== n.name) c.name = { before: o.name, after: n.name };
    if (o.parentCode !== n.parentCode) c.parentCode = { before: o.parentCode, after: n.parentCode };
    if (o.segment !== n.segment) c.segment = { before: o.segment, after: n.segment };
    const codes = diffList(o.industryCodes, n.industryCodes);
    if (codes) c.industryCodes = codes;
    const products = diffList(o.products, n.products);
    if (products) c.products = products;
    if (Object.keys(c).length > 1) changed.push(c);
  }
  return {
    ...(before.name !== after.name ? { name: { before: before.name, after: after.name } } : {}),
    added: after.nodes.filter((n) => !old.has(n.code)),
    removed: before.nodes.filter((n) => !now.has(n.code)),
    changed,
  };
}

/** The nodes in an order where every parent comes before its children (file order otherwise kept). */
export function orderParentsFirst(nodes: readonly ChainNode[]): ChainNode[] {
  const byCode = new Map(nodes.map((n) => [n.code, n]));
  const placed = new Set<string>();
  const out: ChainNode[] = [];
  const place = (n: ChainNode, seen: Set<string>) => {
    if (placed.has(n.code) || seen.has(n.code)) return;
    seen.add(n.code);
    const parent = n.parentCode ? byCode.get(n.parentCode) : undefined;
    if (parent) place(parent, seen);
    placed.add(n.code);
    out.push(n);
  };
  for (const n of nodes) place(n, new Set());
  return out;
}
