/** 月报 (monthly returns) reviewed level by level, their status and reminders, and the reporting calendar. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../../services/context';
import { getReportingCalendar, updateReportingCalendar } from '../../../services/returns/reporting-calendar';
import { approveReturn, getReturn, listReminders, listReturnStatus, reopenReturn, sendBackReturn, submitReturn } from '../../../services/returns/returns';
import { requireCaller } from '../../access';
import { monthSchema, regionCodeSchema } from '../../schemas';
import { reasonBodySchema } from '../../../contracts/common';
import {
  approveReturnBodySchema,
  monthlyReturnSchema,
  remindersSchema,
  reportingCalendarBodySchema,
  reportingCalendarSchema,
  returnsStatusQuerySchema,
  returnsStatusSchema,
  submitReturnBodySchema,
} from '../../../contracts/returns';

const month = monthSchema;
const params = z.object({ regionCode: regionCodeSchema, month });

export async function returnRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/returns/status',
    {
      config: { access: 'stats.read' },
      schema: {
        tags: ['returns'],
        summary: '下级地区某月月报的报送情况：状态、截止日期、逾期与缺报',
        querystring: returnsStatusQuerySchema,
        response: { 200: returnsStatusSchema },
      },
    },
    async (request) => listReturnStatus(deps, requireCaller(request), request.query),
  );
  r.get(
    '/api/returns/reminders',
    { config: { access: 'session' }, schema: { tags: ['returns'], summary: '月报提醒：本级逾期或即将到期的月报，待本人审核的下级月报', response: { 200: remindersSchema } } },
    async (request) => listReminders(deps, requireCaller(request)),
  );
  r.get(
    '/api/returns/:regionCode/:month',
    { config: { access: 'stats.read' }, schema: { tags: ['returns'], summary: '某地区某月的月报：数据、状态、历次上报与变化', params, response: { 200: monthlyReturnSchema } } },
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
        body: submitReturnBodySchema,
        response: { 200: monthlyReturnSchema },
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
        body: approveReturnBodySchema,
        response: { 200: monthlyReturnSchema },
      },
    },
    async (request) => approveReturn(deps, requireCaller(request), request.params.regionCode, request.params.month, request.body.comment ?? null),
  );
  r.post(
    '/api/returns/:regionCode/:month/return',
    {
      config: { access: 'returns.review' },
      schema: { tags: ['returns'], summary: '退回月报并说明原因（上级审核员）', params, body: reasonBodySchema, response: { 200: monthlyReturnSchema } },
    },
    async (request) => sendBackReturn(deps, requireCaller(request), request.params.regionCode, request.params.month, request.body.reason),
  );
  r.post(
    '/api/returns/:regionCode/:month/reopen',
    {
      config: { access: 'returns.review' },
      schema: { tags: ['returns'], summary: '重新开放已通过的月报并说明原因（上级审核员）；解除该月锁定', params, body: reasonBodySchema, response: { 200: monthlyReturnSchema } },
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
      schema: { tags: ['settings'], summary: '修改报送日历', body: reportingCalendarBodySchema, response: { 200: reportingCalendarSchema } },
    },
    async (request) => {
      const { reason, ...value } = request.body;
      return updateReportingCalendar(deps, requireCaller(request), value, reason);
    },
  );
}
