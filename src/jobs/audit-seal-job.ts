/**
 * Sealing the audit hash chain (services/audit/audit-chain.ts) on the job engine: a cron schedule every
 * YINFENG_AUDIT_SEAL_SECONDS (whole minutes: shorter settings seal every minute), run by one process
 * per occurrence; the sealer's own advisory lock would also keep a second sealer out. No retry: the
 * next occurrence seals what this one did not.
 */
import type { Db } from '../db/client';
import { sealAuditChain, type SealResult } from '../services/audit/audit-chain';
import { cronEverySeconds } from './cron-interval';
import type { JobEngine } from './engine';

export const AUDIT_SEAL_QUEUE = 'audit-seal';

/** Defines the sealing queue and its schedule on `engine`; `seconds` 0 removes the schedule. */
export async function defineAuditSealJob(engine: JobEngine, db: Db, opts: { seconds: number; onSealed?: (result: SealResult) => void }): Promise<void> {
  engine.define({
    name: AUDIT_SEAL_QUEUE,
    policy: 'stately',
    retryLimit: 0,
    expireInSeconds: 600,
    run: async () => {
      // a short gap wait: the next occurrence retries, and serving requests matters more
      opts.onSealed?.(await sealAuditChain(db, { gapWaitMs: 200 }));
    },
  });
  if (opts.seconds > 0) await engine.schedule({ queue: AUDIT_SEAL_QUEUE, cron: cronEverySeconds(opts.seconds) });
}
