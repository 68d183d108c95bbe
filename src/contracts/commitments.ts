/** 政策承诺 (commitments): clauses, fulfilments, status changes, the region ledger, the 通报 list, statistics. zod only. */
import { z } from 'zod';
import { dateSchema, monthSchema, reasonSchema, regionCodeSchema, yuanSchema } from './common';

export const CLAUSE_TYPE_KEYS = ['subsidy', 'land', 'taxRefund', 'price', 'utility', 'service', 'other'] as const;
export const COMMITMENT_STATUS_KEYS = ['pending', 'due', 'fulfilled', 'partly', 'overdue', 'disputed', 'waived'] as const;
export const TRIGGER_KIND_KEYS = ['date', 'fundsReach', 'stageReached'] as const;
export const STATUS_ACTION_KEYS = ['dispute', 'waive', 'clear'] as const;

const text = (max: number) => z.string().trim().max(max);

const triggerSchema = z.object({
  kind: z.enum(TRIGGER_KIND_KEYS),
  dueDate: dateSchema.nullable().optional(),
  amountYuan: yuanSchema.nullable().optional(),
  stage: z.enum(['started', 'operating']).nullable().optional(),
  daysAfter: z.number().int().min(0).max(3660).default(0),
});

const obligationsBody = {
  obligationInvestmentYuan: yuanSchema.nullable().optional(),
  obligationOutputYuan: yuanSchema.nullable().optional(),
  obligationTaxesYuan: yuanSchema.nullable().optional(),
  obligationJobs: z.number().int().min(0).max(10_000_000).nullable().optional(),
  actualOutputYuan: yuanSchema.nullable().optional(),
  actualTaxesYuan: yuanSchema.nullable().optional(),
  actualJobs: z.number().int().min(0).max(10_000_000).nullable().optional(),
};

/** POST /api/projects/:id/commitments: a clause, recorded as a draft (not binding until agreed). */
export const newClauseBodySchema = z.object({
  clauseNo: text(40).nullable().optional(),
  type: z.enum(CLAUSE_TYPE_KEYS),
  title: text(200).min(1),
  content: text(4000).nullable().optional(),
  amountYuan: yuanSchema.nullable().optional(),
  conditions: text(4000).nullable().optional(),
  // optional, not .default(false): zod 4 would apply the default inside the PATCH schema's .partial() and clear it
  selective: z.boolean().optional(),
  policyBasis: text(500).nullable().optional(),
  trigger: triggerSchema,
  graceWorkingDays: z.number().int().min(0).max(250).optional(),
  responsibleDepartment: text(100).min(1),
  responsibleUserId: z.string().uuid(),
  ...obligationsBody,
});
export type NewClauseBody = z.input<typeof newClauseBodySchema>;

/** PATCH /api/commitments/:id: change a clause's terms; an agreed clause's change needs a reason. */
export const clauseChangeBodySchema = newClauseBodySchema
  .omit({ responsibleUserId: true, responsibleDepartment: true })
  .partial()
  .extend({ reason: reasonSchema.optional(), version: z.number().int() });
export type ClauseChangeBody = z.input<typeof clauseChangeBodySchema>;

export const versionedBodySchema = z.object({ version: z.number().int() });
export const reviewBodySchema = z.object({ decision: z.enum(['approved', 'rejected']), note: text(2000).min(1), version: z.number().int() });
export const statusBodySchema = z.object({ action: z.enum(STATUS_ACTION_KEYS), reason: reasonSchema, version: z.number().int() });
export const reassignBodySchema = z.object({
  responsibleUserId: z.string().uuid(),
  responsibleDepartment: text(100).min(1).optional(),
  reason: reasonSchema,
  version: z.number().int(),
});

/** POST /api/commitments/:id/fulfilments: what was fulfilled, when, with its evidence file (checked like any evidence). */
export const fulfilmentBodySchema = z.object({
  fulfilledOn: dateSchema,
  amountYuan: yuanSchema.nullable().optional(),
  complete: z.boolean().default(false),
  note: text(2000).nullable().optional(),
  evidence: z
    .object({ fileName: z.string().trim().min(1).max(200), contentBase64: z.string().min(1).describe('文件内容（base64）') })
    .nullable()
    .optional(),
});
export type FulfilmentBody = z.input<typeof fulfilmentBodySchema>;

export const fulfilmentSchema = z.object({
  id: z.string(),
  fulfilledOn: z.string(),
  amountYuan: z.number().nullable(),
  complete: z.boolean(),
  note: z.string().nullable(),
  evidenceFileId: z.string().nullable(),
  recordedByName: z.string(),
  recordedAt: z.string(),
});

export const historyEntrySchema = z.object({
  id: z.number(),
  event: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  detail: z.string().nullable(),
  reason: z.string().nullable(),
  actorName: z.string(),
  at: z.string(),
});

export const clauseComplaintSchema = z.object({
  id: z.string(),
  type: z.string(),
  stage: z.enum(['received', 'accepted', 'answered', 'closed']),
  receivedOn: z.string(),
  closeDueOn: z.string(),
  investorName: z.string(),
  excerpt: z.string(),
});

