/**
 * npm run bench:replica — search and statistics throughput with 0, 1 and 2 read replicas on this machine, the
 * same requests side by side (issue 15, item 6).
 *
 * 1. A PostgreSQL database on BENCH_DATABASE_URL's server with BENCH_REPLICA_ENTERPRISES (default 1,000,000)
 *    generated enterprises and the demo data (bench:load's loader); BENCH_REPLICA_DB names it and an existing
 *    one is reused (BENCH_LOAD_DB's database works). A database created here is dropped at the end unless
 *    BENCH_REPLICA_KEEP=1.
 * 2. Two real streaming standbys of that server (pg_basebackup, their own ports, run as postgres; the drill's
 *    test/replicas/standby.ts), removed at the end. They copy the whole cluster: on a server holding other
 *    large databases the copy takes as long as those.
 * 3. For each count in BENCH_REPLICA_COUNTS (default 0,1,2):
 *    - HTTP: `bin/yinfeng serve` with DATABASE_REPLICA_URLS naming that many standbys; demo users log in; a
 *      closed loop of BENCH_REPLICA_CONNECTIONS (default 50) connections for BENCH_REPLICA_SECONDS (default 30):
 *      enterprise search with sampled terms (60 %) and the statistics summary of a prefecture, the province or a
 *      county (40 %). /metrics then says how many reads each replica served.
 *    - raw SQL: the statements those requests run (captured from the services in this process), with the same
 *      number of connections straight to the database that would serve them — the primary without replicas,
 *      the standbys in turn with them — through pools of the server's sizes.
 * 4. A table: served requests per second and p50 / p95 per kind, for each count, HTTP beside raw SQL.
 *
 * On one machine the primary and its standbys share the same cores and disk: a replica adds no CPU here, so the
 * figures show what routing costs and that reads move off the primary, not the gain on separate machines
 * (docs/operations.md, sizing).
 */
