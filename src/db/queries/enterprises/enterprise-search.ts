/**
 * Enterprise search SQL: one WHERE built from the parsed query (search/enterprise-query) and the
 * filters, and one statement that finds the matches once and returns the page (scored, sorted,
 * joined to names) with the total and the facet counts over all of them. Indexes used:
 * search_words (GIN tsvector), search_names / search_pinyin (GIN pg_trgm), credit_code
 * (text_pattern_ops), tags and contact_region_codes (GIN), region, industry and capital (btree).
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../client';
import { escapeLikePattern, type EnterpriseQuery } from '../../../search/enterprise-query';

export interface EnterpriseSearchFilter {
  query: EnterpriseQuery | null;
  /** all must be present */
  tags: string[];
  /** registered in one of these regions (a region's subtree, resolved beforehand so the planner sees the codes), or anywhere */
  regionCodes: string[] | null;
  industryCodes: string[] | null;
  capitalMinYuan: bigint | null;
  capitalMaxYuan: bigint | null;
  /** established on or after (YYYY-MM-DD) */
  establishedFrom: string | null;
  /** established before (YYYY-MM-DD, exclusive) */
  establishedBefore: string | null;
  statuses: string[] | null;
  /**
   * The industry and region filters as keys of enterprise_filter_keys (migration 0031) when the key
   * stands for exactly the same enterprises as the code list (an industry code of 1–4 characters;
   * a region whose code prefix names exactly its subtree), else null.
   */
  industryKey: string | null;
  regionKey: string | null;
  /**
   * "already in contact": contact_region_codes names a region of the subtree with this path ("/"
   * for the whole installation); null means no such filter
   */
  contactScopePath: string | null;
}

export type EnterpriseSort = 'relevance' | 'capital';

function textArray(values: readonly string[]): SQL {
  return sql`${sql.param(values)}::text[]`;
}

function tsquery(text: string): SQL {
  return sql`to_tsquery('simple', ${text})`;
}

/** The text search's conditions; `keyed`: its indexed words go into the key condition instead (buildWhere). */
function matchCondition(q: EnterpriseQuery, keyed = false): SQL[] {
  if (q.kind === 'creditCode') return [sql`e.credit_code like ${`${escapeLikePattern(q.prefix)}%`}`];
  if (q.kind === 'pinyin') {
    // two letters give pg_trgm no trigram: match them at the start of a key instead (word start)
    if (q.text.length < 3) return [sql`e.search_pinyin ~ ${`(^| )${q.text}`}`];
    return [sql`e.search_pinyin like ${`%${escapeLikePattern(q.text)}%`}`];
  }
  const out: SQL[] = [];
  if (q.indexQuery && !keyed) out.push(sql`e.search_words @@ ${tsquery(q.indexQuery)}`);
  for (const t of q.terms) {
    if (!t.check) continue;
    if (t.candidates) {
      // checked on the candidate rows only: `|| ''` keeps the planner from also scanning pg_trgm for it
      const substring = sql`(e.search_names || '') ilike ${t.check.substring}`;
      out.push(t.check.wordQuery ? sql`(e.search_words @@ ${tsquery(t.check.wordQuery)} or ${substring})` : substring);
    } else {
      const substring = sql`e.search_names ilike ${t.check.substring}`;
      out.push(t.check.wordQuery ? sql`(e.search_words @@ ${tsquery(t.check.wordQuery)} or ${substring})` : substring);
    }
  }
  return out;
}

function subtreeCodes(path: string): SQL {
  return sql`select r.code from regions r where r.path like ${`${escapeLikePattern(path)}%`}`;
}

/** Whether the enterprise is in contact with a region of the subtree (computed once per statement, GIN-indexed). */
function contactCondition(scopePath: string): SQL {
  return scopePath === '/' ? sql`cardinality(e.contact_region_codes) > 0` : sql`e.contact_region_codes && array(${subtreeCodes(scopePath)})`;
}

