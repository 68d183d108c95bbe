/**
 * 简报 (issue 13 item 5): the requests and answers of /api/briefings, and the web's types. zod only.
 * The kinds repeat domain/briefings/briefing-periods.ts (a contract cannot import the domain);
 * test/briefings checks they agree.
 */
import { z } from 'zod';
import { dateSchema, pageQuery, reasonSchema, regionCodeSchema } from './common';

export const BRIEFING_KIND_KEYS = ['weekly', 'dispatch', 'monthly'] as const;
export const BRIEFING_STATUS_KEYS = ['draft', 'issued'] as const;
const kind = z.enum(BRIEFING_KIND_KEYS).describe('weekly 每周招商工作简报、dispatch 重点项目旬调度、monthly 月度招商工作简报');
const version = z.number().int().min(1).describe('当前版本号（乐观锁）');

export const briefingFigureSchema = z.object({
  key: z.string(),
  label: z.string(),
  unit: z.string().describe('批次、场、个、次；元（显示为万元）'),
  value: z.number(),
  previous: z.number().nullable().describe('上一期（上周、上旬、上月）的同一指标；未知时为空'),
  change: z.number().nullable(),
  recordKind: z.enum(['activity', 'project']),
  ids: z.array(z.string()).describe('该指标计入的记录（活动或项目）'),
});

export const briefingSectionSchema = z.object({ key: z.string(), title: z.string(), text: z.string(), edited: z.boolean() });

const projectRef = { id: z.string(), code: z.string(), name: z.string(), regionName: z.string() };
const dispatchProjectSchema = z.object({
  ...projectRef,
  stage: z.string(),
  light: z.enum(['green', 'yellow', 'red']),
  fundsTotalYuan: z.number(),
  fundsInPeriodYuan: z.number(),
  milestonesDone: z.array(z.object({ title: z.string(), doneOn: z.string() })),
  nextMilestone: z.object({ title: z.string(), dueDate: z.string().nullable() }).nullable(),
  problems: z.array(z.object({ id: z.string(), description: z.string(), ownerName: z.string(), dueDate: z.string(), overdue: z.boolean() })),
});

export const briefingEditionSchema = z.object({
  edition: z.number(),
  issueNumber: z.number(),
  issuedAt: z.string(),
  issuedByName: z.string(),
  revisionReason: z.string().nullable(),
});

export const briefingSchema = z.object({
  id: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  kind,
  periodStart: z.string(),
  periodEnd: z.string(),
  periodLabel: z.string().describe('如“2026年11月30日至12月6日”'),
  title: z.string(),
  status: z.enum(BRIEFING_STATUS_KEYS),
  edition: z.number().describe('正在起草或最近签发的版次'),
  issueNumber: z.number().nullable().describe('第N期：首次签发时按地区、种类和年度编号'),
  version: z.number(),
  /** the edition shown: null for the working copy */
  shownEdition: z.number().nullable(),
  asOf: z.string().describe('红绿灯判断日（生成日）'),
  figures: z.array(briefingFigureSchema),
  signings: z.array(z.object({ ...projectRef, amountYuan: z.number() })),
  stageReached: z.array(z.object({ stage: z.string(), count: z.number() })),
  redProjects: z.array(z.object({ ...projectRef, stage: z.string(), reasons: z.array(z.string()) })),
  leaders: z.array(z.object({ leaderId: z.string().nullable(), leaderName: z.string(), projects: z.array(dispatchProjectSchema) })),
  sections: z.array(briefingSectionSchema),
  generatedAt: z.string(),
  generatedByName: z.string(),
  editedAt: z.string().nullable(),
  editedByName: z.string().nullable(),
  issuedAt: z.string().nullable(),
  issuedByName: z.string().nullable(),
  revisionReason: z.string().nullable(),
  editions: z.array(briefingEditionSchema),
});
export type Briefing = z.infer<typeof briefingSchema>;

export const briefingListQuerySchema = z.object({
  kind: kind.optional(),
  status: z.enum(BRIEFING_STATUS_KEYS).optional(),
  region: regionCodeSchema.optional().describe('地区（只看该地区本级的简报；默认本人管辖范围内全部）'),
  ...pageQuery,
});
export type BriefingListQuery = z.input<typeof briefingListQuerySchema>;

export const briefingListSchema = z.object({
  total: z.number(),
  items: z.array(
    z.object({
      id: z.string(),
      regionCode: z.string(),
      regionName: z.string(),
      kind,
      periodStart: z.string(),
      periodEnd: z.string(),
      periodLabel: z.string(),
      status: z.enum(BRIEFING_STATUS_KEYS),
      edition: z.number(),
      issueNumber: z.number().nullable(),
      generatedAt: z.string(),
      generatedByName: z.string(),
      issuedAt: z.string().nullable(),
      issuedByName: z.string().nullable(),
    }),
  ),
});
export type BriefingList = z.infer<typeof briefingListSchema>;

export const briefingGenerateSchema = z.object({
  regionCode: regionCodeSchema,
  kind,
  date: dateSchema.describe('期内任一天（如周简报的任一天）'),
  resetText: z.boolean().default(false).describe('true：重新生成时连同已编辑的段落一并用生成的文字替换'),
});
export type BriefingGenerate = z.input<typeof briefingGenerateSchema>;

export const briefingUpdateSchema = z.object({
  version,
  sections: z
    .array(z.object({ key: z.string().min(1).max(100), text: z.string().max(20_000) }))
    .min(1)
    .max(100)
    .describe('修改的段落（按 key）；未列出的段落不变'),
});
export type BriefingUpdate = z.input<typeof briefingUpdateSchema>;

export const briefingIssueSchema = z.object({ version });
export const briefingReviseSchema = z.object({ version, reason: reasonSchema.describe('修订原因（记入新版次与审计日志）') });

export const briefingEditionQuerySchema = z.object({
  edition: z.coerce.number().int().min(1).optional().describe('已签发的版次；省略时为当前稿'),
});

export const briefingRecordsQuerySchema = briefingEditionQuerySchema.extend({ figure: z.string().min(1).max(100).describe('指标 key') });

export const briefingRecordsSchema = z.object({
  figure: briefingFigureSchema,
  items: z.array(
    z.object({
      kind: z.enum(['activity', 'project']),
      id: z.string(),
      code: z.string(),
      name: z.string(),
      regionName: z.string(),
      /** 活动开始日期 or 项目阶段 */
      detail: z.string(),
    }),
  ),
  /** records counted at generation that no longer exist */
  missing: z.number(),
});
export type BriefingRecords = z.infer<typeof briefingRecordsSchema>;
