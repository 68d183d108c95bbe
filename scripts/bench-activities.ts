/**
 * npm run bench:activities — issue 13 item 11: activity statistics (GET /api/stats/activities,
 * services/activities/activity-stats.ts) for the province over a year with 1,000,000 activities and
 * 5,000,000 activity links answer with p95 under 200 ms on PostgreSQL.
 *
 * PostgreSQL only: a fresh database on BENCH_DATABASE_URL, migrated, reference data loaded; projects
 * over the province's counties (BENCH_PROJECTS, default 60,000, each with its stage history, about a
 * third signed); BENCH_ACTIVITIES (default 1,000,000) activities over the province's prefectures and
 * counties and the last three years (trips, visits, receptions, events, online work; leaders of every
 * level; resident teams), with about 3.5 organisations met (a pool of organisations, most with a
 * credit code) and 1.5 projects each: about 5,000,000 links. Loaded with COPY (pg-copy-streams), the
 * migrations' indexes dropped for the load and rebuilt after it, VACUUM ANALYZE.
 *
 * Then getActivityStats (the same call as GET /api/stats/activities) for the province 650000, the
 * prefecture 乌鲁木齐市 650100 and the county 米东区 650109 over the last twelve complete months with
 * several filter mixes, from the rollup parts (services/activities/activity-stats-rollups.ts):
 * first with no part stored (the province's first summary computes every region-month), then
 * p50/p95/max when nothing changed since the same summary (versions read, figures kept), beside the
 * direct statements without rollups (the same figures, checked) and HTTP (app.inject), the way that
 * goes first rotating; then with the parts current but the summary not kept (every part read and
 * united); last, right after one activity of 米东区 changed before every summary (one part computed
 * again each time).
 *
 * BENCH_REUSE=<database> measures an existing loaded database; BENCH_KEEP=1 keeps a fresh one
 * (BENCH_DATABASE_NAME names it); BENCH_RUNS (default 10) runs per input after one warm-up;
 * BENCH_REGIONS=650100,650109 measures only those of the three regions.
 */
import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { once } from 'node:events';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { lastCompleteMonth, shiftMonth } from '../src/contracts/periods';
import { loadConfig, type Config } from '../src/config/config';
import { wrapPool, type Db } from '../src/db/client';
import { migrateDatabase } from '../src/db/migrate';
import { listPermissions } from '../src/domain/roles';
import { buildApp } from '../src/http/app';
import { createUser } from '../src/services/accounts/users';
import { selectActivityStats, selectReserveProjects, selectServiceItemStats, selectSubtreeCodes } from '../src/db/queries/activities/activity-stats';
import {
  ACTIVITY_HOSTINGS,
  ACTIVITY_TYPE_LABELS,
  ACTIVITY_TYPES,
  EVENT_TYPES,
  HOSTING_LABELS,
  LEADER_LEVEL_LABELS,
  LEADER_LEVELS,
  parseLabelled,
} from '../src/domain/activities/activity-kinds';
import { lastDayOfMonth } from '../src/domain/indicators';
import { getActivityStats } from '../src/services/activities/activity-stats';
import { computeActivityFiguresFromRollups } from '../src/services/activities/activity-stats-rollups';
import { createSystemCaller, type Caller, type Deps } from '../src/services/context';
import { loadReferenceData } from '../src/services/reference-data';
import { createRng } from '../src/seed/random';
import { secs, withDatabase } from './bench-enterprise-loader';

