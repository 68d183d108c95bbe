/** /api/targets: scored candidates of a chain node for a region, claims, their status, feedback. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  claimFromListBodySchema,
  claimFromListResultSchema,
  claimFromSearchBodySchema,
  claimFromSearchResultSchema,
  claimTargetBodySchema,
  MAX_CLAIM_FROM_LIST,
  MAX_CLAIM_FROM_SEARCH,
  scoredTargetsQuerySchema,
  scoredTargetsSchema,
  targetFeedbackBodySchema,
  targetFeedbackSchema,
  targetListQuerySchema,
  targetListSchema,
  targetSchema,
  targetStatusBodySchema,
  targetWeightsFitSchema,
  targetWeightsSchema,
} from '../../../contracts/targets';
import type { Deps } from '../../../services/context';
import { changeTargetStatus, claimTarget, giveTargetFeedback, listTargets } from '../../../services/targets/target-claims';
import { fitTargetWeightsAs } from '../../../services/targets/target-learning';
import { claimTargetsFromList } from '../../../services/targets/target-list-claims';
import { claimTargetsFromSearch } from '../../../services/targets/target-search-claims';
import { listScoredTargets } from '../../../services/targets/target-scoring';
import { loadTargetWeights } from '../../../services/targets/target-weights';
import { requireCaller } from '../../access';
import { idParams as uuidParams } from '../../schemas';

const tags = ['targets'];
const idParams = z.object({ id: z.string().min(1).max(40) });

export async function targetRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/targets/scored',
    {
      config: { access: 'targeting.read' },
      schema: { tags, summary: '为本地区和产业链节点评分的候选企业（可解释：各项得分与理由、比上一名少在哪里、认领情况）', querystring: scoredTargetsQuerySchema, response: { 200: scoredTargetsSchema } },
    },
    async (request) => listScoredTargets(deps, requireCaller(request), request.query),
  );
  r.get(
    '/api/targets',
    { config: { access: 'targeting.read' }, schema: { tags, summary: '本地区及下级认领的招商目标', querystring: targetListQuerySchema, response: { 200: targetListSchema } } },
    async (request) => {
      const { page, pageSize, ...q } = request.query;
      return listTargets(deps, requireCaller(request), { ...q, limit: pageSize, offset: (page - 1) * pageSize });
    },
  );
  r.post(
    '/api/targets',
    { config: { access: 'targeting.manage' }, schema: { tags, summary: '认领招商目标（同一节点的企业同一时间只能由一个地区认领）', body: claimTargetBodySchema, response: { 200: targetSchema } } },
    async (request) => claimTarget(deps, requireCaller(request), request.body),
  );
  r.post(
    '/api/enterprise-lists/:id/targets',
    {
      config: { access: 'targeting.manage' },
      schema: {
        tags,
        summary: '把名单中的企业（全部或所选）认领为本地区某产业链节点的招商目标；逐家报告认领或未认领及原因',
        params: uuidParams,
        body: claimFromListBodySchema,
        response: { 200: claimFromListResultSchema },
      },
    },
    async (request) => claimTargetsFromList(deps, requireCaller(request), request.params.id, request.body, MAX_CLAIM_FROM_LIST),
  );
  r.post(
    '/api/enterprise-saved-searches/:id/targets',
    {
      config: { access: 'targeting.manage' },
      schema: {
        tags,
        summary: '把保存的搜索按其排序的前 limit 家（最多 200）认领为本地区某产业链节点的招商目标；逐家报告认领或未认领及原因',
        params: uuidParams,
        body: claimFromSearchBodySchema,
        response: { 200: claimFromSearchResultSchema },
      },
    },
    async (request) => claimTargetsFromSearch(deps, requireCaller(request), request.params.id, request.body, MAX_CLAIM_FROM_SEARCH),
  );
  r.post(
    '/api/targets/:id/status',
    {
      config: { access: 'targeting.manage' },
      schema: { tags, summary: '推进或放弃招商目标，关联其项目（标为已签约须关联已签约的项目）', params: idParams, body: targetStatusBodySchema, response: { 200: targetSchema } },
    },
    async (request) => changeTargetStatus(deps, requireCaller(request), request.params.id, request.body),
  );
  r.put(
    '/api/targets/feedback',
    { config: { access: 'targeting.manage' }, schema: { tags, summary: '对候选企业的反馈：不相关、已接触、好线索（用于拟合权重）', body: targetFeedbackBodySchema, response: { 200: targetFeedbackSchema } } },
    async (request) => giveTargetFeedback(deps, requireCaller(request), request.body),
  );
  r.get(
    '/api/targets/weights',
    { config: { access: 'targeting.read' }, schema: { tags, summary: '评分权重（默认或按本系统的招商结果拟合）及回测：precision@10/@50 与两条基线', response: { 200: targetWeightsSchema } } },
    async (request) => {
      requireCaller(request);
      return loadTargetWeights(deps);
    },
  );
  r.post(
    '/api/targets/weights/fit',
    { config: { access: 'chains.manage' }, schema: { tags, summary: '按认领目标的结果与反馈重新拟合评分权重（省级；全系统共用）', response: { 200: targetWeightsFitSchema } } },
    async (request) => fitTargetWeightsAs(deps, requireCaller(request)),
  );
}
