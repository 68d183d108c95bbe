/**
 * User accounts within the caller's region scope. The system administrator manages accounts; the
 * security administrator grants roles and unlocks; every change is audited with before and after.
 */
import type { AuditAction } from '../../domain/audit-actions';
import { deleteUserSessions, insertUser, selectColleagues, selectLockedUsers, selectUserById, selectUserByUsername, selectUserPage, updateUserVersioned, type UserWithRegion } from '../../db/queries/accounts/users';
import { AppError } from '../../domain/app-error';
import { msg, type Message } from '../../domain/messages/catalog';
import { checkPasswordMessage } from '../../domain/password-policy';
import { isPathWithin } from '../../domain/region-scope';
import { checkRoleSetMessage, isAdminAccount, type Role } from '../../domain/roles';
import { deleteUserLoginDevices } from '../../db/queries/accounts/login-security';
import { enrolWithSecret, resetUserFactor } from './second-factor';
import { recordAudit } from '../audit/audit';
import type { Caller, Deps } from '../context';
import { hashPassword } from './passwords';
import { recordOutOfScope, requireRegionInScope } from '../regions';
import { getSecurityPolicy } from './security-policy';
import { handOverOpenClauses } from '../commitments/successors';
import type { Db } from '../../db/client';

export interface UserDto {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  regionCode: string;
  regionName: string;
  status: 'active' | 'disabled';
  lockedUntil: string | null;
  failedLoginCount: number;
  mustChangePassword: boolean;
  lastLoginAt: string | null;
  createdAt: string;
  version: number;
}

export function toUserDto(u: UserWithRegion): UserDto {
  const locked = u.lockedUntil && u.lockedUntil.getTime() > Date.now() ? u.lockedUntil.toISOString() : null;
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    roles: u.roles,
    regionCode: u.regionCode,
    regionName: u.regionName,
    status: u.status,
    lockedUntil: locked,
    failedLoginCount: u.failedLoginCount,
    mustChangePassword: u.mustChangePassword,
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    createdAt: u.createdAt.toISOString(),
    version: u.version,
  };
}

/** What the audit row shows of an account: never the password hash. */
function toAuditView(u: UserWithRegion) {
  const { passwordHash: _hash, regionPath: _path, ...rest } = u;
  return rest;
}

const NOT_FOUND = msg('user.notFound');

/**
 * 三权分立 for accounts: an administrator account's password, status and details are managed by the
 * security administrator only (so the system administrator can't reset the secadmin's password and
 * sign in as them, nor disable the auditor), and business accounts by the system administrator.
 * The CLI operator (every permission) may do both.
 */
function requireAccountManager(caller: Caller, user: UserWithRegion, what: Message) {
  const perms = caller.actor.permissions;
  if (isAdminAccount(user.roles) && !perms.includes('security.manage')) {
    throw new AppError('FORBIDDEN', msg('user.adminOnlyBySecadmin', { what }));
  }
  if (!isAdminAccount(user.roles) && !perms.includes('users.manage')) {
    throw new AppError('FORBIDDEN', msg('user.businessBySysadmin', { what }));
  }
}

export async function requireUserInScope(deps: Deps, caller: Caller, id: string): Promise<UserWithRegion> {
  const user = /^[0-9a-f-]{36}$/i.test(id) ? await selectUserById(deps.db, id) : undefined;
  if (!user || !isPathWithin(caller.actor.regionPath, user.regionPath)) {
    if (user) await recordOutOfScope(deps, caller, 'user', id);
    throw new AppError('NOT_FOUND', NOT_FOUND);
  }
  return user;
}

function requireReason(reason: string | undefined, action: Message): string {
  const r = reason?.trim() ?? '';
  if (!r) throw new AppError('VALIDATION', msg('user.reasonRequired', { action }), [{ field: 'reason', message: msg('user.required') }]);
  return r;
}

function checkUsername(username: string): string {
  const u = username.trim();
  if (!/^[A-Za-z][A-Za-z0-9_.-]{2,31}$/.test(u)) {
    throw new AppError('VALIDATION', msg('user.usernameInvalid', { username }), [
      { field: 'username', message: msg('user.usernameInvalidShort') },
    ]);
  }
  return u;
}

export interface UserListQuery {
  q?: string;
  regionCode?: string;
  status?: 'active' | 'disabled' | 'locked';
  role?: string;
  page: number;
  pageSize: number;
}

