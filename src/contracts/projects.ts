/**
 * The project API's answers (项目库) and requests: the routes declare these as their response schemas and the web
 * takes its types from them, so a changed field fails `npm run typecheck` until both sides agree.
 * Contracts import only zod (the web compiles them too).
 */
import { z } from 'zod';
import { CONTRACT_MESSAGES, dateSchema, monthSchema, regionCodeSchema, yuanQuerySchema, yuanSchema } from './common';

export const STAGES = ['lead', 'negotiating', 'signed', 'started', 'operating', 'terminated'] as const;
export const stageSchema = z.enum(STAGES);
export type Stage = z.infer<typeof stageSchema>;

export const sourceSchema = z.enum(['local', 'outOfRegion', 'foreign']);
export type Source = z.infer<typeof sourceSchema>;
/** A source filter of the project list: a source, or `none` for projects whose source is not filled in (来源未填). */
export const sourceFilterSchema = z.enum(['local', 'outOfRegion', 'foreign', 'none']);

export const likelihoodSchema = z.enum(['high', 'medium', 'low']);
export type Likelihood = z.infer<typeof likelihoodSchema>;

export const lightSchema = z.enum(['green', 'yellow', 'red']);
export type Light = z.infer<typeof lightSchema>;

/** 招商方式 (DESIGN.md glossary `channel`): the list of domain/project-channels.ts (the routes' types fail when the two differ). */
export const channelSchema = z.enum(['chain', 'partner', 'event', 'residentTeam', 'commissioned', 'online', 'direct']);
export type Channel = z.infer<typeof channelSchema>;

/** 资料不全: a fact the project's stage needs that is unknown (field: the API's field name). */
export const missingFieldSchema = z.object({ field: z.string(), label: z.string() });
export type MissingField = z.infer<typeof missingFieldSchema>;

export const projectSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  investorId: z.string().nullable(),
  investorName: z.string().nullable(),
  investorCreditCode: z.string().nullable(),
  source: sourceSchema.nullable(),
  industryCode: z.string().nullable(),
  industryName: z.string().nullable(),
  plannedInvestmentYuan: z.number().nullable(),
  signedAmountYuan: z.number().nullable(),
  signedDate: z.string().nullable(),
  agreedStartDate: z.string().nullable(),
  startedDate: z.string().nullable(),
  operatingDate: z.string().nullable(),
  stage: stageSchema,
  stageBeforeTermination: z.string().nullable(),
  likelihood: likelihoodSchema.nullable(),
  expectedLandingDate: z.string().nullable(),
  terminationReason: z.string().nullable(),
  description: z.string().nullable(),
  leaderId: z.string().nullable(),
  leaderName: z.string().nullable(),
  broughtByPartnerId: z.string().nullable().describe('引荐该项目的合作方（招商大使、商会、委托招商机构）'),
  broughtByPartnerName: z.string().nullable(),
  tags: z.array(z.string()),
  isKey: z.boolean(),
  channel: channelSchema.nullable(),
  chainNode: z.string().nullable().describe('产业链节点编码；null 表示未填'),
  chainNodeName: z.string().nullable(),
  chainNodeCurrent: z.boolean().nullable().describe('false：该节点已不在其产业链的当前版本中（已不在当前版本）；未填节点时为 null'),
  chainCode: z.string().nullable().describe('节点所属产业链的编码'),
  chainName: z.string().nullable(),
  missingFields: z.array(missingFieldSchema).describe('资料不全：该阶段需要而尚未填写的资料；为空表示资料完整（由项目本身算出，补全即消失）'),
  fundsTotalYuan: z.number(),
  light: lightSchema,
  lightReasons: z.array(z.string()),
  lastProgressAt: z.string(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Project = z.infer<typeof projectSchema>;

export const checklistItemSchema = z.object({ id: z.string(), field: z.string(), message: z.string() });

export const milestoneSchema = z.object({ id: z.string(), title: z.string(), dueDate: z.string().nullable(), doneOn: z.string().nullable() });

export const stageChangeSchema = z.object({
  id: z.string(),
  fromStage: z.string().nullable(),
  toStage: z.string(),
  note: z.string().nullable(),
  changedByName: z.string(),
  changedAt: z.string(),
});

export const projectDetailSchema = projectSchema.extend({
  nextStage: stageSchema.nullable(),
  nextStageChecklist: z.array(checklistItemSchema),
  team: z.array(z.object({ userId: z.string(), displayName: z.string() })),
  milestones: z.array(milestoneSchema),
  stageHistory: z.array(stageChangeSchema),
});
export type ProjectDetail = z.infer<typeof projectDetailSchema>;

export const projectListItemSchema = projectSchema.extend({
  periodFundsYuan: z.number().nullable().describe('给出到位资金期间时：该项目在期间内的到位资金'),
});
/** A row of the project list: with fundsFrom/fundsTo, the project's funds in that period. */
export type ProjectListItem = z.infer<typeof projectListItemSchema>;

export const projectPageSchema = z.object({
  items: z.array(projectListItemSchema),
  total: z.number(),
  stageCounts: z.partialRecord(stageSchema, z.number()),
  periodFundsYuan: z.number().nullable().describe('给出到位资金期间时：全部符合条件项目在期间内的到位资金合计（等于统计的到位资金）'),
});
export type ProjectPage = z.infer<typeof projectPageSchema>;

export const industrySchema = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(['section', 'division', 'group', 'class']).describe('门类 | 大类 | 中类 | 小类'),
  parentCode: z.string().nullable(),
  sector: z.number(),
  pinyinInitials: z.string().describe('名称的拼音首字母，供选择器按拼音查找'),
});
export type Industry = z.infer<typeof industrySchema>;

