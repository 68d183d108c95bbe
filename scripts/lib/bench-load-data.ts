/**
 * The data of the load benchmarks (bench:load, bench:replica): a PostgreSQL database with generated
 * enterprises (bench:enterprises:search's loader, in a child process) and the demo seed, and search terms
 * sampled from it the way users type them.
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { loadConfig } from '../../src/config/config';
import { openDatabase } from '../../src/db/client';
import { migrateDatabase } from '../../src/db/migrate';
import { isDemoSeeded, seedDemo } from '../../src/seed/demo';
import { segmentWords } from '../../src/search/chinese-words';
import { toPinyinKeys } from '../../src/search/pinyin-keys';
import { loadReferenceData } from '../../src/services/reference-data';
import { pick } from './bench-http';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export async function databaseExists(admin: pg.Client, name: string): Promise<boolean> {
  const r = await admin.query('select 1 from pg_database where datname = $1', [name]);
  return r.rowCount === 1;
}

/** Creates `name` with the enterprises (bench:enterprises:search's loader, in a child process). */
export function loadEnterprises(name: string, count: number): void {
  console.log(`loading ${count} enterprises into ${name} (bench:enterprises:search's loader; a few minutes) …`);
  const r = spawnSync(process.execPath, [...process.execArgv, path.join(ROOT, 'scripts/bench-enterprises-search.ts')], {
    stdio: 'inherit',
    env: {
      ...process.env,
      BENCH_KEEP: '1',
      BENCH_DATABASE_NAME: name,
      BENCH_ENTERPRISES: String(count),
      BENCH_PGLITE_ENTERPRISES: '0',
      BENCH_RUNS: '1',
      BENCH_MIXES: '1',
    },
  });
  if (r.status !== 0) throw new Error(`loading the enterprises failed (exit ${r.status})`);
}

/** The demo accounts, projects and targets, unless there already. */
export async function seedDemoData(url: string): Promise<void> {
  const config = loadConfig({ DATABASE_URL: url, YINFENG_DATA_DIR: path.join(os.tmpdir(), 'yinfeng-bench-data') });
  const database = await openDatabase(config.database, 'bench');
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

/**
 * Search terms as users type them, from enterprises sampled in the database (the kinds bench:enterprises:search
 * measures): two words of a name with a filter, four pinyin initials, three or four characters of a name, a
 * credit-code prefix; and now and then a broad one (a common word, a browse by filters).
 */
export async function sampleSearches(url: string): Promise<string[]> {
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
