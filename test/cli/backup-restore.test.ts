/**
 * bin/yinfeng backup and restore on both runtimes: data made through the app's services (the demo
 * seed: users, parks, projects, receipts, enterprises, targets, their audit rows), backed up, restored
 * into a fresh place, every table compared (row count and checksum), then the app started on it
 * (/api/health and a login). Wrong files and non-empty targets are refused with clear messages.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { loadConfig } from '../../src/config/config';
import { createPglite, wrapPglite, type Database } from '../../src/db/client';
import { computeTableChecksums, type TableChecksum } from '../../src/db/backup/table-checksums';
import { seedDemo, DEMO_PASSWORD } from '../../src/seed/demo';
import { DATABASE_KINDS, createTestDatabase } from '../helpers/databases';
import { withDatabase } from '../helpers/global-setup';
import { cleanEnv, runCli, startServe } from './processes';

const CLI_TIMEOUT = 240_000;

async function checksumsOfDir(dataDir: string): Promise<TableChecksum[]> {
  const client = await createPglite({ dataDir: path.join(dataDir, 'pgdata') });
  try {
    return await computeTableChecksums(wrapPglite(client, dataDir).db);
  } finally {
    await client.close();
  }
}

async function checksumsOfUrl(url: string): Promise<TableChecksum[]> {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  try {
    const { drizzle } = await import('drizzle-orm/node-postgres');
    return await computeTableChecksums(drizzle({ client: pool }) as unknown as Database['db']);
  } finally {
    await pool.end();
  }
}

function rowsOf(tables: TableChecksum[], name: string): number {
  return tables.find((t) => t.table === `public.${name}`)?.rows ?? -1;
}

/** The data the test made is really there: users, projects, receipts, audit rows, enterprises. */
function expectSeeded(tables: TableChecksum[]): void {
  for (const name of ['users', 'projects', 'audit_log', 'enterprises', 'regions']) expect(rowsOf(tables, name), name).toBeGreaterThan(0);
  expect(tables.some((t) => /receipt|funds/.test(t.table) && t.rows > 0)).toBe(true);
}

