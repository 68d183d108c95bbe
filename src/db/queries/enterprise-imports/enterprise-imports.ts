/**
 * SQL of enterprise (企业库) imports, shared by the workbook import (/api/imports, 企业 sheet) and
 * the background import jobs: a staging table of validated rows (filled by multi-row INSERT, or by
 * COPY for large files), and one set-based merge keyed by credit code.
 *
 * Merge semantics, field by field: a field takes the row's value only when the row has one and the
 * row's data date (数据日期, else the import's date) is not older than the date recorded for that
 * field in `field_sources`; an applied value that differs from the stored one writes a history row
 * (enterprise_field_changes) and its source; an equal value from a newer source only refreshes the
 * field's source and date (so an older file imported later cannot undo it). A rename appends the
 * old name to former names. New enterprises get every field the row has, with its source, and
 * name the import that created them and their row's source and date in their own columns
 * (created_by_import, created_source, created_source_date; migration 0019) rather than in a history
 * row each: a million new enterprises would otherwise write a million history rows, or fifteen
 * million repeating what the enterprise rows hold; the values an import created are the current
 * ones rolled back through the later history, see services/enterprise-imports/import-history.ts).
 * History rows of changed fields name the import (import_job_id: a
 * background job's id, or the id a workbook import gives its audit row), the user and, through the
 * transaction's now(), the time. Re-importing the same file changes nothing.
 *
 * Tags: a non-empty 标签 cell is the file's whole set of tags for that enterprise as of its data
 * date, and replaces the stored set under the same newest-wins rule as any other field (compared
 * as sets, order ignored). Tags such as 专精特新 or 500强 are granted for a period and lost again;
 * a union would keep a tag the newer source no longer lists. An empty cell says nothing (it
 * cannot clear tags), like every other empty cell.
 *
 * Concurrency: the merge reads and writes under read committed without locking the matched rows
 * first (locking a million rows would rewrite them); an edit committed by someone else between the
 * comparison and the update of the same field is overwritten by the import's value.
 *
 * Large loads: a background job on PostgreSQL that loads many new enterprises into a table holding
 * few (shouldLoadInBulk) puts them into a side table swapped in at the end (enterprise-bulk-swap.ts,
 * the `swap` merge option); elsewhere (PGlite, workbook imports, dry runs) the rows go in through
 * every index, with the transaction tuned by prepareBulkLoad.
 */
import type { PGlite } from '@electric-sql/pglite';
import { sql, type SQL } from 'drizzle-orm';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { buildSearchWordsSql } from '../../../search/enterprise-search-keys';
import type { Db } from '../../client';
import { isTopInvestorSql } from '../returns/locked-figures';

interface Rows<T> {
  rows: T[];
}

async function query<T>(db: Db, statement: SQL): Promise<T[]> {
  const result = (await db.execute(statement)) as unknown as Rows<T>;
  return result.rows;
}

const num = (v: unknown): number => Number(v ?? 0);

/** One validated row as staged. Arrays are null when the file's cell was empty (no information). */
export interface StagedEnterpriseRow {
  rowNo: number;
  creditCode: string;
  name: string;
  formerNames: string[] | null;
  regionCode: string;
  industryCode: string | null;
  registeredCapitalYuan: bigint | null;
  establishedOn: string | null;
  status: string | null;
  ticker: string | null;
  businessScope: string | null;
  mainProducts: string | null;
  tags: string[] | null;
  website: string | null;
  parentGroup: string | null;
  employees: number | null;
  revenueBand: string | null;
  source: string;
  sourceDate: string;
  searchNames: string;
  searchPinyin: string;
  nameWords: string;
  otherWords: string;
}

type StageValue = string | number | bigint | string[] | null;

