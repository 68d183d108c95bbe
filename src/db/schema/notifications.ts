import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';

/**
 * In-app notifications (通知中心): one row per recipient, object and state. The unique key makes
 * raising the same state of the same object twice a no-op ("one notification per object and
 * state"): the clocks (services/notifications/clocks/) run hourly and raise whatever holds now.
 * `kind` names the clock (problemOverdue, followUpDue, …, digest); text, so a new clock needs no
 * migration. Title and body are stored as raised (Chinese), like a message sent.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    recipientId: uuid('recipient_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    objectType: text('object_type').notNull(),
    objectId: text('object_id').notNull(),
    /** the state of the object this notification is about, e.g. "overdue:2026-12-01" or "escalated:2026-12-01" */
    stateKey: text('state_key').notNull(),
    /** the object's region (for the list's filters and scope checks) */
    regionCode: text('region_code'),
    title: text('title').notNull(),
    body: text('body').notNull(),
    /** the web page of the object, e.g. /projects/<id> */
    link: text('link'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('notifications_once_idx').on(t.recipientId, t.objectType, t.objectId, t.stateKey),
    index('notifications_recipient_idx').on(t.recipientId, t.createdAt.desc()),
    // the bell's unread count
    index('notifications_unread_idx').on(t.recipientId).where(sql`${t.readAt} is null`),
  ],
);
