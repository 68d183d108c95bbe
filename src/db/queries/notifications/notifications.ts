/** Notifications (通知中心): raising them once per recipient, object and state; a user's own list. */
import { and, count, desc, eq, isNull, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../../client';
import { notifications } from '../../schema/index';
import { selectRows } from '../sql-rows';

export type NotificationInsert = typeof notifications.$inferInsert;
export type NotificationRow = typeof notifications.$inferSelect;

/** Inserts the rows whose (recipient, object, state) is new; returns how many were new. */
export async function insertNewNotifications(db: Db, rows: NotificationInsert[]): Promise<number> {
  let added = 0;
  for (let i = 0; i < rows.length; i += 500) {
    const inserted = await db
      .insert(notifications)
      .values(rows.slice(i, i + 500))
      .onConflictDoNothing({ target: [notifications.recipientId, notifications.objectType, notifications.objectId, notifications.stateKey] })
      .returning({ id: notifications.id });
    added += inserted.length;
  }
  return added;
}

export async function selectNotificationPage(db: Db, recipientId: string, f: { status: 'all' | 'unread' | 'read'; kind?: string; offset: number; limit: number }) {
  const conditions = [eq(notifications.recipientId, recipientId)];
  if (f.status === 'unread') conditions.push(isNull(notifications.readAt));
  if (f.status === 'read') conditions.push(isNotNull(notifications.readAt));
  if (f.kind) conditions.push(eq(notifications.kind, f.kind));
  const where = and(...conditions);
  const rows = await db
    .select()
    .from(notifications)
    .where(where)
    // unread first, newest first
    .orderBy(sql`${notifications.readAt} is not null`, desc(notifications.createdAt), desc(notifications.id))
    .offset(f.offset)
    .limit(f.limit);
  const [total] = await db.select({ n: count() }).from(notifications).where(where);
  return { rows, total: total?.n ?? 0 };
}

export async function countUnread(db: Db, recipientId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.recipientId, recipientId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/** Marks one of the recipient's notifications read; false when it is not theirs (or does not exist). */
export async function markNotificationRead(db: Db, recipientId: string, id: string): Promise<boolean> {
  const rows = await db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
    .where(and(eq(notifications.id, id), eq(notifications.recipientId, recipientId)))
    .returning({ id: notifications.id });
  return rows.length > 0;
}

export async function markAllNotificationsRead(db: Db, recipientId: string): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(and(eq(notifications.recipientId, recipientId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}

/** Per recipient, the unread notifications other than digests, counted by kind (for the daily digest). */
export async function selectUnreadByKind(db: Db): Promise<{ recipientId: string; kind: string; n: number }[]> {
  const rows = await selectRows<{ recipient_id: string; kind: string; n: string | number }>(
    db,
    sql`select n.recipient_id, n.kind, count(*) as n from notifications n join users u on u.id = n.recipient_id
        where n.read_at is null and n.kind <> 'digest' and u.status = 'active'
        group by n.recipient_id, n.kind order by n.recipient_id, n.kind`,
  );
  return rows.map((r) => ({ recipientId: r.recipient_id, kind: r.kind, n: Number(r.n) }));
}

/**
 * Active users holding one of `roles` whose home region lies on `regionPath` (the region and the regions
 * above it), with their region's path: the clocks pick the nearest level that has someone.
 */
export async function selectUsersOnPath(db: Db, regionPath: string, roles: readonly string[]): Promise<{ id: string; regionPath: string }[]> {
  const codes = regionPath.split('/').filter(Boolean);
  if (codes.length === 0) return [];
  const rows = await selectRows<{ id: string; path: string }>(
    db,
    sql`select u.id, r.path from users u join regions r on r.code = u.region_code
        where u.status = 'active' and u.roles && array[${sql.join(roles.map((r) => sql`${r}`), sql`, `)}]::text[]
          and u.region_code in (${sql.join(codes.map((c) => sql`${c}`), sql`, `)})
        order by u.id`,
  );
  return rows.map((r) => ({ id: r.id, regionPath: r.path }));
}

/** Active users by id with their home region's path (to check a recipient's scope). */
export async function selectActiveUserPaths(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await selectRows<{ id: string; path: string }>(
    db,
    sql`select u.id, r.path from users u join regions r on r.code = u.region_code
        where u.status = 'active' and u.id in (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)})`,
  );
  return new Map(rows.map((r) => [r.id, r.path]));
}
