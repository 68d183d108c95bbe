/**
 * 外出招商的计划、审批与报告，活动推进的招商目标，活动附件 (issue 13 item 1): the requests and answers
 * of /api/activities/:id/plan…, /report, /targets, /files. zod only; the keys repeat
 * domain/activities/trip-plan.ts and the targets' statuses (test/activities/trips.test.ts checks them).
 */
import { z } from 'zod';
import { channelSchema } from './projects';
import { yuanSchema } from './common';

export const TRIP_PLAN_STATUS_KEYS = ['planned', 'submitted', 'approved', 'returned', 'done'] as const;
export const TRIP_REPORT_STATE_KEYS = ['notDue', 'due', 'overdue', 'submitted', 'submittedLate'] as const;
const TARGET_STATUS_KEYS = ['new', 'contacted', 'visited', 'negotiating', 'signed', 'dropped'] as const;
export const ACTIVITY_FILE_KIND_KEYS = ['photo', 'report', 'other'] as const;

const version = z.number().int().min(1).describe('当前版本号');

export const tripPlanSchema = z.object({
  status: z.enum(TRIP_PLAN_STATUS_KEYS).describe('planned 计划中、submitted 待审批、approved 已批准、returned 已退回、done 已完成（报告已交）'),
  text: z.string().nullable().describe('行程安排与目的'),
  submittedAt: z.string().nullable(),
  submittedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decidedByName: z.string().nullable(),
  returnReason: z.string().nullable(),
});

export const tripReportSchema = z.object({
  dueOn: z.string().describe('报告截止日：行程结束后第 15 个工作日'),
  state: z.enum(TRIP_REPORT_STATE_KEYS).describe('notDue 未到期、due 待交、overdue 逾期、submitted 已交、submittedLate 逾期提交'),
  text: z.string().nullable(),
  results: z.string().nullable(),
  submittedAt: z.string().nullable(),
  submittedByName: z.string().nullable(),
  leads: z.array(z.object({ projectId: z.string(), code: z.string(), name: z.string(), stage: z.string(), channel: z.string().nullable() })).describe('报告带来的线索项目'),
});

export const activityTargetSchema = z.object({
  targetId: z.string(),
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  nodeCode: z.string(),
  nodeName: z.string().nullable(),
  regionName: z.string(),
  status: z.enum(TARGET_STATUS_KEYS).describe('目标当前状态'),
  statusSet: z.enum(TARGET_STATUS_KEYS).nullable().describe('本次活动把目标推进到的状态（null：未改状态）'),
});

export const activityFileSchema = z.object({
  id: z.string(),
  kind: z.enum(ACTIVITY_FILE_KIND_KEYS),
  fileName: z.string(),
  mimeType: z.string(),
  sizeBytes: z.number(),
  uploadedByName: z.string().nullable(),
  uploadedAt: z.string(),
});
export type ActivityFile = z.infer<typeof activityFileSchema>;

export const tripPlanInputSchema = z.object({ text: z.string().trim().max(4000).nullable().optional().describe('行程安排与目的') });

export const tripPlanSubmitSchema = z.object({ version });

export const tripPlanDecisionSchema = z.object({
  decision: z.enum(['approve', 'return']).describe('approve 批准、return 退回'),
  reason: z.string().trim().max(500).nullable().optional().describe('退回原因（退回时必填）'),
  version,
});

export const tripLeadInputSchema = z.object({
  name: z.string().trim().min(1).max(200).describe('线索项目名称'),
  investorName: z.string().trim().max(200).nullable().optional().describe('投资方'),
  industryCode: z.string().trim().max(10).nullable().optional(),
  plannedInvestmentYuan: yuanSchema.nullable().optional(),
  channel: channelSchema.nullable().optional().describe('招商方式（省略时按活动：有驻点小分队为驻点、有合作方为以商，否则为直接）'),
  description: z.string().trim().max(2000).nullable().optional(),
});

export const tripReportInputSchema = z.object({
  text: z.string().trim().max(20_000).describe('报告内容'),
  results: z.string().trim().max(4000).nullable().optional().describe('取得的成果'),
  leads: z.array(tripLeadInputSchema).max(50).default([]).describe('新线索：各建一个线索阶段的项目，记来源活动与招商方式'),
  version,
});
export type TripReportInput = z.input<typeof tripReportInputSchema>;

export const activityTargetInputSchema = z.object({
  targetId: z.uuid().describe('招商目标'),
  status: z.enum(['contacted', 'visited', 'negotiating']).nullable().optional().describe('把目标推进到的状态（经精准招商的状态规则与留痕）；省略则只关联'),
});

export const activityFileUploadSchema = z.object({
  kind: z.enum(ACTIVITY_FILE_KIND_KEYS).describe('photo 照片、report 报告、other 其他'),
  fileName: z.string().trim().min(1).max(200),
  contentBase64: z.string().min(1).describe('文件内容（base64）'),
});

export const targetActivitiesSchema = z.object({
  items: z.array(z.object({ id: z.string(), code: z.string(), type: z.string(), name: z.string(), startDate: z.string(), regionName: z.string(), statusSet: z.enum(TARGET_STATUS_KEYS).nullable() })),
});
