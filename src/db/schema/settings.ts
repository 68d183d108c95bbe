import { integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Installation settings edited at run time (security policy, …), one JSON value per key. */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  version: integer('version').notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
