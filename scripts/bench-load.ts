/**
 * npm run bench:load — the server under many users at once (issue 10, item 6).
 *
 * 1. A PostgreSQL database (on BENCH_DATABASE_URL's server) with BENCH_LOAD_ENTERPRISES (default
 *    1,000,000) generated enterprises plus the demo data (accounts, projects, targets). BENCH_LOAD_DB names
 *    it: an existing database of that name is reused as it is (loading a million enterprises takes minutes),
 *    otherwise it is created with bench:enterprises:search's loader (COPY, then the indexes) and the demo
 *    seed. A database created here is dropped at the end (by its exact name) unless BENCH_LOAD_KEEP=1.
 * 2. The real server: `bin/yinfeng serve` in a child process on a free port of 127.0.0.1, with the
 *    configuration of the environment (YINFENG_DB_POOL_MAX, YINFENG_REQUESTS_MAX_ACTIVE … pass through).
 * 3. Demo users log in (leader, reviewer, analyst, statistician, officers); then closed-loop phases, each
 *    BENCH_LOAD_SECONDS (default 30) long, at BENCH_LOAD_PHASES connections (default 50,200): every
 *    connection sends its next request when the last one is answered, picking one at random — enterprise
 *    search with terms from sampled enterprise names (40 %), a page of the project list (35 %), the statistics summary (25 %),
 *    as a random user of a suitable role. A client timeout of BENCH_LOAD_TIMEOUT_MS (default 15,000).
 *    Beside each phase, /api/health is asked every 250 ms.
 * 4. Per phase and endpoint: answers, p50 / p95 / max of the served ones (2xx), 503 refusals, other errors,
 *    client timeouts, and the longest time to any answer (served or refused); the load average before and
 *    after (the machine is shared: read the figures with it).
 *
 * Targets (2-core machine, 1,000,000 enterprises): at 50 connections p95 < 1.5 s and no errors or refusals;
 * at 200 connections every request answered (served or 503) within 5 s.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { loadConfig } from '../src/config/config';
import { openDatabase } from '../src/db/client';
import { migrateDatabase } from '../src/db/migrate';
import { DEMO_PASSWORD, isDemoSeeded, seedDemo } from '../src/seed/demo';
import { segmentWords } from '../src/search/chinese-words';
import { toPinyinKeys } from '../src/search/pinyin-keys';
import { loadReferenceData } from '../src/services/reference-data';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SERVER = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const ENTERPRISES = Number(process.env.BENCH_LOAD_ENTERPRISES ?? 1_000_000);
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 30);
const PHASES = (process.env.BENCH_LOAD_PHASES ?? '50,200').split(',').map(Number);
const TIMEOUT_MS = Number(process.env.BENCH_LOAD_TIMEOUT_MS ?? 15_000);
const WARM_SECONDS = Number(process.env.BENCH_LOAD_WARM_SECONDS ?? 10);

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

const loadavg = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');

// ---- the database ---------------------------------------------------------------------------------

async function databaseExists(admin: pg.Client, name: string): Promise<boolean> {
  const r = await admin.query('select 1 from pg_database where datname = $1', [name]);
  return r.rowCount === 1;
}

/** Creates `name` with the enterprises (bench:enterprises:search's loader, in a child process). */
function loadEnterprises(name: string): void {
  console.log(`loading ${ENTERPRISES} enterprises into ${name} (bench:enterprises:search's loader; a few minutes) …`);
  const r = spawnSync(process.execPath, [...process.execArgv, path.join(ROOT, 'scripts/bench-enterprises-search.ts')], {
    stdio: 'inherit',
    env: {
      ...process.env,
      BENCH_KEEP: '1',
      BENCH_DATABASE_NAME: name,
      BENCH_ENTERPRISES: String(ENTERPRISES),
      BENCH_PGLITE_ENTERPRISES: '0',
      BENCH_RUNS: '1',
      BENCH_MIXES: '1',
    },
  });
  if (r.status !== 0) throw new Error(`loading the enterprises failed (exit ${r.status})`);
}

