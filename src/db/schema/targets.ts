import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, pgTable, primaryKey, real, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { chainNodeCodes } from './chains';
import { enterprises } from './enterprises';
import { inquiries } from './inquiries';
import { projects } from './projects';
import { regions } from './regions';

/**
 * 精准招商 (DESIGN.md "The second half", issue 12 items 4–8): the roadmap of a chain per region and
 * node, the target enterprises a region claims for a node, each status change (the funnel and the
 * backtest read them), staff feedback on scored candidates, and the relatedness of industries
 * computed from the enterprise database.
 */
export const TARGET_STATUSES = ['new', 'contacted', 'visited', 'negotiating', 'signed', 'dropped'] as const;
export const TARGET_FEEDBACK_KINDS = ['irrelevant', 'contacted', 'goodLead'] as const;
export const ROADMAP_GOALS = ['extend', 'fill', 'strengthen'] as const;

export const targets = pgTable(
  'targets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** the region that claims the firm for the node */
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    nodeCode: text('node_code')
      .notNull()
      .references(() => chainNodeCodes.code),
    enterpriseId: uuid('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    status: text('status', { enum: TARGET_STATUSES }).notNull().default('new'),
    /** why it was dropped (required when dropped) */
    dropReason: text('drop_reason'),
    ownerId: uuid('owner_id').references(() => users.id),
    /** the score when claimed, in tenths of a point (74.3 → 743) */
    scoreTenths: integer('score_tenths'),
    /** the feature values when claimed ({ industryFit: 1, … }): what the weights are fitted on */
    features: jsonb('features').notNull().default(sql`'{}'::jsonb`),
    /** the project it became (a lead keeps its origin) */
    projectId: uuid('project_id').references(() => projects.id),
    /** the inquiry (在线对接) the target was taken from; null: none */
    originInquiryId: uuid('origin_inquiry_id').references(() => inquiries.id, { onDelete: 'set null' }),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    statusChangedAt: timestamp('status_changed_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    // one region per node and firm at a time: a dropped claim frees the firm for another region
    uniqueIndex('targets_active_claim_uq').on(t.nodeCode, t.enterpriseId).where(sql`${t.status} <> 'dropped'`),
    index('targets_region_idx').on(t.regionCode, t.nodeCode),
    index('targets_enterprise_idx').on(t.enterpriseId),
    index('targets_project_idx').on(t.projectId),
    index('targets_origin_inquiry_idx').on(t.originInquiryId),
    check('targets_drop_reason', sql`${t.status} <> 'dropped' or ${t.dropReason} is not null`),
  ],
);

/** Every status a target reached, when and by whom: the funnel per month and the outcomes of the backtest. */
export const targetEvents = pgTable(
  'target_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    targetId: uuid('target_id')
      .notNull()
      .references(() => targets.id, { onDelete: 'cascade' }),
    status: text('status', { enum: TARGET_STATUSES }).notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid('actor_id').references(() => users.id),
    reason: text('reason'),
  },
  (t) => [index('target_events_target_idx').on(t.targetId, t.at), index('target_events_at_idx').on(t.at)],
);

/** Staff feedback on a scored candidate (不相关 / 已接触 / 好线索), one per person, region, node and firm. */
export const targetFeedback = pgTable(
  'target_feedback',
  {
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    nodeCode: text('node_code')
      .notNull()
      .references(() => chainNodeCodes.code),
    enterpriseId: uuid('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind', { enum: TARGET_FEEDBACK_KINDS }).notNull(),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.nodeCode, t.enterpriseId, t.userId] }), index('target_feedback_enterprise_idx').on(t.enterpriseId)],
);

/** 路线图: per region and node, the goal (延链/补链/强链), an owner and a due date. */
export const chainRoadmapItems = pgTable(
  'chain_roadmap_items',
  {
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    nodeCode: text('node_code')
      .notNull()
      .references(() => chainNodeCodes.code),
    goal: text('goal', { enum: ROADMAP_GOALS }).notNull(),
    ownerId: uuid('owner_id').references(() => users.id),
    dueOn: date('due_on'),
    note: text('note'),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.nodeCode] })],
);

/**
 * Relatedness of two industries (大类, GB/T 4754 two-digit divisions) from co-location in the
 * enterprise database ("principle of relatedness"): φ = the share of counties specialised in both
 * among those specialised in the more common one (revealed comparative advantage ≥ 1). Refreshed by a job.
 */
export const industryProximity = pgTable(
  'industry_proximity',
  {
    industryA: text('industry_a').notNull(),
    industryB: text('industry_b').notNull(),
    phi: real('phi').notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.industryA, t.industryB] })],
);

/**
 * Counties specialised in each 大类 and the national enterprise count per 大类, written by the same
 * job as industry_proximity: a region's revealed comparative advantage reads its own counts against
 * these instead of scanning the national table on every request.
 */
export const industryDivisionCounts = pgTable('industry_division_counts', {
  division: text('division').primaryKey(),
  enterprises: integer('enterprises').notNull(),
  computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Counted enterprises (not revoked or deregistered) per registered region and industry code, written
 * by the feature refresh (services/targets/industry-relatedness.ts) in the same pass as
 * industry_division_counts: a region's densities sum its subtree's rows here instead of counting its
 * enterprises on every request. Enterprises without a region or an industry code are not listed.
 */
export const regionIndustryCounts = pgTable(
  'region_industry_counts',
  {
    regionCode: text('region_code').notNull(),
    industryCode: text('industry_code').notNull(),
    enterprises: integer('enterprises').notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.industryCode] })],
);

/**
 * An enterprise's growth signals as of the last feature refresh, only for enterprises with one:
 * capital increases recorded in the last 24 months, and the provinces other than its own where its
 * group (parent_group) established an enterprise in the last 730 days. Scoring reads 0 for absent rows.
 * No reference to enterprises: the bulk swap replaces that table, and a stale row is never read
 * (scoring joins from enterprises).
 */
export const enterpriseGrowthSignals = pgTable('enterprise_growth_signals', {
  enterpriseId: uuid('enterprise_id').primaryKey(),
  capitalIncreases: integer('capital_increases').notNull(),
  newBranchRegions: integer('new_branch_regions').notNull(),
});

/**
 * What the feature refresh counted for the "上下游带动" feature: one row per node match (a chain
 * node's subtree industry codes and product query, as services/chains/node-match.ts builds them)
 * of the top-level nodes of every chain's current version. The key is a hash of the match itself,
 * so an edited node whose match changed finds no row and is counted live until the next refresh.
 */
export const nodeLocalMatches = pgTable('node_local_matches', {
  matchKey: text('match_key').primaryKey(),
  industryCodes: text('industry_codes').array().notNull(),
  productQuery: text('product_query'),
  computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Counted enterprises (not revoked or deregistered) matching a node match, per registered region
 * (only non-zero rows): a region's local enterprises of the node are its subtree's rows summed,
 * the same definition as chain coverage (db/queries/chains/chain-coverage.ts countNodeEnterprises).
 */
export const nodeLocalCounts = pgTable(
  'node_local_counts',
  {
    matchKey: text('match_key')
      .notNull()
      .references(() => nodeLocalMatches.matchKey, { onDelete: 'cascade' }),
    regionCode: text('region_code').notNull(),
    enterprises: integer('enterprises').notNull(),
  },
  (t) => [primaryKey({ columns: [t.matchKey, t.regionCode] })],
);
