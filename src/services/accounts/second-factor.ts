/**
 * The second factor: TOTP (RFC 6238: SHA-1, 6 digits, 30 s, one step of clock drift either way)
 * with ten one-time recovery codes. Mandatory for the administrator roles (domain/roles.ts),
 * optional for the others. The secret is shown once, while enrolling; after that no API returns it.
 * A time step is accepted once per account (stored in user_totp.last_step), so a code seen by
 * someone else can't be replayed in the same window.
 */
import type { AuditAction } from '../../domain/audit-actions';
import { createHash } from 'node:crypto';
import * as OTPAuth from 'otpauth';
import QRCode from 'qrcode';
import {
  claimTotpStep,
  confirmTotp,
  countUnusedRecoveryCodes,
  deleteUserTotp,
  insertConfirmedTotp,
  replaceRecoveryCodes,
  selectUserTotp,
  spendRecoveryCode,
  upsertPendingTotp,
  type UserTotpRow,
} from '../../db/queries/accounts/login-security';
import { deleteUserSessions, type UserWithRegion } from '../../db/queries/accounts/users';
import type { Db } from '../../db/client';
import { AppError } from '../../domain/app-error';
import { msg } from '../../domain/messages/catalog';
import { requiresSecondFactor } from '../../domain/roles';
import { recordAudit } from '../audit/audit';
import type { Caller, Deps } from '../context';
import { verifyPassword } from './passwords';

// ASCII: the otpauth URI stays short (a sparse QR code) and every authenticator app shows it correctly
const ISSUER = 'Yinfeng';
const PERIOD = 30;
const DRIFT_STEPS = 1;
const RECOVERY_CODE_COUNT = 10;
/** A user row that never exists: lets an unknown user name run the same statements as a real one. */
export const NIL_USER_ID = '00000000-0000-0000-0000-000000000000';

function totpFor(secretBase32: string, label = 'yinfeng'): OTPAuth.TOTP {
  return new OTPAuth.TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: 6, period: PERIOD, secret: OTPAuth.Secret.fromBase32(secretBase32) });
}

/** A base32 secret is 16–64 characters of A–Z and 2–7 (spaces and '=' padding ignored). Returns it normalised or null. */
export function normaliseTotpSecret(input: string): string | null {
  const s = input.replace(/[\s=]/g, '').toUpperCase();
  return /^[A-Z2-7]{16,64}$/.test(s) ? s : null;
}

export function currentTotpStep(now = Date.now()): number {
  return Math.floor(now / 1000 / PERIOD);
}

/** The time step a 6-digit code belongs to (within the allowed drift), or null when it matches none. */
export function matchTotpStep(secretBase32: string, code: string, now = Date.now()): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totpFor(secretBase32).validate({ token: code, timestamp: now, window: DRIFT_STEPS });
  return delta === null ? null : currentTotpStep(now) + delta;
}

function hashRecoveryCode(code: string): string {
  return createHash('sha256').update(code.replace(/[\s-]/g, '').toLowerCase()).digest('hex');
}

/** Ten codes of 10 base32 characters (50 bits each), shown as xxxxx-xxxxx. */
function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const raw = new OTPAuth.Secret({ size: 7 }).base32.slice(0, 10).toLowerCase();
    return `${raw.slice(0, 5)}-${raw.slice(5)}`;
  });
}

export type SecondFactorCheck =
  | { kind: 'none' }
  | { kind: 'missing' }
  | { kind: 'wrong' }
  | { kind: 'totp'; step: number }
  | { kind: 'recovery'; codeHash: string };

/**
 * Checks a submitted code against a factor without spending it (login decides afterwards).
 * The same work runs whether or not the factor exists.
 */