const SERVER = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const ACTIVITIES = Number(process.env.BENCH_ACTIVITIES ?? 1_000_000);
const PROJECTS = Number(process.env.BENCH_PROJECTS ?? 60_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const WARM = 1;
const TARGET_MS = 200;
const PASSWORD = 'Bench@pass-2026';
const PROVINCE = { code: '650000', path: '/650000/' };
const REGIONS = [
  { code: '650000', label: '新疆 650000' },
  { code: '650100', label: '乌鲁木齐市 650100' },
  { code: '650109', label: '米东区 650109' },
].filter((r) => !process.env.BENCH_REGIONS || process.env.BENCH_REGIONS.split(',').includes(r.code));
const FILTERS: { label: string; q: Record<string, string> }[] = [
  { label: '无筛选', q: {} },
  { label: '外出招商', q: { type: '外出招商' } },
  { label: '四大班子领导', q: { leaderLevel: '四大班子领导' } },
  { label: '主办·推介会、展会', q: { hosting: '主办', type: '推介会,展会' } },
  { label: '驻点小分队', q: { team: '驻杭州招商小分队' } },
];
const TEAMS = ['驻杭州招商小分队', '驻上海招商小分队', '驻深圳招商小分队', '驻北京招商小分队', '驻佛山招商小分队'];

function rowsOf<T>(r: unknown): T[] {
  return (r as { rows: T[] }).rows;
}

/** a deterministic uuid: kind in the first group, the index in the last */
const uuidOf = (kind: number, i: number) => `${kind.toString(16).padStart(8, '0')}-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;

function copyCell(v: string | number | null): string {
  if (v === null) return '\\N';
  return String(v).replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

/** The non-unique secondary indexes of the activity tables, dropped for the load (rebuilt from their definitions after it). */
async function takeIndexes(client: pg.PoolClient): Promise<{ name: string; def: string }[]> {
  const res = await client.query<{ indexname: string; indexdef: string }>(
    `select i.indexname, i.indexdef from pg_indexes i
      where i.tablename in ('activities', 'activity_organisations', 'activity_projects')
        and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`,
  );
  for (const r of res.rows) await client.query(`drop index ${r.indexname}`);
  return res.rows.map((r) => ({ name: r.indexname, def: r.indexdef }));
}

async function copyRows(client: pg.PoolClient, table: string, columns: string[], count: number, row: (i: number) => (string | number | null)[] | null): Promise<number> {
  const stream = client.query(copyFrom(`copy ${table} (${columns.join(', ')}) from stdin`));
  const source = new PassThrough();
  const done = pipeline(source, stream);
  let n = 0;
  for (let i = 0; i < count; i++) {
    const r = row(i);
    if (!r) continue;
    n++;
    if (!source.write(`${r.map(copyCell).join('\t')}\n`)) await once(source, 'drain');
  }
  source.end();
  await done;
  return n;
}

interface Region {
  code: string;
  level: string;
}

/** Loads the generated province (also used by scripts/bench-briefings.ts). */
export async function load(pool: pg.Pool, db: Db): Promise<void> {
  const regions = rowsOf<Region>(await db.execute(sql`select code, level from regions where path like ${`${PROVINCE.path}%`} and level in ('prefecture', 'county') and active order by code`));
  const counties = regions.filter((r) => r.level === 'county');
  const rng = createRng(20261206);
  const lastMonth = lastCompleteMonth();
  const firstDay = `${shiftMonth(lastMonth, -35)}-01`;
  const dayCount = Math.round((Date.parse(`${shiftMonth(lastMonth, 1)}-01`) - Date.parse(firstDay)) / 86_400_000);
  const dayOf = (k: number) => new Date(Date.parse(firstDay) + k * 86_400_000).toISOString().slice(0, 10);
  console.log(`PostgreSQL: ${regions.length} organising regions (${counties.length} counties), ${firstDay} … ${dayOf(dayCount - 1)}`);

  let t = performance.now();
  // projects over the counties, each with its stage history (线索 first; a third then signed)
  await db.execute(sql`
    insert into projects (id, code, name, region_code, stage, planned_investment_yuan, signed_amount_yuan, signed_date, source)
    select ('00000002-0000-4000-8000-' || lpad(to_hex(g), 12, '0'))::uuid, 'BP' || g, '测量项目' || g,
           (${sql.param(counties.map((c) => c.code))}::text[])[1 + g % ${counties.length}],
           case when g % 3 = 0 then 'signed' when g % 3 = 1 then 'negotiating' else 'lead' end,
           (100 + g % 900) * 1000000::bigint, case when g % 3 = 0 then (80 + g % 700) * 1000000::bigint end,
           case when g % 3 = 0 then ${firstDay}::date + (g % ${dayCount}) end, 'outOfRegion'
      from generate_series(0, ${PROJECTS - 1}) g`);
  await db.execute(sql`
    insert into project_stage_history (project_id, from_stage, to_stage, changed_by_name, changed_at)
    select id, null, 'lead', '测量', ${firstDay}::date - 30 from projects where code like 'BP%'
    union all
    select id, 'lead', stage, '测量', coalesce(signed_date, ${firstDay}::date + 10) from projects where code like 'BP%' and stage <> 'lead'`);
  console.log(`  ${PROJECTS} projects with their stage history: ${secs(t)} s`);

  const client = await pool.connect();
  let indexes: { name: string; def: string }[];
  try {
    indexes = await takeIndexes(client);
    // the rows are consistent by construction: no foreign-key triggers during the load
    await client.query(`set session_replication_role = replica`);
    t = performance.now();
    const types = [
      { w: 30, v: 'trip' },
      { w: 25, v: 'visit' },
      { w: 25, v: 'reception' },
      { w: 4, v: 'promotion' },
      { w: 3, v: 'presentation' },
      { w: 3, v: 'symposium' },
      { w: 2, v: 'summit' },
      { w: 3, v: 'expo' },
      { w: 1, v: 'signing' },
      { w: 4, v: 'online' },
    ];
    const levels = [
      { w: 1, v: 'principal' },
      { w: 2, v: 'leadership' },
      { w: 3, v: 'official' },
      { w: 4, v: 'none' },
    ];
    const orgCounts: number[] = new Array<number>(ACTIVITIES);
    const projectCounts: number[] = new Array<number>(ACTIVITIES);
    const eventTypes = new Set(['promotion', 'presentation', 'symposium', 'summit', 'expo', 'signing']);
    const n = await copyRows(
      client,
      'activities',
      ['id', 'code', 'type', 'name', 'start_date', 'end_date', 'region_code', 'hosting', 'leader_name', 'leader_level', 'person_trips', 'destinations', 'resident_team'],
      ACTIVITIES,
      (i) => {
        const type = rng.weighted(types);
        const region = rng.chance(0.15) ? (regions[rng.int(0, regions.length - 1)] as Region) : (counties[rng.int(0, counties.length - 1)] as Region);
        const start = rng.int(0, dayCount - 1);
        const level = type === 'trip' || eventTypes.has(type) ? rng.weighted(levels) : 'none';
        orgCounts[i] = type === 'online' ? rng.int(0, 2) : rng.int(1, 6);
        projectCounts[i] = rng.chance(0.5) ? rng.int(1, 5) : 0;
        return [
          uuidOf(1, i),
          `BH${i}`,
          type,
          `测量活动${i}`,
          dayOf(start),
          dayOf(Math.min(dayCount - 1, start + (type === 'trip' ? rng.int(1, 5) : 0))),
          region.code,
          eventTypes.has(type) ? (rng.chance(0.5) ? 'organised' : 'attended') : null,
          level === 'none' ? null : `领导${rng.int(1, 500)}`,
          level,
          type === 'trip' ? rng.int(2, 10) : null,
          type === 'trip' ? '上海、杭州' : null,
          rng.chance(0.05) ? rng.pick(TEAMS) : null,
        ];
      },
    );
    console.log(`  COPY ${n} activities: ${secs(t)} s`);
    t = performance.now();
    // organisations: a pool of 300,000, 80 % with a credit code; distinct within an activity
    const ORG_POOL = 300_000;
    let orgId = 0;
    let orgLinks = 0;
    const orgStream = client.query(copyFrom(`copy activity_organisations (id, activity_id, name, credit_code, kind) from stdin`));
    const orgSource = new PassThrough();
    const orgDone = pipeline(orgSource, orgStream);
    for (let i = 0; i < ACTIVITIES; i++) {
      const first = rng.int(0, ORG_POOL - 1);
      for (let k = 0; k < (orgCounts[i] ?? 0); k++) {
        const o = (first + k * 7919) % ORG_POOL;
        const line = `${uuidOf(3, orgId++)}\t${uuidOf(1, i)}\t测量单位${o}\t${o % 5 === 0 ? '\\N' : `91${String(o).padStart(16, '0')}`}\t${o % 10 === 1 ? 'chamber' : 'enterprise'}\n`;
        orgLinks++;
        if (!orgSource.write(line)) await once(orgSource, 'drain');
      }
    }
    orgSource.end();
    await orgDone;
    console.log(`  COPY ${orgLinks} activity organisations: ${secs(t)} s`);
    t = performance.now();
    let projectLinks = 0;
    const linkStream = client.query(copyFrom(`copy activity_projects (activity_id, project_id, outcome) from stdin`));
    const linkSource = new PassThrough();
    const linkDone = pipeline(linkSource, linkStream);
    for (let i = 0; i < ACTIVITIES; i++) {
      const first = rng.int(0, PROJECTS - 1);
      for (let k = 0; k < (projectCounts[i] ?? 0); k++) {
        const p = (first + k * 104_729) % PROJECTS;
        const outcome = p % 3 === 0 && rng.chance(0.3) ? 'signed' : rng.chance(0.3) ? 'intent' : 'talks';
        projectLinks++;
        if (!linkSource.write(`${uuidOf(1, i)}\t${uuidOf(2, p)}\t${outcome}\n`)) await once(linkSource, 'drain');
      }
    }
    linkSource.end();
    await linkDone;
    console.log(`  COPY ${projectLinks} activity projects: ${secs(t)} s (links in all: ${orgLinks + projectLinks})`);
    await client.query(`set session_replication_role = origin`);
  } finally {
    client.release();
  }
  t = performance.now();
  const queue = [...indexes];
  await Promise.all(
    [0, 1].map(async () => {
      const c = await pool.connect();
      try {
        await c.query(`set maintenance_work_mem = '512MB'`);
        for (let next = queue.shift(); next; next = queue.shift()) {
          const ti = performance.now();
          await c.query(next.def);
          console.log(`  index ${next.name}: ${secs(ti)} s`);
        }
      } finally {
        c.release();
      }
    }),
  );
  console.log(`  indexes rebuilt: ${secs(t)} s`);
  for (const table of ['activities', 'activity_organisations', 'activity_projects', 'projects', 'project_stage_history']) await db.execute(sql.raw(`vacuum analyze ${table}`));
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

/** The direct statements (no rollups), one after the other: the activities, the reserve, the service items. */
async function runDirect(deps: Deps, q: Record<string, string>, region: { path: string }): Promise<string> {
  const codes = await selectSubtreeCodes(deps.db, region.path);
  const types = (q.type ?? '').split(',').filter((x) => x !== '').map((x) => parseLabelled(x, ACTIVITY_TYPES, ACTIVITY_TYPE_LABELS) ?? x);
  const levels = (q.leaderLevel ?? '').split(',').filter((x) => x !== '').map((x) => parseLabelled(x, LEADER_LEVELS, LEADER_LEVEL_LABELS) ?? x);
  if (levels.includes('leadership')) levels.push('principal');
  const hosting = q.hosting ? (parseLabelled(q.hosting, ACTIVITY_HOSTINGS, HOSTING_LABELS) ?? q.hosting) : null;
  const start = `${q.from}-01`;
  const end = lastDayOfMonth(q.to ?? '');
  const row = await selectActivityStats(deps.db, { regionCodes: codes, start, end, types, eventTypes: EVENT_TYPES, hosting, leaderLevels: levels, team: q.team ?? null, activityCode: null });
  const next = new Date(`${end}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  await selectReserveProjects(deps.db, codes, next.toISOString().slice(0, 10));
  await selectServiceItemStats(deps.db, codes, start, end);
  return `${row.trips} | ${row.talks}`;
}