import type { ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { PgDialect } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { loadConfig } from '../src/config/config';
import { enterpriseSearchQuerySchema } from '../src/contracts/enterprise-search';
import { openDatabase } from '../src/db/client';
import { selectUserByUsername } from '../src/db/queries/accounts/users';
import { isRole, listPermissions } from '../src/domain/roles';
import type { Caller, Deps } from '../src/services/context';
import { compileEnterpriseSearch, runCompiledSearch } from '../src/services/enterprises/enterprise-search';
import { getSummary } from '../src/services/statistics/statistics';
import { createStandby, standbyUnavailable, type Standby } from '../test/replicas/standby';
import { closeConnections, freePort, login, percentile, pick, printPhase, runPhase, send, startServer, stopServer, withDatabase, type PhaseResult, type PlannedRequest } from './lib/bench-http';
import { databaseExists, loadEnterprises, sampleSearches, seedDemoData } from './lib/bench-load-data';
import { captureStatements, type CapturedStatement } from './lib/capture-sql';

const SERVER = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const ENTERPRISES = Number(process.env.BENCH_REPLICA_ENTERPRISES ?? 1_000_000);
const SECONDS = Number(process.env.BENCH_REPLICA_SECONDS ?? 30);
const CONNECTIONS = Number(process.env.BENCH_REPLICA_CONNECTIONS ?? 50);
const COUNTS = (process.env.BENCH_REPLICA_COUNTS ?? '0,1,2').split(',').map(Number);
const WARM_SECONDS = Number(process.env.BENCH_REPLICA_WARM_SECONDS ?? 10);
const METRICS_TOKEN = `bench-replica-${process.pid}`;

type Endpoint = 'search' | 'stats';
const ENDPOINTS: readonly Endpoint[] = ['search', 'stats'];
const MONTH = (() => {
  const d = new Date(Date.now() + 8 * 3600_000);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
})();
const STATS = [
  { username: 'leader', region: '650100' },
  { username: 'reviewer_xj', region: '650000' },
  { username: 'statistician', region: '650109' },
];
const STATS_FROM = [`${MONTH.slice(0, 4)}-01`, MONTH];

// ---- the statements of the requests -----------------------------------------------------------------

async function callerOf(deps: Deps, username: string): Promise<Caller> {
  const user = await selectUserByUsername(deps.db, username);
  if (!user) throw new Error(`demo user ${username} missing`);
  const roles = user.roles.filter(isRole);
  return {
    actor: { id: user.id, username, displayName: user.displayName, roles, permissions: listPermissions(roles), regionCode: user.regionCode, regionPath: user.regionPath },
    clientIp: null,
    requestId: null,
  };
}

/** Per request of the mix, the SQL it runs: searches as analyst, summaries as their users (rollups current). */
async function captureRequests(url: string, searches: string[]): Promise<{ search: CapturedStatement[][]; stats: CapturedStatement[][] }> {
  const config = loadConfig({ DATABASE_URL: url, YINFENG_DATA_DIR: path.join(os.tmpdir(), 'yinfeng-bench-data') });
  const database = await openDatabase(config.database, 'bench:replica');
  const dialect = new PgDialect();
  try {
    const deps: Deps = { db: database.db, config };
    const analyst = await callerOf(deps, 'analyst');
    const search: CapturedStatement[][] = [];
    for (const q of searches.slice(0, 300)) {
      const input = enterpriseSearchQuerySchema.parse(Object.fromEntries(new URLSearchParams(`${q}&page=1&pageSize=20`)));
      const compiled = await compileEnterpriseSearch(deps, analyst, input);
      search.push((await runCompiledSearch(deps, compiled)).statements.map((s) => dialect.sqlToQuery(s)));
    }
    const stats: CapturedStatement[][] = [];
    for (const s of STATS) {
      const caller = await callerOf(deps, s.username);
      for (const from of STATS_FROM) {
        const q = { region: s.region, from, to: MONTH };
        await getSummary(deps, caller, q); // brings the rollups up to date: what a read on a replica sees
        const out: CapturedStatement[] = [];
        await getSummary({ ...deps, db: captureStatements(database.db, out) }, caller, q);
        stats.push(out.filter((st) => /^\s*(select|with)\b/i.test(st.sql)));
      }
    }
    return { search, stats };
  } finally {
    await database.close();
  }
}

// ---- raw SQL ----------------------------------------------------------------------------------------

async function runRawPhase(pools: pg.Pool[], requests: { search: CapturedStatement[][]; stats: CapturedStatement[][] }, connections: number, seconds: number): Promise<PhaseResult<Endpoint>> {
  const served: Record<Endpoint, number[]> = { search: [], stats: [] };
  let errors = 0;
  const sample: string[] = [];
  let turn = 0;
  const started = performance.now();
  const end = started + seconds * 1000;
  const worker = async () => {
    while (performance.now() < end) {
      const endpoint: Endpoint = Math.random() < 0.6 ? 'search' : 'stats';
      const statements = pick(requests[endpoint]);
      const pool = pools[turn++ % pools.length] as pg.Pool;
      const t = performance.now();
      const client = await pool.connect();
      try {
        for (const st of statements) await client.query(st.sql, st.params);
        served[endpoint].push(performance.now() - t);
      } catch (err) {
        errors++;
        if (sample.length < 3) sample.push((err as Error).message);
      } finally {
        client.release();
      }
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  const tally = (ms: number[]) => ({ served: ms, refused: 0, errors: 0, timeouts: 0, answers: ms.length, maxAnswerMs: Math.max(0, ...ms), errorSamples: [] as string[] });
  const search = tally(served.search);
  search.errors = errors;
  search.errorSamples = sample;
  return { elapsedSeconds: (performance.now() - started) / 1000, loadBefore: '', loadAfter: '', maxInFlight: connections, tallies: { search, stats: tally(served.stats), health: tally([]) } };
}

// ---- HTTP -------------------------------------------------------------------------------------------

/** Waits until /api/health/ready says every replica is in service (or there are none). */
async function waitForReplicas(port: number, count: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const res = await send({ port, method: 'GET', path: '/api/health/ready' });
    const body = res.status === 200 ? (JSON.parse(res.body) as { status: string; checks: { name: string; ok: boolean }[] }) : null;
    const fit = body?.checks.filter((c) => c.name.startsWith('replica:') && c.ok).length ?? 0;
    if (body?.status === 'ready' && fit === count) return;
    if (Date.now() > deadline) throw new Error(`replicas not in service after 60 s: ${res.status} ${res.body.slice(0, 400)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function readsServedByReplicas(port: number): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  const text = await res.text();
  const lines = [...text.matchAll(/^yinfeng_replica_reads_(served|fell_back)\{replica="([^"]+)"\} (\S+)$/gm)].map((m) => `${m[2]} ${m[1] === 'served' ? '承担' : '回退'} ${m[3]}`);
  return lines.length > 0 ? lines.join('; ') : 'no replica: every read on the primary';
}

async function runHttp(url: string, replicaUrls: string[], searches: string[]): Promise<PhaseResult<Endpoint>> {
  const port = await freePort();
  let server: ChildProcess | null = null;
  try {
    server = await startServer(url, port, { DATABASE_REPLICA_URLS: replicaUrls.join(','), YINFENG_METRICS_TOKEN: METRICS_TOKEN });
    await waitForReplicas(port, replicaUrls.length);
    const searchers = [await login(port, 'analyst'), await login(port, 'leader'), await login(port, 'officer')];
    const stats = await Promise.all(STATS.map(async (s) => ({ cookie: await login(port, s.username), region: s.region })));
    const next = (): PlannedRequest<Endpoint> => {
      if (Math.random() < 0.6) return { endpoint: 'search', path: `/api/enterprises?${pick(searches)}&page=1&pageSize=20`, cookie: pick(searchers) };
      const s = pick(stats);
      return { endpoint: 'stats', path: `/api/stats/summary?region=${s.region}&from=${pick(STATS_FROM)}&to=${MONTH}`, cookie: s.cookie };
    };
    if (WARM_SECONDS > 0) await runPhase({ port, endpoints: ENDPOINTS, next, connections: 10, seconds: WARM_SECONDS });
    const result = await runPhase({ port, endpoints: ENDPOINTS, next, connections: CONNECTIONS, seconds: SECONDS });
    printPhase(`HTTP, ${replicaUrls.length} replica(s)`, CONNECTIONS, result);
    console.log(`  reads by replica (/metrics): ${await readsServedByReplicas(port)}`);
    return result;
  } finally {
    await stopServer(server);
  }
}

// ---- main -------------------------------------------------------------------------------------------

function summarize(r: PhaseResult<Endpoint>, e: Endpoint): string {
  const ms = [...r.tallies[e].served].sort((a, b) => a - b);
  return `${(ms.length / r.elapsedSeconds).toFixed(1).padStart(7)}/s ${percentile(ms, 50).toFixed(0).padStart(5)} ${percentile(ms, 95).toFixed(0).padStart(5)}`;
}

async function main() {
  const unavailable = await standbyUnavailable(SERVER);
  if (unavailable) throw new Error(unavailable);
  const name = process.env.BENCH_REPLICA_DB ?? `yinfeng_bench_replica_${process.pid}`;
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`BENCH_REPLICA_DB: not a plain database name: ${name}`);
  const admin = new pg.Client({ connectionString: SERVER });
  await admin.connect();
  admin.on('error', () => undefined);
  const existed = await databaseExists(admin, name);
  const url = withDatabase(SERVER, name);
  const standbys: Standby[] = [];
  const rows: { count: number; http: PhaseResult<Endpoint>; raw: PhaseResult<Endpoint> }[] = [];
  try {
    if (existed) console.log(`reusing database ${name} (BENCH_REPLICA_DB)`);
    else loadEnterprises(name, ENTERPRISES);
    await seedDemoData(url);
    const searches = await sampleSearches(url);
    const requests = await captureRequests(url, searches);
    console.log(`${searches.length} search terms; SQL captured for ${requests.search.length} searches and ${requests.stats.length} summaries`);
    const size = (await admin.query<{ s: string }>('select pg_size_pretty(sum(pg_database_size(datname))) as s from pg_database')).rows[0]?.s;
    for (let i = 0; i < Math.max(0, ...COUNTS); i++) {
      const t = performance.now();
      standbys.push(await createStandby(SERVER));
      console.log(`standby ${i + 1} on port ${standbys[i]?.port}: pg_basebackup of the cluster (${size}) and start in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    }
    const config = loadConfig({ DATABASE_URL: url });
    for (const count of COUNTS) {
      const replicaUrls = standbys.slice(0, count).map((s) => s.urlOf(url));
      const http = await runHttp(url, replicaUrls, searches);
      const targets = count === 0 ? [url] : replicaUrls;
      const pools = targets.map((u) => new pg.Pool({ connectionString: u, max: count === 0 ? config.capacity.poolMax : config.replicas.poolMax }));
      try {
        const raw = await runRawPhase(pools, requests, CONNECTIONS, SECONDS);
        printPhase(`raw SQL, ${count === 0 ? 'the primary' : `${count} standby(s)`}`, CONNECTIONS, raw);
        rows.push({ count, http, raw });
      } finally {
        await Promise.all(pools.map((p) => p.end()));
      }
    }
    console.log(`\nsummary: ${CONNECTIONS} connections, ${SECONDS} s each, 60 % search / 40 % statistics; served per second, p50 and p95 ms; load average now ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    console.log('replicas | HTTP search            | HTTP statistics        | raw SQL search         | raw SQL statistics');
    for (const r of rows) console.log(`${String(r.count).padStart(8)} | ${summarize(r.http, 'search')} | ${summarize(r.http, 'stats')} | ${summarize(r.raw, 'search')} | ${summarize(r.raw, 'stats')}`);
  } finally {
    for (const s of standbys) await s.destroy();
    closeConnections();
    if (!existed && process.env.BENCH_REPLICA_KEEP !== '1') {
      await admin.query(`drop database if exists ${name} with (force)`);
      console.log(`dropped database ${name}`);
    } else console.log(`kept database ${name}: drop it with  psql -c 'drop database ${name}'`);
    await admin.end();
  }
}

await main();
// a keep-alive socket of fetch (the /metrics scrape) or a pool's timer must not keep the finished bench waiting
process.exit(0);
