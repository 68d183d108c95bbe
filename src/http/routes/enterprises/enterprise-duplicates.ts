import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { pageQuerySchema } from '../../../contracts/common';
import { optionalReasonBodySchema } from '../../../contracts/enterprise-edits';
import { duplicateCandidateSchema, duplicatePageSchema, mergeResultSchema } from '../../../contracts/enterprises';
import type { Deps } from '../../../services/context';
import { dismissDuplicate, listDuplicateCandidates, mergeDuplicate } from '../../../services/enterprises/enterprise-duplicates';
import { requireCaller } from '../../access';
import { idParams } from '../../schemas';

const tags = ['enterprises'];

const reasonBody = optionalReasonBodySchema;

export async function enterpriseDuplicateRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/enterprise-duplicates',
    {
      config: { access: 'enterprises.manage' },
      schema: {
        tags,
        summary: '待处理的疑似重复企业：无信用代码的企业（项目投资方）与名称相近的有代码企业；只列与本辖区有关的',
        querystring: pageQuerySchema,
        response: { 200: duplicatePageSchema },
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
        response: { 200: mergeResultSchema },
      },
    },
    async (request) => mergeDuplicate(deps, requireCaller(request), request.params.id, request.body?.reason),
  );

  r.post(
    '/api/enterprise-duplicates/:id/dismiss',
    {
      config: { access: 'enterprises.manage' },
      schema: { tags, summary: '不是同一家企业：忽略，不再提示', params: idParams, body: reasonBody, response: { 200: duplicateCandidateSchema } },
    },
    async (request) => dismissDuplicate(deps, requireCaller(request), request.params.id, request.body?.reason),
  );
}
