import { and, asc, count, eq, gt, ilike, like, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../client';
import { regions, sessions, users, userTotp } from '../../schema/index';
import { escapeLike } from '../audit/audit';

export type UserRow = typeof users.$inferSelect;
export type UserInsert = typeof users.$inferInsert;

/** A user with the name and path of their home region. */
export interface UserWithRegion extends UserRow {
  regionName: string;
  regionLevel: 'province' | 'prefecture' | 'county' | 'park';
  regionPath: string;
}

const withRegion = {
  user: users,
  regionName: regions.name,
  regionLevel: regions.level,
  regionPath: regions.path,
};

function flatten(r: {
  user: UserRow;
  regionName: string;
  regionLevel: UserWithRegion['regionLevel'];
  regionPath: string;
}): UserWithRegion {
  return { ...r.user, regionName: r.regionName, regionLevel: r.regionLevel, regionPath: r.regionPath };
}

export async function selectUserById(db: Db, id: string): Promise<UserWithRegion | undefined> {
  const [row] = await db
    .select(withRegion)
    .from(users)
    .innerJoin(regions, eq(regions.code, users.regionCode))
    .where(eq(users.id, id));
  return row ? flatten(row) : undefined;
}

export async function selectUserByUsername(db: Db, username: string): Promise<UserWithRegion | undefined> {
  const [row] = await db
    .select(withRegion)
    .from(users)
    .innerJoin(regions, eq(regions.code, users.regionCode))
    .where(sql`lower(${users.username}) = lower(${username})`);
  return row ? flatten(row) : undefined;
}

export interface UserFilter {
  scopePath: string;
  q?: string;
  regionCode?: string;
  status?: 'active' | 'disabled' | 'locked';
  role?: string;
  limit: number;
  offset: number;
}

export async function selectUserPage(db: Db, f: UserFilter): Promise<{ rows: UserWithRegion[]; total: number }> {
  const conditions: SQL[] = [like(regions.path, `${f.scopePath}%`)];
  if (f.q) {
    const pattern = `%${escapeLike(f.q)}%`;
    conditions.push(or(ilike(users.username, pattern), ilike(users.displayName, pattern)) as SQL);
  }
  if (f.regionCode) {
    conditions.push(
      sql`${regions.path} like (select r.path from ${regions} r where r.code = ${f.regionCode}) || '%'`,
    );
  }
  if (f.status === 'locked') conditions.push(gt(users.lockedUntil, sql`now()`));
  else if (f.status) conditions.push(eq(users.status, f.status));
  if (f.role) conditions.push(sql`${f.role} = any(${users.roles})`);
  const where = and(...conditions);
  const rows = await db
    .select(withRegion)
    .from(users)
    .innerJoin(regions, eq(regions.code, users.regionCode))
    .where(where)
    .orderBy(asc(users.regionCode), asc(users.username))
    .limit(f.limit)
    .offset(f.offset);
  const [totalRow] = await db
    .select({ n: count() })
    .from(users)
    .innerJoin(regions, eq(regions.code, users.regionCode))
    .where(where);
  return { rows: rows.map(flatten), total: Number(totalRow?.n ?? 0) };
}

export async function insertUser(db: Db, row: UserInsert): Promise<UserRow> {
  const [created] = await db.insert(users).values(row).returning();
  if (!created) throw new Error('insert users returned nothing');
  return created;
}

type UserPatch = Partial<
  Pick<
    UserRow,
    | 'displayName'
    | 'regionCode'
    | 'status'
    | 'roles'
    | 'passwordHash'
    | 'mustChangePassword'
    | 'passwordChangedAt'
    | 'failedLoginCount'
    | 'lockedUntil'
  >
>;

/** Saves a change when `version` is still current; undefined means someone else saved first. */
export async function updateUserVersioned(db: Db, id: string, version: number, patch: UserPatch) {
  const [row] = await db
    .update(users)
    .set({ ...patch, version: sql`${users.version} + 1`, updatedAt: new Date() })
    .where(and(eq(users.id, id), eq(users.version, version)))
    .returning();
  return row;
}

/** Counts one failed login atomically; locks the account when the count reaches `max`. */
export async function incrementFailedLogins(db: Db, id: string, max: number, lockMinutes: number) {
  const [row] = await db
    .update(users)
    .set({
      failedLoginCount: sql`case when ${users.failedLoginCount} + 1 >= ${max} then 0 else ${users.failedLoginCount} + 1 end`,
      lockedUntil: sql`case when ${users.failedLoginCount} + 1 >= ${max} then now() + make_interval(mins => ${lockMinutes}) else ${users.lockedUntil} end`,
    })
    .where(eq(users.id, id))
    .returning({ failedLoginCount: users.failedLoginCount, lockedUntil: users.lockedUntil });
  return row;
}

export async function markLoginSucceeded(db: Db, id: string): Promise<void> {
  await db
    .update(users)
    .set({ failedLoginCount: 0, lockedUntil: null, lastLoginAt: sql`now()` })
    .where(eq(users.id, id));
}

export async function selectLockedUsers(db: Db, scopePath: string) {
  const rows = await db
    .select(withRegion)
    .from(users)
    .innerJoin(regions, eq(regions.code, users.regionCode))
    .where(and(like(regions.path, `${scopePath}%`), gt(users.lockedUntil, sql`now()`)))
    .orderBy(asc(users.username));
  return rows.map(flatten);
}

/**
 * Active colleagues a caller may assign to a project: users of the caller's subtree and of the
 * regions above it (a prefecture leader for a county project). Names and roles only.
 */
export async function selectColleagues(db: Db, scopePath: string, q: string | undefined, role: string | undefined, limit: number) {
  const ancestors = scopePath.split('/').filter(Boolean);
  const conditions: SQL[] = [
    eq(users.status, 'active'),
    or(like(regions.path, `${scopePath}%`), sql`${regions.code} = any(${sql.param(ancestors)}::text[])`) as SQL,
  ];
  if (q) {
    const pattern = `%${escapeLike(q)}%`;
    conditions.push(or(ilike(users.username, pattern), ilike(users.displayName, pattern)) as SQL);
  }
  if (role) conditions.push(sql`${role} = any(${users.roles})`);
  return db
    .select({ id: users.id, username: users.username, displayName: users.displayName, roles: users.roles, regionCode: users.regionCode, regionName: regions.name })
    .from(users)
    .innerJoin(regions, eq(regions.code, users.regionCode))
    .where(and(...conditions))
    .orderBy(asc(regions.path), asc(users.displayName))
    .limit(limit);
}

export async function countUsers(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(users);
  return Number(row?.n ?? 0);
}

// ---- sessions -------------------------------------------------------------------------------


export async function insertSession(db: Db, row: typeof sessions.$inferInsert): Promise<void> {
  await db.insert(sessions).values(row);
}

export async function selectSessionWithUser(db: Db, id: string) {
  const [row] = await db
    .select({ session: sessions, ...withRegion, totpConfirmedAt: userTotp.confirmedAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(regions, eq(regions.code, users.regionCode))
    .leftJoin(userTotp, eq(userTotp.userId, users.id))
    .where(eq(sessions.id, id));
  return row ? { session: row.session, user: flatten(row), totpEnrolled: row.totpConfirmedAt !== null } : undefined;
}

export async function touchSession(db: Db, id: string): Promise<void> {
  await db.update(sessions).set({ lastSeenAt: sql`now()` }).where(eq(sessions.id, id));
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, id));
}

export async function deleteUserSessions(db: Db, userId: string): Promise<number> {
  const rows = await db.delete(sessions).where(eq(sessions.userId, userId)).returning({ id: sessions.id });
  return rows.length;
}

export async function deleteOtherSessions(db: Db, userId: string, keepId: string): Promise<void> {
  await db.delete(sessions).where(and(eq(sessions.userId, userId), ne(sessions.id, keepId)));
}

export async function deleteExpiredSessions(db: Db, idleMinutes: number): Promise<void> {
  await db
    .delete(sessions)
    .where(
      or(
        lte(sessions.expiresAt, sql`now()`),
        lte(sessions.lastSeenAt, sql`now() - make_interval(mins => ${idleMinutes})`),
      ),
    );
}
