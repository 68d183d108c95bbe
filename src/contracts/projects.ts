/**
 * The project API's answers (项目库): the routes declare these as their response schemas and the web
 * takes its types from them, so a changed field fails `npm run typecheck` until both sides agree.
 * Contracts import only zod (the web compiles them too).
 */
import { z } from 'zod';

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
  tags: z.array(z.string()),
  isKey: z.boolean(),
  channel: channelSchema.nullable(),
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
