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
} from '../../db/queries/accounts/users';
import { AppError } from '../../domain/app-error';
import { msg, renderMessage } from '../../domain/messages/catalog';
import { checkPasswordMessage } from '../../domain/password-policy';
import { isRole, listPermissions, requiresSecondFactor, type Role } from '../../domain/roles';
import { recordAnonymousAudit, recordAudit } from '../audit/audit';
import type { Actor, Caller, Deps, RequestMeta } from '../context';
import { DEVICE_MAX_FAILURES } from '../../domain/login-limits';
import { deleteLoginDevice, incrementDeviceFailures, selectLoginDevice, selectUserTotp, upsertLoginDevice } from '../../db/queries/accounts/login-security';
import { readAccountNotice, type AccountNotice } from './account-events';
import { beginLoginAttempt, checkAccountLimit, settleSuccessfulAttempt } from './login-limits';
import { dummyPasswordHash, hashPassword, verifyPassword } from './passwords';
import { checkSecondFactor, NIL_USER_ID, spendSecondFactor } from './second-factor';
import { getSecurityPolicy } from './security-policy';

/** One reply for every failed login, so nobody learns whether a user name exists or is locked. */
export const LOGIN_FAILED_MESSAGE = renderMessage(msg('auth.loginFailed'), 'zh');
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

export interface LoginInput {
  username: string;
  password: string;
  /** a 6-digit TOTP code or a recovery code, for accounts with a second factor */
  totp?: string;
  /** the device cookie of this browser, if it has one */
  deviceToken?: string;
}

export interface LoginResult {
  token: string;
  expiresAt: Date;
  user: UserWithRegion;
  /** the device cookie to (re)set: this browser is now known to the account */
  deviceToken: string;
  /** what happened to the account since the previous login (locks, unlocks, resets, failures) */
  notice: AccountNotice;
}

/**
 * Login. Every branch runs the same statements and exactly one argon2 verification (an unknown
 * user name is checked against a dummy hash and a user id that never exists), so the reply time
 * does not tell whether the user exists, is locked or disabled, or has a second factor.
 * Order: rate limits (429) → password → second factor (401 TOTP_REQUIRED when missing or wrong,
 * whatever the password) → lock and status (401 AUTH_FAILED) → session.
 */
export async function login(deps: Deps, meta: RequestMeta, input: LoginInput): Promise<LoginResult> {
  const { username, password } = input;
  const policy = await getSecurityPolicy(deps);
  const attempt = await beginLoginAttempt(deps.db, meta.clientIp, username);
  const user = await selectUserByUsername(deps.db, username);
  const deviceId = input.deviceToken && input.deviceToken.length <= 100 ? hashToken(input.deviceToken) : null;
  const device = deviceId ? await selectLoginDevice(deps.db, deviceId) : undefined;
  const knownDevice = Boolean(device && user && device.userId === user.id);
  if (!knownDevice) await checkAccountLimit(deps.db, attempt);
  const passwordOk = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
  const factor = await selectUserTotp(deps.db, user?.id ?? NIL_USER_ID);
  const second = checkSecondFactor(factor, input.totp);
  const locked = Boolean(user?.lockedUntil && user.lockedUntil.getTime() > Date.now()) && !knownDevice;

  const fail = async (code: 'AUTH_FAILED' | 'TOTP_REQUIRED', why: string, countsTowardLock: boolean) => {
    // the same statements for every user name: an unknown one updates no row
    const counted = knownDevice || !countsTowardLock ? undefined : await incrementFailedLogins(deps.db, user?.id ?? NIL_USER_ID, policy.maxFailedLogins, policy.lockMinutes);
    if (knownDevice && deviceId && countsTowardLock && (await incrementDeviceFailures(deps.db, deviceId)) >= DEVICE_MAX_FAILURES) {
      await deleteLoginDevice(deps.db, deviceId);
    }
    await recordAnonymousAudit(deps.db, meta, username.slice(0, 64), {
      action: 'auth.login',
      objectType: 'user',
      objectId: user?.id ?? null,
      regionCode: user?.regionCode ?? null,
      after: { why, ...(knownDevice ? { knownDevice: true } : {}) },
      outcome: 'failure',
    });
    if (user && counted?.lockedUntil && counted.lockedUntil.getTime() > Date.now() && !locked) {
      await recordAnonymousAudit(deps.db, meta, user.username, {
        action: 'auth.lock',
        objectType: 'user',
        objectId: user.id,
        regionCode: user.regionCode,
        after: { lockedUntil: counted.lockedUntil.toISOString(), failedLogins: policy.maxFailedLogins },
        outcome: 'success',
      });
    }
    return code === 'TOTP_REQUIRED' ? new AppError('TOTP_REQUIRED', msg('auth.totpRequired')) : new AppError('AUTH_FAILED', msg('auth.loginFailed'));
  };

  // a missing or wrong code gets the same reply whatever the password, so the password can't be tested without the factor
  if (second.kind === 'missing') throw await fail('TOTP_REQUIRED', 'totpMissing', false);
  if (second.kind === 'wrong') throw await fail('TOTP_REQUIRED', 'totpWrong', true);
  if (!user) throw await fail('AUTH_FAILED', 'unknownUser', true);
  if (user.status !== 'active') throw await fail('AUTH_FAILED', 'disabled', false);
  if (locked) throw await fail('AUTH_FAILED', 'locked', false);
  if (!passwordOk) throw await fail('AUTH_FAILED', 'wrongPassword', true);
  if (!(await spendSecondFactor(deps.db, user.id, second))) throw await fail('TOTP_REQUIRED', second.kind === 'recovery' ? 'recoveryCodeWrong' : 'totpReplayed', true);

  const token = randomBytes(32).toString('base64url');
  const deviceToken = knownDevice && input.deviceToken ? input.deviceToken : randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + policy.sessionAbsoluteHours * 3600_000);
  const notice = await readAccountNotice(deps, user, user.lastLoginAt);
  await settleSuccessfulAttempt(deps.db, attempt);
  await deps.db.transaction(async (tx) => {
    await markLoginSucceeded(tx, user.id);
    await upsertLoginDevice(tx, hashToken(deviceToken), user.id);
    await insertSession(tx, {
      id: hashToken(token),
      userId: user.id,
      expiresAt,
      clientIp: meta.clientIp,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
    });
    await recordAudit(tx, { ...meta, actor: toActor(user) }, {
      action: 'auth.login',
      objectType: 'user',
      objectId: user.id,
      regionCode: user.regionCode,
      after: { secondFactor: second.kind === 'none' ? null : second.kind, ...(knownDevice ? { knownDevice: true } : {}) },
    });
  });
  return { token, expiresAt, user, deviceToken, notice };
}

