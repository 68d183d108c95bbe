/**
 * npm run bench:portal — the public portal under 200 anonymous readers (issue 14 item 8).
 *
 * 1. A fresh PostgreSQL database (BENCH_DATABASE_URL's server) with generated published data: BENCH_PORTAL_PROJECTS
 *    (default 2,000) projects each with an open publication, BENCH_PORTAL_RESOURCES (5,000) published resources
 *    with suitable industries (小类 codes, with their ancestors), BENCH_PORTAL_ITEMS (3,000) published policy items
 *    (300 policies) with their search keys made by the app's own function; dropped at the end.
 * 2. The real server (`bin/yinfeng serve`) on a free port, with a public rate limit lifted (one client address).
 * 3. BENCH_PORTAL_CONNECTIONS (200) anonymous readers for BENCH_PORTAL_SECONDS (30), each pausing BENCH_PORTAL_THINK_MS
 *    (1000, ±50 %; 0 = closed loop) between pages, the server with its public cache (YINFENG_PUBLIC_CACHE_SECONDS): portal pages
 *    (home, resource list filtered by a section, resource detail, policy search page) and public API reads
 *    (project list by region, resource list by division and area, policy-item search, matcher), at random.
 * 4. p50 / p95 / max per kind (2xx only), refusals (503) and errors; the load average before and after; then the
 *    raw SQL of the hottest statements (the resource list by industry, the policy search, the project list) with
 *    their EXPLAIN ANALYZE, captured from the services themselves.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './lib/bench-http';
import pg from 'pg';
import { loadConfig } from '../src/config/config';
import { openDatabase } from '../src/db/client';
import { migrateDatabase } from '../src/db/migrate';
import { buildPolicyItemSearchKeys } from '../src/search/policy-search-keys';
import { loadReferenceData } from '../src/services/reference-data';
import { listPublicProjects, listPublicResources, searchPublicPolicyItems } from '../src/services/portal/public-catalog';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SERVER = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PROJECTS = Number(process.env.BENCH_PORTAL_PROJECTS ?? 2_000);
const RESOURCES = Number(process.env.BENCH_PORTAL_RESOURCES ?? 5_000);
const ITEMS = Number(process.env.BENCH_PORTAL_ITEMS ?? 3_000);
const CONNECTIONS = Number(process.env.BENCH_PORTAL_CONNECTIONS ?? 200);
const SECONDS = Number(process.env.BENCH_PORTAL_SECONDS ?? 30);
/** a reader's pause between two pages (ms, uniformly 0.5–1.5 × this); 0: closed loop, every reader asks again at once */
const THINK_MS = Number(process.env.BENCH_PORTAL_THINK_MS ?? 1000);
const loadavg = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');

