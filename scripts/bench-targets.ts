/**
 * npm run bench:targets — issue 12 item 11: scoring the top 100 targets for a node over the national
 * enterprise database (p95 under 1 s at 10,000,000 enterprises; the full feature refresh under 30 min).
 *
 * PostgreSQL only: a fresh database on BENCH_DATABASE_URL (C.UTF-8), migrated, reference data
 * loaded, BENCH_ENTERPRISES (default 1,000,000) generated enterprises with 4-digit 小类 codes loaded
 * as the enterprise search bench loads them (scripts/bench-enterprise-loader.ts). Then 乌鲁木齐市
 * 650100 adopts every shipped chain template (光伏 …), some history is written so the features are
 * not trivial (projects in 650100 with national investors, contacts in 米东区, registered-capital
 * increases for about 1 % of enterprises over the last three years, recent establishments for a fifth
 * of the group members), the full feature refresh runs once (timed, with its steps), and
 * listScoredTargets (limit 100) is timed for several nodes of several chains for 米东区 650109 and
 * 乌鲁木齐市 650100: p50/p95/max of the service call, of the SQL statements the service ran (recorded
 * from db.execute and re-run alone) and of HTTP (app.inject), each input the three ways in turn, the
 * way that goes first rotating.
 *
 * BENCH_REUSE=<database>: an existing database with enterprises loaded and migrated to the current
 * schema (no migration, no load): chains and history are installed if missing, then the refresh and
 * the measurement. BENCH_KEEP=1 keeps a fresh database (BENCH_DATABASE_NAME names it). BENCH_RUNS
 * (default 10) runs per node and region after one warm-up; BENCH_CHAINS (default 4) chains, up to
 * four nodes each; BENCH_EXPLAIN=1 prints EXPLAIN (ANALYZE, BUFFERS) of each statement of one input per region.
 */
