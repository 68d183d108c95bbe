import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Deps } from '../../../services/context';
import { searchEnterprises } from '../../../services/enterprises/enterprise-search';
import { enterpriseSearchQuerySchema, enterpriseSearchResultSchema } from '../../../contracts/enterprise-search';
import { requireCaller } from '../../access';

const tags = ['enterprises'];

export async function enterpriseSearchRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/enterprises',
    {
      config: { access: 'enterprises.read', reads: 'replica' },
      schema: {
        tags,
        summary: '企业库检索（全国企业；“已联系”按本人管辖地区）',
        description:
          '返回当页企业、筛选结果的总数与分面计数。facets.tags：每个内置与自定义标签在全部筛选结果中的企业数；' +
          'facets.regions：地区筛选的下一级地区（未选地区时为本人所在省级的各地市）各自（含下级）的企业数，键为地区代码；' +
          'facets.regionRoot 为这些地区的上级（全国用户未选地区时为 null）；facets.regionNames 给出 facets.regions 各地区、regionRoot 及其各级上级的名称。' +
          'highlight 给出名称（及命中的曾用名）中命中的片段，不含 HTML。金额为整数元。',
        querystring: enterpriseSearchQuerySchema,
        response: { 200: enterpriseSearchResultSchema },
      },
    },
    async (request) => searchEnterprises(deps, requireCaller(request), request.query),
  );
}
