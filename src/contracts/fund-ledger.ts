/** The ledger as statisticians work (issue 11, item 8): the monthly entry grid and the 待核实 queue. */
import { z } from 'zod';
import { CONTRACT_MESSAGES, monthSchema, pageQuery, regionCodeSchema, yuanSchema } from './common';
import { lockSchema } from './project-records';

export const fundGridSchema = z.object({
  regionCode: z.string(),
  regionName: z.string(),
  month: z.string(),
  futureMonth: z.boolean().describe('未来月份不能录入'),
  truncated: z.boolean().describe('项目超过上限时只列出前若干个，请按下级地区分别录入'),
  items: z.array(
    z.object({
      projectId: z.string(),
      projectCode: z.string(),
      projectName: z.string(),
      stage: z.string(),
      regionCode: z.string(),
      regionName: z.string(),
      previousMonthYuan: z.number().nullable().describe('上月到位资金（元），供对照'),
      receipt: z
        .object({
          id: z.string(),
          amountYuan: z.number(),
          note: z.string().nullable(),
          version: z.number(),
          enteredByName: z.string().nullable(),
          enteredByMe: z.boolean(),
          verifiedByName: z.string().nullable(),
          verified: z.boolean(),
          evidenceCount: z.number().int().describe('佐证材料数'),
          counts: z.boolean().describe('按“先证后计”是否计入统计'),
          countsWhy: z.string().nullable().describe('不计入的原因（未核实、缺少佐证材料），计入时为空'),
        })
        .nullable(),
      lock: lockSchema,
    }),
  ),
});

export type FundGrid = z.infer<typeof fundGridSchema>;
export type GridRow = FundGrid['items'][number];

export const gridSaveResultSchema = z.object({
  saved: z.array(z.object({ projectId: z.string(), change: z.enum(['create', 'correct']) })),
  refused: z.array(z.object({ projectId: z.string(), projectCode: z.string().nullable(), message: z.string() })),
});
export type GridSaveResult = z.infer<typeof gridSaveResultSchema>;

export const pendingReceiptSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  projectCode: z.string(),
  projectName: z.string(),
  regionName: z.string(),
  month: z.string(),
  amountYuan: z.number(),
  note: z.string().nullable(),
  enteredByName: z.string().nullable(),
  enteredAt: z.string(),
  version: z.number(),
  evidenceCount: z.number(),
  lock: lockSchema,
});
export type PendingReceipt = z.infer<typeof pendingReceiptSchema>;

// ——— requests: the routes validate with these, the web sends their input types ———

/** GET /api/funds/grid. */
export const fundGridQuerySchema = z.object({ region: regionCodeSchema, month: monthSchema });
export type FundGridQuery = z.input<typeof fundGridQuerySchema>;

/** PUT /api/funds/grid. */
export const fundGridBodySchema = z.object({
  region: regionCodeSchema,
  month: monthSchema,
  reason: z.string().trim().max(500).nullable().optional().describe('更正已录入金额的原因（写入审计日志）'),
  entries: z
    .array(
      z.object({
        projectId: z.string().uuid(CONTRACT_MESSAGES.projectIdUuid),
        amountYuan: yuanSchema,
        note: z.string().max(500).nullable().optional(),
        version: z.number().int().min(1).optional(),
      }),
    )
    .min(1, CONTRACT_MESSAGES.noRows)
    .max(2000),
});
export type FundGridBody = z.input<typeof fundGridBodySchema>;

/** GET /api/receipts/pending. */
export const pendingReceiptQuerySchema = z.object({ region: regionCodeSchema, month: monthSchema.optional(), ...pageQuery });
export type PendingReceiptQuery = z.input<typeof pendingReceiptQuerySchema>;
