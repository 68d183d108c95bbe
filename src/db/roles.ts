/**
 * Two database roles: the owner, who runs the migrations and owns every table, and the application
 * role the server works as, which owns nothing. The application role reads and writes business
 * rows, but cannot ALTER, DISABLE TRIGGER, DROP or TRUNCATE a table, cannot set
 * session_replication_role (superuser only), and may only INSERT and SELECT audit rows and their
 * hash chain. Grants are applied by the owner after every migration run, so tables added by later
 * migrations are covered (default privileges cover tables an owner creates by hand too).
 */
import { sql } from 'drizzle-orm';
import type { Db } from './client';
import { JOB_SCHEMA } from './job-schema';
import { MIGRATION_LOCK_KEY } from './migrate';

/** The role the embedded database (PGlite) runs the application as. */
export const EMBEDDED_APP_ROLE = 'yinfeng_app';

/** Tables the application may only append to and read (issued briefing editions are immutable). */
export const APPEND_ONLY_TABLES = ['audit_log', 'audit_chain', 'import_changes', 'briefing_editions'] as const;

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

async function rows<T>(db: Db, statement: ReturnType<typeof sql>): Promise<T[]> {
  return ((await db.execute(statement)) as unknown as { rows: T[] }).rows;
}

export async function selectCurrentUser(db: Db): Promise<string> {
  const [r] = await rows<{ u: string }>(db, sql`select current_user as u`);
  if (!r) throw new Error('current_user unavailable');
  return r.u;
}

/**
 * Creates a role if it does not exist. Safe when several processes do it at once (roles are
 * cluster-wide on PostgreSQL: the loser of a race gets unique_violation, which is the same answer).
 */
export async function ensureRole(db: Db, role: string, opts: { login: boolean }): Promise<void> {
  const create = `create role ${quoteIdent(role)} ${opts.login ? 'login' : 'nologin'} nosuperuser nocreatedb nocreaterole noinherit`;
  await db.execute(
    sql.raw(`do $do$ begin
      if not exists (select 1 from pg_roles where rolname = ${quoteLiteral(role)}) then
        begin ${create}; exception when duplicate_object or unique_violation then null; end;
      end if;
    end $do$`),
  );
}

function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * Grants the application role what the running application needs, as the owner (idempotent).
 * Never ownership: ALTER, DROP, TRIGGER, TRUNCATE and REFERENCES stay with the owner.
 */
export async function grantAppPrivileges(db: Db, appRole: string): Promise<void> {
  const owner = await selectCurrentUser(db);
  if (owner === appRole) throw new Error(`应用角色 ${appRole} 与所有者角色相同：应用角色必须是另一个不拥有任何表的角色`);
  const app = quoteIdent(appRole);
  const appendOnly = APPEND_ONLY_TABLES.map((t) => quoteIdent(t)).join(', ');
  const statements = [
    `grant usage on schema public to ${app}`,
    `grant select, insert, update, delete on all tables in schema public to ${app}`,
    `revoke update, delete, truncate, references, trigger on ${appendOnly} from ${app}`,
    `grant usage, select on all sequences in schema public to ${app}`,
    `grant execute on all functions in schema public to ${app}`,
    `alter default privileges for role ${quoteIdent(owner)} in schema public grant select, insert, update, delete on tables to ${app}`,
    `alter default privileges for role ${quoteIdent(owner)} in schema public grant usage, select on sequences to ${app}`,
    // the application checks, without migrating, that the database is at its version
    `grant usage on schema drizzle to ${app}`,
    `grant select on all tables in schema drizzle to ${app}`,
    // the job engine (pg-boss, job-schema.ts): its rows, never its tables
    `grant usage on schema ${JOB_SCHEMA} to ${app}`,
    `grant select, insert, update, delete on all tables in schema ${JOB_SCHEMA} to ${app}`,
    `grant usage, select on all sequences in schema ${JOB_SCHEMA} to ${app}`,
    `grant execute on all functions in schema ${JOB_SCHEMA} to ${app}`,
    // each queue's partition, created by the owner's create_queue when the engine declares the queue
    `alter default privileges for role ${quoteIdent(owner)} in schema ${JOB_SCHEMA} grant select, insert, update, delete on tables to ${app}`,
  ];
  await db.transaction(async (tx) => {
    // app processes starting together would otherwise GRANT at once ("tuple concurrently updated")
    await tx.execute(sql`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`);
    for (const s of statements) await tx.execute(sql.raw(s));
  });
}

export interface RoleStanding {
  role: string;
  superuser: boolean;
  /** the role owns the audit trail (or is a member of its owner): it could alter or drop it */
  ownsAuditLog: boolean;
  /** the schema exists already (audit_log is there) */
  migrated: boolean;
  /** the role may create tables in schema public (so it could migrate an empty database) */
  canCreate: boolean;
}

/** What the connected role may do to the schema: decides single-role mode and its warning. */
export async function selectRoleStanding(db: Db): Promise<RoleStanding> {
  const [r] = await rows<{ role: string; superuser: boolean; owns: boolean | null; migrated: boolean; can_create: boolean }>(
    db,
    sql`select current_user as role,
          (select rolsuper from pg_roles where rolname = current_user) as superuser,
          (select pg_has_role(current_user, c.relowner, 'USAGE') from pg_class c where c.oid = to_regclass('public.audit_log')) as owns,
          to_regclass('public.audit_log') is not null as migrated,
          has_schema_privilege('public', 'CREATE') as can_create`,
  );
  if (!r) throw new Error('role standing unavailable');
  return { role: r.role, superuser: Boolean(r.superuser), ownsAuditLog: Boolean(r.owns), migrated: Boolean(r.migrated), canCreate: Boolean(r.can_create) };
}

/**
 * The embedded runtime's application role. PGlite has one session whose authenticated user is the
 * bootstrap superuser; SET SESSION AUTHORIZATION makes the application role both the session and
 * the current user (RESET ROLE and SET ROLE postgres are then refused), which is as far as an
 * embedded database can go: the process owning the data directory can always change its files.
 */
export async function becomeEmbeddedAppRole(db: Db): Promise<void> {
  await db.execute(sql.raw(`set session authorization ${quoteIdent(EMBEDDED_APP_ROLE)}`));
}

/** As the owner of an embedded database: the application role exists and holds its grants. */
export async function prepareEmbeddedAppRole(db: Db): Promise<void> {
  await ensureRole(db, EMBEDDED_APP_ROLE, { login: false });
  // PGlite's public schema lets every role create tables; the application role must own nothing
  await db.execute(sql.raw('revoke create on schema public from public'));
  await grantAppPrivileges(db, EMBEDDED_APP_ROLE);
  // not pg_read_server_files: PGlite's COPY FROM a (virtual) server file stays out of reach, so
  // enterprise import jobs stage with INSERT on PGlite (jobs/enterprise-imports/enterprise-import-job.ts)
  await db.execute(sql.raw(`revoke pg_read_server_files from ${quoteIdent(EMBEDDED_APP_ROLE)}`));
}
