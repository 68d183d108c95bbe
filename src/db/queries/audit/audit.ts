import { and, count, desc, eq, gte, ilike, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../client';
import { auditLog, regions } from '../../schema/index';

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

/**
 * What a person reads instead of an id: the object's name as it is now (a project's code and name, a
 * receipt's project and month, an import's file, a region's name …), or as the row recorded it when
 * the object is gone.
 */
const objectName = sql<string | null>`coalesce(
  case ${auditLog.objectType}
    when 'user' then (select u.display_name || '（' || u.username || '）' from users u where u.id::text = ${auditLog.objectId})
    when 'project' then (select p.code || ' ' || p.name from projects p where p.id::text = ${auditLog.objectId})
    when 'fundReceipt' then (select p.code || ' ' || p.name || ' · ' || f.month from fund_receipts f join projects p on p.id = f.project_id where f.id::text = ${auditLog.objectId})
    when 'import_job' then (select j.file_name from import_jobs j where j.id::text = ${auditLog.objectId})
    when 'region' then (select r.name from regions r where r.code = ${auditLog.objectId})
    when 'monthlyReturn' then (select r.name || ' ' || split_part(${auditLog.objectId}, '/', 2) || ' 月报' from regions r where r.code = split_part(${auditLog.objectId}, '/', 1))
    when 'target' then (select r.name || ' ' || split_part(${auditLog.objectId}, '/', 2) || ' 年度目标' from regions r where r.code = split_part(${auditLog.objectId}, '/', 1))
    when 'enterprise' then (select e.name from enterprises e where e.id::text = ${auditLog.objectId})
    when 'enterprise_list' then (select l.name from enterprise_lists l where l.id::text = ${auditLog.objectId})
    when 'enterprise_saved_search' then (select s.name from enterprise_saved_searches s where s.id::text = ${auditLog.objectId})
    when 'contact' then (select c.name from enterprise_contacts c where c.id::text = ${auditLog.objectId})
    when 'problem' then (select pp.description from project_problems pp where pp.id::text = ${auditLog.objectId})
    when 'serviceItem' then (select si.title from service_items si where si.id::text = ${auditLog.objectId})
    when 'evidence' then (select ef.file_name from evidence_files ef where ef.id::text = ${auditLog.objectId})
  end,
  ${auditLog.after} ->> 'fileName', ${auditLog.before} ->> 'fileName', ${auditLog.after} ->> 'name', ${auditLog.before} ->> 'name',
  coalesce(${auditLog.before}, ${auditLog.after}) ->> 'projectCode' || ' · ' || (coalesce(${auditLog.before}, ${auditLog.after}) ->> 'month')
)`;
const actorName = sql<string | null>`(select u.display_name from users u where u.id = ${auditLog.actorId})`;

export type AuditPageRow = AuditRow & { actorName: string | null; objectName: string | null };

export async function selectAuditPage(db: Db, f: AuditFilter): Promise<{ rows: AuditPageRow[]; total: number }> {
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
  const found = await db
    .select({ row: auditLog, actorName, objectName })
    .from(auditLog)
    .where(where)
    .orderBy(desc(auditLog.id))
    .limit(f.limit)
    .offset(f.offset);
  const rows = found.map((r) => ({ ...r.row, actorName: r.actorName, objectName: r.objectName }));
  const [totalRow] = await db.select({ n: count() }).from(auditLog).where(where);
  return { rows, total: Number(totalRow?.n ?? 0) };
}

export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

