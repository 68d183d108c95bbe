/** Industry chains (产业链): requests and answers of /api/chains and /api/chain-templates. zod only. */
import { z } from 'zod';
import { regionCodeSchema } from './common';

export const segmentSchema = z.enum(['upstream', 'midstream', 'downstream']).describe('环节：上游、中游、下游');

export const chainCodeSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/, 'chains.codeFormatShort')
  .describe('产业链编码：1–32 位字母、数字、“-”或“_”');

export const chainNodeSchema = z.object({
  code: z.string(),
  name: z.string(),
  parentCode: z.string().nullable(),
  segment: segmentSchema,
  industryCodes: z.array(z.string()).describe('GB/T 4754-2017 行业代码（小类、中类或大类）'),
  products: z.array(z.string()).describe('关键产品与经营范围用词'),
});

export const chainSummarySchema = z.object({
  code: z.string(),
  name: z.string(),
  regionCode: z.string().describe('定义该产业链的省或地州市'),
  regionName: z.string(),
  currentVersion: z.number().int(),
  nodeCount: z.number().int(),
  templateCode: z.string().nullable().describe('采用的模板编码'),
  canChange: z.boolean().describe('当前用户能否修改（导入新版本）'),
  updatedAt: z.string(),
});

export const chainDetailSchema = chainSummarySchema.extend({
  version: z.number().int().describe('所示节点的版本'),
  nodes: z.array(chainNodeSchema),
});

export const chainVersionSchema = z.object({
  version: z.number().int(),
  name: z.string(),
  source: z.enum(['import', 'template', 'edit']),
  sourceName: z.string().nullable(),
  nodeCount: z.number().int(),
  createdByName: z.string(),
  createdAt: z.string(),
  current: z.boolean(),
});

const listChangeSchema = z.object({ added: z.array(z.string()), removed: z.array(z.string()) });
export const chainDiffSchema = z.object({
  code: z.string(),
  from: z.number().int(),
  to: z.number().int(),
  name: z.object({ before: z.string(), after: z.string() }).optional(),
  added: z.array(chainNodeSchema),
  removed: z.array(chainNodeSchema),
  changed: z.array(
    z.object({
      code: z.string(),
      name: z.object({ before: z.string(), after: z.string() }).optional(),
      parentCode: z.object({ before: z.string().nullable(), after: z.string().nullable() }).optional(),
      segment: z.object({ before: segmentSchema, after: segmentSchema }).optional(),
      industryCodes: listChangeSchema.optional(),
      products: listChangeSchema.optional(),
    }),
  ),
});

export const chainDiffQuerySchema = z.object({
  from: z.coerce.number().int().min(1).optional().describe('起始版本（默认：目标版本的上一版）'),
  to: z.coerce.number().int().min(1).optional().describe('目标版本（默认：当前版本）'),
});
/** GET /api/chains. */
export const chainListQuerySchema = z.object({
  usedBy: regionCodeSchema.optional().describe('只列该地区使用的产业链（该地区或其上级定义的），供项目选择产业链节点'),
});

export const chainVersionQuerySchema = z.object({ version: z.coerce.number().int().min(1).optional().describe('版本（默认：当前版本）') });

export const chainOutcomeSchema = z.object({
  code: z.string(),
  name: z.string(),
  status: z.enum(['created', 'updated', 'unchanged']),
  version: z.number().int(),
  nodeCount: z.number().int(),
  added: z.number().int(),
  removed: z.number().int(),
  changed: z.number().int(),
});

export const chainImportResultSchema = z.object({
  fileName: z.string(),
  sha256: z.string(),
  dryRun: z.boolean(),
  ok: z.boolean(),
  chains: z.array(chainOutcomeSchema),
  problems: z.array(z.object({ row: z.number().int(), column: z.string(), value: z.string(), reason: z.string() })),
});

export const chainImportQuerySchema = z.object({
  dryRun: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true')
    .describe('试导入：检查并报告，不写入'),
});

/** PUT /api/chains/:code: the whole chain as the editor shows it; the rules are those of the chains file. */
const chainEditNodeSchema = z.object({
  code: z.string().max(64).describe('节点编码（小写自动转大写）；已有节点的编码不变'),
  name: z.string().max(200),
  parentCode: z.string().max(64).nullable().describe('上级节点编码；空为顶层'),
  segment: segmentSchema,
  industryCodes: z.array(z.string().max(80)).max(100).describe('GB/T 4754-2017 行业代码（小类、中类或大类）或国标名称'),
  products: z.array(z.string().max(80)).max(100).describe('关键产品'),
});

