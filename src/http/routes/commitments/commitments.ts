/** /api/…/commitments: 政策承诺 clauses of a project, their fulfilments and status, the region ledger, the 通报 list and statistics. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { reasonBodySchema } from '../../../contracts/common';
import {
  clauseChangeBodySchema,
  clauseSchema,
  commitmentStatsQuerySchema,
  commitmentStatsSchema,
  fulfilmentBodySchema,
  ledgerQuerySchema,
  ledgerSchema,
  newClauseBodySchema,
  noticeSchema,
  reassignBodySchema,
  reviewBodySchema,
  statusBodySchema,
  versionedBodySchema,
} from '../../../contracts/commitments';
import { renderCommitmentNoticeXlsx } from '../../../exports/commitment-notice-xlsx';
import { changeClauseStatus, reassignClause } from '../../../services/commitments/clause-status';
import { agreeClause, createClause, listProjectClauses, removeClause, reviewClause, submitClauseForReview, updateClause } from '../../../services/commitments/clauses';
import { getCommitmentStats } from '../../../services/commitments/commitment-stats';
import { recordFulfilment } from '../../../services/commitments/fulfilments';
import { listLedger, listOverdueNotice } from '../../../services/commitments/ledger';
import type { Deps } from '../../../services/context';
import { requireCaller } from '../../access';
import { idParams } from '../../schemas';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const regionQuery = z.object({ regionCode: ledgerQuerySchema.shape.regionCode });

export async function commitmentRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['commitments'];

  r.get(
    '/api/projects/:id/commitments',
    { config: { access: 'commitments.read' }, schema: { tags, summary: '项目的政策承诺条款（状态按数据当日计算）', params: idParams, response: { 200: z.object({ items: z.array(clauseSchema) }) } } },
    async (request) => ({ items: await listProjectClauses(deps, requireCaller(request), request.params.id) }),
  );
  r.post(
    '/api/projects/:id/commitments',
    { config: { access: 'commitments.manage' }, schema: { tags, summary: '新增政策承诺条款（草拟；确认约定后才有约束力）', params: idParams, body: newClauseBodySchema, response: { 201: clauseSchema } } },
    async (request, reply) => reply.status(201).send(await createClause(deps, requireCaller(request), request.params.id, request.body)),
  );
  r.patch(
    '/api/commitments/:id',
    { config: { access: 'commitments.manage' }, schema: { tags, summary: '修改条款（已约定的须说明原因）', params: idParams, body: clauseChangeBodySchema, response: { 200: clauseSchema } } },
    async (request) => updateClause(deps, requireCaller(request), request.params.id, request.body),
  );
  r.delete(
    '/api/commitments/:id',
    { config: { access: 'commitments.manage' }, schema: { tags, summary: '删除草拟的条款（已约定的只能豁免）', params: idParams, body: reasonBodySchema } },
    async (request, reply) => {
      await removeClause(deps, requireCaller(request), request.params.id, request.body.reason);
      return reply.status(204).send();
    },
  );
  r.post(
    '/api/commitments/:id/review-submission',
    { config: { access: 'commitments.manage' }, schema: { tags, summary: '提交公平竞争审查（提交人与条款新增人不能审查通过）', params: idParams, body: versionedBodySchema, response: { 200: clauseSchema } } },
    async (request) => submitClauseForReview(deps, requireCaller(request), request.params.id, request.body.version),
  );
  r.post(
    '/api/commitments/:id/review',
    { config: { access: 'commitments.manage' }, schema: { tags, summary: '公平竞争审查决定（通过/不通过，须写审查意见）', params: idParams, body: reviewBodySchema, response: { 200: clauseSchema } } },
    async (request) => reviewClause(deps, requireCaller(request), request.params.id, request.body),
  );
  r.post(
    '/api/commitments/:id/agree',
    { config: { access: 'commitments.manage' }, schema: { tags, summary: '确认条款已约定（须审查的条款须审查通过）', params: idParams, body: versionedBodySchema, response: { 200: clauseSchema } } },
    async (request) => agreeClause(deps, requireCaller(request), request.params.id, request.body.version),
  );
  r.post(
    '/api/commitments/:id/fulfilments',
    {
      config: { access: 'commitments.manage' },
      schema: { tags, summary: '登记兑现（附佐证材料，按佐证材料的规则检查）', params: idParams, body: fulfilmentBodySchema.extend({ evidenceFileId: z.string().uuid().nullable().optional() }), response: { 201: clauseSchema } },
    },
    async (request, reply) => reply.status(201).send(await recordFulfilment(deps, requireCaller(request), request.params.id, request.body)),
  );
  r.post(
    '/api/commitments/:id/status',
    { config: { access: 'commitments.manage' }, schema: { tags, summary: '标记争议、豁免或撤销（须说明原因）', params: idParams, body: statusBodySchema, response: { 200: clauseSchema } } },
    async (request) => changeClauseStatus(deps, requireCaller(request), request.params.id, request.body),
  );
  r.post(
    '/api/commitments/:id/responsible',
    { config: { access: 'commitments.manage' }, schema: { tags, summary: '更换责任人或责任单位（须说明原因）', params: idParams, body: reassignBodySchema, response: { 200: clauseSchema } } },
    async (request) => reassignClause(deps, requireCaller(request), request.params.id, request.body),
  );
  r.get(
    '/api/commitments',
    { config: { access: 'commitments.read' }, schema: { tags, summary: '政策承诺台账（地区含全部下级）：筛选、状态计数、未来 12 个月到期金额预测', querystring: ledgerQuerySchema, response: { 200: ledgerSchema } } },
    async (request) => listLedger(deps, requireCaller(request), request.query),
  );
  r.get(
    '/api/commitments/notice',
    { config: { access: 'commitments.read' }, schema: { tags, summary: '逾期承诺通报（地区含全部下级）：按逾期工作日排序，按责任单位汇总', querystring: regionQuery, response: { 200: noticeSchema } } },
    async (request) => listOverdueNotice(deps, requireCaller(request), request.query.regionCode),
  );
  r.get(
    '/api/commitments/notice.xlsx',
    { config: { access: 'commitments.read' }, schema: { tags, summary: '逾期承诺通报（xlsx）', querystring: regionQuery } },
    async (request, reply) => {
      const notice = await listOverdueNotice(deps, requireCaller(request), request.query.regionCode);
      const fileName = `逾期承诺通报-${notice.regionName}-${notice.asOf}.xlsx`;
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', `attachment; filename="commitment-notice-${notice.regionCode}-${notice.asOf}.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
        .header('cache-control', 'no-store')
        .send(await renderCommitmentNoticeXlsx(notice));
    },
  );
  r.get(
    '/api/stats/commitments',
    {
      config: { access: 'commitments.read' },
      schema: { tags: ['statistics'], summary: '政策承诺统计（口径见 docs/commitments.md）：按状态、金额、按期兑现率、按地区与责任单位、双方履约', querystring: commitmentStatsQuerySchema, response: { 200: commitmentStatsSchema } },
    },
    async (request) => getCommitmentStats(deps, requireCaller(request), request.query),
  );
}
