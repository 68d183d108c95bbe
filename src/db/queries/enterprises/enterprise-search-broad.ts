/**
 * Broad enterprise searches: more matches than the search counts exactly (enterprise-search.ts
 * with a cap). Reading every match to rank it, count it and facet it costs about a microsecond or
 * more a row, seconds over the hundreds of thousands a broad search finds in a national registry.
 * Here the page comes in tiers of registered capital instead, and the facets from a sample:
 *
 * - the page: names equal to the search first (relevance with a text search), then the matches
 *   with registered capital ≥ 1亿, ≥ 1000万, ≥ 100万 and the rest (unknown capital last), each tier
 *   in the search's order (relevance, then capital), tier after tier until the page is full. The
 *   top tier has partial indexes of its own and is small: a broad search fills its first pages from
 *   its largest firms for a few milliseconds; the lower tiers share one statement. Sorted by
 *   capital the tiers change nothing: the order is exactly the capital order.
 * - the facets: the same filter over a fixed sample of the table's pages (TABLESAMPLE SYSTEM,
 *   REPEATABLE: the same pages each time, so the numbers do not move between pages), as large as
 *   the search's breadth needs (services/enterprises/enterprise-search.ts); the service scales the
 *   counts and marks them as estimates.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../client';
import {
  buildFacetsSql,
  buildPageRowsSql,
  buildKeyedFiltersPlain,
  buildWordsCondition,
  planSearchKeys,
  buildWhere,
  orderSql,
  readFacets,
  readSearchRows,
  rowsOf,
  scoreSql,
  type EnterpriseFacets,
  type EnterprisePageOptions,
  type EnterpriseSearchFilter,
  type EnterpriseSearchRow,
  type FacetRoot,
} from './enterprise-search';

/** Registered capital tiers (yuan), largest first; the last tier is everything below the smallest, and unknown. */
export const CAPITAL_TIERS_YUAN = [100_000_000n, 10_000_000n, 1_000_000n] as const;
const SAMPLE_SEED = 20260101;

interface Tier {
  condition: SQL;
  /** sorts before the search's own order within the statement (the lower tiers share one statement) */
  rank: SQL | null;
}

/**
 * The statements' tiers, in order: `e.name = …` first when given; then the top capital tier alone
 * (its own partial indexes, migration 0027: cheap however common the words); then every lower tier
 * in one statement ranked by tier, so a search without large firms reads its matches once, not once
 * per tier.
 */
function listTiers(exactName: string | null): Tier[] {
  const notExact = exactName === null ? sql`` : sql` and e.name <> ${exactName}`;
  const capital = sql`e.registered_capital_yuan`;
  const [top, ...lower] = CAPITAL_TIERS_YUAN;
  // constants, not parameters: the planner matches the partial indexes' predicate
  const topFloor = sql.raw(top.toString());
  const tiers: Tier[] = exactName === null ? [] : [{ condition: sql`e.name = ${exactName}`, rank: null }];
  tiers.push({ condition: sql`${capital} >= ${topFloor}${notExact}`, rank: null });
  const whens = lower.map((floor, i) => sql`when ${capital} >= ${sql.raw(floor.toString())} then ${sql.raw(String(i))}`);
  tiers.push({
    condition: sql`(${capital} < ${topFloor} or ${capital} is null)${notExact}`,
    rank: sql`(case ${sql.join(whens, sql` `)} else ${sql.raw(String(lower.length))} end)`,
  });
  return tiers;
}

/** The name a text search would equal, for the first tier (none for pinyin and credit codes). */
function exactNameOf(f: EnterpriseSearchFilter, o: EnterprisePageOptions): string | null {
  return f.query?.kind === 'text' && o.sort === 'relevance' ? f.query.whole.replace(/ /g, '') : null;
}

/**
 * The statements that fill the page, run one after another until it is full; returned with the
 * rows so a bench can time the same SQL alone.
 */
