/**
 * An enterprise's history rows with the import each came from: the background job (import_jobs:
 * file, user, region) or a workbook import (its audit row: action import.run, object type import,
 * object id = the import's id), and the import's own audit row (import_job.succeed / import.run).
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../client';

export interface EnterpriseHistoryRow {
  id: number;
  field: string;
  oldValue: unknown;
  newValue: unknown;
  source: string;
  sourceDate: string;
  changedAt: Date;
  /** the import's id (job id or workbook import id); null for an edit by hand */
  importId: string | null;
  /** 'job' or 'workbook' when the import is known */
  importKind: 'job' | 'workbook' | null;
  importFileName: string | null;
  /** region of the import (its job's, or its audit row's): what scopes an auditor */
  importRegionPath: string | null;
  /** the import's audit row */
  auditId: string | null;
  actorId: string | null;
  actorUsername: string | null;
  actorName: string | null;
}

export async function selectEnterpriseHistoryWithImports(db: Db, enterpriseId: string): Promise<EnterpriseHistoryRow[]> {
  const result = await db.execute(sql`
    select c.id, c.field, c.old_value, c.new_value, c.source, c.source_date::text as source_date, c.changed_at,
           c.import_job_id::text as import_id, c.changed_by::text as actor_id, u.username as actor_username, u.display_name as actor_name,
           case when j.id is not null then 'job' when a.id is not null then 'workbook' end as import_kind,
           coalesce(j.file_name, a.after->>'fileName') as import_file_name,
           r.path as import_region_path, a.id::text as audit_id
      from enterprise_field_changes c
      left join users u on u.id = c.changed_by
      left join import_jobs j on j.id = c.import_job_id
      left join lateral (
        select a.id, a.after, a.region_code from audit_log a
         where c.import_job_id is not null and a.object_id = c.import_job_id::text
           and ((a.object_type = 'import_job' and a.action = 'import_job.succeed') or (a.object_type = 'import' and a.action = 'import.run'))
         order by a.id limit 1) a on true
      left join regions r on r.code = coalesce(j.region_code, a.region_code)
     where c.enterprise_id = ${enterpriseId}
     order by c.id`);
  const rows = (result as unknown as { rows: Record<string, unknown>[] }).rows;
  const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return rows.map((r) => ({
    id: Number(r.id),
    field: String(r.field),
    oldValue: r.old_value ?? null,
    newValue: r.new_value ?? null,
    source: String(r.source),
    sourceDate: String(r.source_date).slice(0, 10),
    changedAt: r.changed_at instanceof Date ? r.changed_at : new Date(String(r.changed_at)),
    importId: text(r.import_id),
    importKind: (text(r.import_kind) as EnterpriseHistoryRow['importKind']) ?? null,
    importFileName: text(r.import_file_name),
    importRegionPath: text(r.import_region_path),
    auditId: text(r.audit_id),
    actorId: text(r.actor_id),
    actorUsername: text(r.actor_username),
    actorName: text(r.actor_name),
  }));
}
