/**
 * CSRF defence (issue 10, item 8), beside the session cookie's SameSite=Lax (which a same-site page — another
 * host of the same registrable domain — passes):
 *
 * 1. Every state-changing request (POST, PUT, PATCH, DELETE) must come from the site's own origin. Browsers send
 *    Origin on every such request, same-origin ones included; when it is missing the Referer's origin stands in.
 *    With neither, a request that carries the session cookie is refused (only an old or tampering client sends
 *    that); one without the cookie cannot act for anybody and passes (scripts log in without Origin, then send
 *    `Origin: <own origin>` with the cookie). A browser's Sec-Fetch-Site of same-site or cross-site is refused
 *    too. The refusal comes before the session is looked up: 403 with a Chinese message.
 *    The own origin is YINFENG_PUBLIC_ORIGIN when configured (comma-separated), else the request's scheme and Host
 *    — behind a proxy X-Forwarded-Proto/-Host count only with YINFENG_TRUST_PROXY (Fastify's request.protocol and
 *    request.host). A foreign page cannot choose the Host a browser sends to this server, so Host is safe to
 *    compare with; a page that reaches the server under a foreign name (DNS rebinding) has no session cookie.
 * 2. Bodies are JSON only: text/plain, form and multipart bodies — the ones a foreign page can send without a
 *    CORS preflight — get 415 on every route, right after the origin check and before the session is looked up
 *    (so the answer does not depend on who is signed in). A route takes the body types its own plugin has a
 *    parser for: JSON everywhere (Fastify's built-in text/plain parser is removed), the file types on the upload
 *    routes (project imports, enterprise import jobs). Evidence uploads are JSON (base64).
 */
import '@fastify/cookie';
import { errorCodes, type FastifyInstance, type FastifyRequest } from 'fastify';
import type { Config } from '../../config/config';
import { AppError } from '../../domain/app-error';
import { msg, type Message } from '../../domain/messages/catalog';
import { SESSION_COOKIE } from './access-guard';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The origin of a URL (scheme://host[:port], default port dropped, lower case), or null when it is not one. */
export function toOrigin(value: string): string | null {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.origin;
  } catch {
    return null;
  }
}

/** The origins this server answers as: the configured public origins, else the request's own scheme and host. */
export function listOwnOrigins(request: FastifyRequest, config: Config): string[] {
  if (config.publicOrigins.length > 0) return config.publicOrigins;
  const own = toOrigin(`${request.protocol}://${request.host}`);
  return own ? [own] : [];
}

/** What the browser says the request came from: Origin, else the Referer's origin; null when neither was sent. */
function readClaimedOrigin(request: FastifyRequest): { header: 'Origin' | 'Referer'; raw: string; origin: string | null } | null {
  const origin = request.headers.origin;
  if (typeof origin === 'string' && origin !== '') return { header: 'Origin', raw: origin, origin: toOrigin(origin) };
  const referer = request.headers.referer;
  if (typeof referer === 'string' && referer !== '') return { header: 'Referer', raw: referer, origin: toOrigin(referer) };
  return null;
}

function refuse(request: FastifyRequest, reason: Message): AppError {
  request.log.warn({ reqId: request.id, method: request.method, url: request.url, origin: request.headers.origin, referer: request.headers.referer }, 'cross-site request refused');
  return new AppError('FORBIDDEN', msg('http.crossSite', { reason }));
}

/** 415 unless the route's own plugin has a parser for the body's media type (JSON, or its upload file types). */
function checkBodyType(request: FastifyRequest): void {
  const type = request.headers['content-type'];
  if (type === undefined) return;
  const media = type.split(';')[0]?.trim().toLowerCase() ?? '';
  if (media === '' || !request.server.hasContentTypeParser(media)) throw new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE(media);
}

export function registerOriginCheck(app: FastifyInstance, config: Config): void {
  // JSON only (see 2. above); before any route plugin is registered, so none inherits the parser
  if (app.hasContentTypeParser('text/plain')) app.removeContentTypeParser('text/plain');

  app.addHook('onRequest', async (request: FastifyRequest) => {
    if (!STATE_CHANGING.has(request.method)) return;
    const own = listOwnOrigins(request, config);
    const claimed = readClaimedOrigin(request);
    if (claimed) {
      if (!claimed.origin || !own.includes(claimed.origin)) {
        throw refuse(request, msg('http.originForeign', { origin: claimed.raw.slice(0, 200), header: claimed.header, own: own.join('、') || msg('http.originUnknown') }));
      }
    } else if (request.cookies[SESSION_COOKIE] !== undefined) {
      throw refuse(request, msg('http.originMissing', { own: own[0] ?? msg('http.ownSite') }));
    }
    const site = request.headers['sec-fetch-site'];
    if (site === 'cross-site' || site === 'same-site') throw refuse(request, msg('http.fetchSite', { site }));
    checkBodyType(request);
  });
}
