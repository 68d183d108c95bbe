import { bigint, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * The audit trail: one row per change to business or security data, failed login or refused
 * access. Rows are append-only: a trigger (migration 0001) refuses UPDATE, DELETE and TRUNCATE.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid('actor_id'),
    actorUsername: text('actor_username'),
    action: text('action').notNull(),
    objectType: text('object_type').notNull(),
    objectId: text('object_id'),
    /** region the object belongs to (or the actor's, for logins); scopes what an auditor sees */
    regionCode: text('region_code'),
    before: jsonb('before'),
    after: jsonb('after'),
    reason: text('reason'),
    clientIp: text('client_ip'),
    outcome: text('outcome', { enum: ['success', 'failure', 'denied'] }).notNull(),
    requestId: text('request_id'),
  },
  (t) => [
    index('audit_at_idx').on(t.at),
    index('audit_actor_idx').on(t.actorUsername, t.at),
    index('audit_object_idx').on(t.objectType, t.objectId),
  ],
);

/**
 * The hash chain over the audit trail (src/services/audit/audit-chain.ts): one row per sealed audit row, in
 * id order. `rowHash` is the SHA-256 of the audit row's canonical form, `hash` = SHA-256(prevHash ‖
 * rowHash), so editing or deleting a sealed audit row, or a chain row, breaks the chain where it
 * happened. Insert-only: the application role may INSERT and SELECT, and a trigger (migration 0012)
 * refuses UPDATE, DELETE and TRUNCATE for every role. Hashes are lower-case hex.
 */
export const auditChain = pgTable('audit_chain', {
  auditId: bigint('audit_id', { mode: 'number' }).primaryKey(),
  rowHash: text('row_hash').notNull(),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull(),
  sealedAt: timestamp('sealed_at', { withTimezone: true }).notNull().defaultNow(),
});
