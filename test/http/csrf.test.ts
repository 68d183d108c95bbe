/**
 * Cross-site request forgery (issue 10, item 8): every state-changing request (POST, PUT, PATCH, DELETE) must come
 * from the server's own origin (Origin, else Referer; a request carrying the session cookie with neither is refused),
 * and a body is JSON only (the file-upload routes take their file types) — a bodiless POST sent as text/plain (a
 * "simple request" a foreign page can fire without a preflight) is refused with 415.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_ROLES, BUSINESS_ROLES, listPermissions, ROLES, type Role } from '../../src/domain/roles';
import { listDeclaredRoutes } from '../../src/http/plugins/access-guard';
import { createTestApp, type TestApp } from '../helpers/app';
import { DATABASE_KINDS } from '../helpers/databases';

/** app.inject's default Host is localhost:80, so the app's own origin is http://localhost */
const OWN = 'http://localhost';
const FOREIGN = ['https://evil.example', 'http://localhost.evil.example', 'http://localhost:8080', 'https://localhost', 'null'];
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const ZERO_ID = '00000000-0000-4000-8000-000000000000';

/** A concrete URL for a route pattern: every parameter gets a harmless placeholder (the refusal comes first). */
function fillParams(pattern: string): string {
  return pattern.replace(/:([A-Za-z]+)/g, (_m, name: string) => {
    if (/code/i.test(name)) return '650109';
    if (/month/i.test(name)) return '2026-01';
    if (/date/i.test(name)) return '2030-05-01';
    if (/key/i.test(name)) return '91650100MA0000000X';
    return ZERO_ID;
  });
}

