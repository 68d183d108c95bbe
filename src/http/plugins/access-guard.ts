/**
 * Authorization impossible to forget: a root hook refuses to register an /api route without an
 * access declaration, and every request is checked against it before the handler runs.
 */
import '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config/config';
import { AppError } from '../../domain/app-error';
import { msg } from '../../domain/messages/catalog';
import { resolveSession } from '../../services/accounts/auth';
import { recordAudit } from '../../services/audit/audit';
import type { Deps } from '../../services/context';
import { readMeta, type RouteAccess } from '../access';

export const SESSION_COOKIE = 'yinfeng_session';

export interface DeclaredRoute {
  method: string;
  url: string;
  access: RouteAccess | undefined;
  /** 'replica' when the route's reads may come from a read replica (plugins/read-routing.ts) */
  reads: 'replica' | 'primary' | undefined;
}

const routeTables = new WeakMap<FastifyInstance, DeclaredRoute[]>();

/** Every route registered on the app with its access declaration (for the guard tests and docs). */
export function listDeclaredRoutes(app: FastifyInstance): DeclaredRoute[] {
  return [...(routeTables.get(app) ?? [])];
}

export function registerAccessGuard(app: FastifyInstance, deps: Deps): void {
  app.decorateRequest('caller', null);
  app.decorateRequest('currentUser', null);
  app.decorateRequest('sessionToken', null);

  const table: DeclaredRoute[] = [];
  routeTables.set(app, table);
  app.addHook('onRoute', (route) => {
    const methods = ([] as string[]).concat(route.method);
    if (route.url.startsWith('/api/docs') && !route.config?.access) route.config = { ...route.config, access: 'public' };
    for (const method of methods) table.push({ method, url: route.url, access: route.config?.access, reads: route.config?.reads });
    if (route.url.startsWith('/api') && !route.config?.access) {
      throw new Error(`路由 ${methods.join(',')} ${route.url} 没有声明访问权限 (config.access)`);
    }
    // everything the public may call lives under /api/public/ (issue 14): a route there is public, or it is a mistake
    if (route.url.startsWith('/api/public/') && route.config?.access !== 'public') {
      throw new Error(`路由 ${methods.join(',')} ${route.url} 位于 /api/public/ 之下，须声明 access: 'public'`);
    }
  });

  app.addHook('onRequest', async (request: FastifyRequest) => {
    const access = request.routeOptions.config.access;
    if (!access || access === 'public') return;
    const token = request.cookies[SESSION_COOKIE];
    const session = token ? await resolveSession(deps, token) : null;
    if (!session || !token) throw new AppError('UNAUTHENTICATED', msg('auth.sessionExpired'));
    request.caller = { ...readMeta(request), actor: session.actor };
    request.currentUser = session.user;
    request.sessionToken = token;
    // a temporary password or a missing mandatory second factor: only the set-up routes until done
    if (session.setup && !request.routeOptions.config.duringAccountSetup) {
      throw session.setup === 'passwordChange'
        ? new AppError('PASSWORD_CHANGE_REQUIRED', msg('auth.passwordChangeRequired'))
        : new AppError('TOTP_ENROLMENT_REQUIRED', msg('auth.totpEnrolmentRequired'));
    }
    if (access === 'session') return;
    if (!session.actor.permissions.includes(access)) {
      const route = `${request.method} ${request.routeOptions.url ?? request.url}`;
      await recordAudit(deps.db, request.caller, {
        action: 'access.denied',
        objectType: 'route',
        objectId: route,
        outcome: 'denied',
        after: { required: access },
      });
      throw new AppError('FORBIDDEN', msg('auth.forbidden', { permission: msg(`permission.${access}`) }));
    }
  });
}

export function setSessionCookie(reply: FastifyReply, request: FastifyRequest, config: Config, token: string, expiresAt: Date) {
  const secure = config.cookieSecure === 'always' || (config.cookieSecure === 'auto' && request.protocol === 'https');
  reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure, path: '/', expires: expiresAt });
}

export function clearSessionCookie(reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
