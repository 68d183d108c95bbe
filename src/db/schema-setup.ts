/**
 * Brings the schema to the code's version and leaves the application connected as a role that
 * owns nothing (roles.ts), on each runtime:
 * - embedded PGlite: migrates in its superuser session, grants the embedded application role,
 *   then switches the session to that role for good;
 * - PostgreSQL with YINFENG_OWNER_DATABASE_URL: migrates and grants over a separate owner
 *   connection (closed afterwards); the application's pool (DATABASE_URL) never had more rights;
 * - PostgreSQL with DATABASE_URL only: a role that owns nothing is not allowed to migrate, so the
 *   schema must already be at the code's version (migrated by the owner: `yinfeng migrate` with
 *   YINFENG_OWNER_DATABASE_URL); a role that owns the schema (or a superuser) migrates as before —
 *   single-role mode, with a warning: that role could alter or drop the audit trail.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import type { Config } from '../config/config';
import { AppError } from '../domain/app-error';
import { describeUrl, wrapPool, type Database, type Db } from './client';
import { JOB_SCHEMA } from './job-schema';
import { migrateDatabase, MIGRATIONS_FOLDER } from './migrate';
import { becomeEmbeddedAppRole, grantAppPrivileges, prepareEmbeddedAppRole, selectCurrentUser, selectRoleStanding } from './roles';

export const SINGLE_ROLE_WARNING =
  '警告：单角色模式——应用以拥有数据表的角色（或超级用户）连接数据库，该角色能修改表结构、停用触发器并改写审计日志。' +
  '请为应用另建一个不拥有任何表的角色作为 DATABASE_URL，并把所有者的连接设为 YINFENG_OWNER_DATABASE_URL（见 README 安全一节）。';

export interface SchemaSetupResult {
  mode: 'embedded' | 'owner-url' | 'app-only' | 'single-role';
  appRole: string;
}

/** The latest migration of the code (drizzle/meta/_journal.json). */
function latestMigrationMillis(): number {
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as { entries: { when: number; tag: string }[] };
  return Math.max(0, ...journal.entries.map((e) => e.when));
}

/** Refuses to run against a schema older than the code (without the right to migrate it). */
export async function assertMigrationsApplied(db: Db): Promise<void> {
  let applied = 0;
  try {
    const result = (await db.execute(sql`select max(created_at) as last from drizzle.__drizzle_migrations`)) as unknown as { rows: { last: unknown }[] };
    applied = Number(result.rows[0]?.last ?? 0);
  } catch {
    applied = 0;
  }
  // the job engine's schema (job-schema.ts) comes with the migrations: a database migrated by an older version lacks it
  const jobSchema = (await db.execute(sql`select to_regnamespace(${JOB_SCHEMA}) is not null as ok`)) as unknown as { rows: { ok: boolean }[] };
  if (applied < latestMigrationMillis() || !jobSchema.rows[0]?.ok) {
    throw new AppError(
      'CONFLICT',
      '数据库尚未迁移到当前版本，而 DATABASE_URL 的角色不拥有数据表、无权迁移：请以表所有者身份运行 ' +
        'YINFENG_OWNER_DATABASE_URL=postgres://所有者@… DATABASE_URL=… bin/yinfeng migrate，或同时设置 YINFENG_OWNER_DATABASE_URL 启动',
    );
  }
}

async function migrateAsOwner(ownerUrl: string, appDb: Db): Promise<string> {
  const appRole = await selectCurrentUser(appDb);
  const pool = new pg.Pool({ connectionString: ownerUrl, max: 1 });
  const owner = wrapPool(pool, describeUrl(ownerUrl));
  try {
    const ownerRole = await selectCurrentUser(owner.db);
    if (ownerRole === appRole) {
      throw new AppError('VALIDATION', `YINFENG_OWNER_DATABASE_URL 与 DATABASE_URL 连接的是同一角色 "${appRole}"：应用角色须是另一个不拥有任何表的角色`);
    }
    await migrateDatabase(owner);
    await grantAppPrivileges(owner.db, appRole);
    return appRole;
  } finally {
    await owner.close();
  }
}

export async function setUpSchemaAndRole(
  config: Config['database'],
  database: Database,
  warn: (message: string) => void = (m) => console.warn(m),
): Promise<SchemaSetupResult> {
  if (database.kind === 'pglite') {
    await migrateDatabase(database);
    await prepareEmbeddedAppRole(database.db);
    await becomeEmbeddedAppRole(database.db);
    return { mode: 'embedded', appRole: await selectCurrentUser(database.db) };
  }
  const ownerUrl = config.kind === 'postgres' ? config.ownerUrl : undefined;
  if (ownerUrl) return { mode: 'owner-url', appRole: await migrateAsOwner(ownerUrl, database.db) };
  const standing = await selectRoleStanding(database.db);
  const ownsNothing = standing.migrated ? !standing.ownsAuditLog && !standing.superuser : !standing.canCreate && !standing.superuser;
  if (ownsNothing) {
    await assertMigrationsApplied(database.db);
    return { mode: 'app-only', appRole: standing.role };
  }
  await migrateDatabase(database);
  warn(SINGLE_ROLE_WARNING);
  return { mode: 'single-role', appRole: standing.role };
}
