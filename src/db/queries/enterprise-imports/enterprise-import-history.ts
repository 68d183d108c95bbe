/**
 * An enterprise's history rows with the import each came from: the background job (import_jobs:
 * file, user, region) or a workbook import (its audit row: action import.run, object type import,
 * object id = the import's id), and the import's own audit row (import_job.succeed / import.run).
 * The import that created the enterprise is the first row (field CREATED_FIELD, id 0), read from
 * the enterprise's created_by_import; enterprises created before migration 0019 have a history row
 * of that field instead.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../client';
import { CREATED_FIELD } from './enterprise-imports';

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
  // an import that created the enterprise is on the enterprise itself (created_by_import, migration
  // 0019), not in its history: it comes first, as a `created` row of id 0
  const result = await db.execute(sql`
    with h as (
      select c.id, c.field, c.old_value, c.new_value, c.source, c.source_date, c.changed_at, c.import_job_id, c.changed_by
        from enterprise_field_changes c where c.enterprise_id = ${enterpriseId}
      union all
      select 0, ${CREATED_FIELD}, null, null, coalesce(e.created_source, ''), coalesce(e.created_source_date, e.created_at::date), e.created_at, e.created_by_import, null
        from enterprises e where e.id = ${enterpriseId} and e.created_by_import is not null)
    select c.id, c.field, c.old_value, c.new_value, c.source, c.source_date::text as source_date, c.changed_at,
           c.import_job_id::text as import_id, u.id::text as actor_id, u.username as actor_username, u.display_name as actor_name,
           case when j.id is not null then 'job' when a.id is not null then 'workbook' end as import_kind,
           coalesce(j.file_name, a.after->>'fileName') as import_file_name,
           r.path as import_region_path, a.id::text as audit_id
      from h c
      left join import_jobs j on j.id = c.import_job_id
      left join lateral (
        select a.id, a.after, a.region_code, a.actor_id from audit_log a
         where c.import_job_id is not null and a.object_id = c.import_job_id::text
           and ((a.object_type = 'import_job' and a.action = 'import_job.succeed') or (a.object_type = 'import' and a.action = 'import.run'))
         order by a.id limit 1) a on true
      left join users u on u.id = coalesce(c.changed_by, j.created_by, a.actor_id)
      left join regions r on r.code = coalesce(j.region_code, a.region_code)
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