/** The demo accounts, projects and targets, unless there already. */
async function seedDemoData(url: string): Promise<void> {
  const config = loadConfig({ DATABASE_URL: url, YINFENG_DATA_DIR: path.join(os.tmpdir(), 'yinfeng-bench-load') });
  const database = await openDatabase(config.database, 'bench:load');
  try {
    await migrateDatabase(database);
    await loadReferenceData({ db: database.db, config });
    const deps = { db: database.db, config };
    if (!(await isDemoSeeded(deps))) {
      const t = performance.now();
      await seedDemo(deps);
      console.log(`demo data seeded in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    }
    if (database.kind !== 'postgres') throw new Error('PostgreSQL expected');
    const counts = await database.pool.query<{ e: string; p: string }>('select (select count(*) from enterprises) as e, (select count(*) from projects) as p');
    console.log(`database: ${counts.rows[0]?.e} enterprises, ${counts.rows[0]?.p} projects`);
  } finally {
    await database.close();
  }
}

// ---- the server -----------------------------------------------------------------------------------

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

async function startServer(url: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/yinfeng'), 'serve'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: process.env.LOG_LEVEL ?? 'error' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  child.stdout?.resume();
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode})`);
    const res = await send({ port, method: 'GET', path: '/api/health' }).catch(() => null);
    if (res?.status === 200) return child;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('the server did not answer /api/health within 120 s');
}

// ---- HTTP -----------------------------------------------------------------------------------------

const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });

interface Answer {
  status: number; // 0: network error, -1: client timeout
  body: string;
  headers: http.IncomingHttpHeaders;
}

function send(opts: { port: number; method: string; path: string; cookie?: string; body?: unknown; timeoutMs?: number }): Promise<Answer> {
  return new Promise((resolve) => {
    const payload = opts.body === undefined ? undefined : JSON.stringify(opts.body);
    const req = http.request(
      {
        host: '127.0.0.1',
        port: opts.port,
        method: opts.method,
        path: opts.path,
        agent,
        headers: {
          ...(opts.cookie ? { cookie: opts.cookie } : {}),
          ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), origin: `http://127.0.0.1:${opts.port}` } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
        res.on('error', () => resolve({ status: 0, body: '', headers: {} }));
      },
    );
    req.setTimeout(opts.timeoutMs ?? TIMEOUT_MS, () => {
      req.destroy();
      resolve({ status: -1, body: '', headers: {} });
    });
    req.on('error', () => resolve({ status: 0, body: '', headers: {} }));
    if (payload) req.write(payload);
    req.end();
  });
}

async function login(port: number, username: string): Promise<string> {
  const res = await send({ port, method: 'POST', path: '/api/auth/login', body: { username, password: DEMO_PASSWORD } });
  const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('yinfeng_session='));
  if (res.status !== 200 || !cookie) throw new Error(`login ${username}: ${res.status} ${res.body.slice(0, 300)}`);
  return cookie.split(';')[0] ?? '';
}

// ---- the request mix ------------------------------------------------------------------------------

type Endpoint = 'search' | 'projects' | 'stats';

/**
 * Search terms as users type them, from enterprises sampled in the database (the kinds bench:enterprises:search
 * measures): two words of a name with a filter, four pinyin initials, three or four characters of a name, a
 * credit-code prefix; and now and then a broad one (a common word, a browse by filters).
 */
async function sampleSearches(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const res = await client.query<{ name: string; credit_code: string | null; region_code: string | null; industry_code: string | null }>(
      'select name, credit_code, region_code, industry_code from enterprises tablesample system (0.2) limit 600',
    );
    const out: string[] = [];
    for (const e of res.rows) {
      const bare = e.name.replace(/(股份有限公司|有限责任公司|集团有限公司|有限公司|分公司).*$/, '');
      const words = segmentWords(bare).filter((w) => [...w].length >= 2);
      const q = (v: string, extra = '') => `q=${encodeURIComponent(v)}${extra}`;
      if (words.length >= 2) {
        const filter = pick([e.region_code ? `&region=${e.region_code.slice(0, 2)}0000` : '', e.industry_code ? `&industry=${e.industry_code.slice(0, 2)}` : '', '&status=existing,operating']);
        out.push(q(`${words[0]} ${words[words.length - 1]}`, filter));
      }
      const initials = toPinyinKeys(bare).initials;
      if (initials.length >= 4) out.push(q(initials.slice(0, 4)));
      const chars = [...bare];
      if (chars.length >= 5) out.push(q(chars.slice(1, 1 + 3 + (out.length % 2)).join('')));
      if (e.credit_code) out.push(q(e.credit_code.slice(0, 8 + (out.length % 7))));
    }
    // a few broad ones: thousands of hits, counted and faceted exactly
    const broad = ['q=%E7%A7%91%E6%8A%80&region=650100', 'q=%E9%A3%9F%E5%93%81', 'region=650109&sort=capital&industry=C'];
    const mix = [...out];
    for (let i = 0; i < Math.max(1, Math.floor(out.length / 20)); i++) mix.push(pick(broad));
    return mix;
  } finally {
    await client.end();
  }
}
const MONTH = (() => {
  const d = new Date(Date.now() + 8 * 3600_000);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
})();
const YEAR_START = `${MONTH.slice(0, 4)}-01`;

