/**
 * The public side (/api/public/… and /portal/…, issue 14 item 8) is attacked first. Before any route runs:
 *
 * - Rate limit per client address (request.ip: the socket's address, or X-Forwarded-For's with
 *   YINFENG_TRUST_PROXY): at most YINFENG_PUBLIC_RATE_LIMIT requests in a fixed window of
 *   YINFENG_PUBLIC_RATE_WINDOW_SECONDS; past it, 429 with Retry-After (the seconds left in the window) and a
 *   Chinese message. The counters live in this process: several app servers behind a load balancer each count
 *   separately, so an address may make (servers × limit) requests a window — acceptable for reads; the
 *   forms (inquiries, complaints) keep their own limits in the database.
 *   Written here rather than with @fastify/rate-limit: that plugin fits Fastify 5, but its default store is
 *   the same in-process map, and this one shares the public-path rule with the body limit and the public
 *   admission gate (load-shedding.ts) and answers through the message catalog.
 * - Body limit: a declared Content-Length over YINFENG_PUBLIC_BODY_MAX_KB is refused with 413 before the
 *   body is read, and every public route gets that bodyLimit (a chunked body stops there too).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Config } from '../../config/config';
import { msg } from '../../domain/messages/catalog';
import { renderFor } from '../request-lang';

/** Paths of the public side: the public API and the portal's pages. */
export function isPublicPath(path: string): boolean {
  return path.startsWith('/api/public/') || path === '/portal' || path.startsWith('/portal/');
}

interface Window {
  count: number;
  resetAt: number;
}

/** Fixed-window counters per key; expired windows are dropped when the map grows past `sweepAt`. */
export class FixedWindowLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly sweepAt = 50_000,
  ) {}

  /** Counts one request; null when it is allowed, else the seconds until the window ends. */
  hit(key: string, now = Date.now()): number | null {
    let w = this.windows.get(key);
    if (!w || w.resetAt <= now) {
      if (this.windows.size >= this.sweepAt) this.sweep(now);
      w = { count: 0, resetAt: now + this.windowMs };
      this.windows.set(key, w);
    }
    w.count++;
    return w.count > this.limit ? Math.max(1, Math.ceil((w.resetAt - now) / 1000)) : null;
  }

  private sweep(now: number): void {
    for (const [k, w] of this.windows) if (w.resetAt <= now) this.windows.delete(k);
  }
}

function refuse(reply: FastifyReply, status: number, code: string, message: string, retryAfter?: number): FastifyReply {
  if (retryAfter !== undefined) reply.header('retry-after', String(retryAfter));
  return reply.status(status).header('cache-control', 'no-store').send({ error: { code, message } });
}

export function registerPublicSide(app: FastifyInstance, config: Config): void {
  const { rateLimit, rateWindowSeconds, bodyMaxBytes } = config.publicSide;
  const limiter = new FixedWindowLimiter(rateLimit, rateWindowSeconds * 1000);

  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/public/') || route.url.startsWith('/portal')) {
      route.bodyLimit = Math.min(route.bodyLimit ?? bodyMaxBytes, bodyMaxBytes);
    }
  });

  app.addHook('onRequest', async (request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (!isPublicPath(path)) return;
    const wait = limiter.hit(request.ip ?? 'unknown');
    if (wait !== null) {
      request.log.warn({ url: path }, 'public request refused: rate limit');
      return refuse(reply, 429, 'RATE_LIMITED', renderFor(request, msg('portal.rateLimited', { seconds: wait })), wait);
    }
    const length = Number(request.headers['content-length'] ?? 0);
    if (length > bodyMaxBytes) {
      return refuse(reply, 413, 'PAYLOAD_TOO_LARGE', renderFor(request, msg('portal.bodyTooLarge', { max: Math.floor(bodyMaxBytes / 1024) })));
    }
  });
}