/**
 * With a search text, the broad filters (industry, capital, founding date, status) are checked on
 * the rows the search index found rather than through their btree indexes: a bitmap of a third of
 * the table costs about what it saves (1,000,000 enterprises: capital ≥ 1000万 is 357,773 entries)
 * and made "新疆 食品" + industry + status slower (80 vs 55 ms). `+ 0` and `|| ''` keep the
 * planner off those indexes; region and tag filters, often selective, keep theirs.
 *
 * With `keyed` (the statement that counts the matches, when the probe expects the index to hand
 * back few enough rows), the words of the search and the filters that have keys become one
 * condition on the GIN index of enterprise_search_vector (migration 0043): tags, region, industry
 * and status exactly, a capital floor and a span of founding years as keys that narrow (their exact
 * bounds are checked on the rows found). Words and filters are then intersected inside the index —
 * "商务 咨询" + 高新技术 + capital ≥ 1000万, or 门类 F + 高新技术 (none of 10,000,000) — instead of
 * as bitmaps of hundreds of thousands of rows ANDed and rechecked. A search by pinyin, credit code
 * or name fragment alone keeps its own index (keys would be intersected with a lossy trigram scan).
 * Statements that read rows in another order (a sample, the capital tiers) keep the plain
 * conditions: the vector expression would be evaluated on every row they read.
 */
export function buildWhere(f: EnterpriseSearchFilter, keyed = false): SQL {
  const keys = keyed ? planSearchKeys(f) : null;
  const c: SQL[] = f.query ? matchCondition(f.query, keys !== null) : [];
  // the range filters are checked on the rows the search or key index found (see above)
  const onRows = f.query !== null || keys !== null;
  const capital = onRows ? sql`(e.registered_capital_yuan + 0)` : sql`e.registered_capital_yuan`;
  const established = onRows ? sql`(e.established_on + 0)` : sql`e.established_on`;
  const industry = onRows ? sql`(e.industry_code || '')` : sql`e.industry_code`;
  const status = onRows ? sql`(e.status || '')` : sql`e.status`;
  if (keys) c.push(sql`${SEARCH_VECTOR} @@ ${keys.words ? sql`(${tsquery(keys.words)} && ${keys.query}::tsquery)` : sql`${keys.query}::tsquery`}`);
  if (f.tags.length > 0 && !keys) c.push(sql`e.tags @> ${textArray(f.tags)}`);
  if (f.regionCodes && !keys?.region) c.push(sql`e.region_code = any(${textArray(f.regionCodes)})`);
  if (f.industryCodes && !keys?.industry) c.push(sql`${industry} = any(${textArray(f.industryCodes)})`);
  if (f.capitalMinYuan !== null) c.push(sql`${capital} >= ${f.capitalMinYuan.toString()}::bigint`);
  if (f.capitalMaxYuan !== null) c.push(sql`${capital} <= ${f.capitalMaxYuan.toString()}::bigint`);
  if (f.establishedFrom) c.push(sql`${established} >= ${f.establishedFrom}::date`);
  if (f.establishedBefore) c.push(sql`${established} < ${f.establishedBefore}::date`);
  if (f.statuses && !keys) c.push(sql`${status} = any(${textArray(f.statuses)})`);
  if (f.contactScopePath) c.push(contactCondition(f.contactScopePath));
  return c.length > 0 ? sql.join(c, sql` and `) : sql`true`;
}

/** A capital floor's key: the largest power of ten (10^4 … 10^10) at or below it (null below 10,000). */
export function capitalKeyOf(minYuan: bigint): string | null {
  let key: string | null = null;
  for (let k = 4; k <= 10; k++) if (minYuan >= 10n ** BigInt(k)) key = `|c:${k}`;
  return key;
}

/** Most keys a span of founding years becomes; a longer span is checked on the rows only. */
const MAX_YEAR_KEYS = 12;

/**
 * The founding years from…to (inclusive) as keys: whole decades as |d:, the years at either end as
 * |y: (2010–2025 → |d:2010, |y:2020 … |y:2025). Null when the span needs more than MAX_YEAR_KEYS.
 */
