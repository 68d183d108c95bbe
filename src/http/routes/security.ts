import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../services/context';
import { getSecurityPolicy, securityPolicySchema, updateSecurityPolicy } from '../../services/security-policy';
import { listLockedUsers } from '../../services/users';
import { requireCaller } from '../access';
import { reasonSchema, userSchema } from '../schemas';

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
      schema: { tags, summary: '修改安全策略', body: securityPolicySchema.extend({ reason: reasonSchema }), response: { 200: securityPolicySchema } },
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
}
