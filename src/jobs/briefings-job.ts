/**
 * The scheduled briefings (services/briefings/generate-briefings.ts) on the job engine: every day at
 * 08:00 北京时间 the run generates what the day has due — Mondays the weekly briefing of the past week,
 * the 1st/11th/21st the 旬调度 of the past 旬, the 1st the monthly briefing — for every region whose
 * active accounts read briefings, once across every app process. A briefing that exists is left as
 * it is, so a retry or a second run adds nothing.
 */
import type { Deps } from '../services/context';
import { generateDueBriefings, type ScheduledRun } from '../services/briefings/generate-briefings';
import type { JobEngine } from './engine';

export const BRIEFINGS_QUEUE = 'briefings';

export async function defineBriefingsJob(engine: JobEngine, deps: Deps, opts: { cron?: string; now?: () => Date; onGenerated?: (run: ScheduledRun) => void } = {}): Promise<void> {
  engine.define({
    name: BRIEFINGS_QUEUE,
    policy: 'stately',
    retryLimit: 2,
    retryDelaySeconds: 300,
    expireInSeconds: 3600,
    run: async () => {
      const run = await generateDueBriefings(deps, opts.now?.() ?? new Date());
      opts.onGenerated?.(run);
    },
  });
  await engine.schedule({ queue: BRIEFINGS_QUEUE, cron: opts.cron ?? '0 8 * * *' });
}
