/**
 * The login rate limits (domain/login-limits.ts) over the login_failures table: every attempt first
 * writes a failure row, then counts the window; a successful login takes its row back. Counting in
 * the database keeps several app processes on one PostgreSQL honest (an in-memory limiter would give
 * each process its own budget), and writing before counting means concurrent attempts see each other.
 */
import {
  countAddressFailures,
  countUsernameFailures,
  deleteLoginFailure,
  deleteOldLoginFailures,
  insertLoginFailure,
} from '../../db/queries/accounts/login-security';
import type { Db } from '../../db/client';
import { AppError } from '../../domain/app-error';
import { msg } from '../../domain/messages/catalog';
import { ACCOUNT_MAX_FAILURES, ADDRESS_MAX_FAILURES, LOGIN_WINDOW_MINUTES } from '../../domain/login-limits';

export interface LoginAttempt {
  id: number;
  address: string;
  username: string;
}

function minutesOf(seconds: number) {
  return Math.max(1, Math.ceil(seconds / 60));
}

/** Writes the attempt as a failure and refuses it (429) when the address is over its limit. */
export async function beginLoginAttempt(db: Db, address: string | null, username: string): Promise<LoginAttempt> {
  const attempt = { address: address ?? 'unknown', username: username.toLowerCase().slice(0, 64) };
  const id = await insertLoginFailure(db, attempt.address, attempt.username);
  // now and then, old rows go (about one attempt in fifty)
  if (id % 50 === 0) await deleteOldLoginFailures(db, LOGIN_WINDOW_MINUTES * 2);
  const byAddress = await countAddressFailures(db, attempt.address, LOGIN_WINDOW_MINUTES, ADDRESS_MAX_FAILURES);
  if (byAddress.count > ADDRESS_MAX_FAILURES) {
    await deleteLoginFailure(db, id);
    throw new AppError('RATE_LIMITED', msg('auth.rateLimitedAddress', { window: LOGIN_WINDOW_MINUTES, max: ADDRESS_MAX_FAILURES, minutes: minutesOf(byAddress.retryAfterSeconds) }), undefined, {
      retryAfterSeconds: byAddress.retryAfterSeconds,
    });
  }
  return { id, ...attempt };
}

/** Refuses (429) when the user name is over its limit; the attempt does not count then. */
export async function checkAccountLimit(db: Db, attempt: LoginAttempt): Promise<void> {
  const byName = await countUsernameFailures(db, attempt.username, LOGIN_WINDOW_MINUTES, ACCOUNT_MAX_FAILURES);
  if (byName.count > ACCOUNT_MAX_FAILURES) {
    await deleteLoginFailure(db, attempt.id);
    throw new AppError('RATE_LIMITED', msg('auth.rateLimitedAccount', { window: LOGIN_WINDOW_MINUTES, max: ACCOUNT_MAX_FAILURES, minutes: minutesOf(byName.retryAfterSeconds) }), undefined, {
      retryAfterSeconds: byName.retryAfterSeconds,
    });
  }
}

/** A successful login does not count as a failure. */
export async function settleSuccessfulAttempt(db: Db, attempt: LoginAttempt): Promise<void> {
  await deleteLoginFailure(db, attempt.id);
}