/**
 * What a signed-in account must do before anything else: change a temporary password (set by an
 * administrator or at creation), then enrol the second factor its roles require. null when ready.
 */
export type AccountSetup = 'passwordChange' | 'totpEnrolment';

export function pendingAccountSetup(user: UserWithRegion, totpEnrolled: boolean): AccountSetup | null {
  if (user.mustChangePassword) return 'passwordChange';
  if (requiresSecondFactor(user.roles) && !totpEnrolled) return 'totpEnrolment';
  return null;
}

export interface ResolvedSession {
  actor: Actor;
  user: UserWithRegion;
  totpEnrolled: boolean;
  setup: AccountSetup | null;
}

/** The signed-in user behind a session token, or null when the session is unknown, idle, expired or the account disabled. */
export async function resolveSession(deps: Deps, token: string): Promise<ResolvedSession | null> {
  if (!token || token.length > 100) return null;
  const id = hashToken(token);
  const found = await selectSessionWithUser(deps.db, id);
  if (!found) return null;
  const policy = await getSecurityPolicy(deps);
  const now = Date.now();
  const { session, user, totpEnrolled } = found;
  const idleDeadline = session.lastSeenAt.getTime() + policy.sessionIdleMinutes * 60_000;
  if (session.expiresAt.getTime() <= now || idleDeadline <= now || user.status !== 'active') {
    await deleteSession(deps.db, id);
    return null;
  }
  if (now - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) await touchSession(deps.db, id);
  return { actor: toActor(user), user, totpEnrolled, setup: pendingAccountSetup(user, totpEnrolled) };
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
    throw new AppError('VALIDATION', msg('auth.currentPasswordWrong'), [{ field: 'currentPassword', message: msg('auth.currentPasswordWrong') }]);
  }
  const policy = await getSecurityPolicy(deps);
  const problem = checkPasswordMessage(newPassword, policy, user.username);
  if (problem) throw new AppError('VALIDATION', problem, [{ field: 'newPassword', message: problem }]);
  if (newPassword === currentPassword) {
    throw new AppError('VALIDATION', msg('auth.newPasswordSame'), [{ field: 'newPassword', message: msg('auth.newPasswordSameShort') }]);
  }
  const passwordHash = await hashPassword(newPassword);
  await deps.db.transaction(async (tx) => {
    const saved = await updateUserVersioned(tx, user.id, user.version, {
      passwordHash,
      mustChangePassword: false,
      passwordChangedAt: new Date(),
    });
    if (!saved) throw new AppError('VERSION_CONFLICT', msg('auth.accountChanged'));
    // other sessions of this user end; the current one stays
    await deleteOtherSessions(tx, user.id, hashToken(keepSessionToken));
    await recordAudit(tx, caller, { action: 'auth.password.change', objectType: 'user', objectId: user.id, regionCode: user.regionCode });
  });
}