export async function listUsers(deps: Deps, caller: Caller, q: UserListQuery) {
  if (q.regionCode) await requireRegionInScope(deps, caller, q.regionCode);
  const { rows, total } = await selectUserPage(deps.db, {
    scopePath: caller.actor.regionPath,
    q: q.q?.trim() || undefined,
    regionCode: q.regionCode,
    status: q.status,
    role: q.role,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  return { items: rows.map(toUserDto), total };
}

export async function getUser(deps: Deps, caller: Caller, id: string): Promise<UserDto> {
  return toUserDto(await requireUserInScope(deps, caller, id));
}

export interface CreateUserInput {
  username: string;
  displayName: string;
  regionCode: string;
  password: string;
  /** only the CLI operator or a security administrator may set roles at creation */
  roles?: string[];
  mustChangePassword?: boolean;
  /** scripted set-up: enrol the second factor with this Base32 secret */
  totpSecret?: string;
  /** the demo seed only: its published password is allowed although it is on the common-password list */
  demoPassword?: boolean;
}

export async function createUser(deps: Deps, caller: Caller, input: CreateUserInput): Promise<UserDto> {
  const username = checkUsername(input.username);
  const displayName = input.displayName.trim();
  if (!displayName) throw new AppError('VALIDATION', msg('user.displayNameRequired'), [{ field: 'displayName', message: msg('user.required') }]);
  const roles = input.roles ?? [];
  if (roles.length > 0 && !caller.actor.permissions.includes('security.manage')) {
    throw new AppError('FORBIDDEN', msg('user.rolesBySecadmin'));
  }
  const roleProblem = checkRoleSetMessage(roles);
  if (roleProblem) throw new AppError('VALIDATION', roleProblem, [{ field: 'roles', message: roleProblem }]);
  const region = await requireRegionInScope(deps, caller, input.regionCode);
  const policy = await getSecurityPolicy(deps);
  const pwProblem = checkPasswordMessage(input.password, policy, username, { allowCommon: input.demoPassword === true });
  if (pwProblem) throw new AppError('VALIDATION', pwProblem, [{ field: 'password', message: pwProblem }]);
  if (await selectUserByUsername(deps.db, username)) {
    throw new AppError('CONFLICT', msg('user.usernameTaken', { username }), [{ field: 'username', message: msg('user.usernameTakenShort') }]);
  }
  const passwordHash = await hashPassword(input.password);
  return deps.db.transaction(async (tx) => {
    const row = await insertUser(tx, {
      username,
      displayName,
      regionCode: region.code,
      passwordHash,
      roles,
      mustChangePassword: input.mustChangePassword ?? true,
    });
    if (input.totpSecret !== undefined) await enrolWithSecret(tx, row.id, input.totpSecret);
    const created = await selectUserById(tx, row.id);
    if (!created) throw new Error('created user not found');
    await recordAudit(tx, caller, {
      action: 'user.create',
      objectType: 'user',
      objectId: row.id,
      regionCode: region.code,
      after: { ...toAuditView(created), ...(input.totpSecret !== undefined ? { totpEnrolled: true } : {}) },
    });
    return toUserDto(created);
  });
}

type UserChange = Parameters<typeof updateUserVersioned>[3];

/** Applies one audited change to an account in scope, with optimistic locking on `version`. */
async function changeUser(
  deps: Deps,
  caller: Caller,
  user: UserWithRegion,
  version: number,
  patch: UserChange,
  audit: { action: AuditAction; reason?: string },
  endSessions = false,
  alsoInTransaction?: (tx: Db) => Promise<unknown>,
): Promise<UserDto> {
  return deps.db.transaction(async (tx) => {
    const saved = await updateUserVersioned(tx, user.id, version, patch);
    if (!saved) throw new AppError('VERSION_CONFLICT', msg('user.versionConflict'));
    if (alsoInTransaction) await alsoInTransaction(tx);
    if (endSessions) await deleteUserSessions(tx, user.id);
    const after = await selectUserById(tx, user.id);
    if (!after) throw new Error('updated user not found');
    await recordAudit(tx, caller, {
      action: audit.action,
      objectType: 'user',
      objectId: user.id,
      regionCode: after.regionCode,
      before: toAuditView(user),
      after: toAuditView(after),
      reason: audit.reason ?? null,
    });
    return toUserDto(after);
  });
}

export async function updateUser(
  deps: Deps,
  caller: Caller,
  id: string,
  input: { displayName?: string; regionCode?: string; version: number },
): Promise<UserDto> {
  const user = await requireUserInScope(deps, caller, id);
  requireAccountManager(caller, user, msg('user.what.details'));
  const patch: UserChange = {};
  if (input.displayName !== undefined) {
    const name = input.displayName.trim();
    if (!name) throw new AppError('VALIDATION', msg('user.displayNameEmpty'), [{ field: 'displayName', message: msg('user.required') }]);
    patch.displayName = name;
  }
  let newRegionPath: string | null = null;
  if (input.regionCode !== undefined && input.regionCode !== user.regionCode) {
    const region = await requireRegionInScope(deps, caller, input.regionCode);
    patch.regionCode = region.code;
    newRegionPath = region.path;
  }
  // moving an account to another region ends its sessions: its scope changed; the commitments it no
  // longer covers move to their successors in the same transaction
  const handOver = newRegionPath === null ? undefined : (tx: Db) => handOverOpenClauses(deps, tx, caller, user, newRegionPath);
  return changeUser(deps, caller, user, input.version, patch, { action: 'user.update' }, patch.regionCode !== undefined, handOver);
}

export async function setUserStatus(deps: Deps, caller: Caller, id: string, status: 'active' | 'disabled', reason: string) {
  const user = await requireUserInScope(deps, caller, id);
  const why = requireReason(reason, status === 'disabled' ? msg('user.action.disable') : msg('user.action.enable'));
  if (user.id === caller.actor.id) throw new AppError('VALIDATION', status === 'disabled' ? msg('user.cannotDisableSelf') : msg('user.cannotEnableSelf'));
  requireAccountManager(caller, user, msg('user.what.status'));
  return changeUser(
    deps,
    caller,
    user,
    user.version,
    { status, ...(status === 'active' ? { failedLoginCount: 0, lockedUntil: null } : {}) },
    { action: status === 'disabled' ? 'user.disable' : 'user.enable', reason: why },
    status === 'disabled',
    // a disabled account's open commitments move to their successors (or the change is refused)
    status === 'disabled' ? (tx) => handOverOpenClauses(deps, tx, caller, user, null) : undefined,
  );
}

export async function resetUserPassword(deps: Deps, caller: Caller, id: string, newPassword: string, reason: string) {
  const user = await requireUserInScope(deps, caller, id);
  const why = requireReason(reason, msg('user.action.resetPassword'));
  if (user.id === caller.actor.id) throw new AppError('VALIDATION', msg('user.cannotResetOwnPassword'));
  requireAccountManager(caller, user, msg('user.what.password'));
  const problem = checkPasswordMessage(newPassword, await getSecurityPolicy(deps), user.username);
  if (problem) throw new AppError('VALIDATION', problem, [{ field: 'newPassword', message: problem }]);
  const passwordHash = await hashPassword(newPassword);
  return changeUser(
    deps,
    caller,
    user,
    user.version,
    { passwordHash, mustChangePassword: true, passwordChangedAt: new Date(), failedLoginCount: 0, lockedUntil: null },
    { action: 'user.password.reset', reason: why },
    true,
  ).then(async (dto) => {
    // browsers that knew the old password lose their standing
    await deleteUserLoginDevices(deps.db, user.id);
    return dto;
  });
}

/** The security administrator removes a user's second factor (lost phone): the user enrols again at next login. */
export async function resetUserSecondFactor(deps: Deps, caller: Caller, id: string, reason: string): Promise<UserDto> {
  const user = await requireUserInScope(deps, caller, id);
  const why = requireReason(reason, msg('user.action.resetTotp'));
  await resetUserFactor(deps, caller, user, why);
  return toUserDto((await selectUserById(deps.db, user.id)) ?? user);
}

export async function setUserRoles(deps: Deps, caller: Caller, id: string, roles: string[], reason: string) {
  const user = await requireUserInScope(deps, caller, id);
  const why = requireReason(reason, msg('user.action.grant'));
  if (user.id === caller.actor.id) throw new AppError('VALIDATION', msg('user.cannotChangeOwnRoles'));
  const problem = checkRoleSetMessage(roles);
  if (problem) throw new AppError('VALIDATION', problem, [{ field: 'roles', message: problem }]);
  return changeUser(deps, caller, user, user.version, { roles: roles as Role[] }, { action: 'user.roles.set', reason: why });
}

export async function unlockUser(deps: Deps, caller: Caller, id: string, reason: string) {
  const user = await requireUserInScope(deps, caller, id);
  const why = requireReason(reason, msg('user.action.unlock'));
  if (user.id === caller.actor.id) throw new AppError('VALIDATION', msg('user.cannotUnlockSelf'));
  return changeUser(deps, caller, user, user.version, { failedLoginCount: 0, lockedUntil: null }, { action: 'user.unlock', reason: why });
}

export async function listLockedUsers(deps: Deps, caller: Caller) {
  const rows = await selectLockedUsers(deps.db, caller.actor.regionPath);
  return rows.map(toUserDto);
}

/** Colleagues to pick as 包联领导 or 专班 members: business users only (administrators are not assignable). */
export async function listColleagues(deps: Deps, caller: Caller, q: { q?: string; role?: string }) {
  const rows = await selectColleagues(deps.db, caller.actor.regionPath, q.q?.trim() || undefined, q.role, 50);
  return rows
    .filter((r) => !r.roles.some((role) => ['sysadmin', 'secadmin', 'auditor'].includes(role)))
    .map((r) => ({ id: r.id, username: r.username, displayName: r.displayName, roles: r.roles, regionCode: r.regionCode, regionName: r.regionName }));
}
