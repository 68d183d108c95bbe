/**
 * Load shedding: the server degrades instead of stalling. At most `maxActiveRequests` API requests are
 * processed at once; up to `maxQueuedRequests` more wait their turn (first come, first served) for at
 * most `queueWaitMs`. A request finding the queue full, or waiting longer, is refused with 503, a
 * Chinese message and Retry-After, before it touches the database. Behind the gate, the database has
 * its own bounds (src/db/pool-settings.ts): a query waits at most YINFENG_DB_POOL_WAIT_MS for a pooled
 * connection and runs at most YINFENG_DB_STATEMENT_TIMEOUT_MS; both failures answer 503 with
 * Retry-After as well (describeOverload, used by the error handler).
 *
 * On embedded PGlite (one connection, no statement timer) the gate is what bounds the queue on the
 * database's mutex: a few requests at a time (4 by default), the rest in the bounded queue.
 *
 * Not gated: /api/health and /api/health/ready (monitoring must reach a busy server, and they are a
 * `select 1` and a count of migrations on a connection of their own), the login (a user can still sign in; it has its own rate limits), the upload of an import
 * job's file (streamed to disk in the handler; the jobs themselves run one at a time), and everything
 * outside /api (static files). A request with a body takes its place once the body is in (preHandler),
 * so a slow upload does not hold a place while it arrives; one without, at once (onRequest), before
 * the session lookup.
 *
 * The public side (/api/public/… and the portal's pages under /portal/, which read the database too) has a
 * gate of its own (YINFENG_PUBLIC_MAX_ACTIVE at once, by default half the internal limit; the same queue
 * length and wait): a crowd of anonymous readers fills its own queue and gets 503 there, and never takes
 * the places of signed-in users, whose gate it does not enter. The two gates together may hold more
 * database connections at once than either alone; the pool (YINFENG_DB_POOL_MAX) stays the final bound.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config/config';
import { msg, type Message } from '../../domain/messages/catalog';
import { renderFor } from '../request-lang';
import { isPublicPath } from './public-side';

export type LoadLimits = Pick<Config['capacity'], 'maxActiveRequests' | 'maxQueuedRequests' | 'queueWaitMs'>;

/** Retry-After of a refusal for load (queue full, waited too long, no free connection), seconds */
export const BUSY_RETRY_AFTER_SECONDS = 2;
/** Retry-After after a statement timeout, seconds */
export const QUERY_TIMEOUT_RETRY_AFTER_SECONDS = 5;
/** Retry-After after a lock wait over the lock timeout, seconds */
export const LOCKED_RETRY_AFTER_SECONDS = 30;

const UNGATED_PATHS = new Set(['/api/health', '/api/health/ready', '/api/auth/login']);
const UNGATED_ROUTES = new Set(['POST /api/import-jobs']);

interface Waiter {
  admit: (admitted: boolean) => void;
  timer: NodeJS.Timeout | null;
}

/** Counts requests in progress and queues the ones over the limit, each for a bounded time. */
export class AdmissionGate {
  private active = 0;
  private readonly queue: Waiter[] = [];

  constructor(private readonly limits: LoadLimits) {}

  /** true when the request may proceed (call leave() once it is done), false when it is refused */
  enter(): boolean | Promise<boolean> {
    if (this.active < this.limits.maxActiveRequests) {
      this.active++;
      return true;
    }
    if (this.queue.length >= this.limits.maxQueuedRequests || this.limits.queueWaitMs === 0) return false;
    return new Promise<boolean>((resolve) => {
      const waiter: Waiter = { admit: resolve, timer: null };
      waiter.timer = setTimeout(() => {
        const at = this.queue.indexOf(waiter);
        if (at >= 0) this.queue.splice(at, 1);
        resolve(false);
      }, this.limits.queueWaitMs);
      this.queue.push(waiter);
    });
  }

  /** A request admitted by enter() is done: the first waiter, if any, takes its place. */
  leave(): void {
    const next = this.queue.shift();
    if (next) {
      if (next.timer) clearTimeout(next.timer);
      next.admit(true); // the place passes on: active stays the same
      return;
    }
    this.active = Math.max(0, this.active - 1);
  }

  get load(): { active: number; queued: number } {
    return { active: this.active, queued: this.queue.length };
  }
}

function isGated(request: FastifyRequest): boolean {
  const path = request.url.split('?')[0] ?? '';
  return path.startsWith('/api/') && !isPublicPath(path) && !UNGATED_PATHS.has(path) && !UNGATED_ROUTES.has(`${request.method} ${request.routeOptions.url ?? ''}`);
}

