/** 通知中心 (the header bell and /notifications): the answers' types come from the server's contract. */
import type { Notification, NotificationList, NotificationQuery, UnreadCount } from '../../../src/contracts/notifications';
import { api } from './client';

export type { Notification, NotificationList };

const seg = encodeURIComponent;
type ListQuery = Omit<NotificationQuery, 'page' | 'pageSize'> & { page?: number; pageSize?: number };

export const notificationsApi = {
  list: (query: ListQuery) => api.get<NotificationList>('/api/notifications', { ...query }),
  unreadCount: () => api.get<UnreadCount>('/api/notifications/unread-count', undefined, true),
  markRead: (id: string) => api.post<UnreadCount>(`/api/notifications/${seg(id)}/read`),
  markAllRead: () => api.post<{ updated: number; unread: number }>('/api/notifications/read-all'),
};
