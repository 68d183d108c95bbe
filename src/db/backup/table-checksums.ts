/**
 * Row count and checksum of every table of the application (schemas public and drizzle), in one
 * snapshot: what a backup's manifest records and a restore compares. A table's checksum is the md5
 * of its rows' md5s in sorted order, each row as PostgreSQL's text of the whole row under fixed
 * output settings (UTC, ISO dates), so it is the same on any server and either runtime.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../client';

export interface TableChecksum {
  /** schema.table */
  table: string;
  rows: number;
  md5: string;
}

type Executor = Pick<Db, 'execute'>;

async function rows<T>(db: Executor, statement: ReturnType<typeof sql>): Promise<T[]> {
  return ((await db.execute(statement)) as unknown as { rows: T[] }).rows;
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Sets the output settings a checksum depends on, for the rest of the transaction. */
export async function setChecksumOutputSettings(db: Executor): Promise<void> {
  for (const s of ["set local timezone = 'UTC'", "set local datestyle = 'ISO, YMD'", "set local intervalstyle = 'postgres'", 'set local extra_float_digits = 3', "set local bytea_output = 'hex'"]) {
    await db.execute(sql.raw(s));
  }
}

/** Every table's row count and checksum; call inside a transaction after setChecksumOutputSettings. */
export async function selectTableChecksums(db: Executor): Promise<TableChecksum[]> {
  const tables = await rows<{ schema: string; name: string }>(
    db,
    sql`select n.nspname as schema, c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where c.relkind = 'r' and n.nspname in ('public', 'drizzle') order by n.nspname, c.relname`,
  );
  const out: TableChecksum[] = [];
  for (const t of tables) {
    const q = `${quoteIdent(t.schema)}.${quoteIdent(t.name)}`;
    const [r] = await rows<{ rows: string | number; md5: string }>(
      db,
      sql.raw(`select count(*) as rows, md5(coalesce(string_agg(h, '' order by h), '')) as md5 from (select md5(t::text) as h from ${q} t) x`),
    );
    out.push({ table: `${t.schema}.${t.name}`, rows: Number(r?.rows ?? 0), md5: String(r?.md5 ?? '') });
  }
  return out;
}

/** Runs selectTableChecksums in its own read-only repeatable-read transaction. */
export async function computeTableChecksums(db: Db): Promise<TableChecksum[]> {
  return db.transaction(
    async (tx) => {
      await setChecksumOutputSettings(tx);
      return selectTableChecksums(tx);
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

/** Where two lists differ, as Chinese lines (empty when equal). */
export function describeChecksumDifferences(expected: TableChecksum[], actual: TableChecksum[]): string[] {
  const got = new Map(actual.map((t) => [t.table, t]));
  const problems: string[] = [];
  for (const e of expected) {
    const a = got.get(e.table);
    if (!a) problems.push(`表 ${e.table} 不存在`);
    else if (a.rows !== e.rows) problems.push(`表 ${e.table} 行数 ${a.rows}，备份时为 ${e.rows}`);
    else if (a.md5 !== e.md5) problems.push(`表 ${e.table} 内容校验和不符`);
    got.delete(e.table);
  }
  for (const extra of got.keys()) problems.push(`多出备份中没有的表 ${extra}`);
  return problems;
}

export interface MigrationLevel {
  count: number;
  /** drizzle's created_at of the newest applied migration (the journal's `when`) */
  lastCreatedAt: number;
}

/** The drizzle migrations applied to this database (none when it was never migrated). */
export async function selectMigrationLevel(db: Executor): Promise<MigrationLevel> {
  const [exists] = await rows<{ t: string | null }>(db, sql`select to_regclass('drizzle.__drizzle_migrations')::text as t`);
  if (!exists?.t) return { count: 0, lastCreatedAt: 0 };
  const [r] = await rows<{ count: string | number; last: string | number | null }>(db, sql`select count(*) as count, max(created_at) as last from drizzle.__drizzle_migrations`);
  return { count: Number(r?.count ?? 0), lastCreatedAt: Number(r?.last ?? 0) };
}

export async function selectServerVersion(db: Executor): Promise<{ version: string; major: number }> {
  const [r] = await rows<{ version: string; num: string }>(db, sql`select version() as version, current_setting('server_version_num') as num`);
  return { version: String(r?.version ?? ''), major: Math.floor(Number(r?.num ?? 0) / 10000) };
}
