/**
 * Sealing and verifying the audit hash chain (domain/audit-chain.ts).
 *
 * Sealing never holds up writers: audit rows are inserted as before, in any transaction, however
 * long. A sealer (one at a time across processes: an advisory lock; a second one returns at once)
 * links the committed rows after the chain's head in id order, in short transactions of its own.
 * A missing id (a gap) is either held by a transaction still running, or will never appear (rolled
 * back, or lost from the sequence). The sealer reads the last id issued, then a snapshot: a
 * transaction holding an id up to that value is in the snapshot's in-progress list or already over
 * (migration 0012 gives an audit insert its transaction id before its ids). Once every transaction
 * of that list is over, the rows are read again, and gaps up to the value are skipped. Until then
 * sealing stops at the gap (a long import delays the chain, not the other users).
 */
import type { Db } from '../../db/client';
import {
  countAuditRowsAfter,
  countStillRunning,
  insertLinks,
  selectChainHead,
  selectLastAuditIdIssued,
  selectRowsToSeal,
  selectSnapshot,
  selectStoredLinks,
  selectUnsealedBelow,
  setChainTimeZone,
  tryLockSealer,
} from '../../db/queries/audit/audit-chain';
import { checkLinks, EMPTY_HEAD, GENESIS_HASH, planLinks, type ChainHead, type ChainProblem } from '../../domain/audit-chain';

export interface SealOptions {
  /** rows linked per transaction; default 1000 */
  batchSize?: number;
  /** how long to wait for transactions that may hold a gap's id; default 2 s */
  gapWaitMs?: number;
  /** stop after this many transactions; default unlimited */
  maxBatches?: number;
}

export interface SealResult {
  sealed: number;
  /** another process was sealing: nothing was done */
  busy: boolean;
  /** the chain's head after sealing (audit id 0: empty) */
  head: ChainHead;
  /** sealing stopped at a gap whose transactions were still running */
  waitingAtGap: boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitForSnapshotToEnd(db: Db, snapshot: string, waitMs: number): Promise<boolean> {
  const until = Date.now() + waitMs;
  for (;;) {
    if ((await countStillRunning(db, snapshot)) === 0) return true;
    if (Date.now() >= until) return false;
    await sleep(Math.min(50, Math.max(1, until - Date.now())));
  }
}

/** One transaction of sealing: links up to batchSize rows after the head. */
async function sealBatch(db: Db, batchSize: number, gapWaitMs: number): Promise<{ busy: boolean; sealed: number; head: ChainHead; waitingAtGap: boolean; more: boolean }> {
  return db.transaction(async (tx) => {
    await setChainTimeZone(tx);
    if (!(await tryLockSealer(tx))) return { busy: true, sealed: 0, head: (await selectChainHead(tx)) ?? EMPTY_HEAD, waitingAtGap: false, more: false };
    const head = (await selectChainHead(tx)) ?? EMPTY_HEAD;
    let rows = await selectRowsToSeal(tx, head.auditId, batchSize);
    let links = planLinks(head, rows, head.auditId);
    let waitingAtGap = false;
    if (links.length < rows.length) {
      // a gap: settle the ids issued so far, then read the rows again (commits made meanwhile included)
      const issued = await selectLastAuditIdIssued(tx);
      const snapshot = await selectSnapshot(tx);
      if (await waitForSnapshotToEnd(tx, snapshot, gapWaitMs)) {
        rows = await selectRowsToSeal(tx, head.auditId, batchSize);
        links = planLinks(head, rows, issued);
      }
      waitingAtGap = links.length < rows.length;
    }
    await insertLinks(tx, links);
    const last = links.at(-1);
    return {
      busy: false,
      sealed: links.length,
      head: last ? { auditId: last.auditId, hash: last.hash } : head,
      waitingAtGap,
      more: !waitingAtGap && links.length === batchSize,
    };
  });
}

/** Links every committed audit row it can (see above). Safe to call from several processes at once. */
export async function sealAuditChain(db: Db, opts: SealOptions = {}): Promise<SealResult> {
  const batchSize = opts.batchSize ?? 1000;
  const gapWaitMs = opts.gapWaitMs ?? 2000;
  let sealed = 0;
  for (let batch = 0; ; batch++) {
    const r = await sealBatch(db, batchSize, gapWaitMs);
    sealed += r.sealed;
    if (r.busy || !r.more || (opts.maxBatches !== undefined && batch + 1 >= opts.maxBatches)) {
      return { sealed, busy: r.busy, head: r.head, waitingAtGap: r.waitingAtGap };
    }
  }
}

export interface VerifyResult {
  ok: boolean;
  /** links checked */
  links: number;
  head: ChainHead;
  /** audit rows after the head, not sealed yet */
  unsealed: number;
  /** the first problems, by audit id (at most 100) */
  problems: ChainProblem[];
}

const MAX_PROBLEMS = 100;

/**
 * Recomputes every link: the hash of every sealed row's current content, each link's hash and its
 * continuity with the one before, and looks for rows below the head that no link seals. Reads one
 * consistent snapshot (repeatable read).
 */
export async function verifyAuditChain(db: Db, opts: { pageSize?: number } = {}): Promise<VerifyResult> {
  const pageSize = opts.pageSize ?? 5000;
  return db.transaction(
    async (tx) => {
      await setChainTimeZone(tx);
      const problems: ChainProblem[] = [];
      let prevHash = GENESIS_HASH;
      let after = 0;
      let links = 0;
      for (;;) {
        const page = await selectStoredLinks(tx, after, pageSize);
        if (page.length === 0) break;
        const checked = checkLinks(prevHash, page);
        if (problems.length < MAX_PROBLEMS) problems.push(...checked.problems.slice(0, MAX_PROBLEMS - problems.length));
        prevHash = checked.lastHash;
        links += page.length;
        after = page[page.length - 1]!.auditId;
      }
      const head: ChainHead = links === 0 ? EMPTY_HEAD : { auditId: after, hash: prevHash };
      for (const id of await selectUnsealedBelow(tx, head.auditId, MAX_PROBLEMS)) problems.push({ auditId: id, kind: 'row-unsealed' });
      problems.sort((a, b) => a.auditId - b.auditId);
      return { ok: problems.length === 0, links, head, unsealed: await countAuditRowsAfter(tx, head.auditId), problems: problems.slice(0, MAX_PROBLEMS) };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}