import type { FastifyInstance } from 'fastify';
import { sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { loadConfig, type Config } from '../src/config/config';
import { wrapPool, type Db } from '../src/db/client';
import { migrateDatabase } from '../src/db/migrate';
import { listPermissions } from '../src/domain/roles';
import { buildApp } from '../src/http/app';
import { listChainTemplates, type ChainTemplate } from '../src/imports/chains/chain-templates';
import { createUser } from '../src/services/accounts/users';
import { adoptTemplate } from '../src/services/chains/chain-templates';
import { createSystemCaller, type Caller, type Deps } from '../src/services/context';
import { createProject } from '../src/services/projects/projects';
import { loadReferenceData } from '../src/services/reference-data';
import { refreshRelatedness } from '../src/services/targets/industry-relatedness';
import { listScoredTargets } from '../src/services/targets/target-scoring';
import { loadPostgres, readUniverse, secs, withDatabase } from './bench-enterprise-loader';

const SERVER = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const COUNT = Number(process.env.BENCH_ENTERPRISES ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const CHAINS = Number(process.env.BENCH_CHAINS ?? 4);
const WARM = 1;
const PASSWORD = 'Bench@pass-2026';
const PREFECTURE = { code: '650100', path: '/650000/650100/' };
const REGIONS = [
  { code: '650109', label: '米东区 650109' },
  { code: '650100', label: '乌鲁木齐市 650100' },
];
const HISTORY_SOURCE = 'bench-targets';
const dialect = new PgDialect();

function rowsOf<T>(r: unknown): T[] {
  return (r as { rows: T[] }).rows;
}

// ------------------------------------------------------------------ chains and history

async function installChains(deps: Deps, caller: Caller): Promise<ChainTemplate[]> {
  const templates = await listChainTemplates();
  const existing = new Set(rowsOf<{ code: string }>(await deps.db.execute(sql`select code from chains`)).map((r) => r.code));
  for (const t of templates) {
    if (existing.has(t.code)) continue;
    await adoptTemplate(deps, caller, t.code, { regionCode: PREFECTURE.code });
  }
  console.log(`  chains adopted for 乌鲁木齐市: ${templates.map((t) => `${t.code} ${t.name} (${t.nodes.length} nodes)`).join(', ')}`);
  return templates;
}

async function installHistory(deps: Deps, caller: Caller): Promise<void> {
  const [done] = rowsOf<{ n: string }>(await deps.db.execute(sql`select count(*) as n from enterprise_field_changes where source = ${HISTORY_SOURCE}`));
  if (Number(done?.n ?? 0) > 0) {
    console.log('  history already installed');
    return;
  }
  const t = performance.now();
  // registered-capital increases (and a few decreases) for about 1 % of enterprises, spread over three years
  await deps.db.execute(sql`
    insert into enterprise_field_changes (enterprise_id, field, old_value, new_value, source, source_date, changed_at)
    select e.id, 'registeredCapitalYuan', to_jsonb(e.registered_capital_yuan / 2), to_jsonb(e.registered_capital_yuan), ${HISTORY_SOURCE}, current_date,
           now() - make_interval(days => (random() * 1100)::int)
      from enterprises e tablesample system (1) where e.registered_capital_yuan is not null`);
  // a second increase for a fifth of those
  await deps.db.execute(sql`
    insert into enterprise_field_changes (enterprise_id, field, old_value, new_value, source, source_date, changed_at)
    select enterprise_id, field, old_value, new_value, source, source_date, changed_at - interval '30 days'
      from enterprise_field_changes where source = ${HISTORY_SOURCE} and random() < 0.2`);
  // a fifth of the group members established within the last 700 days
  await deps.db.execute(sql`update enterprises set established_on = current_date - (random() * 700)::int where parent_group is not null and random() < 0.2`);
  // contacts in 米东区 for 300 enterprises outside Xinjiang
  await deps.db.execute(sql`
    insert into enterprise_contacts (enterprise_id, region_code, name)
    select e.id, '650109', '联系人' from enterprises e where e.region_code not like '65%' and e.industry_code is not null order by e.id limit 300`);
  // 60 projects in 乌鲁木齐市 counties with national investors of large capital
  const investors = rowsOf<{ name: string; credit_code: string; region: string }>(
    await deps.db.execute(sql`
      select e.name, e.credit_code, (array['650109', '650102', '650104', '650106'])[1 + (row_number() over (order by e.id)) % 4] as region
        from enterprises e where e.region_code not like '65%' and e.credit_code is not null and e.registered_capital_yuan > 100000000
       order by e.id limit 60`),
  );
  for (const [i, inv] of investors.entries()) {
    await createProject(deps, caller, { name: `测量项目${i + 1}`, regionCode: inv.region, source: 'outOfRegion', investorName: inv.name, investorCreditCode: inv.credit_code });
  }
  await deps.db.execute(sql`analyze enterprise_field_changes`);
  console.log(`  history: field changes, group establishments, 300 contacts, ${investors.length} projects (${secs(t)} s)`);
}

// ------------------------------------------------------------------ measurement

interface Stats {
  p50: number;
  p95: number;
  max: number;
}
function summarize(ms: number[]): Stats {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] ?? 0;
  return { p50: at(0.5), p95: at(0.95), max: s[s.length - 1] ?? 0 };
}
const fmt = (s: Stats) => `${s.p50.toFixed(0)} / ${s.p95.toFixed(0)} / ${s.max.toFixed(0)}`;

/** Deps whose db records every statement run through db.execute (the scoring's raw SQL). */
function recording(deps: Deps, into: SQL[]): Deps {
  const db = new Proxy(deps.db, {
    get(target, prop) {
      if (prop === 'execute') {
        return (statement: SQL) => {
          into.push(statement);
          return target.execute(statement);
        };
      }
      const v: unknown = Reflect.get(target, prop);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  }) as Db;
  return { ...deps, db };
}

interface Input {
  region: string;
  chain: string;
  node: string;
  nodeName: string;
}

function pickInputs(templates: ChainTemplate[]): Input[] {
  const inputs: Input[] = [];
  for (const t of templates.slice(0, CHAINS)) {
    const picked = [
      ...(['upstream', 'midstream', 'downstream'] as const).map((s) => t.nodes.find((n) => n.segment === s && n.parentCode === null)),
      t.nodes.find((n) => n.parentCode !== null),
    ].filter((n): n is NonNullable<typeof n> => n !== undefined);
    for (const region of REGIONS) for (const n of picked) inputs.push({ region: region.code, chain: t.code, node: n.code, nodeName: `${t.name}·${n.name}` });
  }
  return inputs;
}

async function measure(deps: Deps, pool: pg.Pool, app: FastifyInstance, cookie: string, caller: Caller, templates: ChainTemplate[]): Promise<void> {
  const inputs = pickInputs(templates);
  console.log(`\nlistScoredTargets, limit 100: p50 / p95 / max in ms (${RUNS} runs per node and region after ${WARM} warm-up)`);
  console.log('region | node | service | raw SQL | HTTP (inject) | candidates | statements');
  const all: Record<string, { service: number[]; raw: number[]; http: number[] }> = {};
  // per region, the statements by their opening (the pull's counts share one): total ms and runs
  const statementMs = new Map<string, Map<string, { ms: number; n: number }>>();
  const byStatement = (region: string, s: SQL, ms: number) => {
    const key = dialect.sqlToQuery(s).sql.replace(/\s+/g, ' ').slice(0, 90);
    const m = statementMs.get(region) ?? new Map<string, { ms: number; n: number }>();
    statementMs.set(region, m);
    const v = m.get(key) ?? { ms: 0, n: 0 };
    m.set(key, { ms: v.ms + ms, n: v.n + 1 });
  };
  for (const input of inputs) {
    const q = { region: input.region, chain: input.chain, node: input.node, limit: 100 };
    const service: number[] = [];
    const raw: number[] = [];
    const http: number[] = [];
    let candidates = 0;
    let statements: SQL[] = [];
    for (let i = 0; i < RUNS + WARM; i++) {
      const timed = {
        service: async () => {
          const recorded: SQL[] = [];
          const r = await listScoredTargets(recording(deps, recorded), caller, q);
          candidates = r.candidates;
          statements = recorded;
        },
        raw: async () => {
          for (const s of statements) {
            const t = performance.now();
            await deps.db.execute(s);
            if (i >= WARM) byStatement(input.region, s, performance.now() - t);
          }
        },
        http: async () => {
          const res = await app.inject({ method: 'GET', url: `/api/targets/scored?${new URLSearchParams({ ...q, limit: '100' }).toString()}`, headers: { cookie } });
          if (res.statusCode !== 200) throw new Error(`HTTP ${res.statusCode}: ${res.body}`);
        },
      };
      // the statements come from a service call: the first run records them before the rotation starts
      if (statements.length === 0) await timed.service();
      const order = (['service', 'raw', 'http'] as const).map((_, k, ways) => ways[(i + k) % 3]!);
      const ms = { service: 0, raw: 0, http: 0 };
      for (const way of order) {
        const t = performance.now();
        await timed[way]();
        ms[way] = performance.now() - t;
      }
      if (i < WARM) continue;
      service.push(ms.service);
      raw.push(ms.raw);
      http.push(ms.http);
    }
    if (process.env.BENCH_EXPLAIN && input.chain === templates[0]?.code) {
      for (const s of statements) {
        const c = dialect.sqlToQuery(s);
        const res = await pool.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${c.sql}`, c.params as unknown[]);
        console.log(res.rows.map((r) => r['QUERY PLAN']).join('\n'));
      }
    }
    const bucket = (all[input.region] ??= { service: [], raw: [], http: [] });
    bucket.service.push(...service);
    bucket.raw.push(...raw);
    bucket.http.push(...http);
    console.log(`${input.region} | ${input.node} ${input.nodeName} | ${fmt(summarize(service))} | ${fmt(summarize(raw))} | ${fmt(summarize(http))} | ${candidates} | ${statements.length}`);
  }
  console.log('\nall nodes per region: service | raw SQL | HTTP (p50 / p95 / max ms)');
  for (const region of REGIONS) {
    const b = all[region.code];
    if (!b) continue;
    const s = summarize(b.service);
    console.log(`${region.label} | ${fmt(s)} | ${fmt(summarize(b.raw))} | ${fmt(summarize(b.http))} | target p95 < 1000 ms: ${summarize(b.http).p95 < 1000 && s.p95 < 1000 ? 'met' : 'MISSED'}`);
  }
  console.log('\nraw SQL by statement (share of the raw time, mean ms per run, runs), per region:');
  for (const region of REGIONS) {
    const m = [...(statementMs.get(region.code) ?? new Map<string, { ms: number; n: number }>()).entries()].sort((a, b) => b[1].ms - a[1].ms);
    const total = m.reduce((a, [, v]) => a + v.ms, 0) || 1;
    console.log(region.label);
    for (const [key, v] of m.slice(0, 6)) console.log(`  ${((100 * v.ms) / total).toFixed(0)} % | ${(v.ms / v.n).toFixed(1)} | ${v.n} | ${key}`);
  }
}

async function prepareHttp(deps: Deps, config: Config, database: ReturnType<typeof wrapPool>): Promise<{ app: FastifyInstance; cookie: string; caller: Caller }> {
  const username = `bench_targets_${process.pid}`;
  const user = await createUser(deps, createSystemCaller('bench'), { username, displayName: 'bench', regionCode: PREFECTURE.code, password: PASSWORD, roles: ['officer'], mustChangePassword: false });
  const app = await buildApp({ config, database });
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: PASSWORD } });
  const cookie = login.cookies.find((c) => c.name === 'yinfeng_session');
  if (!cookie) throw new Error(`login failed: ${login.body}`);
  const caller: Caller = {
    actor: { id: user.id, username, displayName: 'bench', roles: ['officer'], permissions: listPermissions(['officer']), regionCode: PREFECTURE.code, regionPath: PREFECTURE.path },
    clientIp: null,
    requestId: null,
  };
  return { app, cookie: `yinfeng_session=${cookie.value}`, caller };
}

async function main() {
  const config = loadConfig({});
  const reuse = process.env.BENCH_REUSE;
  const name = reuse ?? process.env.BENCH_DATABASE_NAME ?? `yinfeng_bench_targets_${process.pid}`;
  const admin = new pg.Client({ connectionString: SERVER });
  await admin.connect();
  admin.on('error', () => undefined);
  if (!reuse) await admin.query(`create database ${name} template template0 encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'`);
  const pool = new pg.Pool({ connectionString: withDatabase(SERVER, name), max: 6 });
  pool.on('error', () => undefined);
  const database = wrapPool(pool, name);
  const deps: Deps = { db: database.db, config };
  const sys = createSystemCaller('bench-targets');
  let app: FastifyInstance | undefined;
  try {
    if (!reuse) {
      const t = performance.now();
      await migrateDatabase(database);
      await loadReferenceData(deps);
      const u = await readUniverse(database.db);
      console.log(`PostgreSQL: loading ${COUNT} enterprises into ${name}`);
      await loadPostgres(pool, database.db, u, COUNT);
      console.log(`  loaded in ${secs(t)} s`);
    } else {
      console.log(`PostgreSQL: reusing ${name}`);
    }
    const [n] = rowsOf<{ n: string }>(await database.db.execute(sql`select count(*) as n from enterprises`));
    console.log(`  enterprises: ${n?.n}`);
    const templates = await installChains(deps, sys);
    await installHistory(deps, sys);

    const r = await refreshRelatedness(deps, sys);
    console.log(
      `\nfull feature refresh: ${(r.ms / 1000).toFixed(1)} s (counts ${(r.steps.counts / 1000).toFixed(1)} s, relatedness ${(r.steps.proximity / 1000).toFixed(1)} s, growth signals ${(r.steps.growth / 1000).toFixed(1)} s, node local counts ${(r.steps.pull / 1000).toFixed(1)} s); ` +
        `${r.divisions} 大类, ${r.pairs} pairs, ${r.regionIndustries} region × code counts, ${r.growthSignals} enterprises with growth signals, ${r.nodeMatches} node matches` +
        ` — target under 30 min: ${r.ms < 1_800_000 ? 'met' : 'MISSED'}`,
    );
    await database.db.execute(sql`analyze region_industry_counts`);
    await database.db.execute(sql`analyze enterprise_growth_signals`);

    const http = await prepareHttp(deps, config, database);
    app = http.app;
    await measure(deps, pool, http.app, http.cookie, http.caller, templates);
  } finally {
    await app?.close();
    await database.close();
    if (!reuse && !process.env.BENCH_KEEP) await admin.query(`drop database if exists ${name} with (force)`);
    else console.log(`kept database ${name}`);
    await admin.end();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
