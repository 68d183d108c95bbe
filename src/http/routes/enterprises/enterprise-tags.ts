import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { newEnterpriseTagBodySchema } from '../../../contracts/enterprise-edits';
import { enterpriseTagSchema } from '../../../contracts/enterprises';
import type { Deps } from '../../../services/context';
import { createEnterpriseTag, deleteEnterpriseTag, listEnterpriseTags } from '../../../services/enterprises/enterprise-tags';
import { requireCaller } from '../../access';

const tags = ['enterprises'];
export async function enterpriseTagRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/enterprise-tags',
    { config: { access: 'session' }, schema: { tags, summary: '企业标签：内置标签与系统管理员添加的标签，含使用的企业数', response: { 200: z.object({ items: z.array(enterpriseTagSchema) }) } } },
    async () => ({ items: await listEnterpriseTags(deps) }),
  );

  r.post(
    '/api/enterprise-tags',
    {
      config: { access: 'settings.manage' },
      schema: {
        tags,
        summary: '添加企业标签',
        body: newEnterpriseTagBodySchema,
        response: { 201: enterpriseTagSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await createEnterpriseTag(deps, requireCaller(request), request.body)),
  );

  r.delete(
    '/api/enterprise-tags/:name',
    {
      config: { access: 'settings.manage' },
      schema: { tags, summary: '删除添加的标签（内置标签不能删除；仍有企业使用时 409）', params: z.object({ name: z.string().min(1).max(20) }) },
    },
    async (request, reply) => {
      await deleteEnterpriseTag(deps, requireCaller(request), request.params.name);
      return reply.status(204).send();
    },
  );
}
