import { and, count, desc, eq, gte, ilike, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client';
import { auditLog, regions } from '../schema/index';

export type AuditInsert = typeof auditLog.$inferInsert;
export type AuditRow = typeof auditLog.$inferSelect;

export async function insertAudit(db: Db, row: AuditInsert): Promise<void> {
  await db.insert(auditLog).values(row);
}

export interface AuditFilter {
  scopePath: string;
  /** rows without a region (e.g. a failed login with an unknown user name) */
  includeUnregioned: boolean;
  from?: Date;
  to?: Date;
  actor?: string;
  action?: string;
  objectType?: string;
  objectId?: string;
  outcome?: 'success' | 'failure' | 'denied';
  limit: number;
  offset: number;
}

export async function selectAuditPage(db: Db, f: AuditFilter): Promise<{ rows: AuditRow[]; total: number }> {
  const inScope = sql`${auditLog.regionCode} in (select ${regions.code} from ${regions} where ${regions.path} like ${`${f.scopePath}%`})`;
  const conditions: SQL[] = [f.includeUnregioned ? (or(inScope, isNull(auditLog.regionCode)) as SQL) : inScope];
  if (f.from) conditions.push(gte(auditLog.at, f.from));
  if (f.to) conditions.push(lte(auditLog.at, f.to));
  if (f.actor) conditions.push(ilike(auditLog.actorUsername, `%${escapeLike(f.actor)}%`));
  if (f.action) conditions.push(ilike(auditLog.action, `${escapeLike(f.action)}%`));
  if (f.objectType) conditions.push(eq(auditLog.objectType, f.objectType));
  if (f.objectId) conditions.push(eq(auditLog.objectId, f.objectId));
  if (f.outcome) conditions.push(eq(auditLog.outcome, f.outcome));
  const where = and(...conditions);
  const rows = await db.select().from(auditLog).where(where).orderBy(desc(auditLog.id)).limit(f.limit).offset(f.offset);
  const [totalRow] = await db.select({ n: count() }).from(auditLog).where(where);
  return { rows, total: Number(totalRow?.n ?? 0) };
}

export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

