/**
 * The security policy: environment defaults (config) overridden by what the security
 * administrator saved. Cached for a few seconds per process; every process re-reads it soon.
 */
import { securityPolicySchema } from '../../contracts/security';
import type { Db } from '../../db/client';
import { selectSetting, upsertSetting } from '../../db/queries/settings';
import { AppError } from '../../domain/app-error';
import { msg } from '../../domain/messages/catalog';
import type { SecurityPolicy } from '../../domain/password-policy';
import { recordAudit } from '../audit/audit';
import type { Caller, Deps } from '../context';

const KEY = 'security_policy';
const CACHE_MS = 5_000;


const cache = new WeakMap<Db, { at: number; policy: SecurityPolicy }>();

export async function getSecurityPolicy(deps: Deps): Promise<SecurityPolicy> {
  const hit = cache.get(deps.db);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.policy;
  const row = await selectSetting(deps.db, KEY);
  const stored = securityPolicySchema.partial().safeParse(row?.value ?? {});
  const policy: SecurityPolicy = { ...deps.config.policyDefaults, ...(stored.success ? stored.data : {}) };
  cache.set(deps.db, { at: Date.now(), policy });
  return policy;
}

export async function updateSecurityPolicy(
  deps: Deps,
  caller: Caller,
  next: SecurityPolicy,
  reason: string,
): Promise<SecurityPolicy> {
  if (!reason.trim()) throw new AppError('VALIDATION', msg('policy.reasonRequired'), [{ field: 'reason', message: msg('user.required') }]);
  const before = await getSecurityPolicy(deps);
  await deps.db.transaction(async (tx) => {
    await upsertSetting(tx, KEY, next);
    await recordAudit(tx, caller, {
      action: 'security.policy.update',
      objectType: 'securityPolicy',
      objectId: KEY,
      before,
      after: next,
      reason,
    });
  });
  cache.delete(deps.db);
  return getSecurityPolicy(deps);
}
