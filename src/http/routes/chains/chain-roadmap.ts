/** /api/chains/:code/leader|roadmap|funnel: 链长, a region's 路线图 for the chain, and the targets' conversion funnel. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { chainLeaderBodySchema, chainLeaderSchema, funnelQuerySchema, funnelSchema, roadmapBodySchema, roadmapQuerySchema, roadmapSchema } from '../../../contracts/chain-roadmap';
import { getRoadmap, saveRoadmap, setChainLeader } from '../../../services/chains/chain-roadmap';
import type { Deps } from '../../../services/context';
import { getChainFunnel } from '../../../services/targets/target-funnel';
import { requireCaller } from '../../access';

const tags = ['chains'];
const codeParams = z.object({ code: z.string().min(1).max(40) });

export async function chainRoadmapRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.put(
    '/api/chains/:code/leader',
    {
      config: { access: 'chains.manage' },
      schema: { tags, summary: '设置或取消链长（定义该链的地区或其上级；链长须为该地区或下级的在用账号）', params: codeParams, body: chainLeaderBodySchema, response: { 200: chainLeaderSchema } },
    },
    async (request) => setChainLeader(deps, requireCaller(request), request.params.code, request.body.userId),
  );
  r.get(
    '/api/chains/:code/roadmap',
    { config: { access: 'chains.read' }, schema: { tags, summary: '本地区该链的路线图：各节点的目标（延链、补链、强链）、责任人、期限与招商目标', params: codeParams, querystring: roadmapQuerySchema, response: { 200: roadmapSchema } } },
    async (request) => getRoadmap(deps, requireCaller(request), request.params.code, request.query),
  );
  r.put(
    '/api/chains/:code/roadmap',
    {
      config: { access: 'targeting.manage' },
      schema: { tags, summary: '保存本地区该链的路线图（替换全部条目）', params: codeParams, querystring: roadmapQuerySchema, body: roadmapBodySchema, response: { 200: roadmapSchema } },
    },
    async (request) => saveRoadmap(deps, requireCaller(request), request.params.code, request.query, request.body),
  );
  r.get(
    '/api/chains/:code/funnel',
    {
      config: { access: 'targeting.read' },
      schema: { tags, summary: '招商转化漏斗：节点 → 目标 → 已接触 → 已拜访 → 项目 → 签约 → 落地，按节点与月份', params: codeParams, querystring: funnelQuerySchema, response: { 200: funnelSchema } },
    },
    async (request) => getChainFunnel(deps, requireCaller(request), request.params.code, request.query),
  );
}
