/**
 * The PostgreSQL loader of the enterprise benchmarks (scripts/bench-enterprises-search.ts,
 * scripts/bench-targets.ts): the generator with its seed, the search keys, COPY into a staging
 * table, one INSERT … SELECT building the tsvector as production does, the migrations' indexes
 * dropped for the load and rebuilt after it, VACUUM ANALYZE.
 */
import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { once } from 'node:events';
import { sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Db } from '../src/db/client';
import { buildEnterpriseSearchKeys, buildSearchWordsSql } from '../src/search/enterprise-search-keys';
import { generateEnterprise, type GeneratedEnterprise } from '../src/seed/enterprise-generator';
import { createRng } from '../src/seed/random';

const SEED = 20260101;
const CALLER_REGION = '650109';
const dialect = new PgDialect();
export const secs = (t: number) => ((performance.now() - t) / 1000).toFixed(1);

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export interface Universe {
  regionCodes: string[];
  industryCodes: string[];
  /** 大类 → its 小类: enterprises are stored with 小类 codes, as registries record them (chain nodes match on them) */
  classCodes: Map<string, string[]>;
  xinjiangCounties: string[];
  /** region code → its prefecture (or province-level parent) code, for filters */
  prefectureOf: Map<string, string>;
}

export async function readUniverse(db: Db): Promise<Universe> {
  const regions = (await db.execute(sql`select code, path from regions where level = 'county' and active`)) as unknown as { rows: { code: string; path: string }[] };
  const industries = (await db.execute(sql`select code from industries where level = 'division'`)) as unknown as { rows: { code: string }[] };
  const classes = (await db.execute(sql`select code from industries where level = 'class' order by code`)) as unknown as { rows: { code: string }[] };
  const classCodes = new Map<string, string[]>();
  for (const { code } of classes.rows) classCodes.set(code.slice(0, 2), [...(classCodes.get(code.slice(0, 2)) ?? []), code]);
  const counties = regions.rows.map((r) => r.code);
  const xinjiangCounties = counties.filter((c) => c.startsWith('65'));
  // a Xinjiang installation: about a third of the registry is local, the rest national
  const weight = Math.max(1, Math.round((counties.length * 0.5) / Math.max(1, xinjiangCounties.length)));
  const regionCodes = [...counties];
  for (let i = 0; i < weight; i++) regionCodes.push(...xinjiangCounties);
  const prefectureOf = new Map(regions.rows.map((r) => [r.code, r.path.split('/').filter(Boolean)[1] ?? r.code]));
  return { regionCodes, industryCodes: industries.rows.map((r) => r.code), classCodes, xinjiangCounties, prefectureOf };
}

export function generate(u: Universe, index: number): GeneratedEnterprise {
  return generateEnterprise(index, { seed: SEED, regionCodes: u.regionCodes, industryCodes: u.industryCodes, classCodes: u.classCodes });
}

/** About 1 % of enterprises are "in contact" somewhere in Xinjiang, a third of those in 米东区. */
function contactRegions(u: Universe, index: number): string[] {
  const rng = createRng((index * 2654435761) >>> 0);
  if (!rng.chance(0.01)) return [];
  return rng.chance(0.33) ? [CALLER_REGION] : [rng.pick(u.xinjiangCounties)];
}

export const COLUMNS = [
  'credit_code', 'name', 'former_names', 'region_code', 'industry_code', 'registered_capital_yuan', 'established_on', 'status',
  'ticker', 'business_scope', 'main_products', 'tags', 'website', 'parent_group', 'employees', 'revenue_band',
  'contact_region_codes', 'search_names', 'search_pinyin',
] as const;

export function rowValues(u: Universe, index: number): { values: (string | string[] | null)[]; nameWords: string; otherWords: string } {
  const e = generate(u, index);
  const keys = buildEnterpriseSearchKeys(e);
  return {
    values: [
      e.creditCode, e.name, e.formerNames, e.regionCode, e.industryCode, e.registeredCapitalYuan?.toString() ?? null, e.establishedOn, e.status,
      e.ticker, e.businessScope, e.mainProducts, e.tags, e.website, e.parentGroup, e.employees?.toString() ?? null, e.revenueBand,
      contactRegions(u, index), keys.searchNames, keys.searchPinyin,
    ],
    nameWords: keys.nameWords,
    otherWords: keys.otherWords,
  };
}

function copyText(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}
function copyCell(v: string | string[] | null): string {
  if (v === null) return '\\N';
  if (Array.isArray(v)) return copyText(`{${v.map((x) => `"${x.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`);
  return copyText(v);
}

/** The migrations' indexes on enterprises (except the primary key), to drop before a load and rebuild after. */
async function takeIndexes(client: pg.PoolClient | pg.Client): Promise<{ name: string; def: string }[]> {
  const res = await client.query<{ indexname: string; indexdef: string }>(
    `select indexname, indexdef from pg_indexes where tablename = 'enterprises' and indexname <> 'enterprises_pkey'`,
  );
  for (const r of res.rows) await client.query(`drop index ${r.indexname}`);
  return res.rows.map((r) => ({ name: r.indexname, def: r.indexdef }));
}

export async function loadPostgres(pool: pg.Pool, db: Db, u: Universe, count: number): Promise<void> {
  const client = await pool.connect();
  let indexes: { name: string; def: string }[];
  try {
    indexes = await takeIndexes(client);
    await client.query(`create unlogged table bench_stage (${COLUMNS.map((c) => `${c} text`).join(', ')}, name_words text, other_words text)`);
    let t = performance.now();
    const stream = client.query(copyFrom(`copy bench_stage from stdin`));
    const source = new PassThrough();
    const done = pipeline(source, stream);
    for (let i = 0; i < count; i++) {
      const r = rowValues(u, i);
      const line = `${[...r.values, r.nameWords, r.otherWords].map(copyCell).join('\t')}\n`;
      if (!source.write(line)) await once(source, 'drain');
      if ((i + 1) % 200_000 === 0) console.log(`  generated and copied ${i + 1} (${secs(t)} s)`);
    }
    source.end();
    await done;
    console.log(`  COPY of ${count} rows with search keys: ${secs(t)} s`);
    t = performance.now();
    const casts: Record<string, string> = {
      former_names: '::text[]', registered_capital_yuan: '::bigint', established_on: '::date', tags: '::text[]', employees: '::integer', contact_region_codes: '::text[]',
    };
    const select = COLUMNS.map((c) => `s.${c}${casts[c] ?? ''}`).join(', ');
    const words = dialect.sqlToQuery(buildSearchWordsSql(sql.raw('s.name_words'), sql.raw('s.other_words'))).sql;
    await client.query(`insert into enterprises (${COLUMNS.join(', ')}, search_words) select ${select}, ${words} from bench_stage s`);
    await client.query('drop table bench_stage');
    console.log(`  INSERT … SELECT with tsvectors: ${secs(t)} s`);
  } finally {
    client.release();
  }
  const t = performance.now();
  // two connections build the indexes side by side (2 cores)
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
  await db.execute(sql`vacuum analyze enterprises`);
}

