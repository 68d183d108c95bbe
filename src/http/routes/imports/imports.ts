/**
 * Imports and exports: POST /api/imports (the raw file as the body), the import template, and the
 * project list as xlsx. The binary content-type parsers live on this plugin only.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../domain/app-error';
import { buildImportTemplate } from '../../../exports/import-template';
import { exportProjectsXlsx } from '../../../exports/projects-xlsx';
import { sniffContent } from '../../../imports/file-guard';
import type { Deps } from '../../../services/context';
import { listImportableKinds, runImport } from '../../../services/imports/run-import';
import { importQuerySchema, importRejectionSchema, importResultSchema } from '../../../contracts/imports';
import { projectExportQuerySchema } from '../../../contracts/projects';
import { requireCaller } from '../../access';
import { checkHeaderText } from '../../plugins/input-guard';
import { errorSchema } from '../../schemas';
import { msg } from '../../../domain/messages/catalog';
import { renderFor } from '../../request-lang';

const tags = ['imports'];
const MiB = 1024 * 1024;
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const IMPORT_CONTENT_TYPES = ['application/octet-stream', XLSX_TYPE, 'text/csv', 'application/csv', 'application/vnd.ms-excel'];


export function decodeFileName(header: string | string[] | undefined, body: Buffer, contentType: string | undefined): string {
  const raw = Array.isArray(header) ? header[0] : header;
  if (raw && raw.trim() !== '') {
    let decoded: string;
    try {
      decoded = decodeURIComponent(raw.trim());
    } catch {
      throw new AppError('VALIDATION', msg('http.fileNameHeader'));
    }
    return checkHeaderText('x-file-name', decoded).split(/[\\/]/).pop() || 'upload';
  }
  if (contentType?.startsWith(XLSX_TYPE)) return 'upload.xlsx';
  if (contentType?.includes('csv')) return 'upload.csv';
  return sniffContent(body) === 'zip' ? 'upload.xlsx' : 'upload.csv';
}

export async function importRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  app.addContentTypeParser(IMPORT_CONTENT_TYPES, { parseAs: 'buffer', bodyLimit: 50 * MiB }, (_request, body, done) => done(null, body));
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/imports',
    {
      bodyLimit: 50 * MiB,
      config: { access: 'imports.run' },
      schema: {
        tags,
        summary: '导入 xlsx（企业、项目、到位资金工作表）或 CSV：请求体为文件本身，文件名放在请求头 x-file-name（URL 编码）',
        description:
          '整个文件要么全部导入，要么一行也不写。有问题时返回 422 与问题清单（工作表、行、列、值、原因）；' +
          '问题全是会改变已审核锁定月份数字的修改（与修改项目、录入到位资金的规则相同）时返回 409（CONFLICT），消息写明项目、月份和由谁重新开放。' +
          '含企业数据（xlsx 的“企业”工作表或企业 CSV）时还需要“导入企业库”权限（enterprises.import），否则 403。',
        querystring: importQuerySchema,
        // 422: rejected rows (the report), or a file over a limit (zip bomb …), answered as every error is (errorSchema)
        response: { 200: importResultSchema, 409: z.union([importRejectionSchema, errorSchema]), 422: z.union([importRejectionSchema, errorSchema]) },
      },
    },
    async (request, reply) => {
      const body = request.body;
      if (!Buffer.isBuffer(body)) {
        throw new AppError('BAD_REQUEST', msg('http.fileBody', { types: IMPORT_CONTENT_TYPES.join(', ') }));
      }
      const fileName = decodeFileName(request.headers['x-file-name'], body, request.headers['content-type']);
      const result = await runImport(deps, requireCaller(request), body, {
        fileName,
        kind: request.query.kind,
        dryRun: request.query.dryRun,
      });
      if (result.rejectedTotal > 0 && result.lockedTotal === result.rejectedTotal) {
        const first = result.rejected[0];
        return reply.status(409).send({
          ...result,
          error: {
            code: 'CONFLICT',
            message: renderFor(
              request,
              result.rejectedTotal > 1
                ? msg('http.importLockedMany', { reason: first?.reason ?? msg('http.importLockedDefault'), count: result.rejectedTotal })
                : msg('http.importLocked', { reason: first?.reason ?? msg('http.importLockedDefault') }),
            ),
          },
        });
      }
      if (result.rejectedTotal > 0) {
        return reply.status(422).send({
          ...result,
          error: { code: 'VALIDATION', message: renderFor(request, msg('http.importProblems', { file: result.fileName, count: result.rejectedTotal })) },
        });
      }
      return reply.status(200).send(result);
    },
  );

  r.get(
    '/api/imports/template.xlsx',
    {
      config: { access: 'session' },
      schema: { tags, summary: '导入模板：企业、项目、到位资金工作表，各含表头与一行示例（没有“导入企业库”权限时不含企业工作表）' },
    },
    async (request, reply) => {
      const buffer = await buildImportTemplate(listImportableKinds(requireCaller(request)));
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', `attachment; filename="import-template.xlsx"; filename*=UTF-8''${encodeURIComponent('引凤导入模板.xlsx')}`)
        .send(buffer);
    },
  );

  r.get(
    '/api/projects/export.xlsx',
    {
      config: { access: 'projects.read' },
      schema: {
        tags: ['projects'],
        summary: '导出项目列表为 xlsx（与项目列表相同的筛选条件；列与项目导入表一致，另加红绿灯与到位资金合计）',
        querystring: projectExportQuerySchema,
      },
    },
    async (request, reply) => {
      const q = request.query;
      const buffer = await exportProjectsXlsx(deps, requireCaller(request), { ...q, stages: q.stage, sources: q.source });
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', `attachment; filename="projects.xlsx"; filename*=UTF-8''${encodeURIComponent('项目列表.xlsx')}`)
        .send(buffer);
    },
  );
}
