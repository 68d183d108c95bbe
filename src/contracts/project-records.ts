/**
 * The answers about a project's records: 到位资金 (receipts), 问题清单 (problems) and 帮办代办
 * (service items). Shared by the routes (response schemas) and the web (types); zod only.
 */
import { z } from 'zod';

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