const countByFieldSchema = z.array(missingFieldSchema.extend({ projects: z.number() }));

/** 待完善: 资料不全 projects under a region, per child region (with its subtree) and per missing fact. */
export const completionSummarySchema = z.object({
  regionCode: z.string(),
  regionName: z.string(),
  projects: z.number(),
  byField: countByFieldSchema,
  regions: z.array(z.object({ regionCode: z.string(), regionName: z.string(), projects: z.number(), byField: countByFieldSchema })),
});
export type CompletionSummary = z.infer<typeof completionSummarySchema>;

// ——— requests: the routes validate with these, the web sends their input types ———

/** A comma-separated list in a query string, each item checked by `item`. */
export const csvQuery = <T extends z.ZodType<string, string>>(item: T) =>
  z
    .string()
    .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(item));

/** The filters that reproduce a statistic exactly (the list behind a figure), shared by the list and its export. */
export const drillDownQuery = {
  fundsFrom: monthSchema.optional().describe('执行项目：该期间（可跨年）到位资金 > 0 的项目，口径同统计（先证后计）'),
  fundsTo: monthSchema.optional(),
  fundsKind: z.enum(['new', 'continued']).optional().describe('与 fundsFrom/fundsTo 同用：新建或续建'),
  signedFrom: monthSchema.optional().describe('签约项目：签约日期在该期间内'),
  signedTo: monthSchema.optional(),
  excludeTags: z
    .string()
    .max(2000)
    .optional()
    .describe('排除标签：不列带有其中任一项目标签的项目（与统计的 excludeTags 相同写法与口径：逗号、顿号或分号分隔）'),
};

/** GET /api/projects. */
export const projectListQuerySchema = z.object({
  q: z.string().max(100).optional(),
  regionCode: regionCodeSchema.optional(),
  stage: csvQuery(stageSchema).optional().describe('逗号分隔的阶段'),
  light: lightSchema.optional(),
  source: csvQuery(sourceFilterSchema).optional().describe('逗号分隔的资金来源；none 为来源未填'),
  industry: z.string().regex(/^([A-T]|\d{2,4})$/, CONTRACT_MESSAGES.industryFilter).optional(),
  amountMinYuan: yuanQuerySchema.optional().describe('签约额下限（元）'),
  amountMaxYuan: yuanQuerySchema.optional(),
  leaderId: z.string().uuid().optional(),
  mine: z.enum(['true', 'false']).transform((v) => v === 'true').optional().describe('只看我包联或参与专班的项目'),
  isKey: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  chainNode: z.string().trim().max(32).optional().describe('产业链节点编码：该节点及其下级节点（当前版本）的项目'),
  chain: z.string().trim().max(32).optional().describe('产业链编码：填了该产业链节点的项目'),
  ...drillDownQuery,
  incomplete: z.enum(['true', 'false']).transform((v) => v === 'true').optional().describe('true：只看资料不全（待完善）的项目'),
  sort: z.enum(['updated', 'signedAmount', 'code', 'signedDate']).optional(),
  page: z.coerce.number<number>().int().min(1).default(1),
  pageSize: z.coerce.number<number>().int().min(1).max(500).default(20),
});
export type ProjectListQuery = z.input<typeof projectListQuerySchema>;