export function checkSecondFactor(factor: UserTotpRow | undefined, code: string | undefined): SecondFactorCheck {
  const enrolled = Boolean(factor?.confirmedAt);
  const secret = factor?.secret ?? 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
  const trimmed = code?.replace(/\s/g, '') ?? '';
  const step = trimmed ? matchTotpStep(secret, trimmed) : null;
  if (!enrolled) return { kind: 'none' };
  if (!trimmed) return { kind: 'missing' };
  if (step !== null) return { kind: 'totp', step };
  if (/^[a-z2-7]{5}-?[a-z2-7]{5}$/i.test(trimmed)) return { kind: 'recovery', codeHash: hashRecoveryCode(trimmed) };
  return { kind: 'wrong' };
}

/** Spends a checked code: the TOTP step once (no replay), a recovery code once. False when already spent. */
export async function spendSecondFactor(db: Db, userId: string, check: SecondFactorCheck): Promise<boolean> {
  if (check.kind === 'totp') return claimTotpStep(db, userId, check.step);
  if (check.kind === 'recovery') return spendRecoveryCode(db, userId, check.codeHash);
  return check.kind === 'none';
}

export interface SecondFactorStatus {
  enrolled: boolean;
  required: boolean;
  enrolledAt: string | null;
  recoveryCodesLeft: number;
}

export async function getSecondFactorStatus(deps: Deps, user: UserWithRegion): Promise<SecondFactorStatus> {
  const factor = await selectUserTotp(deps.db, user.id);
  const enrolled = Boolean(factor?.confirmedAt);
  return {
    enrolled,
    required: requiresSecondFactor(user.roles),
    enrolledAt: factor?.confirmedAt?.toISOString() ?? null,
    recoveryCodesLeft: enrolled ? await countUnusedRecoveryCodes(deps.db, user.id) : 0,
  };
}

export interface EnrolmentStart {
  secret: string;
  otpauthUri: string;
  /** the otpauth URI as an SVG QR code */
  qrSvg: string;
}

