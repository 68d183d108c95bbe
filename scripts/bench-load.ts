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
import type { ChildProcess } from 'node:child_process';
import pg from 'pg';
import { loadConfig } from '../src/config/config';
import { closeConnections, freePort, login, pick, printPhase, runPhase, startServer, stopServer, withDatabase, type PlannedRequest } from './lib/bench-http';
import { databaseExists, loadEnterprises, sampleSearches, seedDemoData } from './lib/bench-load-data';

const SERVER = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const ENTERPRISES = Number(process.env.BENCH_LOAD_ENTERPRISES ?? 1_000_000);
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 30);
const PHASES = (process.env.BENCH_LOAD_PHASES ?? '50,200').split(',').map(Number);
const TIMEOUT_MS = Number(process.env.BENCH_LOAD_TIMEOUT_MS ?? 15_000);
const WARM_SECONDS = Number(process.env.BENCH_LOAD_WARM_SECONDS ?? 10);

// ---- the request mix ------------------------------------------------------------------------------

type Endpoint = 'search' | 'projects' | 'stats';
const ENDPOINTS: readonly Endpoint[] = ['search', 'projects', 'stats'];

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

function nextRequest(users: Users): PlannedRequest<Endpoint> {
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
    else loadEnterprises(name, ENTERPRISES);
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
    const phase = (connections: number, seconds: number) =>
      runPhase({ port, endpoints: ENDPOINTS, next: () => nextRequest(users), connections, seconds, timeoutMs: TIMEOUT_MS });
    if (WARM_SECONDS > 0) await phase(10, WARM_SECONDS);
    for (const connections of PHASES) printPhase(`phase ${connections}`, connections, await phase(connections, SECONDS));
  } finally {
    await stopServer(server);
    closeConnections();
    if (!existed && process.env.BENCH_LOAD_KEEP !== '1') {
      await admin.query(`drop database if exists ${name} with (force)`);
      console.log(`dropped database ${name}`);
    } else console.log(`kept database ${name}: drop it with  psql -c 'drop database ${name}'`);
    await admin.end();
  }
}

await main();