/** GET /api/projects/completion. */
export const completionQuerySchema = z.object({ regionCode: regionCodeSchema.optional().describe('默认为本人所在地区') });
export type CompletionQuery = z.input<typeof completionQuerySchema>;

/** The editable fields. No defaults here: a PATCH must leave absent fields alone (the service defaults a new project). */
const projectBody = z.object({
  name: z.string().trim().min(1, CONTRACT_MESSAGES.projectName).max(200),
  regionCode: regionCodeSchema,
  investorName: z.string().max(200).nullable().optional(),
  investorCreditCode: z.string().max(18).nullable().optional(),
  source: sourceSchema.nullable().optional(),
  industryCode: z.string().max(8).nullable().optional(),
  plannedInvestmentYuan: yuanSchema.nullable().optional().describe('计划总投资（元）；null 表示尚不清楚'),
  signedAmountYuan: yuanSchema.nullable().optional().describe('签约额（元）；null 表示尚不清楚'),
  signedDate: dateSchema.nullable().optional(),
  agreedStartDate: dateSchema.nullable().optional(),
  startedDate: dateSchema.nullable().optional(),
  operatingDate: dateSchema.nullable().optional(),
  likelihood: likelihoodSchema.nullable().optional(),
  expectedLandingDate: dateSchema.nullable().optional(),
  description: z.string().max(5000).nullable().optional(),
  leaderId: z.string().uuid().nullable().optional(),
  broughtByPartnerId: z.uuid().nullable().optional().describe('引荐该项目的合作方：本地区、上级或下级的招商大使、商会、协会或委托招商机构'),
  teamMemberIds: z.array(z.string().uuid()).max(50).optional(),
  milestones: z
    .array(z.object({ title: z.string().trim().min(1).max(200), dueDate: dateSchema.nullable().optional(), doneOn: dateSchema.nullable().optional() }))
    .max(100)
    .optional(),
  tags: z.array(z.string().max(30)).max(30).optional(),
  isKey: z.boolean().optional(),
  channel: channelSchema.nullable().optional().describe('招商方式：chain 以链、partner 以商、event 以会、residentTeam 驻点、commissioned 委托、online 云招商、direct 直接'),
  chainNode: z
    .string()
    .max(32)
    .nullable()
    .optional()
    .describe('产业链节点编码：须是本地区或上级地区定义的产业链当前版本中的节点；空或 null 表示不填'),
});
/** The editable fields as the form sends them (every one, on create and on change). */
export type ProjectFields = Required<z.input<typeof projectBody>>;

/** POST /api/projects. */
export const newProjectBodySchema = projectBody.extend({ code: z.string().trim().max(40).optional(), stage: stageSchema.optional() });
export type NewProjectBody = z.input<typeof newProjectBodySchema>;

/** PATCH /api/projects/:id. */
export const projectChangeBodySchema = projectBody.partial().extend({ version: z.number().int().min(1) });
export type ProjectChangeBody = z.input<typeof projectChangeBodySchema>;

/** POST /api/projects/:id/stage. */
export const stageMoveBodySchema = z.object({
  to: stageSchema,
  note: z.string().max(1000).optional(),
  terminationReason: z.string().max(1000).optional(),
  evidenceIds: z.array(z.string().uuid()).max(20).optional().describe('已上传的佐证材料（安装要求该阶段须有佐证时必填）'),
  version: z.number().int().min(1),
});
export type StageMoveBody = z.input<typeof stageMoveBodySchema>;

/** GET /api/projects/export.xlsx: the list's filters exactly (no paging), so an export holds what the list shows (待完善, 来源未填 …). */
export const projectExportQuerySchema = projectListQuerySchema.omit({ page: true, pageSize: true });
