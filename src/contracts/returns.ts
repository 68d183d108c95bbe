/**
 * 月报 (monthly returns): one return with its figures, versions and changes, the status of a month's
 * returns, the reminders, and the reporting calendar (报送日历). Response and request schemas of the
 * routes and the web's types; zod only.
 */
import { z } from 'zod';
import { CONTRACT_MESSAGES, dateSchema, monthSchema, reasonSchema, regionCodeSchema } from './common';
import { summaryCoreSchema } from './statistics';

export const RETURN_STATES = ['draft', 'submitted', 'approved', 'returned'] as const;
export const returnStateSchema = z.enum(RETURN_STATES);
export type ReturnState = z.infer<typeof returnStateSchema>;

export const returnFiguresSchema = z.object({
  regionCode: z.string(),
  regionName: z.string(),
  month: z.string(),
  yearToDate: summaryCoreSchema,
  monthOnly: summaryCoreSchema.describe('当月数据；不含年度目标（target 为 null，完成率见 yearToDate）'),
});

export const figureChangeSchema = z.object({
  field: z.string().describe('指标路径，如 yearToDate.executing.fundsYuan'),
  before: z.number().nullable(),
  after: z.number().nullable(),
});
export type FigureChange = z.infer<typeof figureChangeSchema>;

/** One receipt a return's figures changed by: project, month, before → after, who, why. */
export const receiptChangeSchema = z.object({
  at: z.string(),
  projectId: z.string().nullable(),
  projectCode: z.string().nullable(),
  projectName: z.string().nullable(),
  month: z.string(),
  beforeYuan: z.number().nullable().describe('改前金额（元）；新录入为 null'),
  afterYuan: z.number().nullable().describe('改后金额（元）；删除为 null'),
  kind: z.enum(['create', 'correct', 'delete', 'import']),
  actorName: z.string().nullable(),
  reason: z.string().nullable(),
  fileName: z.string().nullable().describe('导入时：文件名'),
});
export type ReceiptChange = z.infer<typeof receiptChangeSchema>;

export const returnVersionSchema = z.object({
  number: z.number(),
  submittedByName: z.string(),
  submittedAt: z.string(),
  outcome: z.enum(['approved', 'returned', 'reopened']).nullable(),
  reviewedByName: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reason: z.string().nullable(),
  snapshot: returnFiguresSchema,
});
export type ReturnVersion = z.infer<typeof returnVersionSchema>;

export const monthlyReturnSchema = z.object({
  regionCode: z.string(),
  regionName: z.string(),
  level: z.string(),
  month: z.string(),
  state: returnStateSchema,
  stateLabel: z.string(),
  locked: z.boolean(),
  dueDate: z.string(),
  submissions: z.number(),
  submittedAt: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewReason: z.string().nullable(),
  version: z.number(),
  figures: returnFiguresSchema,
  figuresAreLive: z.boolean().describe('草稿或已退回时为台账当前数据；已上报或已通过时为冻结的上报数据'),
  changes: z.array(figureChangeSchema).describe('最近两次上报之间变化的指标（前 → 后）'),
  changesSinceLastSubmission: z.array(figureChangeSchema).describe('草稿或已退回时：台账自上次上报以来变化的指标'),
  receiptChanges: z.array(receiptChangeSchema).describe('最近两次上报之间改动的到位资金：项目、月份、前 → 后、操作人、原因'),
  receiptChangesSinceLastSubmission: z.array(receiptChangeSchema).describe('草稿或已退回时：自上次上报以来改动的到位资金'),
  versions: z.array(returnVersionSchema),
});
export type MonthlyReturn = z.infer<typeof monthlyReturnSchema>;

/** One region's monthly return as listed by /api/returns/status. */
export const returnStatusRowSchema = z.object({
  regionCode: z.string(),
  regionName: z.string(),
  level: z.string(),
  required: z.boolean().describe('辖区内有项目的地区须报送月报'),
  state: returnStateSchema,
  stateLabel: z.string(),
  submissions: z.number(),
  firstSubmittedAt: z.string().nullable(),
  submittedAt: z.string().nullable(),
  submittedByName: z.string().nullable().describe('最近一次上报的上报人'),
  dueDate: z.string(),
  late: z.boolean(),
  missing: z.boolean(),
  dueSoon: z.boolean(),
});
export type ReturnStatusRow = z.infer<typeof returnStatusRowSchema>;

export const returnsStatusSchema = z.object({
  regionCode: z.string(),
  regionName: z.string(),
  month: z.string(),
  asOf: z.string(),
  own: returnStatusRowSchema,
  items: z.array(returnStatusRowSchema),
});
export type ReturnsStatus = z.infer<typeof returnsStatusSchema>;

export const reminderSchema = z.object({
  kind: z.enum(['late', 'dueSoon', 'toReview']),
  regionCode: z.string(),
  regionName: z.string(),
  month: z.string(),
  state: returnStateSchema,
  dueDate: z.string().nullable(),
  message: z.string(),
});
export type Reminder = z.infer<typeof reminderSchema>;

export const remindersSchema = z.object({ today: z.string(), items: z.array(reminderSchema) });
export type Reminders = z.infer<typeof remindersSchema>;

// ---- request bodies ----------------------------------------------------------------------------

export const submitReturnBodySchema = z.object({ note: z.string().trim().max(500).nullable().optional() }).default({});
export type SubmitReturnBody = z.input<typeof submitReturnBodySchema>;
export const approveReturnBodySchema = z.object({ comment: z.string().trim().max(500).nullable().optional() }).default({});
export type ApproveReturnBody = z.input<typeof approveReturnBodySchema>;

// ---- 报送日历 -------------------------------------------------------------------------------------

const day = z.number().int().min(1, CONTRACT_MESSAGES.reminderDay).max(28, CONTRACT_MESSAGES.reminderDayMax);
/** The day of the following month each level's return is due (shifted to the next working day). */
export const reportingCalendarSchema = z.object({ countyDay: day, prefectureDay: day, provinceDay: day });
export type ReportingCalendar = z.infer<typeof reportingCalendarSchema>;
export const reportingCalendarBodySchema = reportingCalendarSchema.extend({ reason: reasonSchema });
export type ReportingCalendarBody = z.input<typeof reportingCalendarBodySchema>;

/** GET /api/returns/status. */
export const returnsStatusQuerySchema = z.object({ region: regionCodeSchema, month: monthSchema, asOf: dateSchema.optional().describe('按某日查看（默认今天）') });
export type ReturnsStatusQuery = z.input<typeof returnsStatusQuerySchema>;