/** Staging columns in table order, with their type and the row field they come from. */
const STAGE_COLUMNS: readonly { name: string; type: string; get: (r: StagedEnterpriseRow) => StageValue }[] = [
  { name: 'row_no', type: 'int', get: (r) => r.rowNo },
  { name: 'credit_code', type: 'text', get: (r) => r.creditCode },
  { name: 'name', type: 'text', get: (r) => r.name },
  { name: 'former_names', type: 'text[]', get: (r) => r.formerNames },
  { name: 'region_code', type: 'text', get: (r) => r.regionCode },
  { name: 'industry_code', type: 'text', get: (r) => r.industryCode },
  { name: 'registered_capital_yuan', type: 'bigint', get: (r) => r.registeredCapitalYuan },
  { name: 'established_on', type: 'date', get: (r) => r.establishedOn },
  { name: 'status', type: 'text', get: (r) => r.status },
  { name: 'ticker', type: 'text', get: (r) => r.ticker },
  { name: 'business_scope', type: 'text', get: (r) => r.businessScope },
  { name: 'main_products', type: 'text', get: (r) => r.mainProducts },
  { name: 'tags', type: 'text[]', get: (r) => r.tags },
  { name: 'website', type: 'text', get: (r) => r.website },
  { name: 'parent_group', type: 'text', get: (r) => r.parentGroup },
  { name: 'employees', type: 'int', get: (r) => r.employees },
  { name: 'revenue_band', type: 'text', get: (r) => r.revenueBand },
  { name: 'source', type: 'text', get: (r) => r.source },
  { name: 'source_date', type: 'date', get: (r) => r.sourceDate },
  { name: 'search_names', type: 'text', get: (r) => r.searchNames },
  { name: 'search_pinyin', type: 'text', get: (r) => r.searchPinyin },
  { name: 'name_words', type: 'text', get: (r) => r.nameWords },
  { name: 'other_words', type: 'text', get: (r) => r.otherWords },
];

const COLUMN_LIST = STAGE_COLUMNS.map((c) => c.name).join(', ');

/** Merged fields other than former names: field_sources key, column, and how values compare. */
const MERGE_FIELDS: readonly { key: string; col: string; set?: boolean; search?: boolean }[] = [
  { key: 'name', col: 'name', search: true },
  { key: 'regionCode', col: 'region_code' },
  { key: 'industryCode', col: 'industry_code' },
  { key: 'registeredCapitalYuan', col: 'registered_capital_yuan' },
  { key: 'establishedOn', col: 'established_on' },
  { key: 'status', col: 'status' },
  { key: 'ticker', col: 'ticker' },
  { key: 'businessScope', col: 'business_scope', search: true },
  { key: 'mainProducts', col: 'main_products', search: true },
  { key: 'tags', col: 'tags', set: true },
  { key: 'website', col: 'website' },
  { key: 'parentGroup', col: 'parent_group' },
  { key: 'employees', col: 'employees' },
  { key: 'revenueBand', col: 'revenue_band' },
];

/** Staging tables are named by the caller; only plain lower-case identifiers are accepted. */
function ident(table: string): SQL {
  if (!/^[a-z_][a-z0-9_]{0,50}$/.test(table)) throw new Error(`invalid staging table name ${table}`);
  return sql.raw(table);
}

/**
 * Creates the staging table: temporary, dropped at commit ('transaction', for an import that runs
 * in one transaction) or at the end of the session ('session', for a job that stages before its
 * merge transaction: a crash leaves nothing behind).
 */
export async function createEnterpriseStage(db: Db, table: string, lifetime: 'transaction' | 'session'): Promise<void> {
  const columns = STAGE_COLUMNS.map((c) => `${c.name} ${c.type}`).join(', ');
  await db.execute(sql`create temporary table ${ident(table)} (${sql.raw(columns)}) ${sql.raw(lifetime === 'transaction' ? 'on commit drop' : '')}`);
}

export async function dropEnterpriseStage(db: Db, table: string): Promise<void> {
  await db.execute(sql`drop table if exists ${ident(table)}, ${ident(`${table}_cmp`)}`);
}

/** A PostgreSQL array literal: {"a","b\"c"}. */
function arrayLiteral(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}

function textOf(v: StageValue): string | null {
  if (v === null) return null;
  if (Array.isArray(v)) return arrayLiteral(v);
  return String(v);
}

/** Multi-row INSERT (unnest of one array per column): works inside any transaction, on both databases. */
export async function insertEnterpriseStageRows(db: Db, table: string, rows: readonly StagedEnterpriseRow[]): Promise<void> {
  if (rows.length === 0) return;
  const arrays = STAGE_COLUMNS.map((c) => {
    // text[] columns travel as array literals and are cast back per row (unnest flattens nested arrays)
    const type = c.type === 'text[]' ? 'text' : c.type;
    return sql`${sql.param(rows.map((r) => textOf(c.get(r))))}::${sql.raw(type)}[]`;
  });
  const casts = STAGE_COLUMNS.map((c, i) => (c.type === 'text[]' ? `c${i}::text[]` : `c${i}`)).join(', ');
  const aliases = STAGE_COLUMNS.map((_, i) => `c${i}`).join(', ');
  await db.execute(
    sql`insert into ${ident(table)} (${sql.raw(COLUMN_LIST)}) select ${sql.raw(casts)} from unnest(${sql.join(arrays, sql`, `)}) as u(${sql.raw(aliases)})`,
  );
}

