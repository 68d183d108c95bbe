import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../../services/context';
import { getSecurityPolicy, updateSecurityPolicy } from '../../../services/accounts/security-policy';
import { listLockedUsers, resetUserPassword, setUserStatus } from '../../../services/accounts/users';
import { requireCaller } from '../../access';
import { idParams } from '../../schemas';
import { reasonBodySchema } from '../../../contracts/common';
import { resetPasswordBodySchema, securityPolicyBodySchema, securityPolicySchema } from '../../../contracts/security';
import { userSchema } from '../../../contracts/users';

const tags = ['security'];

export async function securityRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/security/policy',
    { config: { access: 'security.manage' }, schema: { tags, summary: '安全策略', response: { 200: securityPolicySchema } } },
    async () => getSecurityPolicy(deps),
  );
  r.put(
    '/api/security/policy',
    {
      config: { access: 'security.manage' },
      schema: { tags, summary: '修改安全策略', body: securityPolicyBodySchema, response: { 200: securityPolicySchema } },
    },
    async (request) => {
      const { reason, ...policy } = request.body;
      return updateSecurityPolicy(deps, requireCaller(request), policy, reason);
    },
  );
  r.get(
    '/api/security/locked-users',
    { config: { access: 'security.manage' }, schema: { tags, summary: '被锁定的账号', response: { 200: z.object({ items: z.array(userSchema) }) } } },
    async (request) => ({ items: await listLockedUsers(deps, requireCaller(request)) }),
  );

  // 三权分立: the administrator accounts' passwords and status belong to the security administrator
  r.post(
    '/api/security/users/:id/reset-password',
    {
      config: { access: 'security.manage' },
      schema: {
        tags,
        summary: '重置管理员账号的密码（用户登录后须先修改；不能重置自己的）',
        params: idParams,
        body: resetPasswordBodySchema,
        response: { 200: userSchema },
      },
    },
    async (request) => resetUserPassword(deps, requireCaller(request), request.params.id, request.body.newPassword, request.body.reason),
  );
  r.post(
    '/api/security/users/:id/disable',
    { config: { access: 'security.manage' }, schema: { tags, summary: '停用管理员账号（结束其全部会话；不能停用自己）', params: idParams, body: reasonBodySchema, response: { 200: userSchema } } },
    async (request) => setUserStatus(deps, requireCaller(request), request.params.id, 'disabled', request.body.reason),
  );
  r.post(
    '/api/security/users/:id/enable',
    { config: { access: 'security.manage' }, schema: { tags, summary: '启用管理员账号', params: idParams, body: reasonBodySchema, response: { 200: userSchema } } },
    async (request) => setUserStatus(deps, requireCaller(request), request.params.id, 'active', request.body.reason),
  );
}
