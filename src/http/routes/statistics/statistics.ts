import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { annualTargetBodySchema, annualTargetSchema, breakdownsSchema, rankingsQuerySchema, rankingsSchema, statsQuerySchema, summarySchema } from '../../../contracts/statistics';
import type { Deps } from '../../../services/context';
import { getSummary, getTarget, setTarget } from '../../../services/statistics/statistics';
import { getBreakdowns } from '../../../services/statistics/statistics-breakdowns';
import { getRankings } from '../../../services/statistics/statistics-rankings';
import { requireCaller } from '../../access';
import { regionCodeSchema } from '../../schemas';

const targetParams = z.object({ regionCode: regionCodeSchema, year: z.coerce.number().int().min(2000).max(2100) });

export async function statisticsRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/stats/summary',
    {
      config: { access: 'stats.read', reads: 'replica' },
      schema: {
        tags: ['statistics'],
        summary: '统计汇总：执行项目、新建/续建、来源、同比、签约（含按三次产业、产业链、投资方标签的结构）、开工率、履约率、目标完成（口径见 DESIGN.md）；统计期可跨年，excludeTags 排除带有指定标签的项目',
        querystring: statsQuerySchema,
        response: { 200: summarySchema },
      },
    },
    async (request) => getSummary(deps, requireCaller(request), request.query),
  );
  r.get(
    '/api/stats/breakdowns',
    {
      config: { access: 'stats.read', reads: 'replica' },
      schema: {
        tags: ['statistics'],
        summary: '到位资金分解：按下级地区（占比、贡献率、拉动）、三次产业、行业门类、投资方类型，以及本年与上年逐月序列；统计期可跨年，excludeTags 排除带有指定标签的项目',
        querystring: statsQuerySchema,
        response: { 200: breakdownsSchema },
      },
    },
    async (request) => getBreakdowns(deps, requireCaller(request), request.query),
  );
  r.get(
    '/api/stats/rankings',
    {
      config: { access: 'stats.read', reads: 'replica' },
      schema: {
        tags: ['statistics'],
        summary: '赛马榜：下级地区按到位资金、同比增速、目标完成率、签约额、开工率排名，及与上一期相比的名次变化；excludeTags 排除带有指定标签的项目',
        querystring: rankingsQuerySchema,
        response: { 200: rankingsSchema },
      },
    },
    async (request) => getRankings(deps, requireCaller(request), request.query),
  );
  r.get(
    '/api/targets/:regionCode/:year',
    { config: { access: 'stats.read' }, schema: { tags: ['statistics'], summary: '年度目标；尚未下达时为 null（不是错误）', params: targetParams, response: { 200: annualTargetSchema.nullable() } } },
    async (request) => getTarget(deps, requireCaller(request), request.params.regionCode, request.params.year),
  );
  r.put(
    '/api/targets/:regionCode/:year',
    {
      config: { access: 'targets.manage' },
      schema: {
        tags: ['statistics'],
        summary: '下达年度目标（由上级设定下级的目标）',
        params: targetParams,
        body: annualTargetBodySchema,
        response: { 200: annualTargetSchema },
      },
    },
    async (request) => setTarget(deps, requireCaller(request), { ...request.params, ...request.body }),
  );
}
