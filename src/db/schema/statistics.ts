import { bigint, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { regions } from './regions';

/** Annual targets of a region (到位资金, optionally 签约额), entered by the parent level. */
export const regionTargets = pgTable(
  'region_targets',
  {
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    year: integer('year').notNull(),
    fundsTargetYuan: bigint('funds_target_yuan', { mode: 'bigint' }).notNull(),
    signedTargetYuan: bigint('signed_target_yuan', { mode: 'bigint' }),
    setBy: uuid('set_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.year] })],
);

/**
 * Funds rollups: the figures of selectFundsBySource for the projects held directly by one region
 * (one of its 16 buckets of projects), for one year, month range and receipt filter, computed on first use and kept until a change
 * touches the region (statistics-rollups.ts). A region's `version` is bumped by triggers on every
 * change of its receipts, evidence links or projects (migration 0008); a rollup is valid while its
 * version equals the region's. Summaries add the valid rollups of a subtree's regions.
 */
export const fundsRollupVersions = pgTable(
  'funds_rollup_versions',
  {
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    /** projects of a region are spread over 16 buckets (last byte of the id), so a change recomputes a sixteenth */
    bucket: integer('bucket').notNull(),
    version: bigint('version', { mode: 'number' }).notNull().default(1),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.bucket] })],
);

export const fundsRollups = pgTable(
  'funds_rollups',
  {
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    bucket: integer('bucket').notNull(),
    year: integer('year').notNull(),
    fromMonth: integer('from_month').notNull(),
    toMonth: integer('to_month').notNull(),
    /** bit 1: verified receipts only; bit 2: receipts with evidence only */
    variant: integer('variant').notNull(),
    /** the region's version the figures were computed at */
    version: bigint('version', { mode: 'number' }).notNull(),
    /** per source ('' = not recorded): { projects, fundsYuan, newProjects, newFundsYuan } with amounts as strings */
    figures: jsonb('figures').$type<Record<string, { projects: number; fundsYuan: string; newProjects: number; newFundsYuan: string }>>().notNull(),
    /** for the breakdowns: per "industryCode|investorType" ('' = none): [executing projects, funds as a string] */
    groups: jsonb('groups').$type<Record<string, [number, string]>>().notNull(),
    /** funds per month of the range (index 0 = January), amounts as strings */
    months: jsonb('months').$type<string[]>().notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.bucket, t.year, t.fromMonth, t.toMonth, t.variant] })],
);
