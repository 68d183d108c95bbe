import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../domain/app-error';
import { changeOwnPassword, login, logout, toActor } from '../../services/auth';
import type { Deps } from '../../services/context';
import type { UserWithRegion } from '../../db/queries/users';
import { readMeta, requireCaller } from '../access';
import { clearSessionCookie, setSessionCookie } from '../plugins/access-guard';
import { regionLevelSchema } from '../schemas';

const meSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.string().nullable().describe('第一个角色'),
  roles: z.array(z.string()),
  regionCode: z.string(),
  regionName: z.string(),
  regionLevel: regionLevelSchema,
  permissions: z.array(z.string()),
  mustChangePassword: z.boolean(),
});

function toMe(user: UserWithRegion): z.infer<typeof meSchema> {
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
        summary: '登录：成功时设置会话 Cookie',
        body: z.object({ username: z.string().trim().min(1, '请输入用户名').max(64), password: z.string().min(1, '请输入密码').max(128) }),
        response: { 200: z.object({ user: meSchema }) },
      },
    },
    async (request, reply) => {
      const result = await login(deps, readMeta(request), request.body.username, request.body.password);
      setSessionCookie(reply, request, deps.config, result.token, result.expiresAt);
      return { user: toMe(result.user) };
    },
  );

  r.post(
    '/api/auth/logout',
    { config: { access: 'session' }, schema: { tags: ['auth'], summary: '退出登录，结束本会话' } },
    async (request, reply) => {
      await logout(deps, requireCaller(request), request.sessionToken ?? '');
      clearSessionCookie(reply);
      return reply.status(204).send();
    },
  );

  r.get(
    '/api/auth/me',
    { config: { access: 'session' }, schema: { tags: ['auth'], summary: '当前用户、角色、地区与权限', response: { 200: meSchema } } },
    async (request) => {
      if (!request.currentUser) throw new AppError('UNAUTHENTICATED', '请先登录');
      return toMe(request.currentUser);
    },
  );

  r.post(
    '/api/auth/password',
    {
      config: { access: 'session' },
      schema: {
        tags: ['auth'],
        summary: '修改自己的密码（其他会话随之结束）',
        body: z.object({ currentPassword: z.string().min(1).max(128), newPassword: z.string().min(1).max(128) }),
      },
    },
    async (request, reply) => {
      if (!request.currentUser || !request.sessionToken) throw new AppError('UNAUTHENTICATED', '请先登录');
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
}
