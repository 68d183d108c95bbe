/** 政策承诺: clauses with their project, fulfilments, history; the clauses of a region's subtree. */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../client';
import { commitmentFulfilments, commitmentHistory, commitments, fundReceipts, inquiries, projects, regions, users } from '../../schema/index';
import { escapeLike } from '../audit/audit';

export type CommitmentRow = typeof commitments.$inferSelect;
export type CommitmentInsert = typeof commitments.$inferInsert;
export type FulfilmentRow = typeof commitmentFulfilments.$inferSelect;
export type HistoryRow = typeof commitmentHistory.$inferSelect;

/** What a clause needs to know of its project (scope, triggers, forecast, successor). */
export interface ClauseProject {
  id: string;
  code: string;
  name: string;
  regionCode: string;
  regionName: string;
  regionPath: string;
  stage: string;
  leaderId: string | null;
  startedDate: string | null;
  operatingDate: string | null;
  agreedStartDate: string | null;
}

export interface ClauseWithProject {
  clause: CommitmentRow;
  project: ClauseProject;
  responsibleName: string;
}

function fromClauses(db: Db) {
  return db
    .select({
      clause: commitments,
      project: {
        id: projects.id,
        code: projects.code,
        name: projects.name,
        regionCode: projects.regionCode,
        regionName: regions.name,
        regionPath: regions.path,
        stage: projects.stage,
        leaderId: projects.leaderId,
        startedDate: projects.startedDate,
        operatingDate: projects.operatingDate,
        agreedStartDate: projects.agreedStartDate,
      },
      responsibleName: users.displayName,
    })
    .from(commitments)
    .innerJoin(projects, eq(projects.id, commitments.projectId))
    .innerJoin(regions, eq(regions.code, projects.regionCode))
    .innerJoin(users, eq(users.id, commitments.responsibleUserId));
}

export async function selectClause(db: Db, id: string): Promise<ClauseWithProject | undefined> {
  const [row] = await fromClauses(db).where(eq(commitments.id, id));
  return row;
}

export async function selectClausesOfProject(db: Db, projectId: string): Promise<ClauseWithProject[]> {
  return fromClauses(db).where(eq(commitments.projectId, projectId)).orderBy(asc(commitments.createdAt), asc(commitments.id));
}

/** The clauses of the projects in the subtree at `regionPath` (terminated projects included: a promise outlives the project's stage). */
export async function selectClausesInSubtree(db: Db, regionPath: string): Promise<ClauseWithProject[]> {
  return fromClauses(db)
    .where(sql`${regions.path} like ${`${escapeLike(regionPath)}%`}`)
    .orderBy(asc(projects.code), asc(commitments.createdAt), asc(commitments.id));
}

/** Every agreed clause of the installation (the clocks). */
export async function selectAgreedClauses(db: Db): Promise<ClauseWithProject[]> {
  return fromClauses(db).where(eq(commitments.agreement, 'agreed')).orderBy(asc(commitments.id));
}

/** The clauses a person is responsible for (any status; the caller keeps the open ones). */
export async function selectClausesOfResponsible(db: Db, userId: string): Promise<ClauseWithProject[]> {
  return fromClauses(db).where(eq(commitments.responsibleUserId, userId)).orderBy(asc(projects.code), asc(commitments.id));
}

export async function insertClause(db: Db, row: CommitmentInsert): Promise<CommitmentRow> {
  const [created] = await db.insert(commitments).values(row).returning();
  if (!created) throw new Error('insert commitments returned nothing');
  return created;
}

export async function updateClauseVersioned(db: Db, id: string, version: number, patch: Partial<CommitmentInsert>): Promise<CommitmentRow | undefined> {
  const [row] = await db
    .update(commitments)
    .set({ ...patch, version: sql`${commitments.version} + 1`, updatedAt: new Date() })
    .where(and(eq(commitments.id, id), eq(commitments.version, version)))
    .returning();
  return row;
}

export async function deleteClause(db: Db, id: string): Promise<void> {
  await db.delete(commitments).where(eq(commitments.id, id));
}

