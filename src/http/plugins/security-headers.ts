/**
 * Security headers on every response (issue 10, item 7), set before routing so errors, 404s, the web app,
 * its assets, the maps and the API documentation all carry them:
 *
 * - Content-Security-Policy: scripts only from the own origin (no inline script, no eval, no inline handlers:
 *   script-src-attr 'none'), no plugins, no <base> hijack, forms post only here, no framing (frame-ancestors
 *   'none', with X-Frame-Options: DENY for old browsers). The built web app (Vite) loads one module script from
 *   /assets; the boundary maps are fetched from /maps (connect-src 'self'); the API documentation (@fastify/swagger-ui)
 *   loads its own script files, so the same policy fits it.
 *   Styles: style-src 'self' 'unsafe-inline'. antd's CSS-in-JS writes <style> elements at run time, ECharts writes
 *   style attributes into its tooltips and swagger-ui sets inline styles; a nonce would cover <style> elements only
 *   (never style attributes) and would need a per-request index.html. Inline styles cannot run script; the risk
 *   they leave (CSS used to restyle or leak attribute values) is small beside what script-src forbids.
 * - X-Content-Type-Options: nosniff; Referrer-Policy: same-origin (links to other sites carry no URL with
 *   its project ids or search words; the own pages keep the Referer the origin check may fall back to).
 * - Strict-Transport-Security only when the browser came over HTTPS, decided exactly as the session cookie's
 *   Secure flag (YINFENG_COOKIE_SECURE: auto = the request's scheme, X-Forwarded-Proto only with
 *   YINFENG_TRUST_PROXY; true = always; false = never).
 * - Cache-Control: no-store on every /api answer: all but health, login and the documentation need a session
 *   and answer for the caller's region and permissions, and login/logout carry session state. The only shared
 *   reference data (the industry classification) is one small request per page load, not worth a rule of its
 *   own; the documentation's own script and style files are the exception.
 *   Static files (web app, assets, maps) keep their caching.
 */
import fastifyHelmet from '@fastify/helmet';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../../config/config';

export const HSTS_VALUE = 'max-age=31536000';

export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  baseUri: ["'self'"],
  connectSrc: ["'self'"],
  fontSrc: ["'self'", 'data:'],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  manifestSrc: ["'self'"],
  objectSrc: ["'none'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  workerSrc: ["'self'", 'blob:'],
};

/** Whether the browser reached the site over HTTPS, by the rule of the session cookie's Secure flag. */
export function isServedOverHttps(request: FastifyRequest, config: Config): boolean {
  if (config.cookieSecure === 'always') return true;
  if (config.cookieSecure === 'never') return false;
  return request.protocol === 'https';
}

/** The documentation's own script, style and image files: no personal data, cacheable. */
function isDocsAsset(path: string): boolean {
  return path.startsWith('/api/docs/static/');
}

export async function registerSecurityHeaders(app: FastifyInstance, config: Config): Promise<void> {
  await app.register(fastifyHelmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    // set per request below: only over HTTPS
    strictTransportSecurity: false,
  });

  app.addHook('onRequest', async (request, reply) => {
    if (isServedOverHttps(request, config)) reply.header('strict-transport-security', HSTS_VALUE);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const path = request.url.split('?')[0] ?? '';
    if ((path === '/api' || path.startsWith('/api/')) && !isDocsAsset(path)) reply.header('cache-control', 'no-store');
    return payload;
  });
}