export const clauseSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  projectCode: z.string(),
  projectName: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  clauseNo: z.string().nullable(),
  type: z.enum(CLAUSE_TYPE_KEYS),
  title: z.string(),
  content: z.string().nullable(),
  amountYuan: z.number().nullable(),
  conditions: z.string().nullable(),
  selective: z.boolean(),
  policyBasis: z.string().nullable(),
  trigger: z.object({ kind: z.enum(TRIGGER_KIND_KEYS), dueDate: z.string().nullable(), amountYuan: z.number().nullable(), stage: z.string().nullable(), daysAfter: z.number() }),
  graceWorkingDays: z.number(),
  /** the resolved due date (a data trigger's once reached); null: not due yet */
  dueDate: z.string().nullable(),
  /** due date plus grace: overdue after it */
  deadline: z.string().nullable(),
  responsibleDepartment: z.string(),
  responsibleUserId: z.string(),
  responsibleName: z.string(),
  obligations: z.object({
    investmentYuan: z.object({ target: z.number().nullable(), actual: z.number().nullable() }),
    outputYuan: z.object({ target: z.number().nullable(), actual: z.number().nullable() }),
    taxesYuan: z.object({ target: z.number().nullable(), actual: z.number().nullable() }),
    jobs: z.object({ target: z.number().nullable(), actual: z.number().nullable() }),
    state: z.enum(['met', 'unmet', 'unknown']).nullable(),
  }),
  agreement: z.enum(['draft', 'agreed']),
  agreedOn: z.string().nullable(),
  reviewRequired: z.boolean(),
  reviewDecision: z.enum(['approved', 'rejected']).nullable(),
  reviewNote: z.string().nullable(),
  /** the latest submission for review (who, when): its submitter, like the clause's creator, cannot approve it; null in the region ledger */
  reviewSubmitted: z.object({ byName: z.string(), at: z.string() }).nullable(),
  status: z.enum(COMMITMENT_STATUS_KEYS),
  manualReason: z.string().nullable(),
  fulfilledYuan: z.number(),
  outstandingYuan: z.number().nullable(),
  fulfilledOn: z.string().nullable(),
  daysOverdue: z.number(),
  fulfilments: z.array(fulfilmentSchema),
  history: z.array(historyEntrySchema),
  /** the complaints naming the clause: masked name and excerpt, no contact */
  complaints: z.array(clauseComplaintSchema),
  version: z.number(),
});


export const ledgerQuerySchema = z.object({
  regionCode: regionCodeSchema.optional(),
  status: z.enum(COMMITMENT_STATUS_KEYS).optional(),
  type: z.enum(CLAUSE_TYPE_KEYS).optional(),
  department: z.string().trim().max(100).optional(),
  q: z.string().trim().max(100).optional(),
});

const forecastSchema = z.object({
  months: z.array(z.object({ month: z.string(), scheduledYuan: z.number(), estimatedYuan: z.number(), clauses: z.number() })),
  pastDueYuan: z.number(),
  pastDueClauses: z.number(),
  laterYuan: z.number(),
  unestimated: z.array(z.object({ id: z.string(), outstandingYuan: z.number() })),
});

export const ledgerSchema = z.object({
  regionCode: z.string(),
  regionName: z.string(),
  counts: z.record(z.enum(COMMITMENT_STATUS_KEYS), z.number()),
  /** clauses awaiting a fair-competition review decision */
  awaitingReview: z.number(),
  forecast: forecastSchema,
  items: z.array(clauseSchema),
});

export const noticeRowSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  projectCode: z.string(),
  projectName: z.string(),
  regionName: z.string(),
  responsibleDepartment: z.string(),
  responsibleName: z.string(),
  type: z.enum(CLAUSE_TYPE_KEYS),
  title: z.string(),
  amountYuan: z.number().nullable(),
  outstandingYuan: z.number().nullable(),
  dueDate: z.string(),
  deadline: z.string(),
  daysOverdue: z.number(),
  /** complaints naming the clause: the list puts clauses with complaints first */
  complaints: z.number(),
});
/** 即将到期: an agreed clause still owed whose deadline is near (due within the look-ahead, or in its grace period) */
export const atRiskRowSchema = noticeRowSchema.omit({ daysOverdue: true }).extend({
  status: z.enum(COMMITMENT_STATUS_KEYS).describe('待兑现、已到期或部分兑现'),
  /** working days left before it is overdue; 0: today is the last day */
  workingDaysLeft: z.number(),
});
export const noticeSchema = z.object({
  regionCode: z.string(),
  regionName: z.string(),
  asOf: z.string(),
  byDepartment: z.array(z.object({ department: z.string(), clauses: z.number(), outstandingYuan: z.number() })),
  items: z.array(noticeRowSchema),
  /** how far ahead 即将到期 looks, in working days */
  atRiskWorkingDays: z.number(),
  atRisk: z.array(atRiskRowSchema),
});

export const commitmentStatsQuerySchema = z.object({ regionCode: regionCodeSchema.optional(), from: monthSchema.optional(), to: monthSchema.optional() });

const figuresSchema = z.object({
  clauses: z.number(),
  byStatus: z.record(z.enum(COMMITMENT_STATUS_KEYS), z.number()),
  promisedYuan: z.number(),
  fulfilledYuan: z.number(),
  overdueYuan: z.number(),
  onTime: z.object({ base: z.number(), onTime: z.number(), late: z.number(), ratePct: z.number().nullable() }),
});
export const commitmentStatsSchema = figuresSchema.extend({
  region: z.string(),
  from: z.string(),
  to: z.string(),
  byRegion: z.array(figuresSchema.extend({ code: z.string(), name: z.string() })),
  byDepartment: z.array(figuresSchema.extend({ department: z.string() })),
  bothSides: z.object({
    projects: z.number(),
    governmentFulfilled: z.number(),
    governmentDue: z.number(),
    investorMet: z.number(),
    investorWithObligations: z.number(),
  }),
});
export type CommitmentStats = z.infer<typeof commitmentStatsSchema>;