async function expectAppWorks(env: NodeJS.ProcessEnv): Promise<void> {
  const server = await startServe(env, 120_000);
  try {
    expect((await fetch(`${server.base}/api/health`)).status).toBe(200);
    const login = await fetch(`${server.base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.base },
      body: JSON.stringify({ username: 'officer', password: DEMO_PASSWORD }),
      signal: AbortSignal.timeout(20_000),
    });
    expect(login.status, await login.clone().text()).toBe(200);
  } finally {
    expect(await server.stop()).toBe(0);
  }
}

describe('backup and restore', () => {
  const dirs: string[] = [];
  const tempDir = (prefix: string) => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    dirs.push(d);
    return d;
  };
  const cleanups: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const c of cleanups) await c();
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  it.runIf(DATABASE_KINDS.includes('pglite'))('pglite: a stopped data directory backs up, restores into a fresh directory identical table by table, and serves', { timeout: 900_000 }, async () => {
    const src = tempDir('yinfeng-backup-src-');
    const dst = tempDir('yinfeng-backup-dst-');
    const files = tempDir('yinfeng-backup-files-');
    const file = path.join(files, 'yinfeng.backup');
    // the data: the migrated template, then the demo seed through the services
    const client = await createPglite({ dataDir: path.join(src, 'pgdata'), loadDataDir: new Blob([fs.readFileSync(inject('pgliteTemplate'))]) });
    const database = wrapPglite(client, src);
    await seedDemo({ db: database.db, config: loadConfig(cleanEnv({ YINFENG_DATA_DIR: src })) });
    await client.close();
    const before = await checksumsOfDir(src);
    expectSeeded(before);

    // a running server holds the data directory: no online backup of the embedded database
    const running = await startServe(cleanEnv({ YINFENG_DATA_DIR: src, YINFENG_ROLLUP_WARMUP: 'false' }), 120_000);
    try {
      const refused = await runCli(['backup', '--out', file], cleanEnv({ YINFENG_DATA_DIR: src }), CLI_TIMEOUT);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('运行中的服务不能在线备份');
      expect(refused.stderr).toContain('yinfeng serve');
      expect(fs.existsSync(file)).toBe(false);
    } finally {
      await running.stop();
    }
    const afterServe = await checksumsOfDir(src); // serve may have written (sessions, warm-up): compare with what is backed up

    const backup = await runCli(['backup', '--out', file], cleanEnv({ YINFENG_DATA_DIR: src }), CLI_TIMEOUT);
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toContain(`已备份到 ${file}`);
    expect(fs.readFileSync(file).subarray(0, 17).toString()).toBe('YINFENG-BACKUP 1\n');
    expect(fs.existsSync(path.join(src, 'yinfeng.lock'))).toBe(false);
    const again = await runCli(['backup', '--out', file], cleanEnv({ YINFENG_DATA_DIR: src }), CLI_TIMEOUT);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('已存在');

    // a PGlite backup is not restored into PostgreSQL (refused before any connection)
    const cross = await runCli(['restore', file], cleanEnv({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' }), CLI_TIMEOUT);
    expect(cross.code).toBe(1);
    expect(cross.stderr).toContain('嵌入式数据库（PGlite 数据目录）的备份');
    expect(cross.stderr).toContain('不能互相恢复');
    // not a backup; a damaged one
    const junk = path.join(files, 'junk.backup');
    fs.writeFileSync(junk, 'hello');
    const notBackup = await runCli(['restore', junk], cleanEnv({ YINFENG_DATA_DIR: dst }), CLI_TIMEOUT);
    expect(notBackup.code).toBe(1);
    expect(notBackup.stderr).toContain('不是 Yinfeng 备份文件');
    const damaged = path.join(files, 'damaged.backup');
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 100] = (bytes[bytes.length - 100] ?? 0) ^ 0xff;
    fs.writeFileSync(damaged, bytes);
    const bad = await runCli(['restore', damaged], cleanEnv({ YINFENG_DATA_DIR: dst }), CLI_TIMEOUT);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('已损坏');
    expect(fs.existsSync(path.join(dst, 'pgdata'))).toBe(false);

    const restore = await runCli(['restore', file], cleanEnv({ YINFENG_DATA_DIR: dst }), CLI_TIMEOUT);
    expect(restore.code, restore.stderr).toBe(0);
    expect(restore.stdout).toContain('逐表核对行数与校验和：一致');
    const restored = await checksumsOfDir(dst);
    expect(restored).toEqual(afterServe);
    expectSeeded(restored);
    expect(rowsOf(restored, 'users')).toBe(rowsOf(before, 'users'));

    // the target now holds a database: refused without --force, replaced (old one kept) with it
    const over = await runCli(['restore', file], cleanEnv({ YINFENG_DATA_DIR: dst }), CLI_TIMEOUT);
    expect(over.code).toBe(1);
    expect(over.stderr).toContain('--force');
    const forced = await runCli(['restore', file, '--force'], cleanEnv({ YINFENG_DATA_DIR: dst }), CLI_TIMEOUT);
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stdout).toContain('原数据库保留在');
    expect(fs.readdirSync(dst).some((n) => n.startsWith('pgdata.before-restore-'))).toBe(true);

    await expectAppWorks(cleanEnv({ YINFENG_DATA_DIR: dst, YINFENG_ROLLUP_WARMUP: 'false' }));
  });

  it.runIf(DATABASE_KINDS.includes('postgres'))('postgres: pg_dump backs up a live database, restores into a fresh database identical table by table, and serves', { timeout: 900_000 }, async () => {
    const source = await createTestDatabase('postgres');
    cleanups.push(() => source.close());
    const serverUrl = process.env.TEST_DATABASE_URL as string;
    const name = `yinfeng_h_restore_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${name} template template0 encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'`);
    await admin.end();
    cleanups.push(async () => {
      const a = new pg.Client({ connectionString: serverUrl });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    });
    const target = withDatabase(serverUrl, name);
    await seedDemo({ db: source.db, config: loadConfig(cleanEnv({ DATABASE_URL: source.url as string })) });
    const files = tempDir('yinfeng-backup-files-');
    const file = path.join(files, 'yinfeng-pg.backup');

    const backup = await runCli(['backup', '--out', file], cleanEnv({ DATABASE_URL: source.url as string }), CLI_TIMEOUT);
    expect(backup.code, backup.stderr).toBe(0);
    const before = await checksumsOfUrl(source.url as string);
    expectSeeded(before);

    // a PostgreSQL backup is not restored into an embedded data directory
    const cross = await runCli(['restore', file], cleanEnv({ YINFENG_DATA_DIR: tempDir('yinfeng-backup-x-') }), CLI_TIMEOUT);
    expect(cross.code).toBe(1);
    expect(cross.stderr).toContain('PostgreSQL 服务器的备份');

    const restore = await runCli(['restore', file], cleanEnv({ DATABASE_URL: target }), CLI_TIMEOUT);
    expect(restore.code, restore.stderr).toBe(0);
    expect(restore.stdout).toContain('逐表核对行数与校验和：一致');
    expect(await checksumsOfUrl(target)).toEqual(before);

    const over = await runCli(['restore', file], cleanEnv({ DATABASE_URL: target }), CLI_TIMEOUT);
    expect(over.code).toBe(1);
    expect(over.stderr).toContain('不是空的');
    expect(over.stderr).toContain('--force');
    const forced = await runCli(['restore', file, '--force'], cleanEnv({ DATABASE_URL: target }), CLI_TIMEOUT);
    expect(forced.code, forced.stderr).toBe(0);
    expect(await checksumsOfUrl(target)).toEqual(before);

    await expectAppWorks(cleanEnv({ DATABASE_URL: target, YINFENG_ROLLUP_WARMUP: 'false' }));
  });
});
