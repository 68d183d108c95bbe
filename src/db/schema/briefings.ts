import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { regions } from './regions';

/**
 * 简报 (issue 13 item 5): the weekly briefing (每周招商工作简报), the 旬调度 (dispatch: key projects per
 * responsible leader, every ten days) and the monthly briefing of a region and period. One row per
 * region, kind and period: the working copy. `figures` is the snapshot the generator computed (each
 * figure with the ids of the records it counts); `sections` the text an editor revises. Issuing
 * freezes the copy into briefing_editions (immutable); revising an issued briefing opens the next
 * edition as a draft while the issued ones stay downloadable.
 */
// the same keys as domain/briefings/briefing-kinds.ts (the schema layer does not import the domain)
const BRIEFING_KINDS = ['weekly', 'dispatch', 'monthly'] as const;
const BRIEFING_STATUSES = ['draft', 'issued'] as const;

export const briefings = pgTable(
  'briefings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    kind: text('kind', { enum: BRIEFING_KINDS }).notNull(),
    periodStart: date('period_start').notNull(),
    periodEnd: date('period_end').notNull(),
    status: text('status', { enum: BRIEFING_STATUSES }).notNull().default('draft'),
    /** the edition being drafted, or the last one issued (1 until a revision after issue) */
    edition: integer('edition').notNull().default(1),
    /** 第N期: numbered per region, kind and year at the first issue; null until then */
    issueNumber: integer('issue_number'),
    /** the generated figures (domain/briefings/briefing-figures.ts BriefingFigures) */
    figures: jsonb('figures').$type<Record<string, unknown>>().notNull(),
    /** the text sections [{ key, title, text, edited }] */
    sections: jsonb('sections').$type<Record<string, unknown>[]>().notNull(),
    version: integer('version').notNull().default(1),
    generatedAt: timestamp('generated_at', { withTimezone: true }).notNull().defaultNow(),
    /** null: the schedule (system) or the CLI operator */
    generatedBy: uuid('generated_by'),
    generatedByName: text('generated_by_name').notNull(),
    editedAt: timestamp('edited_at', { withTimezone: true }),
    editedByName: text('edited_by_name'),
    issuedAt: timestamp('issued_at', { withTimezone: true }),
    issuedBy: uuid('issued_by'),
    issuedByName: text('issued_by_name'),
    /** why the issued edition is being revised (carried into the next edition when it is issued) */
    revisionReason: text('revision_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('briefings_region_kind_period_uq').on(t.regionCode, t.kind, t.periodStart),
    // 第N期 once per region, kind and year: the database refuses a second number N even if the advisory lock were bypassed
    uniqueIndex('briefings_issue_number_uq')
      .on(t.regionCode, t.kind, sql`date_part('year', ${t.periodStart})`, t.issueNumber)
      .where(sql`${t.issueNumber} is not null`),
    index('briefings_kind_period_idx').on(t.kind, t.periodStart),
    check('briefings_period_order', sql`${t.periodEnd} >= ${t.periodStart}`),
  ],
);

/** An issued edition: frozen figures and text, never changed. */
export const briefingEditions = pgTable(
  'briefing_editions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    briefingId: uuid('briefing_id')
      .notNull()
      .references(() => briefings.id),
    edition: integer('edition').notNull(),
    issueNumber: integer('issue_number').notNull(),
    figures: jsonb('figures').$type<Record<string, unknown>>().notNull(),
    sections: jsonb('sections').$type<Record<string, unknown>[]>().notNull(),
    generatedAt: timestamp('generated_at', { withTimezone: true }).notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull().defaultNow(),
    issuedBy: uuid('issued_by'),
    issuedByName: text('issued_by_name').notNull(),
    /** why the edition replaces the previous one (null for the first) */
    revisionReason: text('revision_reason'),
  },
  (t) => [uniqueIndex('briefing_editions_briefing_edition_uq').on(t.briefingId, t.edition)],
);
