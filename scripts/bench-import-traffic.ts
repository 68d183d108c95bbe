/**
 * npm run bench:import-traffic — issue 10 item 5: other users keep working while a large
 * enterprise import runs on PostgreSQL.
 *
 * 1. A fresh database (yinfeng_bench_traffic_<pid>, dropped at the end unless BENCH_KEEP_DB=1) on
 *    BENCH_DATABASE_URL's server, set up as `yinfeng serve` does: migrated by the owner, the server
 *    working as a role that owns nothing (BENCH_APP_ROLE, default yinfeng_bench_app, created if
 *    missing); the demo data (projects, enterprises) and an officer of 米东区 to sign in as.
 * 2. A real server (buildApp) listening on 127.0.0.1 (a free port), with the server's pool and limits.
 * 3. BENCH_ROWS (default 1,000,000) generated enterprises imported as a background job in the same
 *    process, as `yinfeng serve` runs them — into a table that holds only the demo enterprises, so
 *    the import takes the bulk path (a large load into a small table).
 * 4. Meanwhile BENCH_CLIENTS (default 6) clients, each pausing BENCH_THINK_MS (default 200 ms) between
 *    requests, call in turn GET /api/auth/me, GET /api/projects (a page of the project list) and
 *    GET /api/enterprises?q=… (enterprise search). The loop is bounded: it stops when the import
 *    ends, after BENCH_MAX_SECONDS (default 1800 s) or BENCH_MAX_REQUESTS (default 200,000)
 *    requests, whichever comes first. Each request gives up after 30 s (counted as an error).
 *    The same traffic first runs BENCH_QUIET_SECONDS (default 15 s) without an import, for comparison.
 * Prints the import's time and counts, and per endpoint: requests, errors (non-2xx or timeouts),
 * p50, p95 and max in ms, for the quiet period and during the import. Target: p95 < 1000 ms during
 * the import for every endpoint, no errors.
 */
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { loadConfig } from '../src/config/config';
import { prepareDatabase } from '../src/cli/prepare-database';
import { ensureRole } from '../src/db/roles';
import { wrapPool } from '../src/db/client';
import { buildApp } from '../src/http/app';
import { executeImportJob } from '../src/jobs/enterprise-imports/import-jobs';
import { defaultKeyThreads } from '../src/jobs/enterprise-imports/enterprise-import-job';
import { ENTERPRISE_FILE_HEADERS, generateEnterprise, toEnterpriseFileCells } from '../src/seed/enterprise-generator';
import { seedDemo } from '../src/seed/demo';
import { createSystemCaller } from '../src/services/context';
import type { ImportJobRow } from '../src/db/queries/enterprise-imports/import-jobs';
import { createRunningImportJobFromFile } from '../src/services/enterprise-imports/import-jobs';
import { callerForJob } from '../src/jobs/enterprise-imports/import-jobs';
import { createUser } from '../src/services/accounts/users';
import { sql } from 'drizzle-orm';

const SERVER = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 6);
const THINK_MS = Number(process.env.BENCH_THINK_MS ?? 200);
const MAX_SECONDS = Number(process.env.BENCH_MAX_SECONDS ?? 1800);
const MAX_REQUESTS = Number(process.env.BENCH_MAX_REQUESTS ?? 200_000);
const QUIET_SECONDS = Number(process.env.BENCH_QUIET_SECONDS ?? 15);
const APP_ROLE = process.env.BENCH_APP_ROLE ?? 'yinfeng_bench_app';
const REQUEST_TIMEOUT_MS = 30_000;
const SEED = 20260101;
const USERNAME = 'bench_traffic';
const PASSWORD = 'Traffic-bench-2026!q';

function withDatabase(url: string, database: string, user?: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  if (user) {
    u.username = user;
    u.password = '';
  }
  return u.toString();
}

