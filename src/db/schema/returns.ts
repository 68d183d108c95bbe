import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { regions } from './regions';

/**
 * 月报 (monthly return) of one region and month, reviewed level by level (层层审核).
 * States: draft → submitted → approved | returned → submitted … ; an approved return locks the
 * region's month for receipt changes until the parent level reopens it (back to `returned`).
 * `snapshot` is the figures of the latest submission; every submission is kept in monthly_return_versions.
 */
export const monthlyReturns = pgTable(
  'monthly_returns',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    month: text('month').notNull(),
    state: text('state', { enum: ['draft', 'submitted', 'approved', 'returned'] }).notNull().default('draft'),
    /** the number of submissions so far (the latest version's number) */
    submissions: integer('submissions').notNull().default(0),
    snapshot: jsonb('snapshot'),
    firstSubmittedAt: timestamp('first_submitted_at', { withTimezone: true }),
    submittedBy: uuid('submitted_by'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    reviewedBy: uuid('reviewed_by'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    /** the reason of the last return or reopening, shown to the submitter */
    reviewReason: text('review_reason'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('monthly_returns_region_month_uq').on(t.regionCode, t.month), index('monthly_returns_month_state_idx').on(t.month, t.state)],
);

/** One submission of a return: the frozen figures, who and when, and how the reviewer decided. */
export const monthlyReturnVersions = pgTable(
  'monthly_return_versions',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    returnId: uuid('return_id')
      .notNull()
      .references(() => monthlyReturns.id),
    number: integer('number').notNull(),
    snapshot: jsonb('snapshot').notNull(),
    submittedBy: uuid('submitted_by'),
    submittedByName: text('submitted_by_name').notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
    /** null while under review; then approved, returned, or reopened (approved and later reopened) */
    outcome: text('outcome', { enum: ['approved', 'returned', 'reopened'] }),
    reviewedBy: uuid('reviewed_by'),
    reviewedByName: text('reviewed_by_name'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reason: text('reason'),
  },
  (t) => [uniqueIndex('monthly_return_versions_uq').on(t.returnId, t.number)],
);
