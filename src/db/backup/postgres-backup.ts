/**
 * Backup and restore of a PostgreSQL database with the server's own tools (pg_dump custom format,
 * pg_restore), as the schema owner (YINFENG_OWNER_DATABASE_URL when set, else DATABASE_URL).
 *
 * Online: the manifest's checksums and pg_dump read one snapshot (pg_export_snapshot, pg_dump
 * --snapshot), so the file is consistent while the server keeps working. pg_dump must be at least the
 * server's major version (it refuses a newer server); the tools are looked for in
 * /usr/lib/postgresql/MAJOR/bin, /usr/pgsql-MAJOR/bin, then PATH.
 *
 * Restore: into the configured database, which must hold no tables (or --force: pg_restore --clean
 * replaces the backup's objects); in one transaction (all or nothing), objects owned by the restoring
 * owner, grants as in the backup (both roles must exist on the server); then every table is compared
 * with the manifest.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import { AppError } from '../../domain/app-error';
import { describeUrl } from '../client';
import { JOB_SCHEMA } from '../job-schema';
import { readCodeLevel, writeBackupFile, type BackupManifest, type OpenedBackup } from './manifest';
import { describeChecksumDifferences, selectMigrationLevel, selectServerVersion, selectTableChecksums, setChecksumOutputSettings, type TableChecksum } from './table-checksums';

export interface PostgresTarget {
  url: string;
  ownerUrl?: string;
}

/** The connection a backup or restore uses: the owner's when configured. */
function ownerConnection(target: PostgresTarget): { url: string; password: string | undefined; safeUrl: string } {
  const url = target.ownerUrl ?? target.url;
  const u = new URL(url);
  const password = u.password ? decodeURIComponent(u.password) : undefined;
  u.password = '';
  return { url, password, safeUrl: u.toString() };
}

interface Tool {
  path: string;
  major: number;
  version: string;
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, stdin?: NodeJS.ReadableStream): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: [stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr?.on('data', (b: Buffer) => (stderr += b.toString()));
    child.once('error', reject);
    if (stdin && child.stdin) {
      child.stdin.on('error', () => undefined); // the tool stopped reading: its exit code and stderr say why
      stdin.pipe(child.stdin);
    }
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The server's tool (pg_dump, pg_restore) of at least the server's major version, the same one preferred. */
async function findTool(name: 'pg_dump' | 'pg_restore', serverMajor: number): Promise<Tool> {
  const dirs = [`/usr/lib/postgresql/${serverMajor}/bin`, `/usr/pgsql-${serverMajor}/bin`, ...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean)];
  const found: Tool[] = [];
  for (const dir of dirs) {
    const file = path.join(dir, name);
    if (!fs.existsSync(file)) continue;
    try {
      const r = await run(file, ['--version'], process.env);
      const m = /(\d+)(?:\.(\d+))?/.exec(r.stdout);
      if (r.code === 0 && m) found.push({ path: file, major: Number(m[1]), version: r.stdout.trim() });
    } catch {
      // not runnable: try the next
    }
  }
  const fit = found.find((t) => t.major === serverMajor) ?? found.filter((t) => t.major > serverMajor).sort((a, b) => a.major - b.major)[0];
  if (fit) return fit;
  const seen = found.length ? `找到的 ${found.map((t) => `${t.path}（${t.major}）`).join('、')} 版本低于服务器；` : `未找到 ${name}；`;
  throw new AppError(
    'NOT_FOUND',
    `需要 PostgreSQL ${serverMajor} 或更新版本的 ${name}：${seen}请安装与服务器版本相同的客户端工具（Debian/Ubuntu: apt install postgresql-client-${serverMajor}；` +
      `RHEL/麒麟: dnf install postgresql${serverMajor}），或把其 bin 目录加入 PATH`,
  );
}

function toolEnv(password: string | undefined): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (password !== undefined) env.PGPASSWORD = password;
  return env;
}

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (err) {
    throw new AppError('CONFLICT', `无法连接数据库 ${describeUrl(url)}：${err instanceof Error ? err.message : String(err)}`);
  }
  return client;
}