const REGION_PATHS: Record<string, string> = { '650000': '/650000/', '650100': '/650000/650100/', '650109': '/650000/650100/650109/' };

/** One activity of 米东区 in the period gets another 人次: its region-month's part is stale. */
async function touchOneActivity(deps: Deps, from: string, to: string, i: number): Promise<void> {
  await deps.db.execute(sql`update activities set person_trips = coalesce(person_trips, 0) + 1
    where id = (select id from activities where region_code = '650109' and start_date between ${`${from}-01`} and ${lastDayOfMonth(to)} order by id offset ${i % 50} limit 1)`);
}

async function measure(deps: Deps, pool: pg.Pool, app: FastifyInstance, cookie: string, caller: Caller): Promise<void> {
  const to = lastCompleteMonth();
  const from = shiftMonth(to, -11);
  // a cold start: every part of the period computed once (the province's first summary)
  await deps.db.execute(sql`delete from activity_rollups`);
  await deps.db.execute(sql`delete from project_reserve_counts`);
  const tc = performance.now();
  await getActivityStats(deps, caller, { region: PROVINCE.code, from, to });
  console.log(`\nno part stored yet: the province's first summary ${(performance.now() - tc).toFixed(0)} ms (computes and stores every region-month of the year)`);
  const [parts] = rowsOf<{ n: string; bytes: string }>(await deps.db.execute(sql`select count(*) as n, coalesce(sum(octet_length(ids)), 0) as bytes from activity_rollups`));
  console.log(`  parts stored: ${parts?.n}, id lists ${(Number(parts?.bytes ?? 0) / 1024 / 1024).toFixed(1)} MiB`);

  console.log(`\ngetActivityStats ${from} … ${to}: p50 / p95 / max in ms (${RUNS} runs per input after ${WARM} warm-up)`);
  console.log('region | filter | service (versions unchanged since the last such summary) | direct SQL, no rollups | HTTP (inject) | trips | projects (talks)');
  const all: Record<string, { service: number[]; raw: number[]; http: number[] }> = {};
  for (const region of REGIONS) {
    for (const filter of FILTERS) {
      const q = { region: region.code, from, to, ...filter.q };
      const service: number[] = [];
      const raw: number[] = [];
      const http: number[] = [];
      let figures = '';
      let direct = '';
      for (let i = 0; i < RUNS + WARM; i++) {
        const timed = {
          service: async () => {
            const r = await getActivityStats(deps, caller, q);
            figures = `${r.trips.count} | ${r.projects.talks}`;
          },
          raw: async () => {
            direct = await runDirect(deps, q, { path: REGION_PATHS[region.code] ?? PROVINCE.path });
          },
          http: async () => {
            const res = await app.inject({ method: 'GET', url: `/api/stats/activities?${new URLSearchParams(q).toString()}`, headers: { cookie } });
            if (res.statusCode !== 200) throw new Error(`HTTP ${res.statusCode}: ${res.body}`);
          },
        };
        // the direct statements are slow at the province: a few runs say enough
        const ways = (['service', 'raw', 'http'] as const).filter((w) => w !== 'raw' || i < WARM + Math.min(RUNS, 3));
        const order = ways.map((_, k) => ways[(i + k) % ways.length]!);
        const ms = { service: -1, raw: -1, http: -1 };
        for (const way of order) {
          const t = performance.now();
          await timed[way]();
          ms[way] = performance.now() - t;
        }
        if (i < WARM) continue;
        service.push(ms.service);
        if (ms.raw >= 0) raw.push(ms.raw);
        http.push(ms.http);
      }
      if (direct !== '' && direct !== figures) throw new Error(`rollups ${figures} differ from the direct statement ${direct} (${region.code} ${filter.label})`);
      const bucket = (all[region.code] ??= { service: [], raw: [], http: [] });
      bucket.service.push(...service);
      bucket.raw.push(...raw);
      bucket.http.push(...http);
      console.log(`${region.label} | ${filter.label} | ${fmt(summarize(service))} | ${fmt(summarize(raw))} | ${fmt(summarize(http))} | ${figures}`);
    }
  }
  console.log('\nall filters per region: service | direct SQL | HTTP (p50 / p95 / max ms)');
  for (const region of REGIONS) {
    const b = all[region.code];
    if (!b) continue;
    const s = summarize(b.service);
    const h = summarize(b.http);
    console.log(`${region.label} | ${fmt(s)} | ${fmt(summarize(b.raw))} | ${fmt(h)} | target p95 < ${TARGET_MS} ms: ${s.p95 < TARGET_MS && h.p95 < TARGET_MS ? 'met' : 'MISSED'}`);
  }

  // parts current but no summary cached (a filter or period asked for the first time): every part of the year read and united
  for (const region of REGIONS.filter((r) => r.code !== '650109')) {
    const codes = await selectSubtreeCodes(deps.db, REGION_PATHS[region.code] ?? PROVINCE.path);
    const filter = { types: [], eventTypes: EVENT_TYPES, hosting: null, leaderLevels: [], team: null };
    const runs: number[] = [];
    for (let i = 0; i < RUNS + WARM; i++) {
      const t = performance.now();
      await computeActivityFiguresFromRollups(deps, codes, from, to, filter, `bench ${process.pid} ${i}`);
      if (i >= WARM) runs.push(performance.now() - t);
    }
    console.log(`${region.label} | parts current, summary not cached (activity figures only) | ${fmt(summarize(runs))}`);
  }

  // after a write: one activity of 米东区 changed before every summary, so one part is computed again each time
  for (const region of REGIONS.filter((r) => r.code !== '650109')) {
    const after: number[] = [];
    for (let i = 0; i < RUNS + WARM; i++) {
      await touchOneActivity(deps, from, to, i);
      const t = performance.now();
      await getActivityStats(deps, caller, { region: region.code, from, to });
      if (i >= WARM) after.push(performance.now() - t);
    }
    console.log(`${region.label} | right after one activity of 米东区 changed (one part computed again) | ${fmt(summarize(after))}`);
  }
}

