/**
 * The investor portal (issue 14): what officers publish (project publications, resources, policies and
 * their items, contact offices) — the requests and answers of /api/projects/:id/publication and
 * /api/portal/… — and the public read API under /api/public/…, which carries published fields only.
 * zod only; the keys repeat src/db/schema/portal.ts.
 */
import { z } from 'zod';
import { dateSchema, pageQuery, regionCodeSchema, yuanSchema } from './common';

export const RESOURCE_KINDS = ['land', 'standardFactory', 'officeBuilding', 'idleAsset'] as const;
export const PRICE_UNITS = ['total', 'perSqm', 'perSqmMonth', 'perSqmYear', 'perMu'] as const;
export const UTILITIES = ['water', 'power', 'gas', 'heating', 'network', 'sewage', 'steam'] as const;
export const AVAILABILITIES = ['available', 'reserved', 'taken'] as const;
export const ENTERPRISE_SIZES = ['large', 'medium', 'small', 'micro'] as const;
/** photos of one resource, at most */
export const MAX_RESOURCE_PHOTOS = 12;

const text = (max: number) => z.string().trim().max(max);
const industryCodeSchema = z.string().trim().regex(/^[A-T](\d{2,4})?$|^\d{2,4}$/, '行业代码应为 GB/T 4754 代码（门类字母或 2–4 位数字）').describe('GB/T 4754-2017 代码');
const versionSchema = z.number().int().min(1);
const uuidSchema = z.string().uuid();

/* ---------- contact offices ---------- */

export const officeCreateSchema = z.object({
  regionCode: regionCodeSchema.describe('所属地区'),
  name: z.string().trim().min(1).max(100).describe('窗口名称，如 某县招商服务中心'),
  address: z.string().trim().min(1).max(300),
  phone: z.string().trim().min(1).max(60).describe('窗口电话（公开）'),
  hours: text(200).optional().describe('办公时间'),
  email: z.string().trim().max(200).email().nullable().optional().describe('窗口邮箱（公开）'),
  isPublic: z.boolean().optional(),
});
export type OfficeCreate = z.input<typeof officeCreateSchema>;
export const officeUpdateSchema = officeCreateSchema.partial().extend({ version: versionSchema });
export type OfficeUpdate = z.input<typeof officeUpdateSchema>;

export const officeSchema = z.object({
  id: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  name: z.string(),
  address: z.string(),
  phone: z.string(),
  hours: z.string(),
  email: z.string().nullable(),
  isPublic: z.boolean(),
  version: z.number().int(),
});
export type Office = z.infer<typeof officeSchema>;
export const officeListSchema = z.object({ items: z.array(officeSchema) });

/* ---------- project publications ---------- */

export const publicationBodySchema = z.object({
  publicTitle: z.string().trim().min(1).max(200).describe('公开标题'),
  background: text(8000).optional().describe('项目背景'),
  market: text(8000).optional().describe('市场分析'),
  conditions: text(8000).optional().describe('建设条件与优势'),
  investmentScaleYuan: yuanSchema.nullable().optional().describe('投资规模（元，可不公开）'),
  cooperationMode: text(500).optional().describe('合作方式'),
  contactOfficeId: uuidSchema.nullable().optional().describe('联系窗口'),
  /** the current publication's version when changing what is published; absent to publish */
  version: versionSchema.optional(),
});
export type PublicationBody = z.input<typeof publicationBodySchema>;
export const withdrawBodySchema = z.object({ version: versionSchema, reason: z.string().trim().min(1).max(500) });

const publicationFields = {
  publicTitle: z.string(),
  background: z.string(),
  market: z.string(),
  conditions: z.string(),
  investmentScaleYuan: z.number().nullable(),
  cooperationMode: z.string(),
};

export const publicOfficeSchema = z.object({ id: z.string(), regionCode: z.string(), regionName: z.string(), name: z.string(), address: z.string(), phone: z.string(), hours: z.string(), email: z.string().nullable() });
export type PublicOffice = z.infer<typeof publicOfficeSchema>;

export const publicProjectSchema = z.object({
  id: z.string(),
  ...publicationFields,
  regionCode: z.string(),
  regionName: z.string(),
  industryCode: z.string().nullable(),
  industryName: z.string().nullable(),
  chainNodeCode: z.string().nullable(),
  publishedAt: z.string(),
  office: publicOfficeSchema.nullable(),
});
export type PublicProject = z.infer<typeof publicProjectSchema>;

