/** Serves the built web app (web/dist) and falls back to index.html for client-side routes. */
import fs from 'node:fs';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { fileURLToPath } from 'node:url';
import { msg } from '../domain/messages/catalog';
import { renderFor } from './request-lang';

export const WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));

/**
 * The dashboard's boundary maps (web/public/maps → web/dist/maps): JSON, cached for a day (revalidated by ETag
 * afterwards), and a missing map is a real 404 — the dashboard then shows no map — never the app's index.html.
 */
async function registerMaps(app: FastifyInstance, root: string): Promise<void> {
  await app.register(
    async (scope) => {
      scope.setNotFoundHandler((request, reply) =>
        reply.status(404).send({ error: { code: 'NOT_FOUND', message: renderFor(request, msg('http.mapMissing', { path: request.url.split('?')[0] ?? '' })) } }),
      );
      await scope.register(fastifyStatic, { root: `${root}/maps`, wildcard: true, decorateReply: false, maxAge: '1d', index: false });
    },
    { prefix: '/maps' },
  );
}

export async function registerStaticWeb(app: FastifyInstance, root: string = WEB_DIST): Promise<boolean> {
  if (!fs.existsSync(`${root}/index.html`)) return false;
  // wildcard: files are looked up per request, so a rebuilt web/dist is served without a restart
  await app.register(fastifyStatic, { root, wildcard: true, index: ['index.html'] });
  await registerMaps(app, root);
  return true;
}
