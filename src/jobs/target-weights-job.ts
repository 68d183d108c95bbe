/**
 * The weekly refit of the targeting weights (services/targets/target-learning.ts) on the job engine:
 * Mondays 03:00 北京时间 unless `cron`, once across every app process. With too few outcomes it keeps
 * the current weights (and the audit row says so). No retry: the next week tries again.
 */
import { createSystemCaller, type Deps } from '../services/context';
import { fitTargetWeights } from '../services/targets/target-learning';
import type { JobEngine } from './engine';

export const TARGET_WEIGHTS_QUEUE = 'target-weights';

export async function defineTargetWeightsJob(engine: JobEngine, deps: Deps, opts: { cron?: string; onFitted?: (fitted: boolean) => void } = {}): Promise<void> {
  engine.define({
    name: TARGET_WEIGHTS_QUEUE,
    policy: 'stately',
    retryLimit: 0,
    expireInSeconds: 3600,
    run: async () => {
      const r = await fitTargetWeights(deps, createSystemCaller('target-weights-job'));
      opts.onFitted?.(r.fitted);
    },
  });
  await engine.schedule({ queue: TARGET_WEIGHTS_QUEUE, cron: opts.cron ?? '0 3 * * 1' });
}
