import { integer, jsonb, pgTable, primaryKey, text, timestamp, uuid, index } from 'drizzle-orm/pg-core';
import { users } from './accounts';

/**
 * Idempotency keys of writes (an `Idempotency-Key` header, services/idempotency): claimed by the first audited
 * change of a request, in the same transaction, so the key exists exactly when the write committed. A retry of
 * the same request (same user, key and fingerprint) is answered from `responseStatus`/`responseBody` (stored
 * after the answer, best effort) or, when the answer was lost with the connection, refused as already applied —
 * never executed twice. Rows older than a day are deleted by a schedule.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    actorId: uuid('actor_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    /** SHA-256 of method, route and body: the same key with another request is refused */
    fingerprint: text('fingerprint').notNull(),
    /** the request that claimed the key (Fastify's request id) */
    requestId: text('request_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    responseStatus: integer('response_status'),
    responseBody: jsonb('response_body'),
  },
  (t) => [primaryKey({ columns: [t.actorId, t.key] }), index('idempotency_keys_created_idx').on(t.createdAt)],
);
