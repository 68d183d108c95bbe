import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  accountEventSchema,
  currentPasswordBodySchema,
  loginBodySchema,
  loginResultSchema,
  meSchema,
  passwordChangeBodySchema,
  recoveryCodesSchema,
  totpConfirmBodySchema,
  totpEnrolmentSchema,
  totpStatusSchema,
  type Me,
} from '../../../contracts/auth';
import { AppError } from '../../../domain/app-error';
import { msg } from '../../../domain/messages/catalog';
import { listOwnAccountEvents } from '../../../services/accounts/account-events';
import { changeOwnPassword, login, logout, pendingAccountSetup, toActor } from '../../../services/accounts/auth';
import { confirmEnrolment, disableOwnFactor, getSecondFactorStatus, regenerateRecoveryCodes, startEnrolment } from '../../../services/accounts/second-factor';
import type { Deps } from '../../../services/context';
import type { UserWithRegion } from '../../../db/queries/accounts/users';
import { readMeta, requireCaller } from '../../access';
import { clearSessionCookie, setSessionCookie } from '../../plugins/access-guard';
import { requiresSecondFactor } from '../../../domain/roles';
import type { Config } from '../../../config/config';

function toMe(user: UserWithRegion, totpEnrolled: boolean): Me {
  const actor = toActor(user);
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: actor.roles[0] ?? null,
    roles: actor.roles,
    regionCode: user.regionCode,
    regionName: user.regionName,
    regionLevel: user.regionLevel,
    permissions: actor.permissions,
    mustChangePassword: user.mustChangePassword,
    totpEnrolled,
    totpRequired: requiresSecondFactor(actor.roles),
    setup: pendingAccountSetup(user, totpEnrolled),
  };
}