export const publicationStateSchema = z.object({
  projectId: z.string(),
  projectName: z.string(),
  stage: z.string(),
  current: z
    .object({ id: z.string(), ...publicationFields, contactOfficeId: z.string().nullable(), publishedAt: z.string(), publishedBy: z.string().nullable(), version: z.number().int() })
    .nullable(),
  /** exactly what the portal shows for it now (null while unpublished) */
  preview: publicProjectSchema.nullable(),
  /** while nothing is published: the fields of the latest withdrawn publication, to start a republication from */
  lastWithdrawn: z.object({ ...publicationFields, contactOfficeId: z.string().nullable(), withdrawnAt: z.string() }).nullable(),
  history: z.array(z.object({ id: z.string(), publicTitle: z.string(), publishedAt: z.string(), publishedBy: z.string().nullable(), withdrawnAt: z.string().nullable(), withdrawnBy: z.string().nullable() })),
});
export type PublicationState = z.infer<typeof publicationStateSchema>;

export const publishedListQuerySchema = z.object({
  region: regionCodeSchema.optional(),
  status: z.enum(['published', 'withdrawn']).default('published').describe('published 当前在门户上（默认），withdrawn 已撤回且未重新发布'),
});
export const publishedListSchema = z.object({
  items: z.array(
    z.object({
      projectId: z.string(),
      projectCode: z.string(),
      projectName: z.string(),
      stage: z.string(),
      regionName: z.string(),
      publicTitle: z.string(),
      publishedAt: z.string(),
      /** withdrawn only: when and by whom the latest publication was taken off */
      withdrawnAt: z.string().nullable(),
      withdrawnBy: z.string().nullable(),
    }),
  ),
});

/* ---------- resources ---------- */

export const resourceCreateSchema = z.object({
  kind: z.enum(RESOURCE_KINDS).describe('land 土地、standardFactory 标准厂房、officeBuilding 楼宇、idleAsset 闲置资产'),
  regionCode: regionCodeSchema,
  name: z.string().trim().min(1).max(200),
  address: text(300).optional(),
  areaSqm: z.number().int().min(0).max(1_000_000_000).nullable().optional().describe('面积（平方米，整数）'),
  priceYuan: yuanSchema.nullable().optional().describe('价格或租金（整数元）'),
  priceUnit: z.enum(PRICE_UNITS).nullable().optional().describe('total 总价、perSqm 元/㎡、perSqmMonth 元/㎡·月、perSqmYear 元/㎡·年、perMu 元/亩'),
  utilities: z.array(z.enum(UTILITIES)).max(UTILITIES.length).optional(),
  utilitiesNote: text(1000).optional(),
  description: text(8000).optional(),
  suitableIndustryCodes: z.array(industryCodeSchema).max(50).optional(),
  chainNodeCodes: z.array(z.string().trim().min(1).max(60)).max(50).optional(),
  availability: z.enum(AVAILABILITIES).optional(),
  contactOfficeId: uuidSchema.nullable().optional(),
  published: z.boolean().optional(),
});
export type ResourceCreate = z.input<typeof resourceCreateSchema>;
export const resourceUpdateSchema = resourceCreateSchema.partial().extend({ version: versionSchema });
export type ResourceUpdate = z.input<typeof resourceUpdateSchema>;
export const deleteBodySchema = z.object({ version: versionSchema, reason: z.string().trim().min(1).max(500) });

export const resourceListQuerySchema = z.object({ region: regionCodeSchema.optional(), kind: z.enum(RESOURCE_KINDS).optional(), q: text(100).optional() });

const photoSchema = z.object({ id: z.string(), fileName: z.string(), mimeType: z.string(), sizeBytes: z.number().int(), caption: z.string() });