/** COPY text format: backslash, tab and line breaks escaped, NULL as \N. */
function copyField(v: StageValue): string {
  const t = textOf(v);
  if (t === null) return '\\N';
  return /[\\\t\n\r]/.test(t) ? t.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : t;
}

/** Rows as COPY text (one line each). */
export function formatEnterpriseStageCopy(rows: readonly StagedEnterpriseRow[]): string {
  let out = '';
  for (const r of rows) {
    let line = '';
    for (let i = 0; i < STAGE_COLUMNS.length; i++) {
      if (i > 0) line += '\t';
      line += copyField((STAGE_COLUMNS[i] as (typeof STAGE_COLUMNS)[number]).get(r));
    }
    out += `${line}\n`;
  }
  return out;
}

/** The connection a COPY goes through: a PostgreSQL client (COPY FROM STDIN) or PGlite (COPY FROM '/dev/blob'). */
export type CopyTarget = { kind: 'postgres'; client: pg.PoolClient } | { kind: 'pglite'; client: PGlite };

/** Loads COPY text into the staging table. Not inside a drizzle transaction on PGlite (it would wait for it). */
export async function copyEnterpriseStage(target: CopyTarget, table: string, text: string): Promise<void> {
  if (text.length === 0) return;
  ident(table);
  const statement = `copy ${table} (${COLUMN_LIST}) from`;
  if (target.kind === 'pglite') {
    await target.client.query(`${statement} '/dev/blob'`, [], { blob: new Blob([text]) });
    return;
  }
  const stream = target.client.query(copyFrom(`${statement} stdin`));
  await new Promise<void>((resolve, reject) => {
    stream.on('error', reject);
    // 'finish' comes while pg is still handling ReadyForQuery: the next query waits a turn
    stream.on('finish', () => setImmediate(resolve));
    stream.end(text);
  });
}

/** The `field` of the history row that records an enterprise's creation by hand (and by imports before migration 0019, which record it in enterprises.created_by_import). */
export const CREATED_FIELD = 'created';

export interface EnterpriseMergeCounts {
  created: number;
  updated: number;
  unchanged: number;
  /** history rows written (one per changed field of an existing enterprise) */
  fieldChanges: number;
  /** unchanged enterprises whose field sources a newer file confirmed */
  sourcesRefreshed: number;
  /** updated enterprises whose search keys must be rebuilt from their merged values (see selectEnterprisesNeedingKeys) */
  needKeys: number;
  /** seconds per merge statement (compare, history, update, insert, indexes …), for the job's result and the bench */
  stepSeconds: Record<string, number>;
}

export interface MergeOptions {
  /**
   * The import the history rows name: a background job's id (import_jobs.id), or the id a workbook
   * import gives its audit row (action import.run, object type import). Who and which file are
   * there, so history rows stay small.
   */
  importJobId: string | null;
  actorId: string | null;
  /** called between statements (a cancelled job throws from it) */
  checkpoint?: () => Promise<void>;
  /**
   * 'auto' (default): when the new enterprises are many (BULK_MIN_ROWS) and at least half as many
   * as the table holds, the load is tuned for volume (see prepareBulkLoad) and the table analysed
   * after the insert. 'never': no tuning. Either way every row goes in through the indexes and
   * foreign keys: nothing is dropped, so no lock keeps other users from reading.
   */
  bulk?: 'auto' | 'never';
  /** fewer new rows than this always go through the indexes; default BULK_MIN_ROWS */
  bulkMinRows?: number;
  /**
   * Look the staged rows up in enterprises by credit code, one index probe each, instead of letting
   * the planner choose: for chunks merged during a load, whose statistics of enterprises are stale
   * (the table grows by the chunk), a hash join would scan the whole growing table for every chunk.
   */
  probeByIndex?: boolean;
  /**
   * A bulk load by swap (see enterprise-bulk-swap.ts): new enterprises go into `table`
   * (enterprises_bulk, which replaces enterprises at the end).
   */
  swap?: { table: string };
}

