/** What `yinfeng doctor` reads from the database: server version, extensions, and a role's standing and privileges. */
import { sql } from 'drizzle-orm';
import type { Db } from '../../client';
import { JOB_SCHEMA } from '../../job-schema';
import { selectRows } from '../sql-rows';

export interface ServerFacts {
  /** server_version_num, e.g. 160004 */
  versionNum: number;
  version: string;
  extensions: { name: string; version: string }[];
}

export async function selectServerFacts(db: Db): Promise<ServerFacts> {
  const [v] = await selectRows<{ num: string; version: string }>(db, sql`select current_setting('server_version_num') as num, current_setting('server_version') as version`);
  const extensions = await selectRows<{ name: string; version: string }>(db, sql`select extname as name, extversion as version from pg_extension order by extname`);
  return { versionNum: Number(v?.num ?? 0), version: v?.version ?? '', extensions };
}

export interface RolePrivileges {
  exists: boolean;
  /** may change or remove audit rows (it must not) */
  auditWritable: boolean;
  /** may read and write business rows (projects) */
  businessRows: boolean;
  /** may use the job engine's schema */
  jobSchema: boolean;
}

export async function selectRolePrivileges(db: Db, role: string): Promise<RolePrivileges> {
  const [r] = await selectRows<{ exists: boolean; audit: boolean | null; business: boolean | null; jobs: boolean | null }>(
    db,
    sql`select exists (select 1 from pg_roles where rolname = ${role}) as exists,
          case when exists (select 1 from pg_roles where rolname = ${role}) and to_regclass('public.audit_log') is not null
            then has_table_privilege(${role}, 'public.audit_log', 'UPDATE') or has_table_privilege(${role}, 'public.audit_log', 'DELETE') end as audit,
          case when exists (select 1 from pg_roles where rolname = ${role}) and to_regclass('public.projects') is not null
            then has_table_privilege(${role}, 'public.projects', 'SELECT, INSERT, UPDATE, DELETE') end as business,
          case when exists (select 1 from pg_roles where rolname = ${role}) and to_regnamespace(${JOB_SCHEMA}) is not null
            then has_schema_privilege(${role}, ${JOB_SCHEMA}, 'USAGE') end as jobs`,
  );
  return { exists: Boolean(r?.exists), auditWritable: Boolean(r?.audit), businessRows: Boolean(r?.business), jobSchema: Boolean(r?.jobs) };
}
