/** Builds the Fastify application: plugins, access guard, error map, routes, docs and the web app. */
import { randomUUID } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../config/config';
import type { Database } from '../db/client';
import type { Deps } from '../services/context';
import { registerAccessGuard } from './plugins/access-guard';
import { registerErrorHandler } from './plugins/error-handler';
import { registerIdempotency } from './plugins/idempotency';
import { registerInputGuard } from './plugins/input-guard';
import { registerLoadShedding } from './plugins/load-shedding';
import { registerMetrics } from './plugins/metrics';
import { registerOriginCheck } from './plugins/origin-check';
import { registerPublicCache } from './plugins/public-cache';
import { registerPublicSide } from './plugins/public-side';
import { registerReadRouting } from './plugins/read-routing';
import { registerSecurityHeaders } from './plugins/security-headers';
import { auditRoutes } from './routes/audit/audit';
import { authRoutes } from './routes/accounts/auth';
import { healthRoutes } from './routes/health';
import { regionRoutes } from './routes/regions';
import { securityRoutes } from './routes/accounts/security';
import { userRoutes } from './routes/accounts/users';
import { projectRoutes } from './routes/projects/projects';
import { projectRecordRoutes } from './routes/projects/project-records';
import { fundLedgerRoutes } from './routes/funds/fund-ledger';
import { projectExtraRoutes } from './routes/projects/project-extras';
import { statisticsRoutes } from './routes/statistics/statistics';
import { importRoutes } from './routes/imports/imports';
import { importJobRoutes } from './routes/enterprise-imports/import-jobs';
import { returnRoutes } from './routes/returns/returns';
import { documentRoutes } from './routes/statistics/documents';
import { enterpriseSearchRoutes } from './routes/enterprises/enterprise-search';
import { enterpriseListRoutes } from './routes/enterprises/enterprise-lists';
import { enterpriseRoutes } from './routes/enterprises/enterprises';
import { enterpriseContactRoutes } from './routes/enterprises/enterprise-contacts';
import { enterpriseDuplicateRoutes } from './routes/enterprises/enterprise-duplicates';
import { enterpriseTagRoutes } from './routes/enterprises/enterprise-tags';
import { chainRoutes } from './routes/chains/chains';
import { chainRoadmapRoutes } from './routes/chains/chain-roadmap';
import { targetRoutes } from './routes/targets/targets';
import { activityRoutes } from './routes/activities/activities';
import { commitmentRoutes } from './routes/commitments/commitments';
import { teamPartnerRoutes } from './routes/activities/teams-partners';
import { serviceClockRoutes } from './routes/statistics/service-clocks';
import { aftercareRoutes } from './routes/aftercare/aftercare';
import { notificationRoutes } from './routes/notifications/notifications';
import { tripRoutes } from './routes/activities/trips';
import { briefingRoutes } from './routes/briefings/briefings';
import { portalAdminRoutes } from './routes/portal/portal-admin';
import { publicApiRoutes } from './routes/portal/public-api';
import { portalPageRoutes, sendPortalNotFound } from './portal/portal-routes';
import { inquiryRoutes } from './routes/inquiries/inquiries';
import { publicInquiryRoutes } from './routes/inquiries/public-inquiries';
import { registerStaticWeb } from './static-web';
import { msg } from '../domain/messages/catalog';
import { renderFor } from './request-lang';
import { RequestLog } from './request-log';

z.config(z.locales.zhCN());

export interface BuildAppOptions {
  config: Config;
  database: Database;
  /** false in tests; the level name otherwise (and where to write, for a test reading the lines) */
  logger?: boolean | { level: string; stream?: { write(line: string): void } };
  /** the built web app to serve (tests give their own); web/dist by default */
  webRoot?: string;
}