/** Fewer new rows than this are never tuned as a bulk load. */
export const BULK_MIN_ROWS = 50_000;

/** A bulk load (prepareBulkLoad, analyse after) pays when the rows are many and at least half as many as the table has. */
export function shouldLoadInBulk(rows: number, existing: number, minRows = BULK_MIN_ROWS): boolean {
  return rows >= minRows && rows * 2 >= existing;
}

/** The planner's row count of enterprises (exact enough to choose bulk loading). */
export async function estimateEnterpriseCount(db: Db): Promise<number> {
  const [r] = await query<{ n: unknown }>(db, sql`select reltuples as n from pg_class where oid = 'enterprises'::regclass`);
  const n = num(r?.n);
  if (n >= 0) return n;
  const [c] = await query<{ n: unknown }>(db, sql`select count(*) as n from enterprises`); // never analysed
  return num(c?.n);
}

const fieldDate = (key: string) => `(fs->'${key}'->>'date')::date`;

/**
 * Merges the staging table into enterprises (see the module comment). Leaves `<table>_cmp` (the
 * updated rows) for selectEnterprisesNeedingKeys; it is dropped at commit with a transaction
 * stage, or by dropEnterpriseStage.
 */
export async function mergeEnterpriseStage(db: Db, table: string, opts: MergeOptions): Promise<EnterpriseMergeCounts> {
  const stage = ident(table);
  const cmp = ident(`${table}_cmp`);
  const stepSeconds: Record<string, number> = {};
  let stepStart = performance.now();
  const done = async (step: string) => {
    const now = performance.now();
    stepSeconds[step] = Math.round((now - stepStart) / 100) / 10;
    stepStart = now;
    await (opts.checkpoint ?? (async () => undefined))();
  };
  // the row count and the credit-code statistics are what the joins below need (all columns of wide rows would cost seconds)
  await db.execute(sql`analyze ${stage} (credit_code)`);
  // index look-ups by credit code beat scanning a large enterprises table on today's disks
  await db.execute(sql`set local random_page_cost = 1.1`);
  // these statements carry a hundred expressions: compiling them (JIT, when the server has it) costs
  // more than running them, chunk after chunk
  await db.execute(sql`set local jit = off`);

  const oldCols = MERGE_FIELDS.map((f) => `e.${f.col} as old_${f.col}, s.${f.col} as file_${f.col}`).join(',\n      ');
  const takes = MERGE_FIELDS.map((f) => `(file_${f.col} is not null and (${fieldDate(f.key)} is null or source_date >= ${fieldDate(f.key)})) as take_${f.col}`).join(',\n      ');
  const same = (f: (typeof MERGE_FIELDS)[number]) =>
    f.set ? `(file_${f.col} @> old_${f.col} and old_${f.col} @> file_${f.col})` : `file_${f.col} is not distinct from old_${f.col}`;
  const changes = MERGE_FIELDS.map(
    (f) =>
      `(take_${f.col} and not ${same(f)}) as ch_${f.col},
      (take_${f.col} and ${same(f)} and (${fieldDate(f.key)} is null or source_date > ${fieldDate(f.key)})) as rf_${f.col}`,
  ).join(',\n      ');
  const anyChange = MERGE_FIELDS.map((f) => `ch_${f.col}`).join(' or ');
  const anyRefresh = MERGE_FIELDS.map((f) => `rf_${f.col}`).join(' or ');
  const searchChange = MERGE_FIELDS.filter((f) => f.search).map((f) => `ch_${f.col}`).join(' or ');
  const newValue = (col: string) => `(case when ch_${col} then file_${col} else old_${col} end)`;

  // former names: stored ones, then the file's, then the old name on a rename; never the current name; each once, in that order
  const newFormer = `(case when ch_name or file_former_names is not null then coalesce((
        select array_agg(n order by o) from (
          select n, min(o) as o from unnest(old_former_names || coalesce(file_former_names, '{}') || case when ch_name then array[old_name] else '{}'::text[] end)
            with ordinality as u(n, o)
          where n <> ${newValue('name')} group by n) x), '{}')
      else old_former_names end)`;

  const joins = async (on: boolean) => {
    await db.execute(sql.raw(`set local enable_hashjoin = ${on ? 'on' : 'off'}`));
    await db.execute(sql.raw(`set local enable_mergejoin = ${on ? 'on' : 'off'}`));
  };
  if (opts.probeByIndex) await joins(false);
  await db.execute(sql`create temporary table ${cmp} on commit drop as
    with j as (
      select e.id, s.row_no, s.source, s.source_date, e.field_sources as fs, e.search_words is null as no_keys,
      e.former_names as old_former_names, s.former_names as file_former_names,
      s.search_names, s.search_pinyin, s.name_words, s.other_words,
      ${sql.raw(oldCols)}
      from ${stage} s join enterprises e on e.credit_code = s.credit_code),
    t as (select j.*,
      ${sql.raw(takes)}
      from j),
    c as (select t.*,
      ${sql.raw(changes)}
      from t),
    f as (select c.*, ${sql.raw(newFormer)} as new_former_names from c)
    select f.*,
      (${sql.raw(anyChange)}) as ch_any,
      (${sql.raw(anyRefresh)}) as rf_any,
      new_former_names is distinct from old_former_names as ch_former_names
    from f
    where (${sql.raw(anyChange)}) or (${sql.raw(anyRefresh)}) or new_former_names is distinct from old_former_names`);
  await db.execute(sql`alter table ${cmp} add column want_keys boolean, add column keys_ok boolean`);
  // search keys: rebuilt when a searched field changed (or the enterprise never had keys); the
  // staged keys fit when the merged name, former names, scope and products are the file's
  await db.execute(sql`update ${cmp} set
      want_keys = (${sql.raw(searchChange)} or ch_former_names or (no_keys and (ch_any or ch_former_names))),
      keys_ok = ${sql.raw(newValue('name'))} = file_name
        and new_former_names = coalesce(file_former_names, '{}')
        and ${sql.raw(newValue('business_scope'))} is not distinct from file_business_scope
        and ${sql.raw(newValue('main_products'))} is not distinct from file_main_products`);
  await db.execute(sql`analyze ${cmp} (id)`); // it is only ever joined by id
  await done('compare');

  const historyValues = [
    ...MERGE_FIELDS.map((f) => `('${f.key}', to_jsonb(c.old_${f.col}), to_jsonb(c.file_${f.col}), c.ch_${f.col})`),
    `('formerNames', to_jsonb(c.old_former_names), to_jsonb(c.new_former_names), c.ch_former_names)`,
  ].join(',\n        ');
  const [history] = await query<{ n: unknown }>(
    db,
    sql`with ins as (
      insert into enterprise_field_changes (enterprise_id, field, old_value, new_value, source, source_date, import_job_id, changed_by)
      select c.id, v.field, v.old_value, v.new_value, c.source, c.source_date, ${opts.importJobId}::uuid, ${opts.actorId}::uuid
      from ${cmp} c cross join lateral (values
        ${sql.raw(historyValues)}) as v(field, old_value, new_value, changed)
      where v.changed
      order by c.row_no
      returning 1)
    select count(*) as n from ins`,
  );
  await done('history');

  const sets = MERGE_FIELDS.map((f) => `${f.col} = case when c.ch_${f.col} then c.file_${f.col} else e.${f.col} end`).join(',\n      ');
  const sources = [
    ...MERGE_FIELDS.map((f) => `'${f.key}', case when c.ch_${f.col} or c.rf_${f.col} then x.src end`),
    `'formerNames', case when c.ch_former_names then x.src end`,
  ].join(', ');
  await db.execute(sql`update enterprises e set
      ${sql.raw(sets)},
      former_names = c.new_former_names,
      field_sources = e.field_sources || jsonb_strip_nulls(jsonb_build_object(${sql.raw(sources)})),
      search_words = case when c.want_keys and c.keys_ok then ${buildSearchWordsSql(sql`c.name_words`, sql`c.other_words`)} else e.search_words end,
      search_names = case when c.want_keys and c.keys_ok then c.search_names else e.search_names end,
      search_pinyin = case when c.want_keys and c.keys_ok then c.search_pinyin else e.search_pinyin end,
      version = e.version + case when c.ch_any or c.ch_former_names then 1 else 0 end,
      updated_at = case when c.ch_any or c.ch_former_names then now() else e.updated_at end
    from ${cmp} c cross join lateral (select jsonb_build_object('source', c.source, 'date', c.source_date) as src) x
    where e.id = c.id`);
  await done('update');

  // the rows of new enterprises (staged rows whose credit code is not stored yet: a file never holds
  // a code twice), with a bit per optional field the row has (for their field sources below)
  const optional = [{ key: 'formerNames', col: 'former_names' }, ...MERGE_FIELDS.filter((f) => f.key !== 'name')];
  const mask = optional.map((f, i) => `(case when s.${f.col} is not null then ${2 ** i} else 0 end)`).join(' + ');
  // a scalar sub-select, not NOT EXISTS: it stays one index probe per staged row whatever the
  // planner thinks of the table's size (an anti-join could become a hash join over all of
  // enterprises, per chunk), while the small join with combos below may still be hashed
  const isNew = sql`(select 1 from enterprises e where e.credit_code = s.credit_code) is null`;
  if (opts.probeByIndex) await joins(true);
  let bulk = false;
  if ((opts.bulk ?? 'auto') === 'auto') {
    const [toInsert] = await query<{ n: unknown }>(db, sql`select count(*) as n from ${stage} s where ${isNew}`);
    bulk = shouldLoadInBulk(num(toInsert?.n), await estimateEnterpriseCount(db), opts.bulkMinRows);
  }
  if (bulk) await prepareBulkLoad(db);
  // field sources of new enterprises: the same {source, date} under every field the row has. Rows
  // share a handful of (source, date, fields present) combinations, so each object is built once
  // per combination (over all staged rows: a superset does no harm) and joined, rather than once
  // per row (which costs more than the insert itself)
  const sourcesOfMask = [`'name', src`, ...optional.map((f, i) => `'${f.key}', case when mask & ${2 ** i} <> 0 then src end`)].join(', ');
  const fieldCols = MERGE_FIELDS.filter((f) => f.key !== 'name').map((f) => f.col);
  const fieldValues = fieldCols.map((c) => (c === 'tags' ? `coalesce(s.tags, '{}')` : `s.${c}`));
  const [inserted] = await query<{ n: unknown }>(
    db,
    sql`with combos as (
      select source, source_date, mask, jsonb_strip_nulls(jsonb_build_object(${sql.raw(sourcesOfMask)})) as field_sources
      from (select distinct source, source_date, ${sql.raw(mask)} as mask, jsonb_build_object('source', source, 'date', source_date) as src from ${stage} s) d),
    ins as (
      insert into ${opts.swap ? ident(opts.swap.table) : sql`enterprises`} (credit_code, name, former_names, ${sql.raw(fieldCols.join(', '))}, field_sources, search_words, search_names, search_pinyin,
        created_by_import, created_source, created_source_date)
      select s.credit_code, s.name, coalesce(s.former_names, '{}'), ${sql.raw(fieldValues.join(', '))}, c.field_sources,
        ${buildSearchWordsSql(sql`s.name_words`, sql`s.other_words`)}, s.search_names, s.search_pinyin,
        ${opts.importJobId}::uuid, s.source, s.source_date
      from ${stage} s join combos c on c.source = s.source and c.source_date = s.source_date and c.mask = ${sql.raw(mask)}
      where ${isNew}
      returning 1)
    select count(*) as n from ins`,
  );
  await done('insert');
  if (bulk) {
    // the planner's picture of enterprises must include the rows just loaded
    await db.execute(sql`select yinfeng_analyze('enterprises')`); // ANALYZE as the owner (migration 0014): the app role owns no table
    await done('analyze');
  }

  const [counts] = await query<{ total: unknown; updated: unknown; refreshed: unknown; need_keys: unknown }>(
    db,
    sql`select (select count(*) from ${stage}) as total,
      (select count(*) from ${cmp} where ch_any or ch_former_names) as updated,
      (select count(*) from ${cmp} where not (ch_any or ch_former_names)) as refreshed,
      (select count(*) from ${cmp} where want_keys and not keys_ok) as need_keys`,
  );
  const created = num(inserted?.n);
  const updated = num(counts?.updated);
  return {
    created,
    updated,
    unchanged: num(counts?.total) - created - updated,
    fieldChanges: num(history?.n),
    sourcesRefreshed: num(counts?.refreshed),
    needKeys: num(counts?.need_keys),
    stepSeconds,
  };
}

