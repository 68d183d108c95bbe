/** /api/activities: 招商活动 records, the import of activity ledgers, and GET /api/stats/activities. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  activityCreateSchema,
  activityDeleteSchema,
  activityImportQuerySchema,
  activityImportResultSchema,
  activityListQuerySchema,
  activityListSchema,
  activitySchema,
  activityStatsQuerySchema,
  activityStatsSchema,
  activityUpdateSchema,
} from '../../../contracts/activities';
import { AppError } from '../../../domain/app-error';
import { msg } from '../../../domain/messages/catalog';
import { createActivity, deleteActivity, getActivity, listActivities, updateActivity } from '../../../services/activities/activities';
import { getActivityStats } from '../../../services/activities/activity-stats';
import { importActivities } from '../../../services/activities/import-activities';
import type { Deps } from '../../../services/context';
import { requireCaller } from '../../access';
import { errorSchema, idParams } from '../../schemas';
import { decodeFileName, IMPORT_CONTENT_TYPES } from '../imports/imports';
import { renderFor } from '../../request-lang';

const tags = ['activities'];
const MiB = 1024 * 1024;

export async function activityRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  app.addContentTypeParser(IMPORT_CONTENT_TYPES, { parseAs: 'buffer', bodyLimit: 20 * MiB }, (_request, body, done) => done(null, body));
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/activities',
    {
      config: { access: 'activities.read' },
      schema: { tags, summary: '本地区及下级的招商活动（按开始日期倒序；可按类型、领导级别、主办或参加、日期、关键词筛选）', querystring: activityListQuerySchema, response: { 200: activityListSchema } },
    },
    async (request) => listActivities(deps, requireCaller(request), request.query),
  );
  r.get(
    '/api/activities/:id',
    { config: { access: 'activities.read' }, schema: { tags, summary: '一次招商活动：对象单位与项目', params: idParams, response: { 200: activitySchema } } },
    async (request) => getActivity(deps, requireCaller(request), request.params.id),
  );
  r.post(
    '/api/activities',
    { config: { access: 'activities.manage' }, schema: { tags, summary: '登记招商活动（活动编号省略时自动生成）', body: activityCreateSchema, response: { 200: activitySchema } } },
    async (request) => createActivity(deps, requireCaller(request), request.body),
  );
  r.patch(
    '/api/activities/:id',
    {
      config: { access: 'activities.manage' },
      schema: { tags, summary: '修改招商活动（须带当前版本号；对象单位、项目给出时整体替换）', params: idParams, body: activityUpdateSchema, response: { 200: activitySchema } },
    },
    async (request) => updateActivity(deps, requireCaller(request), request.params.id, request.body),
  );
  r.delete(
    '/api/activities/:id',
    {
      config: { access: 'activities.manage' },
      schema: { tags, summary: '删除招商活动（须带当前版本号与原因；审计日志保留删除前的内容）', params: idParams, body: activityDeleteSchema, response: { 200: z.object({ id: z.string(), deleted: z.literal(true) }) } },
    },
    async (request) => deleteActivity(deps, requireCaller(request), request.params.id, request.body),
  );
  r.post(
    '/api/activities/import',
    {
      bodyLimit: 20 * MiB,
      config: { access: 'activities.manage' },
      schema: {
        tags,
        summary: '导入招商活动台账（kind：activities 招商活动、activity-organisations 活动对象、activity-projects 活动项目；CSV 或 xlsx）：请求体为文件本身，文件名放在请求头 x-file-name（URL 编码）',
        description: '整个文件要么全部导入，要么一行也不写：有问题时返回 422 与问题清单（行、列、值、原因）。重复导入同一文件不改变任何数据。',
        querystring: activityImportQuerySchema,
        response: { 200: activityImportResultSchema, 422: z.union([activityImportResultSchema.extend({ error: z.object({ code: z.string(), message: z.string() }) }), errorSchema]) },
      },
    },
    async (request, reply) => {
      const body = request.body;
      if (!Buffer.isBuffer(body)) throw new AppError('BAD_REQUEST', msg('http.fileBody', { types: { names: IMPORT_CONTENT_TYPES.map((type) => msg('text.plain', { text: type })) } }));
      const fileName = decodeFileName(request.headers['x-file-name'], body, request.headers['content-type']);
      const result = await importActivities(deps, requireCaller(request), body, { fileName, kind: request.query.kind, dryRun: request.query.dryRun });
      if (!result.ok) {
        return reply.status(422).send({ ...result, error: { code: 'VALIDATION', message: renderFor(request, msg('http.importProblems', { file: result.fileName, count: result.problems.length })) } });
      }
      return reply.status(200).send(result);
    },
  );
  r.get(
    '/api/stats/activities',
    {
      config: { access: 'stats.read' },
      schema: {
        tags: ['statistics'],
        summary: '招商活动统计（口径见 DESIGN.md“Activity statistics”）：外出招商、拜访、接待、活动、驻点、经活动对接与签约的项目；储备项目与帮办代办不受活动筛选条件影响',
        querystring: activityStatsQuerySchema,
        response: { 200: activityStatsSchema },
      },
    },
    async (request) => getActivityStats(deps, requireCaller(request), request.query),
  );
}