const WORDS = ['厂房租金补贴', '固定资产投资奖励', '贷款贴息', '人才引进', '研发费用', '物流运费补助', '用地保障', '电价优惠', '高新技术企业认定', '首台套', '技术改造', '稳岗补贴'];

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function generate(url: string): Promise<void> {
  const config = loadConfig({ DATABASE_URL: url, YINFENG_DATA_DIR: path.join(os.tmpdir(), 'yinfeng-bench-portal') });
  const database = await openDatabase(config.database, 'bench:portal');
  if (database.kind !== 'postgres') throw new Error('PostgreSQL expected');
  try {
    await migrateDatabase(database);
    await loadReferenceData({ db: database.db, config });
    const q = (text: string, params: unknown[] = []) => database.pool.query(text, params);
    const t = performance.now();
    await q(`insert into region_contact_offices (region_code, name, address, phone, hours)
             select code, name || '招商服务中心', name || '（基准）', '0991-0000000', '工作日' from regions where path like '/650000/650100/%'`);
    await q(
      `with r as (select array_agg(code) as codes from regions where path like '/650000/650100/%' and level = 'county'),
            i as (select array_agg(code) as codes from industries where level = 'class' and code like '13%' or code like '26%' or code like '38%')
       insert into projects (code, name, region_code, industry_code, stage, planned_investment_yuan)
       select 'BENCH' || g, '基准项目' || g, r.codes[1 + g % cardinality(r.codes)], i.codes[1 + g % cardinality(i.codes)], 'lead', (g % 50 + 1) * 10000000
       from generate_series(1, $1::int) g, r, i`,
      [PROJECTS],
    );
    await q(`insert into project_publications (project_id, public_title, background, market, conditions, investment_scale_yuan, cooperation_mode, published_at)
             select id, name || '（推介）', '项目背景说明', '市场分析', '建设条件与优势', planned_investment_yuan, '独资或合资', now() - (random() * interval '300 days')
             from projects where code like 'BENCH%'`);
    await q(
      `with r as (select array_agg(code) as codes from regions where path like '/650000/650100/%' and level = 'county'),
            i as (select array_agg(code) as codes from industries where level = 'class')
       insert into resources (kind, region_code, name, address, area_sqm, price_yuan, price_unit, utilities, suitable_industry_codes, published, published_at)
       select (array['land','standardFactory','officeBuilding','idleAsset'])[1 + g % 4], r.codes[1 + g % cardinality(r.codes)], '基准资源' || g, '基准地址',
              1000 + (g * 37) % 100000, 10 + g % 40, 'perSqmMonth', array['water','power'], array[i.codes[1 + (g * 7) % cardinality(i.codes)]], true, now() - (random() * interval '300 days')
       from generate_series(1, $1::int) g, r, i`,
      [RESOURCES],
    );
    // the ancestors of each code, as the service stores them
    await q(`update resources s set suitable_industry_paths = (
               with recursive up(code, parent_code) as (select i.code, i.parent_code from industries i where i.code = any(s.suitable_industry_codes)
                 union select i.code, i.parent_code from industries i join up on i.code = up.parent_code)
               select array_agg(distinct code) from up)`);
    const policies = Math.max(1, Math.ceil(ITEMS / 10));
    const ids = await q(
      `insert into policies (region_code, title, issuing_body, document_number, is_demo) select '650100', '基准政策' || g || '号关于促进产业发展的若干措施', '基准发文机关', '基准〔2026〕' || g || '号', true
       from generate_series(1, $1::int) g returning id, title, document_number`,
      [policies],
    );
    const sections = ['C', 'G', 'I', 'M', '13', '26', '38', '65'];
    for (let k = 0; k < ITEMS; k += 500) {
      const rows: [string, string, string[], string, string, string, string][] = [];
      for (let n = k; n < Math.min(ITEMS, k + 500); n++) {
        const policy = ids.rows[n % policies] as { id: string; title: string; document_number: string };
        const title = `${WORDS[n % WORDS.length]}（第 ${n} 条）`;
        const benefit = `对符合条件的企业给予${WORDS[(n * 5) % WORDS.length]}，最高 ${100 + (n % 9) * 50} 万元。`;
        const keys = buildPolicyItemSearchKeys({ itemTitle: title, policyTitle: policy.title, documentNumber: policy.document_number, benefit, conditions: '', howToApply: '' });
        rows.push([policy.id, title, [sections[n % sections.length]!], benefit, keys.searchText, keys.nameWords, keys.otherWords]);
      }
      await q(
        `insert into policy_items (policy_id, title, industry_codes, benefit, published, published_at, search_text, search_words)
         select u.p, u.t, array[u.i], u.b, true, now(), u.s, setweight(to_tsvector('simple', u.nw), 'A') || setweight(to_tsvector('simple', u.ow), 'B')
         from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) as u(p, t, i, b, s, nw, ow)`,
        [0, 1, 2, 3, 4, 5, 6].map((c) => rows.map((r) => (c === 2 ? (r[c] as string[])[0] : r[c]))),
      );
    }
    await q('analyze');
    console.log(`generated ${PROJECTS} published projects, ${RESOURCES} resources, ${ITEMS} policy items in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  } finally {
    await database.close();
  }
}

const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });

function get(port: number, p: string): Promise<number> {
  return new Promise((resolve) => {
    const req = http.request({ host: '127.0.0.1', port, method: 'GET', path: p, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', () => resolve(0));
    });
    req.setTimeout(15_000, () => {
      req.destroy();
      resolve(-1);
    });
    req.on('error', () => resolve(0));
    req.end();
  });
}

async function startServer(url: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/yinfeng'), 'serve'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'error', YINFENG_PUBLIC_RATE_LIMIT: '1000000', YINFENG_ROLLUP_WARMUP: 'false' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  child.stdout?.resume();
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode})`);
    if ((await get(port, '/api/health')) === 200) return child;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('the server did not answer /api/health within 120 s');
}

const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)]!;

function nextRequest(resourceIds: readonly string[]): [string, string] {
  const r = Math.random();
  if (r < 0.1) return ['page: home', '/portal'];
  if (r < 0.25) return ['page: resources by section', `/portal/resources?industry=${pick(['C', 'A', 'F', 'G'])}&page=${1 + Math.floor(Math.random() * 5)}`];
  if (r < 0.35) return ['page: resource detail', `/portal/resources/${pick(resourceIds)}`];
  if (r < 0.45) return ['page: policy search', `/portal/policies?q=${encodeURIComponent(pick(WORDS))}`];
  if (r < 0.6) return ['api: projects by region', `/api/public/projects?region=${pick(['650100', '650102', '650109', '650104'])}&page=${1 + Math.floor(Math.random() * 10)}`];
  if (r < 0.8) return ['api: resources by division and area', `/api/public/resources?industry=${pick(['13', '26', '38', '65', '59'])}&areaMin=5000&areaMax=60000`];
  if (r < 0.92) return ['api: policy-item search', `/api/public/policy-items?q=${encodeURIComponent(pick(WORDS))}`];
  return ['api: matcher', `/api/public/policy-match?industry=${pick(['1311', '2614', '3825', '6513'])}&size=small&region=650109`];
}

