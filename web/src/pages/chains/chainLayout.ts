/**
 * The chain map's layout, without a layout engine: three columns 上游 | 中游 | 下游, each a tree read top to
 * bottom — a segment heading, its top nodes, and every node's children right under it, indented.
 */
import { SEGMENTS, type ChainNode, type Segment } from '../../api/chains';

export interface TreeRow {
  node: ChainNode;
  /** 1 for a top node of its segment, 2 for its children … (the heading is depth 0) */
  depth: number;
  /** The node's parent in the same segment, or null: the row hangs under the segment heading. */
  parentCode: string | null;
}

/**
 * Each segment's nodes in tree order (a parent, then its children, depth first, in the file's order). A node whose
 * parent is in another segment or missing starts a tree of its own.
 */
export function segmentTrees(nodes: readonly ChainNode[]): Record<Segment, TreeRow[]> {
  const byCode = new Map(nodes.map((n) => [n.code, n]));
  const children = new Map<string, ChainNode[]>();
  const roots: ChainNode[] = [];
  for (const n of nodes) {
    const parent = n.parentCode ? byCode.get(n.parentCode) : undefined;
    if (parent && parent.segment === n.segment) {
      const list = children.get(parent.code) ?? [];
      list.push(n);
      children.set(parent.code, list);
    } else {
      roots.push(n);
    }
  }
  const out: Record<Segment, TreeRow[]> = { upstream: [], midstream: [], downstream: [] };
  const seen = new Set<string>();
  const walk = (n: ChainNode, depth: number, parentCode: string | null) => {
    if (seen.has(n.code)) return; // a cycle in bad data must not hang the page
    seen.add(n.code);
    out[n.segment].push({ node: n, depth, parentCode });
    for (const c of children.get(n.code) ?? []) walk(c, depth + 1, n.code);
  };
  for (const r of roots) walk(r, 1, null);
  return out;
}

export const COLUMN_WIDTH = 300;
export const INDENT = 28;
export const NODE_WIDTH = 252;
export const NODE_HEIGHT = 48;
export const ROW_HEIGHT = 58;
export const HEADING_HEIGHT = 40;

export interface Placed {
  id: string;
  kind: 'segment' | 'node';
  segment: Segment;
  node?: ChainNode;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Link {
  id: string;
  source: string;
  target: string;
  kind: 'tree' | 'flow';
}

export const headingId = (segment: Segment) => `segment:${segment}`;

/** Positions of the headings and nodes, the tree links (heading or parent → child) and the flow 上游 → 中游 → 下游. */
export function layoutChain(nodes: readonly ChainNode[]): { placed: Placed[]; links: Link[]; height: number; width: number } {
  const trees = segmentTrees(nodes);
  const placed: Placed[] = [];
  const links: Link[] = [];
  let height = HEADING_HEIGHT;
  SEGMENTS.forEach((segment, column) => {
    const x0 = column * COLUMN_WIDTH;
    placed.push({ id: headingId(segment), kind: 'segment', segment, x: x0, y: 0, width: NODE_WIDTH, height: HEADING_HEIGHT });
    trees[segment].forEach((row, i) => {
      const indent = row.depth * INDENT;
      const y = HEADING_HEIGHT + 24 + i * ROW_HEIGHT;
      placed.push({ id: row.node.code, kind: 'node', segment, node: row.node, x: x0 + indent, y, width: NODE_WIDTH - indent + INDENT, height: NODE_HEIGHT });
      const source = row.parentCode ?? headingId(segment);
      links.push({ id: `${source}->${row.node.code}`, source, target: row.node.code, kind: 'tree' });
      height = Math.max(height, y + NODE_HEIGHT);
    });
    const next = SEGMENTS[column + 1];
    if (next) links.push({ id: `${headingId(segment)}=>${headingId(next)}`, source: headingId(segment), target: headingId(next), kind: 'flow' });
  });
  // nodes whose parent sits in another segment: a tree link across the columns as well
  const byCode = new Map(nodes.map((n) => [n.code, n]));
  for (const n of nodes) {
    const parent = n.parentCode ? byCode.get(n.parentCode) : undefined;
    if (parent && parent.segment !== n.segment) links.push({ id: `${parent.code}->${n.code}`, source: parent.code, target: n.code, kind: 'tree' });
  }
  return { placed, links, height, width: 2 * COLUMN_WIDTH + NODE_WIDTH + INDENT };
}
