import { sql } from 'drizzle-orm';
import { bigint, boolean, check, customType, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { projects } from './projects';
import { regions } from './regions';

const bytea = customType<{ data: Buffer; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => Buffer.from(value),
});

/** PostgreSQL `tsvector`, written from segmented words (search/chinese-words.ts, as the enterprise search). */
const tsvector = customType<{ data: string; driverData: string }>({ dataType: () => 'tsvector' });

/**
 * 招商窗口: a region's contact office for investors. Only public offices appear on the portal; their
 * phone and e-mail are the office's, never an officer's.
 */
export const regionContactOffices = pgTable(
  'region_contact_offices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    name: text('name').notNull(),
    address: text('address').notNull(),
    phone: text('phone').notNull(),
    /** office hours as written (e.g. 工作日 9:30–13:30，15:30–19:30) */
    hours: text('hours').notNull().default(''),
    email: text('email'),
    isPublic: boolean('is_public').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('region_contact_offices_region_idx').on(t.regionCode)],
);

/**
 * 项目推介: one publication of a project on the portal, from `publishedAt` until `withdrawnAt` (null: on
 * the portal now). At most one open publication per project; publishing again after a withdrawal adds a
 * row, so "published at the end of period P" is answered from the rows (reserve.published). The public
 * fields live here, never read from the project itself: nothing an officer did not publish leaves.
 */
export const projectPublications = pgTable(
  'project_publications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    publicTitle: text('public_title').notNull(),
    background: text('background').notNull().default(''),
    market: text('market').notNull().default(''),
    /** 建设条件与优势 */
    conditions: text('conditions').notNull().default(''),
    /** 投资规模, integer yuan; null: not shown */
    investmentScaleYuan: bigint('investment_scale_yuan', { mode: 'bigint' }),
    /** 合作方式 (独资、合资、合作 …) as written */
    cooperationMode: text('cooperation_mode').notNull().default(''),
    contactOfficeId: uuid('contact_office_id').references(() => regionContactOffices.id),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
    publishedBy: uuid('published_by').references(() => users.id),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    withdrawnBy: uuid('withdrawn_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('project_publications_open_idx').on(t.projectId).where(sql`${t.withdrawnAt} is null`),
    index('project_publications_project_idx').on(t.projectId, t.publishedAt),
    // the portal's newest-first list of what is published now
    index('project_publications_open_newest_idx').on(t.publishedAt.desc(), t.id).where(sql`${t.withdrawnAt} is null`),
    check('project_publications_interval', sql`${t.withdrawnAt} is null or ${t.withdrawnAt} >= ${t.publishedAt}`),
    check('project_publications_scale_nonnegative', sql`${t.investmentScaleYuan} is null or ${t.investmentScaleYuan} >= 0`),
  ],
);

/**
 * 招商资源 / 载体: land parcels, standard factories, office buildings and idle assets. Area in whole square
 * metres (exact; a parcel's 亩 are converted on entry: 1 亩 = 666.67 m², rounded). Price or rent in integer
 * yuan with its unit. `suitableIndustryPaths` holds every suitable code with all its ancestors
 * (C, 13, 131, 1311), so an investor filtering by a 门类 or 大类 finds resources coded with a 小类 under it.
 */
export const resources = pgTable(
  'resources',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: ['land', 'standardFactory', 'officeBuilding', 'idleAsset'] }).notNull(),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    name: text('name').notNull(),
    address: text('address').notNull().default(''),
    areaSqm: bigint('area_sqm', { mode: 'number' }),
    priceYuan: bigint('price_yuan', { mode: 'bigint' }),
    /** total 总价(元), perSqm 元/㎡, perSqmMonth 元/㎡·月, perSqmYear 元/㎡·年, perMu 元/亩 */
    priceUnit: text('price_unit', { enum: ['total', 'perSqm', 'perSqmMonth', 'perSqmYear', 'perMu'] }),
    /** water 供水, power 供电, gas 燃气, heating 供暖, network 网络, sewage 污水处理, steam 蒸汽 */
    utilities: text('utilities').array().notNull().default(sql`'{}'::text[]`),
    utilitiesNote: text('utilities_note').notNull().default(''),
    description: text('description').notNull().default(''),
    /** GB/T 4754 codes as entered (validated against industries) */
    suitableIndustryCodes: text('suitable_industry_codes').array().notNull().default(sql`'{}'::text[]`),
    /** the codes above with all their ancestors, for prefix filters */
    suitableIndustryPaths: text('suitable_industry_paths').array().notNull().default(sql`'{}'::text[]`),
    chainNodeCodes: text('chain_node_codes').array().notNull().default(sql`'{}'::text[]`),
    availability: text('availability', { enum: ['available', 'reserved', 'taken'] }).notNull().default('available'),
    contactOfficeId: uuid('contact_office_id').references(() => regionContactOffices.id),
    published: boolean('published').notNull().default(false),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('resources_region_idx').on(t.regionCode),
    index('resources_published_newest_idx').on(t.publishedAt.desc(), t.id).where(sql`${t.published}`),
    index('resources_industry_paths_idx').using('gin', t.suitableIndustryPaths),
    check('resources_area_nonnegative', sql`${t.areaSqm} is null or ${t.areaSqm} >= 0`),
    check('resources_price_nonnegative', sql`${t.priceYuan} is null or ${t.priceYuan} >= 0`),
    check('resources_price_unit', sql`(${t.priceYuan} is null) = (${t.priceUnit} is null)`),
  ],
);