export async function insertFulfilment(db: Db, row: typeof commitmentFulfilments.$inferInsert): Promise<FulfilmentRow> {
  const [created] = await db.insert(commitmentFulfilments).values(row).returning();
  if (!created) throw new Error('insert commitment_fulfilments returned nothing');
  return created;
}

export async function selectFulfilmentsOf(db: Db, clauseIds: readonly string[]): Promise<FulfilmentRow[]> {
  if (clauseIds.length === 0) return [];
  return db
    .select()
    .from(commitmentFulfilments)
    .where(inArray(commitmentFulfilments.commitmentId, [...clauseIds]))
    .orderBy(asc(commitmentFulfilments.fulfilledOn), asc(commitmentFulfilments.recordedAt));
}

export async function insertHistory(db: Db, row: typeof commitmentHistory.$inferInsert): Promise<void> {
  await db.insert(commitmentHistory).values(row);
}

export async function selectHistoryOf(db: Db, clauseIds: readonly string[]): Promise<HistoryRow[]> {
  if (clauseIds.length === 0) return [];
  return db
    .select()
    .from(commitmentHistory)
    .where(inArray(commitmentHistory.commitmentId, [...clauseIds]))
    .orderBy(desc(commitmentHistory.at), desc(commitmentHistory.id));
}

/** The funds in place of the projects, by month (triggers, the investment actual, the forecast's trend). */
export async function selectFundsOfProjects(db: Db, projectIds: readonly string[]): Promise<Map<string, { month: string; amountYuan: bigint }[]>> {
  const out = new Map<string, { month: string; amountYuan: bigint }[]>();
  if (projectIds.length === 0) return out;
  const rows = await db
    .select({ projectId: fundReceipts.projectId, month: fundReceipts.month, amountYuan: fundReceipts.amountYuan })
    .from(fundReceipts)
    .where(inArray(fundReceipts.projectId, [...new Set(projectIds)]));
  for (const r of rows) {
    const list = out.get(r.projectId) ?? [];
    list.push({ month: r.month, amountYuan: r.amountYuan });
    out.set(r.projectId, list);
  }
  return out;
}

/** An active user by id with their region path (the successor checks). */
export async function selectActiveUserWithPath(db: Db, id: string): Promise<{ id: string; displayName: string; regionPath: string } | undefined> {
  const [row] = await db
    .select({ id: users.id, displayName: users.displayName, regionPath: regions.path })
    .from(users)
    .innerJoin(regions, eq(regions.code, users.regionCode))
    .where(and(eq(users.id, id), eq(users.status, 'active')));
  return row;
}

/**
 * The region's office head (办公室负责人) for commitments: the longest-standing active user of the
 * region itself (not a sub-region) holding the leader role, other than `except`.
 */
export async function selectRegionOfficeHead(db: Db, regionCode: string, except: string): Promise<{ id: string; displayName: string } | undefined> {
  const [row] = await db
    .select({ id: users.id, displayName: users.displayName })
    .from(users)
    .where(and(eq(users.regionCode, regionCode), eq(users.status, 'active'), sql`'leader' = any(${users.roles})`, sql`${users.id} <> ${except}`))
    .orderBy(asc(users.createdAt), asc(users.id))
    .limit(1);
  return row;
}

/** The complaints naming the clauses (投诉所涉条款), merged duplicates left out, newest first; personal data raw (the caller masks). */
export async function selectComplaintsOfClauses(db: Db, clauseIds: readonly string[]) {
  if (clauseIds.length === 0) return [];
  return db
    .select({ id: inquiries.id, clauseId: inquiries.clauseId, type: inquiries.type, stage: inquiries.stage, receivedOn: inquiries.receivedOn, closeDueOn: inquiries.closeDueOn, investorName: inquiries.investorName, content: inquiries.content })
    .from(inquiries)
    .where(and(inArray(inquiries.clauseId, [...clauseIds]), eq(inquiries.kind, 'complaint'), sql`${inquiries.duplicateOfId} is null`))
    .orderBy(desc(inquiries.receivedOn), desc(inquiries.createdAt));
}
export type ClauseComplaintRow = Awaited<ReturnType<typeof selectComplaintsOfClauses>>[number];
