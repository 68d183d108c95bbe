/** 安商稳商: follow-up visits (回访) of landed projects, investor signals, the aftercare list and its settings. zod only. */
import { z } from 'zod';
import { CONTRACT_MESSAGES, dateSchema, reasonSchema, regionCodeSchema } from './common';
import { problemSchema } from './project-records';

export const RED_FLAG_KEYS = ['expansion', 'contraction', 'movingOut', 'dispute', 'unpaidCommitment'] as const;

export const aftercareSettingsSchema = z.object({
  followUpMonths: z.array(z.number()).max(24),
  escalationWorkingDays: z.number(),
  dueSoonWorkingDays: z.number(),
});
export const aftercareSettingsBodySchema = aftercareSettingsSchema.extend({ reason: reasonSchema });

export const signalsSchema = z.object({
  risk: z.enum(['high', 'watch', 'none']),
  riskReasons: z.array(z.string()),
  expansion: z.boolean(),
  expansionReasons: z.array(z.string()),
});

export const followUpSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  scheduleMonth: z.number().nullable(),
  dueDate: z.string(),
  doneOn: z.string().nullable(),
  visitorName: z.string().nullable(),
  findings: z.string().nullable(),
  redFlags: z.array(z.enum(RED_FLAG_KEYS)),
  notes: z.string().nullable(),
  /** not done and past its due date */
  overdue: z.boolean(),
  problems: z.array(problemSchema),
  version: z.number(),
});

export const projectFollowUpsSchema = z.object({ items: z.array(followUpSchema), signals: signalsSchema });

/** POST /api/projects/:id/follow-ups: an extra visit outside the schedule. */
export const newFollowUpBodySchema = z.object({ dueDate: dateSchema });

const followUpProblemSchema = z.object({
  description: z.string().trim().min(1, CONTRACT_MESSAGES.problemDescription).max(2000),
  ownerName: z.string().trim().min(1, CONTRACT_MESSAGES.problemOwner).max(60),
  dueDate: dateSchema,
});

/** PATCH /api/follow-ups/:id: record the visit (or correct it); problems given are added to the problem list. */
export const followUpRecordBodySchema = z.object({
  doneOn: dateSchema,
  visitorName: z.string().trim().min(1).max(60),
  findings: z.string().trim().max(4000),
  redFlags: z.array(z.enum(RED_FLAG_KEYS)).max(5).default([]),
  notes: z.string().trim().max(4000).nullable().optional(),
  problems: z.array(followUpProblemSchema).max(20).default([]),
  version: z.number().int(),
});
export type FollowUpRecordBody = z.input<typeof followUpRecordBodySchema>;

/** GET /api/aftercare. */
export const aftercareQuerySchema = z.object({
  regionCode: regionCodeSchema.optional(),
  q: z.string().trim().max(60).optional(),
  clock: z.enum(['overdue', 'dueSoon']).optional(),
  risk: z.enum(['high', 'watch', 'any']).optional(),
  expansion: z.enum(['true']).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type AftercareQuery = z.infer<typeof aftercareQuerySchema>;

export const aftercareItemSchema = z.object({
  projectId: z.string(),
  code: z.string(),
  name: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  investorName: z.string().nullable(),
  leaderName: z.string().nullable(),
  operatingDate: z.string().nullable(),
  nextDue: z.string().nullable(),
  overdue: z.number(),
  lastDone: z.string().nullable(),
  done: z.number(),
  signals: signalsSchema,
});
export const aftercareListSchema = z.object({ items: z.array(aftercareItemSchema), total: z.number(), page: z.number(), pageSize: z.number(), today: z.string() });
export type AftercareSettingsBody = z.input<typeof aftercareSettingsBodySchema>;
export type Signals = z.infer<typeof signalsSchema>;
export type FollowUp = z.infer<typeof followUpSchema>;
export type ProjectFollowUps = z.infer<typeof projectFollowUpsSchema>;
export type NewFollowUpBody = z.input<typeof newFollowUpBodySchema>;
export type AftercareQueryInput = z.input<typeof aftercareQuerySchema>;
export type AftercareList = z.infer<typeof aftercareListSchema>;
export type AftercareSettingsValue = z.infer<typeof aftercareSettingsSchema>;
export type RedFlagKey = (typeof RED_FLAG_KEYS)[number];