/**
 * Tunes this transaction for loading many rows through the indexes of enterprises. Bulk loading
 * used to drop the secondary indexes and foreign keys and rebuild them after the insert, which held
 * ACCESS EXCLUSIVE locks on enterprises, regions and industries until commit: every session lookup
 * (it reads regions) and every enterprise search waited for the whole import (issue 10 item 5),
 * and the application's role, which owns no table, may not drop them anyway (item 3). Now the rows
 * go in through every index and foreign key (their checks take row locks on regions that no reader
 * waits for); what makes that affordable is the GIN indexes' pending list (fastupdate): new
 * entries are appended to it and merged into the index in batches once it exceeds
 * gin_pending_list_limit, so a larger limit (for this transaction only) means fewer, larger and
 * cheaper merges. Searches scan the pending list too, so it is kept to BULK_GIN_PENDING_LIST.
 * SET LOCAL takes no lock and ends with the transaction.
 */
export async function prepareBulkLoad(db: Db): Promise<void> {
  await db.execute(sql.raw(`set local gin_pending_list_limit = '${BULK_GIN_PENDING_LIST}'`));
}

/** The pending list a bulk load lets each GIN index of enterprises grow to before merging it (default 4MB). */
export const BULK_GIN_PENDING_LIST = '32MB';

