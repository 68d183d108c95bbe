/**
 * npm run bench:enterprises:import — the enterprise registry import at volume, through the job code
 * the API and the CLI run (createRunningImportJobFromFile + executeImportJob).
 *
 * 1. Generates BENCH_ROWS (default 1,000,000) enterprises as a CSV (generateEnterprises), and an
 *    update file of BENCH_UPDATE_ROWS (default 5 % of them): earlier enterprises with newer data
 *    (a later 数据日期, more staff, changed capital, some renamed, some deregistered) plus new ones.
 * 2. PostgreSQL (BENCH_DATABASE_URL, a fresh database created and dropped here): imports the big
 *    file into the empty database, then the update file (merge, history, search keys).
 * 3. PGlite (a fresh data directory): BENCH_PGLITE_ROWS (default 100,000) rows.
 * Each database runs in a child process, so the peak RSS (maxRSS) printed is that import's alone.
 * PostgreSQL on this machine: the CPU time of the database's server processes (read from
 * /proc/<pid>/stat every second while the import runs) is printed beside the wall time: on a
 * machine shared with other work, CPU time compares two versions far better than wall time.
 * Targets (issue 5): 1,000,000 rows into PostgreSQL < 120 s and < 1 GiB; 100,000 into PGlite < 120 s.
 */
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { loadConfig } from '../src/config/config';
import { createPglite, wrapPglite, wrapPool, type Database } from '../src/db/client';
import { migrateDatabase } from '../src/db/migrate';
import { executeImportJob } from '../src/jobs/enterprise-imports/import-jobs';
import { defaultKeyThreads } from '../src/jobs/enterprise-imports/enterprise-import-job';
import { ENTERPRISE_FILE_HEADERS, generateEnterprise, toEnterpriseFileCells, type GeneratedEnterprise } from '../src/seed/enterprise-generator';
import type { Caller } from '../src/services/context';
import { createRunningImportJobFromFile } from '../src/services/enterprise-imports/import-jobs';
import { loadReferenceData } from '../src/services/reference-data';
import { createSystemCaller } from '../src/services/context';
import { createUser } from '../src/services/accounts/users';
import { selectUserById } from '../src/db/queries/accounts/users';
import { listPermissions, type Role } from '../src/domain/roles';
import { sql } from 'drizzle-orm';

const SERVER = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const UPDATE_ROWS = Number(process.env.BENCH_UPDATE_ROWS ?? Math.round(ROWS * 0.05));
const PGLITE_ROWS = Number(process.env.BENCH_PGLITE_ROWS ?? 100_000);
const KEY_THREADS = process.env.BENCH_KEY_THREADS === undefined ? defaultKeyThreads() : Number(process.env.BENCH_KEY_THREADS);
const SEED = 20260101;

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

