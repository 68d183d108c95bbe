/**
 * Per-address limits on the public forms, kept in the database so that every app process behind a
 * load balancer counts the same filings (the portal's general rate limit counts requests in memory
 * per process; this one counts filings). The address is stored only as a SHA-256 hash. Over a
 * limit: 429 with Retry-After, when the oldest filing in the window leaves it.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../../db/client';
import { countSubmissionsSince, deleteSubmissionsBefore, insertSubmission, selectOldestSubmissionSince } from '../../db/queries/inquiries/inquiries';
import { AppError } from '../../domain/app-error';
import { msg } from '../../domain/messages/catalog';

export const SUBMISSION_LIMITS = [
  { window: 'hour', ms: 3_600_000, max: 5 },
  { window: 'day', ms: 86_400_000, max: 20 },
] as const;

export function hashAddress(address: string | null): string {
  return createHash('sha256').update(`addr:${address ?? 'unknown'}`).digest('hex');
}

/**
 * Refuses a filing over a limit (429), else records it and answers how many filings the address made
 * in the last hour before this one (a spam sign). Run inside the filing's transaction.
 */
export async function takeSubmissionSlot(db: Db, address: string | null, now: Date = new Date()): Promise<number> {
  const key = hashAddress(address);
  let lastHour = 0;
  for (const limit of SUBMISSION_LIMITS) {
    const since = new Date(now.getTime() - limit.ms);
    const n = await countSubmissionsSince(db, key, since);
    if (limit.window === 'hour') lastHour = n;
    if (n >= limit.max) {
      const oldest = await selectOldestSubmissionSince(db, key, since);
      const seconds = Math.max(1, Math.ceil(((oldest?.getTime() ?? now.getTime()) + limit.ms - now.getTime()) / 1000));
      throw new AppError('RATE_LIMITED', msg('inquiry.rateLimited', { window: msg(`inquiry.window.${limit.window}`), max: limit.max, minutes: Math.ceil(seconds / 60) }), undefined, { retryAfterSeconds: seconds });
    }
  }
  await insertSubmission(db, key);
  // the log is only for the limits: rows older than two days go (a small table; done once per quiet address and hour)
  if (lastHour === 0) await deleteSubmissionsBefore(db, new Date(now.getTime() - 2 * 86_400_000));
  return lastHour;
}
