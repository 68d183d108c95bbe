/**
 * Login, sessions and logout. Sessions are rows in the database keyed by sha256 of a random
 * token (the token itself is only in the cookie), so several app processes accept the same cookie.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  deleteSession,
  deleteOtherSessions,
  incrementFailedLogins,
  insertSession,
  markLoginSucceeded,
  selectSessionWithUser,
  selectUserByUsername,
  touchSession,
  updateUserVersioned,
  type UserWithRegion,
} from '../db/queries/users';
import { AppError } from '../domain/app-error';
import { checkPassword } from '../domain/password-policy';
import { isRole, listPermissions, type Role } from '../domain/roles';
import { recordAnonymousAudit, recordAudit } from './audit';
import type { Actor, Caller, Deps, RequestMeta } from './context';
import { hashPassword, verifyAgainstDummy, verifyPassword } from './passwords';
import { getSecurityPolicy } from './security-policy';

/** One reply for every failed login, so nobody learns whether a user name exists or is locked. */
export const LOGIN_FAILED_MESSAGE = '用户名或密码错误，或账户已被临时锁定，请稍后再试';
const TOUCH_EVERY_MS = 60_000;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function toActor(user: UserWithRegion): Actor {
  const roles = user.roles.filter(isRole) as Role[];
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    roles,
    permissions: listPermissions(roles),
    regionCode: user.regionCode,
    regionPath: user.regionPath,
  };
}

export interface LoginResult {
  token: string;
  expiresAt: Date;
  user: UserWithRegion;
}

export async function login(deps: Deps, meta: RequestMeta, username: string, password: string): Promise<LoginResult> {
  const policy = await getSecurityPolicy(deps);
  const user = await selectUserByUsername(deps.db, username);
  const fail = async (why: string, regionCode: string | null, objectId: string | null) => {
    await recordAnonymousAudit(deps.db, meta, username.slice(0, 64), {
      action: 'auth.login',
      objectType: 'user',
      objectId,
      regionCode,
      after: { why },
      outcome: 'failure',
    });
    return new AppError('AUTH_FAILED', LOGIN_FAILED_MESSAGE);
  };
  if (!user) {
    await verifyAgainstDummy(password);
    throw await fail('unknownUser', null, null);
  }
  const ok = await verifyPassword(user.passwordHash, password);
  if (user.status !== 'active') throw await fail('disabled', user.regionCode, user.id);
  if (user.lockedUntil && user.lockedUntil.getTime() > Date.now()) throw await fail('locked', user.regionCode, user.id);
  if (!ok) {
    const counted = await incrementFailedLogins(deps.db, user.id, policy.maxFailedLogins, policy.lockMinutes);
    const lockedNow = counted?.lockedUntil && counted.lockedUntil.getTime() > Date.now();
    const err = await fail('wrongPassword', user.regionCode, user.id);
    if (lockedNow) {
      await recordAnonymousAudit(deps.db, meta, user.username, {
        action: 'auth.lock',
        objectType: 'user',
        objectId: user.id,
        regionCode: user.regionCode,
        after: { lockedUntil: counted.lockedUntil?.toISOString(), failedLogins: policy.maxFailedLogins },
        outcome: 'success',
      });
    }
    throw err;
  }
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + policy.sessionAbsoluteHours * 3600_000);
  await deps.db.transaction(async (tx) => {
    await markLoginSucceeded(tx, user.id);
    await insertSession(tx, {
      id: hashToken(token),
      userId: user.id,
      expiresAt,
      clientIp: meta.clientIp,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
    });
    await recordAudit(tx, { ...meta, actor: toActor(user) }, { action: 'auth.login', objectType: 'user', objectId: user.id, regionCode: user.regionCode });
  });
  return { token, expiresAt, user };
}

/** The signed-in user behind a session token, or null when the session is unknown, idle, expired or the account disabled. */
export async function resolveSession(deps: Deps, token: string): Promise<{ actor: Actor; user: UserWithRegion } | null> {
  if (!token || token.length > 100) return null;
  const id = hashToken(token);
  const found = await selectSessionWithUser(deps.db, id);
  if (!found) return null;
  const policy = await getSecurityPolicy(deps);
  const now = Date.now();
  const { session, user } = found;
  const idleDeadline = session.lastSeenAt.getTime() + policy.sessionIdleMinutes * 60_000;
  if (session.expiresAt.getTime() <= now || idleDeadline <= now || user.status !== 'active') {
    await deleteSession(deps.db, id);
    return null;
  }
  if (now - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) await touchSession(deps.db, id);
  return { actor: toActor(user), user };
}

export async function logout(deps: Deps, caller: Caller, token: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    await deleteSession(tx, hashToken(token));
    await recordAudit(tx, caller, { action: 'auth.logout', objectType: 'user', objectId: caller.actor.id });
  });
}

export async function changeOwnPassword(
  deps: Deps,
  caller: Caller,
  user: UserWithRegion,
  currentPassword: string,
  newPassword: string,
  keepSessionToken: string,
): Promise<void> {
  if (!(await verifyPassword(user.passwordHash, currentPassword))) {
    await recordAudit(deps.db, caller, {
      action: 'auth.password.change',
      objectType: 'user',
      objectId: user.id,
      outcome: 'failure',
      after: { why: 'wrongCurrentPassword' },
    });
    throw new AppError('VALIDATION', '当前密码不正确', [{ field: 'currentPassword', message: '当前密码不正确' }]);
  }
  const policy = await getSecurityPolicy(deps);
  const problem = checkPassword(newPassword, policy, user.username);
  if (problem) throw new AppError('VALIDATION', problem, [{ field: 'newPassword', message: problem }]);
  if (newPassword === currentPassword) {
    throw new AppError('VALIDATION', '新密码不能与当前密码相同', [{ field: 'newPassword', message: '与当前密码相同' }]);
  }
  const passwordHash = await hashPassword(newPassword);
  await deps.db.transaction(async (tx) => {
    const saved = await updateUserVersioned(tx, user.id, user.version, {
      passwordHash,
      mustChangePassword: false,
      passwordChangedAt: new Date(),
    });
    if (!saved) throw new AppError('VERSION_CONFLICT', '账户信息刚被修改，请重试');
    // other sessions of this user end; the current one stays
    await deleteOtherSessions(tx, user.id, hashToken(keepSessionToken));
    await recordAudit(tx, caller, { action: 'auth.password.change', objectType: 'user', objectId: user.id, regionCode: user.regionCode });
  });
}