function csvCell(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

interface Vocabulary {
  regionCodes: string[];
  industryCodes: string[];
}

async function writeCsv(file: string, count: number, row: (i: number) => Record<string, string>): Promise<void> {
  const out = fs.createWriteStream(file);
  out.write(`${ENTERPRISE_FILE_HEADERS.join(',')}\n`);
  for (let i = 0; i < count; i++) {
    const cells = row(i);
    if (!out.write(`${ENTERPRISE_FILE_HEADERS.map((h) => csvCell(cells[h] ?? '')).join(',')}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

/** The same enterprise with newer data: what a registry refresh brings. */
function newerData(e: GeneratedEnterprise, i: number): GeneratedEnterprise {
  const renamed = i % 10 === 0;
  return {
    ...e,
    name: renamed ? e.name.replace(/(有限公司|股份有限公司)$/, '科技$1') : e.name,
    employees: (e.employees ?? 10) + 5 + (i % 50),
    registeredCapitalYuan: e.registeredCapitalYuan === null ? 1_000_000n : (e.registeredCapitalYuan * 11n) / 10n,
    status: i % 25 === 0 ? 'deregistered' : e.status,
    tags: i % 7 === 0 ? [...new Set([...e.tags, '专精特新'])] : e.tags,
  };
}

async function generateFiles(dir: string, vocab: Vocabulary) {
  const opts = { seed: SEED, ...vocab };
  const big = path.join(dir, 'enterprises.csv');
  const update = path.join(dir, 'enterprises-update.csv');
  const small = path.join(dir, 'enterprises-pglite.csv');
  let t = performance.now();
  await writeCsv(big, ROWS, (i) => toEnterpriseFileCells(generateEnterprise(i, opts), '企业登记信息（生成）', '2024-06-30'));
  console.log(`generated ${ROWS} rows (${mib(fs.statSync(big).size)}) in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  t = performance.now();
  const renewed = Math.round(UPDATE_ROWS * 0.8);
  const step = Math.max(1, Math.floor(ROWS / Math.max(1, renewed)));
  await writeCsv(update, UPDATE_ROWS, (i) =>
    i < renewed
      ? toEnterpriseFileCells(newerData(generateEnterprise(i * step, opts), i), '企业年报（生成）', '2025-03-31')
      : toEnterpriseFileCells(generateEnterprise(ROWS + i, opts), '企业年报（生成）', '2025-03-31'),
  );
  await writeCsv(small, PGLITE_ROWS, (i) => toEnterpriseFileCells(generateEnterprise(i, opts), '企业登记信息（生成）', '2024-06-30'));
  console.log(`generated the update file (${UPDATE_ROWS} rows: ${renewed} newer data, ${UPDATE_ROWS - renewed} new) and the PGlite file (${PGLITE_ROWS}) in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return { big, update, small };
}

async function vocabularyOf(database: Database): Promise<Vocabulary> {
  const res = (await database.db.execute(sql`select code from regions where level = 'county' and active order by code`)) as unknown as { rows: { code: string }[] };
  const ind = (await database.db.execute(sql`select code from industries where length(code) = 2 order by code`)) as unknown as { rows: { code: string }[] };
  const all = res.rows.map((r) => r.code);
  // a few hundred counties across the country
  return { regionCodes: all.filter((_, i) => i % 10 === 0), industryCodes: ind.rows.map((r) => r.code) };
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function benchUser(database: Database): Promise<Caller> {
  const config = loadConfig({});
  const user = await createUser({ db: database.db, config }, createSystemCaller('bench'), {
    username: `bench_${process.pid}`,
    displayName: '基准测试',
    regionCode: '650109',
    password: 'Bench@pass-2026',
    roles: ['analyst'],
    mustChangePassword: false,
  });
  const u = await selectUserById(database.db, user.id);
  if (!u) throw new Error('no bench user');
  const roles = u.roles as Role[];
  return {
    actor: { id: u.id, username: u.username, displayName: u.displayName, roles, permissions: listPermissions(roles), regionCode: u.regionCode, regionPath: u.regionPath },
    clientIp: null,
    requestId: null,
  };
}

interface RunFigures {
  file: string;
  rows: number;
  seconds: number;
  reading: number;
  merging: number;
  copySeconds: number;
  counts: unknown;
  mergeSteps: Record<string, number>;
  /** CPU time of this process (main thread and worker threads) during the import */
  cpuSeconds: number;
  /** PostgreSQL: CPU time of the server processes of the bench database during the import (null elsewhere) */
  serverCpuSeconds: number | null;
}

/**
 * CPU seconds of the PostgreSQL server processes serving this database, sampled every second:
 * utime + stime of /proc/<pid>/stat for each backend pg_stat_activity lists (the server runs on
 * this machine). A backend that ends between samples loses at most its last second.
 */
function watchServerCpu(pool: pg.Pool) {
  const ticks = new Map<number, { first: number; last: number }>();
  const hz = 100; // USER_HZ on Linux
  const read = (pid: number): number | null => {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return Number(fields[11]) + Number(fields[12]);
    } catch {
      return null;
    }
  };
  const sample = async () => {
    const res = await pool.query<{ pid: number }>(`select pid from pg_stat_activity where datname = current_database()`);
    for (const { pid } of res.rows) {
      const t = read(pid);
      if (t === null) continue;
      const seen = ticks.get(pid);
      if (seen) seen.last = t;
      else ticks.set(pid, { first: t, last: t });
    }
  };
  let timer: NodeJS.Timeout | null = null;
  const loop = () => {
    timer = setTimeout(() => void sample().catch(() => undefined).then(() => timer && loop()), 1000);
  };
  return {
    async start() {
      await sample();
      loop();
    },
    async stop(): Promise<number> {
      await sample().catch(() => undefined);
      if (timer) clearTimeout(timer);
      timer = null;
      let total = 0;
      for (const t of ticks.values()) total += t.last - t.first;
      return total / hz;
    },
  };
}

async function importFile(database: Database, dataDir: string, caller: Caller, file: string, source: string, sourceDate: string): Promise<RunFigures> {
  const serverCpu = database.kind === 'postgres' ? watchServerCpu(database.pool) : null;
  await serverCpu?.start();
  const config = { ...loadConfig({ YINFENG_DATA_DIR: dataDir }) };
  const deps = { db: database.db, config };
  const worker = `bench:${process.pid}`;
  const t0 = performance.now();
  const job = await createRunningImportJobFromFile(deps, caller, file, { kind: 'enterprises', fileName: path.basename(file), source, sourceDate }, worker);
  const copySeconds = (performance.now() - t0) / 1000;
  let lastLine = 0;
  const t1 = performance.now();
  const cpu0 = process.cpuUsage();
  const done = await executeImportJob(database, job, {
    caller,
    worker,
    keyThreads: KEY_THREADS,
    onProgress: (p) => {
      const now = performance.now();
      if (now - lastLine < 5_000) return;
      lastLine = now;
      const pct = p.fileBytes > 0 ? Math.round((100 * p.bytesRead) / p.fileBytes) : 0;
      const m = process.memoryUsage();
      process.stderr.write(
        `  … ${p.phase} ${p.rowsRead} rows, ${pct} % of the file, ${((now - t1) / 1000).toFixed(0)} s, RSS ${mib(m.rss)} (main heap ${mib(m.heapUsed)}, external ${mib(m.external)})\n`,
      );
    },
  });
  const seconds = (performance.now() - t1) / 1000;
  const serverCpuSeconds = serverCpu ? await serverCpu.stop() : null;
  if (!done || done.status !== 'succeeded') throw new Error(`import failed: ${done?.status} ${done?.error} ${JSON.stringify(done?.result).slice(0, 2000)}`);
  const result = done.result as { rows: number; counts: unknown; seconds: { reading: number; merging: number; mergeSteps?: Record<string, number> } };
  return {
    file: path.basename(file),
    rows: result.rows,
    seconds,
    reading: result.seconds.reading,
    merging: result.seconds.merging,
    mergeSteps: result.seconds.mergeSteps ?? {},
    copySeconds,
    counts: result.counts,
    serverCpuSeconds,
    cpuSeconds: (() => {
      const u = process.cpuUsage(cpu0);
      return (u.user + u.system) / 1e6;
    })(),
  };
}

function printRun(label: string, r: RunFigures) {
  console.log(
    `${label}: ${r.rows} rows in ${r.seconds.toFixed(1)} s = ${Math.round(r.rows / r.seconds)} rows/s ` +
      `(reading+staging ${r.reading.toFixed(1)} s, merging ${r.merging.toFixed(1)} s; copying the upload into the data directory ${r.copySeconds.toFixed(1)} s before), counts ${JSON.stringify(r.counts)}`,
  );
  console.log(
    `  merge steps (s): ${JSON.stringify(r.mergeSteps)}; CPU time of the importing process ${r.cpuSeconds.toFixed(1)} s` +
      (r.serverCpuSeconds === null ? '' : `, of the PostgreSQL server processes ${r.serverCpuSeconds.toFixed(1)} s`),
  );
}

async function childPostgres(files: { big: string; update: string }, dataDir: string) {
  const name = `yinfeng_bench_ent_${process.pid}`;
  const admin = new pg.Client({ connectionString: SERVER });
  await admin.connect();
  admin.on('error', () => undefined);
  await admin.query(`create database ${name} template template0 encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'`);
  const pool = new pg.Pool({ connectionString: withDatabase(SERVER, name), max: 4 });
  pool.on('error', () => undefined);
  const database = wrapPool(pool, name);
  try {
    await migrateDatabase(database);
    await loadReferenceData({ db: database.db, config: loadConfig({}) });
    const caller = await benchUser(database);
    const first = await importFile(database, dataDir, caller, files.big, '企业登记信息（生成）', '2024-06-30');
    printRun('PostgreSQL, empty database', first);
    const rss1 = process.resourceUsage().maxRSS * 1024;
    console.log(`  peak RSS so far ${mib(rss1)}`);
    const second = await importFile(database, dataDir, caller, files.update, '企业年报（生成）', '2025-03-31');
    printRun('PostgreSQL, update file (merge)', second);
    const size = (await pool.query(`select pg_size_pretty(pg_total_relation_size('enterprises')) as s, (select count(*) from enterprise_field_changes) as h`)).rows[0] as { s: string; h: string };
    const rss = process.resourceUsage().maxRSS * 1024;
    console.log(`  enterprises table with indexes ${size.s}; ${size.h} history rows; peak RSS ${mib(rss)}`);
    console.log(first.seconds < 120 && rss < 1024 ** 3 ? `target met (${ROWS} rows < 120 s, < 1 GiB)` : `target MISSED (${ROWS} rows < 120 s, < 1 GiB)`);
  } finally {
    await database.close();
    if (process.env.BENCH_KEEP_DB === '1') console.log(`kept database ${name}`);
    else await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

async function childPglite(file: string, dataDir: string) {
  fs.mkdirSync(dataDir, { recursive: true });
  const client = await createPglite({ dataDir: path.join(dataDir, 'pgdata') });
  const database = wrapPglite(client, dataDir);
  try {
    await migrateDatabase(database);
    await loadReferenceData({ db: database.db, config: loadConfig({}) });
    const caller = await benchUser(database);
    const r = await importFile(database, dataDir, caller, file, '企业登记信息（生成）', '2024-06-30');
    printRun('PGlite, empty database', r);
    const rss = process.resourceUsage().maxRSS * 1024;
    console.log(`  peak RSS ${mib(rss)}`);
    console.log(r.seconds < 120 ? `target met (${r.rows} rows < 120 s)` : `target MISSED (${r.rows} rows < 120 s)`);
  } finally {
    await database.close();
  }
}

async function main() {
  const [mode, ...args] = process.argv.slice(2);
  if (mode === '--child-postgres') return childPostgres({ big: args[0] as string, update: args[1] as string }, args[2] as string);
  if (mode === '--child-pglite') return childPglite(args[0] as string, args[1] as string);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yinfeng-bench-ent-'));
  try {
    // the vocabulary (regions, industries) from a scratch PGlite with the reference data
    const client = await createPglite();
    const scratch = wrapPglite(client, 'memory');
    await migrateDatabase(scratch);
    await loadReferenceData({ db: scratch.db, config: loadConfig({}) });
    const vocab = await vocabularyOf(scratch);
    await scratch.close();
    const files = await generateFiles(dir, vocab);
    console.log(`search keys: ${KEY_THREADS} worker thread(s); ${os.availableParallelism()} cores; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    const self = fileURLToPath(import.meta.url);
    const run = (childArgs: string[]) => {
      const r = spawnSync(process.execPath, [...process.execArgv, self, ...childArgs], { stdio: 'inherit', env: process.env });
      if (r.status !== 0) throw new Error(`child ${childArgs[0]} exited with ${r.status}`);
    };
    if (process.env.BENCH_SKIP_POSTGRES !== '1') run(['--child-postgres', files.big, files.update, path.join(dir, 'pg-data')]);
    if (process.env.BENCH_SKIP_PGLITE !== '1' && PGLITE_ROWS > 0) run(['--child-pglite', files.small, path.join(dir, 'pglite-data')]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
