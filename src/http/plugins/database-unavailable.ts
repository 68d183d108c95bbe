/**
 * A lost or refused database connection (PostgreSQL restarting, a network cut, a terminated backend) is not an
 * internal error: the request is answered 503 with Retry-After and says that the change may or may not have been
 * saved — a cut after the commit and before the answer cannot be told from one before — and that a retry with the
 * same Idempotency-Key is never applied twice. The pool replaces the broken connection by itself.
 */
import { msg, type Message } from '../../domain/messages/catalog';

const NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
/** SQLSTATE class 08 (connection exception) and the shutdown codes of class 57 */
const SQLSTATES = new Set(['57P01', '57P02', '57P03']);
const DRIVER_MESSAGES = [
  'Connection terminated unexpectedly',
  'Connection terminated',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
];

export const DATABASE_UNAVAILABLE_RETRY_AFTER_SECONDS = 2;

/** The chain of causes (driver errors wrapped by Drizzle and by the pool). */
function causes(err: unknown): { code?: unknown; message?: unknown }[] {
  const out: { code?: unknown; message?: unknown }[] = [];
  let e: unknown = err;
  for (let i = 0; i < 5 && typeof e === 'object' && e !== null; i++) {
    out.push(e as { code?: unknown; message?: unknown });
    e = (e as { cause?: unknown }).cause;
  }
  return out;
}

export function isConnectionLoss(err: unknown): boolean {
  return causes(err).some(
    (e) =>
      (typeof e.code === 'string' && (NODE_CODES.has(e.code) || SQLSTATES.has(e.code) || e.code.startsWith('08'))) ||
      (typeof e.message === 'string' && DRIVER_MESSAGES.includes(e.message)),
  );
}

export function describeConnectionLoss(err: unknown, requestId: string): { text: Message; retryAfterSeconds: number } | null {
  if (!isConnectionLoss(err)) return null;
  return { text: msg('http.databaseUnavailable', { requestId }), retryAfterSeconds: DATABASE_UNAVAILABLE_RETRY_AFTER_SECONDS };
}
