/**
 * The chain editor's state without React: nodes with a local key (a new node's code may be empty or
 * repeated while it is typed), the tree per segment, moving a node with its subtree, removing a subtree,
 * a suggested code for a new node, and the server's error details mapped back to nodes.
 */
import type { ChainNode, Segment } from '../../api/chains';

export interface EditNode extends ChainNode {
  key: string;
  /** in the version the editor started from: its code is fixed (node codes stay with their chain) */
  existing: boolean;
}

export type NodeField = 'code' | 'name' | 'parentCode' | 'segment' | 'industryCodes' | 'products';
export type NodeErrors = Partial<Record<NodeField, string>>;

export interface EditRow {
  node: EditNode;
  depth: number;
}

let nextKey = 0;
export const newKey = () => `n${++nextKey}`;

export function toEditNodes(nodes: readonly ChainNode[]): EditNode[] {
  return nodes.map((n) => ({ ...n, key: newKey(), existing: true }));
}

/** What the API takes: the nodes in the editor's order, without the local fields. */
export function toChainNodes(nodes: readonly EditNode[]): ChainNode[] {
  return nodes.map(({ key: _key, existing: _existing, ...n }) => n);
}

/** The parent of a node in the editor (by code, the first node with it), or undefined. */
function parentOf(nodes: readonly EditNode[], n: EditNode): EditNode | undefined {
  return n.parentCode ? nodes.find((p) => p.code === n.parentCode && p.key !== n.key) : undefined;
}

/** Each segment's nodes in tree order (parents before children, depth first); a node with no parent in its segment is a root. */
export function editTrees(nodes: readonly EditNode[]): Record<Segment, EditRow[]> {
  const children = new Map<string, EditNode[]>();
  const roots: EditNode[] = [];
  for (const n of nodes) {
    const parent = parentOf(nodes, n);
    if (parent && parent.segment === n.segment) children.set(parent.key, [...(children.get(parent.key) ?? []), n]);
    else roots.push(n);
  }
  const out: Record<Segment, EditRow[]> = { upstream: [], midstream: [], downstream: [] };
  const seen = new Set<string>();
  const walk = (n: EditNode, depth: number) => {
    if (seen.has(n.key)) return;
    seen.add(n.key);
    out[n.segment].push({ node: n, depth });
    for (const c of children.get(n.key) ?? []) walk(c, depth + 1);
  };
  for (const r of roots) walk(r, 1);
  // a cycle (only possible in bad data) leaves nodes unplaced: show them as roots
  for (const n of nodes) walk(n, 1);
  return out;
}

/** The keys of a node's descendants (by code, through the editor's current parents). */
export function descendantKeys(nodes: readonly EditNode[], key: string): Set<string> {
  const out = new Set<string>();
  const queue = [key];
  while (queue.length > 0) {
    const k = queue.shift()!;
    const n = nodes.find((x) => x.key === k);
    if (!n || n.code === '') continue;
    for (const c of nodes) {
      if (c.parentCode === n.code && c.key !== key && !out.has(c.key)) {
        out.add(c.key);
        queue.push(c.key);
      }
    }
  }
  return out;
}

/** Moves a node under another parent (null: top of `segment`); its subtree follows into the parent's segment. */
export function moveNode(nodes: readonly EditNode[], key: string, parentCode: string | null, segment: Segment): EditNode[] {
  const parent = parentCode ? nodes.find((n) => n.code === parentCode) : undefined;
  const target = parent?.segment ?? segment;
  const subtree = descendantKeys(nodes, key);
  return nodes.map((n) => {
    if (n.key === key) return { ...n, parentCode: parent ? parent.code : null, segment: target };
    if (subtree.has(n.key)) return { ...n, segment: target };
    return n;
  });
}

/** Removes a node and every node below it. */
export function removeNode(nodes: readonly EditNode[], key: string): EditNode[] {
  const gone = descendantKeys(nodes, key);
  gone.add(key);
  return nodes.filter((n) => !gone.has(n.key));
}

/** A node's code changed: its children follow. */
export function recodeNode(nodes: readonly EditNode[], key: string, code: string): EditNode[] {
  const old = nodes.find((n) => n.key === key)?.code ?? '';
  return nodes.map((n) => {
    if (n.key === key) return { ...n, code };
    if (old !== '' && n.parentCode === old) return { ...n, parentCode: code === '' ? null : code };
    return n;
  });
}

const SEGMENT_LETTER: Record<Segment, string> = { upstream: 'U', midstream: 'M', downstream: 'D' };

/** A free code for a new node: `<parent>-01…` under a parent, `<chain>-U01…` at the top of a segment. */
export function suggestCode(nodes: readonly EditNode[], chainCode: string, segment: Segment, parentCode: string | null): string {
  const used = new Set(nodes.map((n) => n.code));
  const prefix = parentCode ? `${parentCode}-` : `${chainCode}-${SEGMENT_LETTER[segment]}`;
  for (let i = 1; ; i++) {
    const code = `${prefix}${String(i).padStart(2, '0')}`;
    if (code.length <= 32 && !used.has(code)) return code;
    if (code.length > 32) return '';
  }
}

export interface ServerDetail {
  field?: string;
  message: string;
}

export function isDetailList(value: unknown): value is ServerDetail[] {
  return Array.isArray(value) && value.every((d) => typeof d === 'object' && d !== null && typeof (d as { message?: unknown }).message === 'string');
}

const NODE_FIELD = /^nodes\.(\d+)\.(code|name|parentCode|segment|industryCodes|products)(?:\.\d+)?$/;

/** The server's details (field `nodes.<index>.<field>` for the nodes as sent) by node key; the rest for the chain. */
export function mapErrors(sent: readonly EditNode[], details: readonly ServerDetail[]): { byNode: Record<string, NodeErrors>; chain: string[] } {
  const byNode: Record<string, NodeErrors> = {};
  const chain: string[] = [];
  for (const d of details) {
    const m = d.field ? NODE_FIELD.exec(d.field) : null;
    const node = m ? sent[Number(m[1])] : undefined;
    if (m && node) {
      const field = m[2] as NodeField;
      const errors = (byNode[node.key] ??= {});
      errors[field] = errors[field] ? `${errors[field]}；${d.message}` : d.message;
    } else chain.push(d.message);
  }
  return { byNode, chain };
}