export function yearKeysOf(from: number, to: number): string[] | null {
  const keys: string[] = [];
  let y = from;
  while (y <= to) {
    if (y % 10 === 0 && y + 9 <= to) {
      keys.push(`|d:${y}`);
      y += 10;
    } else {
      keys.push(`|y:${y}`);
      y += 1;
    }
  }
  return keys.length > 0 && keys.length <= MAX_YEAR_KEYS ? keys : null;
}

/** The year of a YYYY-MM-DD date that is the first of January (the founding-year filters), else null. */
function januaryYear(date: string | null): number | null {
  const m = date ? /^(\d{4})-01-01$/.exec(date) : null;
  return m ? Number(m[1]) : null;
}

export interface SearchKeyPlan {
  /** the tsquery of the keys (each key a quoted lexeme; a group of alternatives in parentheses) */
  query: string;
  /** the words of the text search, to AND with the keys (to_tsquery('simple', …)), or null */
  words: string | null;
  /** which plain conditions the keys stand for exactly (the others are checked on the rows) */
  region: boolean;
  industry: boolean;
}

/** A lexeme of a tsquery, quoted (a quote doubled, a backslash escaped). */
function quoteLexeme(key: string): string {
  return `'${key.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/**
 * The search's words and filters as keys of enterprise_search_vector, or null when it has none or
 * its text is not a word search (pinyin, credit code, a fragment without indexed words): each tag,
 * the region and the industry when they have a key, the statuses (any of them), a capital floor's
 * power of ten and the founding years.
 */
export function planSearchKeys(f: EnterpriseSearchFilter): SearchKeyPlan | null {
  if (f.query && (f.query.kind !== 'text' || !f.query.indexQuery)) return null;
  const all: string[] = [...f.tags];
  const anyOf: string[][] = [];
  const region = f.regionCodes !== null && f.regionKey !== null;
  const industry = f.industryCodes !== null && f.industryKey !== null;
  if (region) all.push(`|r:${f.regionKey}`);
  if (industry) all.push(`|i:${f.industryKey}`);
  if (f.statuses) anyOf.push(f.statuses.map((s) => `|s:${s}`));
  const capital = f.capitalMinYuan === null ? null : capitalKeyOf(f.capitalMinYuan);
  if (capital) all.push(capital);
  const from = januaryYear(f.establishedFrom);
  const before = januaryYear(f.establishedBefore);
  const years = from !== null && before !== null ? yearKeysOf(from, before - 1) : null;
  if (years) anyOf.push(years);
  if (all.length === 0 && anyOf.length === 0) return null;
  const parts = [...all.map(quoteLexeme), ...anyOf.map((g) => (g.length === 1 ? quoteLexeme(g[0] as string) : `(${g.map(quoteLexeme).join(' | ')})`))];
  return { query: parts.join(' & '), words: f.query?.kind === 'text' ? f.query.indexQuery : null, region, industry };
}

/**
 * What the keys stand for, as plain conditions (null when the search has no keys): the probe counts
 * them on its sample to tell whether the index would hand back few enough rows to keep its bitmap
 * exact (a lossy one makes every row of its pages evaluate the vector expression).
 */
export function buildKeyedFiltersPlain(f: EnterpriseSearchFilter): SQL | null {
  const plan = planSearchKeys(f);
  if (!plan) return null;
  const c: SQL[] = [];
  if (plan.words) c.push(buildWordsCondition(plan.words));
  if (f.tags.length > 0) c.push(sql`e.tags @> ${textArray(f.tags)}`);
  if (plan.region && f.regionCodes) c.push(sql`e.region_code = any(${textArray(f.regionCodes)})`);
  if (plan.industry && f.industryCodes) c.push(sql`e.industry_code = any(${textArray(f.industryCodes)})`);
  if (f.statuses) c.push(sql`e.status = any(${textArray(f.statuses)})`);
  if (f.capitalMinYuan !== null && capitalKeyOf(f.capitalMinYuan)) c.push(sql`e.registered_capital_yuan >= ${f.capitalMinYuan.toString()}::bigint`);
  if (f.establishedFrom) c.push(sql`e.established_on >= ${f.establishedFrom}::date`);
  if (f.establishedBefore) c.push(sql`e.established_on < ${f.establishedBefore}::date`);
  return sql.join(c, sql` and `);
}

/** The words alone, on the words' own index (the probe counts them to choose the vector or not). */
export function buildWordsCondition(words: string): SQL {
  return sql`e.search_words @@ ${tsquery(words)}`;
}

/** The indexed expression of enterprises_search_vector_idx (migration 0043), written exactly as the index has it. */
const SEARCH_VECTOR = sql`enterprise_search_vector(e.search_words, e.industry_code, e.status, e.tags, e.region_code, e.registered_capital_yuan, e.established_on)`;

/**
 * Relevance, from the name alone (cheap: no tsvector is read back): an exact name 10, a name
 * starting with the search 4; per term 2 when the name contains it, 1 when only a former name
 * does; per other word of a term ½ when the name contains it. A match in the scope alone scores 0.
 * Pinyin: 4 when a key of the name starts with the letters, 2 when the name's keys contain them,
 * 1 for a former name. Ties: larger registered capital first.
 */
export function scoreSql(q: EnterpriseQuery | null): SQL {
  if (!q || q.kind === 'creditCode') return sql`0::real`;
  if (q.kind === 'pinyin') {
    // the name's own keys come first in search_pinyin: full, then initials; former names follow
    const own = sql`split_part(e.search_pinyin, ' ', 1) || ' ' || split_part(e.search_pinyin, ' ', 2)`;
    return sql`(case when e.search_pinyin ~ ${`^([a-z0-9]+ )?${q.text}`} then 4
      when strpos(${own}, ${q.text}) > 0 then 2 else 1 end)::real`;
  }
  const compact = q.whole.replace(/ /g, '');
  // Chinese has no case: lower() (a third of the cost of scoring) only when the search has letters
  const cased = /\p{L}/u.test(compact.replace(/\p{Script=Han}/gu, ''));
  const name = cased ? sql`lower(e.name)` : sql`e.name`;
  const names = cased ? sql`lower(e.search_names)` : sql`e.search_names`;
  const parts: SQL[] = [sql`(case when ${name} = ${compact} then 10 when starts_with(${name}, ${compact}) then 4 else 0 end)`];
  const terms = new Set(q.terms.map((t) => t.text));
  for (const t of terms) {
    parts.push(sql`(case when strpos(${name}, ${t}) > 0 then 2 when strpos(${names}, ${t}) > 0 then 1 else 0 end)`);
  }
  for (const w of new Set(q.terms.flatMap((t) => t.words))) {
    if (!terms.has(w)) parts.push(sql`(case when strpos(${name}, ${w}) > 0 then 0.5 else 0 end)`);
  }
  return sql`(${sql.join(parts, sql` + `)})::real`;
}

/** The order over `alias`: "e" the table (score as the select's output column), "p" a relation carrying score and the sort keys. */
export function orderSql(q: EnterpriseQuery | null, sort: EnterpriseSort, alias: 'e' | 'p'): SQL {
  const a = sql.raw(alias);
  const capital = sql`${a}.registered_capital_yuan desc nulls last, ${a}.id`;
  if (sort === 'capital' || !q) return capital;
  // byte order, as the text_pattern_ops index keeps it: the prefix range and the order come from one index scan
  if (q.kind === 'creditCode') return sql`${a}.credit_code using ~<~, ${a}.id`;
  return sql`${alias === 'p' ? sql`p.score` : sql`score`} desc, ${capital}`;
}

export interface EnterpriseSearchRow {
  id: string;
  creditCode: string | null;
  name: string;
  formerNames: string[];
  regionCode: string | null;
  regionName: string | null;
  industryCode: string | null;
  industryName: string | null;
  registeredCapitalYuan: bigint | null;
  establishedOn: string | null;
  status: string | null;
  tags: string[];
  inContact: boolean;
}

type Row = Record<string, unknown>;
export function rowsOf(result: unknown): Row[] {
  return (result as { rows: Row[] }).rows;
}

export interface EnterprisePageOptions {
  sort: EnterpriseSort;
  limit: number;
  offset: number;
  /** the caller's scope for the inContact flag ("/" for the whole installation) */
  callerScopePath: string;
}

export interface FacetRoot {
  /** materialised path of the region whose children are counted ("/" for the whole country) */
  path: string;
}

export interface EnterpriseFacets {
  total: number;
  tags: Record<string, number>;
  /** child region code → enterprises registered in its subtree */
  regions: Record<string, number>;
  /** tags an administrator defined (enterprise_tag_definitions), to list with 0 when absent */
  definedTags: string[];
}

/**
 * The facet counts over a relation `m` of matches (region_code, tags): the total, each tag's count
 * and the children of the facet root, with the administrator-defined tag names. Shared by the exact
 * statement and the sample behind the estimates (enterprise-search-broad.ts). With `cap`, a total
 * above it skips the tags and regions (the caller takes the broad path and its sample's facets): the
 * counts are subqueries in branches of a CASE, run only when their branch is taken.
 */
export function buildFacetsSql(root: FacetRoot, cap: number | null = null): SQL {
  const depth = root.path.split('/').filter(Boolean).length;
  const over = cap === null ? sql`false` : sql`n.total > ${cap}`;
  return sql`
    n as (select count(*)::int as total from m),
    g as (select m.region_code, count(*)::int as n from m group by m.region_code),
    facets as (
      select json_build_object(
        'total', n.total,
        'tags', case when ${over} then '{}'::json else
                (select coalesce(json_object_agg(t.tag, t.n), '{}'::json)
                 from (select x.tag, count(*)::int as n from (select unnest(m.tags) as tag from m where cardinality(m.tags) > 0) x group by x.tag) t) end,
        'regions', case when ${over} then '{}'::json else
                   (select coalesce(json_object_agg(c.child, c.n), '{}'::json)
                    from (select split_part(r.path, '/', ${depth + 2}) as child, sum(g.n)::int as n
                          from g join regions r on r.code = g.region_code
                          where r.path like ${`${escapeLikePattern(root.path)}%`} and r.path <> ${root.path}
                          group by 1) c) end,
        'definedTags', (select coalesce(json_agg(d.name order by d.name), '[]'::json) from enterprise_tag_definitions d)
      ) as facets
      from n
    )`;
}

/** The display columns of a page's rows `p` (id, score and sort keys), joined to the enterprise, its region and industry. */
export function buildPageRowsSql(callerScopePath: string): SQL {
  return sql`
      select p.id, p.score, p.registered_capital_yuan, p.credit_code, e.name, e.former_names, e.region_code,
        r.name as region_name, e.industry_code, i.name as industry_name, e.registered_capital_yuan::text as capital,
        e.established_on::text as established_on, e.status, e.tags, ${contactCondition(callerScopePath)} as in_contact
      from page p
      join enterprises e on e.id = p.id
      left join regions r on r.code = e.region_code
      left join industries i on i.code = e.industry_code`;
}

/**
 * One statement, one pass over the matches: `m` holds the matches (id, score, sort keys, tags,
 * region), the page is its top rows joined to names, and the facets are counted from it. Every
 * result row carries the facets and the administrator-defined tag names (one row with null item
 * columns when the page is empty). With a `cap`, `m` stops after cap + 1 matches: a total above
 * the cap means the page and facets would not be exact: the statement then skips them (an empty
 * page, the total alone) and the caller takes the broad path (enterprise-search-broad.ts). Built
 * apart so the bench can time the raw SQL.
 */
export function buildEnterpriseSearchSql(f: EnterpriseSearchFilter, o: EnterprisePageOptions, root: FacetRoot, cap: number | null = null, keyed = false): SQL {
  return sql`
    with m as materialized (
      select e.id, ${scoreSql(f.query)} as score, e.registered_capital_yuan, e.credit_code, e.tags, e.region_code
      from enterprises e
      where ${buildWhere(f, keyed)}
      ${cap === null ? sql`` : sql`limit ${cap + 1}`}
    ),
    ${buildFacetsSql(root, cap)},
    page as (select * from m p${cap === null ? sql`` : sql` where (select n.total from n) <= ${cap}`} order by ${orderSql(f.query, o.sort, 'p')} limit ${o.limit} offset ${o.offset})
    select facets.facets, p.*
    from facets
    left join lateral (${buildPageRowsSql(o.callerScopePath)}) p on true
    order by ${orderSql(f.query, o.sort, 'p')}`;
}

function toCounts(value: unknown): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries((value as Record<string, unknown> | null) ?? {})) out[k] = Number(v);
  return out;
}

/** The facets object of a search statement's first row. */
export function readFacets(result: Row[]): EnterpriseFacets {
  const raw = (result[0]?.facets ?? {}) as { total?: unknown; tags?: unknown; regions?: unknown; definedTags?: unknown };
  return {
    total: Number(raw.total ?? 0),
    tags: toCounts(raw.tags),
    regions: toCounts(raw.regions),
    definedTags: ((raw.definedTags as unknown[] | null) ?? []).map(String),
  };
}

/** The item rows of a statement ending in buildPageRowsSql (rows without an id are the empty page's facets row). */
export function readSearchRows(result: Row[]): EnterpriseSearchRow[] {
  return result
    .filter((r) => r.id !== null && r.id !== undefined)
    .map((r) => ({
      id: String(r.id),
      creditCode: (r.credit_code as string | null) ?? null,
      name: String(r.name),
      formerNames: (r.former_names as string[] | null) ?? [],
      regionCode: (r.region_code as string | null) ?? null,
      regionName: (r.region_name as string | null) ?? null,
      industryCode: (r.industry_code as string | null) ?? null,
      industryName: (r.industry_name as string | null) ?? null,
      registeredCapitalYuan: r.capital === null || r.capital === undefined ? null : BigInt(String(r.capital)),
      establishedOn: (r.established_on as string | null) ?? null,
      status: (r.status as string | null) ?? null,
      tags: (r.tags as string[] | null) ?? [],
      inContact: r.in_contact === true,
    }));
}

/** The page and facets in one statement; with a cap, `facets.total` above it means neither is exact (see buildEnterpriseSearchSql). */
export async function selectEnterpriseSearch(
  db: Db,
  f: EnterpriseSearchFilter,
  o: EnterprisePageOptions,
  root: FacetRoot,
  cap: number | null = null,
  keyed = false,
): Promise<{ rows: EnterpriseSearchRow[]; facets: EnterpriseFacets; statement: SQL }> {
  const statement = buildEnterpriseSearchSql(f, o, root, cap, keyed);
  const result = rowsOf(await db.execute(statement));
  return { rows: readSearchRows(result), facets: readFacets(result), statement };
}

/** The ids of the first `limit` results in the search's order (to add a search's results to a list). */
export async function selectEnterpriseIdsForSearch(db: Db, f: EnterpriseSearchFilter, sort: EnterpriseSort, limit: number): Promise<string[]> {
  const rows = rowsOf(
    await db.execute(sql`
      select e.id, ${scoreSql(f.query)} as score
      from enterprises e
      where ${buildWhere(f)}
      order by ${orderSql(f.query, sort, 'e')}
      limit ${limit}`),
  );
  return rows.map((r) => String(r.id));
}

/**
 * A region and the codes of its subtree (itself, its descendants and parks), or undefined when the
 * code is unknown. Paths hold digits and slashes only: nothing to escape in the LIKE.
 */
export async function selectRegionSubtree(db: Db, code: string): Promise<{ code: string; path: string; codes: string[] } | undefined> {
  const rows = rowsOf(
    await db.execute(sql`
      select r.code, r.path, array(select s.code from regions s where s.path like r.path || '%') as codes
      from regions r where r.code = ${code}`),
  );
  const r = rows[0];
  return r ? { code: String(r.code), path: String(r.path), codes: (r.codes as string[]).map(String) } : undefined;
}

/** How many regions have a code starting with `prefix` (digits only: nothing to escape in the LIKE). */
export async function countRegionsWithCodePrefix(db: Db, prefix: string): Promise<number> {
  const rows = rowsOf(await db.execute(sql`select count(*)::int as n from regions where code like ${`${prefix}%`}`));
  return Number(rows[0]?.n ?? 0);
}
