/** Saved filters, evidence files and per-leader light counts. */
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../client';
import { auditLog, evidenceFiles, projects, regions, savedFilters, users } from '../../schema/index';
import type { LightCutoffs } from './projects';
import { buildLightSql } from './projects';

export async function selectSavedFilters(db: Db, userId: string, page: string) {
  return db.select().from(savedFilters).where(and(eq(savedFilters.userId, userId), eq(savedFilters.page, page))).orderBy(asc(savedFilters.name));
}

export async function upsertSavedFilter(db: Db, userId: string, page: string, name: string, filter: string) {
  const [row] = await db
    .insert(savedFilters)
    .values({ userId, page, name, filter })
    .onConflictDoUpdate({ target: [savedFilters.userId, savedFilters.page, savedFilters.name], set: { filter: sql`excluded.filter_json` } })
    .returning();
  if (!row) throw new Error('upsert saved_filters returned nothing');
  return row;
}

export async function deleteSavedFilter(db: Db, userId: string, id: string): Promise<boolean> {
  const rows = await db.delete(savedFilters).where(and(eq(savedFilters.id, id), eq(savedFilters.userId, userId))).returning({ id: savedFilters.id });
  return rows.length > 0;
}

const evidenceMeta = {
  id: evidenceFiles.id,
  projectId: evidenceFiles.projectId,
  fundReceiptId: evidenceFiles.fundReceiptId,
  stageHistoryId: evidenceFiles.stageHistoryId,
  kind: evidenceFiles.kind,
  fileName: evidenceFiles.fileName,
  mimeType: evidenceFiles.mimeType,
  sizeBytes: evidenceFiles.sizeBytes,
  sha256: evidenceFiles.sha256,
  uploadedBy: evidenceFiles.uploadedBy,
  uploadedAt: evidenceFiles.uploadedAt,
};

export async function insertEvidence(db: Db, row: typeof evidenceFiles.$inferInsert) {
  const [created] = await db.insert(evidenceFiles).values(row).returning(evidenceMeta);
  if (!created) throw new Error('insert evidence_files returned nothing');
  return created;
}

export async function selectEvidenceList(db: Db, projectId: string) {
  return db.select(evidenceMeta).from(evidenceFiles).where(eq(evidenceFiles.projectId, projectId)).orderBy(desc(evidenceFiles.uploadedAt));
}

export async function selectEvidenceFile(db: Db, id: string) {
  const [row] = await db.select().from(evidenceFiles).where(eq(evidenceFiles.id, id));
  return row;
}

/** Audit rows about a project and the records hanging off it (receipts, problems, service items, evidence). */
export async function selectProjectAudit(db: Db, projectId: string, limit: number) {
  return db
    .select()
    .from(auditLog)
    .where(
      sql`(${auditLog.objectType} = 'project' and ${auditLog.objectId} = ${projectId})
        or (${auditLog.objectType} = 'fundReceipt' and ${auditLog.objectId} in (select id::text from fund_receipts where project_id = ${projectId}))
        or (${auditLog.objectType} = 'problem' and ${auditLog.objectId} in (select id::text from project_problems where project_id = ${projectId}))
        or (${auditLog.objectType} = 'serviceItem' and ${auditLog.objectId} in (select id::text from service_items where project_id = ${projectId}))
        or (${auditLog.objectType} = 'evidence' and ${auditLog.objectId} in (select id::text from evidence_files where project_id = ${projectId}))`,
    )
    .orderBy(desc(auditLog.id))
    .limit(limit);
}

/** Red and yellow projects per 包联领导 within a scope. */
export async function selectLightsByLeader(db: Db, scopePath: string, cutoffs: LightCutoffs) {
  const { red, yellow } = buildLightSql(cutoffs);
  return db
    .select({
      leaderId: projects.leaderId,
      leaderName: users.displayName,
      red: sql<number>`count(*) filter (where ${red})::int`,
      yellow: sql<number>`count(*) filter (where ${yellow})::int`,
      total: sql<number>`count(*)::int`,
    })
    .from(projects)
    .innerJoin(regions, eq(regions.code, projects.regionCode))
    .leftJoin(users, eq(users.id, projects.leaderId))
    .where(sql`${regions.path} like ${`${scopePath}%`}`)
    .groupBy(projects.leaderId, users.displayName)
    .orderBy(sql`count(*) filter (where ${red}) desc`, sql`count(*) filter (where ${yellow}) desc`);
}

/** Evidence files per fund receipt of a project. */
export async function countEvidenceByReceipt(db: Db, projectId: string): Promise<Map<string, number>> {
  const rows = await db
    .select({ receiptId: evidenceFiles.fundReceiptId, n: sql<number>`count(*)::int` })
    .from(evidenceFiles)
    .where(and(eq(evidenceFiles.projectId, projectId), sql`${evidenceFiles.fundReceiptId} is not null`))
    .groupBy(evidenceFiles.fundReceiptId);
  return new Map(rows.map((r) => [r.receiptId ?? '', r.n]));
}

/** Attaches unattached evidence files of a project to a stage change; returns how many were attached. */
export async function attachEvidenceToStage(db: Db, projectId: string, ids: string[], stageHistoryId: number): Promise<number> {
  if (ids.length === 0) return 0;
  const rows = await db
    .update(evidenceFiles)
    .set({ stageHistoryId })
    .where(
      and(
        eq(evidenceFiles.projectId, projectId),
        sql`${evidenceFiles.id} = any(${sql.param(ids)}::uuid[])`,
        sql`${evidenceFiles.stageHistoryId} is null`,
        sql`${evidenceFiles.fundReceiptId} is null`,
      ),
    )
    .returning({ id: evidenceFiles.id });
  return rows.length;
}
