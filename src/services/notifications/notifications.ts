/**
 * A user's own notifications (通知中心 and the header bell): listed unread first, counted, marked
 * read. Every function works on the caller's own rows only; another user's notification is "not
 * found". Reading a notification changes no business data, so it is not audited.
 */
import {
  countUnread,
  markAllNotificationsRead,
  markNotificationRead,
  selectNotificationPage,
  type NotificationRow,
} from '../../db/queries/notifications/notifications';
import { AppError } from '../../domain/app-error';
import { msg } from '../../domain/messages/catalog';
import { recordAudit } from '../audit/audit';
import type { Caller, Deps } from '../context';
import { runNotificationClocks } from './run-clocks';

function requireUserId(caller: Caller): string {
  if (!caller.actor.id) throw new AppError('NOT_FOUND', msg('notification.notFound'));
  return caller.actor.id;
}

function toNotificationDto(n: NotificationRow) {
  return {
    id: n.id,
    kind: n.kind,
    objectType: n.objectType,
    objectId: n.objectId,
    stateKey: n.stateKey,
    regionCode: n.regionCode,
    title: n.title,
    body: n.body,
    link: n.link,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt?.toISOString() ?? null,
  };
}

export async function listMyNotifications(deps: Deps, caller: Caller, q: { status?: 'all' | 'unread' | 'read'; kind?: string; page?: number; pageSize?: number }) {
  const userId = requireUserId(caller);
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  const { rows, total } = await selectNotificationPage(deps.db, userId, { status: q.status ?? 'all', kind: q.kind, offset: (page - 1) * pageSize, limit: pageSize });
  return { items: rows.map(toNotificationDto), total, unread: await countUnread(deps.db, userId), page, pageSize };
}

export async function countMyUnread(deps: Deps, caller: Caller) {
  return { unread: await countUnread(deps.db, requireUserId(caller)) };
}

export async function markMyNotificationRead(deps: Deps, caller: Caller, id: string) {
  const userId = requireUserId(caller);
  if (!(await markNotificationRead(deps.db, userId, id))) throw new AppError('NOT_FOUND', msg('notification.notFound'));
  return { unread: await countUnread(deps.db, userId) };
}

export async function markAllMyNotificationsRead(deps: Deps, caller: Caller) {
  const userId = requireUserId(caller);
  return { updated: await markAllNotificationsRead(deps.db, userId), unread: 0 };
}

/** Runs the clocks now (an administrator after changing the settings); audited with what it raised. */
export async function runClocksNow(deps: Deps, caller: Caller) {
  const result = await runNotificationClocks(deps);
  await recordAudit(deps.db, caller, { action: 'notifications.run', objectType: 'settings', objectId: 'notification-clocks', after: result });
  return result;
}