export interface KeySource {
  id: string;
  name: string;
  formerNames: string[];
  businessScope: string | null;
  mainProducts: string | null;
}

/**
 * The investor changes of a merge (see db/queries/returns/locked-figures.ts InvestorTopChange): updated
 * enterprises whose new tags make them a top investor or no longer one, keyed by the file's row.
 * Read after mergeEnterpriseStage, from the comparison it leaves.
 */
export function selectInvestorChangesOfMerge(table: string): SQL {
  const cmp = ident(`${table}_cmp`);
  return sql`select c.row_no as key, c.id as enterprise_id, ${isTopInvestorSql(sql`c.old_tags`)} as old_top, ${isTopInvestorSql(sql`c.file_tags`)} as new_top
    from ${cmp} c where c.ch_tags`;
}

/** The file's tags of some rows of a merge (row number → tags), from the comparison it leaves. */
export async function selectMergedTags(db: Db, table: string, rowNumbers: readonly number[]): Promise<Map<number, string[]>> {
  const cmp = ident(`${table}_cmp`);
  const rows = await query<{ row_no: unknown; tags: string[] | null }>(
    db,
    sql`select row_no, file_tags as tags from ${cmp} where row_no = any(${sql.param(rowNumbers)}::int[])`,
  );
  return new Map(rows.map((r) => [Number(r.row_no), r.tags ?? []]));
}

