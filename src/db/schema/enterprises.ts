import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { industries } from './industries';
import { regions } from './regions';

/** PostgreSQL `tsvector`, written from segmented words (see domain/enterprise-search-keys). */
const tsvector = customType<{ data: string; driverData: string }>({ dataType: () => 'tsvector' });

/** Where a field's current value came from: the import source name and the date of the data. */
export interface FieldSource {
  source: string;
  /** YYYY-MM-DD: the date of the data (数据日期), else the import date */
  date: string;
}

/**
 * 企业库. Identity is the unified social credit code; an enterprise without one exists only as an
 * investor named on a project (created on the fly) until a registry import brings its code.
 * Enterprises are reference data searched across the whole installation (targeting looks beyond
 * one's own region); contacts and lists are what region scope protects.
 */
export const enterprises = pgTable(
  'enterprises',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    creditCode: text('credit_code'),
    name: text('name').notNull(),
    /** 曾用名, oldest first */
    formerNames: text('former_names').array().notNull().default(sql`'{}'::text[]`),
    /** registered region (GB/T 2260, 6 digits) */
    regionCode: text('region_code').references(() => regions.code),
    /** GB/T 4754 code at any level: 门类 letter, 大类, 中类 or 小类 (as stored in industries) */
    industryCode: text('industry_code').references(() => industries.code),
    registeredCapitalYuan: bigint('registered_capital_yuan', { mode: 'bigint' }),
    establishedOn: date('established_on'),
    /** domain/enterprise-status: existing 存续, operating 在业, revoked 吊销, deregistered 注销, … */
    status: text('status'),
    /** listed-company ticker, e.g. 600888.SH */
    ticker: text('ticker'),
    businessScope: text('business_scope'),
    mainProducts: text('main_products'),
    /** 世界500强, 中国500强, 中国民营500强, 央企, 上市, 高新技术, 专精特新, 小巨人, 独角兽, 瞪羚 and admin-defined tags */
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    website: text('website'),
    parentGroup: text('parent_group'),
    employees: integer('employees'),
    /** domain/enterprise-status REVENUE_BANDS key */
    revenueBand: text('revenue_band'),
    /** per field key (e.g. "name", "registeredCapitalYuan"): the source and date of its current value */
    fieldSources: jsonb('field_sources').$type<Record<string, FieldSource>>().notNull().default(sql`'{}'::jsonb`),
    /** regions (codes) where someone holds a contact of this enterprise or a project with it: "already in contact" */
    contactRegionCodes: text('contact_region_codes').array().notNull().default(sql`'{}'::text[]`),
    /** search keys, rebuilt whenever name, former names, scope or products change */
    searchWords: tsvector('search_words'),
    /** name and former names, space-separated, for substring search (pg_trgm) */
    searchNames: text('search_names').notNull().default(''),
    /** pinyin of name and former names: full syllables joined and initials, space-separated */
    searchPinyin: text('search_pinyin').notNull().default(''),
    version: integer('version').notNull().default(1),
    /**
     * The import that created the enterprise (a background job's id, or the id a workbook import
     * gives its audit row), with the 数据来源 and 数据日期 of its row: a column rather than one
     * history row per created enterprise, which a million-row load would write after its swap while
     * enterprises is locked (issue 10 item 5). Null for enterprises created by hand (they have a
     * `created` history row) and for those created before migration 0019 (likewise).
     */
    createdByImport: uuid('created_by_import'),
    createdSource: text('created_source'),
    createdSourceDate: date('created_source_date'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('enterprises_credit_code_idx').on(t.creditCode),
    // rows an import creates are stored together: a block range index finds them for a few kilobytes
    index('enterprises_created_by_import_brin').using('brin', t.createdByImport).with({ autosummarize: true }),
    index('enterprises_name_idx').on(t.name),
    index('enterprises_region_idx').on(t.regionCode),
    index('enterprises_industry_idx').on(t.industryCode),
    // a node's candidates per industry code in registered-capital order (targets): each code's largest firms are a walk down the index
    index('enterprises_industry_capital_idx').on(t.industryCode, t.registeredCapitalYuan.desc().nullsLast(), t.id),
    // in the search's capital order (desc nulls last, id): a sorted page is a walk down the index, not a sort of every match
    index('enterprises_capital_order_idx').on(t.registeredCapitalYuan.desc().nullsLast(), t.id),
  ],
);