interface Users {
  searches: string[];
  search: string[];
  projects: string[];
  stats: { cookie: string; region: string }[];
}

function pick<T>(items: readonly T[]): T {
  return items[Math.floor(Math.random() * items.length)] as T;
}

function nextRequest(users: Users): { endpoint: Endpoint; path: string; cookie: string } {
  const r = Math.random();
  if (r < 0.4) {
    const page = Math.random() < 0.85 ? 1 : 2;
    return { endpoint: 'search', path: `/api/enterprises?${pick(users.searches)}&page=${page}&pageSize=20`, cookie: pick(users.search) };
  }
  if (r < 0.75) {
    const sort = pick(['updated', 'signedAmount', 'code']);
    const stage = Math.random() < 0.3 ? `&stage=${pick(['signed', 'started', 'negotiating'])}` : '';
    return { endpoint: 'projects', path: `/api/projects?page=${1 + Math.floor(Math.random() * 3)}&pageSize=20&sort=${sort}${stage}`, cookie: pick(users.projects) };
  }
  const s = pick(users.stats);
  const from = Math.random() < 0.5 ? YEAR_START : MONTH;
  return { endpoint: 'stats', path: `/api/stats/summary?region=${s.region}&from=${from}&to=${MONTH}`, cookie: s.cookie };
}

// ---- measuring ------------------------------------------------------------------------------------

interface Tally {
  served: number[];
  refused: number;
  /** answers other than 2xx and 503, network errors, and 503 without Retry-After */
  errors: number;
  timeouts: number;
  answers: number;
  maxAnswerMs: number;
  errorSamples: string[];
}

const newTally = (): Tally => ({ served: [], refused: 0, errors: 0, timeouts: 0, answers: 0, maxAnswerMs: 0, errorSamples: [] });

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

function record(t: Tally, res: Answer, ms: number): void {
  if (res.status === -1) {
    t.timeouts++;
    return;
  }
  if (res.status > 0) t.answers++;
  t.maxAnswerMs = Math.max(t.maxAnswerMs, ms);
  if (res.status >= 200 && res.status < 300) t.served.push(ms);
  else if (res.status === 503) {
    t.refused++;
    if (!res.headers['retry-after']) {
      t.errors++;
      if (t.errorSamples.length < 3) t.errorSamples.push('503 without Retry-After');
    }
  } else {
    t.errors++;
    if (t.errorSamples.length < 3) t.errorSamples.push(`${res.status} ${res.body.slice(0, 160)}`);
  }
}

