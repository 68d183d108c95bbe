/**
 * Enterprise search (企业检索), saved searches and enterprise lists (企业名单): the criteria, the
 * answers and the request bodies of the routes, and the web's types; zod only. A result row and a
 * list member share the registry fields of enterprises.ts (enterpriseSummarySchema).
 */
import { z } from 'zod';
import { enterpriseSummarySchema } from './enterprises';
import { CONTRACT_MESSAGES } from './common';

export const ENTERPRISE_STATUSES = ['existing', 'operating', 'revoked', 'deregistered', 'movedOut', 'suspended', 'liquidating'] as const;
export const enterpriseStatusSchema = z.enum(ENTERPRISE_STATUSES);
export type EnterpriseStatus = z.infer<typeof enterpriseStatusSchema>;

export const enterpriseSortSchema = z.enum(['relevance', 'capital']);
export type EnterpriseSort = z.infer<typeof enterpriseSortSchema>;

/** The most results one search page holds. */
export const ENTERPRISE_SEARCH_MAX_PAGE_SIZE = 100;
/** At most this many results of one search go into a list in one call. */
export const MAX_ADD_FROM_SEARCH = 1000;

const regionFilter = z.string().regex(/^\d{6}(\d{3})?$/, '地区代码须为 6 位行政区划代码或 9 位园区代码');
const industryFilter = z.string().regex(/^([A-T]|\d{2,4})$/, '行业代码为门类字母或 2–4 位数字');

/** The criteria of a search as JSON (a saved search, `fromSearch`); GET /api/enterprises takes the same as query text. */
export const enterpriseCriteriaSchema = z
  .object({
    q: z.string().max(100).optional(),
    tags: z.array(z.string().max(30)).max(20).optional(),
    region: regionFilter.optional(),
    industry: industryFilter.optional(),
    capitalMin: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional().describe('注册资本下限（整数元）'),
    capitalMax: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional().describe('注册资本上限（整数元）'),
    foundedFrom: z.number().int().min(1900).max(2100).optional(),
    foundedTo: z.number().int().min(1900).max(2100).optional(),
    status: z.array(enterpriseStatusSchema).max(10).optional(),
    inContact: z.boolean().optional(),
    sort: enterpriseSortSchema.optional(),
  })
  .strict();
export type EnterpriseCriteria = z.input<typeof enterpriseCriteriaSchema>;

const csv = <T extends z.ZodType<string, string>>(item: T) =>
  z
    .string()
    .transform((v) => v.split(/[,，]/).map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(item).max(20));

const yuan = z.coerce.number<string | number>().int(CONTRACT_MESSAGES.amountInteger).min(0, CONTRACT_MESSAGES.amountNegative).max(Number.MAX_SAFE_INTEGER);
const year = z.coerce.number<string | number>().int().min(1900, CONTRACT_MESSAGES.yearMin).max(2100);

/** GET /api/enterprises: the criteria as query text (lists comma-separated), and the page. */
export const enterpriseSearchQuerySchema = z.object({
  q: z
    .string()
    .max(100)
    .optional()
    .describe(
      '搜索框：以数字开头的信用代码字符（2–18 位）按统一社会信用代码前缀查找；只有拉丁字母（可含数字）按拼音全拼或首字母查找（如 xjqy）；' +
        '其他按中文：空格分开的每个词都须命中——企业名称、曾用名、经营范围、主要产品中的词（结巴分词），或名称、曾用名中的任意连续片段',
    ),
  tags: csv(z.string().max(30)).optional().describe('逗号分隔的标签，须全部具备（与）'),
  region: regionFilter.optional().describe('注册地区：该地区及其全部下级'),
  industry: industryFilter.optional().describe('行业：含其下全部大类、中类、小类'),
  capitalMin: yuan.optional().describe('注册资本下限（整数元，含）。例：1000 万元 = 10000000'),
  capitalMax: yuan.optional().describe('注册资本上限（整数元，含）'),
  foundedFrom: year.optional().describe('成立年份起（含）'),
  foundedTo: year.optional().describe('成立年份止（含）'),
  status: csv(enterpriseStatusSchema).optional().describe('逗号分隔的经营状态（任一）'),
  inContact: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .describe('只看本地区（含下级）已有联系人或项目往来的企业'),
  sort: enterpriseSortSchema.optional().describe('relevance：相关度（无搜索词时按注册资本）；capital：注册资本从高到低'),
  page: z.coerce.number<string | number>().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number<string | number>().int().min(1).max(ENTERPRISE_SEARCH_MAX_PAGE_SIZE).default(20),
  exact: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .describe('精确计数：结果超过 1 万家时也数清全部并精确计算分面（较慢，数十万家时需数秒）'),
});
export type EnterpriseSearchQuery = z.input<typeof enterpriseSearchQuerySchema>;

export const highlightSegmentSchema = z.object({ text: z.string(), match: z.boolean() });
export type HighlightSegment = z.infer<typeof highlightSegmentSchema>;

export const enterpriseSearchItemSchema = enterpriseSummarySchema.extend({
  registeredCapitalYuan: z.number().nullable().describe('注册资本（整数元）；null 表示未知'),
  inContact: z.boolean().describe('本地区（含下级）已有联系人或项目往来'),
  highlight: z.object({
    name: z.array(highlightSegmentSchema),
    formerName: z.object({ text: z.string(), segments: z.array(highlightSegmentSchema) }).nullable(),
    creditCode: z.array(highlightSegmentSchema),
  }),
});
export type EnterpriseSearchItem = z.infer<typeof enterpriseSearchItemSchema>;

