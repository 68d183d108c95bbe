/**
 * 招商活动 (issue 13): the requests and answers of /api/activities and /api/stats/activities, and the
 * web's types. zod only. The keys repeat domain/activities/activity-kinds.ts (a contract cannot import
 * the domain); test/activities checks they agree.
 */
import { z } from 'zod';
import { dateSchema, monthSchema, pageQuery, regionCodeSchema } from './common';
import { activityFileSchema, activityTargetSchema, TRIP_PLAN_STATUS_KEYS, TRIP_REPORT_STATE_KEYS, tripPlanInputSchema, tripPlanSchema, tripReportSchema } from './trips';

export const ACTIVITY_TYPE_KEYS = ['trip', 'visit', 'reception', 'promotion', 'presentation', 'symposium', 'summit', 'expo', 'signing', 'online'] as const;
export const HOSTING_KEYS = ['organised', 'attended'] as const;
export const LEADER_LEVEL_KEYS = ['principal', 'leadership', 'official', 'none'] as const;
export const ORGANISATION_KIND_KEYS = ['enterprise', 'chamber', 'association', 'park', 'government', 'academic', 'other'] as const;
export const OUTCOME_KEYS = ['talks', 'intent', 'signed'] as const;
export const MISSING_FACT_KEYS = ['hosting', 'personTrips', 'leaderLevel', 'residentTeam'] as const;

const activityType = z.enum(ACTIVITY_TYPE_KEYS);
const hosting = z.enum(HOSTING_KEYS);
const leaderLevel = z.enum(LEADER_LEVEL_KEYS);
const text = (max: number) => z.string().trim().max(max);

export const activityOrganisationInputSchema = z.object({
  name: z.string().trim().min(1).max(200).describe('单位名称'),
  creditCode: z.string().trim().max(18).nullable().optional().describe('统一社会信用代码（可空；与企业库匹配时关联该企业）'),
  kind: z.enum(ORGANISATION_KIND_KEYS).describe('单位类型'),
});

export const activityProjectInputSchema = z.object({
  projectId: z.uuid().describe('项目'),
  outcome: z.enum(OUTCOME_KEYS).describe('成果：talks 对接洽谈、intent 意向、signed 签约'),
});

export const activityCreateSchema = z.object({
  code: z.string().trim().min(1).max(64).optional().describe('活动编号（省略时自动生成）'),
  type: activityType,
  name: z.string().trim().min(1).max(200).describe('活动名称'),
  startDate: dateSchema,
  endDate: dateSchema,
  regionCode: regionCodeSchema.describe('组织地区'),
  hosting: hosting.nullable().optional(),
  leaderName: text(100).nullable().optional(),
  leaderLevel: leaderLevel.default('none'),
  personTrips: z.number().int().min(0).max(100_000).nullable().optional().describe('参加人次'),
  destinations: text(500).nullable().optional(),
  residentTeam: text(100).nullable().optional().describe('驻点小分队名称（没有 teamId 时按名称找本地区、上级或下级的小分队；找不到时照存名称，标为资料不全）'),
  teamId: z.uuid().nullable().optional().describe('驻点小分队'),
  partnerId: z.uuid().nullable().optional().describe('合作方（招商大使、商会、委托招商机构）'),
  notes: text(4000).nullable().optional(),
  organisations: z.array(activityOrganisationInputSchema).max(200).default([]),
  projects: z.array(activityProjectInputSchema).max(200).default([]),
  plan: tripPlanInputSchema.nullable().optional().describe('外出招商计划：给出时建为“计划中”的外出招商（行程尚未结束），报批、审批后成行；事后登记不填'),
});
export type ActivityCreate = z.input<typeof activityCreateSchema>;

