/**
 * Background import jobs (the enterprise registry): upload (the raw file as the body, streamed
 * to disk: this plugin's content-type parser hands the request stream through unread, so the
 * ordinary 1 MiB body limit does not apply and the service enforces YINFENG_IMPORT_MAX_MB),
 * list, status with progress, cancel, and the rejected-row report.
 */
import type { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '../../../domain/app-error';
import { buildRejectedReport } from '../../../exports/rejected-rows-xlsx';
import type { Deps } from '../../../services/context';
import { cancelImportJob, createImportJobFromUpload, getImportJob, listImportJobs } from '../../../services/enterprise-imports/import-jobs';
import { requireCaller } from '../../access';
import { checkHeaderText } from '../../plugins/input-guard';
import { idParams } from '../../schemas';
import { IMPORT_CONTENT_TYPES } from '../imports/imports';
import { importJobListQuerySchema, importJobPageSchema, importJobSchema, importJobUploadQuerySchema } from '../../../contracts/imports';
import { msg } from '../../../domain/messages/catalog';

const tags = ['imports'];
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function importJobRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  // the body is the request stream itself: the service streams it to disk
  app.addContentTypeParser(IMPORT_CONTENT_TYPES, (_request, payload, done) => done(null, payload));
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/import-jobs',
    {
      config: { access: 'enterprises.import' },
      schema: {
        tags,
        summary: '上传企业库文件（xlsx 的“企业”工作表或 CSV），在后台导入：请求体为文件本身，答复 202 与任务',
        description:
          '文件先存入数据目录并检查（类型、大小、压缩炸弹、CSV 表头），然后排队。整个文件要么全部导入，要么一行也不写；进度、取消与被拒绝行报告见其他 /api/import-jobs 接口。',
        querystring: importJobUploadQuerySchema,
        response: { 202: importJobSchema },
      },
    },
    async (request, reply) => {
      const body = request.body as Readable | undefined;
      if (!body || typeof (body as Readable).pipe !== 'function') {
        throw new AppError('BAD_REQUEST', msg('http.fileBody', { types: IMPORT_CONTENT_TYPES.join(', ') }));
      }
      const header = request.headers['x-file-name'];
      let fileName = request.query.fileName;
      if (!fileName && typeof header === 'string' && header.trim() !== '') {
        try {
          fileName = decodeURIComponent(header.trim());
        } catch {
          throw new AppError('VALIDATION', msg('http.fileNameHeader'));
        }
        checkHeaderText('x-file-name', fileName);
      }
      if (!fileName) throw new AppError('VALIDATION', msg('http.fileNameMissing'));
      const job = await createImportJobFromUpload(deps, requireCaller(request), body, {
        kind: request.query.kind,
        fileName,
        source: request.query.source,
        sourceDate: request.query.sourceDate,
        dryRun: request.query.dryRun,
      });
      return reply.status(202).send(job);
    },
  );

  r.get(
    '/api/import-jobs',
    {
      config: { access: 'enterprises.import' },
      schema: {
        tags,
        summary: '导入任务列表（本人所属地区及下级地区的账号创建的任务，最新的在前）',
        querystring: importJobListQuerySchema,
        response: { 200: importJobPageSchema },
      },
    },
    async (request) => listImportJobs(deps, requireCaller(request), request.query),
  );

  r.get(
    '/api/import-jobs/:id',
    {
      config: { access: 'enterprises.import' },
      schema: { tags, summary: '导入任务的状态、进度与结果（刷新页面后也可继续查看）', params: idParams, response: { 200: importJobSchema } },
    },
    async (request) => getImportJob(deps, requireCaller(request), request.params.id),
  );

  r.post(
    '/api/import-jobs/:id/cancel',
    {
      config: { access: 'enterprises.import' },
      schema: {
        tags,
        summary: '取消导入任务：排队中的立即取消；进行中的在下一个检查点回滚，不留下任何数据和文件；已结束的返回 409',
        params: idParams,
        response: { 200: importJobSchema },
      },
    },
    async (request) => cancelImportJob(deps, requireCaller(request), request.params.id),
  );

  r.get(
    '/api/import-jobs/:id/rejected',
    {
      config: { access: 'enterprises.import' },
      schema: { tags, summary: '被拒绝行的报告（xlsx：工作表、行、列、值、原因）', params: idParams },
    },
    async (request, reply) => {
      const { fileName, buffer } = await buildRejectedReport(deps, requireCaller(request), request.params.id);
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', `attachment; filename="rejected-rows.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
        .send(buffer);
    },
  );
}
