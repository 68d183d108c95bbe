import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { partners, residentTeams } from './partners';
import { regions } from './regions';

/**
 * 招商活动 (DESIGN.md "The second half", issue 13 item 1): trips, visits, receptions, events,
 * signing ceremonies and online work of an organising region, with the organisations met and the
 * projects discussed or signed there. Keys and labels: domain/activities/activity-kinds.ts.
 */
// the same keys as domain/activities/activity-kinds.ts (the schema layer does not import the domain)
const ACTIVITY_TYPES = ['trip', 'visit', 'reception', 'promotion', 'presentation', 'symposium', 'summit', 'expo', 'signing', 'online'] as const;
const ACTIVITY_HOSTINGS = ['organised', 'attended'] as const;
const LEADER_LEVELS = ['principal', 'leadership', 'official', 'none'] as const;
const TRIP_PLAN_STATUSES = ['planned', 'submitted', 'approved', 'returned', 'done'] as const;

export const activities = pgTable(
  'activities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** 活动编号: unique in the installation (the import's key) */
    code: text('code').notNull(),
    type: text('type', { enum: ACTIVITY_TYPES }).notNull(),
    name: text('name').notNull(),
    startDate: date('start_date').notNull(),
    endDate: date('end_date').notNull(),
    /** the organising region: scope and statistics follow it */
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    /** 主办 / 参加; null: not recorded */
    hosting: text('hosting', { enum: ACTIVITY_HOSTINGS }),
    leaderName: text('leader_name'),
    leaderLevel: text('leader_level', { enum: LEADER_LEVELS }).notNull().default('none'),
    /** 参加人次; null: not recorded */
    personTrips: integer('person_trips'),
    destinations: text('destinations'),
    /** 驻点小分队 by name until resident teams are records of their own */
    residentTeam: text('resident_team'),
    /** the resident team record; null: none, or a name (residentTeam) no team of the region answers to yet */
    teamId: uuid('team_id').references(() => residentTeams.id),
    /** a partner met or working with the activity */
    partnerId: uuid('partner_id').references(() => partners.id),
    notes: text('notes'),
    /** 资料不全: the facts the type needs that are unknown (hosting, personTrips, leaderLevel); empty when complete */
    missingFacts: text('missing_facts').array().notNull().default(sql`'{}'::text[]`),
    /**
     * 外出招商计划 (trips only): null for a trip logged after the fact (no plan); planned → submitted →
     * approved / returned (with reason) → done (its report submitted). domain/activities/trip-plan.ts.
     */
    planStatus: text('plan_status', { enum: TRIP_PLAN_STATUSES }),
    /** 行程安排与目的 of a planned trip */
    planText: text('plan_text'),
    planSubmittedAt: timestamp('plan_submitted_at', { withTimezone: true }),
    planSubmittedBy: uuid('plan_submitted_by').references(() => users.id),
    planDecidedBy: uuid('plan_decided_by').references(() => users.id),
    planDecidedAt: timestamp('plan_decided_at', { withTimezone: true }),
    /** why the plan was returned (required when returned) */
    planReturnReason: text('plan_return_reason'),
    /**
     * 报告截止日: the 15th working day after the trip's end (the calendar when it was set); null: no report is
     * tracked (not a trip, or a trip from a ledger import)
     */
    reportDueOn: date('report_due_on'),
    reportText: text('report_text'),
    /** 取得的成果 */
    reportResults: text('report_results'),
    reportSubmittedAt: timestamp('report_submitted_at', { withTimezone: true }),
    reportSubmittedBy: uuid('report_submitted_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('activities_code_uq').on(t.code),
    // statistics and lists: a region's subtree (region codes) over a period of start dates
    index('activities_region_start_idx').on(t.regionCode, t.startDate),
    index('activities_start_idx').on(t.startDate),
    index('activities_type_start_idx').on(t.type, t.startDate),
    index('activities_team_idx').on(t.teamId),
    index('activities_partner_idx').on(t.partnerId),
    // 报告待交: trips whose report is not in yet, by due date
    index('activities_report_due_idx').on(t.reportDueOn).where(sql`${t.reportSubmittedAt} is null and ${t.reportDueOn} is not null`),
    check('activities_return_reason', sql`${t.planStatus} is distinct from 'returned' or ${t.planReturnReason} is not null`),
    check('activities_dates_order', sql`${t.endDate} >= ${t.startDate}`),
    check('activities_person_trips_nonnegative', sql`${t.personTrips} is null or ${t.personTrips} >= 0`),
  ],
);