/** Writes the backup of the configured database to `out`; returns its manifest. */
export async function backupPostgres(target: PostgresTarget, out: string): Promise<BackupManifest> {
  const conn = ownerConnection(target);
  const client = await connect(conn.url);
  const payload = `${out}.payload`;
  const removeParts = () => {
    fs.rmSync(payload, { force: true });
    fs.rmSync(`${out}.part`, { force: true });
  };
  process.on('exit', removeParts); // also when stopped half way
  try {
    const db = drizzle({ client });
    await client.query('begin isolation level repeatable read read only');
    const snapshot = (await client.query<{ s: string }>('select pg_export_snapshot() as s')).rows[0]?.s as string;
    await setChecksumOutputSettings(db);
    const server = await selectServerVersion(db);
    const tool = await findTool('pg_dump', server.major);
    const tables = await selectTableChecksums(db);
    const migrations = await selectMigrationLevel(db);
    // pg_dump reads the same snapshot while this transaction stays open
    const r = await run(tool.path, ['--format=custom', `--snapshot=${snapshot}`, `--file=${payload}`, `--dbname=${conn.safeUrl}`], toolEnv(conn.password));
    await client.query('commit');
    if (r.code !== 0) throw new AppError('INTERNAL', `pg_dump 失败（${tool.path}）：${r.stderr.trim()}`);
    return await writeBackupFile(
      out,
      {
        format: 'yinfeng-backup',
        formatVersion: 1,
        runtime: 'postgres',
        createdAt: new Date().toISOString(),
        appVersion: readCodeLevel().appVersion,
        migrations,
        server: { version: server.version, major: server.major, dumpTool: tool.version },
        source: describeUrl(conn.url),
        tables,
        payload: { encoding: 'pg_dump-custom' },
      },
      payload,
    );
  } finally {
    process.off('exit', removeParts);
    removeParts();
    await client.end().catch(() => undefined);
  }
}

export interface PostgresRestoreOutcome {
  tables: TableChecksum[];
}

async function checksumsOf(client: pg.Client): Promise<TableChecksum[]> {
  const db = drizzle({ client });
  await client.query('begin isolation level repeatable read read only');
  try {
    await setChecksumOutputSettings(db);
    return await selectTableChecksums(db);
  } finally {
    await client.query('commit');
  }
}

/** Restores a checked backup into the configured database (refusing one with tables, unless `force`). */
export async function restorePostgres(target: PostgresTarget, backup: OpenedBackup, file: string, force: boolean): Promise<PostgresRestoreOutcome> {
  const conn = ownerConnection(target);
  const client = await connect(conn.url);
  try {
    const db = drizzle({ client });
    const server = await selectServerVersion(db);
    const { rows } = await client.query<{ n: string }>(
      `select count(*) as n from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname in ('public', 'drizzle') and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')`,
    );
    const objects = Number(rows[0]?.n ?? 0);
    if (objects > 0 && !force) {
      throw new AppError(
        'CONFLICT',
        `数据库 ${describeUrl(conn.url)} 不是空的（已有 ${objects} 个表、视图或序列），恢复会替换其中的数据：确认替换请加 --force，或恢复到一个新建的空数据库`,
      );
    }
    if (objects > 0) {
      const level = await selectMigrationLevel(db);
      if (level.count > backup.manifest.migrations.count) {
        throw new AppError('CONFLICT', `数据库 ${describeUrl(conn.url)} 的版本（${level.count} 个迁移）比备份（${backup.manifest.migrations.count} 个）新，--force 也无法干净地替换：请恢复到一个新建的空数据库`);
      }
    }
    const tool = await findTool('pg_restore', Math.max(server.major, backup.manifest.server.major ?? 0));
    const args = ['--no-owner', '--single-transaction', '--exit-on-error', `--dbname=${conn.safeUrl}`];
    // over an existing database: pg_dump's --clean script cannot drop the job engine's partitions' inherited
    // constraints (PostgreSQL 15), and that schema holds only transient queue state that `migrate` installs and
    // the engine rebuilds (import jobs live in import_jobs, which is restored): it is left as it is
    let listFile: string | null = null;
    if (objects > 0) {
      // every entry of the archive but the job schema's (pg_restore's --exclude-schema still drops the schema itself)
      const listed = await run(tool.path, ['--list'], toolEnv(conn.password), backup.payloadStream());
      if (listed.code !== 0) throw new AppError('INTERNAL', `pg_restore 读不出备份 ${file} 的目录：${listed.stderr.trim()}`);
      const inJobSchema = new RegExp(`(^|\\s)${JOB_SCHEMA}(\\s|$)`);
      listFile = path.join(os.tmpdir(), `yinfeng-restore-${process.pid}-${Date.now()}.list`);
      fs.writeFileSync(listFile, listed.stdout.split('\n').filter((l) => l.startsWith(';') || !inJobSchema.test(l)).join('\n'));
      args.push('--clean', '--if-exists', `--use-list=${listFile}`);
    }
    const r = await run(tool.path, args, toolEnv(conn.password), backup.payloadStream()).finally(() => {
      if (listFile) fs.rmSync(listFile, { force: true });
    });
    if (r.code !== 0) {
      throw new AppError(
        'INTERNAL',
        `pg_restore 失败，数据库未改变（恢复在一个事务中进行）：${r.stderr.trim()}\n` +
          '若提示角色不存在：请先在服务器上按 README 创建所有者与应用角色；若提示权限不足：请用表所有者的连接（YINFENG_OWNER_DATABASE_URL）恢复',
      );
    }
    const tables = await checksumsOf(client);
    const problems = describeChecksumDifferences(backup.manifest.tables, tables);
    if (problems.length > 0) throw new AppError('INTERNAL', `恢复后的数据与备份 ${file} 的清单不符：${problems.slice(0, 20).join('；')}`);
    return { tables };
  } finally {
    await client.end().catch(() => undefined);
  }
}
