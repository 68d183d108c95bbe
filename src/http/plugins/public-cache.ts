/**
 * A short cache of the public side's reads (issue 14 item 8: 200 anonymous readers on this machine). A
 * successful GET of /api/public/… or /portal/… is the same for every visitor — nothing on it depends on a
 * session or names a person — so its body is kept for YINFENG_PUBLIC_CACHE_SECONDS (default 10) per path,
 * query and language, and the same request in that time is answered from memory before the admission gate
 * and the database. A change an officer publishes shows on the portal within that time.
 *
 * Not kept: tracking pages and their API (a tracking number's state is the investor's to see at once, and
 * an unknown number must look like a malformed one — only 200s are kept anyway), any request carrying a
 * body, any answer other than 200 or larger than MAX_ENTRY_BYTES. At most MAX_ENTRIES bodies are held
 * (oldest first out). Each app process keeps its own.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../../config/config';
import { langOf } from '../request-lang';
import { isPublicPath } from './public-side';

const MAX_ENTRIES = 2_000;
const MAX_ENTRY_BYTES = 512 * 1024;
/** answers that must always be fresh */
const UNCACHED = [/^\/api\/public\/tracking(\/|$)/, /^\/portal\/tracking(\/|$)/];

interface Entry {
  expiresAt: number;
  contentType: string;
  body: string | Buffer;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** the key the answer is kept under (public-cache.ts); null: not kept */
    publicCacheKey: string | null;
  }
}

/** The key of a request whose answer may be kept, or null. */
function publicCacheKeyOf(request: Pick<FastifyRequest, 'method' | 'url' | 'headers'> & { lang: string }): string | null {
  if (request.method !== 'GET' && request.method !== 'HEAD') return null;
  const path = request.url.split('?')[0] ?? '';
  if (!isPublicPath(path) || UNCACHED.some((r) => r.test(path))) return null;
  return `${request.lang} ${request.url}`;
}

export function registerPublicCache(app: FastifyInstance, config: Config): void {
  const ttlMs = config.publicSide.cacheSeconds * 1000;
  app.decorateRequest('publicCacheKey', null);
  if (ttlMs <= 0) return;
  const entries = new Map<string, Entry>();

  app.addHook('onRequest', async (request, reply) => {
    const key = publicCacheKeyOf({ method: request.method, url: request.url, headers: request.headers, lang: langOf(request) });
    if (key === null) return;
    const hit = entries.get(key);
    if (hit && hit.expiresAt > Date.now()) {
      return reply.status(200).header('content-type', hit.contentType).header('x-yinfeng-cache', 'hit').send(hit.body);
    }
    if (hit) entries.delete(key);
    request.publicCacheKey = key;
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const key = request.publicCacheKey;
    if (key === null || reply.statusCode !== 200) return payload;
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload; // a stream: not kept
    if (Buffer.byteLength(payload) > MAX_ENTRY_BYTES) return payload;
    const contentType = reply.getHeader('content-type');
    entries.delete(key);
    entries.set(key, { expiresAt: Date.now() + ttlMs, contentType: typeof contentType === 'string' ? contentType : 'application/octet-stream', body: payload });
    while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value ?? '');
    return payload;
  });
}
