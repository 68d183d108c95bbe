/** Login limits (failures per address and user name), known browsers, and the second factor. */
import { and, asc, desc, eq, gt, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../../client';
import { auditLog, loginDevices, loginFailures, userRecoveryCodes, userTotp } from '../../schema/index';

// ---- failed attempts (sliding windows) --------------------------------------------------------

/** Records one attempt as a failure; returns its id so a success can take it back. */
export async function insertLoginFailure(db: Db, address: string, username: string): Promise<number> {
  const [row] = await db.insert(loginFailures).values({ address, username }).returning({ id: loginFailures.id });
  if (!row) throw new Error('insert login_failures returned nothing');
  return row.id;
}

export async function deleteLoginFailure(db: Db, id: number): Promise<void> {
  await db.delete(loginFailures).where(eq(loginFailures.id, id));
}

export interface WindowCount {
  /** failures in the window, counted up to limit + 1 */
  count: number;
  /** seconds until the window holds `limit` failures or fewer again (0 when it already does) */
  retryAfterSeconds: number;
}

async function countWindow(db: Db, column: typeof loginFailures.address | typeof loginFailures.username, value: string, windowMinutes: number, limit: number): Promise<WindowCount> {
  // only the newest limit + 1 rows matter, so the read stays small however hard a client hammers
  const rows = await db
    .select({ at: loginFailures.at })
    .from(loginFailures)
    .where(and(eq(column, value), gt(loginFailures.at, sql`now() - make_interval(mins => ${windowMinutes})`)))
    .orderBy(sql`${loginFailures.at} desc`)
    .limit(limit + 1);
  const boundary = rows[limit];
  const retryAfterSeconds = boundary ? Math.max(1, (boundary.at.getTime() + windowMinutes * 60_000 - Date.now()) / 1000) : 0;
  return { count: rows.length, retryAfterSeconds };
}

export function countAddressFailures(db: Db, address: string, windowMinutes: number, limit: number) {
  return countWindow(db, loginFailures.address, address, windowMinutes, limit);
}

export function countUsernameFailures(db: Db, username: string, windowMinutes: number, limit: number) {
  return countWindow(db, loginFailures.username, username, windowMinutes, limit);
}

/** Drops failures older than the longest window (called now and then by the login path). */
export async function deleteOldLoginFailures(db: Db, olderThanMinutes: number): Promise<void> {
  await db.delete(loginFailures).where(lt(loginFailures.at, sql`now() - make_interval(mins => ${olderThanMinutes})`));
}

// ---- known browsers -------------------------------------------------------------------------

export async function selectLoginDevice(db: Db, id: string) {
  const [row] = await db.select().from(loginDevices).where(eq(loginDevices.id, id));
  return row;
}

export async function upsertLoginDevice(db: Db, id: string, userId: string): Promise<void> {
  await db
    .insert(loginDevices)
    .values({ id, userId })
    .onConflictDoUpdate({ target: loginDevices.id, set: { failedCount: 0, lastUsedAt: sql`now()` } });
}

/** Counts a failure through a known browser; returns the new count. */
export async function incrementDeviceFailures(db: Db, id: string): Promise<number> {
  const [row] = await db
    .update(loginDevices)
    .set({ failedCount: sql`${loginDevices.failedCount} + 1` })
    .where(eq(loginDevices.id, id))
    .returning({ failedCount: loginDevices.failedCount });
  return row?.failedCount ?? 0;
}

export async function deleteLoginDevice(db: Db, id: string): Promise<void> {
  await db.delete(loginDevices).where(eq(loginDevices.id, id));
}

export async function deleteUserLoginDevices(db: Db, userId: string): Promise<void> {
  await db.delete(loginDevices).where(eq(loginDevices.userId, userId));
}

// ---- second factor --------------------------------------------------------------------------

export type UserTotpRow = typeof userTotp.$inferSelect;

export async function selectUserTotp(db: Db, userId: string): Promise<UserTotpRow | undefined> {
  const [row] = await db.select().from(userTotp).where(eq(userTotp.userId, userId));
  return row;
}

/** Starts (or restarts) an enrolment with a new secret; an enrolled factor is never overwritten here. */
export async function upsertPendingTotp(db: Db, userId: string, secret: string): Promise<boolean> {
  const rows = await db
    .insert(userTotp)
    .values({ userId, secret })
    .onConflictDoUpdate({ target: userTotp.userId, set: { secret, createdAt: sql`now()` }, setWhere: isNull(userTotp.confirmedAt) })
    .returning({ userId: userTotp.userId });
  return rows.length > 0;
}

export async function insertConfirmedTotp(db: Db, userId: string, secret: string): Promise<void> {
  await db.insert(userTotp).values({ userId, secret, confirmedAt: sql`now()` });
}

export async function confirmTotp(db: Db, userId: string, step: number): Promise<boolean> {
  const rows = await db
    .update(userTotp)
    .set({ confirmedAt: sql`now()`, lastStep: step })
    .where(and(eq(userTotp.userId, userId), isNull(userTotp.confirmedAt)))
    .returning({ userId: userTotp.userId });
  return rows.length > 0;
}

/** Accepts a time step once: true when it is later than every step accepted before (atomic, so two processes can't both accept it). */
export async function claimTotpStep(db: Db, userId: string, step: number): Promise<boolean> {
  const rows = await db
    .update(userTotp)
    .set({ lastStep: step })
    .where(and(eq(userTotp.userId, userId), sql`(${userTotp.lastStep} is null or ${userTotp.lastStep} < ${step})`))
    .returning({ userId: userTotp.userId });
  return rows.length > 0;
}

export async function deleteUserTotp(db: Db, userId: string): Promise<boolean> {
  const rows = await db.delete(userTotp).where(eq(userTotp.userId, userId)).returning({ userId: userTotp.userId });
  await db.delete(userRecoveryCodes).where(eq(userRecoveryCodes.userId, userId));
  return rows.length > 0;
}

export async function replaceRecoveryCodes(db: Db, userId: string, codeHashes: string[]): Promise<void> {
  await db.delete(userRecoveryCodes).where(eq(userRecoveryCodes.userId, userId));
  if (codeHashes.length > 0) await db.insert(userRecoveryCodes).values(codeHashes.map((codeHash) => ({ userId, codeHash })));
}

/** Uses a recovery code once: true when an unused code with this hash existed and is now spent. */
export async function spendRecoveryCode(db: Db, userId: string, codeHash: string): Promise<boolean> {
  const rows = await db
    .update(userRecoveryCodes)
    .set({ usedAt: sql`now()` })
    .where(and(eq(userRecoveryCodes.userId, userId), eq(userRecoveryCodes.codeHash, codeHash), isNull(userRecoveryCodes.usedAt)))
    .returning({ id: userRecoveryCodes.id });
  return rows.length > 0;
}

export async function countUnusedRecoveryCodes(db: Db, userId: string): Promise<number> {
  const rows = await db
    .select({ id: userRecoveryCodes.id })
    .from(userRecoveryCodes)
    .where(and(eq(userRecoveryCodes.userId, userId), isNull(userRecoveryCodes.usedAt)))
    .orderBy(asc(userRecoveryCodes.createdAt));
  return rows.length;
}

// ---- what happened to an account (for its owner) ---------------------------------------------

/** Security events on one account from the audit trail, newest first. */
export async function selectAccountEvents(db: Db, userId: string, actions: readonly string[], since: Date | null, limit: number) {
  const conditions = [eq(auditLog.objectType, 'user'), eq(auditLog.objectId, userId), inArray(auditLog.action, [...actions])];
  if (since) conditions.push(gt(auditLog.at, since));
  return db
    .select({
      at: auditLog.at,
      action: auditLog.action,
      outcome: auditLog.outcome,
      actorUsername: auditLog.actorUsername,
      actorId: auditLog.actorId,
      reason: auditLog.reason,
      clientIp: auditLog.clientIp,
      after: auditLog.after,
    })
    .from(auditLog)
    .where(and(...conditions))
    .orderBy(desc(auditLog.id))
    .limit(limit);
}
