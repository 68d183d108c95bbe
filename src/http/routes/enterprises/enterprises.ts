import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { enterpriseDetailSchema, enterpriseSchema } from '../../../contracts/enterprises';
import { enterpriseChangeBodySchema, enterpriseDetailQuerySchema, newEnterpriseBodySchema } from '../../../contracts/enterprise-edits';
import type { Deps } from '../../../services/context';
import { createEnterprise, getEnterpriseDetail, updateEnterprise } from '../../../services/enterprises/enterprises';
import { requireCaller } from '../../access';

const tags = ['enterprises'];
export const enterpriseKeyParams = z.object({
  key: z.string().trim().min(1).max(40).describe('统一社会信用代码，或无代码企业（项目投资方）的 id'),
});

export async function enterpriseRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/enterprises/:key',
    {
      config: { access: 'enterprises.read', reads: 'replica' },
      schema: {
        tags,
        summary: '企业详情：字段来源、本辖区联系人（脱敏）与项目、名单、疑似重复、时间线（新到旧，可翻页）',
        params: enterpriseKeyParams,
        querystring: enterpriseDetailQuerySchema,
        response: { 200: enterpriseDetailSchema },
      },
    },
    async (request) => getEnterpriseDetail(deps, requireCaller(request), request.params.key, request.query),
  );

  r.post(
    '/api/enterprises',
    {
      config: { access: 'enterprises.manage' },
      schema: {
        tags,
        summary: '手工新增企业（信用代码按 GB 32100 校验；已存在时 409）',
        body: newEnterpriseBodySchema,
        response: { 201: enterpriseSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await createEnterprise(deps, requireCaller(request), request.body)),
  );

  r.patch(
    '/api/enterprises/:key',
    {
      config: { access: 'enterprises.manage' },
      schema: {
        tags,
        summary: '修改企业信息：写字段历史（来源“手工维护”）并重建检索键；version 不是最新时返回 409；无代码企业可补填信用代码',
        params: enterpriseKeyParams,
        body: enterpriseChangeBodySchema,
        response: { 200: enterpriseSchema },
      },
    },
    async (request) => updateEnterprise(deps, requireCaller(request), request.params.key, request.body),
  );
}
