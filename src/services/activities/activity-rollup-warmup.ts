/**
 * Warm-up of the activity rollups (activity-stats-rollups.ts): computes and stores, ahead of the
 * first summary, every stale region-month of the whole installation from January of last year to
 * the current month (this year, and last year for the comparison the dashboard makes) — so the
 * province's first summary after a ledger import reads stored parts instead of computing a year of
 * activities. It runs in the statistics warm-up job (jobs/rollup-warmup-job.ts) after the funds.
 *
 * The same computation and guarantees as a summary: dense ids first in their own transaction, then
 * versions and parts in one REPEATABLE READ snapshot, stored afterwards without replacing a newer
 * part. Batches keep each transaction short so requests are answered in between.
 */
import { liftStatementTimeoutInTransaction } from '../../db/pool-settings';
import { insertRollupKeys, selectStaleRollupParts, upsertRollupParts } from '../../db/queries/activities/activity-rollups';
import { todayInShanghai } from '../../domain/dates';
import type { Deps } from '../context';
import { computeStaleParts } from './activity-stats-rollups';

const BATCH_PARTS = 200;

export interface ActivityWarmupResult {
  partsComputed: number;
  stopped: boolean;
}

export async function warmActivityRollups(
  deps: Deps,
  now: Date = new Date(),
  opts: { shouldStop?: () => boolean; partsPerBatch?: number } = {},
): Promise<ActivityWarmupResult> {
  const month = todayInShanghai(now).slice(0, 7);
  const from = `${Number(month.slice(0, 4)) - 1}-01`;
  const stale = await selectStaleRollupParts(deps.db, null, from, month);
  const size = opts.partsPerBatch ?? BATCH_PARTS;
  let partsComputed = 0;
  for (let i = 0; i < stale.length; i += size) {
    if (opts.shouldStop?.()) return { partsComputed, stopped: true };
    const batch = stale.slice(i, i + size);
    await insertRollupKeys(deps.db, batch);
    const rows = await deps.db.transaction(
      async (tx) => {
        await liftStatementTimeoutInTransaction(tx, deps.config.capacity.jobStatementTimeoutMs); // background work, not a request
        // versions as of this snapshot; a part a summary computed meanwhile is no longer stale
        const still = await selectStaleRollupParts(tx, null, from, month, batch);
        // a link that arrived after the ids were given waits for the next summary or warm-up
        return (await computeStaleParts(tx, still)) ?? [];
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
    await upsertRollupParts(deps.db, rows);
    partsComputed += rows.length;
  }
  return { partsComputed, stopped: false };
}
