/**
 * Every /api route declares who may call it in `config.access`:
 *   'public'   — no session (health, login, docs),
 *   'session'  — any signed-in user,
 *   a Permission — a signed-in user whose roles grant it.
 * A route without a declaration stops the app from starting (see plugins/access-guard.ts).
 */
import type { FastifyRequest } from 'fastify';
import type { UserWithRegion } from '../db/queries/accounts/users';
import { AppError } from '../domain/app-error';
import { msg } from '../domain/messages/catalog';
import type { Permission } from '../domain/roles';
import type { Caller, RequestMeta } from '../services/context';
import { langOf } from './request-lang';

export type RouteAccess = 'public' | 'session' | Permission;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
    /** reachable while the account must still change its temporary password or enrol its second factor */
    duringAccountSetup?: boolean;
  }
  interface FastifyRequest {
    caller: Caller | null;
    currentUser: UserWithRegion | null;
    sessionToken: string | null;
  }
}

export function readMeta(request: FastifyRequest): RequestMeta {
  return {
    clientIp: request.ip ?? null,
    requestId: String(request.id),
    userAgent: request.headers['user-agent'] ?? null,
    lang: langOf(request),
  };
}

/** The signed-in caller; the access guard has already refused anonymous calls to non-public routes. */
export function requireCaller(request: FastifyRequest): Caller {
  if (!request.caller) throw new AppError('UNAUTHENTICATED', msg('auth.loginRequired'));
  return request.caller;
}
