/**
 * The nightly refresh of the targeting features — counts per region and industry, industry
 * relatedness, growth signals (services/targets/industry-relatedness.ts) — on the job
 * engine: 02:30 北京时间 unless `cron`, one run per night across every app process (the schedule's
 * occurrence is claimed once; the queue is `stately`, so a second request waits for the running one).
 * No retry: the scores read yesterday's features until the next night.
 */
import { createSystemCaller, type Deps } from '../services/context';
import { refreshRelatedness, type RelatednessRefresh } from '../services/targets/industry-relatedness';
import type { JobEngine } from './engine';

export const RELATEDNESS_QUEUE = 'industry-relatedness';

/** Defines the queue and its nightly schedule on `engine` (before engine.start()). */
export async function defineRelatednessJob(engine: JobEngine, deps: Deps, opts: { cron?: string; onRefreshed?: (result: RelatednessRefresh) => void } = {}): Promise<void> {
  engine.define({
    name: RELATEDNESS_QUEUE,
    policy: 'stately',
    retryLimit: 0,
    expireInSeconds: 3600,
    run: async () => {
      opts.onRefreshed?.(await refreshRelatedness(deps, createSystemCaller('relatedness-job')));
    },
  });
  await engine.schedule({ queue: RELATEDNESS_QUEUE, cron: opts.cron ?? '30 2 * * *' });
}
