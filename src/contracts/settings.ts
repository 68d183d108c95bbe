/**
 * The installation's settings pages (设置): 红绿灯规则, 先证后计, the working calendar's overrides, and the
 * pages' saved filters and the lights per leader. Response and request schemas of the routes and the
 * web's types; zod only. (报送日历 is in returns.ts, 安全策略 in security.ts.)
 */
import { z } from 'zod';
import { CONTRACT_MESSAGES, reasonSchema } from './common';

export const lightRulesSchema = z.object({
  noProgressYellowDays: z.number().int().min(1).max(3650),
  noProgressRedDays: z.number().int().min(1).max(3650),
  notStartedYellowDays: z.number().int().min(0).max(3650),
  notStartedRedDays: z.number().int().min(0).max(3650),
  overdueProblemIsRed: z.boolean(),
});
export type LightRules = z.infer<typeof lightRulesSchema>;
export const lightRulesBodySchema = lightRulesSchema.extend({ reason: reasonSchema });
export type LightRulesBody = z.input<typeof lightRulesBodySchema>;

/** The stages a change into which can require evidence (any but 线索). */
export const EVIDENCE_STAGES = ['negotiating', 'signed', 'started', 'operating', 'terminated'] as const;

export const evidencePolicySchema = z.object({
  stagesNeedingEvidence: z.array(z.enum(EVIDENCE_STAGES)).max(5),
  receiptNeedsEvidence: z.boolean(),
  receiptNeedsVerification: z.boolean(),
});
export type EvidencePolicy = z.infer<typeof evidencePolicySchema>;
export const evidencePolicyBodySchema = evidencePolicySchema.extend({ reason: reasonSchema });
export type EvidencePolicyBody = z.input<typeof evidencePolicyBodySchema>;

export const calendarOverrideSchema = z.object({ date: z.string(), kind: z.enum(['workday', 'holiday']), name: z.string() });
export type CalendarOverride = z.infer<typeof calendarOverrideSchema>;
export const calendarOverridesSchema = z.object({ officialLastYear: z.number(), items: z.array(calendarOverrideSchema) });
export type CalendarOverrides = z.infer<typeof calendarOverridesSchema>;
export const calendarOverrideBodySchema = z.object({ kind: calendarOverrideSchema.shape.kind, name: z.string().trim().min(1).max(30), reason: reasonSchema });
export type CalendarOverrideBody = z.input<typeof calendarOverrideBodySchema>;

export const leaderLightsSchema = z.object({ leaderId: z.string().nullable(), leaderName: z.string(), red: z.number(), yellow: z.number(), total: z.number() });
export type LeaderLights = z.infer<typeof leaderLightsSchema>;

export const savedFilterSchema = z.object({ id: z.string(), page: z.string(), name: z.string(), filter: z.record(z.string(), z.unknown()), createdAt: z.string() });
export type SavedFilter = z.infer<typeof savedFilterSchema>;
export const savedFilterPageSchema = z.string().regex(/^[a-z][a-zA-Z.-]{1,40}$/, CONTRACT_MESSAGES.savedFilterPage);
/** GET /api/saved-filters. */
export const savedFilterQuerySchema = z.object({ page: savedFilterPageSchema });
export type SavedFilterQuery = z.input<typeof savedFilterQuerySchema>;
export const savedFilterBodySchema = z.object({ page: savedFilterPageSchema, name: z.string().trim().min(1).max(40), filter: z.record(z.string(), z.unknown()) });
export type SavedFilterBody = z.input<typeof savedFilterBodySchema>;
