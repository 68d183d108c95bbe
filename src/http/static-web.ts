/** Serves the built web app (web/dist) and falls back to index.html for client-side routes. */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export const WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));

export async function registerStaticWeb(app: FastifyInstance): Promise<boolean> {
  if (!fs.existsSync(`${WEB_DIST}/index.html`)) return false;
  // wildcard: files are looked up per request, so a rebuilt web/dist is served without a restart
  await app.register(fastifyStatic, { root: WEB_DIST, wildcard: true, index: ['index.html'] });
  return true;
}