export const activityUpdateSchema = activityCreateSchema
  .omit({ code: true, organisations: true, projects: true, leaderLevel: true, plan: true })
  .partial()
  .extend({
    leaderLevel: leaderLevel.optional(),
    organisations: z.array(activityOrganisationInputSchema).max(200).optional().describe('给出时整体替换'),
    projects: z.array(activityProjectInputSchema).max(200).optional().describe('给出时整体替换'),
    version: z.number().int().min(1),
  });
export type ActivityUpdate = z.input<typeof activityUpdateSchema>;

export const activityDeleteSchema = z.object({ version: z.number().int().min(1), reason: z.string().trim().min(1).max(500).describe('删除原因（写入审计日志）') });

const csvList = <T extends readonly [string, ...string[]]>(keys: T) =>
  z
    .string()
    .optional()
    .transform((v) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : []))
    .pipe(z.array(z.enum(keys)));

export const activityListQuerySchema = z.object({
  region: regionCodeSchema.optional().describe('地区（含下级；默认本人所在地区）'),
  type: csvList(ACTIVITY_TYPE_KEYS).describe('活动类型，逗号分隔'),
  leaderLevel: csvList(LEADER_LEVEL_KEYS).describe('领导级别，逗号分隔'),
  hosting: hosting.optional(),
  incomplete: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .describe('true：只看资料不全的活动'),
  from: dateSchema.optional().describe('开始日期不早于'),
  to: dateSchema.optional().describe('开始日期不晚于'),
  q: z.string().trim().max(100).optional().describe('名称、编号或目的地包含'),
  report: z.enum(['pending', 'overdue']).optional().describe('外出招商报告：pending 待交（已到期或逾期、未提交），overdue 只看逾期'),
  plan: z.enum(TRIP_PLAN_STATUS_KEYS).optional().describe('外出招商计划状态（如 submitted 待审批）'),
  ...pageQuery,
});
export type ActivityListQuery = z.input<typeof activityListQuerySchema>;

const activityBase = {
  id: z.string(),
  code: z.string(),
  type: activityType,
  name: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  hosting: hosting.nullable(),
  leaderName: z.string().nullable(),
  leaderLevel,
  personTrips: z.number().nullable(),
  destinations: z.string().nullable(),
  missingFacts: z.array(z.enum(MISSING_FACT_KEYS)).describe('资料不全：缺少的事实（hosting 主办或参加、personTrips 参加人次、leaderLevel 领导级别、residentTeam 驻点小分队未建档）'),
};

export const activityListSchema = z.object({
  total: z.number().int(),
  items: z.array(
    z.object({
      ...activityBase,
      organisations: z.number().int(),
      projects: z.number().int(),
      planStatus: z.enum(TRIP_PLAN_STATUS_KEYS).nullable(),
      reportDueOn: z.string().nullable(),
      reportState: z.enum(TRIP_REPORT_STATE_KEYS).nullable(),
    }),
  ),
});
export type ActivityList = z.infer<typeof activityListSchema>;

export const activitySchema = z.object({
  ...activityBase,
  residentTeam: z.string().nullable(),
  teamId: z.string().nullable(),
  partnerId: z.string().nullable(),
  partnerName: z.string().nullable(),
  notes: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  organisations: z.array(z.object({ id: z.string(), name: z.string(), creditCode: z.string().nullable(), enterpriseId: z.string().nullable(), kind: z.enum(ORGANISATION_KIND_KEYS) })),
  projects: z.array(z.object({ projectId: z.string(), code: z.string(), name: z.string(), stage: z.string(), outcome: z.enum(OUTCOME_KEYS) })),
  plan: tripPlanSchema.nullable().describe('外出招商计划（事后登记的为 null）'),
  report: tripReportSchema.nullable().describe('外出招商报告（不是外出招商或导入的台账为 null）'),
  targets: z.array(activityTargetSchema).describe('活动推进的招商目标'),
  files: z.array(activityFileSchema).describe('附件'),
});
export type Activity = z.infer<typeof activitySchema>;

