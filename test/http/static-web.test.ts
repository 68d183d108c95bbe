/**
 * The built web app's static files: the boundary maps are JSON with caching, and a missing map is a 404
 * (the dashboard then draws no map) while client-side routes still get index.html.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerStaticWeb } from '../../src/http/static-web';

let root: string;
let app: FastifyInstance;

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'yinfeng-web-'));
  mkdirSync(path.join(root, 'maps'));
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>引凤</title>');
  writeFileSync(path.join(root, 'maps/650100.json'), '{"type":"FeatureCollection","features":[]}\n');
  app = Fastify();
  expect(await registerStaticWeb(app, root)).toBe(true);
  // the app's fallback for client-side routes (src/http/app.ts)
  app.setNotFoundHandler((_request, reply) => reply.type('text/html').sendFile('index.html'));
  await app.ready();
});

afterAll(async () => {
  await app?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('registerStaticWeb', () => {
  it('serves a boundary map as JSON cached for a day', async () => {
    const res = await app.inject({ method: 'GET', url: '/maps/650100.json' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['cache-control']).toBe('public, max-age=86400');
    expect(res.headers.etag).toBeTruthy();
    expect(res.json()).toEqual({ type: 'FeatureCollection', features: [] });
  });

  it('answers 404 for a missing map, not the app page', async () => {
    for (const url of ['/maps/659000.json', '/maps/../maps/x.json', '/maps/a/b.json']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toMatch(/^application\/json/);
    }
    // the folder itself: no listing (403 from @fastify/static), and not the app page either
    const folder = await app.inject({ method: 'GET', url: '/maps/' });
    expect(folder.statusCode).toBe(403);
    expect(folder.headers['content-type']).not.toMatch(/html/);
  });

  it('still answers client-side routes with index.html', async () => {
    for (const url of ['/projects', '/mapsx', '/']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toMatch(/^text\/html/);
    }
  });
});
