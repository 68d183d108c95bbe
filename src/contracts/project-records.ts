/**
 * The answers about a project's records: 到位资金 (receipts), 问题清单 (problems) and 帮办代办
 * (service items). Shared by the routes (response and request schemas) and the web (types); zod only.
 */
import { z } from 'zod';
import { CONTRACT_MESSAGES, dateSchema, monthSchema, reasonSchema, yuanSchema } from './common';

export const receiptSchema = z.object({
  counts: z.boolean().describe('按本系统“先证后计”设置，该笔是否计入统计'),
  countsWhy: z.string().nullable(),
  id: z.string(),
  projectId: z.string(),
  month: z.string(),
  amountYuan: z.number(),
  note: z.string().nullable(),
  /** who entered it: 核实 is offered only on receipts someone else entered (the server refuses one's own) */
  enteredById: z.string().nullable(),
  enteredByName: z.string().nullable(),
  enteredAt: z.string(),
  verifiedByName: z.string().nullable(),
  verifiedAt: z.string().nullable(),
  version: z.number(),
});
export type Receipt = z.infer<typeof receiptSchema>;

export const lockSchema = z
  .object({ regionName: z.string(), reopener: z.string(), message: z.string() })
  .nullable()
  .describe('该月已审核锁定时：锁定的月报所属地区、可重新开放的人及说明；未锁定为 null');

/** A receipt in the project's ledger: with the lock of its month. */
export const ledgerReceiptSchema = receiptSchema.extend({ lock: lockSchema });
export type LedgerReceipt = z.infer<typeof ledgerReceiptSchema>;

export const problemSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  description: z.string(),
  ownerName: z.string(),
  dueDate: z.string(),
  status: z.enum(['open', 'resolved']),
  resolution: z.string().nullable(),
  resolvedOn: z.string().nullable(),
  /** the follow-up visit (回访) that raised it, if any */
  followUpId: z.string().nullable(),
  overdue: z.boolean(),
  version: z.number(),
  createdAt: z.string(),
});
export type Problem = z.infer<typeof problemSchema>;

export const SERVICE_ITEM_TYPES = ['companyRegistration', 'projectFiling', 'land', 'planning', 'environmentalReview', 'powerWater', 'other'] as const;
export const serviceItemTypeSchema = z.enum(SERVICE_ITEM_TYPES);
export type ServiceItemType = z.infer<typeof serviceItemTypeSchema>;

export const serviceItemSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  type: serviceItemTypeSchema,
  title: z.string(),
  requester: z.string(),
  handlerName: z.string(),
  openedOn: z.string(),
  workingDays: z.number(),
  dueOn: z.string(),
  status: z.enum(['open', 'closed']),
  closedOn: z.string().nullable(),
  note: z.string().nullable(),
  elapsedWorkingDays: z.number(),
  remainingWorkingDays: z.number(),
  overdue: z.boolean(),
  version: z.number(),
});
export type ServiceItem = z.infer<typeof serviceItemSchema>;

export const serviceSummarySchema = z.object({
  regionCode: z.string(),
  regionName: z.string(),
  items: z.array(z.object({ code: z.string(), name: z.string(), open: z.number(), overdue: z.number(), closed: z.number(), closedLate: z.number() })),
});
export type ServiceSummary = z.infer<typeof serviceSummarySchema>;

// ——— requests: the routes validate with these, the web sends their input types ———

const version = z.number().int().min(1);

/** POST /api/projects/:id/receipts. */
export const newReceiptBodySchema = z.object({ month: monthSchema, amountYuan: yuanSchema, note: z.string().max(500).nullable().optional() });
export type NewReceiptBody = z.input<typeof newReceiptBodySchema>;

/** PATCH /api/receipts/:id. */
export const receiptCorrectionBodySchema = z.object({ amountYuan: yuanSchema, note: z.string().max(500).nullable().optional(), reason: reasonSchema, version });
export type ReceiptCorrectionBody = z.input<typeof receiptCorrectionBodySchema>;

/** POST /api/receipts/:id/verify (and other bodies that carry only the version read). */
export const versionBodySchema = z.object({ version });
export type VersionBody = z.input<typeof versionBodySchema>;

/** POST /api/projects/:id/problems. */
export const newProblemBodySchema = z.object({ description: z.string().trim().min(1, CONTRACT_MESSAGES.problemDescription).max(2000), ownerName: z.string().trim().min(1, CONTRACT_MESSAGES.problemOwner).max(60), dueDate: dateSchema });
export type NewProblemBody = z.input<typeof newProblemBodySchema>;

/** PATCH /api/problems/:id. */
export const problemChangeBodySchema = z.object({
  description: z.string().trim().min(1).max(2000).optional(),
  ownerName: z.string().trim().min(1).max(60).optional(),
  dueDate: dateSchema.optional(),
  status: z.enum(['open', 'resolved']).optional(),
  resolution: z.string().max(2000).nullable().optional(),
  version,
});
export type ProblemChangeBody = z.input<typeof problemChangeBodySchema>;

/** POST /api/projects/:id/service-items. */
export const newServiceItemBodySchema = z.object({
  type: serviceItemTypeSchema,
  title: z.string().trim().min(1, CONTRACT_MESSAGES.serviceTitle).max(200),
  requester: z.string().trim().min(1, CONTRACT_MESSAGES.serviceRequester).max(100),
  handlerName: z.string().trim().min(1, CONTRACT_MESSAGES.serviceHandler).max(60),
  openedOn: dateSchema.optional(),
  workingDays: z.number().int().min(1, CONTRACT_MESSAGES.workingDaysMin).max(250),
  note: z.string().max(1000).nullable().optional(),
});
export type NewServiceItemBody = z.input<typeof newServiceItemBodySchema>;

/** PATCH /api/service-items/:id. */
export const serviceItemChangeBodySchema = z.object({
  status: z.enum(['open', 'closed']).optional(),
  closedOn: dateSchema.optional(),
  handlerName: z.string().trim().min(1).max(60).optional(),
  note: z.string().max(1000).nullable().optional(),
  version,
});
export type ServiceItemChangeBody = z.input<typeof serviceItemChangeBodySchema>;
