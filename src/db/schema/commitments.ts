import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, check, date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { evidenceFiles, projects } from './projects';

/**
 * 政策承诺: the government's commitments to a project, clause by clause (docs/commitments.md). The
 * status is derived from the data as of a day (domain/commitments/clause-status.ts); only the states
 * a person sets by hand (disputed, waived) are stored, with their reason. A clause needing a
 * 公平竞争审查 (review_required) cannot become agreed before a review approves it.
 */
export const commitments = pgTable(
  'commitments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    /** the clause's number in the agreement (第五条), as written; null: not given */
    clauseNo: text('clause_no'),
    type: text('type', { enum: ['subsidy', 'land', 'taxRefund', 'price', 'utility', 'service', 'other'] }).notNull(),
    title: text('title').notNull(),
    content: text('content'),
    /** the promised amount, yuan; null for a clause without an amount (content only) */
    amountYuan: bigint('amount_yuan', { mode: 'bigint' }),
    conditions: text('conditions'),
    /** 给予特定经营者 (not under a published policy open to all): with some types it needs a fair-competition review */
    selective: boolean('selective').notNull().default(false),
    policyBasis: text('policy_basis'),
    triggerKind: text('trigger_kind', { enum: ['date', 'fundsReach', 'stageReached'] }).notNull().default('date'),
    dueDate: date('due_date'),
    triggerAmountYuan: bigint('trigger_amount_yuan', { mode: 'bigint' }),
    triggerStage: text('trigger_stage', { enum: ['started', 'operating'] }),
    daysAfterTrigger: integer('days_after_trigger').notNull().default(0),
    graceWorkingDays: integer('grace_working_days').notNull().default(10),
    responsibleDepartment: text('responsible_department').notNull(),
    responsibleUserId: uuid('responsible_user_id')
      .notNull()
      .references(() => users.id),
    /** the investor's reciprocal obligations (targets) and what is known of them; investment's actual is the funds in place */
    obligationInvestmentYuan: bigint('obligation_investment_yuan', { mode: 'bigint' }),
    obligationOutputYuan: bigint('obligation_output_yuan', { mode: 'bigint' }),
    obligationTaxesYuan: bigint('obligation_taxes_yuan', { mode: 'bigint' }),
    obligationJobs: integer('obligation_jobs'),
    actualOutputYuan: bigint('actual_output_yuan', { mode: 'bigint' }),
    actualTaxesYuan: bigint('actual_taxes_yuan', { mode: 'bigint' }),
    actualJobs: integer('actual_jobs'),
    agreement: text('agreement', { enum: ['draft', 'agreed'] }).notNull().default('draft'),
    agreedOn: date('agreed_on'),
    reviewRequired: boolean('review_required').notNull().default(false),
    reviewDecision: text('review_decision', { enum: ['approved', 'rejected'] }),
    reviewNote: text('review_note'),
    reviewedBy: uuid('reviewed_by'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    manualStatus: text('manual_status', { enum: ['disputed', 'waived'] }),
    manualReason: text('manual_reason'),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('commitments_project_idx').on(t.projectId),
    // successor on deactivation and "my clauses": the open clauses of a responsible person
    index('commitments_responsible_idx').on(t.responsibleUserId),
    check('commitments_amount_nonnegative', sql`${t.amountYuan} is null or ${t.amountYuan} >= 0`),
    check(
      'commitments_trigger_complete',
      sql`(${t.triggerKind} = 'date' and ${t.dueDate} is not null) or (${t.triggerKind} = 'fundsReach' and ${t.triggerAmountYuan} is not null and ${t.triggerAmountYuan} > 0) or (${t.triggerKind} = 'stageReached' and ${t.triggerStage} is not null)`,
    ),
    check('commitments_days_range', sql`${t.daysAfterTrigger} between 0 and 3660 and ${t.graceWorkingDays} between 0 and 250`),
    check('commitments_agreed_reviewed', sql`${t.agreement} = 'draft' or not ${t.reviewRequired} or ${t.reviewDecision} = 'approved'`),
    check('commitments_manual_reason', sql`${t.manualStatus} is null or ${t.manualReason} is not null`),
  ],
);

/** A fulfilment (兑现记录) of a clause: when, how much, with its evidence file (the project's evidence_files). */
export const commitmentFulfilments = pgTable(
  'commitment_fulfilments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    commitmentId: uuid('commitment_id')
      .notNull()
      .references(() => commitments.id, { onDelete: 'cascade' }),
    fulfilledOn: date('fulfilled_on').notNull(),
    amountYuan: bigint('amount_yuan', { mode: 'bigint' }),
    /** a clause without an amount is fulfilled by a record marked complete */
    complete: boolean('complete').notNull().default(false),
    note: text('note'),
    evidenceFileId: uuid('evidence_file_id').references(() => evidenceFiles.id, { onDelete: 'set null' }),
    recordedBy: uuid('recorded_by'),
    recordedByName: text('recorded_by_name').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('commitment_fulfilments_commitment_idx').on(t.commitmentId), check('commitment_fulfilments_amount_nonnegative', sql`${t.amountYuan} is null or ${t.amountYuan} >= 0`)],
);

/** The clause's history: every change with who, when, why and the status before and after. */
export const commitmentHistory = pgTable(
  'commitment_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    commitmentId: uuid('commitment_id')
      .notNull()
      .references(() => commitments.id, { onDelete: 'cascade' }),
    /** create, update, agree, review, fulfil, status, reassign */
    event: text('event').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    detail: text('detail'),
    reason: text('reason'),
    actorId: uuid('actor_id'),
    actorName: text('actor_name').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('commitment_history_commitment_idx').on(t.commitmentId, t.at)],
);
