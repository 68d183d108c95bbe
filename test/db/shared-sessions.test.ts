/**
 * Sessions live in the database, so several app processes on one PostgreSQL accept the same
 * cookie: two in-process apps with their own pools, and a real `bin/yinfeng serve` process.
 */
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wrapPool, type Database } from '../../src/db/client';
import { buildApp } from '../../src/http/app';
import { cleanEnv, startServe, type Server } from '../cli/processes';
import { createTestApp, TEST_ORIGIN, TEST_PASSWORD, type TestApp } from '../helpers/app';

describe.skipIf(!process.env.TEST_DATABASE_URL)('sessions shared by several app processes on PostgreSQL', () => {
  let first: TestApp;
  let secondDatabase: Database;
  let second: FastifyInstance;
  let child: Server | undefined;
  let childBase = '';

  beforeAll(async () => {
    first = await createTestApp('postgres');
    const url = first.database.url;
    if (!url) throw new Error('no url for the test database');
    secondDatabase = wrapPool(new pg.Pool({ connectionString: url, max: 3 }), 'second');
    second = await buildApp({ config: first.config, database: secondDatabase });
    await first.createAccount('shared', ['officer'], '650109');

    // a second OS process: bin/yinfeng serve on the same database
    child = await startServe(cleanEnv({ DATABASE_URL: url }));
    childBase = child.base;
  });

  afterAll(async () => {
    await child?.stop();
    await second?.close();
    await secondDatabase?.close();
    await first?.close();
  });

  const me = (app: FastifyInstance, cookie: string) => app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
  const childMe = (cookie: string) => fetch(`${childBase}/api/auth/me`, { headers: { cookie }, signal: AbortSignal.timeout(5000) });

  it('the serve process answers on the same database', async () => {
    const res = await fetch(`${childBase}/api/health`);
    expect(await res.json()).toEqual({ status: 'ok', database: 'postgres' });
  });

  it('accepts a cookie from the first app on the second app and in the other OS process', async () => {
    const cookie = await first.login('shared');
    const onSecond = await me(second, cookie);
    expect(onSecond.statusCode).toBe(200);
    expect(onSecond.json()).toMatchObject({ username: 'shared', regionCode: '650109', roles: ['officer'] });
    const onChild = await childMe(cookie);
    expect(onChild.status).toBe(200);
    expect(await onChild.json()).toMatchObject({ username: 'shared', regionCode: '650109' });
  });

  it('ends the session everywhere when logged out on the second app', async () => {
    const cookie = await first.login('shared');
    expect((await me(first.app, cookie)).statusCode).toBe(200);
    expect((await childMe(cookie)).status).toBe(200);
    const out = await second.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie, origin: TEST_ORIGIN } });
    expect(out.statusCode).toBe(204);
    const onFirst = await me(first.app, cookie);
    expect(onFirst.statusCode).toBe(401);
    expect(onFirst.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
    const onChild = await childMe(cookie);
    expect(onChild.status).toBe(401);
    expect(await onChild.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
  });

  it('accepts a cookie issued by the OS process in-process, and a logout there ends it here', async () => {
    const login = await fetch(`${childBase}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'shared', password: TEST_PASSWORD }),
      signal: AbortSignal.timeout(5000),
    });
    expect(login.status).toBe(200);
    const token = /yinfeng_session=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')?.[1];
    expect(token).toBeTruthy();
    const cookie = `yinfeng_session=${token}`;
    expect((await me(first.app, cookie)).statusCode).toBe(200);
    expect((await me(second, cookie)).statusCode).toBe(200);
    // a browser sends Origin with a state-changing request (the CSRF check refuses a session without it)
    const out = await fetch(`${childBase}/api/auth/logout`, { method: 'POST', headers: { cookie, origin: childBase }, signal: AbortSignal.timeout(5000) });
    expect(out.status).toBe(204);
    expect((await me(first.app, cookie)).statusCode).toBe(401);
    expect((await me(second, cookie)).statusCode).toBe(401);
  });

  it('ends every session of a disabled account in all processes', async () => {
    await first.createAccount('shared_sys', ['sysadmin'], '650100');
    const victimId = await first.createAccount('shared_victim', ['officer'], '650109');
    const victim = await first.login('shared_victim');
    expect((await childMe(victim)).status).toBe(200);
    const sysCookie = await first.login('shared_sys');
    const disable = await fetch(`${childBase}/api/users/${victimId}/disable`, {
      method: 'POST',
      headers: { cookie: sysCookie, origin: childBase, 'content-type': 'application/json' },
      body: JSON.stringify({ reason: '调离' }),
      signal: AbortSignal.timeout(5000),
    });
    expect(disable.status).toBe(200);
    expect((await me(first.app, victim)).statusCode).toBe(401);
    expect((await me(second, victim)).statusCode).toBe(401);
    expect((await childMe(victim)).status).toBe(401);
  });
});