/** GET /api/stats/activities (and yinfeng stats activities): filters as in DESIGN.md; types by Chinese name or key. */
export const activityStatsQuerySchema = z.object({
  region: regionCodeSchema,
  from: monthSchema,
  to: monthSchema,
  type: z.string().max(200).optional().describe('活动类型（中文名称或键），逗号分隔'),
  hosting: z.string().max(20).optional().describe('organised|attended（或 主办|参加）'),
  leaderLevel: z.string().max(100).optional().describe('领导级别（中文名称或键），逗号分隔'),
  team: z.string().trim().max(100).optional().describe('驻点小分队名称'),
  activity: z.string().trim().max(64).optional().describe('活动编号（只统计这一场活动，如一次签约仪式）'),
  byMonth: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .describe('true：另给出统计期内逐月的活动、对接与签约项目数（byMonth）'),
});
export type ActivityStatsQuery = z.output<typeof activityStatsQuerySchema>;

export const activityStatsSchema = z.object({
  region: z.string(),
  from: z.string(),
  to: z.string(),
  trips: z.object({ count: z.number(), personTrips: z.number(), ledByLeadership: z.number(), ledByPrincipal: z.number(), ledByAnyLeader: z.number(), organisations: z.number() }),
  visits: z.object({ count: z.number(), organisations: z.number() }),
  receptions: z.object({ count: z.number(), organisations: z.number() }),
  events: z.object({ organised: z.number(), attended: z.number() }),
  residentTeams: z.object({ active: z.number() }),
  projects: z.object({ talks: z.number(), signed: z.number(), signedAmountYuan: z.number(), plannedInvestmentYuan: z.number() }),
  reserve: z.object({ projects: z.number(), published: z.number() }),
  serviceItems: z.object({ opened: z.number(), projects: z.number(), closed: z.number(), closedOnTime: z.number() }),
  byMonth: z
    .array(
      z.object({
        month: z.string(),
        trips: z.number(),
        visits: z.number(),
        receptions: z.number(),
        events: z.number().describe('主办与参加的推介会等活动'),
        talks: z.number().describe('当月活动对接的不同项目数'),
        signed: z.number().describe('当月活动签约的不同项目数'),
        signedAmountYuan: z.number(),
      }),
    )
    .optional()
    .describe('只在 byMonth=true 时给出：逐月数字，每个项目在当月只计一次（跨月的项目在各月各计一次）'),
});
export type ActivityStats = z.infer<typeof activityStatsSchema>;

export const ACTIVITY_IMPORT_KIND_KEYS = ['activities', 'activity-organisations', 'activity-projects'] as const;

export const activityImportQuerySchema = z.object({
  kind: z.enum(ACTIVITY_IMPORT_KIND_KEYS).optional().describe('activities 招商活动、activity-organisations 活动对象、activity-projects 活动项目；省略时 CSV 按表头判断，xlsx 导入所有这三种工作表'),
  dryRun: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .describe('只检查与统计，不写入'),
});

const importCounts = z.object({ created: z.number(), updated: z.number(), unchanged: z.number() });

export const activityImportResultSchema = z.object({
  fileName: z.string(),
  sha256: z.string(),
  kinds: z.array(z.enum(ACTIVITY_IMPORT_KIND_KEYS)),
  dryRun: z.boolean(),
  ok: z.boolean(),
  rows: z.partialRecord(z.enum(ACTIVITY_IMPORT_KIND_KEYS), z.number()),
  counts: z.partialRecord(z.enum(ACTIVITY_IMPORT_KIND_KEYS), importCounts),
  problems: z.array(z.object({ sheet: z.string(), row: z.number(), column: z.string(), value: z.string(), reason: z.string() })),
  gaps: z.object({ total: z.number(), rows: z.array(z.object({ row: z.number(), code: z.string(), missing: z.array(z.string()) })) }).describe('资料不全的活动行（照常导入）'),
});
export type ActivityImportResult = z.infer<typeof activityImportResultSchema>;
