/**
 * 外出招商的计划、审批与报告，活动推进的招商目标，活动附件 (issue 13 item 1): thin adapters over
 * services/activities/trips.ts, activity-targets.ts and activity-files.ts.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { activitySchema } from '../../../contracts/activities';
import { reasonBodySchema } from '../../../contracts/common';
import {
  activityFileSchema,
  activityFileUploadSchema,
  activityTargetInputSchema,
  targetActivitiesSchema,
  tripPlanDecisionSchema,
  tripPlanSubmitSchema,
  tripReportInputSchema,
} from '../../../contracts/trips';
import { downloadActivityFile, removeActivityFile, uploadActivityFile } from '../../../services/activities/activity-files';
import { addActivityTarget, listTargetActivities, removeActivityTarget } from '../../../services/activities/activity-targets';
import { decideTripPlan, submitTripPlan, submitTripReport } from '../../../services/activities/trips';
import type { Deps } from '../../../services/context';
import { requireCaller } from '../../access';
import { idParams } from '../../schemas';

const tags = ['activities'];

export async function tripRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/activities/:id/plan/submit',
    { config: { access: 'activities.manage' }, schema: { tags, summary: '外出招商计划报批（计划中或已退回的计划；须带当前版本号）', params: idParams, body: tripPlanSubmitSchema, response: { 200: activitySchema } } },
    async (request) => submitTripPlan(deps, requireCaller(request), request.params.id, request.body),
  );
  r.post(
    '/api/activities/:id/plan/decision',
    {
      config: { access: 'activities.approve' },
      schema: {
        tags,
        summary: '审批外出招商计划：批准或退回（退回须写原因）；由组织地区或其上级的领导办理，不能审批自己报批的计划',
        params: idParams,
        body: tripPlanDecisionSchema,
        response: { 200: activitySchema },
      },
    },
    async (request) => decideTripPlan(deps, requireCaller(request), request.params.id, request.body),
  );
  r.put(
    '/api/activities/:id/report',
    {
      config: { access: 'activities.manage' },
      schema: {
        tags,
        summary: '提交（或修改）外出招商报告：行程结束后、计划已批准或事后登记的外出招商；每条新线索建一个线索阶段的项目，记来源活动与招商方式',
        params: idParams,
        body: tripReportInputSchema,
        response: { 200: activitySchema },
      },
    },
    async (request) => submitTripReport(deps, requireCaller(request), request.params.id, request.body),
  );
  r.post(
    '/api/activities/:id/targets',
    {
      config: { access: 'activities.manage' },
      schema: { tags, summary: '记录活动推进的招商目标（本人范围内的目标；可同时推进其状态，按精准招商的规则留痕）', params: idParams, body: activityTargetInputSchema, response: { 200: activitySchema } },
    },
    async (request) => addActivityTarget(deps, requireCaller(request), request.params.id, request.body),
  );
  r.delete(
    '/api/activities/:id/targets/:targetId',
    {
      config: { access: 'activities.manage' },
      schema: { tags, summary: '取消活动与招商目标的关联（目标状态不变）', params: idParams.extend({ targetId: z.uuid() }), response: { 200: activitySchema } },
    },
    async (request) => removeActivityTarget(deps, requireCaller(request), request.params.id, request.params.targetId),
  );
  r.get(
    '/api/targets/:id/activities',
    { config: { access: 'activities.read' }, schema: { tags: ['targets'], summary: '推进过该招商目标的活动（本人范围内）', params: idParams, response: { 200: targetActivitiesSchema } } },
    async (request) => listTargetActivities(deps, requireCaller(request), request.params.id),
  );
  r.post(
    '/api/activities/:id/files',
    {
      config: { access: 'activities.manage' },
      bodyLimit: 15 * 1024 * 1024,
      schema: { tags, summary: '上传活动附件（照片、报告；PDF/图片/Office/OFD，≤10 MB，内容以 base64 传输）', params: idParams, body: activityFileUploadSchema, response: { 201: activityFileSchema } },
    },
    async (request, reply) => reply.status(201).send(await uploadActivityFile(deps, requireCaller(request), request.params.id, request.body)),
  );
  r.get(
    '/api/activity-files/:id/download',
    { config: { access: 'activities.read' }, schema: { tags, summary: '下载活动附件', params: idParams } },
    async (request, reply) => {
      const file = await downloadActivityFile(deps, requireCaller(request), request.params.id);
      return reply
        .type(file.mimeType)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
        .header('x-content-type-options', 'nosniff')
        .send(file.content);
    },
  );
  r.delete(
    '/api/activity-files/:id',
    {
      config: { access: 'activities.manage' },
      schema: { tags, summary: '删除活动附件（须写原因）', params: idParams, body: reasonBodySchema, response: { 200: z.object({ id: z.string(), deleted: z.literal(true) }) } },
    },
    async (request) => removeActivityFile(deps, requireCaller(request), request.params.id, request.body.reason),
  );
}
