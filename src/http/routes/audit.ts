import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listAudit } from '../../services/audit';
import type { Deps } from '../../services/context';
import { requireCaller } from '../access';
import { pageQuery } from '../schemas';

const auditItem = z.object({
  id: z.string(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorUsername: z.string().nullable(),
  action: z.string(),
  objectType: z.string(),
  objectId: z.string().nullable(),
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
}
