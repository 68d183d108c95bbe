import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, check, customType, date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { activities } from './activities';
import { chainNodeCodes } from './chains';
import { industries } from './industries';
import { inquiries } from './inquiries';
import { enterprises } from './enterprises';
import { partners } from './partners';
import { regions } from './regions';

const bytea = customType<{ data: Buffer; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => Buffer.from(value),
});

/** 招商项目. Amounts are integer yuan; null means not known yet, never zero. */
export const projects = pgTable(
  'projects',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    investorId: uuid('investor_id').references(() => enterprises.id),
    source: text('source', { enum: ['local', 'outOfRegion', 'foreign'] }),
    industryCode: text('industry_code').references(() => industries.code),
    plannedInvestmentYuan: bigint('planned_investment_yuan', { mode: 'bigint' }),
    signedAmountYuan: bigint('signed_amount_yuan', { mode: 'bigint' }),
    signedDate: date('signed_date'),
    agreedStartDate: date('agreed_start_date'),
    startedDate: date('started_date'),
    operatingDate: date('operating_date'),
    stage: text('stage', { enum: ['lead', 'negotiating', 'signed', 'started', 'operating', 'terminated'] }).notNull().default('lead'),
    /** the stage a terminated project had reached */
    stageBeforeTermination: text('stage_before_termination'),
    likelihood: text('likelihood', { enum: ['high', 'medium', 'low'] }),
    expectedLandingDate: date('expected_landing_date'),
    terminationReason: text('termination_reason'),
    description: text('description'),
    leaderId: uuid('leader_id').references(() => users.id),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    isKey: boolean('is_key').notNull().default(false),
    /** 招商方式 (domain/project-channels.ts); null: not recorded */
    channel: text('channel', { enum: ['chain', 'partner', 'event', 'residentTeam', 'commissioned', 'online', 'direct'] }),
    /**
     * 产业链节点: a node code of a chain visible to the project's region (services/projects/project-chain-node.ts);
     * the FK is to chain_node_codes, which keep every code ever used, so a node dropped by a newer chain
     * version stays on old projects (shown as 已不在当前版本). null: none.
     */
    chainNodeCode: text('chain_node_code').references(() => chainNodeCodes.code),
    /** the last time someone reported progress (stage change, receipt, problem, plan) */
    lastProgressAt: timestamp('last_progress_at', { withTimezone: true }).notNull().defaultNow(),
    /** the partner (招商大使, 商会, 委托招商 agency) who brought the project; null: none recorded */
    broughtByPartnerId: uuid('brought_by_partner_id').references(() => partners.id),
    /** the activity (a trip's report) the lead came from; null: none recorded */
    originActivityId: uuid('origin_activity_id').references(() => activities.id, { onDelete: 'set null' }),
    /** the inquiry (在线对接) the lead came from; channel 'online'; null: none */
    originInquiryId: uuid('origin_inquiry_id').references(() => inquiries.id, { onDelete: 'set null' }),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('projects_code_idx').on(t.code),
    index('projects_region_idx').on(t.regionCode),
    index('projects_stage_idx').on(t.stage),
    index('projects_leader_idx').on(t.leaderId),
    index('projects_partner_idx').on(t.broughtByPartnerId),
    index('projects_origin_activity_idx').on(t.originActivityId),
    index('projects_origin_inquiry_idx').on(t.originInquiryId),
    index('projects_investor_idx').on(t.investorId),
    // excludeTags (统计排除标签): the few projects carrying a tag are found without reading every project
    index('projects_tags_idx').using('gin', t.tags),
    index('projects_chain_node_idx').on(t.chainNodeCode),
    // signed projects of a period (statistics: signed amount, bands, start and fulfilment rates)
    index('projects_signed_date_idx').on(t.signedDate),
    // the projects of one funds-rollup part (a region's bucket): recomputing one stale part reads
    // its own projects, not all of a large county's (funds_rollup_bucket is defined in migration 0008)
    index('projects_region_bucket_idx').on(t.regionCode, sql`funds_rollup_bucket(${t.id})`),
  ],
);

/** 五个一: the team (专班) of a project. */
export const projectTeamMembers = pgTable(
  'project_team_members',
  {
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.userId] })],
);

/** 五个一: the plan (推进方案) as milestones. */
export const projectMilestones = pgTable(
  'project_milestones',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    dueDate: date('due_date'),
    doneOn: date('done_on'),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [index('project_milestones_project_idx').on(t.projectId)],
);

export const projectStageHistory = pgTable(
  'project_stage_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    fromStage: text('from_stage'),
    toStage: text('to_stage').notNull(),
    note: text('note'),
    changedBy: uuid('changed_by'),
    changedByName: text('changed_by_name').notNull(),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('project_stage_history_project_idx').on(t.projectId),
    // briefings: the stage changes of a week across a region's projects
    index('project_stage_history_changed_at_idx').on(t.changedAt),
  ],
);