function csvCell(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

async function writeEnterpriseCsv(file: string, count: number, vocab: { regionCodes: string[]; industryCodes: string[] }): Promise<void> {
  const out = fs.createWriteStream(file);
  out.write(`${ENTERPRISE_FILE_HEADERS.join(',')}\n`);
  for (let i = 0; i < count; i++) {
    const cells = toEnterpriseFileCells(generateEnterprise(i, { seed: SEED, ...vocab }), '企业登记信息（生成）', '2024-06-30') as Record<string, string>;
    if (!out.write(`${ENTERPRISE_FILE_HEADERS.map((h) => csvCell(cells[h] ?? '')).join(',')}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

interface Sample {
  ms: number;
  ok: boolean;
}

const ENDPOINTS: { name: string; path: (i: number) => string }[] = [
  { name: 'GET /api/auth/me', path: () => '/api/auth/me' },
  { name: 'GET /api/projects', path: (i) => `/api/projects?page=${1 + (i % 3)}&pageSize=20` },
  { name: 'GET /api/enterprises?q=', path: (i) => `/api/enterprises?q=${encodeURIComponent(['科技', '光伏', '新疆', 'xinjiang', '有限公司', '能源'][i % 6] as string)}&pageSize=20` },
];

/** Runs the clients until `stop()` says so; samples per endpoint. */
async function runTraffic(base: string, cookie: string, stop: () => boolean, budget: { requests: number }): Promise<Map<string, Sample[]>> {
  const samples = new Map<string, Sample[]>(ENDPOINTS.map((e) => [e.name, []]));
  const client = async (c: number) => {
    let i = c;
    while (!stop() && budget.requests > 0) {
      budget.requests--;
      const endpoint = ENDPOINTS[i % ENDPOINTS.length] as (typeof ENDPOINTS)[number];
      const t = performance.now();
      let ok = false;
      try {
        const res = await fetch(`${base}${endpoint.path(Math.floor(i / ENDPOINTS.length))}`, { headers: { cookie }, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
        await res.arrayBuffer();
        ok = res.ok;
        if (!ok && (samples.get(endpoint.name)?.filter((s) => !s.ok).length ?? 0) < 3) console.error(`  ${endpoint.name}: ${res.status}`);
      } catch (err) {
        if ((samples.get(endpoint.name)?.filter((s) => !s.ok).length ?? 0) < 3) console.error(`  ${endpoint.name}: ${err instanceof Error ? err.message : String(err)}`);
      }
      samples.get(endpoint.name)?.push({ ms: performance.now() - t, ok });
      i++;
      await new Promise((r) => setTimeout(r, THINK_MS));
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));
  return samples;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

function report(label: string, samples: Map<string, Sample[]>): boolean {
  console.log(label);
  let allMet = true;
  for (const [name, list] of samples) {
    const sorted = list.map((s) => s.ms).sort((a, b) => a - b);
    const errors = list.filter((s) => !s.ok).length;
    const p95 = percentile(sorted, 95);
    if (!(p95 < 1000) || errors > 0) allMet = false;
    console.log(
      `  ${name.padEnd(26)} ${String(list.length).padStart(6)} requests, ${errors} errors; p50 ${percentile(sorted, 50).toFixed(0)} ms, p95 ${p95.toFixed(0)} ms, max ${(sorted[sorted.length - 1] ?? Number.NaN).toFixed(0)} ms`,
    );
  }
  return allMet;
}

async function main() {
  const name = `yinfeng_bench_traffic_${process.pid}`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yinfeng-bench-traffic-'));
  const admin = new pg.Client({ connectionString: SERVER });
  await admin.connect();
  admin.on('error', () => undefined);
  await admin.query(`create database ${name} template template0 encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'`);
  const ownerUrl = withDatabase(SERVER, name);
  {
    const owner = wrapPool(new pg.Pool({ connectionString: ownerUrl, max: 1 }), name);
    await ensureRole(owner.db, APP_ROLE, { login: true });
    await owner.close();
  }
  const config = loadConfig({ DATABASE_URL: withDatabase(SERVER, name, APP_ROLE), YINFENG_OWNER_DATABASE_URL: ownerUrl, YINFENG_DATA_DIR: path.join(dir, 'data') });
  const database = await prepareDatabase(config, 'bench:import-traffic', 'server');
  const deps = { db: database.db, config };
  let app: Awaited<ReturnType<typeof buildApp>> | null = null;
  try {
    let t = performance.now();
    await seedDemo(deps);
    const user = await createUser(deps, createSystemCaller('bench'), {
      username: USERNAME,
      displayName: '流量基准',
      regionCode: '650109',
      password: PASSWORD,
      roles: ['officer'],
      mustChangePassword: false,
    });
    const counts = (await database.db.execute(sql`select (select count(*) from projects) as projects, (select count(*) from enterprises) as enterprises`)) as unknown as { rows: { projects: string; enterprises: string }[] };
    console.log(`database ${name}: demo data (${counts.rows[0]?.projects} projects, ${counts.rows[0]?.enterprises} enterprises) in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    const regions = (await database.db.execute(sql`select code from regions where level = 'county' and active order by code`)) as unknown as { rows: { code: string }[] };
    const industries = (await database.db.execute(sql`select code from industries where length(code) = 2 order by code`)) as unknown as { rows: { code: string }[] };
    const file = path.join(dir, 'enterprises.csv');
    t = performance.now();
    await writeEnterpriseCsv(file, ROWS, { regionCodes: regions.rows.map((r) => r.code).filter((_, i) => i % 10 === 0), industryCodes: industries.rows.map((r) => r.code) });
    console.log(`generated ${ROWS} rows (${(fs.statSync(file).size / 1024 / 1024).toFixed(0)} MiB) in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    app = await buildApp({ config, database });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: base }, body: JSON.stringify({ username: USERNAME, password: PASSWORD }) });
    if (!login.ok) throw new Error(`login failed: ${login.status} ${await login.text()}`);
    const cookie = (login.headers.getSetCookie() ?? []).map((c) => c.split(';')[0]).join('; ');
    console.log(`server ${base}; ${CLIENTS} clients, ${THINK_MS} ms between requests each; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);

    const budget = { requests: MAX_REQUESTS };
    const quietEnd = performance.now() + QUIET_SECONDS * 1000;
    const quiet = await runTraffic(base, cookie, () => performance.now() > quietEnd, budget);
    report(`without an import (${QUIET_SECONDS} s):`, quiet);

    const job = await createRunningImportJobFromFile(
      deps,
      // the job's creator as the runner sees them (only createdBy is read)
      await callerForJob(database, { createdBy: user.id } as ImportJobRow),
      file,
      { kind: 'enterprises', fileName: path.basename(file), source: '企业登记信息（生成）', sourceDate: '2024-06-30' },
      `bench:${process.pid}`,
    );
    let importDone = false;
    const started = performance.now();
    const deadline = started + MAX_SECONDS * 1000;
    const traffic = runTraffic(base, cookie, () => importDone || performance.now() > deadline, budget);
    let lastLine = 0;
    const done = await executeImportJob(database, job, {
      worker: `bench:${process.pid}`,
      keyThreads: defaultKeyThreads(),
      onProgress: (p) => {
        const now = performance.now();
        if (now - lastLine < 15_000) return;
        lastLine = now;
        process.stderr.write(`  … ${p.phase} ${p.rowsRead} rows, ${((now - started) / 1000).toFixed(0)} s\n`);
      },
    }).finally(() => {
      importDone = true;
    });
    const seconds = (performance.now() - started) / 1000;
    const during = await traffic;
    const result = done?.result as { rows?: number; counts?: unknown; seconds?: unknown } | null;
    console.log(`import: ${done?.status} ${result?.rows ?? 0} rows in ${seconds.toFixed(1)} s, counts ${JSON.stringify(result?.counts)}, ${JSON.stringify(result?.seconds)}`);
    if (done?.status !== 'succeeded') console.log(`  error: ${done?.error}`);
    const met = report(`during the import (${seconds.toFixed(0)} s):`, during);
    console.log(met ? 'target met (p95 < 1000 ms for every endpoint during the import, no errors)' : 'target MISSED (p95 < 1000 ms for every endpoint during the import, no errors)');
    console.log(`load average at the end ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  } finally {
    await app?.close();
    await database.close();
    if (process.env.BENCH_KEEP_DB === '1') console.log(`kept database ${name}`);
    else await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
