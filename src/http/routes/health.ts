/**
 * Probes. Liveness, GET /api/health: the process is up and answers; it pings the database as before
 * (`select 1` on the probe's own connection) and says "degraded" with 200 when the database does not
 * answer — restarting this process would not bring the database back. Readiness, GET
 * /api/health/ready: the database answers, its migrations are this code's, replicas (when any) are
 * reachable (db/readiness.ts); 200 when ready or only degraded, 503 naming what is wrong otherwise.
 * Both are public and outside the load-shedding gate; concurrent calls share one check, and a
 * readiness answer is reused for a second, so a flood of probes costs the database one query at a time.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../db/client';
import { createHealthProbe } from '../../db/health-probe';
import { checkReadiness, type Readiness } from '../../db/readiness';

const READINESS_REUSE_MS = 1000;

/** Runs `check` at most once at a time; its answer is reused for `reuseMs` after it settles. */
function shareCalls<T>(check: () => Promise<T>, reuseMs: number): () => Promise<T> {
  let running: Promise<T> | null = null;
  let settledAt = 0;
  return () => {
    if (running && (settledAt === 0 || Date.now() - settledAt < reuseMs)) return running;
    settledAt = 0;
    const current = check().finally(() => {
      if (running === current) settledAt = Date.now();
    });
    running = current;
    return current;
  };
}

const checkSchema = z.object({ name: z.string(), ok: z.boolean(), required: z.boolean(), message: z.string() });

export async function healthRoutes(app: FastifyInstance, opts: { database: Database }) {
  // its own connection on PostgreSQL: answers while the application's pool is saturated (db/health-probe.ts)
  const probe = createHealthProbe(opts.database);
  app.addHook('onClose', () => probe.close());
  const kind = opts.database.kind;
  const ping = shareCalls(
    () => probe.ping().then(() => null, (err: unknown) => `数据库不可达：${(err as Error).message || String(err)}`),
    0,
  );
  const readiness = shareCalls<Readiness>(() => checkReadiness(opts.database, probe), READINESS_REUSE_MS);

  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/health',
    {
      config: { access: 'public' },
      schema: {
        tags: ['system'],
        summary: '存活检查：进程在运行即返回 200；数据库不可达时 status 为 degraded',
        response: {
          200: z.object({ status: z.enum(['ok', 'degraded']), database: z.enum(['pglite', 'postgres']), problems: z.array(z.string()).optional() }),
        },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'no-store');
      const problem = await ping();
      return problem ? { status: 'degraded' as const, database: kind, problems: [problem] } : { status: 'ok' as const, database: kind };
    },
  );

  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/health/ready',
    {
      config: { access: 'public' },
      schema: {
        tags: ['system'],
        summary: '就绪检查：数据库可用、迁移已全部应用、只读副本可达；未就绪时 503 并说明原因',
        response: {
          200: z.object({ status: z.enum(['ready', 'degraded']), database: z.enum(['pglite', 'postgres']), checks: z.array(checkSchema), problems: z.array(z.string()) }),
          503: z.object({ status: z.literal('not_ready'), database: z.enum(['pglite', 'postgres']), checks: z.array(checkSchema), problems: z.array(z.string()) }),
        },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'no-store');
      const r = await readiness();
      const problems = r.checks.filter((c) => !c.ok).map((c) => c.message);
      if (r.status === 'not_ready') return reply.status(503).send({ status: 'not_ready' as const, database: kind, checks: r.checks, problems });
      return { status: r.status, database: kind, checks: r.checks, problems };
    },
  );
}
