import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listAudit } from '../../../services/audit/audit';
import { listImportChanges } from '../../../services/imports/import-history';
import { listEnterpriseImportHistory } from '../../../services/enterprise-imports/import-history';
import type { Deps } from '../../../services/context';
import { requireCaller } from '../../access';
import { pageQuerySchema } from '../../../contracts/common';
import { enterpriseKeyParams } from '../enterprises/enterprises';
import { auditPageSchema, auditQuerySchema, enterpriseImportHistorySchema, importChangePageSchema } from '../../../contracts/audit';

export async function auditRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/audit',
    {
      config: { access: 'audit.read' },
      schema: {
        tags: ['audit'],
        summary: '审计日志（只读，本地区及下级）',
        querystring: auditQuerySchema,
        response: { 200: auditPageSchema },
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
        response: { 200: enterpriseImportHistorySchema },
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
        querystring: pageQuerySchema,
        response: { 200: importChangePageSchema },
      },
    },
    async (request) => listImportChanges(deps, requireCaller(request), request.params.importId, request.query),
  );
}
