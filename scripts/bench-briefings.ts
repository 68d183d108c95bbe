/**
 * npm run bench:briefings — issue 13 item 11: the weekly briefing of a prefecture is generated in
 * under 5 s. PostgreSQL only: a fresh database on BENCH_DATABASE_URL loaded with the province that
 * scripts/bench-activities.ts generates (BENCH_ACTIVITIES activities, default 1,000,000, and
 * BENCH_PROJECTS projects with their stage history, default 60,000), or BENCH_REUSE=<database> (e.g.
 * one kept by `BENCH_KEEP=1 npm run bench:activities`); plus fund receipts entered in the measured
 * weeks and a few open problems, so every figure has rows.
 *
 * Then, for 乌鲁木齐市 650100 (BENCH_REGION) and the last complete week: the service's figure
 * gathering (services/briefings/briefing-facts.ts: the week and the week before, red lights), the
 * whole generation (figures, text, the stored draft and its audit row: generateBriefing) BENCH_RUNS
 * times (default 5, after one warm-up; the draft is refreshed each time), and each raw statement of
 * the gathering alone, so the service's overhead shows beside the SQL.
 */
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { loadConfig } from '../src/config/config';
import { wrapPool } from '../src/db/client';
import { migrateDatabase } from '../src/db/migrate';
import { selectSubtreeCodes } from '../src/db/queries/activities/activity-stats';
import {
  selectKeyProjects,
  selectMonthFunds,
  selectPeriodActivities,
  selectPeriodFundsEntered,
  selectPeriodSignings,
  selectPeriodStageRows,
  selectRedProjects,
} from '../src/db/queries/briefings/briefing-facts';
import { selectRegion } from '../src/db/queries/regions';
import { periodContaining, previousPeriod } from '../src/domain/briefings/briefing-periods';
import { todayInShanghai } from '../src/domain/dates';
import { DEFAULT_LIGHT_RULES } from '../src/domain/project-light';
import { gatherBriefingFigures } from '../src/services/briefings/briefing-facts';
import { generateBriefing } from '../src/services/briefings/generate-briefings';
import { createSystemCaller, type Deps } from '../src/services/context';
import { buildLightCutoffs } from '../src/services/projects/project-lights';
import { loadReferenceData } from '../src/services/reference-data';
import { load } from './bench-activities';
import { secs, withDatabase } from './bench-enterprise-loader';

const SERVER = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REGION = process.env.BENCH_REGION ?? '650100';
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const TARGET_MS = 5_000;

async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now();
  const r = await fn();
  return [performance.now() - t, r];
}

const fmt = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b);
  const p = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] ?? 0;
  return `p50 ${p(0.5).toFixed(0)} ms, max ${p(1).toFixed(0)} ms`;
};

