/**
 * The hourly expiry of idempotency keys (services/idempotency): a key is kept a day (a retry comes within
 * minutes), then forgotten, so the table stays the size of a day's writes. At minute 41 of every hour
 * unless `cron`, one run per occurrence across every app process; no retry (the next hour tries again).
 */
import type { Deps } from '../services/context';
import { expireIdempotencyKeys } from '../services/idempotency/idempotency';
import type { JobEngine } from './engine';

export const IDEMPOTENCY_EXPIRY_QUEUE = 'idempotency-key-expiry';

/** Defines the queue and its hourly schedule on `engine` (before engine.start()). */
export async function defineIdempotencyExpiryJob(engine: JobEngine, deps: Deps, opts: { cron?: string; onExpired?: (forgotten: number) => void } = {}): Promise<void> {
  engine.define({
    name: IDEMPOTENCY_EXPIRY_QUEUE,
    policy: 'stately',
    retryLimit: 0,
    expireInSeconds: 600,
    run: async () => {
      const forgotten = await expireIdempotencyKeys(deps.db);
      opts.onExpired?.(forgotten);
    },
  });
  await engine.schedule({ queue: IDEMPOTENCY_EXPIRY_QUEUE, cron: opts.cron ?? '41 * * * *' });
}
