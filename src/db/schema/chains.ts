import { sql } from 'drizzle-orm';
import { check, foreignKey, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { regions } from './regions';

/**
 * 产业链 (DESIGN.md "The second half"): a chain is defined once by a province or a prefecture
 * (`region_code`) and used by every region below it. Its content (name and nodes) is versioned:
 * every change makes a new row in chain_versions with the whole node list in chain_nodes, so any two
 * versions can be compared; `current_version` is the one in use.
 */
export const chains = pgTable(
  'chains',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** unique in the installation (the chains import format's 产业链编码) */
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    currentVersion: integer('current_version').notNull(),
    /** the shipped template it was adopted from, if any */
    templateCode: text('template_code'),
    /** 链长 */
    leaderUserId: uuid('leader_user_id').references(() => users.id),
    /** optimistic concurrency for edits */
    rowVersion: integer('row_version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('chains_region_idx').on(t.regionCode), check('chains_current_version_positive', sql`${t.currentVersion} >= 1`)],
);

export const CHAIN_VERSION_SOURCES = ['import', 'template', 'edit'] as const;

export const chainVersions = pgTable(
  'chain_versions',
  {
    chainId: uuid('chain_id')
      .notNull()
      .references(() => chains.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    name: text('name').notNull(),
    /** sha256 of the normalised content (name and nodes): re-importing the same content makes no version */
    contentSha256: text('content_sha256').notNull(),
    source: text('source', { enum: CHAIN_VERSION_SOURCES }).notNull(),
    /** file name (import), template code (template) or the editor's note (edit) */
    sourceName: text('source_name'),
    nodeCount: integer('node_count').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdByName: text('created_by_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.chainId, t.version] }), check('chain_versions_source', sql`${t.source} in ('import', 'template', 'edit')`)],
);

export const CHAIN_SEGMENTS = ['upstream', 'midstream', 'downstream'] as const;

/** The nodes of one version of a chain; a node may have a parent node of the same version. */
export const chainNodes = pgTable(
  'chain_nodes',
  {
    chainId: uuid('chain_id').notNull(),
    version: integer('version').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    parentCode: text('parent_code'),
    segment: text('segment', { enum: CHAIN_SEGMENTS }).notNull(),
    /** GB/T 4754-2017 codes of any level (小类 where it matters) */
    industryCodes: text('industry_codes').array().notNull().default(sql`'{}'::text[]`),
    /** key products and business-scope words */
    products: text('products').array().notNull().default(sql`'{}'::text[]`),
    /** order in the file */
    position: integer('position').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.chainId, t.version, t.code] }),
    foreignKey({ columns: [t.chainId, t.version], foreignColumns: [chainVersions.chainId, chainVersions.version] }).onDelete('cascade'),
    foreignKey({ columns: [t.chainId, t.version, t.parentCode], foreignColumns: [t.chainId, t.version, t.code] }),
    check('chain_nodes_segment', sql`${t.segment} in ('upstream', 'midstream', 'downstream')`),
  ],
);

/**
 * Node codes are unique in the installation: a code, once used, belongs to one chain (the roadmap,
 * targets and projects name nodes by code across versions).
 */
export const chainNodeCodes = pgTable('chain_node_codes', {
  code: text('code').primaryKey(),
  chainId: uuid('chain_id')
    .notNull()
    .references(() => chains.id, { onDelete: 'cascade' }),
});
