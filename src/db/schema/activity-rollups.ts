import { bigint, customType, date, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { regions } from './regions';

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

/**
 * Activity rollups (issue 13 item 11): the activity statistics of one organising region for one
 * month, kept so a province's year adds parts instead of re-reading a million activities. Counts
 * add; "distinct organisations" and "distinct projects" do not, so a part keeps, per combination of
 * the filterable columns, the dense ids (activity_rollup_keys) of the organisations and projects
 * met, and a summary unites the sets (domain/activities/activity-rollup-parts.ts).
 *
 * A part is valid while its version equals the region-month's version in
 * activity_rollup_versions, bumped by triggers on every change of activities and their links
 * (migration 0036) and on a change of a linked project's amounts (0037); a region-month without a
 * version row holds no activity.
 */
export const activityRollupVersions = pgTable(
  'activity_rollup_versions',
  {
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    /** YYYY-MM of the activities' start date */
    month: text('month').notNull(),
    version: bigint('version', { mode: 'number' }).notNull().default(1),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.month] })],
);

export const activityRollups = pgTable(
  'activity_rollups',
  {
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    month: text('month').notNull(),
    /** the region-month's version the part was computed at */
    version: bigint('version', { mode: 'number' }).notNull(),
    /** the groups and the signed projects' amounts, as domain/activities/activity-rollup-parts.ts encodes them (encodePartText) */
    part: text('part').notNull(),
    /** the groups' id lists one after another, as varint gaps (packRollupPart) */
    ids: bytea('ids').notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.month] })],
);

/** Dense integer ids of organisation keys ('c:' credit code, 'n:' name) and projects ('p:' id), for the rollups' sets. */
export const activityRollupKeys = pgTable('activity_rollup_keys', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  key: text('key').notNull().unique('activity_rollup_keys_key_key'),
  /** set for project keys (amounts are read from the project when a summary is made) */
  projectId: uuid('project_id'),
});

/**
 * 储备项目 at the end of a period (projects whose stage then, by the stage history, was 线索/储备),
 * counted per region of the projects and kept while the region's version in
 * project_reserve_versions is unchanged: bumped by triggers on every change of a project's stage
 * history, region or existence (migration 0036) or of its portal publications (migration 0039). A summary
 * adds the counts of its subtree's regions.
 */
export const projectReserveVersions = pgTable('project_reserve_versions', {
  regionCode: text('region_code')
    .primaryKey()
    .references(() => regions.code),
  version: bigint('version', { mode: 'number' }).notNull().default(1),
});

export const projectReserveCounts = pgTable(
  'project_reserve_counts',
  {
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    /** the first day after the period: the stage as of 00:00 that day (Asia/Shanghai) */
    day: date('day').notNull(),
    version: bigint('version', { mode: 'number' }).notNull(),
    projects: integer('projects').notNull(),
    /** of those, the ones published on the portal at that moment (project_publications) */
    published: integer('published').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.day] })],
);
