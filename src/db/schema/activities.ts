import { sql } from 'drizzle-orm';
import { check, customType, date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { enterprises } from './enterprises';
import { partners, residentTeams } from './partners';
import { projects } from './projects';
import { regions } from './regions';
import { TARGET_STATUSES, targets } from './targets';

/**
 * 招商活动 (DESIGN.md "The second half", issue 13 item 1): trips, visits, receptions, events,
 * signing ceremonies and online work of an organising region, with the organisations met and the
 * projects discussed or signed there. Keys and labels: domain/activities/activity-kinds.ts.
 */
// the same keys as domain/activities/activity-kinds.ts (the schema layer does not import the domain)
const ACTIVITY_TYPES = ['trip', 'visit', 'reception', 'promotion', 'presentation', 'symposium', 'summit', 'expo', 'signing', 'online'] as const;
const ACTIVITY_HOSTINGS = ['organised', 'attended'] as const;
const LEADER_LEVELS = ['principal', 'leadership', 'official', 'none'] as const;
const ORGANISATION_KINDS = ['enterprise', 'chamber', 'association', 'park', 'government', 'academic', 'other'] as const;
const ACTIVITY_OUTCOMES = ['talks', 'intent', 'signed'] as const;
const TRIP_PLAN_STATUSES = ['planned', 'submitted', 'approved', 'returned', 'done'] as const;
const ACTIVITY_FILE_KINDS = ['photo', 'report', 'other'] as const;

const bytea = customType<{ data: Buffer; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => Buffer.from(value),
});

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

/** 活动对象: an organisation met, linked to the enterprise database when its credit code is known there. */
export const activityOrganisations = pgTable(
  'activity_organisations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    activityId: uuid('activity_id')
      .notNull()
      .references(() => activities.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    creditCode: text('credit_code'),
    enterpriseId: uuid('enterprise_id').references(() => enterprises.id),
    kind: text('kind', { enum: ORGANISATION_KINDS }).notNull(),
  },
  (t) => [
    uniqueIndex('activity_organisations_activity_name_uq').on(t.activityId, t.name),
    index('activity_organisations_enterprise_idx').on(t.enterpriseId),
  ],
);

/** 活动项目: a project discussed or signed at an activity (outcome 对接洽谈 / 意向 / 签约). */
export const activityProjects = pgTable(
  'activity_projects',
  {
    activityId: uuid('activity_id')
      .notNull()
      .references(() => activities.id, { onDelete: 'cascade' }),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    outcome: text('outcome', { enum: ACTIVITY_OUTCOMES }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.activityId, t.projectId] }), index('activity_projects_project_idx').on(t.projectId)],
);

/** 活动推进的招商目标: an investment target the activity advanced, with the status it moved the target to (null: none). */
export const activityTargets = pgTable(
  'activity_targets',
  {
    activityId: uuid('activity_id')
      .notNull()
      .references(() => activities.id, { onDelete: 'cascade' }),
    targetId: uuid('target_id')
      .notNull()
      .references(() => targets.id, { onDelete: 'cascade' }),
    statusSet: text('status_set', { enum: TARGET_STATUSES }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.activityId, t.targetId] }), index('activity_targets_target_idx').on(t.targetId)],
);

/**
 * 活动附件 (photos, reports): stored in the database like projects' evidence_files and checked by the
 * same guard (services/files/uploaded-file.ts: size, sniffed type, zip-bomb limits).
 */
export const activityFiles = pgTable(
  'activity_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    activityId: uuid('activity_id')
      .notNull()
      .references(() => activities.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ACTIVITY_FILE_KINDS }).notNull(),
    fileName: text('file_name').notNull(),
    mimeType: text('mime_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => users.id),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('activity_files_activity_idx').on(t.activityId)],
);