/** Updated enterprises whose search keys must be computed from their merged values, in pages by id. */
export async function selectEnterprisesNeedingKeys(db: Db, table: string, afterId: string | null, limit: number): Promise<KeySource[]> {
  const rows = await query<{ id: string; name: string; former_names: string[]; business_scope: string | null; main_products: string | null }>(
    db,
    sql`select e.id, e.name, e.former_names, e.business_scope, e.main_products
        from ${ident(`${table}_cmp`)} c join enterprises e on e.id = c.id
        where c.want_keys and not c.keys_ok and (${afterId}::uuid is null or c.id > ${afterId}::uuid)
        order by c.id limit ${limit}`,
  );
  return rows.map((r) => ({ id: r.id, name: r.name, formerNames: r.former_names, businessScope: r.business_scope, mainProducts: r.main_products }));
}

export async function updateEnterpriseSearchKeys(
  db: Db,
  rows: readonly { id: string; searchNames: string; searchPinyin: string; nameWords: string; otherWords: string }[],
): Promise<void> {
  if (rows.length === 0) return;
  const col = (f: (r: (typeof rows)[number]) => string) => sql.param(rows.map(f));
  await db.execute(sql`update enterprises e set search_names = k.search_names, search_pinyin = k.search_pinyin,
      search_words = ${buildSearchWordsSql(sql`k.name_words`, sql`k.other_words`)}
    from unnest(${col((r) => r.id)}::uuid[], ${col((r) => r.searchNames)}::text[], ${col((r) => r.searchPinyin)}::text[],
      ${col((r) => r.nameWords)}::text[], ${col((r) => r.otherWords)}::text[]) as k(id, search_names, search_pinyin, name_words, other_words)
    where e.id = k.id`);
}

/** Every region code that exists (active or not): enterprises are registered anywhere in the country. */
export async function selectAllRegionCodes(db: Db): Promise<Set<string>> {
  const rows = await query<{ code: string }>(db, sql`select code from regions`);
  return new Set(rows.map((r) => r.code));
}