describe.each(DATABASE_KINDS)('CSRF: origin check and JSON-only bodies on %s', (kind) => {
  let t: TestApp;
  const cookies = new Map<Role, string>();

  beforeAll(async () => {
    t = await createTestApp(kind);
    for (const role of ROLES) {
      await t.createAccount(`csrf_${role}`, [role], '650109');
      cookies.set(role, await t.login(`csrf_${role}`));
    }
  });
  afterAll(() => t.close());

  const stateChanging = () =>
    listDeclaredRoutes(t.app).filter((r) => r.url.startsWith('/api') && UNSAFE.has(r.method));

  /** a cookie of a role allowed to call the route (none for public routes) */
  function cookieFor(access: string | undefined): string | undefined {
    if (access === 'public') return undefined;
    const role = [...BUSINESS_ROLES, ...ADMIN_ROLES].find((r) => access === 'session' || listPermissions([r]).includes(access as never));
    return role ? cookies.get(role) : undefined;
  }

  async function freshSession() {
    const username = `csrf_fresh_${Math.random().toString(36).slice(2, 10)}`;
    await t.createAccount(username, ['officer'], '650109');
    return t.login(username);
  }

  it('refuses a cross-site logout: the session stays valid', async () => {
    const cookie = await freshSession();
    for (const origin of FOREIGN) {
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie, origin } });
      expect(res.statusCode, origin).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
      expect(res.json().error.message).toContain('跨站');
    }
    expect((await t.call('GET', '/api/auth/me', { cookie })).statusCode).toBe(200);
    // the same logout from the app's own page goes through
    const own = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie, origin: OWN } });
    expect(own.statusCode).toBe(204);
    expect((await t.call('GET', '/api/auth/me', { cookie })).statusCode).toBe(401);
  });

  it('refuses a cross-site cancel of an import job; the job keeps its state', async () => {
    const cookie = cookies.get('officer');
    const upload = await t.call('POST', '/api/import-jobs?fileName=a.csv', {
      cookie,
      body: Buffer.from('统一社会信用代码,企业名称,注册地区代码\n'),
      headers: { 'content-type': 'text/csv' },
    });
    expect(upload.statusCode, upload.body).toBe(202);
    const job = upload.json() as { id: string; status: string };
    const cancel = (headers: Record<string, string>) => t.app.inject({ method: 'POST', url: `/api/import-jobs/${job.id}/cancel`, headers: { cookie: cookie ?? '', ...headers } });

    for (const origin of FOREIGN) expect((await cancel({ origin })).statusCode, origin).toBe(403);
    expect((await cancel({ referer: 'https://evil.example/page' })).statusCode).toBe(403);
    expect((await cancel({})).statusCode, 'neither Origin nor Referer with a session cookie').toBe(403);
    // a same-site page (another host of the same site) is foreign too
    expect((await cancel({ origin: 'http://intranet.localhost' })).statusCode).toBe(403);
    // text/plain from the own origin: still no body type the route accepts
    const plain = await t.app.inject({
      method: 'POST',
      url: `/api/import-jobs/${job.id}/cancel`,
      headers: { cookie: cookie ?? '', origin: OWN, 'content-type': 'text/plain' },
      payload: 'x',
    });
    expect(plain.statusCode).toBe(415);
    const still = await t.call('GET', `/api/import-jobs/${job.id}`, { cookie });
    expect(still.json().status).toBe(job.status);

    // from the own page (Origin, or only a same-origin Referer) it is cancelled
    const own = await cancel({ referer: `${OWN}/enterprises/import` });
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json().status).toBe('cancelled');
  });

  it('refuses a foreign Origin on every state-changing route, before anything else runs', async () => {
    const routes = stateChanging();
    expect(routes.length).toBeGreaterThan(40);
    const outcomes: string[] = [];
    for (const route of routes) {
      const url = fillParams(route.url);
      for (const origin of ['https://evil.example', 'null']) {
        const res = await t.app.inject({
          method: route.method as 'POST',
          url,
          headers: { cookie: cookies.get('officer') ?? '', origin, 'content-type': 'application/json' },
          payload: '{}',
        });
        const refused = res.statusCode === 403 && (res.json() as { error: { message: string } }).error.message.includes('跨站');
        outcomes.push(`${route.method} ${route.url} ${origin} → ${refused ? 'refused' : res.statusCode}`);
      }
      // a foreign Referer without Origin, and a session cookie with neither
      for (const headers of [{ referer: 'https://evil.example/x' }, {}] as Record<string, string>[]) {
        const res = await t.app.inject({ method: route.method as 'POST', url, headers: { cookie: cookies.get('officer') ?? '', ...headers } });
        const refused = res.statusCode === 403 && (res.json() as { error: { message: string } }).error.message.includes('跨站');
        outcomes.push(`${route.method} ${route.url} ${headers.referer ?? 'no origin'} → ${refused ? 'refused' : res.statusCode}`);
      }
    }
    expect(outcomes.filter((o) => !o.endsWith('refused'))).toEqual([]);
  });

  it('accepts a login without Origin when no session cookie is sent (scripts), but not a cross-site login', async () => {
    await t.createAccount('csrf_script', ['officer'], '650109');
    const plain = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'csrf_script', password: 'Test@pass-2026' } });
    expect(plain.statusCode).toBe(200);
    const foreign = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { origin: 'https://evil.example' }, payload: { username: 'csrf_script', password: 'Test@pass-2026' } });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.cookies.find((c) => c.name === 'yinfeng_session')).toBeUndefined();
  });

  it('takes the proxy\'s forwarded host and scheme as the own origin only when the proxy is trusted', async () => {
    const cookie = await freshSession();
    const viaProxy = { host: '127.0.0.1:3000', 'x-forwarded-host': 'zs.example.gov.cn', 'x-forwarded-proto': 'https', origin: 'https://zs.example.gov.cn' };
    // not trusted: the request came to http://127.0.0.1:3000, the page says https://zs.example.gov.cn
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie, ...viaProxy } })).statusCode).toBe(403);
    const trusted = await createTestApp(kind, { YINFENG_TRUST_PROXY: 'true' });
    try {
      await trusted.createAccount('csrf_proxy', ['officer'], '650109');
      const c = await trusted.login('csrf_proxy');
      const res = await trusted.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: c, ...viaProxy } });
      expect(res.statusCode, res.body).toBe(204);
    } finally {
      await trusted.close();
    }
  });

  it('takes YINFENG_PUBLIC_ORIGIN as the own origin when configured', async () => {
    const configured = await createTestApp(kind, { YINFENG_PUBLIC_ORIGIN: 'https://zs.example.gov.cn' });
    try {
      await configured.createAccount('csrf_public', ['officer'], '650109');
      const cookie = await configured.login('csrf_public');
      const local = await configured.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie, origin: OWN } });
      expect(local.statusCode).toBe(403);
      const ok = await configured.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie, origin: 'https://zs.example.gov.cn' } });
      expect(ok.statusCode).toBe(204);
    } finally {
      await configured.close();
    }
  });

  it('answers 415 to a text/plain, form or multipart body on every state-changing route', async () => {
    const outcomes: string[] = [];
    const bodies: [string, string][] = [
      ['text/plain', 'x'],
      ['text/plain;charset=UTF-8', '{"reason":"x"}'],
      ['application/x-www-form-urlencoded', 'a=1'],
      ['multipart/form-data; boundary=B', '--B\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--B--\r\n'],
    ];
    // the investor's forms on the portal (no script) post urlencoded to these public routes on purpose: a form with
    // nonsense in it is refused naming the field (400) and nothing is stored; text and multipart are still 415 there
    const formRoutes = new Set(['POST /api/public/inquiries', 'POST /api/public/complaints', 'POST /api/public/tracking/:number/rating', 'POST /api/public/tracking/:number/reopen']);
    for (const route of stateChanging()) {
      const cookie = cookieFor(route.access);
      for (const [type, payload] of bodies) {
        const res = await t.app.inject({
          method: route.method as 'POST',
          url: fillParams(route.url),
          headers: { ...(cookie ? { cookie } : {}), origin: OWN, 'content-type': type },
          payload,
        });
        const kind = type.split(';')[0];
        const expected = formRoutes.has(`${route.method} ${route.url}`) && kind === 'application/x-www-form-urlencoded' ? 400 : 415;
        if (res.statusCode !== expected) outcomes.push(`${route.method} ${route.url} ${kind} → ${res.statusCode} (expected ${expected})`);
      }
    }
    expect(outcomes).toEqual([]);
    const one = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: cookies.get('officer') ?? '', origin: OWN, 'content-type': 'text/plain' }, payload: '' });
    expect(one.statusCode).toBe(415);
    expect(one.json().error.message).toContain('application/json');
  });

  it('leaves reading requests alone (no Origin needed for GET)', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: cookies.get('officer') ?? '', origin: 'https://evil.example' } });
    expect(res.statusCode).toBe(200);
  });
});
