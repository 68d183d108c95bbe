import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { industrySchema } from '../../contracts/projects';
import { reasonBodySchema } from '../../contracts/common';
import { newParkBodySchema, parkQuerySchema, parkRenameBodySchema, parkSchema, regionChildSchema, regionSchema } from '../../contracts/users';
import type { Deps } from '../../services/context';
import { archivePark, createPark, getRegionDetail, listChildRegions, listIndustries, listParks, renamePark } from '../../services/regions';
import { requireCaller } from '../access';
import { regionCodeSchema } from '../schemas';

const tags = ['regions'];
const codeParams = z.object({ code: regionCodeSchema });
export async function regionRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/regions/:code',
    {
      config: { access: 'session' },
      schema: {
        tags,
        summary: '地区详情与上级路径（限本人管辖范围）',
        params: codeParams,
        response: { 200: regionSchema },
      },
    },
    async (request) => getRegionDetail(deps, requireCaller(request), request.params.code),
  );

  r.get(
    '/api/regions/:code/children',
    {
      config: { access: 'session' },
      schema: {
        tags,
        summary: '下级地区（含园区）',
        params: codeParams,
        response: { 200: z.object({ items: z.array(regionChildSchema) }) },
      },
    },
    async (request) => ({ items: await listChildRegions(deps, requireCaller(request), request.params.code) }),
  );

  r.get(
    '/api/parks',
    {
      config: { access: 'session' },
      schema: { tags, summary: '园区列表', querystring: parkQuerySchema, response: { 200: z.object({ items: z.array(parkSchema) }) } },
    },
    async (request) => ({ items: await listParks(deps, requireCaller(request), request.query.regionCode) }),
  );

  r.post(
    '/api/parks',
    {
      config: { access: 'regions.manage' },
      schema: {
        tags,
        summary: '新建园区（编码为上级代码加三位序号）',
        body: newParkBodySchema,
        response: { 201: parkSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await createPark(deps, requireCaller(request), request.body)),
  );

  r.patch(
    '/api/parks/:code',
    {
      config: { access: 'regions.manage' },
      schema: { tags, summary: '修改园区名称', params: codeParams, body: parkRenameBodySchema, response: { 200: parkSchema } },
    },
    async (request) => renamePark(deps, requireCaller(request), request.params.code, request.body),
  );

  r.delete(
    '/api/parks/:code',
    { config: { access: 'regions.manage' }, schema: { tags, summary: '删除（停用）园区', params: codeParams, body: reasonBodySchema } },
    async (request, reply) => {
      await archivePark(deps, requireCaller(request), request.params.code, request.body.reason);
      return reply.status(204).send();
    },
  );

  r.get(
    '/api/industries',
    {
      config: { access: 'session' },
      schema: {
        tags,
        summary: '国民经济行业分类 GB/T 4754-2017（门类、大类）与三次产业',
        response: {
          200: z.object({ items: z.array(industrySchema) }),
        },
      },
    },
    async () => ({ items: await listIndustries(deps) }),
  );
}
