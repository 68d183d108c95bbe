import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../../services/context';
import {
  downloadEvidence,
  listEvidence,
  listProjectHistory,
  listSavedFilters,
  removeSavedFilter,
  saveFilter,
  summarizeLightsByLeader,
  uploadEvidence,
} from '../../../services/projects/project-extras';
import { requireCaller } from '../../access';
import { idParams } from '../../schemas';
import { historyEntrySchema } from '../../../contracts/audit';
import { evidenceSchema, evidenceUploadBodySchema } from '../../../contracts/evidence';
import { regionQuerySchema } from '../../../contracts/common';
import { leaderLightsSchema, savedFilterBodySchema, savedFilterQuerySchema, savedFilterSchema } from '../../../contracts/settings';

export async function projectExtraRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/projects/:id/evidence',
    { config: { access: 'projects.read' }, schema: { tags: ['evidence'], summary: '项目的佐证材料', params: idParams, response: { 200: z.object({ items: z.array(evidenceSchema) }) } } },
    async (request) => ({ items: await listEvidence(deps, requireCaller(request), request.params.id) }),
  );
  r.post(
    '/api/projects/:id/evidence',
    {
      config: { access: 'evidence.upload' },
      bodyLimit: 15 * 1024 * 1024,
      schema: {
        tags: ['evidence'],
        summary: '上传佐证材料（合同、许可、银行回单；PDF/图片/Office/OFD，≤10 MB，内容以 base64 传输）',
        params: idParams,
        body: evidenceUploadBodySchema,
        response: { 201: evidenceSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await uploadEvidence(deps, requireCaller(request), request.params.id, request.body)),
  );
  r.get(
    '/api/evidence/:id/download',
    { config: { access: 'projects.read' }, schema: { tags: ['evidence'], summary: '下载佐证材料', params: idParams } },
    async (request, reply) => {
      const file = await downloadEvidence(deps, requireCaller(request), request.params.id);
      return reply
        .type(file.mimeType)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
        .header('x-content-type-options', 'nosniff')
        .send(file.content);
    },
  );

  r.get(
    '/api/projects/:id/history',
    {
      config: { access: 'projects.read' },
      schema: {
        tags: ['projects'],
        summary: '项目及其到位资金、问题、帮办事项、材料的变更记录',
        params: idParams,
        response: { 200: z.object({ items: z.array(historyEntrySchema) }) },
      },
    },
    async (request) => ({ items: await listProjectHistory(deps, requireCaller(request), request.params.id) }),
  );

  r.get(
    '/api/lights/by-leader',
    {
      config: { access: 'projects.read' },
      schema: {
        tags: ['projects'],
        summary: '按包联领导统计红灯、黄灯项目',
        querystring: regionQuerySchema,
        response: { 200: z.object({ items: z.array(leaderLightsSchema) }) },
      },
    },
    async (request) => ({ items: await summarizeLightsByLeader(deps, requireCaller(request), request.query.regionCode) }),
  );

  r.get(
    '/api/saved-filters',
    { config: { access: 'session' }, schema: { tags: ['savedFilters'], summary: '我保存的筛选条件', querystring: savedFilterQuerySchema, response: { 200: z.object({ items: z.array(savedFilterSchema) }) } } },
    async (request) => ({ items: await listSavedFilters(deps, requireCaller(request), request.query.page) }),
  );
  r.post(
    '/api/saved-filters',
    {
      config: { access: 'session' },
      schema: {
        tags: ['savedFilters'],
        summary: '保存筛选条件（同名覆盖）',
        body: savedFilterBodySchema,
        response: { 201: savedFilterSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await saveFilter(deps, requireCaller(request), request.body.page, request.body.name, request.body.filter)),
  );
  r.delete(
    '/api/saved-filters/:id',
    { config: { access: 'session' }, schema: { tags: ['savedFilters'], summary: '删除筛选条件', params: idParams } },
    async (request, reply) => {
      await removeSavedFilter(deps, requireCaller(request), request.params.id);
      return reply.status(204).send();
    },
  );
}