async function runPhase(port: number, users: Users, connections: number, seconds: number, label: string | null) {
  const tallies: Record<Endpoint | 'health', Tally> = { search: newTally(), projects: newTally(), stats: newTally(), health: newTally() };
  const before = loadavg();
  const started = performance.now();
  const end = started + seconds * 1000;
  let inFlight = 0;
  let maxInFlight = 0;
  const worker = async () => {
    while (performance.now() < end) {
      const req = nextRequest(users);
      const t = performance.now();
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      const res = await send({ port, method: 'GET', path: req.path, cookie: req.cookie });
      inFlight--;
      record(tallies[req.endpoint], res, performance.now() - t);
      // a refused client waits as Retry-After says (a polite client); errors pause briefly
      if (res.status === 503) await new Promise((r) => setTimeout(r, 1000 * Number(res.headers['retry-after'] ?? 1)));
      else if (res.status <= 0) await new Promise((r) => setTimeout(r, 200));
    }
  };
  const health = async () => {
    while (performance.now() < end) {
      const t = performance.now();
      const res = await send({ port, method: 'GET', path: '/api/health', timeoutMs: 5000 });
      record(tallies.health, res, performance.now() - t);
      await new Promise((r) => setTimeout(r, 250));
    }
  };
  await Promise.all([...Array.from({ length: connections }, worker), health()]);
  const elapsed = (performance.now() - started) / 1000;
  if (!label) return;
  console.log(`\n${label}: ${connections} connections, ${elapsed.toFixed(1)} s; load average before ${before}, after ${loadavg()}`);
  console.log('  endpoint   answers  served/s   p50 ms   p95 ms   max ms    503  errors  timeouts  max time to answer ms');
  let allMax = 0;
  for (const [name, t] of Object.entries(tallies)) {
    const sorted = [...t.served].sort((a, b) => a - b);
    if (name !== 'health') allMax = Math.max(allMax, t.maxAnswerMs);
    const f = (n: number) => (Number.isNaN(n) ? '—' : n.toFixed(0)).padStart(8);
    console.log(
      `  ${name.padEnd(9)} ${String(t.answers).padStart(8)} ${(t.served.length / elapsed).toFixed(1).padStart(9)} ${f(percentile(sorted, 50))} ${f(percentile(sorted, 95))} ${f(sorted.at(-1) ?? Number.NaN)} ${String(t.refused).padStart(6)} ${String(t.errors).padStart(7)} ${String(t.timeouts).padStart(9)} ${f(t.maxAnswerMs)}`,
    );
    for (const s of t.errorSamples) console.log(`      e.g. ${s}`);
  }
  const all = [...tallies.search.served, ...tallies.projects.served, ...tallies.stats.served].sort((a, b) => a - b);
  const refused = tallies.search.refused + tallies.projects.refused + tallies.stats.refused;
  const errors = tallies.search.errors + tallies.projects.errors + tallies.stats.errors;
  const timeouts = tallies.search.timeouts + tallies.projects.timeouts + tallies.stats.timeouts;
  console.log(
    `  all: served ${all.length}, p50 ${percentile(all, 50).toFixed(0)} ms, p95 ${percentile(all, 95).toFixed(0)} ms; 503 ${refused}; errors ${errors}; timeouts ${timeouts}; ` +
      `longest time to an answer ${allMax.toFixed(0)} ms; most requests in flight ${maxInFlight}`,
  );
}

// ---- main -----------------------------------------------------------------------------------------

async function main() {
  const name = process.env.BENCH_LOAD_DB ?? `yinfeng_bench_load_${process.pid}`;
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`BENCH_LOAD_DB: not a plain database name: ${name}`);
  const admin = new pg.Client({ connectionString: SERVER });
  await admin.connect();
  admin.on('error', () => undefined);
  const existed = await databaseExists(admin, name);
  const url = withDatabase(SERVER, name);
  let server: ChildProcess | null = null;
  try {
    if (existed) console.log(`reusing database ${name} (BENCH_LOAD_DB)`);
    else loadEnterprises(name);
    await seedDemoData(url);
    const port = await freePort();
    const t = performance.now();
    server = await startServer(url, port);
    console.log(`server (bin/yinfeng serve) on 127.0.0.1:${port}, ready in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    const capacity = loadConfig({ ...process.env, DATABASE_URL: url }).capacity;
    console.log(`capacity: ${JSON.stringify(capacity)}`);
    const users: Users = {
      searches: await sampleSearches(url),
      search: [await login(port, 'analyst'), await login(port, 'leader'), await login(port, 'officer')],
      projects: [await login(port, 'officer'), await login(port, 'officer_ts'), await login(port, 'statistician'), await login(port, 'leader')],
      stats: [
        { cookie: await login(port, 'leader'), region: '650100' },
        { cookie: await login(port, 'reviewer_xj'), region: '650000' },
        { cookie: await login(port, 'statistician'), region: '650109' },
      ],
    };
    console.log(`${users.searches.length} search terms sampled, e.g. ${users.searches.slice(0, 6).map((q) => decodeURIComponent(q)).join(' | ')}`);
    if (WARM_SECONDS > 0) await runPhase(port, users, 10, WARM_SECONDS, null);
    for (const connections of PHASES) await runPhase(port, users, connections, SECONDS, `phase ${connections}`);
  } finally {
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server?.once('exit', r));
      server.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
      if (server.exitCode === null) server.kill('SIGKILL');
    }
    agent.destroy();
    if (!existed && process.env.BENCH_LOAD_KEEP !== '1') {
      await admin.query(`drop database if exists ${name} with (force)`);
      console.log(`dropped database ${name}`);
    } else console.log(`kept database ${name}: drop it with  psql -c 'drop database ${name}'`);
    await admin.end();
  }
}

await main();
