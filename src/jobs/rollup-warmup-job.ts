/**
 * The statistics warm-up — funds rollups (services/funds/funds-rollup-warmup.ts), then activity
 * rollups (services/activities/activity-rollup-warmup.ts) — on the job engine: one queue with the
 * `stately` policy — at most one warm-up waiting and one running across every app process, so a
 * kick during a run asks for exactly one more, and further kicks add nothing — fed by
 * - a cron schedule every YINFENG_ROLLUP_WARMUP_MINUTES (cheap when nothing is stale: a version
 *   comparison per range; when the month turns, the new month's ranges get computed);
 * - a kick shortly after start (the server is listening by then);
 * - a kick after a bulk change announces itself (announceRollupsStale), delayed by `kickDelaySeconds`
 *   so an import of several files warms up once after the last one.
 * A warm-up that fails is retried twice (a warm-up only stores rollups a query would compute).
 * A stopping engine stops a running warm-up at its next batch.
 */
import type { Deps } from '../services/context';
import { listenRollupsStale } from '../services/funds/funds-rollup-signal';
import { warmActivityRollups } from '../services/activities/activity-rollup-warmup';
import { warmFundsRollups, type WarmupResult } from '../services/funds/funds-rollup-warmup';
import { cronEveryMinutes } from './cron-interval';
import type { JobEngine } from './engine';

export const ROLLUP_WARMUP_QUEUE = 'rollup-warmup';

export interface RollupWarmupJobOptions {
  intervalMinutes: number;
  /** delay of the first warm-up after start; default 5 s */
  startDelaySeconds?: number;
  /** delay after a kick; default 10 s */
  kickDelaySeconds?: number;
  /** the clock deciding the current month; default the real one */
  now?: () => Date;
  /** parts per transaction (see warmFundsRollups) */
  partsPerBatch?: number;
  /** after each completed (or stopped) warm-up, with its duration */
  onWarmed?: (result: WarmupResult, ms: number) => void;
}

export interface RollupWarmupJob {
  /** asks for a warm-up after the kick delay (ignored while one is already waiting) */
  kick(delaySeconds?: number): Promise<string | null>;
  /** stops listening for bulk changes */
  close(): void;
}

/** Defines the warm-up queue and its schedule on `engine` (before engine.start()). */
export async function defineRollupWarmupJob(engine: JobEngine, deps: Deps, opts: RollupWarmupJobOptions): Promise<RollupWarmupJob> {
  engine.define({
    name: ROLLUP_WARMUP_QUEUE,
    policy: 'stately',
    retryLimit: 2,
    retryDelaySeconds: 30,
    expireInSeconds: 3600,
    run: async (_data, job) => {
      const t0 = performance.now();
      const now = opts.now?.() ?? new Date();
      const result = await warmFundsRollups(deps, now, { shouldStop: job.stopping, partsPerBatch: opts.partsPerBatch });
      // the activity statistics' region-months of this year and last (services/activities/activity-rollup-warmup.ts)
      const activities = result.stopped ? null : await warmActivityRollups(deps, now, { shouldStop: job.stopping, partsPerBatch: opts.partsPerBatch });
      opts.onWarmed?.({ ...result, activityPartsComputed: activities?.partsComputed ?? 0, stopped: result.stopped || (activities?.stopped ?? false) }, performance.now() - t0);
    },
  });
  await engine.schedule({ queue: ROLLUP_WARMUP_QUEUE, cron: cronEveryMinutes(opts.intervalMinutes) });
  const kick = (delaySeconds = opts.kickDelaySeconds ?? 10) => engine.send(ROLLUP_WARMUP_QUEUE, {}, { startAfterSeconds: delaySeconds });
  const unlisten = listenRollupsStale(() => {
    if (engine.isStopping) return;
    kick().catch((err: unknown) => console.error('统计汇总预热排队失败：', err));
  });
  return { kick, close: unlisten };
}
