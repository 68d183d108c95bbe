import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../db/client';
import { createHealthProbe } from '../../db/health-probe';

export async function healthRoutes(app: FastifyInstance, opts: { database: Database }) {
  // its own connection on PostgreSQL: answers while the application's pool is saturated (db/health-probe.ts)
  const probe = createHealthProbe(opts.database);
  app.addHook('onClose', () => probe.close());
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/health',
    {
      config: { access: 'public' },
      schema: {
        tags: ['system'],
        summary: '健康检查：数据库可用时返回 200',
        response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']) }) },
      },
    },
    async () => {
      await probe.ping();
      return { status: 'ok' as const, database: opts.database.kind };
    },
  );
}
