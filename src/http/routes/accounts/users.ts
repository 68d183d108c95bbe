import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../../services/context';
import { createUser, getUser, listColleagues, listUsers, resetUserPassword, resetUserSecondFactor, setUserRoles, setUserStatus, unlockUser, updateUser } from '../../../services/accounts/users';
import { requireCaller } from '../../access';
import { idParams } from '../../schemas';
import { reasonBodySchema } from '../../../contracts/common';
import { resetPasswordBodySchema } from '../../../contracts/security';
import { colleagueQuerySchema, colleagueSchema, newUserBodySchema, userChangeBodySchema, userPageSchema, userQuerySchema, userRolesBodySchema, userSchema } from '../../../contracts/users';

const tags = ['users'];

export async function userRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/users',
    {
      config: { access: 'users.read' },
      schema: {
        tags,
        summary: '用户列表（本地区及下级）',
        querystring: userQuerySchema,
        response: { 200: userPageSchema },
      },
    },
    async (request) => listUsers(deps, requireCaller(request), request.query),
  );

  r.get(
    '/api/colleagues',
    {
      config: { access: 'projects.read' },
      schema: {
        tags,
        summary: '可指派为包联领导或专班成员的同事（本地区上下级的业务用户，仅姓名与角色）',
        querystring: colleagueQuerySchema,
        response: { 200: z.object({ items: z.array(colleagueSchema) }) },
      },
    },
    async (request) => ({ items: await listColleagues(deps, requireCaller(request), request.query) }),
  );

  r.post(
    '/api/users',
    {
      config: { access: 'users.manage' },
      schema: {
        tags,
        summary: '新建用户（角色由安全管理员授予；首次登录须改密码）',
        body: newUserBodySchema,
        response: { 201: userSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await createUser(deps, requireCaller(request), request.body)),
  );

  r.get(
    '/api/users/:id',
    { config: { access: 'users.read' }, schema: { tags, summary: '用户详情', params: idParams, response: { 200: userSchema } } },
    async (request) => getUser(deps, requireCaller(request), request.params.id),
  );

  r.patch(
    '/api/users/:id',
    {
      config: { access: 'users.manage' },
      schema: {
        tags,
        summary: '修改用户（姓名、所属地区）；version 不是最新时返回 409；管理员账号只能由安全管理员管理（403）',
        params: idParams,
        body: userChangeBodySchema,
        response: { 200: userSchema },
      },
    },
    async (request) => updateUser(deps, requireCaller(request), request.params.id, request.body),
  );

  r.post(
    '/api/users/:id/disable',
    { config: { access: 'users.manage' }, schema: { tags, summary: '停用业务用户（结束其全部会话）；管理员账号由安全管理员停用（403）', params: idParams, body: reasonBodySchema, response: { 200: userSchema } } },
    async (request) => setUserStatus(deps, requireCaller(request), request.params.id, 'disabled', request.body.reason),
  );
  r.post(
    '/api/users/:id/enable',
    { config: { access: 'users.manage' }, schema: { tags, summary: '启用业务用户', params: idParams, body: reasonBodySchema, response: { 200: userSchema } } },
    async (request) => setUserStatus(deps, requireCaller(request), request.params.id, 'active', request.body.reason),
  );
  r.post(
    '/api/users/:id/reset-password',
    {
      config: { access: 'users.manage' },
      schema: {
        tags,
        summary: '重置业务用户的密码（用户登录后须先修改）；管理员账号由安全管理员重置（403）',
        params: idParams,
        body: resetPasswordBodySchema,
        response: { 200: userSchema },
      },
    },
    async (request) => resetUserPassword(deps, requireCaller(request), request.params.id, request.body.newPassword, request.body.reason),
  );
  r.put(
    '/api/users/:id/roles',
    {
      config: { access: 'security.manage' },
      schema: {
        tags,
        summary: '授予角色（三权分立：系统、安全、审计管理员互斥）',
        params: idParams,
        body: userRolesBodySchema,
        response: { 200: userSchema },
      },
    },
    async (request) => setUserRoles(deps, requireCaller(request), request.params.id, request.body.roles, request.body.reason),
  );
  r.post(
    '/api/users/:id/unlock',
    { config: { access: 'security.manage' }, schema: { tags, summary: '解锁因登录失败而锁定的账号', params: idParams, body: reasonBodySchema, response: { 200: userSchema } } },
    async (request) => unlockUser(deps, requireCaller(request), request.params.id, request.body.reason),
  );
  r.post(
    '/api/users/:id/second-factor/reset',
    {
      config: { access: 'security.manage' },
      schema: {
        tags,
        summary: '重置用户的动态口令（手机丢失等）：解除绑定、作废恢复码、结束其会话；用户下次登录重新绑定（不能重置自己的）',
        params: idParams,
        body: reasonBodySchema,
        response: { 200: userSchema },
      },
    },
    async (request) => resetUserSecondFactor(deps, requireCaller(request), request.params.id, request.body.reason),
  );
}