/** Starts enrolment with a fresh secret (replacing an unfinished one). Refused when a factor is enrolled. */
export async function startEnrolment(deps: Deps, caller: Caller, user: UserWithRegion): Promise<EnrolmentStart> {
  const secret = new OTPAuth.Secret({ size: 20 }).base32;
  const started = await upsertPendingTotp(deps.db, user.id, secret);
  if (!started) throw new AppError('CONFLICT', msg('totp.alreadyEnrolledChange'));
  await recordAudit(deps.db, caller, { action: 'auth.totp.enrol.start', objectType: 'user', objectId: user.id, regionCode: user.regionCode });
  const otpauthUri = totpFor(secret, user.username).toString();
  const qrSvg = await QRCode.toString(otpauthUri, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
  return { secret, otpauthUri, qrSvg };
}

/** Finishes enrolment with the first code from the app; returns the recovery codes (shown once). */
export async function confirmEnrolment(deps: Deps, caller: Caller, user: UserWithRegion, code: string): Promise<{ recoveryCodes: string[] }> {
  const factor = await selectUserTotp(deps.db, user.id);
  if (!factor || factor.confirmedAt) throw new AppError('CONFLICT', factor ? msg('totp.alreadyEnrolled') : msg('totp.startFirst'));
  const step = matchTotpStep(factor.secret, code.replace(/\s/g, ''));
  if (step === null) {
    await recordAudit(deps.db, caller, { action: 'auth.totp.enrol', objectType: 'user', objectId: user.id, regionCode: user.regionCode, outcome: 'failure', after: { why: 'wrongCode' } });
    throw new AppError('VALIDATION', msg('totp.codeWrong'), [{ field: 'code', message: msg('totp.codeWrongShort') }]);
  }
  const recoveryCodes = newRecoveryCodes();
  await deps.db.transaction(async (tx) => {
    if (!(await confirmTotp(tx, user.id, step))) throw new AppError('CONFLICT', msg('totp.alreadyEnrolled'));
    await replaceRecoveryCodes(tx, user.id, recoveryCodes.map(hashRecoveryCode));
    await recordAudit(tx, caller, { action: 'auth.totp.enrol', objectType: 'user', objectId: user.id, regionCode: user.regionCode, after: { recoveryCodes: recoveryCodes.length } });
  });
  return { recoveryCodes };
}

async function requirePassword(deps: Deps, caller: Caller, user: UserWithRegion, password: string, action: AuditAction) {
  if (await verifyPassword(user.passwordHash, password)) return;
  await recordAudit(deps.db, caller, { action, objectType: 'user', objectId: user.id, regionCode: user.regionCode, outcome: 'failure', after: { why: 'wrongPassword' } });
  throw new AppError('VALIDATION', msg('auth.currentPasswordWrong'), [{ field: 'password', message: msg('auth.currentPasswordWrong') }]);
}

/** The owner turns the factor off (only where their roles don't require it), confirming with the password. */
export async function disableOwnFactor(deps: Deps, caller: Caller, user: UserWithRegion, password: string): Promise<void> {
  if (requiresSecondFactor(user.roles)) throw new AppError('FORBIDDEN', msg('totp.adminCannotRemove'));
  await requirePassword(deps, caller, user, password, 'auth.totp.disable');
  await deps.db.transaction(async (tx) => {
    if (!(await deleteUserTotp(tx, user.id))) throw new AppError('CONFLICT', msg('totp.notEnrolled'));
    await recordAudit(tx, caller, { action: 'auth.totp.disable', objectType: 'user', objectId: user.id, regionCode: user.regionCode });
  });
}

/** New recovery codes (the old ones stop working), confirming with the password. */
export async function regenerateRecoveryCodes(deps: Deps, caller: Caller, user: UserWithRegion, password: string): Promise<{ recoveryCodes: string[] }> {
  await requirePassword(deps, caller, user, password, 'auth.totp.recovery.regenerate');
  const factor = await selectUserTotp(deps.db, user.id);
  if (!factor?.confirmedAt) throw new AppError('CONFLICT', msg('totp.notEnrolled'));
  const recoveryCodes = newRecoveryCodes();
  await deps.db.transaction(async (tx) => {
    await replaceRecoveryCodes(tx, user.id, recoveryCodes.map(hashRecoveryCode));
    await recordAudit(tx, caller, { action: 'auth.totp.recovery.regenerate', objectType: 'user', objectId: user.id, regionCode: user.regionCode });
  });
  return { recoveryCodes };
}

/** The security administrator (or the CLI operator) removes a user's factor: they enrol again at next login. */
export async function resetUserFactor(deps: Deps, caller: Caller, user: UserWithRegion, reason: string): Promise<void> {
  if (user.id === caller.actor.id) throw new AppError('FORBIDDEN', msg('totp.cannotResetOwn'));
  await deps.db.transaction(async (tx) => {
    const removed = await deleteUserTotp(tx, user.id);
    if (!removed) throw new AppError('CONFLICT', msg('totp.userNotEnrolled', { username: user.username }));
    await deleteUserSessions(tx, user.id);
    await recordAudit(tx, caller, { action: 'user.totp.reset', objectType: 'user', objectId: user.id, regionCode: user.regionCode, reason });
  });
}

/** Scripted set-up (CLI, seed, tests): the account gets a factor with a known secret, already confirmed. */
export async function enrolWithSecret(db: Db, userId: string, secretBase32: string): Promise<void> {
  const secret = normaliseTotpSecret(secretBase32);
  if (!secret) throw new AppError('VALIDATION', msg('totp.secretInvalid'), [{ field: 'totpSecret', message: msg('totp.secretInvalidShort') }]);
  await insertConfirmedTotp(db, userId, secret);
}

/** The current code of a secret (for scripts and tests that sign in as an enrolled account). */
export function generateTotpCode(secretBase32: string, now = Date.now()): string {
  return totpFor(secretBase32).generate({ timestamp: now });
}