async function main() {
  const config = loadConfig({});
  const reuse = process.env.BENCH_REUSE;
  const name = reuse ?? process.env.BENCH_DATABASE_NAME ?? `yinfeng_bench_briefings_${process.pid}`;
  const admin = new pg.Client({ connectionString: SERVER });
  await admin.connect();
  admin.on('error', () => undefined);
  if (!reuse) await admin.query(`create database ${name} template template0 encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'`);
  const pool = new pg.Pool({ connectionString: withDatabase(SERVER, name), max: 6 });
  pool.on('error', () => undefined);
  const database = wrapPool(pool, name);
  const deps: Deps = { db: database.db, config };
  const today = todayInShanghai();
  const week = previousPeriod('weekly', periodContaining('weekly', today));
  const before = previousPeriod('weekly', week);
  try {
    if (!reuse) {
      const t = performance.now();
      await migrateDatabase(database);
      await loadReferenceData(deps);
      console.log(`PostgreSQL: loading the generated province into ${name}`);
      await load(pool, database.db);
      console.log(`  loaded in ${secs(t)} s`);
    } else console.log(`PostgreSQL: reusing ${name}`);
    // receipts entered in the two weeks (every 7th project of the region's subtree) and a few overdue problems
    await database.db.execute(sql`insert into fund_receipts (project_id, month, amount_yuan, entered_at)
      select p.id, to_char(${week.end}::date, 'YYYY-MM'), 1000000 + (row_number() over ()) * 100,
             (case when row_number() over () % 2 = 0 then ${week.start}::date else ${before.start}::date end)::timestamp at time zone 'Asia/Shanghai' + interval '10 hours'
        from projects p where p.region_code in (select code from regions where path like (select path from regions where code = ${REGION}) || '%') and hashtext(p.id::text) % 7 = 0
      on conflict do nothing`);
    await database.db.execute(sql`insert into project_problems (project_id, description, owner_name, due_date)
      select p.id, '要素保障问题', '责任人', ${before.start}::date from projects p
        where p.region_code in (select code from regions where path like (select path from regions where code = ${REGION}) || '%') and hashtext(p.id::text) % 97 = 0`);
    await database.db.execute(sql`update projects set is_key = true where hashtext(id::text) % 50 = 0`);
    await database.db.execute(sql`analyze`);
    const [n] = ((await database.db.execute(sql`select (select count(*) from activities) as a, (select count(*) from projects) as p, (select count(*) from project_stage_history) as h, (select count(*) from fund_receipts) as f`)) as unknown as {
      rows: { a: string; p: string; h: string; f: string }[];
    }).rows;
    console.log(`  activities ${n?.a}, projects ${n?.p}, stage history ${n?.h}, receipts ${n?.f}`);

    const region = await selectRegion(deps.db, REGION);
    if (!region) throw new Error(`no region ${REGION}`);
    console.log(`\n${region.name} ${REGION}, week ${week.start}..${week.end} (target < ${TARGET_MS} ms)`);
    const caller = createSystemCaller('bench');
    await generateBriefing(deps, caller, { regionCode: REGION, kind: 'weekly', date: week.start }); // warm-up, creates the draft
    const gather: number[] = [];
    const whole: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      gather.push((await time(() => gatherBriefingFigures(deps, region, 'weekly', week, today)))[0]);
      whole.push((await time(() => generateBriefing(deps, caller, { regionCode: REGION, kind: 'weekly', date: week.start })))[0]);
    }
    console.log(`  figures (gatherBriefingFigures)     ${fmt(gather)}`);
    console.log(`  generation (generateBriefing)      ${fmt(whole)}${Math.max(...whole) < TARGET_MS ? '  ✓' : '  ✗ over target'}`);

    const codes = await selectSubtreeCodes(deps.db, region.path);
    const w = { regionCodes: codes, start: week.start, end: week.end };
    const statements: [string, () => Promise<unknown>][] = [
      ['activities of the week', () => selectPeriodActivities(deps.db, w)],
      ['stage history of the week', () => selectPeriodStageRows(deps.db, w)],
      ['signings of the week', () => selectPeriodSignings(deps.db, w)],
      ['receipts entered in the week', () => selectPeriodFundsEntered(deps.db, w)],
      ['receipts of the month', () => selectMonthFunds(deps.db, codes, week.end.slice(0, 7))],
      ['red projects', () => selectRedProjects(deps.db, codes, buildLightCutoffs(DEFAULT_LIGHT_RULES, today))],
      ['key projects (旬调度)', () => selectKeyProjects(deps.db, w)],
    ];
    console.log('  raw SQL, each alone:');
    for (const [label, run] of statements) {
      const ms: number[] = [];
      let rows = 0;
      for (let i = 0; i < RUNS; i++) {
        const [t, r] = await time(run);
        ms.push(t);
        rows = Array.isArray(r) ? r.length : 0;
      }
      console.log(`    ${label.padEnd(30)} ${fmt(ms)}  (${rows} rows)`);
    }
  } finally {
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
