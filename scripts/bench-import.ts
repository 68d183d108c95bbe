/**
 * npm run bench:import — 100,000 projects and 1,000,000 fund rows (CSV, written as streams) imported
 * into a fresh database on the PostgreSQL at BENCH_DATABASE_URL through the same service as the CLI.
 * Prints rows/s, seconds and peak RSS per file. Target: under 60 s and 1 GiB in total.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import pg from 'pg';
import { loadConfig } from '../src/config/config';
import { wrapPool } from '../src/db/client';
import { migrateDatabase } from '../src/db/migrate';
import { createSystemCaller } from '../src/services/context';
import { runImport } from '../src/services/imports/run-import';
import { loadReferenceData } from '../src/services/reference-data';

const SERVER = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PROJECTS = Number(process.env.BENCH_PROJECTS ?? 100_000);
const MONTHS = 10;
const REGIONS = ['650109', '650102', '650103', '650104', '650105', '650106', '650107'];

async function writeLines(file: string, header: string, count: number, line: (i: number) => string): Promise<void> {
  const out = fs.createWriteStream(file);
  out.write(`${header}\n`);
  for (let i = 0; i < count; i++) {
    if (!out.write(`${line(i)}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yinfeng-bench-'));
  const name = `yinfeng_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: SERVER });
  await admin.connect();
  admin.on('error', () => undefined);
  await admin.query(`create database ${name} template template0 encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'`);
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
  const pool = new pg.Pool({ connectionString: withDatabase(SERVER, name), max: 4 });
  pool.on('error', () => undefined); // idle clients are terminated when the database is dropped
  const database = wrapPool(pool, name);
  try {
    const config = loadConfig({});
    await migrateDatabase(database);
    await loadReferenceData({ db: database.db, config });
    const projectsFile = path.join(dir, 'projects.csv');
    const fundsFile = path.join(dir, 'funds.csv');
    let t = performance.now();
    await writeLines(projectsFile, '项目编号,项目名称,地区代码,投资方,资金来源,行业代码,阶段,计划总投资(万元),签约额(万元),签约日期', PROJECTS, (i) =>
      [`BX${String(i).padStart(7, '0')}`, `基准项目${i}`, REGIONS[i % REGIONS.length], `投资方${i % 5000}`, i % 2 ? '区内' : '区外', 'C38', '签约', `${1000 + (i % 997)}.5`, `${800 + (i % 991)}`, '2024-01-15'].join(','),
    );
    await writeLines(fundsFile, '项目编号,月份,金额(万元),备注', PROJECTS * MONTHS, (i) =>
      [`BX${String(Math.floor(i / MONTHS)).padStart(7, '0')}`, `2024-${String((i % MONTHS) + 1).padStart(2, '0')}`, `${(i % 500) + 1}.25`, i % 7 ? '' : '银行回单'].join(','),
    );
    console.log(`generated ${PROJECTS} projects and ${PROJECTS * MONTHS} fund rows in ${((performance.now() - t) / 1000).toFixed(1)} s (${dir})`);

    const caller = createSystemCaller(`bench-${os.userInfo().username}`);
    const deps = { db: database.db, config };
    let totalRows = 0;
    const started = performance.now();
    for (const file of [projectsFile, fundsFile]) {
      t = performance.now();
      const buffer = fs.readFileSync(file);
      const result = await runImport(deps, caller, buffer, { fileName: path.basename(file) });
      const secs = (performance.now() - t) / 1000;
      const rows = Object.values(result.rows).reduce((a, b) => a + (b ?? 0), 0);
      totalRows += rows;
      if (result.rejectedTotal > 0) throw new Error(`rejected: ${JSON.stringify(result.rejected.slice(0, 5))}`);
      console.log(`${path.basename(file)}: ${rows} rows in ${secs.toFixed(1)} s = ${Math.round(rows / secs)} rows/s, counts ${JSON.stringify(result.counts)}, RSS now ${mib(process.memoryUsage().rss)}`);
    }
    const total = (performance.now() - started) / 1000;
    peak = Math.max(peak, process.memoryUsage().rss);
    const maxRss = process.resourceUsage().maxRSS * 1024;
    console.log(`total: ${totalRows} rows in ${total.toFixed(1)} s = ${Math.round(totalRows / total)} rows/s; peak RSS ${mib(Math.max(peak, maxRss))} (sampled ${mib(peak)}, maxRSS ${mib(maxRss)})`);
    console.log(total < 60 && Math.max(peak, maxRss) < 1024 ** 3 ? 'target met (< 60 s, < 1 GiB)' : 'target MISSED (< 60 s, < 1 GiB)');
  } finally {
    clearInterval(sampler);
    await database.close();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