/** Tags an administrator added beyond the built-in DESIGN.md list. */
export const enterpriseTagDefinitions = pgTable('enterprise_tag_definitions', {
  name: text('name').primaryKey(),
  description: text('description'),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** History of merged fields: every change an import or an edit made to an enterprise field. */
export const enterpriseFieldChanges = pgTable(
  'enterprise_field_changes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    enterpriseId: uuid('enterprise_id')
      .notNull()
      .references(() => enterprises.id, { onDelete: 'cascade' }),
    field: text('field').notNull(),
    oldValue: jsonb('old_value'),
    newValue: jsonb('new_value'),
    source: text('source').notNull(),
    sourceDate: date('source_date').notNull(),
    importJobId: uuid('import_job_id'),
    changedBy: uuid('changed_by'),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('enterprise_field_changes_enterprise_idx').on(t.enterpriseId, t.changedAt)],
);

/** Near-duplicate names (without a credit code to decide), flagged for a person to review. */
export const enterpriseDuplicateCandidates = pgTable(
  'enterprise_duplicate_candidates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    enterpriseId: uuid('enterprise_id')
      .notNull()
      .references(() => enterprises.id, { onDelete: 'cascade' }),
    candidateId: uuid('candidate_id')
      .notNull()
      .references(() => enterprises.id, { onDelete: 'cascade' }),
    similarity: real('similarity').notNull(),
    reason: text('reason').notNull(),
    status: text('status', { enum: ['pending', 'dismissed', 'merged'] }).notNull().default('pending'),
    resolvedBy: uuid('resolved_by'),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('enterprise_duplicate_pair_idx').on(t.enterpriseId, t.candidateId),
    index('enterprise_duplicate_status_idx').on(t.status),
  ],
);

/**
 * Contacts (people) of an enterprise: personal data. A contact belongs to the region of whoever
 * recorded it (region scope); phones and e-mails are masked unless revealed by an audited action.
 * Deleting removes the row (the audit row keeps only masked values).
 */
export const enterpriseContacts = pgTable(
  'enterprise_contacts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    enterpriseId: uuid('enterprise_id')
      .notNull()
      .references(() => enterprises.id, { onDelete: 'cascade' }),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    name: text('name').notNull(),
    title: text('title'),
    phone: text('phone'),
    email: text('email'),
    notes: text('notes'),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('enterprise_contacts_enterprise_idx').on(t.enterpriseId), index('enterprise_contacts_region_idx').on(t.regionCode)],
);

/** A saved search (query and filters as the API takes them), private or shared within the owner's region. */
export const enterpriseSavedSearches = pgTable(
  'enterprise_saved_searches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    query: jsonb('query').$type<Record<string, unknown>>().notNull(),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    shared: boolean('shared').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('enterprise_saved_searches_owner_idx').on(t.ownerId)],
);

/** A list of enterprises (e.g. "光伏 target list"), private or shared within the owner's region. */
export const enterpriseLists = pgTable(
  'enterprise_lists',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    description: text('description'),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    shared: boolean('shared').notNull().default(false),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('enterprise_lists_owner_idx').on(t.ownerId), index('enterprise_lists_region_idx').on(t.regionCode)],
);

export const enterpriseListMembers = pgTable(
  'enterprise_list_members',
  {
    listId: uuid('list_id')
      .notNull()
      .references(() => enterpriseLists.id, { onDelete: 'cascade' }),
    enterpriseId: uuid('enterprise_id')
      .notNull()
      .references(() => enterprises.id, { onDelete: 'cascade' }),
    note: text('note'),
    addedBy: uuid('added_by').references(() => users.id),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.listId, t.enterpriseId] }), index('enterprise_list_members_enterprise_idx').on(t.enterpriseId)],
);

/**
 * Background import jobs (large enterprise files): state lives here so progress survives a page
 * reload and any app process can answer for it. The file waits on disk in the data directory.
 */
export const importJobs = pgTable(
  'import_jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull(),
    status: text('status', { enum: ['queued', 'running', 'succeeded', 'failed', 'cancelled'] }).notNull().default('queued'),
    fileName: text('file_name').notNull(),
    filePath: text('file_path').notNull(),
    fileBytes: bigint('file_bytes', { mode: 'number' }).notNull(),
    sha256: text('sha256'),
    dryRun: boolean('dry_run').notNull().default(false),
    /** source name recorded for every field this import sets */
    source: text('source').notNull(),
    /** date of the data (数据日期) */
    sourceDate: date('source_date').notNull(),
    /** the account the job runs for; null: the CLI operator (yinfeng import without --as), named in the audit rows */
    createdBy: uuid('created_by').references(() => users.id),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    /** { phase, rowsRead, bytesRead, problems } */
    progress: jsonb('progress').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    cancelRequested: boolean('cancel_requested').notNull().default(false),
    /** the import result (counts, rejected rows) when finished */
    result: jsonb('result').$type<Record<string, unknown>>(),
    error: text('error'),
    /** which process runs it, and when it last said so */
    worker: text('worker'),
    heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('import_jobs_status_idx').on(t.status, t.createdAt), index('import_jobs_creator_idx').on(t.createdBy, t.createdAt)],
);