export async function selectBroadPage(db: Db, f: EnterpriseSearchFilter, o: EnterprisePageOptions): Promise<{ rows: EnterpriseSearchRow[]; statements: SQL[] }> {
  const want = o.offset + o.limit;
  const where = buildWhere(f);
  const ranked: string[] = [];
  const statements: SQL[] = [];
  // a credit-code prefix in code order: one scan of the code index, no tiers needed
  const tiers: Tier[] = f.query?.kind === 'creditCode' && o.sort === 'relevance' ? [{ condition: sql`true`, rank: null }] : listTiers(exactNameOf(f, o));
  for (const tier of tiers) {
    if (ranked.length >= want) break;
    const statement = sql`
      select e.id, ${scoreSql(f.query)} as score
      from enterprises e
      where ${where} and ${tier.condition}
      order by ${tier.rank === null ? sql`` : sql`${tier.rank}, `}${orderSql(f.query, o.sort, 'e')}
      limit ${want - ranked.length}`;
    statements.push(statement);
    const found = rowsOf(await db.execute(statement));
    ranked.push(...found.map((r) => String(r.id)));
  }
  const ids = ranked.slice(o.offset, want);
  if (ids.length === 0) return { rows: [], statements };
  const display = sql`
    with page as (
      select e.id, ${scoreSql(f.query)} as score, e.registered_capital_yuan, e.credit_code
      from enterprises e where e.id = any(${sql.param(ids)}::uuid[])
    )
    ${buildPageRowsSql(o.callerScopePath)}`;
  statements.push(display);
  const byId = new Map(readSearchRows(rowsOf(await db.execute(display))).map((r) => [r.id, r]));
  return { rows: ids.flatMap((id) => byId.get(id) ?? []), statements };
}

/** The planner's row count of the table (pg_class.reltuples; -1 or 0 before the first ANALYZE). */
export async function selectTableRows(db: Db): Promise<number> {
  const rows = rowsOf(await db.execute(sql`select reltuples::float8 as n from pg_class where oid = 'enterprises'::regclass`));
  return Number(rows[0]?.n ?? -1);
}

/** The share of the table's pages (percent, at most 100) that holds about `rows` rows. */
export function toSamplePercent(rows: number, tableRows: number): number {
  return tableRows > 0 ? Math.min(100, (100 * rows) / tableRows) : 100;
}

/**
 * The matches within the sample of `percent` of the table's pages (the same pages every time) and the
 * sum of the squares of the matches per sampled page (their spread, domain/page-sample.ts), the rows
 * there that the search's words and filter keys alone match (null when it has no keys), and those its
 * words alone match (null without indexed words and keys).
 */
export async function countSampledMatches(
  db: Db,
  f: EnterpriseSearchFilter,
  percent: number,
): Promise<{ matches: number; pageSquares: number; keyMatches: number | null; wordMatches: number | null; statement: SQL }> {
  const keyed = buildKeyedFiltersPlain(f);
  const plan = planSearchKeys(f);
  const words = plan?.words ? buildWordsCondition(plan.words) : null;
  const sampled = sql`enterprises e tablesample system (${percent}) repeatable (${SAMPLE_SEED})`;
  const page = sql`(e.ctid::text::point)[0] as page`;
  const rowsSql = keyed
    ? sql`select ${page}, (${buildWhere(f)}) as hit, (${keyed}) as key, ${words ? sql`(${words})` : sql`null::boolean`} as word from ${sampled}`
    : sql`select ${page}, true as hit, null::boolean as key, null::boolean as word from ${sampled} where ${buildWhere(f)}`;
  const statement = sql`
    with s as materialized (${rowsSql})
    select count(*) filter (where s.hit)::int as n,
      ${keyed ? sql`count(*) filter (where s.key)::int` : sql`null::int`} as k,
      ${words ? sql`count(*) filter (where s.word)::int` : sql`null::int`} as w,
      (select coalesce(sum(p.c * p.c), 0)::float8 from (select count(*)::float8 as c from s where s.hit group by s.page) p) as page_squares
    from s`;
  const rows = rowsOf(await db.execute(statement));
  const count = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    matches: Number(rows[0]?.n ?? 0),
    pageSquares: Number(rows[0]?.page_squares ?? 0),
    keyMatches: count(rows[0]?.k),
    wordMatches: count(rows[0]?.w),
    statement,
  };
}

/**
 * The facets over the sample of `percent` of the table's pages: raw counts (the caller scales them),
 * and the sum of the squares of the matches per sampled page (the spread behind the estimate's
 * standard error, domain/page-sample.ts).
 */
export async function selectSampledFacets(
  db: Db,
  f: EnterpriseSearchFilter,
  root: FacetRoot,
  percent: number,
): Promise<{ facets: EnterpriseFacets; pageSquares: number; statement: SQL }> {
  const statement = sql`
    with m as materialized (
      select e.region_code, e.tags, (e.ctid::text::point)[0] as page
      from enterprises e tablesample system (${percent}) repeatable (${SAMPLE_SEED})
      where ${buildWhere(f)}
    ),
    ${buildFacetsSql(root)}
    select facets.facets, (select coalesce(sum(p.n * p.n), 0)::float8 from (select count(*)::float8 as n from m group by m.page) p) as page_squares
    from facets`;
  const rows = rowsOf(await db.execute(statement));
  return { facets: readFacets(rows), pageSquares: Number(rows[0]?.page_squares ?? 0), statement };
}
