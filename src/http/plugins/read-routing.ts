/**
 * Which database a request reads from. A route declares `config.reads: 'replica'` when its reads tolerate a
 * little lag (enterprise search and pages, statistics, documents, the portal's reads); every other route reads
 * from the primary, so nothing moves without a declaration. Only GET routes may declare it (a write never
 * goes to a replica).
 *
 * Read-your-writes: after a successful state-changing request the answer carries the cookie `yinfeng_ryw`
 * (domain/read-your-writes.ts: the primary's WAL position after the write, and when); while it is within
 * DATABASE_REPLICA_RYW_MS, the browser's declared reads go only to a replica that has replayed that position,
 * else to the primary. The cookie travels with the browser, so every app server honours it.
 */
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config/config';
import type { ReadRouting } from '../../db/replicas/read-routing';
import { formatMarker, readMarker } from '../../domain/read-your-writes';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** 'replica': this GET's reads tolerate replica lag (see plugins/read-routing.ts); default the primary */
    reads?: 'replica' | 'primary';
  }
}

export const RYW_COOKIE = 'yinfeng_ryw';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function registerReadRouting(app: FastifyInstance, config: Config, reads: ReadRouting | undefined): void {
  app.addHook('onRoute', (route) => {
    const methods = ([] as string[]).concat(route.method);
    if (route.config?.reads === 'replica' && methods.some((m) => m !== 'GET' && m !== 'HEAD')) {
      throw new Error(`路由 ${methods.join(',')} ${route.url} 声明了 reads: 'replica'：只有 GET 可从只读副本读取`);
    }
  });
  if (!reads) return;

  app.addHook('preHandler', (request, reply, done) => {
    if (request.routeOptions.config.reads !== 'replica') return done();
    const minLsn = readMarker(request.cookies[RYW_COOKIE], reads.rywMs, Date.now());
    // the handler runs inside done(): in the replica scope when one was chosen
    reads.runOnReplica(minLsn, done);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    if (SAFE_METHODS.has(request.method) || reply.statusCode >= 400) return payload;
    try {
      const lsn = await reads.primaryLsn();
      const secure = config.cookieSecure === 'always' || (config.cookieSecure === 'auto' && request.protocol === 'https');
      reply.setCookie(RYW_COOKIE, formatMarker(lsn, Date.now()), { path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge: Math.ceil(reads.rywMs / 1000) });
    } catch (err) {
      // without the marker this user's next reads may miss the write for up to the replica lag; the write itself stands
      request.log.warn({ err }, 'read-your-writes marker not set');
    }
    return payload;
  });
}
