/**
 * Imports (数据导入): the answer of POST /api/imports (workbook or CSV of enterprises, projects, funds)
 * and the background enterprise import jobs (后台导入任务) with their progress and result. Response and
 * query schemas of the routes and the web's types; zod only.
 */
import { z } from 'zod';
import { dateSchema, pageQuery } from './common';

export const IMPORT_KINDS = ['enterprises', 'projects', 'funds'] as const;
export const importKindSchema = z.enum(IMPORT_KINDS);
export type ImportKind = z.infer<typeof importKindSchema>;

export const rejectedRowSchema = z.object({ sheet: z.string(), row: z.number(), column: z.string(), value: z.string(), reason: z.string() });
export type RejectedRow = z.infer<typeof rejectedRowSchema>;

export const importCountsSchema = z.object({ created: z.number(), updated: z.number(), unchanged: z.number() });

const booleanText = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .describe('true 或 false');

export const importQuerySchema = z.object({
  kind: importKindSchema.optional().describe('只导入这一种数据；CSV 表头无法判断时必须指定'),
  dryRun: booleanText.optional().describe('只检查与统计，不写入'),
});
export type ImportQuery = z.input<typeof importQuerySchema>;

/** POST /api/imports: the same shape on 200 and on 409/422 (then with `error`). */
export const importResultSchema = z.object({
  fileName: z.string(),
  sha256: z.string(),
  format: z.enum(['xlsx', 'csv']),
  kinds: z.array(importKindSchema),
  dryRun: z.boolean(),
  imported: z.boolean(),
  rows: z.partialRecord(importKindSchema, z.number()),
  counts: z.partialRecord(importKindSchema, importCountsSchema),
  investorsCreated: z.number(),
  preview: z.record(z.string(), z.array(z.object({ rowNumber: z.number(), cells: z.record(z.string(), z.string()) }))).describe('每个工作表的前 10 行（导入前预览）'),
  rejected: z.array(rejectedRowSchema),
  rejectedTotal: z.number(),
  lockedTotal: z.number().describe('其中因会改变已审核锁定月份数字而拒绝的行数；问题全属此类时返回 409'),
  importId: z.string().nullable().describe('本次导入的编号（审计日志中导入记录的对象编号；各项目、到位资金的变更记录引用它）'),
  incomplete: z
    .object({
      total: z.number(),
      byField: z.record(z.string(), z.number()),
      rows: z.array(z.object({ sheet: z.string(), row: z.number(), code: z.string(), missing: z.array(z.string()) })),
    })
    .describe('资料不全的项目行（缺而不矛盾，照常导入并标记，列入待完善清单）：按缺少的资料计数，及前若干行'),
  notices: z.array(z.string()).describe('提示（不是错误），如暂不支持的列'),
});
export const importRejectionSchema = importResultSchema.extend({ error: z.object({ code: z.string(), message: z.string() }) });
/** The answer on 200, and on 409/422 with `error` (the rows were refused, nothing written). */
export type ImportResult = z.infer<typeof importResultSchema> & { error?: z.infer<typeof importRejectionSchema>['error'] };

// ---- background import jobs -------------------------------------------------------------------

export const IMPORT_JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export const importJobStatusSchema = z.enum(IMPORT_JOB_STATUSES);
export type ImportJobStatus = z.infer<typeof importJobStatusSchema>;

export const importJobPhaseSchema = z.enum(['queued', 'reading', 'merging', 'done']);

export const importJobProgressSchema = z.object({
  phase: importJobPhaseSchema.optional(),
  rowsRead: z.number().optional(),
  bytesRead: z.number().optional(),
  fileBytes: z.number().optional(),
  problems: z.number().optional().describe('已发现的问题数'),
  step: z.number().optional().describe('合并阶段：已完成的语句数'),
  steps: z.number().optional().describe('合并阶段：语句总数'),
});

export const importJobCountsSchema = importCountsSchema.extend({ fieldChanges: z.number(), sourcesRefreshed: z.number() });

export const importJobResultSchema = z.object({
  fileName: z.string().optional(),
  format: z.enum(['xlsx', 'csv']).optional(),
  source: z.string().optional(),
  sourceDate: z.string().optional(),
  dryRun: z.boolean().optional(),
  imported: z.boolean().optional().describe('已写入企业库'),
  rows: z.number().optional(),
  counts: importJobCountsSchema.nullable().optional(),
  rejected: z.array(rejectedRowSchema).optional().describe('前 20 条被拒绝的行（全部见 xlsx 报告）'),
  rejectedTotal: z.number().optional(),
  seconds: z.object({ reading: z.number(), merging: z.number(), mergeSteps: z.record(z.string(), z.number()).optional() }).optional().describe('读取与合并用时（秒）'),
});

export const importJobSchema = z.object({
  id: z.string(),
  kind: z.string(),
  status: importJobStatusSchema,
  fileName: z.string(),
  fileBytes: z.number(),
  sha256: z.string().nullable(),
  dryRun: z.boolean(),
  source: z.string(),
  sourceDate: z.string(),
  createdBy: z.string().nullable(),
  createdByName: z.string(),
  regionCode: z.string(),
  progress: importJobProgressSchema,
  cancelRequested: z.boolean(),
  result: importJobResultSchema.nullable().describe('结束后：行数、计数、被拒绝的行与用时'),
  error: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  heartbeatAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type ImportJob = z.infer<typeof importJobSchema>;

export const importJobPageSchema = z.object({ total: z.number(), items: z.array(importJobSchema) });
export type ImportJobPage = z.infer<typeof importJobPageSchema>;

/** POST /api/import-jobs: the file is the body, the rest is the query string. */
export const importJobUploadQuerySchema = z.object({
  kind: z.literal('enterprises').default('enterprises').describe('导入类型（目前只有 enterprises 企业库）'),
  fileName: z.string().min(1).max(255).optional().describe('文件名（含扩展名 .xlsx 或 .csv）；也可放在请求头 x-file-name（URL 编码）'),
  source: z.string().max(100).optional().describe('数据来源（行内未填“数据来源”时使用）；默认为文件名'),
  sourceDate: dateSchema.optional().describe('数据日期 YYYY-MM-DD（行内未填“数据日期”时使用）；默认为今天'),
  dryRun: z.enum(['true', 'false']).transform((v) => v === 'true').optional().describe('只检查与统计，不写入'),
});
export type ImportJobUploadQuery = z.input<typeof importJobUploadQuerySchema>;

/** GET /api/import-jobs. */
export const importJobListQuerySchema = z.object({ kind: z.literal('enterprises').optional(), ...pageQuery });
export type ImportJobListQuery = z.input<typeof importJobListQuerySchema>;
