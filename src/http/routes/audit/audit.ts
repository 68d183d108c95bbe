import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listAudit } from '../../../services/audit/audit';
import { listImportChanges } from '../../../services/imports/import-history';
import { listEnterpriseImportHistory } from '../../../services/enterprise-imports/import-history';
import type { Deps } from '../../../services/context';
import { requireCaller } from '../../access';
import { pageQuery } from '../../schemas';
import { enterpriseKeyParams } from '../enterprises/enterprises';

const auditItem = z.object({
  id: z.string(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorUsername: z.string().nullable(),
  actorName: z.string().nullable().describe('操作人姓名'),
  action: z.string(),
  objectType: z.string(),
  objectId: z.string().nullable(),
  objectName: z.string().nullable().describe('对象名称：项目编号与名称、到位资金的项目与月份、导入文件名、地区名称等'),
  regionCode: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  reason: z.string().nullable(),
  clientIp: z.string().nullable(),
  outcome: z.enum(['success', 'failure', 'denied']),
  requestId: z.string().nullable(),
});

export async function auditRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/audit',
    {
      config: { access: 'audit.read' },
      schema: {
        tags: ['audit'],
        summary: '审计日志（只读，本地区及下级）',
        querystring: z.object({
          from: z.coerce.date().optional(),
          to: z.coerce.date().optional(),
          actor: z.string().max(64).optional(),
          action: z.string().max(64).optional(),
          objectType: z.string().max(64).optional(),
          objectId: z.string().max(64).optional(),
          outcome: z.enum(['success', 'failure', 'denied']).optional(),
          ...pageQuery,
        }),
        response: { 200: z.object({ items: z.array(auditItem), total: z.number() }) },
      },
    },
    async (request) => listAudit(deps, requireCaller(request), request.query),
  );

  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/audit/enterprises/:key/imports',
    {
      config: { access: 'audit.read' },
      schema: {
        tags: ['audit'],
        summary: '企业的导入记录：哪些导入（本地区及下级发起的）新建或修改了该企业，文件、用户、时间、该导入的审计记录，及每个字段的前后值',
        params: enterpriseKeyParams,
        response: {
          200: z.object({
            enterprise: z.object({ id: z.string(), creditCode: z.string().nullable(), name: z.string() }),
            items: z.array(
              z.object({
                importId: z.string(),
                importKind: z.enum(['job', 'workbook']).nullable().describe('job：后台导入任务；workbook：工作簿导入（企业表）'),
                fileName: z.string().nullable(),
                auditId: z.string().nullable().describe('该导入本身的审计记录 id（import_job.succeed 或 import.run）'),
                at: z.string(),
                actorId: z.string().nullable(),
                actorUsername: z.string().nullable(),
                actorName: z.string().nullable(),
                change: z.enum(['create', 'update']),
                before: z.record(z.string(), z.unknown()),
                after: z.record(z.string(), z.unknown()),
                source: z.string(),
                sourceDate: z.string(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => listEnterpriseImportHistory(deps, requireCaller(request), request.params.key),
  );

  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/audit/imports/:importId/changes',
    {
      config: { access: 'audit.read' },
      schema: {
        tags: ['audit'],
        summary: '一次项目/到位资金导入新建或修改了哪些对象：每个项目、到位资金记录及其各字段的前后值（导入的审计记录的对象编号即导入编号）',
        params: z.object({ importId: z.string().uuid() }),
        querystring: z.object({ ...pageQuery }),
        response: {
          200: z.object({
            importId: z.string(),
            fileName: z.string().nullable(),
            total: z.number(),
            items: z.array(
              z.object({
                id: z.string(),
                objectType: z.enum(['project', 'fundReceipt']),
                objectId: z.string(),
                projectId: z.string(),
                projectCode: z.string().nullable(),
                projectName: z.string().nullable(),
                change: z.enum(['create', 'update']),
                before: z.unknown(),
                after: z.unknown(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => listImportChanges(deps, requireCaller(request), request.params.importId, request.query),
  );
}
