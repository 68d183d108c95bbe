/**
 * Security headers on every kind of response (issue 10, item 7): a CSP without inline script and with
 * frame-ancestors 'none', nosniff, a Referrer-Policy, HSTS only over HTTPS (as the Secure cookie flag decides it),
 * and Cache-Control: no-store on every API answer (personal data and session state); static files keep caching.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config';
import { buildApp } from '../../src/http/app';
import { createSystemCaller } from '../../src/services/context';
import { createUser } from '../../src/services/accounts/users';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../helpers/databases';
import { TEST_PASSWORD } from '../helpers/app';

function directives(res: LightMyRequestResponse): Map<string, string[]> {
  const header = String(res.headers['content-security-policy'] ?? '');
  const map = new Map<string, string[]>();
  for (const part of header.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name, values);
  }
  return map;
}

function expectCommonHeaders(res: LightMyRequestResponse, what: string) {
  const csp = directives(res);
  expect(csp.get('default-src'), what).toEqual(["'self'"]);
  expect(csp.get('script-src'), what).toEqual(["'self'"]);
  expect(csp.get('script-src-attr'), what).toEqual(["'none'"]);
  expect(csp.get('object-src'), what).toEqual(["'none'"]);
  expect(csp.get('base-uri'), what).toEqual(["'self'"]);
  expect(csp.get('frame-ancestors'), what).toEqual(["'none'"]);
  expect(csp.get('form-action'), what).toEqual(["'self'"]);
  // styles: antd's CSS-in-JS and ECharts' tooltips write inline styles (see plugins/security-headers.ts)
  expect(csp.get('style-src'), what).toEqual(["'self'", "'unsafe-inline'"]);
  expect(res.headers['x-content-type-options'], what).toBe('nosniff');
  expect(res.headers['x-frame-options'], what).toBe('DENY');
  expect(res.headers['referrer-policy'], what).toBe('same-origin');
}

describe.each(DATABASE_KINDS)('security headers on %s', (kind) => {
  let root: string;
  let database: TestDatabase;
  let app: FastifyInstance;
  let cookie: string;
  let dataDir: string;

  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'yinfeng-web-'));
    dataDir = mkdtempSync(path.join(tmpdir(), 'yinfeng-test-data-'));
    mkdirSync(path.join(root, 'maps'));
    mkdirSync(path.join(root, 'assets'));
    writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>引凤</title><script type="module" src="/assets/index-abc.js"></script>');
    writeFileSync(path.join(root, 'assets/index-abc.js'), 'console.log(1)\n');
    writeFileSync(path.join(root, 'maps/650100.json'), '{"type":"FeatureCollection","features":[]}\n');
    database = await createTestDatabase(kind);
    app = await buildApp({ config: loadConfig({ YINFENG_DATA_DIR: dataDir }), database, webRoot: root });
    await createUser({ db: database.db, config: loadConfig({ YINFENG_DATA_DIR: dataDir }) }, createSystemCaller('test'), {
      username: 'headers',
      displayName: 'headers',
      regionCode: '650109',
      password: TEST_PASSWORD,
      roles: ['officer'],
      mustChangePassword: false,
    });
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'headers', password: TEST_PASSWORD } });
    expect(login.statusCode).toBe(200);
    cookie = `yinfeng_session=${login.cookies.find((c) => c.name === 'yinfeng_session')?.value ?? ''}`;
    expect(login.headers['cache-control']).toBe('no-store');
  });

  afterAll(async () => {
    await app?.close();
    await database?.close();
    rmSync(root, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('sends them on the app page, client-side routes, assets, maps and API answers', async () => {
    const cases: [string, string][] = [
      ['/', 'html'],
      ['/projects/123', 'html'],
      ['/assets/index-abc.js', 'asset'],
      ['/maps/650100.json', 'map'],
      ['/maps/659999.json', 'missing map'],
      ['/api/auth/me', 'api'],
      ['/api/projects', 'api'],
      ['/api/nothing', 'api 404'],
      ['/api/docs', 'docs'],
    ];
    for (const [url, what] of cases) {
      const res = await app.inject({ method: 'GET', url, headers: { cookie } });
      expect(res.statusCode, url).toBeLessThan(500);
      expectCommonHeaders(res, `${what} ${url}`);
      expect(res.headers['strict-transport-security'], url).toBeUndefined();
    }
  });

  it('marks every API answer no-store and leaves static files cacheable', async () => {
    for (const url of ['/api/auth/me', '/api/projects', '/api/users?pageSize=5', '/api/regions/650109/children', '/api/industries', '/api/parks', '/api/health', '/api/nothing']) {
      const res = await app.inject({ method: 'GET', url, headers: { cookie } });
      expect(res.headers['cache-control'], `${url} ${res.statusCode}`).toBe('no-store');
    }
    const anonymous = await app.inject({ method: 'GET', url: '/api/auth/me' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['cache-control']).toBe('no-store');
    const logout = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: 'yinfeng_session=x', origin: 'http://localhost' } });
    expect(logout.headers['cache-control']).toBe('no-store');

    const map = await app.inject({ method: 'GET', url: '/maps/650100.json' });
    expect(map.headers['cache-control']).toBe('public, max-age=86400');
    const asset = await app.inject({ method: 'GET', url: '/assets/index-abc.js' });
    expect(asset.headers['cache-control']).toMatch(/^public/);
  });

  it('serves the API documentation without inline script (its own files only)', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/docs' });
    expect(res.statusCode).toBe(200);
    const page = res.body;
    const scripts = [...page.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/\ssrc=/);
      expect(body?.trim()).toBe('');
    }
  });
});

describe('HSTS follows the scheme the browser used', () => {
  // one database for the five configurations (an app does not own it)
  let database: TestDatabase;
  let dataDir: string;
  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    dataDir = mkdtempSync(path.join(tmpdir(), 'yinfeng-test-data-'));
  });
  afterAll(async () => {
    await database?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function headersFor(env: Record<string, string>, headers: Record<string, string>) {
    const app = await buildApp({ config: loadConfig({ YINFENG_DATA_DIR: dataDir, ...env }), database });
    try {
      return (await app.inject({ method: 'GET', url: '/api/health', headers })).headers;
    } finally {
      await app.close();
    }
  }

  it('is sent over HTTPS behind a trusted proxy and never over plain HTTP', async () => {
    const https = await headersFor({ YINFENG_TRUST_PROXY: 'true' }, { 'x-forwarded-proto': 'https' });
    expect(https['strict-transport-security']).toBe('max-age=31536000');
    const http = await headersFor({ YINFENG_TRUST_PROXY: 'true' }, { 'x-forwarded-proto': 'http' });
    expect(http['strict-transport-security']).toBeUndefined();
    // an untrusted client cannot claim HTTPS
    const untrusted = await headersFor({}, { 'x-forwarded-proto': 'https' });
    expect(untrusted['strict-transport-security']).toBeUndefined();
    // YINFENG_COOKIE_SECURE decides as for the cookie: true = the site is HTTPS (TLS ends before an untrusted hop)
    const always = await headersFor({ YINFENG_COOKIE_SECURE: 'true' }, {});
    expect(always['strict-transport-security']).toBe('max-age=31536000');
    const never = await headersFor({ YINFENG_TRUST_PROXY: 'true', YINFENG_COOKIE_SECURE: 'false' }, { 'x-forwarded-proto': 'https' });
    expect(never['strict-transport-security']).toBeUndefined();
  });
});
