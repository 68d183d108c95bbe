/** 月报 (monthly returns) reviewed level by level, their status and reminders, and the reporting calendar. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { RETURN_STATES } from '../../../domain/returns';
import type { Deps } from '../../../services/context';
import { getReportingCalendar, reportingCalendarSchema, updateReportingCalendar } from '../../../services/returns/reporting-calendar';
import { approveReturn, getReturn, listReminders, listReturnStatus, reopenReturn, sendBackReturn, submitReturn } from '../../../services/returns/returns';
import { requireCaller } from '../../access';
import { dateSchema, monthSchema, reasonSchema, regionCodeSchema } from '../../schemas';
import { summarySchema } from '../../../contracts/statistics';

const month = monthSchema;
const date = dateSchema;
const state = z.enum(RETURN_STATES);
const params = z.object({ regionCode: regionCodeSchema, month });

const snapshotSchema = z.object({
  regionCode: z.string(),
  regionName: z.string(),
  month: z.string(),
  yearToDate: summarySchema,
  monthOnly: summarySchema.describe('当月数据；不含年度目标（target 为 null，完成率见 yearToDate）'),
});
const changeSchema = z.object({ field: z.string().describe('指标路径，如 yearToDate.executing.fundsYuan'), before: z.number().nullable(), after: z.number().nullable() });

const receiptChangeSchema = z.object({
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

const returnSchema = z.object({
  regionCode: z.string(),
  regionName: z.string(),
  level: z.string(),
  month: z.string(),
  state,
  stateLabel: z.string(),
  locked: z.boolean(),
  dueDate: z.string(),
  submissions: z.number(),
  submittedAt: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewReason: z.string().nullable(),
  version: z.number(),
  figures: snapshotSchema,
  figuresAreLive: z.boolean().describe('草稿或已退回时为台账当前数据；已上报或已通过时为冻结的上报数据'),
  changes: z.array(changeSchema).describe('最近两次上报之间变化的指标（前 → 后）'),
  changesSinceLastSubmission: z.array(changeSchema).describe('草稿或已退回时：台账自上次上报以来变化的指标'),
  receiptChanges: z.array(receiptChangeSchema).describe('最近两次上报之间改动的到位资金：项目、月份、前 → 后、操作人、原因'),
  receiptChangesSinceLastSubmission: z.array(receiptChangeSchema).describe('草稿或已退回时：自上次上报以来改动的到位资金'),
  versions: z.array(
    z.object({
      number: z.number(),
      submittedByName: z.string(),
      submittedAt: z.string(),
      outcome: z.enum(['approved', 'returned', 'reopened']).nullable(),
      reviewedByName: z.string().nullable(),
      reviewedAt: z.string().nullable(),
      reason: z.string().nullable(),
      snapshot: snapshotSchema,
    }),
  ),
});

const statusItemSchema = z.object({
  regionCode: z.string(),
  regionName: z.string(),
  level: z.string(),
  required: z.boolean().describe('辖区内有项目的地区须报送月报'),
  state,
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

const reminderSchema = z.object({
  today: z.string(),
  items: z.array(
    z.object({
      kind: z.enum(['late', 'dueSoon', 'toReview']),
      regionCode: z.string(),
      regionName: z.string(),
      month: z.string(),
      state,
      dueDate: z.string().nullable(),
      message: z.string(),
    }),
  ),
});

export async function returnRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/returns/status',
    {
      config: { access: 'stats.read' },
      schema: {
        tags: ['returns'],
        summary: '下级地区某月月报的报送情况：状态、截止日期、逾期与缺报',
        querystring: z.object({ region: regionCodeSchema, month, asOf: date.optional().describe('按某日查看（默认今天）') }),
        response: { 200: z.object({ regionCode: z.string(), regionName: z.string(), month: z.string(), asOf: z.string(), own: statusItemSchema, items: z.array(statusItemSchema) }) },
      },
    },
    async (request) => listReturnStatus(deps, requireCaller(request), request.query),
  );
  r.get(
    '/api/returns/reminders',
    { config: { access: 'session' }, schema: { tags: ['returns'], summary: '月报提醒：本级逾期或即将到期的月报，待本人审核的下级月报', response: { 200: reminderSchema } } },
    async (request) => listReminders(deps, requireCaller(request)),
  );
  r.get(
    '/api/returns/:regionCode/:month',
    { config: { access: 'stats.read' }, schema: { tags: ['returns'], summary: '某地区某月的月报：数据、状态、历次上报与变化', params, response: { 200: returnSchema } } },
    async (request) => getReturn(deps, requireCaller(request), request.params.regionCode, request.params.month),
  );
  r.post(
    '/api/returns/:regionCode/:month/submit',
    {
      config: { access: 'returns.submit' },
      schema: {
        tags: ['returns'],
        summary: '上报月报（本级统计员；下级月报须已全部审核通过）',
        params,
        body: z.object({ note: z.string().trim().max(500).nullable().optional() }).default({}),
        response: { 200: returnSchema },
      },
    },
    async (request) => submitReturn(deps, requireCaller(request), request.params.regionCode, request.params.month, request.body.note ?? null),
  );
  r.post(
    '/api/returns/:regionCode/:month/approve',
    {
      config: { access: 'returns.review' },
      schema: {
        tags: ['returns'],
        summary: '审核通过（上级审核员）；通过后该地区该月的到位资金锁定',
        params,
        body: z.object({ comment: z.string().trim().max(500).nullable().optional() }).default({}),
        response: { 200: returnSchema },
      },
    },
    async (request) => approveReturn(deps, requireCaller(request), request.params.regionCode, request.params.month, request.body.comment ?? null),
  );
  r.post(
    '/api/returns/:regionCode/:month/return',
    {
      config: { access: 'returns.review' },
      schema: { tags: ['returns'], summary: '退回月报并说明原因（上级审核员）', params, body: z.object({ reason: reasonSchema }), response: { 200: returnSchema } },
    },
    async (request) => sendBackReturn(deps, requireCaller(request), request.params.regionCode, request.params.month, request.body.reason),
  );
  r.post(
    '/api/returns/:regionCode/:month/reopen',
    {
      config: { access: 'returns.review' },
      schema: { tags: ['returns'], summary: '重新开放已通过的月报并说明原因（上级审核员）；解除该月锁定', params, body: z.object({ reason: reasonSchema }), response: { 200: returnSchema } },
    },
    async (request) => reopenReturn(deps, requireCaller(request), request.params.regionCode, request.params.month, request.body.reason),
  );
  r.get(
    '/api/settings/reporting-calendar',
    { config: { access: 'session' }, schema: { tags: ['settings'], summary: '报送日历：各级月报于次月几日前上报（遇节假日顺延至下一个工作日）', response: { 200: reportingCalendarSchema } } },
    async () => getReportingCalendar(deps),
  );
  r.put(
    '/api/settings/reporting-calendar',
    {
      config: { access: 'settings.manage' },
      schema: { tags: ['settings'], summary: '修改报送日历', body: reportingCalendarSchema.extend({ reason: reasonSchema }), response: { 200: reportingCalendarSchema } },
    },
    async (request) => {
      const { reason, ...value } = request.body;
      return updateReportingCalendar(deps, requireCaller(request), value, reason);
    },
  );
}
