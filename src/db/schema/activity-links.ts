import { customType, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { activities } from './activities';
import { enterprises } from './enterprises';
import { projects } from './projects';
import { TARGET_STATUSES, targets } from './targets';

/**
 * What hangs off a 招商活动 (activities.ts): the organisations met, the projects discussed or signed,
 * the investment targets advanced and the attachments. Apart from activities.ts so projects.ts can
 * point at an activity (projects.origin_activity_id) without an import cycle.
 */
// the same keys as domain/activities/activity-kinds.ts (the schema layer does not import the domain)
const ORGANISATION_KINDS = ['enterprise', 'chamber', 'association', 'park', 'government', 'academic', 'other'] as const;
const ACTIVITY_OUTCOMES = ['talks', 'intent', 'signed'] as const;
const ACTIVITY_FILE_KINDS = ['photo', 'report', 'other'] as const;

const bytea = customType<{ data: Buffer; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => Buffer.from(value),
});

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
