import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { reasonBodySchema, regionQuerySchema } from '../../../contracts/common';
import {
  calendarOverrideBodySchema,
  calendarOverrideSchema,
  calendarOverridesSchema,
  evidencePolicyBodySchema,
  evidencePolicySchema,
  lightRulesBodySchema,
  lightRulesSchema,
} from '../../../contracts/settings';
import {
  ledgerReceiptSchema,
  newProblemBodySchema,
  newReceiptBodySchema,
  newServiceItemBodySchema,
  problemChangeBodySchema,
  problemSchema,
  receiptCorrectionBodySchema,
  receiptSchema,
  serviceItemChangeBodySchema,
  serviceItemSchema,
  serviceSummarySchema,
  versionBodySchema,
} from '../../../contracts/project-records';
import { deleteCalendarOverride, listCalendarOverrides, saveCalendarOverride } from '../../../services/calendar';
import { getEvidencePolicy, updateEvidencePolicy } from '../../../services/funds/evidence-policy';
import type { Deps } from '../../../services/context';
import { addReceipt, correctReceipt, listReceipts, removeReceipt, verifyReceipt } from '../../../services/funds/funds';
import { addProblem, listProblems, updateProblem } from '../../../services/projects/problems';
import { getLightRules, updateLightRules } from '../../../services/projects/project-lights';
import { addServiceItem, listServiceItems, summarizeServiceItems, updateServiceItem } from '../../../services/projects/service-items';
import { requireCaller } from '../../access';
import { dateSchema, idParams } from '../../schemas';

