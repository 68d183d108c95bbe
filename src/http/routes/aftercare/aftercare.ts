/** 安商稳商: /api/aftercare (landed projects), a project's follow-up visits, recording a visit, and the settings of aftercare and the clocks. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  aftercareListSchema,
  aftercareQuerySchema,
  aftercareSettingsBodySchema,
  aftercareSettingsSchema,
  followUpRecordBodySchema,
  followUpSchema,
  newFollowUpBodySchema,
  projectFollowUpsSchema,
} from '../../../contracts/aftercare';
import { getAftercareSettings, updateAftercareSettings } from '../../../services/aftercare/aftercare-settings';
import { listAftercare } from '../../../services/aftercare/aftercare-list';
import { addFollowUp, listFollowUps, recordFollowUp } from '../../../services/aftercare/follow-ups';
import type { Deps } from '../../../services/context';
import { requireCaller } from '../../access';
import { idParams } from '../../schemas';

const tags = ['aftercare'];

export async function aftercareRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/aftercare',
    {
      config: { access: 'projects.read' },
      schema: { tags, summary: '安商稳商：本地区及下级的投产项目、下次回访、逾期回访与企业信号（留企风险、扩产信号）', querystring: aftercareQuerySchema, response: { 200: aftercareListSchema } },
    },
    async (request) => listAftercare(deps, requireCaller(request), request.query),
  );
  r.get(
    '/api/projects/:id/follow-ups',
    { config: { access: 'projects.read' }, schema: { tags, summary: '项目的回访（计划与记录、回访提出的问题）和投资方信号', params: idParams, response: { 200: projectFollowUpsSchema } } },
    async (request) => listFollowUps(deps, requireCaller(request), request.params.id),
  );
  r.post(
    '/api/projects/:id/follow-ups',
    { config: { access: 'projects.manage' }, schema: { tags, summary: '为投产项目增加一次计划外回访', params: idParams, body: newFollowUpBodySchema, response: { 201: followUpSchema } } },
    async (request, reply) => reply.status(201).send(await addFollowUp(deps, requireCaller(request), request.params.id, request.body)),
  );
  r.patch(
    '/api/follow-ups/:id',
    {
      config: { access: 'projects.manage' },
      schema: { tags, summary: '登记（或更正）回访：日期、回访人、发现、风险标记；提出的问题进入问题清单', params: idParams, body: followUpRecordBodySchema, response: { 200: followUpSchema } },
    },
    async (request) => recordFollowUp(deps, requireCaller(request), request.params.id, request.body),
  );
  r.get(
    '/api/settings/aftercare',
    { config: { access: 'session' }, schema: { tags: ['settings'], summary: '回访与提醒设置（回访月份、逾期升级工作日、即将到期提醒工作日）', response: { 200: aftercareSettingsSchema } } },
    async () => getAftercareSettings(deps),
  );
  r.put(
    '/api/settings/aftercare',
    { config: { access: 'settings.manage' }, schema: { tags: ['settings'], summary: '修改回访与提醒设置', body: aftercareSettingsBodySchema, response: { 200: aftercareSettingsSchema } } },
    async (request) => {
      const { reason, ...settings } = request.body;
      return updateAftercareSettings(deps, requireCaller(request), settings, reason);
    },
  );
}
