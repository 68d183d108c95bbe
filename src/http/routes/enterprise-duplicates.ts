import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../services/context';
import { dismissDuplicate, listDuplicateCandidates, mergeDuplicate } from '../../services/enterprise-duplicates';
import { requireCaller } from '../access';
import { idParams, pageQuery } from '../schemas';

const tags = ['enterprises'];

const candidateSchema = z.object({
  id: z.string(),
  status: z.enum(['pending', 'dismissed', 'merged']),
  similarity: z.number(),
  reason: z.string(),
  reasonLabel: z.string(),
  uncoded: z.object({ id: z.string(), name: z.string(), projectCount: z.number(), contactRegionCodes: z.array(z.string()) }),
  coded: z.object({ id: z.string(), name: z.string(), creditCode: z.string(), regionCode: z.string().nullable() }),
  createdAt: z.string(),
});
const reasonBody = z.object({ reason: z.string().max(500).optional() }).nullish();

export async function enterpriseDuplicateRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/enterprise-duplicates',
    {
      config: { access: 'enterprises.manage' },
      schema: {
        tags,
        summary: '待处理的疑似重复企业：无信用代码的企业（项目投资方）与名称相近的有代码企业；只列与本辖区有关的',
        querystring: z.object(pageQuery),
        response: { 200: z.object({ items: z.array(candidateSchema), total: z.number() }) },
      },
    },
    async (request) => listDuplicateCandidates(deps, requireCaller(request), request.query),
  );

  r.post(
    '/api/enterprise-duplicates/:id/merge',
    {
      config: { access: 'enterprises.manage' },
      schema: {
        tags,
        summary: '合并：把无代码企业的项目、联系人、名单转到有代码企业，原名称记为曾用名，删除无代码企业',
        params: idParams,
        body: reasonBody,
        response: {
          200: z.object({
            enterpriseId: z.string(),
            creditCode: z.string(),
            name: z.string(),
            movedProjects: z.number(),
            movedContacts: z.number(),
            movedListMemberships: z.number(),
          }),
        },
      },
    },
    async (request) => mergeDuplicate(deps, requireCaller(request), request.params.id, request.body?.reason),
  );

  r.post(
    '/api/enterprise-duplicates/:id/dismiss',
    {
      config: { access: 'enterprises.manage' },
      schema: { tags, summary: '不是同一家企业：忽略，不再提示', params: idParams, body: reasonBody, response: { 200: candidateSchema } },
    },
    async (request) => dismissDuplicate(deps, requireCaller(request), request.params.id, request.body?.reason),
  );
}