/** Photos of a resource: images only, checked by services/files/uploaded-file.ts, stored in the database. */
export const resourcePhotos = pgTable(
  'resource_photos',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    resourceId: uuid('resource_id')
      .notNull()
      .references(() => resources.id, { onDelete: 'cascade' }),
    fileName: text('file_name').notNull(),
    mimeType: text('mime_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    /** 图片说明 (alt text on the portal) */
    caption: text('caption').notNull().default(''),
    sortOrder: integer('sort_order').notNull().default(0),
    uploadedBy: uuid('uploaded_by').references(() => users.id),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('resource_photos_resource_idx').on(t.resourceId, t.sortOrder)],
);

/** 政策库: a policy document (its items are what the portal lists, searches and matches). */
export const policies = pgTable(
  'policies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** the region the policy applies to (and its subtree); the officer's scope */
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    title: text('title').notNull(),
    issuingBody: text('issuing_body').notNull(),
    /** 文号, e.g. 新政办发〔2021〕12号 */
    documentNumber: text('document_number').notNull().default(''),
    validFrom: date('valid_from'),
    validTo: date('valid_to'),
    sourceUrl: text('source_url'),
    /** demo data written from public knowledge, not an official text */
    isDemo: boolean('is_demo').notNull().default(false),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('policies_region_idx').on(t.regionCode),
    check('policies_validity', sql`${t.validTo} is null or ${t.validFrom} is null or ${t.validTo} >= ${t.validFrom}`),
  ],
);

/**
 * 政策条款: who qualifies (industries — any level, matched with the company's code and its ancestors;
 * enterprise sizes; regions — empty means the policy's whole region), what is given, conditions, how to
 * apply, validity (null: the policy's). Search keys (`searchWords`, names weighted A and the rest B, as
 * the enterprise search) are rebuilt whenever the item or its policy's title changes.
 */
export const policyItems = pgTable(
  'policy_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    policyId: uuid('policy_id')
      .notNull()
      .references(() => policies.id, { onDelete: 'cascade' }),
    sortOrder: integer('sort_order').notNull().default(0),
    title: text('title').notNull(),
    industryCodes: text('industry_codes').array().notNull().default(sql`'{}'::text[]`),
    /** large 大型, medium 中型, small 小型, micro 微型 (工信部联企业〔2011〕300号); empty: any size */
    enterpriseSizes: text('enterprise_sizes').array().notNull().default(sql`'{}'::text[]`),
    regionCodes: text('region_codes').array().notNull().default(sql`'{}'::text[]`),
    benefit: text('benefit').notNull(),
    conditions: text('conditions').notNull().default(''),
    howToApply: text('how_to_apply').notNull().default(''),
    validFrom: date('valid_from'),
    validTo: date('valid_to'),
    published: boolean('published').notNull().default(false),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    searchWords: tsvector('search_words'),
    /** title, policy title and benefit, for substring search (pg_trgm) */
    searchText: text('search_text').notNull().default(''),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('policy_items_policy_idx').on(t.policyId, t.sortOrder),
    index('policy_items_search_words_idx').using('gin', t.searchWords),
    index('policy_items_search_text_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
    index('policy_items_industry_idx').using('gin', t.industryCodes),
    index('policy_items_published_newest_idx').on(t.publishedAt.desc(), t.id).where(sql`${t.published}`),
    check('policy_items_validity', sql`${t.validTo} is null or ${t.validFrom} is null or ${t.validTo} >= ${t.validFrom}`),
  ],
);
