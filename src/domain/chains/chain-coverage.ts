/**
 * A chain's local coverage, judged node by node (issue 12 item 3), from figures counted over the node
 * and every node below it:
 *   present (已覆盖) — at least WEAK_BELOW local enterprises, or a local project signed or later;
 *   weak (强链)      — something local, but fewer enterprises than that and no project signed or later;
 *   gap (补链)       — nothing local, in the upstream or midstream, or downstream while up/midstream
 *                      have nothing local either;
 *   extend (延链)    — nothing local downstream while the upstream or midstream has local presence.
 * Coverage % is the share of leaf nodes (nodes with no node below) that are present or weak.
 */
import { msg, type Message } from '../messages/catalog';
import { percentHalfUp } from '../money';
import type { ChainNode } from './chain-content';

export const WEAK_BELOW = 3;

export type CoverageStatus = 'present' | 'weak' | 'gap' | 'extend';

export interface NodeFigures {
  enterprises: number;
  /** projects by stage (terminated not counted) */
  lead: number;
  negotiating: number;
  signed: number;
  started: number;
  operating: number;
}

export interface JudgedNode {
  code: string;
  status: CoverageStatus;
  rule: Message;
}

const landed = (f: NodeFigures) => f.signed + f.started + f.operating;
const activeProjects = (f: NodeFigures) => f.lead + f.negotiating + landed(f);
const hasLocal = (f: NodeFigures) => f.enterprises > 0 || activeProjects(f) > 0;

/** The status of each node and the rule that decided it. */
export function judgeCoverage(nodes: readonly ChainNode[], figures: ReadonlyMap<string, NodeFigures>): JudgedNode[] {
  const upstreamOrMidstreamLocal = nodes.some((n) => n.segment !== 'downstream' && hasLocal(figures.get(n.code) ?? ZERO));
  return nodes.map((n) => {
    const f = figures.get(n.code) ?? ZERO;
    if (f.enterprises >= WEAK_BELOW || landed(f) > 0) {
      return { code: n.code, status: 'present', rule: msg('chains.rule.present', { enterprises: f.enterprises, landed: landed(f), threshold: WEAK_BELOW }) };
    }
    if (hasLocal(f)) {
      return { code: n.code, status: 'weak', rule: msg('chains.rule.weak', { enterprises: f.enterprises, projects: activeProjects(f), threshold: WEAK_BELOW }) };
    }
    if (n.segment === 'downstream' && upstreamOrMidstreamLocal) return { code: n.code, status: 'extend', rule: msg('chains.rule.extend') };
    return { code: n.code, status: 'gap', rule: msg('chains.rule.gap') };
  });
}

const ZERO: NodeFigures = { enterprises: 0, lead: 0, negotiating: 0, signed: 0, started: 0, operating: 0 };

/** Leaf nodes, how many of them have something local (present or weak), and that share in percent. */
export function summarizeCoverage(nodes: readonly ChainNode[], judged: readonly JudgedNode[]): { leafNodes: number; coveredLeafNodes: number; coveragePct: number | null } {
  const parents = new Set(nodes.map((n) => n.parentCode).filter((c): c is string => c !== null));
  const statusOf = new Map(judged.map((j) => [j.code, j.status]));
  const leaves = nodes.filter((n) => !parents.has(n.code));
  const covered = leaves.filter((n) => statusOf.get(n.code) === 'present' || statusOf.get(n.code) === 'weak').length;
  return { leafNodes: leaves.length, coveredLeafNodes: covered, coveragePct: percentHalfUp(BigInt(covered), BigInt(leaves.length)) };
}

/** Each node with the codes of the nodes below it (itself first). */
export function listSubtreeCodes(nodes: readonly ChainNode[]): Map<string, string[]> {
  const children = new Map<string, string[]>();
  for (const n of nodes) if (n.parentCode) children.set(n.parentCode, [...(children.get(n.parentCode) ?? []), n.code]);
  const out = new Map<string, string[]>();
  const walk = (code: string, seen: Set<string>): string[] => {
    if (seen.has(code)) return [];
    seen.add(code);
    return [code, ...(children.get(code) ?? []).flatMap((c) => walk(c, seen))];
  };
  for (const n of nodes) out.set(n.code, walk(n.code, new Set()));
  return out;
}
