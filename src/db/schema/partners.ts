import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { regions } from './regions';

// the same keys as domain/activities/team-partner-kinds.ts (the schema layer does not import the domain)
const PARTNER_KINDS = ['ambassador', 'chamber', 'association', 'agency'] as const;
const TEAM_STATUSES = ['active', 'closed'] as const;

/**
 * 驻点招商小分队 (issue 13 item 2): a standing unit of an organising region, based in a city, with
 * members (accounts of the region and/or named people), a period and targets. Activities name it.
 */
export const residentTeams = pgTable(
  'resident_teams',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    name: text('name').notNull(),
    baseCity: text('base_city').notNull(),
    /** members: { userId?: string, name: string, role?: string } */
    members: jsonb('members').$type<{ userId: string | null; name: string; role: string | null }[]>().notNull().default([]),
    periodFrom: date('period_from'),
    periodTo: date('period_to'),
    targetsText: text('targets_text'),
    targetActivities: integer('target_activities'),
    targetLeads: integer('target_leads'),
    targetSignedProjects: integer('target_signed_projects'),
    status: text('status', { enum: TEAM_STATUSES }).notNull().default('active'),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('resident_teams_region_name_uq').on(t.regionCode, t.name),
    index('resident_teams_name_idx').on(t.name),
    check('resident_teams_period_order', sql`${t.periodTo} is null or ${t.periodFrom} is null or ${t.periodTo} >= ${t.periodFrom}`),
  ],
);

/**
 * Partners (issue 13 item 2): 招商大使, 商会, 协会 and 委托招商 agencies (with their agreement) of a
 * region. Projects record the partner who brought them; activities may name one.
 */
export const partners = pgTable(
  'partners',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    kind: text('kind', { enum: PARTNER_KINDS }).notNull(),
    name: text('name').notNull(),
    contact: text('contact'),
    notes: text('notes'),
    /** 委托招商 only: the agreement */
    agreementNo: text('agreement_no'),
    signedDate: date('signed_date'),
    startDate: date('start_date'),
    endDate: date('end_date'),
    terms: text('terms'),
    feeTerms: text('fee_terms'),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('partners_region_name_uq').on(t.regionCode, t.name),
    check('partners_dates_order', sql`${t.endDate} is null or ${t.startDate} is null or ${t.endDate} >= ${t.startDate}`),
  ],
);