export async function projectRecordRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  // ---- 到位资金 -------------------------------------------------------------------------------
  r.get(
    '/api/projects/:id/receipts',
    {
      config: { access: 'projects.read' },
      schema: {
        tags: ['funds'],
        summary: '项目的到位资金（按月），已锁定的月份注明锁定的月报与重新开放人',
        params: idParams,
        response: { 200: z.object({ items: z.array(ledgerReceiptSchema) }) },
      },
    },
    async (request) => ({ items: await listReceipts(deps, requireCaller(request), request.params.id) }),
  );
  r.post(
    '/api/projects/:id/receipts',
    {
      config: { access: 'funds.manage' },
      schema: {
        tags: ['funds'],
        summary: '录入某月到位资金（元）',
        params: idParams,
        body: newReceiptBodySchema,
        response: { 201: receiptSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await addReceipt(deps, requireCaller(request), request.params.id, request.body)),
  );
  r.patch(
    '/api/receipts/:id',
    {
      config: { access: 'funds.manage' },
      schema: {
        tags: ['funds'],
        summary: '更正到位资金（须说明原因；更正后须重新核实）',
        params: idParams,
        body: receiptCorrectionBodySchema,
        response: { 200: receiptSchema },
      },
    },
    async (request) => correctReceipt(deps, requireCaller(request), request.params.id, request.body),
  );
  r.delete(
    '/api/receipts/:id',
    { config: { access: 'funds.manage' }, schema: { tags: ['funds'], summary: '删除到位资金记录（须说明原因）', params: idParams, body: reasonBodySchema } },
    async (request, reply) => {
      await removeReceipt(deps, requireCaller(request), request.params.id, request.body.reason);
      return reply.status(204).send();
    },
  );
  r.post(
    '/api/receipts/:id/verify',
    {
      config: { access: 'funds.verify' },
      schema: { tags: ['funds'], summary: '核实到位资金（录入人以外的统计员）', params: idParams, body: versionBodySchema, response: { 200: receiptSchema } },
    },
    async (request) => verifyReceipt(deps, requireCaller(request), request.params.id, request.body.version),
  );

  // ---- 问题清单 -------------------------------------------------------------------------------
  r.get(
    '/api/projects/:id/problems',
    { config: { access: 'projects.read' }, schema: { tags: ['problems'], summary: '项目的问题清单', params: idParams, response: { 200: z.object({ items: z.array(problemSchema) }) } } },
    async (request) => ({ items: await listProblems(deps, requireCaller(request), request.params.id) }),
  );
  r.post(
    '/api/projects/:id/problems',
    {
      config: { access: 'projects.manage' },
      schema: {
        tags: ['problems'],
        summary: '新增问题',
        params: idParams,
        body: newProblemBodySchema,
        response: { 201: problemSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await addProblem(deps, requireCaller(request), request.params.id, request.body)),
  );
  r.patch(
    '/api/problems/:id',
    {
      config: { access: 'projects.manage' },
      schema: {
        tags: ['problems'],
        summary: '修改或解决问题（解决须填写解决情况）',
        params: idParams,
        body: problemChangeBodySchema,
        response: { 200: problemSchema },
      },
    },
    async (request) => updateProblem(deps, requireCaller(request), request.params.id, request.body),
  );

  // ---- 帮办代办 -------------------------------------------------------------------------------
  r.get(
    '/api/projects/:id/service-items',
    {
      config: { access: 'projects.read' },
      schema: { tags: ['serviceItems'], summary: '项目的帮办代办事项（工作日计时）', params: idParams, response: { 200: z.object({ items: z.array(serviceItemSchema) }) } },
    },
    async (request) => ({ items: await listServiceItems(deps, requireCaller(request), request.params.id) }),
  );
  r.post(
    '/api/projects/:id/service-items',
    {
      config: { access: 'projects.manage' },
      schema: {
        tags: ['serviceItems'],
        summary: '新增帮办代办事项：办结时限按工作日（法定节假日与调休）计算',
        params: idParams,
        body: newServiceItemBodySchema,
        response: { 201: serviceItemSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await addServiceItem(deps, requireCaller(request), request.params.id, request.body)),
  );
  r.patch(
    '/api/service-items/:id',
    {
      config: { access: 'projects.manage' },
      schema: {
        tags: ['serviceItems'],
        summary: '办结或修改帮办事项',
        params: idParams,
        body: serviceItemChangeBodySchema,
        response: { 200: serviceItemSchema },
      },
    },
    async (request) => updateServiceItem(deps, requireCaller(request), request.params.id, request.body),
  );
  r.get(
    '/api/service-items/summary',
    {
      config: { access: 'projects.read' },
      schema: {
        tags: ['serviceItems'],
        summary: '各下级地区帮办事项数量：在办、超期、办结',
        querystring: regionQuerySchema,
        response: { 200: serviceSummarySchema },
      },
    },
    async (request) => summarizeServiceItems(deps, requireCaller(request), request.query.regionCode),
  );

  // ---- 先证后计 ----------------------------------------------------------------------------------
  r.get(
    '/api/settings/evidence-policy',
    { config: { access: 'session' }, schema: { tags: ['settings'], summary: '先证后计：哪些阶段变更须有佐证、到位资金是否须佐证或核实才计入', response: { 200: evidencePolicySchema } } },
    async () => getEvidencePolicy(deps),
  );
  r.put(
    '/api/settings/evidence-policy',
    {
      config: { access: 'settings.manage' },
      schema: { tags: ['settings'], summary: '修改先证后计设置', body: evidencePolicyBodySchema, response: { 200: evidencePolicySchema } },
    },
    async (request) => {
      const { reason, ...policy } = request.body;
      return updateEvidencePolicy(deps, requireCaller(request), policy, reason);
    },
  );

  // ---- 节假日与调休 -------------------------------------------------------------------------------
  r.get(
    '/api/calendar/overrides',
    {
      config: { access: 'session' },
      schema: {
        tags: ['settings'],
        summary: '工作日历：官方节假日数据覆盖到哪一年，以及本系统录入的补充（新一年安排、地方假日）',
        response: { 200: calendarOverridesSchema },
      },
    },
    async () => listCalendarOverrides(deps),
  );
  r.put(
    '/api/calendar/overrides/:date',
    {
      config: { access: 'settings.manage' },
      schema: {
        tags: ['settings'],
        summary: '录入或修改一天的安排（放假或调休上班）',
        params: z.object({ date: dateSchema }),
        body: calendarOverrideBodySchema,
        response: { 200: calendarOverrideSchema },
      },
    },
    async (request) => saveCalendarOverride(deps, requireCaller(request), { date: request.params.date, ...request.body }),
  );
  r.delete(
    '/api/calendar/overrides/:date',
    { config: { access: 'settings.manage' }, schema: { tags: ['settings'], summary: '删除一天的补充安排', params: z.object({ date: dateSchema }), body: reasonBodySchema } },
    async (request, reply) => {
      await deleteCalendarOverride(deps, requireCaller(request), request.params.date, request.body.reason);
      return reply.status(204).send();
    },
  );

  // ---- 红绿灯规则 -----------------------------------------------------------------------------
  r.get(
    '/api/settings/light-rules',
    { config: { access: 'session' }, schema: { tags: ['settings'], summary: '红绿灯规则（所有登录用户可读，解释灯色）', response: { 200: lightRulesSchema } } },
    async () => getLightRules(deps),
  );
  r.put(
    '/api/settings/light-rules',
    {
      config: { access: 'settings.manage' },
      schema: { tags: ['settings'], summary: '修改红绿灯规则', body: lightRulesBodySchema, response: { 200: lightRulesSchema } },
    },
    async (request) => {
      const { reason, ...rules } = request.body;
      return updateLightRules(deps, requireCaller(request), rules, reason);
    },
  );
}