async function prepareHttp(deps: Deps, config: Config, database: ReturnType<typeof wrapPool>): Promise<{ app: FastifyInstance; cookie: string; caller: Caller }> {
  const username = `bench_activities_${process.pid}`;
  const user = await createUser(deps, createSystemCaller('bench'), { username, displayName: 'bench', regionCode: PROVINCE.code, password: PASSWORD, roles: ['leader'], mustChangePassword: false });
  const app = await buildApp({ config, database });
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: PASSWORD } });
  const cookie = login.cookies.find((c) => c.name === 'yinfeng_session');
  if (!cookie) throw new Error(`login failed: ${login.body}`);
  const caller: Caller = {
    actor: { id: user.id, username, displayName: 'bench', roles: ['leader'], permissions: listPermissions(['leader']), regionCode: PROVINCE.code, regionPath: PROVINCE.path },
    clientIp: null,
    requestId: null,
  };
  return { app, cookie: `yinfeng_session=${cookie.value}`, caller };
}

async function main() {
  const config = loadConfig({});
  const reuse = process.env.BENCH_REUSE;
  const name = reuse ?? process.env.BENCH_DATABASE_NAME ?? `yinfeng_bench_activities_${process.pid}`;
  const admin = new pg.Client({ connectionString: SERVER });
  await admin.connect();
  admin.on('error', () => undefined);
  if (!reuse) await admin.query(`create database ${name} template template0 encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'`);
  const pool = new pg.Pool({ connectionString: withDatabase(SERVER, name), max: 6 });
  pool.on('error', () => undefined);
  const database = wrapPool(pool, name);
  const deps: Deps = { db: database.db, config };
  let app: FastifyInstance | undefined;
  try {
    if (!reuse) {
      const t = performance.now();
      await migrateDatabase(database);
      await loadReferenceData(deps);
      console.log(`PostgreSQL: loading ${ACTIVITIES} activities into ${name}`);
      await load(pool, database.db);
      console.log(`  loaded in ${secs(t)} s`);
    // the load ran without triggers: number the region-months the way migration 0036 does
    await database.db.execute(sql`insert into activity_rollup_versions (region_code, month, version)
      select distinct region_code, to_char(start_date, 'YYYY-MM'), 1 from activities on conflict do nothing`);
    await database.db.execute(sql`insert into project_reserve_versions (region_code, version) select distinct region_code, 1 from projects on conflict do nothing`);
    } else {
      console.log(`PostgreSQL: reusing ${name}`);
    }
    const [n] = rowsOf<{ a: string; o: string; p: string }>(
      await database.db.execute(sql`select (select count(*) from activities) as a, (select count(*) from activity_organisations) as o, (select count(*) from activity_projects) as p`),
    );
    console.log(`  activities: ${n?.a}, organisations met: ${n?.o}, project links: ${n?.p}`);
    const http = await prepareHttp(deps, config, database);
    app = http.app;
    await measure(deps, pool, http.app, http.cookie, http.caller);
  } finally {
    await app?.close();
    await database.close();
    if (!reuse && !process.env.BENCH_KEEP) await admin.query(`drop database if exists ${name} with (force)`);
    else console.log(`kept database ${name}`);
    await admin.end();
  }
}

// run when started as the script (scripts/bench-briefings.ts imports load() only)
if (process.argv[1]?.endsWith('bench-activities.ts')) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