export const enterpriseSearchResultSchema = z.object({
  items: z.array(enterpriseSearchItemSchema),
  total: z.number().describe('结果总数；totalCapped 时为 10000（显示为“10,000+”）'),
  totalCapped: z.boolean().describe('结果超过 1 万家：只数到 1 万，分面为抽样估计，只能翻到前 1 万条；exact=true 可精确计数'),
  totalEstimate: z.number().nullable().describe('totalCapped 时按抽样估计的总数（两位有效数字）'),
  facetsEstimated: z.boolean().describe('分面为抽样估计（显示时标“≈”）'),
  page: z.number(),
  pageSize: z.number(),
  facets: z.object({
    tags: z.record(z.string(), z.number()).describe('标签 → 企业数'),
    regions: z.record(z.string(), z.number()).describe('下一级地区代码 → 企业数（含下级）'),
    regionRoot: z.string().nullable().describe('facets.regions 所在的上级地区代码；null 为全国'),
    regionNames: z.record(z.string(), z.string()).describe('地区代码 → 名称：facets.regions 的各地区、regionRoot 及其各级上级'),
  }),
});
export type EnterpriseSearchResult = z.infer<typeof enterpriseSearchResultSchema>;

// ---- saved searches ----------------------------------------------------------------------------

export const savedSearchSchema = z.object({
  id: z.string(),
  name: z.string(),
  query: enterpriseCriteriaSchema,
  shared: z.boolean(),
  ownerId: z.string(),
  ownerName: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  mine: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SavedSearch = z.infer<typeof savedSearchSchema>;

const name = z.string().trim().min(1, CONTRACT_MESSAGES.listName).max(60);
const shared = z.boolean().describe('共享给本地区及上级');

export const newSavedSearchBodySchema = z.object({ name, query: enterpriseCriteriaSchema, shared: shared.optional() });
export type NewSavedSearchBody = z.input<typeof newSavedSearchBodySchema>;
export const savedSearchChangeBodySchema = z.object({ name: name.optional(), query: enterpriseCriteriaSchema.optional(), shared: z.boolean().optional() });
export type SavedSearchChangeBody = z.input<typeof savedSearchChangeBodySchema>;

// ---- lists -------------------------------------------------------------------------------------

export const enterpriseListSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  shared: z.boolean(),
  ownerId: z.string(),
  ownerName: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  memberCount: z.number(),
  mine: z.boolean(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type EnterpriseList = z.infer<typeof enterpriseListSchema>;

export const enterpriseListMemberSchema = enterpriseSummarySchema.extend({
  ticker: z.string().nullable(),
  mainProducts: z.string().nullable(),
  website: z.string().nullable(),
  parentGroup: z.string().nullable(),
  note: z.string().nullable(),
  addedByName: z.string().nullable(),
  addedAt: z.string(),
});
export type EnterpriseListMember = z.infer<typeof enterpriseListMemberSchema>;

export const enterpriseListMemberPageSchema = z.object({ items: z.array(enterpriseListMemberSchema), total: z.number() });
/** GET /api/enterprise-lists/:id/members. */
export const listMemberQuerySchema = z.object({ page: z.coerce.number<number>().int().min(1).default(1), pageSize: z.coerce.number<number>().int().min(1).max(500).default(50) });
export type ListMemberQuery = z.input<typeof listMemberQuerySchema>;
export type EnterpriseListMemberPage = z.infer<typeof enterpriseListMemberPageSchema>;

const description = z.string().max(1000).nullable();
export const newEnterpriseListBodySchema = z.object({ name, description: description.optional(), shared: shared.optional() });
export type NewEnterpriseListBody = z.input<typeof newEnterpriseListBodySchema>;
export const enterpriseListChangeBodySchema = z.object({ name: name.optional(), description: description.optional(), shared: z.boolean().optional(), version: z.number().int().min(1) });
export type EnterpriseListChangeBody = z.input<typeof enterpriseListChangeBodySchema>;

const creditCodes = z.array(z.string().trim().min(1).max(18)).max(500);
const enterpriseIds = z.array(z.string().uuid(CONTRACT_MESSAGES.enterpriseIdUuid)).max(500).describe('企业 id（如搜索结果的 id；无信用代码的企业也可）');

export const addMembersBodySchema = z.object({
  creditCodes: creditCodes.optional(),
  enterpriseIds: enterpriseIds.optional(),
  fromSearch: z
    .object({ query: enterpriseCriteriaSchema, limit: z.number().int().min(1).max(MAX_ADD_FROM_SEARCH).optional().describe('默认 200') })
    .optional(),
  note: z.string().max(500).nullable().optional(),
});
export type AddMembersBody = z.input<typeof addMembersBodySchema>;

export const addMembersResultSchema = z.object({
  added: z.number(),
  alreadyPresent: z.number(),
  notFound: z.array(z.string()).describe('企业库中没有的信用代码或企业 id'),
  memberCount: z.number(),
});
export type AddMembersResult = z.infer<typeof addMembersResultSchema>;

export const removeMembersBodySchema = z.object({ creditCodes: creditCodes.optional(), enterpriseIds: enterpriseIds.optional() });
export type RemoveMembersBody = z.input<typeof removeMembersBodySchema>;
export const removeMembersResultSchema = z.object({ removed: z.number(), memberCount: z.number() });
export type RemoveMembersResult = z.infer<typeof removeMembersResultSchema>;
