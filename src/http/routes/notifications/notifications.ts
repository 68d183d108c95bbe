/** 通知中心: the caller's own notifications (list, unread count for the bell, mark read). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { clockRunSchema, notificationListSchema, notificationQuerySchema, readAllSchema, unreadCountSchema } from '../../../contracts/notifications';
import type { Deps } from '../../../services/context';
import { countMyUnread, listMyNotifications, markAllMyNotificationsRead, markMyNotificationRead, runClocksNow } from '../../../services/notifications/notifications';
import { requireCaller } from '../../access';
import { idParams } from '../../schemas';

const tags = ['notifications'];

export async function notificationRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/notifications',
    { config: { access: 'session' }, schema: { tags, summary: '我的通知（未读在前，分页；可按已读/未读、类型筛选）', querystring: notificationQuerySchema, response: { 200: notificationListSchema } } },
    async (request) => listMyNotifications(deps, requireCaller(request), request.query),
  );
  r.get(
    '/api/notifications/unread-count',
    { config: { access: 'session' }, schema: { tags, summary: '我的未读通知数（页头铃铛）', response: { 200: unreadCountSchema } } },
    async (request) => countMyUnread(deps, requireCaller(request)),
  );
  r.post(
    '/api/notifications/:id/read',
    { config: { access: 'session' }, schema: { tags, summary: '标记一条通知为已读（只能是自己的）', params: idParams, response: { 200: unreadCountSchema } } },
    async (request) => markMyNotificationRead(deps, requireCaller(request), request.params.id),
  );
  r.post(
    '/api/notifications/read-all',
    { config: { access: 'session' }, schema: { tags, summary: '把我的通知全部标记为已读', response: { 200: readAllSchema } } },
    async (request) => markAllMyNotificationsRead(deps, requireCaller(request)),
  );
  r.post(
    '/api/notifications/run',
    {
      config: { access: 'settings.manage' },
      schema: { tags, summary: '立即运行一次提醒检查（通常每小时自动运行；改了回访与提醒设置后可立即生效）', response: { 200: clockRunSchema } },
    },
    async (request) => runClocksNow(deps, requireCaller(request)),
  );
}
