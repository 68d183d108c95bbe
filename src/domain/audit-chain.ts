/**
 * The hash chain over the audit trail, as pure rules. Each sealed audit row gets a link:
 * rowHash = SHA-256 of the row's canonical form (computed by the database, see
 * db/queries/audit/audit-chain.ts), hash = SHA-256(prevHash ‖ rowHash) over the 32-byte values, where
 * prevHash is the previous link's hash (GENESIS_HASH for the first). Links follow the audit ids in
 * ascending order; ids that never committed (rolled back) are skipped, never sealed out of order.
 */
import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export function linkHash(prevHash: string, rowHash: string): string {
  return createHash('sha256').update(Buffer.from(prevHash, 'hex')).update(Buffer.from(rowHash, 'hex')).digest('hex');
}

export interface ChainHead {
  auditId: number;
  hash: string;
}

export const EMPTY_HEAD: ChainHead = { auditId: 0, hash: GENESIS_HASH };

export interface ChainLink {
  auditId: number;
  rowHash: string;
  prevHash: string;
  hash: string;
}

/**
 * The links to add after `head` for the committed rows seen (ascending ids): a row follows the
 * previous one directly, or across ids all at or below `settledUpTo` (ids whose transactions are
 * known to be over, so a missing one will never appear). Stops at the first unsettled gap.
 */
export function planLinks(head: ChainHead, rows: { id: number; rowHash: string }[], settledUpTo: number): ChainLink[] {
  const links: ChainLink[] = [];
  let prev = head;
  for (const r of rows) {
    if (r.id <= prev.auditId) continue;
    if (r.id !== prev.auditId + 1 && r.id - 1 > settledUpTo) break;
    const hash = linkHash(prev.hash, r.rowHash);
    links.push({ auditId: r.id, rowHash: r.rowHash, prevHash: prev.hash, hash });
    prev = { auditId: r.id, hash };
  }
  return links;
}

export type ChainProblemKind =
  /** the audit row a link seals is gone */
  | 'row-deleted'
  /** the audit row no longer has the content it was sealed with */
  | 'row-edited'
  /** a link's own hash does not follow from its fields: the chain row was changed */
  | 'link-edited'
  /** a link does not continue the one before it: a chain row before it was deleted or changed */
  | 'link-broken'
  /** an audit row below the chain's head that no link seals: its link was deleted, or the row was added later */
  | 'row-unsealed';

export interface ChainProblem {
  auditId: number;
  kind: ChainProblemKind;
}

export const PROBLEM_LABELS: Record<ChainProblemKind, string> = {
  'row-deleted': '审计行已被删除',
  'row-edited': '审计行内容已被修改',
  'link-edited': '审计链记录已被修改',
  'link-broken': '审计链在此断开（其前一条链记录被删除或修改）',
  'row-unsealed': '审计行不在审计链中（其链记录被删除，或该行是事后插入的）',
};

export interface StoredLink extends ChainLink {
  /** null when the audit row is missing; else the SHA-256 of its current canonical form */
  actualRowHash: string | null;
}

/** Checks one page of links (ascending ids) after the link whose hash is `prevHash`; returns the problems and the last hash. */
export function checkLinks(prevHash: string, links: StoredLink[]): { problems: ChainProblem[]; lastHash: string } {
  const problems: ChainProblem[] = [];
  let prev = prevHash;
  for (const l of links) {
    if (l.prevHash !== prev) problems.push({ auditId: l.auditId, kind: 'link-broken' });
    if (l.hash !== linkHash(l.prevHash, l.rowHash)) problems.push({ auditId: l.auditId, kind: 'link-edited' });
    if (l.actualRowHash === null) problems.push({ auditId: l.auditId, kind: 'row-deleted' });
    else if (l.actualRowHash !== l.rowHash) problems.push({ auditId: l.auditId, kind: 'row-edited' });
    prev = l.hash;
  }
  return { problems, lastHash: prev };
}

export function describeProblem(p: ChainProblem): string {
  return `审计行 #${p.auditId}：${PROBLEM_LABELS[p.kind]}`;
}
