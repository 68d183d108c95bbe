/** GET /api/stats/service-items: 服务时钟 figures of 帮办代办 (issue 13 item 8); a thin adapter. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { serviceClockQuerySchema, serviceClockStatsSchema } from '../../../contracts/service-clocks';
import type { Deps } from '../../../services/context';
import { getServiceClockStats } from '../../../services/statistics/service-clocks';
import { requireCaller } from '../../access';

export async function serviceClockRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/stats/service-items',
    {
      config: { access: 'stats.read', reads: 'replica' },
      schema: {
        tags: ['statistics'],
        summary: '帮办代办服务时钟：受理、办结、按期办结率、办结用时中位数与第 90 百分位（工作日）、逾期未办结、涉及项目；按下级地区、经办人、月份',
        querystring: serviceClockQuerySchema,
        response: { 200: serviceClockStatsSchema },
      },
    },
    async (request) => getServiceClockStats(deps, requireCaller(request), request.query),
  );
}