/** The SQL the services send for three hot reads, with EXPLAIN ANALYZE. */
async function explainHottest(url: string): Promise<void> {
  const config = loadConfig({ DATABASE_URL: url, YINFENG_DATA_DIR: path.join(os.tmpdir(), 'yinfeng-bench-portal') });
  const database = await openDatabase(config.database, 'bench:portal');
  if (database.kind !== 'postgres') throw new Error('PostgreSQL expected');
  const captured: { text: string; values: unknown[] }[] = [];
  const pool = database.pool;
  const original = pool.query.bind(pool) as (...a: unknown[]) => Promise<unknown>;
  (pool as unknown as { query: (...a: unknown[]) => Promise<unknown> }).query = (...args: unknown[]) => {
    const [first, second] = args;
    if (typeof first === 'string') captured.push({ text: first, values: (second as unknown[]) ?? [] });
    // drizzle's node-postgres session passes a config object with the parameters as the second argument
    else if (first && typeof first === 'object' && 'text' in first)
      captured.push({ text: (first as { text: string }).text, values: (second as unknown[] | undefined) ?? (first as { values?: unknown[] }).values ?? [] });
    return original(...args);
  };
  const deps = { db: database.db, config };
  try {
    for (const [label, run] of [
      ['resources by section C', () => listPublicResources(deps, { industry: 'C', page: 1, pageSize: 20 })],
      ['policy-item search', () => searchPublicPolicyItems(deps, { q: '厂房租金补贴', page: 1, pageSize: 20 })],
      ['projects by region', () => listPublicProjects(deps, { region: '650109', page: 1, pageSize: 20 })],
    ] as const) {
      captured.length = 0;
      await run();
      const main = captured.filter((c) => /select/i.test(c.text)).sort((a, b) => b.text.length - a.text.length)[0];
      if (!main) continue;
      const plan = await original(`explain (analyze, buffers off) ${main.text}`, main.values);
      console.log(`\n--- ${label}\n${main.text.replace(/\s+/g, ' ')}\nparams: ${JSON.stringify(main.values)}`);
      console.log((plan as { rows: Record<string, string>[] }).rows.map((r) => r['QUERY PLAN']).join('\n'));
    }
  } finally {
    await database.close();
  }
}

async function main() {
  const name = `yinfeng_bench_portal_${process.pid}`;
  const admin = new pg.Client({ connectionString: SERVER });
  await admin.connect();
  const url = withDatabase(SERVER, name);
  let server: ChildProcess | null = null;
  try {
    await admin.query(`create database ${name} template template0 encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'`);
    await generate(url);
    const port = await freePort();
    server = await startServer(url, port);
    const ids = new pg.Client({ connectionString: url });
    await ids.connect();
    const resourceIds = (await ids.query<{ id: string }>('select id from resources where published order by random() limit 500')).rows.map((r) => r.id);
    await ids.end();
    const times = new Map<string, number[]>();
    const failures = new Map<string, number>();
    console.log(`load average before: ${loadavg()}; ${CONNECTIONS} readers for ${SECONDS} s, pausing ${THINK_MS} ms (±50 %) between pages; public cache ${process.env.YINFENG_PUBLIC_CACHE_SECONDS ?? '10'} s`);
    const end = Date.now() + SECONDS * 1000;
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        while (Date.now() < end) {
          const [kind, p] = nextRequest(resourceIds);
          const t = performance.now();
          const status = await get(port, p);
          const ms = performance.now() - t;
          if (status >= 200 && status < 300) (times.get(kind) ?? times.set(kind, []).get(kind)!).push(ms);
          else failures.set(`${kind} → ${status}`, (failures.get(`${kind} → ${status}`) ?? 0) + 1);
          if (THINK_MS > 0) await new Promise((r) => setTimeout(r, THINK_MS * (0.5 + Math.random())));
        }
      }),
    );
    console.log(`load average after: ${loadavg()}`);
    const pct = (s: number[], p: number) => s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
    console.log('kind | served | p50 ms | p95 ms | max ms');
    const all: number[] = [];
    for (const [kind, list] of [...times].sort()) {
      const s = [...list].sort((a, b) => a - b);
      all.push(...s);
      console.log(`${kind} | ${s.length} | ${pct(s, 50).toFixed(0)} | ${pct(s, 95).toFixed(0)} | ${s[s.length - 1]!.toFixed(0)}`);
    }
    all.sort((a, b) => a - b);
    if (all.length > 0) console.log(`all | ${all.length} | ${pct(all, 50).toFixed(0)} | ${pct(all, 95).toFixed(0)} | ${all[all.length - 1]!.toFixed(0)}  (${(all.length / SECONDS).toFixed(0)} answers/s)`);
    for (const [k, n] of failures) console.log(`not served: ${k}: ${n}`);
    await explainHottest(url);
  } finally {
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server?.once('exit', r));
      server.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
    }
    agent.destroy();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

await main();
