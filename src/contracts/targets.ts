/** 精准招商: requests and answers of /api/targets (scored candidates, claims, status, feedback). zod only. */
import { z } from 'zod';
import { chainCodeSchema, segmentSchema } from './chains';
import { pageQuery, regionCodeSchema } from './common';

export const TARGET_STATUS_VALUES = ['new', 'contacted', 'visited', 'negotiating', 'signed', 'dropped'] as const;
export const targetStatusSchema = z.enum(TARGET_STATUS_VALUES).describe('新目标、已接触、已拜访、洽谈中、已签约、已放弃');
const featureSchema = z.enum(['industryFit', 'productFit', 'relatedness', 'chainPull', 'scale', 'tags', 'growth', 'ties']);
const nodeCodeSchema = z.string().trim().min(1).max(40).describe('节点编码');

export const scoredTargetsQuerySchema = z.object({
  region: regionCodeSchema.optional().describe('认领地区（默认本人所在地区）'),
  chain: chainCodeSchema,
  node: nodeCodeSchema,
  limit: z.coerce.number().int().min(1).max(100).optional().describe('前多少家（1–100，默认 50）'),
});

const weightsSchema = z.record(featureSchema, z.number());

export const scoredTargetsSchema = z.object({
  region: z.object({ code: z.string(), name: z.string() }),
  chain: z.object({ code: z.string(), name: z.string() }),
  node: z.object({ code: z.string(), name: z.string(), segment: segmentSchema }),
  weights: weightsSchema.describe('各项特征的权重（分）'),
  weightsSource: z.enum(['default', 'fitted']).describe('默认权重，或按本系统的招商结果拟合的权重'),
  candidates: z.number().int().describe('参与评分的候选企业数'),
  poolLimit: z.number().int().describe('候选池上限（行业匹配优先，再按注册资本）'),
  featuresAsOf: z.string().nullable().describe('产业关联度与成长信号的计算时间（后台任务每晚重算）；null 为尚未计算'),
  items: z.array(
    z.object({
      rank: z.number().int(),
      enterprise: z.object({
        id: z.string(),
        name: z.string(),
        creditCode: z.string().nullable(),
        regionCode: z.string().nullable(),
        regionName: z.string().nullable(),
        industryCode: z.string().nullable(),
        registeredCapitalYuan: z.number().nullable(),
        tags: z.array(z.string()),
      }),
      score: z.number().describe('总分（0–100）'),
      features: z.array(z.object({ feature: featureSchema, label: z.string(), value: z.number(), points: z.number(), reason: z.string() })),
      belowAbove: z
        .array(z.object({ feature: featureSchema, label: z.string(), higherPoints: z.number(), lowerPoints: z.number(), gap: z.number() }))
        .describe('比上一名少得分的各项（差距大的在前）'),
      claim: z
        .object({ targetId: z.string().nullable(), regionCode: z.string().nullable(), regionName: z.string(), status: targetStatusSchema })
        .nullable()
        .describe('已被认领时的认领地区（管辖范围外的只显示“其他地区”）'),
    }),
  ),
});

export const claimTargetBodySchema = z.object({
  region: regionCodeSchema.optional(),
  chain: chainCodeSchema,
  node: nodeCodeSchema,
  enterprise: z.string().trim().min(1).max(40).describe('企业的统一社会信用代码或编号'),
});

export const MAX_CLAIM_FROM_LIST = 200;

export const claimFromListBodySchema = z.object({
  region: regionCodeSchema.optional().describe('认领地区（默认本人所在地区）'),
  chain: chainCodeSchema,
  node: nodeCodeSchema,
  enterpriseIds: z
    .array(z.uuid())
    .min(1)
    .max(MAX_CLAIM_FROM_LIST)
    .optional()
    .describe(`只认领名单中的这些企业（企业编号）；不填为名单全部成员（最多 ${MAX_CLAIM_FROM_LIST} 家）`),
});

const batchClaimSchema = z.object({
  region: z.object({ code: z.string(), name: z.string() }),
  chain: z.object({ code: z.string(), name: z.string() }),
  node: z.object({ code: z.string(), name: z.string() }),
  claimed: z.number().int(),
  refused: z.number().int(),
  results: z.array(
    z.object({
      enterpriseId: z.string(),
      creditCode: z.string().nullable(),
      name: z.string(),
      outcome: z.enum(['claimed', 'refused']),
      targetId: z.string().nullable(),
      reason: z.string().nullable().describe('未认领的原因（如已被其他地区认领、是本地企业）'),
    }),
  ),
});

export const claimFromListResultSchema = batchClaimSchema.extend({ list: z.object({ id: z.string(), name: z.string() }) });

/** At most this many of a saved search's first matches are claimed at once. */
export const MAX_CLAIM_FROM_SEARCH = 200;

export const claimFromSearchBodySchema = z.object({
  region: regionCodeSchema.optional().describe('认领地区（默认本人所在地区）'),
  chain: chainCodeSchema,
  node: nodeCodeSchema,
  limit: z
    .number()
    .int()
    .min(1)
    .max(MAX_CLAIM_FROM_SEARCH)
    .describe(`认领保存的搜索按其排序的前几家（1–${MAX_CLAIM_FROM_SEARCH}）；匹配的企业再多也只取这些，不计全部`),
});

export const claimFromSearchResultSchema = batchClaimSchema.extend({
  search: z.object({ id: z.string(), name: z.string() }),
  limit: z.number().int(),
});

