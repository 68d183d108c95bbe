import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  completionQuerySchema,
  completionSummarySchema,
  newProjectBodySchema,
  projectChangeBodySchema,
  projectDetailSchema,
  projectListQuerySchema,
  projectPageSchema,
  projectSchema,
  stageMoveBodySchema,
} from '../../../contracts/projects';
import type { Deps } from '../../../services/context';
import { changeProjectStage, createProject, getCompletionSummary, getProjectDetail, listProjects, updateProject } from '../../../services/projects/projects';
import { requireCaller } from '../../access';
import { idParams } from '../../schemas';

const tags = ['projects'];
export async function projectRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/projects',
    {
      config: { access: 'projects.read' },
      schema: {
        tags,
        summary: '项目列表（本地区及下级），含各阶段数量与红绿灯',
        querystring: projectListQuerySchema,
        response: { 200: projectPageSchema },
      },
    },
    async (request) => {
      const q = request.query;
      return listProjects(deps, requireCaller(request), { ...q, stages: q.stage, sources: q.source });
    },
  );

  r.get(
    '/api/projects/completion',
    {
      config: { access: 'projects.read' },
      schema: {
        tags,
        summary: '待完善：资料不全的项目数，按下级地区和缺少的资料统计（项目清单用 /api/projects?incomplete=true）',
        querystring: completionQuerySchema,
        response: { 200: completionSummarySchema },
      },
    },
    async (request) => getCompletionSummary(deps, requireCaller(request), request.query),
  );

  r.post(
    '/api/projects',
    {
      config: { access: 'projects.manage' },
      schema: {
        tags,
        summary: '新建项目（初始阶段须满足该阶段的全部要求）',
        body: newProjectBodySchema,
        response: { 201: projectSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await createProject(deps, requireCaller(request), request.body)),
  );

  r.get(
    '/api/projects/:id',
    { config: { access: 'projects.read' }, schema: { tags, summary: '项目详情：下一阶段清单、五个一、阶段时间线', params: idParams, response: { 200: projectDetailSchema } } },
    async (request) => getProjectDetail(deps, requireCaller(request), request.params.id),
  );

  r.patch(
    '/api/projects/:id',
    {
      config: { access: 'projects.manage' },
      schema: {
        tags,
        summary: '修改项目（只检查改动涉及的阶段要求）；version 不是最新时返回 409',
        params: idParams,
        body: projectChangeBodySchema,
        response: { 200: projectSchema },
      },
    },
    async (request) => updateProject(deps, requireCaller(request), request.params.id, request.body),
  );

  r.post(
    '/api/projects/:id/stage',
    {
      config: { access: 'projects.manage' },
      schema: {
        tags,
        summary: '变更阶段：按阶段规则检查；终止须说明原因；退回须填写说明',
        params: idParams,
        body: stageMoveBodySchema,
        response: { 200: projectSchema },
      },
    },
    async (request) => changeProjectStage(deps, requireCaller(request), request.params.id, request.body),
  );
}
