/**
 * The notification clocks (services/notifications/run-clocks.ts) on the job engine: every hour at
 * minute 5 北京时间 and once shortly after start, run by one process per occurrence. A run raises only
 * what is new (one notification per recipient, object and state) and, from 08:00 on, the day's
 * digests; so a missed hour or a second run changes nothing. No retry: the next hour runs again.
 */
import type { Deps } from '../services/context';
import { runNotificationClocks, type ClockRunResult } from '../services/notifications/run-clocks';
import type { JobEngine } from './engine';

export const NOTIFICATION_CLOCK_QUEUE = 'notification-clocks';

export interface NotificationClockJob {
  /** queues a run in `delaySeconds` (the start-up run) */
  kick(delaySeconds: number): Promise<void>;
}

export async function defineNotificationClockJob(engine: JobEngine, deps: Deps, opts: { cron?: string; onRun?: (r: ClockRunResult) => void } = {}): Promise<NotificationClockJob> {
  engine.define({
    name: NOTIFICATION_CLOCK_QUEUE,
    policy: 'stately',
    retryLimit: 0,
    expireInSeconds: 1800,
    run: async () => {
      opts.onRun?.(await runNotificationClocks(deps));
    },
  });
  await engine.schedule({ queue: NOTIFICATION_CLOCK_QUEUE, cron: opts.cron ?? '5 * * * *' });
  return {
    async kick(delaySeconds) {
      await engine.send(NOTIFICATION_CLOCK_QUEUE, {}, { startAfterSeconds: delaySeconds });
    },
  };
}
