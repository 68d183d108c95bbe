/** Idempotency keys of writes (schema/idempotency.ts; services/idempotency/idempotency.ts). */
import { and, eq, lt, sql } from 'drizzle-orm';
import type { Db } from '../../client';
import { idempotencyKeys } from '../../schema/index';

export type IdempotencyKeyRow = typeof idempotencyKeys.$inferSelect;

export async function selectIdempotencyKey(db: Db, actorId: string, key: string): Promise<IdempotencyKeyRow | null> {
  const [row] = await db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.actorId, actorId), eq(idempotencyKeys.key, key)))
    .limit(1);
  return row ?? null;
}

/**
 * Claims the key for this request inside the write's transaction: true when the key is this request's (newly
 * inserted, or inserted earlier in the same request), false when another request holds it. A concurrent claim
 * of the same key waits for the other transaction and then sees its row.
 */
export async function claimIdempotencyKey(db: Db, row: { actorId: string; key: string; fingerprint: string; requestId: string }): Promise<boolean> {
  const claimed = await db
    .insert(idempotencyKeys)
    .values(row)
    .onConflictDoUpdate({
      target: [idempotencyKeys.actorId, idempotencyKeys.key],
      set: { requestId: sql`excluded.request_id` },
      setWhere: sql`${idempotencyKeys.requestId} = excluded.request_id and ${idempotencyKeys.fingerprint} = excluded.fingerprint`,
    })
    .returning({ key: idempotencyKeys.key });
  return claimed.length === 1;
}

/** Keeps the answer given to the request that claimed the key (nothing when another request holds it). */
export async function updateIdempotentResponse(db: Db, actorId: string, key: string, requestId: string, status: number, body: unknown): Promise<void> {
  await db
    .update(idempotencyKeys)
    .set({ responseStatus: status, responseBody: body })
    .where(and(eq(idempotencyKeys.actorId, actorId), eq(idempotencyKeys.key, key), eq(idempotencyKeys.requestId, requestId)));
}

/** Deletes keys older than `before`; the number deleted. */
export async function deleteIdempotencyKeysBefore(db: Db, before: Date): Promise<number> {
  const gone = await db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, before)).returning({ key: idempotencyKeys.key });
  return gone.length;
}
