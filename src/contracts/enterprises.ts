/**
 * The enterprise API's answers (企业库): one enterprise and its page, contacts (masked; reveal),
 * near-duplicate review and tags. Response schemas of the routes and the web's types; zod only.
 */
import { z } from 'zod';

export const fieldSourceSchema = z.object({ source: z.string(), date: z.string() });
export type FieldSource = z.infer<typeof fieldSourceSchema>;

export const enterpriseSchema = z.object({
  id: z.string(),
  key: z.string().describe('页面地址用的键：信用代码，无代码时为 id'),
  creditCode: z.string().nullable(),
  name: z.string(),
  formerNames: z.array(z.string()),
  regionCode: z.string().nullable(),
  regionName: z.string().nullable(),
  industryCode: z.string().nullable(),
  industryName: z.string().nullable(),
  registeredCapitalYuan: z.number().nullable(),
  establishedOn: z.string().nullable(),
  status: z.string().nullable(),
  statusLabel: z.string().nullable(),
  ticker: z.string().nullable(),
  businessScope: z.string().nullable(),
  mainProducts: z.string().nullable(),
  tags: z.array(z.string()),
  website: z.string().nullable(),
  parentGroup: z.string().nullable(),
  employees: z.number().nullable(),
  revenueBand: z.string().nullable(),
  revenueBandLabel: z.string().nullable(),
  fieldSources: z.record(z.string(), fieldSourceSchema).describe('每个字段当前值的来源与数据日期'),
  contactRegionCodes: z.array(z.string()).describe('已有联系人或项目的地区（“已接触”）'),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Enterprise = z.infer<typeof enterpriseSchema>;

/** The registry fields every list of enterprises shows (search results, list members): one field list for both. */
export const enterpriseSummarySchema = enterpriseSchema.pick({
  id: true,
  creditCode: true,
  name: true,
  formerNames: true,
  regionCode: true,
  regionName: true,
  industryCode: true,
  industryName: true,
  registeredCapitalYuan: true,
  establishedOn: true,
  status: true,
  tags: true,
});

export const maskedContactSchema = z.object({
  id: z.string(),
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  name: z.string().describe('脱敏：张*'),
  title: z.string().nullable(),
  phone: z.string().nullable().describe('脱敏：138****5678'),
  email: z.string().nullable().describe('脱敏：z***@example.com'),
  notes: z.string().nullable().describe('其中的电话和邮箱已脱敏'),
  masked: z.literal(true),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
});
export type MaskedContact = z.infer<typeof maskedContactSchema>;

export const revealedContactSchema = z.object({
  id: z.string(),
  name: z.string(),
  title: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  notes: z.string().nullable(),
  masked: z.literal(false),
});
export type RevealedContact = z.infer<typeof revealedContactSchema>;

export const enterpriseProjectSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  stage: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  signedAmountYuan: z.number().nullable(),
  signedDate: z.string().nullable(),
});
export type EnterpriseProject = z.infer<typeof enterpriseProjectSchema>;

export const enterpriseListRefSchema = z.object({ id: z.string(), name: z.string(), shared: z.boolean(), ownerName: z.string(), addedAt: z.string() });
export type EnterpriseListRef = z.infer<typeof enterpriseListRefSchema>;

export const duplicateRefSchema = z.object({
  id: z.string(),
  otherId: z.string(),
  otherName: z.string(),
  otherCreditCode: z.string().nullable(),
  similarity: z.number(),
  reason: z.string(),
  reasonLabel: z.string(),
});
export type DuplicateRef = z.infer<typeof duplicateRefSchema>;

export const TIMELINE_KINDS = ['created', 'fieldChange', 'projectCreated', 'projectStage', 'contactAdded'] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export const timelineItemSchema = z.object({
  kind: z.enum(TIMELINE_KINDS),
  at: z.string(),
  text: z.string(),
  field: z.string().nullable(),
  projectId: z.string().nullable(),
  contactId: z.string().nullable(),
  oldValue: z.unknown(),
  newValue: z.unknown(),
  source: z.string().nullable(),
  sourceDate: z.string().nullable(),
  actorName: z.string().nullable(),
  importId: z.string().nullable().describe('新建与字段变更：所出自的导入（后台导入任务 id，或工作簿导入审计记录的对象 id）'),
  importFileName: z.string().nullable().describe('该导入的文件名'),
});
export type TimelineItem = z.infer<typeof timelineItemSchema>;

export const enterpriseDetailSchema = enterpriseSchema.extend({
  contacts: z.array(maskedContactSchema).describe('本人管辖范围内的联系人（脱敏）'),
  projects: z.array(enterpriseProjectSchema),
  lists: z.array(enterpriseListRefSchema),
  duplicateCandidates: z.array(duplicateRefSchema),
  timeline: z.array(timelineItemSchema),
  timelineHasMore: z.boolean(),
  activities: z.null().describe('招商活动：随“招商活动”功能加入，此前为 null'),
  chainNodes: z
    .object({
      nodes: z
        .array(
          z.object({
            chainCode: z.string(),
            chainName: z.string(),
            nodeCode: z.string(),
            nodeName: z.string(),
            segment: z.string(),
            byIndustry: z.boolean().describe('行业代码落在节点代码之下'),
            products: z.array(z.string()).describe('产品或经营范围提到的节点关键产品'),
          }),
        )
        .describe('本企业契合的产业链节点（本人可见的产业链的当前版本）'),
      targetedBy: z
        .array(
          z.object({
            targetId: z.string(),
            regionCode: z.string(),
            regionName: z.string(),
            chainCode: z.string(),
            chainName: z.string(),
            nodeCode: z.string(),
            nodeName: z.string().nullable().describe('节点名称（已不在当前版本时为空）'),
            status: z.string(),
            statusLabel: z.string(),
          }),
        )
        .describe('本辖区内把本企业认领为招商目标的地区'),
    })
    .describe('产业链节点与招商目标'),
});
export type EnterpriseDetail = z.infer<typeof enterpriseDetailSchema>;

export const duplicateCandidateSchema = z.object({
  id: z.string(),
  status: z.enum(['pending', 'dismissed', 'merged']),
  similarity: z.number(),
  reason: z.string(),
  reasonLabel: z.string(),
  uncoded: z.object({ id: z.string(), name: z.string(), projectCount: z.number(), contactRegionCodes: z.array(z.string()) }),
  coded: z.object({ id: z.string(), name: z.string(), creditCode: z.string(), regionCode: z.string().nullable() }),
  createdAt: z.string(),
});
export type DuplicateCandidate = z.infer<typeof duplicateCandidateSchema>;

export const duplicatePageSchema = z.object({ items: z.array(duplicateCandidateSchema), total: z.number() });
export type DuplicatePage = z.infer<typeof duplicatePageSchema>;

export const mergeResultSchema = z.object({
  enterpriseId: z.string(),
  creditCode: z.string(),
  name: z.string(),
  movedProjects: z.number(),
  movedContacts: z.number(),
  movedListMemberships: z.number(),
});
export type MergeResult = z.infer<typeof mergeResultSchema>;

export const enterpriseTagSchema = z.object({
  name: z.string(),
  builtIn: z.boolean(),
  description: z.string().nullable(),
  enterpriseCount: z.number(),
  createdByName: z.string().nullable(),
  createdAt: z.string().nullable(),
});
export type EnterpriseTag = z.infer<typeof enterpriseTagSchema>;