export const chainEditBodySchema = z.object({
  baseVersion: z.number().int().min(1).describe('编辑所依据的版本；产业链已有更新的版本时 409，不保存'),
  name: z.string().max(200).describe('产业链名称'),
  nodes: z.array(chainEditNodeSchema).max(2000).describe('全部节点，按显示顺序'),
});

export const chainEditResultSchema = chainOutcomeSchema.extend({ baseVersion: z.number().int() });

export const chainTemplateSchema = z.object({
  code: z.string(),
  name: z.string(),
  fileName: z.string(),
  nodeCount: z.number().int(),
  segments: z.object({ upstream: z.number().int(), midstream: z.number().int(), downstream: z.number().int() }),
});

export const adoptTemplateBodySchema = z.object({
  chainCode: chainCodeSchema.optional().describe('采用后的产业链编码（默认与模板相同；已被占用时须另取）'),
});

// ── coverage (issue 12 item 3) ──
export const coverageStatusSchema = z
  .enum(['present', 'weak', 'gap', 'extend'])
  .describe('present 已覆盖；weak 强链（本地企业少于阈值且无签约以后阶段的项目）；gap 补链（上游或中游无本地企业和项目）；extend 延链（下游无本地企业和项目，而上游或中游本地已有）');

export const coverageQuerySchema = z.object({
  regionCode: z.string().regex(/^\d{6}(\d{3})?$/, 'validation.regionCode').optional().describe('地区（含下级）；默认为本人所属地区'),
});

export const nodeCoverageSchema = z.object({
  code: z.string(),
  /** local enterprises (registered in the region's subtree, not revoked or deregistered) matching the node or a node below it */
  enterprises: z.number().int(),
  enterprisesByIndustry: z.number().int().describe('其中按行业代码匹配的'),
  projects: z.object({
    lead: z.number().int(),
    negotiating: z.number().int(),
    signed: z.number().int(),
    started: z.number().int(),
    operating: z.number().int(),
    total: z.number().int().describe('不含已终止'),
  }),
  fundsYuan: z.number().describe('这些项目（不含已终止）至今的到位资金，整数元'),
  status: coverageStatusSchema,
  rule: z.string().describe('判定所依据的规则（文字）'),
});

export const chainCoverageSchema = z.object({
  code: z.string(),
  name: z.string(),
  version: z.number().int(),
  regionCode: z.string(),
  regionName: z.string(),
  leafNodes: z.number().int(),
  coveredLeafNodes: z.number().int(),
  coveragePct: z.number().nullable().describe('末级节点中已覆盖（present 或 weak）的比例，百分数保留两位'),
  weakBelow: z.number().int().describe('强链阈值：本地企业少于该数'),
  nodes: z.array(nodeCoverageSchema),
});

export const nodeRecordsQuerySchema = coverageQuerySchema.extend({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const nodeEnterpriseSchema = z.object({
  key: z.string().describe('企业页的键（信用代码或 id）'),
  name: z.string(),
  creditCode: z.string().nullable(),
  regionCode: z.string().nullable(),
  regionName: z.string().nullable(),
  industryCode: z.string().nullable(),
  registeredCapitalYuan: z.number().nullable(),
  matchedBy: z.enum(['industry', 'products']).describe('按行业代码或按产品/经营范围用词匹配'),
});

export const nodeProjectSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  stage: z.enum(['lead', 'negotiating', 'signed', 'started', 'operating', 'terminated']),
  regionCode: z.string(),
  regionName: z.string(),
  signedAmountYuan: z.number().nullable(),
  fundsYuan: z.number(),
});

// ── types the web takes from here (web/src/api/chains.ts) ──
export type Segment = z.infer<typeof segmentSchema>;
export type ChainNode = z.infer<typeof chainNodeSchema>;
export type ChainSummary = z.infer<typeof chainSummarySchema>;
export type ChainDetail = z.infer<typeof chainDetailSchema>;
export type ChainVersion = z.infer<typeof chainVersionSchema>;
export type ChainDiff = z.infer<typeof chainDiffSchema>;
export type ChainOutcome = z.infer<typeof chainOutcomeSchema>;
export type ChainImportResult = z.infer<typeof chainImportResultSchema>;
export type ChainTemplate = z.infer<typeof chainTemplateSchema>;
export type ChainEditBody = z.infer<typeof chainEditBodySchema>;
export type ChainEditResult = z.infer<typeof chainEditResultSchema>;
export type AdoptTemplateBody = z.input<typeof adoptTemplateBodySchema>;
export type CoverageStatus = z.infer<typeof coverageStatusSchema>;
export type NodeCoverage = z.infer<typeof nodeCoverageSchema>;
export type ChainCoverage = z.infer<typeof chainCoverageSchema>;
export type NodeEnterprise = z.infer<typeof nodeEnterpriseSchema>;
export type NodeProject = z.infer<typeof nodeProjectSchema>;
