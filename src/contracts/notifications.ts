/** 通知中心 (the header bell and /notifications): a user's own notifications. zod only. */
import { z } from 'zod';

export const notificationSchema = z.object({
  id: z.string(),
  /** redLight, problemOverdue, problemEscalated, serviceItemOverdue, serviceItemEscalated, followUpDue, followUpOverdue, returnDue, returnLate, digest, … */
  kind: z.string(),
  objectType: z.string(),
  objectId: z.string(),
  stateKey: z.string(),
  regionCode: z.string().nullable(),
  title: z.string(),
  body: z.string(),
  /** the web page of the object */
  link: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});

/** GET /api/notifications. */
export const notificationQuerySchema = z.object({
  status: z.enum(['all', 'unread', 'read']).default('all'),
  kind: z.string().regex(/^[a-zA-Z]{1,40}$/).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const notificationListSchema = z.object({ items: z.array(notificationSchema), total: z.number(), unread: z.number(), page: z.number(), pageSize: z.number() });

export const unreadCountSchema = z.object({ unread: z.number() });
export const readAllSchema = z.object({ updated: z.number(), unread: z.number() });
/** POST /api/notifications/run: what one run of the clocks raised. */
export const clockRunSchema = z.object({ today: z.string(), raised: z.record(z.string(), z.number()), followUpsScheduled: z.number(), digests: z.number() });

export type Notification = z.infer<typeof notificationSchema>;
export type NotificationQuery = z.input<typeof notificationQuerySchema>;
export type NotificationList = z.infer<typeof notificationListSchema>;
export type UnreadCount = z.infer<typeof unreadCountSchema>;