/** 到位资金: one row per project and month; a correction replaces the month's amount (audited with a reason). */
export const fundReceipts = pgTable(
  'fund_receipts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    month: text('month').notNull(),
    amountYuan: bigint('amount_yuan', { mode: 'bigint' }).notNull(),
    note: text('note'),
    enteredBy: uuid('entered_by'),
    enteredAt: timestamp('entered_at', { withTimezone: true }).notNull().defaultNow(),
    verifiedBy: uuid('verified_by'),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    /**
     * The project/fund import that created the receipt (its audit row's object id), null when entered
     * by hand. Its creation shows in the history through it: a million created receipts cost a column,
     * not a million history rows; later changes by import are rows of import_changes.
     */
    createdByImport: uuid('created_by_import'),
  },
  (t) => [
    uniqueIndex('fund_receipts_project_month_idx').on(t.projectId, t.month),
    // BRIN: an import's receipts lie together in the heap, and a bulk insert barely pays for it (a btree entry per row did)
    index('fund_receipts_created_by_import_brin').using('brin', t.createdByImport).with({ autosummarize: true }),
    index('fund_receipts_month_idx').on(t.month),
    // plus fund_receipts_project_month_cover_idx (project_id, month) INCLUDE (amount_yuan, verified_at),
    // created in migration 0005 because drizzle-kit cannot express INCLUDE
    check('fund_receipts_amount_nonnegative', sql`${t.amountYuan} >= 0`),
    check('fund_receipts_month_format', sql`${t.month} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`),
  ],
);

/**
 * 回访: a follow-up visit of a landed (operating) investor. The schedule's visits are created when the
 * project reaches 投产 (`scheduleMonth`: months after the 投产 date, unique per project so creating the
 * schedule twice adds nothing); a visit recorded outside the schedule has none. Done when `doneOn` is set.
 */
export const followUps = pgTable(
  'follow_ups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    scheduleMonth: integer('schedule_month'),
    dueDate: date('due_date').notNull(),
    doneOn: date('done_on'),
    visitorName: text('visitor_name'),
    findings: text('findings'),
    /** domain/follow-up-flags: expansion, contraction, movingOut, dispute, unpaidCommitment */
    redFlags: text('red_flags').array().notNull().default(sql`'{}'::text[]`),
    notes: text('notes'),
    recordedBy: uuid('recorded_by'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('follow_ups_project_schedule_idx').on(t.projectId, t.scheduleMonth),
    // the clocks: visits not done yet, by due date
    index('follow_ups_open_due_idx').on(t.dueDate).where(sql`${t.doneOn} is null`),
  ],
);

/** 问题清单 */
export const projectProblems = pgTable(
  'project_problems',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    description: text('description').notNull(),
    ownerName: text('owner_name').notNull(),
    dueDate: date('due_date').notNull(),
    status: text('status', { enum: ['open', 'resolved'] }).notNull().default('open'),
    resolution: text('resolution'),
    resolvedOn: date('resolved_on'),
    /** the follow-up visit (回访) that raised the problem, if any */
    followUpId: uuid('follow_up_id').references(() => followUps.id, { onDelete: 'set null' }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('project_problems_project_idx').on(t.projectId), index('project_problems_follow_up_idx').on(t.followUpId)],
);

/** 帮办代办事项, with a working-day clock */
export const serviceItems = pgTable(
  'service_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    type: text('type', {
      enum: ['companyRegistration', 'projectFiling', 'land', 'planning', 'environmentalReview', 'powerWater', 'other'],
    }).notNull(),
    title: text('title').notNull(),
    requester: text('requester').notNull(),
    handlerName: text('handler_name').notNull(),
    openedOn: date('opened_on').notNull(),
    workingDays: integer('working_days').notNull(),
    dueOn: date('due_on').notNull(),
    status: text('status', { enum: ['open', 'closed'] }).notNull().default('open'),
    closedOn: date('closed_on'),
    note: text('note'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('service_items_project_idx').on(t.projectId), index('service_items_status_idx').on(t.status, t.dueOn)],
);

/** Evidence files (contract, permit, bank receipt), stored in the database so every app process sees them. */
export const evidenceFiles = pgTable(
  'evidence_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    fundReceiptId: uuid('fund_receipt_id').references(() => fundReceipts.id, { onDelete: 'set null' }),
    stageHistoryId: bigint('stage_history_id', { mode: 'number' }),
    kind: text('kind', { enum: ['contract', 'permit', 'bankReceipt', 'other'] }).notNull(),
    fileName: text('file_name').notNull(),
    mimeType: text('mime_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    uploadedBy: uuid('uploaded_by'),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('evidence_files_project_idx').on(t.projectId), index('evidence_files_receipt_idx').on(t.fundReceiptId)],
);

/** Holiday and 调休 overrides of the official calendar (a new year's schedule, local holidays). */
export const calendarOverrides = pgTable('calendar_overrides', {
  date: date('date').primaryKey(),
  kind: text('kind', { enum: ['workday', 'holiday'] }).notNull(),
  name: text('name').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A user's saved list filters (per page). */
export const savedFilters = pgTable(
  'saved_filters',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    page: text('page').notNull(),
    name: text('name').notNull(),
    filter: text('filter_json').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('saved_filters_user_page_name_idx').on(t.userId, t.page, t.name)],
);