function isPublicGated(request: FastifyRequest): boolean {
  return isPublicPath(request.url.split('?')[0] ?? '');
}

function hasBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  return (length !== undefined && length !== '0') || request.headers['transfer-encoding'] !== undefined;
}

function sendBusy(reply: FastifyReply, code: string, message: string, retryAfterSeconds: number): FastifyReply {
  return reply
    .status(503)
    .header('retry-after', String(retryAfterSeconds))
    .header('cache-control', 'no-store')
    .send({ error: { code, message } });
}

/**
 * Registers the gates on the root instance, before any hook that reads the database (the session
 * lookup of the access guard): a refused request costs no query. Returns the internal gate.
 */
export function registerLoadShedding(app: FastifyInstance, limits: LoadLimits, publicMaxActive?: number): AdmissionGate {
  const gate = guardRequests(app, new AdmissionGate(limits), isGated);
  if (publicMaxActive !== undefined) guardRequests(app, new AdmissionGate({ ...limits, maxActiveRequests: publicMaxActive }), isPublicGated);
  return gate;
}

function guardRequests(app: FastifyInstance, gate: AdmissionGate, gated: (request: FastifyRequest) => boolean): AdmissionGate {
  const admit = async (request: FastifyRequest, reply: FastifyReply) => {
    const admitted = await gate.enter();
    if (!admitted) {
      request.log.warn({ ...gate.load, url: request.url }, 'request refused: server busy');
      return sendBusy(reply, 'BUSY', renderFor(request, msg('http.busy', { seconds: BUSY_RETRY_AFTER_SECONDS })), BUSY_RETRY_AFTER_SECONDS);
    }
    if (request.raw.socket?.destroyed) {
      // the client went away while queued: its response has closed already, so pass the place on now
      gate.leave();
      return sendBusy(reply, 'BUSY', renderFor(request, msg('http.clientGone')), BUSY_RETRY_AFTER_SECONDS);
    }
    let left = false;
    // 'close' follows the end of the response and a client that goes away alike
    reply.raw.once('close', () => {
      if (left) return;
      left = true;
      gate.leave();
    });
  };
  app.addHook('onRequest', async (request, reply) => {
    if (gated(request) && !hasBody(request)) return admit(request, reply);
  });
  app.addHook('preHandler', async (request, reply) => {
    if (gated(request) && hasBody(request)) return admit(request, reply);
  });
  return gate;
}

export interface OverloadAnswer {
  status: 503;
  code: 'BUSY' | 'QUERY_TIMEOUT' | 'LOCKED';
  text: Message;
  retryAfterSeconds: number;
}

/** pg-pool's errors when no connection became free (or none could be opened) within connectionTimeoutMillis */
const POOL_TIMEOUT_MESSAGES = ['timeout exceeded when trying to connect', 'Connection terminated due to connection timeout'];

/**
 * A database error that means "too busy now", as a 503 answer: a statement cancelled by the statement
 * timeout (SQLSTATE 57014) or no pooled connection within the wait. Null for any other error. Drizzle
 * wraps driver errors (DrizzleQueryError.cause), so the cause is read too.
 */
export function describeOverload(err: unknown): OverloadAnswer | null {
  const chain = [err, (err as { cause?: unknown } | null)?.cause].filter((e): e is { code?: unknown; message?: unknown } => typeof e === 'object' && e !== null);
  if (chain.some((e) => e.code === '57014')) {
    return {
      status: 503,
      code: 'QUERY_TIMEOUT',
      text: msg('http.queryTimeout', { seconds: QUERY_TIMEOUT_RETRY_AFTER_SECONDS }),
      retryAfterSeconds: QUERY_TIMEOUT_RETRY_AFTER_SECONDS,
    };
  }
  if (chain.some((e) => e.code === '55P03')) {
    // lock_timeout (YINFENG_DB_LOCK_TIMEOUT_MS): another transaction holds what this one would change
    return {
      status: 503,
      code: 'LOCKED',
      text: msg('http.locked', { seconds: LOCKED_RETRY_AFTER_SECONDS }),
      retryAfterSeconds: LOCKED_RETRY_AFTER_SECONDS,
    };
  }
  if (chain.some((e) => typeof e.message === 'string' && POOL_TIMEOUT_MESSAGES.includes(e.message))) {
    return {
      status: 503,
      code: 'BUSY',
      text: msg('http.poolBusy', { seconds: BUSY_RETRY_AFTER_SECONDS }),
      retryAfterSeconds: BUSY_RETRY_AFTER_SECONDS,
    };
  }
  return null;
}
