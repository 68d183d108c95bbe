/** /api/resident-teams (驻点招商小分队) and /api/partners (招商大使、商会/协会、委托招商): records and their figures. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { partnerCreateSchema, partnerDeleteSchema, partnerListQuerySchema, partnerListSchema, partnerSchema, partnerUpdateSchema } from '../../../contracts/partners';
import { teamCreateSchema, teamDeleteSchema, teamListQuerySchema, teamListSchema, teamSchema, teamUpdateSchema } from '../../../contracts/resident-teams';
import { createPartner, deletePartner, getPartner, listPartners, updatePartner } from '../../../services/activities/partners';
import { createTeam, deleteTeam, getTeam, listTeams, updateTeam } from '../../../services/activities/resident-teams';
import type { Deps } from '../../../services/context';
import { requireCaller } from '../../access';
import { idParams } from '../../schemas';

const tags = ['activities'];
const deleted = { 200: z.object({ id: z.string(), deleted: z.literal(true) }) };

export async function teamPartnerRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/resident-teams',
    { config: { access: 'activities.read' }, schema: { tags, summary: '本地区及下级的驻点招商小分队', querystring: teamListQuerySchema, response: { 200: teamListSchema } } },
    async (request) => listTeams(deps, requireCaller(request), request.query),
  );
  r.get(
    '/api/resident-teams/:id',
    { config: { access: 'activities.read' }, schema: { tags, summary: '一支驻点小分队：成员、目标，及其活动、按月汇总、经活动对接的项目与成果', params: idParams, response: { 200: teamSchema } } },
    async (request) => getTeam(deps, requireCaller(request), request.params.id),
  );
  r.post(
    '/api/resident-teams',
    { config: { access: 'activities.manage' }, schema: { tags, summary: '新建驻点小分队', body: teamCreateSchema, response: { 200: teamSchema } } },
    async (request) => createTeam(deps, requireCaller(request), request.body),
  );
  r.patch(
    '/api/resident-teams/:id',
    { config: { access: 'activities.manage' }, schema: { tags, summary: '修改驻点小分队（须带当前版本号；成员给出时整体替换）', params: idParams, body: teamUpdateSchema, response: { 200: teamSchema } } },
    async (request) => updateTeam(deps, requireCaller(request), request.params.id, request.body),
  );
  r.delete(
    '/api/resident-teams/:id',
    { config: { access: 'activities.manage' }, schema: { tags, summary: '删除驻点小分队（须带版本号与原因；已有活动的不能删除，改为已撤回）', params: idParams, body: teamDeleteSchema, response: deleted } },
    async (request) => deleteTeam(deps, requireCaller(request), request.params.id, request.body),
  );

  r.get(
    '/api/partners',
    { config: { access: 'activities.read' }, schema: { tags, summary: '本地区及下级的合作方（招商大使、商会、协会、委托招商机构）及其引荐项目、签约额、活动数', querystring: partnerListQuerySchema, response: { 200: partnerListSchema } } },
    async (request) => listPartners(deps, requireCaller(request), request.query),
  );
  r.get(
    '/api/partners/:id',
    { config: { access: 'activities.read' }, schema: { tags, summary: '一个合作方：委托协议、引荐的项目（按阶段）、签约额、相关活动', params: idParams, response: { 200: partnerSchema } } },
    async (request) => getPartner(deps, requireCaller(request), request.params.id),
  );
  r.post(
    '/api/partners',
    { config: { access: 'activities.manage' }, schema: { tags, summary: '新建合作方（委托招商须填协议编号）', body: partnerCreateSchema, response: { 200: partnerSchema } } },
    async (request) => createPartner(deps, requireCaller(request), request.body),
  );
  r.patch(
    '/api/partners/:id',
    { config: { access: 'activities.manage' }, schema: { tags, summary: '修改合作方（须带当前版本号）', params: idParams, body: partnerUpdateSchema, response: { 200: partnerSchema } } },
    async (request) => updatePartner(deps, requireCaller(request), request.params.id, request.body),
  );
  r.delete(
    '/api/partners/:id',
    { config: { access: 'activities.manage' }, schema: { tags, summary: '删除合作方（须带版本号与原因；仍被项目或活动引用的不能删除）', params: idParams, body: partnerDeleteSchema, response: deleted } },
    async (request) => deletePartner(deps, requireCaller(request), request.params.id, request.body),
  );
}
