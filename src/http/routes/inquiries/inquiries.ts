/** The office's routes for inquiries and complaints: inbox, detail, reveal, owner, handling steps, conversion and clock settings. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { assignBodySchema, convertLeadBodySchema, convertTargetBodySchema, inboxQuerySchema, inquirySettingsBodySchema, inquirySettingsSchema, revealBodySchema, stepBodySchema } from '../../../contracts/inquiries';
import type { Deps } from '../../../services/context';
import { convertInquiryToLead, convertInquiryToTarget } from '../../../services/inquiries/inquiry-conversion';
import { assignInquiryOwner, getInquiry, listInbox, revealInquiryContact, stepInquiry } from '../../../services/inquiries/inquiry-handling';
import { getInquiryClockSettings, updateInquiryClockSettings } from '../../../services/inquiries/inquiry-settings';
import { requireCaller } from '../../access';
import { idParams } from '../../schemas';

const tags = ['inquiries'];

export async function inquiryRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/inquiries',
    { config: { access: 'inquiries.read' }, schema: { tags, summary: '在线对接与投诉收件箱：本地区及下级，带时钟（到期、逾期、升级）；联系人已脱敏', querystring: inboxQuerySchema } },
    async (request) => listInbox(deps, requireCaller(request), request.query),
  );
  r.get(
    '/api/inquiries/:id',
    { config: { access: 'inquiries.read' }, schema: { tags, summary: '一件咨询或投诉：内容、时钟、往来答复（联系人已脱敏）', params: idParams } },
    async (request) => getInquiry(deps, requireCaller(request), request.params.id),
  );
  r.post(
    '/api/inquiries/:id/reveal',
    { config: { access: 'inquiries.manage' }, schema: { tags, summary: '查看咨询投诉人的完整联系方式（须写明原因，留痕）', params: idParams, body: revealBodySchema } },
    async (request) => revealInquiryContact(deps, requireCaller(request), request.params.id, request.body.reason),
  );
  r.post(
    '/api/inquiries/:id/owner',
    { config: { access: 'inquiries.manage' }, schema: { tags, summary: '指定承办人', params: idParams, body: assignBodySchema } },
    async (request) => assignInquiryOwner(deps, requireCaller(request), request.params.id, request.body),
  );
  for (const step of ['accept', 'answer', 'close', 'reopen'] as const) {
    r.post(
      `/api/inquiries/:id/${step}`,
      {
        config: { access: 'inquiries.manage' },
        schema: { tags, summary: { accept: '受理', answer: '答复（以承办窗口名义，投资者可见；可同时办结）', close: '办结', reopen: '重新办理（投诉办结后一次）' }[step], params: idParams, body: stepBodySchema },
      },
      async (request) => stepInquiry(deps, requireCaller(request), request.params.id, step, request.body),
    );
  }
  r.post(
    '/api/inquiries/:id/convert/lead',
    { config: { access: 'inquiries.manage' }, schema: { tags, summary: '咨询一键转为线索项目（招商方式：云招商；保留来源）', params: idParams, body: convertLeadBodySchema } },
    async (request) => convertInquiryToLead(deps, requireCaller(request), request.params.id, request.body),
  );
  r.post(
    '/api/inquiries/:id/convert/target',
    { config: { access: 'inquiries.manage' }, schema: { tags, summary: '咨询一键转为招商目标（须为企业库中的企业；保留来源）', params: idParams, body: convertTargetBodySchema } },
    async (request) => convertInquiryToTarget(deps, requireCaller(request), request.params.id, request.body),
  );
  r.get(
    '/api/settings/inquiries',
    { config: { access: 'session' }, schema: { tags: ['settings'], summary: '咨询投诉时限（首次响应、办结的工作日，逾期升级工作日）', response: { 200: inquirySettingsSchema } } },
    async () => getInquiryClockSettings(deps),
  );
  r.put(
    '/api/settings/inquiries',
    { config: { access: 'settings.manage' }, schema: { tags: ['settings'], summary: '修改咨询投诉时限', body: inquirySettingsBodySchema, response: { 200: inquirySettingsSchema } } },
    async (request) => {
      const { reason, ...settings } = request.body;
      return updateInquiryClockSettings(deps, requireCaller(request), settings, reason);
    },
  );
}