const resourceFields = {
  id: z.string(),
  kind: z.enum(RESOURCE_KINDS),
  regionCode: z.string(),
  regionName: z.string(),
  name: z.string(),
  address: z.string(),
  areaSqm: z.number().nullable(),
  priceYuan: z.number().nullable(),
  priceUnit: z.enum(PRICE_UNITS).nullable(),
  utilities: z.array(z.enum(UTILITIES)),
  utilitiesNote: z.string(),
  description: z.string(),
  suitableIndustries: z.array(z.object({ code: z.string(), name: z.string() })),
  chainNodeCodes: z.array(z.string()),
  availability: z.enum(AVAILABILITIES),
};

export const resourceSchema = z.object({
  ...resourceFields,
  contactOfficeId: z.string().nullable(),
  published: z.boolean(),
  publishedAt: z.string().nullable(),
  photos: z.array(photoSchema),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type Resource = z.infer<typeof resourceSchema>;
export const resourceListSchema = z.object({
  items: z.array(z.object({ id: z.string(), kind: z.enum(RESOURCE_KINDS), regionName: z.string(), name: z.string(), areaSqm: z.number().nullable(), availability: z.enum(AVAILABILITIES), published: z.boolean(), photos: z.number().int(), version: z.number().int() })),
});

export const photoUploadSchema = z.object({
  fileName: z.string().trim().min(1).max(200),
  contentBase64: z.string().min(1).max(14_000_000).describe('图片内容（base64，解码后不超过 10 MB）'),
  caption: text(200).optional(),
});
export type PhotoUpload = z.input<typeof photoUploadSchema>;
export const photoParams = z.object({ id: uuidSchema, photoId: uuidSchema });

/* ---------- policies ---------- */

export const policyCreateSchema = z.object({
  regionCode: regionCodeSchema.describe('适用地区'),
  title: z.string().trim().min(1).max(300),
  issuingBody: z.string().trim().min(1).max(200).describe('发文机关'),
  documentNumber: text(100).optional().describe('文号'),
  validFrom: dateSchema.nullable().optional(),
  validTo: dateSchema.nullable().optional(),
  // http(s) only: the portal renders it as a link, and zod's plain .url() accepts javascript: and data: URLs
  sourceUrl: z.string().trim().max(500).url({ protocol: /^https?$/ }).nullable().optional(),
  isDemo: z.boolean().optional().describe('演示数据（依公开资料编写，非正式文本）'),
});
export type PolicyCreate = z.input<typeof policyCreateSchema>;
export const policyUpdateSchema = policyCreateSchema.partial().extend({ version: versionSchema });
export type PolicyUpdate = z.input<typeof policyUpdateSchema>;

export const policyItemCreateSchema = z.object({
  title: z.string().trim().min(1).max(300),
  industryCodes: z.array(industryCodeSchema).max(50).optional().describe('适用行业（空为不限）'),
  enterpriseSizes: z.array(z.enum(ENTERPRISE_SIZES)).max(4).optional().describe('适用企业规模（空为不限）'),
  regionCodes: z.array(regionCodeSchema).max(50).optional().describe('适用地区（空为政策适用地区全域）'),
  benefit: z.string().trim().min(1).max(8000).describe('支持内容'),
  conditions: text(8000).optional(),
  howToApply: text(8000).optional(),
  validFrom: dateSchema.nullable().optional(),
  validTo: dateSchema.nullable().optional(),
  published: z.boolean().optional(),
  sortOrder: z.number().int().min(0).max(10_000).optional(),
});
export type PolicyItemCreate = z.input<typeof policyItemCreateSchema>;
export const policyItemUpdateSchema = policyItemCreateSchema.partial().extend({ version: versionSchema });
export type PolicyItemUpdate = z.input<typeof policyItemUpdateSchema>;

export const policyListQuerySchema = z.object({ region: regionCodeSchema.optional(), q: text(100).optional() });

const policyFields = {
  id: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  title: z.string(),
  issuingBody: z.string(),
  documentNumber: z.string(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  sourceUrl: z.string().nullable(),
  isDemo: z.boolean(),
};
const itemFields = {
  id: z.string(),
  policyId: z.string(),
  title: z.string(),
  industryCodes: z.array(z.string()),
  enterpriseSizes: z.array(z.enum(ENTERPRISE_SIZES)),
  regionCodes: z.array(z.string()),
  benefit: z.string(),
  conditions: z.string(),
  howToApply: z.string(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
};
export const policyItemSchema = z.object({ ...itemFields, published: z.boolean(), sortOrder: z.number().int(), version: z.number().int() });
export type PolicyItem = z.infer<typeof policyItemSchema>;
export const policySchema = z.object({ ...policyFields, version: z.number().int(), items: z.array(policyItemSchema) });
export type Policy = z.infer<typeof policySchema>;
export const policyListSchema = z.object({
  items: z.array(z.object({ id: z.string(), regionName: z.string(), title: z.string(), issuingBody: z.string(), documentNumber: z.string(), isDemo: z.boolean(), items: z.number().int(), publishedItems: z.number().int(), version: z.number().int() })),
});

/* ---------- public read API ---------- */

export const publicPageQuery = { page: pageQuery.page, pageSize: z.coerce.number<number>().int().min(1).max(50).default(20) };

export const publicProjectQuerySchema = z.object({
  region: regionCodeSchema.optional(),
  industry: industryCodeSchema.optional(),
  chain: z.string().trim().min(1).max(60).optional().describe('产业链编码或节点编码'),
  ...publicPageQuery,
});
export type PublicProjectQuery = z.infer<typeof publicProjectQuerySchema>;
export const publicProjectListSchema = z.object({ total: z.number().int(), items: z.array(publicProjectSchema) });

export const publicResourceQuerySchema = z.object({
  kind: z.enum(RESOURCE_KINDS).optional(),
  region: regionCodeSchema.optional(),
  industry: industryCodeSchema.optional().describe('行业（门类、大类、中类或小类；含其下各类）'),
  areaMin: z.coerce.number<number>().int().min(0).optional(),
  areaMax: z.coerce.number<number>().int().min(0).optional(),
  availability: z.enum(AVAILABILITIES).optional(),
  ...publicPageQuery,
});
export type PublicResourceQuery = z.infer<typeof publicResourceQuerySchema>;
export const publicResourceSchema = z.object({
  ...resourceFields,
  publishedAt: z.string(),
  photos: z.array(photoSchema.omit({ sizeBytes: true, mimeType: true, fileName: true }).extend({ url: z.string() })),
  office: publicOfficeSchema.nullable(),
});
export type PublicResource = z.infer<typeof publicResourceSchema>;
export const publicResourceListSchema = z.object({ total: z.number().int(), items: z.array(publicResourceSchema) });

export const publicPolicyItemSchema = z.object({
  ...itemFields,
  policy: z.object(policyFields),
  industries: z.array(z.object({ code: z.string(), name: z.string() })),
  regions: z.array(z.object({ code: z.string(), name: z.string() })),
});
export type PublicPolicyItem = z.infer<typeof publicPolicyItemSchema>;
export const publicPolicyItemQuerySchema = z.object({ q: text(100).optional(), region: regionCodeSchema.optional(), ...publicPageQuery });
export type PublicPolicyItemQuery = z.infer<typeof publicPolicyItemQuerySchema>;
export const publicPolicyItemListSchema = z.object({ total: z.number().int(), items: z.array(publicPolicyItemSchema) });
export const publicPolicySchema = z.object({ ...policyFields, items: z.array(publicPolicyItemSchema) });
export type PublicPolicy = z.infer<typeof publicPolicySchema>;
export const publicPolicyListSchema = z.object({ items: z.array(z.object({ ...policyFields, items: z.number().int() })) });
export type PublicPolicyList = z.infer<typeof publicPolicyListSchema>;

export const policyMatchQuerySchema = z.object({
  industry: industryCodeSchema.describe('企业所属行业'),
  size: z.enum(ENTERPRISE_SIZES).describe('企业规模'),
  region: regionCodeSchema.describe('企业所在（拟落户）地区'),
});
export type PolicyMatchQuery = z.infer<typeof policyMatchQuerySchema>;
export const policyMatchSchema = z.object({ items: z.array(z.object({ item: publicPolicyItemSchema, reasons: z.array(z.string()) })) });
export type PolicyMatch = z.infer<typeof policyMatchSchema>;

export const publicOfficeQuerySchema = z.object({ region: regionCodeSchema.optional() });
export const publicOfficeListSchema = z.object({ items: z.array(publicOfficeSchema) });
export const publicIdParams = z.object({ id: z.string().max(100) });
export const publicPhotoParams = z.object({ id: z.string().max(100), photoId: z.string().max(100) });