export async function buildApp({ config, database, logger = false, webRoot }: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger,
    trustProxy: config.trustProxy,
    genReqId: () => randomUUID(),
    bodyLimit: 1024 * 1024,
    // a line per answered request (request-log.ts: request id, user id, route, status, duration) at info level,
    // unless YINFENG_REQUEST_LOG=false
    logController: new RequestLog({ disableRequestLogging: !config.requestLog }),
  });
  // requests read through the replica router when there are replicas (plugins/read-routing.ts); it is the primary otherwise
  const deps: Deps = { db: database.reads?.db ?? database.db, config };

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  await app.register(fastifyCookie);
  // headers first (errors and refusals carry them too), then the CSRF check before any session lookup
  await registerSecurityHeaders(app, config);
  registerOriginCheck(app, config);
  // load shedding before the first database read (the session lookup): a refused request costs no query
  // the public side's rate and body limits before its own admission gate: a refused request holds no place
  registerPublicSide(app, config);
  registerPublicCache(app, config);
  registerLoadShedding(app, config.capacity, config.publicSide.maxActiveRequests);
  registerAccessGuard(app, deps);
  registerReadRouting(app, config, database.reads);
  registerIdempotency(app, deps);
  // JSON depth limit and unstorable text (NUL, lone surrogates) in bodies, queries and paths: 400 naming the field
  registerInputGuard(app);
  // request latency per route and /metrics (token or address list; 404 when neither is configured)
  registerMetrics(app, config, database);

  await app.register(fastifySwagger, {
    openapi: {
      info: { title: '引凤 Yinfeng API', description: '招商引资工作平台接口。会话 Cookie：yinfeng_session（POST /api/auth/login 获取）。', version: '0.1.0' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'yinfeng_session' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  await app.register(healthRoutes, { database });
  await app.register(authRoutes, { deps });
  await app.register(userRoutes, { deps });
  await app.register(securityRoutes, { deps });
  await app.register(auditRoutes, { deps });
  await app.register(regionRoutes, { deps });
  await app.register(projectRoutes, { deps });
  await app.register(projectRecordRoutes, { deps });
  await app.register(fundLedgerRoutes, { deps });
  await app.register(importRoutes, { deps });
  await app.register(importJobRoutes, { deps });
  await app.register(projectExtraRoutes, { deps });
  await app.register(statisticsRoutes, { deps });
  await app.register(returnRoutes, { deps });
  await app.register(documentRoutes, { deps });
  await app.register(enterpriseSearchRoutes, { deps });
  await app.register(enterpriseListRoutes, { deps });
  await app.register(enterpriseRoutes, { deps });
  await app.register(enterpriseContactRoutes, { deps });
  await app.register(enterpriseDuplicateRoutes, { deps });
  await app.register(enterpriseTagRoutes, { deps });
  await app.register(chainRoutes, { deps });
  await app.register(chainRoadmapRoutes, { deps });
  await app.register(targetRoutes, { deps });
  await app.register(activityRoutes, { deps });
  await app.register(commitmentRoutes, { deps });
  await app.register(teamPartnerRoutes, { deps });
  await app.register(serviceClockRoutes, { deps });
  await app.register(aftercareRoutes, { deps });
  await app.register(notificationRoutes, { deps });
  await app.register(tripRoutes, { deps });
  await app.register(briefingRoutes, { deps });
  await app.register(portalAdminRoutes, { deps });
  await app.register(publicApiRoutes, { deps });
  await app.register(portalPageRoutes, { deps });
  await app.register(inquiryRoutes, { deps });
  await app.register(publicInquiryRoutes, { deps });

  const hasWeb = await registerStaticWeb(app, webRoot);
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    // the portal's own pages: an unknown one is the portal's 404 page, never the web app
    if (path === '/portal' || path.startsWith('/portal/')) return sendPortalNotFound(request, reply);
    // API paths, other methods and missing build assets get a real 404; client-side routes get the app
    if (path.startsWith('/api') || path.startsWith('/assets/') || request.method !== 'GET' || !hasWeb) {
      return reply.status(404).send({ error: { code: 'NOT_FOUND', message: renderFor(request, msg('http.routeNotFound', { method: request.method, path })) } });
    }
    return reply.type('text/html').sendFile('index.html');
  });

  return app;
}
