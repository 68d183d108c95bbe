/**
 * The daily digest (每日汇总): one notification per user and day summing up their unread
 * notifications by kind, instead of a message per item. Keyed by the day (object digest/<date>), so
 * raising it twice on one day adds nothing; a user with nothing unread gets none.
 */
import { insertNewNotifications, selectUnreadByKind, type NotificationInsert } from '../../db/queries/notifications/notifications';
import type { Deps } from '../context';
import { NOTIFICATION_KIND_LABELS } from './kind-labels';

export async function raiseDailyDigests(deps: Deps, today: string): Promise<number> {
  const byUser = new Map<string, { kind: string; n: number }[]>();
  for (const r of await selectUnreadByKind(deps.db)) byUser.set(r.recipientId, [...(byUser.get(r.recipientId) ?? []), r]);
  const rows: NotificationInsert[] = [];
  for (const [recipientId, kinds] of byUser) {
    const total = kinds.reduce((s, k) => s + k.n, 0);
    const parts = kinds.map((k) => `${NOTIFICATION_KIND_LABELS[k.kind] ?? k.kind} ${k.n} 条`);
    rows.push({
      recipientId,
      kind: 'digest',
      objectType: 'digest',
      objectId: today,
      stateKey: 'daily',
      regionCode: null,
      title: `每日汇总（${today}）：${total} 条未读提醒`,
      body: `${parts.join('，')}。`,
      link: '/notifications?status=unread',
    });
  }
  return insertNewNotifications(deps.db, rows);
}
