/**
 * Idempotent writes. A client sends `Idempotency-Key` with a write it may have to retry (a dropped connection, a
 * 503): the first audited change of the request claims the key in the change's own transaction, so the key is
 * stored exactly when the change committed. A retry with the same key and the same request is answered with the
 * stored answer (or, when the answer was lost with the connection, refused as already applied) and never runs
 * again; the same key with another request is refused. Keys are per user and kept for a day.
 *
 * Every write path audits its change (recordAudit), so every write path claims the key: the API's routes, the
 * imports' commits, the upload of an import job — the same rule everywhere, with no list of routes to forget.
 */
import { AppError } from '../../domain/app-error';
import { msg } from '../../domain/messages/catalog';
import type { Db } from '../../db/client';
import {
  claimIdempotencyKey,
  deleteIdempotencyKeysBefore,
  selectIdempotencyKey,
  updateIdempotentResponse,
} from '../../db/queries/idempotency/idempotency-keys';
import type { Caller } from '../context';

/** How long a key is remembered. */
export const IDEMPOTENCY_KEY_TTL_HOURS = 24;

/** The key's form: what clients generate (a UUID fits), nothing that could smuggle text into logs. */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9._:-]{8,128}$/;

/**
 * Inside the change's transaction (called by recordAudit): claims the caller's key for this request. Throws
 * IDEMPOTENT_APPLIED — rolling the change back — when another request holds the key.
 */
export async function claimCallerIdempotencyKey(tx: Db, caller: Caller): Promise<void> {
  const claim = caller.idempotency;
  if (!claim || !caller.actor.id || !caller.requestId) return;
  const mine = await claimIdempotencyKey(tx, { actorId: caller.actor.id, key: claim.key, fingerprint: claim.fingerprint, requestId: caller.requestId });
  if (!mine) throw new AppError('IDEMPOTENT_APPLIED', msg('http.idempotentApplied', { key: claim.key }));
}

export type EarlierRequest = { kind: 'none' } | { kind: 'answered'; status: number; body: unknown };

/**
 * Before a write runs: what an earlier request with this key did. `none` — run it; `answered` — give the stored
 * answer again. Throws IDEMPOTENCY_KEY_REUSED for another request under the same key, IDEMPOTENT_APPLIED when the
 * earlier request committed but its answer was not kept (lost with the connection).
 */
export async function findEarlierRequest(db: Db, actorId: string, key: string, fingerprint: string): Promise<EarlierRequest> {
  const row = await selectIdempotencyKey(db, actorId, key);
  if (!row) return { kind: 'none' };
  if (row.fingerprint !== fingerprint) throw new AppError('IDEMPOTENCY_KEY_REUSED', msg('http.idempotencyKeyReused', { key }));
  if (row.responseStatus === null) throw new AppError('IDEMPOTENT_APPLIED', msg('http.idempotentApplied', { key }));
  return { kind: 'answered', status: row.responseStatus, body: row.responseBody };
}

/** After the answer: keeps it for retries (only where this request claimed the key). */
export async function rememberIdempotentAnswer(db: Db, caller: Caller, status: number, body: unknown): Promise<void> {
  const claim = caller.idempotency;
  if (!claim || !caller.actor.id || !caller.requestId) return;
  await updateIdempotentResponse(db, caller.actor.id, claim.key, caller.requestId, status, body);
}

/** Forgets keys older than the TTL; the number forgotten. */
export async function expireIdempotencyKeys(db: Db, now = new Date()): Promise<number> {
  return deleteIdempotencyKeysBefore(db, new Date(now.getTime() - IDEMPOTENCY_KEY_TTL_HOURS * 3600_000));
}
