/**
 * The audit log (审计日志) and the import histories read from it: the log's page and query, an
 * enterprise's imports, the objects one project/fund import changed, and a project's change history.
 * Response and query schemas of the audit routes and the web's types; zod only.
 */
import { z } from 'zod';

export const AUDIT_OUTCOMES = ['success', 'failure', 'denied'] as const;
export const auditOutcomeSchema = z.enum(AUDIT_OUTCOMES);
export type AuditOutcome = z.infer<typeof auditOutcomeSchema>;

export const auditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorUsername: z.string().nullable(),
  actorName: z.string().nullable().describe('操作人姓名'),
  action: z.string(),
  objectType: z.string(),
  objectId: z.string().nullable(),
  objectName: z.string().nullable().describe('对象名称：项目编号与名称、到位资金的项目与月份、导入文件名、地区名称等'),
  regionCode: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  reason: z.string().nullable(),
  clientIp: z.string().nullable(),
  outcome: auditOutcomeSchema,
  requestId: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditPageSchema = z.object({ items: z.array(auditEntrySchema), total: z.number() });
export type AuditPage = z.infer<typeof auditPageSchema>;

/** The filters of GET /api/audit (as query text; dates and numbers are read from it). */
export const auditQuerySchema = z.object({
  from: z.coerce.date<string | undefined>().optional(),
  to: z.coerce.date<string | undefined>().optional(),
  actor: z.string().max(64).optional(),
  action: z.string().max(64).optional(),
  objectType: z.string().max(64).optional(),
  objectId: z.string().max(64).optional(),
  outcome: auditOutcomeSchema.optional(),
  page: z.coerce.number<number | undefined>().int().min(1).default(1),
  pageSize: z.coerce.number<number | undefined>().int().min(1).max(200).default(20),
});
export type AuditQuery = z.input<typeof auditQuerySchema>;

export const enterpriseImportHistorySchema = z.object({
  enterprise: z.object({ id: z.string(), creditCode: z.string().nullable(), name: z.string() }),
  items: z.array(
    z.object({
      importId: z.string(),
      importKind: z.enum(['job', 'workbook']).nullable().describe('job：后台导入任务；workbook：工作簿导入（企业表）'),
      fileName: z.string().nullable(),
      auditId: z.string().nullable().describe('该导入本身的审计记录 id（import_job.succeed 或 import.run）'),
      at: z.string(),
      actorId: z.string().nullable(),
      actorUsername: z.string().nullable(),
      actorName: z.string().nullable(),
      change: z.enum(['create', 'update']),
      before: z.record(z.string(), z.unknown()),
      after: z.record(z.string(), z.unknown()),
      source: z.string(),
      sourceDate: z.string(),
    }),
  ),
});

/** One object a project/fund import created or changed, with its changed fields before and after. */
export const importChangeSchema = z.object({
  id: z.string(),
  objectType: z.enum(['project', 'fundReceipt']),
  objectId: z.string(),
  projectId: z.string(),
  projectCode: z.string().nullable(),
  projectName: z.string().nullable(),
  change: z.enum(['create', 'update']),
  before: z.unknown(),
  after: z.unknown(),
});
export type ImportChange = z.infer<typeof importChangeSchema>;

export const importChangePageSchema = z.object({ importId: z.string(), fileName: z.string().nullable(), total: z.number(), items: z.array(importChangeSchema) });
export type ImportChangePage = z.infer<typeof importChangePageSchema>;

/** One change of a project or of its receipts, problems, service items and evidence (the project's 变更记录). */
export const historyEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  actorUsername: z.string().nullable(),
  action: z.string(),
  objectType: z.string(),
  objectId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  reason: z.string().nullable(),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;
