/** The caller of an import-like CLI command: the machine operator, or a user's scope with --as. */
import os from 'node:os';
import type { Database } from '../../db/client';
import { selectUserByUsername } from '../../db/queries/accounts/users';
import { AppError } from '../../domain/app-error';
import { isRole, listPermissions, PERMISSION_LABELS, type Permission } from '../../domain/roles';
import { createSystemCaller, type Caller } from '../../services/context';

export async function buildImportCaller(
  database: Database,
  as: string | undefined,
  permission: Permission = 'imports.run',
): Promise<{ caller: Caller; extra: Record<string, unknown>; userId: string | null }> {
  const operator = createSystemCaller(os.userInfo().username);
  if (!as) return { caller: operator, extra: {}, userId: null };
  const user = await selectUserByUsername(database.db, as);
  if (!user || user.status !== 'active') throw new AppError('NOT_FOUND', `用户 ${as} 不存在或已停用`);
  const roles = user.roles.filter(isRole);
  const permissions = listPermissions(roles);
  if (!permissions.includes(permission)) throw new AppError('FORBIDDEN', `用户 ${user.username} 没有“${PERMISSION_LABELS[permission]}”权限`);
  return {
    caller: {
      ...operator,
      actor: {
        ...operator.actor,
        displayName: `${operator.actor.displayName} 代 ${user.displayName}`,
        roles,
        permissions,
        regionCode: user.regionCode,
        regionPath: user.regionPath,
      },
    },
    extra: { actingAs: user.username },
    userId: user.id,
  };
}