export async function authRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/auth/login',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: '登录：成功时设置会话 Cookie。已绑定动态口令的账号须同时提交 totp（6 位动态口令或恢复码），缺少或错误时返回 401 TOTP_REQUIRED；尝试过多时返回 429 与 Retry-After',
        body: loginBodySchema,
        response: { 200: loginResultSchema },
      },
    },
    async (request, reply) => {
      const result = await login(deps, readMeta(request), {
        username: request.body.username,
        password: request.body.password,
        totp: request.body.totp || undefined,
        deviceToken: request.cookies[DEVICE_COOKIE],
      });
      setSessionCookie(reply, request, deps.config, result.token, result.expiresAt);
      setDeviceCookie(reply, request, deps.config, result.deviceToken);
      const totpEnrolled = (await getSecondFactorStatus(deps, result.user)).enrolled;
      return { user: toMe(result.user, totpEnrolled), notice: result.notice };
    },
  );

  r.post(
    '/api/auth/logout',
    { config: { access: 'session', duringAccountSetup: true }, schema: { tags: ['auth'], summary: '退出登录，结束本会话' } },
    async (request, reply) => {
      await logout(deps, requireCaller(request), request.sessionToken ?? '');
      clearSessionCookie(reply);
      return reply.status(204).send();
    },
  );

  r.get(
    '/api/auth/me',
    { config: { access: 'session', duringAccountSetup: true }, schema: { tags: ['auth'], summary: '当前用户、角色、地区与权限', response: { 200: meSchema } } },
    async (request) => {
      const user = requireUser(request);
      return toMe(user, (await getSecondFactorStatus(deps, user)).enrolled);
    },
  );

  r.post(
    '/api/auth/password',
    {
      config: { access: 'session', duringAccountSetup: true },
      schema: {
        tags: ['auth'],
        summary: '修改自己的密码（其他会话随之结束）',
        body: passwordChangeBodySchema,
      },
    },
    async (request, reply) => {
      if (!request.currentUser || !request.sessionToken) throw new AppError('UNAUTHENTICATED', msg('auth.loginRequired'));
      await changeOwnPassword(
        deps,
        requireCaller(request),
        request.currentUser,
        request.body.currentPassword,
        request.body.newPassword,
        request.sessionToken,
      );
      return reply.status(204).send();
    },
  );

  r.get(
    '/api/auth/security-events',
    {
      config: { access: 'session' },
      schema: { tags: ['auth'], summary: '本人账号的安全事件（登录、锁定、解锁、重置密码或动态口令等，最近 30 条）', response: { 200: z.object({ items: z.array(accountEventSchema) }) } },
    },
    async (request) => ({ items: await listOwnAccountEvents(deps, requireUser(request)) }),
  );

  r.get(
    '/api/auth/totp',
    {
      config: { access: 'session', duringAccountSetup: true },
      schema: {
        tags: ['auth'],
        summary: '本人动态口令状态（不含密钥）',
        response: { 200: totpStatusSchema },
      },
    },
    async (request) => getSecondFactorStatus(deps, requireUser(request)),
  );

  r.post(
    '/api/auth/totp/enrolment',
    {
      config: { access: 'session', duringAccountSetup: true },
      schema: {
        tags: ['auth'],
        summary: '开始绑定动态口令：生成新密钥，返回 otpauth URI、二维码（SVG）与手动输入的密钥（仅绑定完成前可见）',
        response: { 200: totpEnrolmentSchema },
      },
    },
    async (request) => {
      requireNoPasswordChange(request);
      return startEnrolment(deps, requireCaller(request), requireUser(request));
    },
  );

  r.post(
    '/api/auth/totp/enrolment/confirm',
    {
      config: { access: 'session', duringAccountSetup: true },
      schema: {
        tags: ['auth'],
        summary: '完成绑定：提交验证器显示的动态口令；返回 10 个一次性恢复码（仅此一次）',
        body: totpConfirmBodySchema,
        response: { 200: recoveryCodesSchema },
      },
    },
    async (request) => {
      requireNoPasswordChange(request);
      return confirmEnrolment(deps, requireCaller(request), requireUser(request), request.body.code);
    },
  );

  r.post(
    '/api/auth/totp/recovery-codes',
    {
      config: { access: 'session' },
      schema: {
        tags: ['auth'],
        summary: '重新生成恢复码（旧恢复码作废），须输入当前密码',
        body: currentPasswordBodySchema,
        response: { 200: recoveryCodesSchema },
      },
    },
    async (request) => {
      return regenerateRecoveryCodes(deps, requireCaller(request), requireUser(request), request.body.password);
    },
  );

  r.delete(
    '/api/auth/totp',
    {
      config: { access: 'session' },
      schema: {
        tags: ['auth'],
        summary: '解除本人动态口令（仅限角色不要求动态口令的账号），须输入当前密码',
        body: currentPasswordBodySchema,
      },
    },
    async (request, reply) => {
      await disableOwnFactor(deps, requireCaller(request), requireUser(request), request.body.password);
      return reply.status(204).send();
    },
  );
}

/**
 * A browser that signed in to an account gets a device cookie (sent to the login route only): with
 * it the owner still gets in while strangers' failures keep the account locked (services/accounts/auth.ts).
 */
export const DEVICE_COOKIE = 'yinfeng_device';
const DEVICE_COOKIE_DAYS = 180;

function setDeviceCookie(reply: FastifyReply, request: FastifyRequest, config: Config, token: string) {
  const secure = config.cookieSecure === 'always' || (config.cookieSecure === 'auto' && request.protocol === 'https');
  reply.setCookie(DEVICE_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure, path: '/api/auth/login', maxAge: DEVICE_COOKIE_DAYS * 86_400 });
}

function requireUser(request: FastifyRequest): UserWithRegion {
  if (!request.currentUser) throw new AppError('UNAUTHENTICATED', msg('auth.loginRequired'));
  return request.currentUser;
}

/** Enrolment waits until a temporary password is changed (its holder may not be the owner). */
function requireNoPasswordChange(request: FastifyRequest) {
  if (requireUser(request).mustChangePassword) throw new AppError('PASSWORD_CHANGE_REQUIRED', msg('auth.passwordChangeBeforeTotp'));
}