export const targetSchema = z.object({
  id: z.string(),
  regionCode: z.string(),
  nodeCode: z.string(),
  enterpriseId: z.string(),
  status: targetStatusSchema,
  dropReason: z.string().nullable(),
  score: z.number().nullable().describe('认领时的得分'),
  projectId: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  statusChangedAt: z.string(),
});

export const targetStatusBodySchema = z.object({
  status: targetStatusSchema,
  reason: z.string().trim().max(500).nullable().optional().describe('放弃时必填'),
  projectCode: z.string().trim().min(1).max(40).nullable().optional().describe('关联的项目编号（投资方须为该企业）'),
  version: z.number().int().min(1),
});

export const targetFeedbackBodySchema = z.object({
  region: regionCodeSchema.optional(),
  chain: chainCodeSchema,
  node: nodeCodeSchema,
  enterprise: z.string().trim().min(1).max(40),
  kind: z.enum(['irrelevant', 'contacted', 'goodLead']).describe('不相关、已接触、好线索'),
  note: z.string().trim().max(500).nullable().optional(),
});

export const targetFeedbackSchema = z.object({ regionCode: z.string(), nodeCode: z.string(), enterpriseId: z.string(), kind: z.enum(['irrelevant', 'contacted', 'goodLead']), note: z.string().nullable() });

export const targetListQuerySchema = z.object({
  region: regionCodeSchema.optional().describe('地区（含下级；默认本人所在地区）'),
  chain: chainCodeSchema.optional(),
  node: nodeCodeSchema.optional(),
  status: targetStatusSchema.optional(),
  ...pageQuery,
});

export const targetListSchema = z.object({
  total: z.number().int(),
  items: z.array(
    z.object({
      id: z.string(),
      regionCode: z.string(),
      regionName: z.string(),
      chainCode: z.string(),
      chainName: z.string(),
      nodeCode: z.string(),
      nodeName: z.string().nullable().describe('节点名称（已不在当前版本时为空）'),
      enterpriseId: z.string(),
      enterpriseName: z.string(),
      creditCode: z.string().nullable(),
      enterpriseRegionName: z.string().nullable(),
      status: targetStatusSchema,
      statusLabel: z.string(),
      dropReason: z.string().nullable(),
      ownerName: z.string().nullable(),
      score: z.number().nullable(),
      project: z.object({ id: z.string(), code: z.string().nullable(), name: z.string().nullable(), stage: z.string().nullable() }).nullable(),
      overlaps: z.number().int().describe('本辖区内另有几个地区把同一企业认领到其他节点'),
      contacts: z.number().int().describe('本人管辖范围内记录的该企业联系人数（联系人本身见 GET /api/enterprises/:key/contacts，脱敏）'),
      version: z.number().int(),
      createdAt: z.string(),
      statusChangedAt: z.string(),
    }),
  ),
});

const precisionSchema = z.object({
  fitted: z.number().nullable().describe('按拟合权重排序'),
  defaults: z.number().nullable().describe('按默认权重排序'),
  capital: z.number().nullable().describe('基线：按注册资本排序'),
  random: z.number().nullable().describe('基线：随机（期望值 = 正例占比）'),
});

export const targetWeightsSchema = z.object({
  weights: weightsSchema,
  source: z.enum(['default', 'fitted']),
  fittedAt: z.string().nullable(),
  examples: z.number().int().nullable().describe('拟合用的样本数（认领的目标与反馈）'),
  positives: z.number().int().nullable().describe('其中推进到已拜访及以后、或标为好线索的'),
  backtest: z
    .object({
      cutoff: z.string().describe('时间切分点：此前认领的用于拟合，此后的用于检验'),
      train: z.object({ examples: z.number(), positives: z.number() }),
      test: z.object({ examples: z.number(), positives: z.number() }),
      weights: weightsSchema,
      precision: z.object({ at10: precisionSchema, at50: precisionSchema }).describe('precision@10、@50（%）'),
    })
    .nullable(),
});

export const targetWeightsFitSchema = z.object({
  fitted: z.boolean().describe('样本足够时才拟合'),
  examples: z.number().int(),
  positives: z.number().int(),
  needed: z.object({ total: z.number(), positives: z.number(), negatives: z.number() }),
  current: targetWeightsSchema,
});

export type TargetStatus = z.infer<typeof targetStatusSchema>;
export type ScoredTargets = z.infer<typeof scoredTargetsSchema>;
export type ScoredTarget = ScoredTargets['items'][number];
export type ScoredTargetsQuery = z.input<typeof scoredTargetsQuerySchema>;
export type ClaimTargetBody = z.input<typeof claimTargetBodySchema>;
export type ClaimFromListBody = z.input<typeof claimFromListBodySchema>;
export type ClaimFromListResult = z.infer<typeof claimFromListResultSchema>;
export type ClaimFromSearchBody = z.input<typeof claimFromSearchBodySchema>;
export type ClaimFromSearchResult = z.infer<typeof claimFromSearchResultSchema>;
/** What both batch claims answer (the dialog shows it). */
export type BatchClaimResult = z.infer<typeof batchClaimSchema>;
export type Target = z.infer<typeof targetSchema>;
export type TargetStatusBody = z.input<typeof targetStatusBodySchema>;
export type TargetFeedbackBody = z.input<typeof targetFeedbackBodySchema>;
export type TargetFeedback = z.infer<typeof targetFeedbackSchema>;
export type TargetListQuery = z.input<typeof targetListQuerySchema>;
export type TargetList = z.infer<typeof targetListSchema>;
export type TargetListItem = TargetList['items'][number];
