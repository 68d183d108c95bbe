/**
 * Enterprise search SQL: one WHERE built from the parsed query (search/enterprise-query) and the
 * filters, used by a page statement (scored, sorted, limited, then joined to names) and a facet
 * statement (total, tag counts and region counts over the whole filtered result). Indexes used:
 * search_words (GIN tsvector), search_names / search_pinyin (GIN pg_trgm), credit_code
 * (text_pattern_ops), tags and contact_region_codes (GIN), region, industry and capital (btree).
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client';
import { escapeLikePattern, type EnterpriseQuery } from '../../search/enterprise-query';

export interface EnterpriseSearchFilter {
  query: EnterpriseQuery | null;
  /** all must be present */
  tags: string[];
  /** registered region within this set (a region's subtree), or any */
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
   * "already in contact": contact_region_codes overlaps this set; an empty set means any region
   * (the whole installation); null means no such filter
   */
  contactRegionCodes: string[] | null;
}

export type EnterpriseSort = 'relevance' | 'capital';

function textArray(values: readonly string[]): SQL {
  return sql`${sql.param(values)}::text[]`;
}

function tsquery(text: string): SQL {
  return sql`to_tsquery('simple', ${text})`;
}

function matchCondition(q: EnterpriseQuery): SQL[] {
  if (q.kind === 'creditCode') return [sql`e.credit_code like ${`${escapeLikePattern(q.prefix)}%`}`];
  if (q.kind === 'pinyin') {
    // two letters give pg_trgm no trigram: match them at the start of a key instead (word start)
    if (q.text.length < 3) return [sql`e.search_pinyin ~ ${`(^| )${q.text}`}`];
    return [sql`e.search_pinyin like ${`%${escapeLikePattern(q.text)}%`}`];
  }
  const out: SQL[] = [];
  if (q.wordQuery) out.push(sql`e.search_words @@ ${tsquery(q.wordQuery)}`);
  for (const t of q.terms) {
    if (t.substring === null) continue;
    out.push(
      t.tsquery
        ? sql`(e.search_words @@ ${tsquery(t.tsquery)} or e.search_names ilike ${t.substring})`
        : sql`e.search_names ilike ${t.substring}`,
    );
  }
  return out;
}

function contactCondition(codes: string[]): SQL {
  return codes.length === 0 ? sql`cardinality(e.contact_region_codes) > 0` : sql`e.contact_region_codes && ${textArray(codes)}`;
}

export function buildWhere(f: EnterpriseSearchFilter): SQL {
  const c: SQL[] = f.query ? matchCondition(f.query) : [];
  if (f.tags.length > 0) c.push(sql`e.tags @> ${textArray(f.tags)}`);
  if (f.regionCodes) c.push(sql`e.region_code = any(${textArray(f.regionCodes)})`);
  if (f.industryCodes) c.push(sql`e.industry_code = any(${textArray(f.industryCodes)})`);
  if (f.capitalMinYuan !== null) c.push(sql`e.registered_capital_yuan >= ${f.capitalMinYuan.toString()}::bigint`);
  if (f.capitalMaxYuan !== null) c.push(sql`e.registered_capital_yuan <= ${f.capitalMaxYuan.toString()}::bigint`);
  if (f.establishedFrom) c.push(sql`e.established_on >= ${f.establishedFrom}::date`);
  if (f.establishedBefore) c.push(sql`e.established_on < ${f.establishedBefore}::date`);
  if (f.statuses) c.push(sql`e.status = any(${textArray(f.statuses)})`);
  if (f.contactRegionCodes) c.push(contactCondition(f.contactRegionCodes));
  return c.length > 0 ? sql.join(c, sql` and `) : sql`true`;
}

/** Relevance: word rank (names weigh more than scope) plus boosts for an exact name, a name prefix and terms in the name. */
function scoreSql(q: EnterpriseQuery | null): SQL {
  if (!q || q.kind === 'creditCode') return sql`0::real`;
  if (q.kind === 'pinyin') {
    // the name's own keys come first in search_pinyin: full, then initials; former names follow
    const own = sql`split_part(e.search_pinyin, ' ', 1) || ' ' || split_part(e.search_pinyin, ' ', 2)`;
    return sql`(case when e.search_pinyin ~ ${`^([a-z0-9]+ )?${q.text}`} then 4
      when ${own} like ${`%${escapeLikePattern(q.text)}%`} then 2 else 1 end)::real`;
  }
  const compact = q.whole.replace(/ /g, '');
  const parts: SQL[] = [
    sql`(case when lower(e.name) = ${compact} then 10 when e.name ilike ${`${escapeLikePattern(compact)}%`} then 4 else 0 end)`,
  ];
  if (q.rankQuery) parts.push(sql`ts_rank(e.search_words, ${tsquery(q.rankQuery)})`);
  for (const t of q.terms) parts.push(sql`(case when e.name ilike ${`%${escapeLikePattern(t.text)}%`} then 1 else 0 end)`);
  return sql`(${sql.join(parts, sql` + `)})::real`;
}

/** The order over `alias`: "e" the table (score as the select's output column), "p" a relation carrying score and the sort keys. */
function orderSql(q: EnterpriseQuery | null, sort: EnterpriseSort, alias: 'e' | 'p'): SQL {
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
function rowsOf(result: unknown): Row[] {
  return (result as { rows: Row[] }).rows;
}

export interface EnterprisePageOptions {
  sort: EnterpriseSort;
  limit: number;
  offset: number;
  /** the caller's regions for the inContact flag; empty = any region */
  callerRegionCodes: string[];
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
}

/**
 * One statement, one pass over the matches: `m` holds every match (id, score, sort keys, tags,
 * region), the page is its top rows joined to names, and the facets are counted from it. Every
 * result row carries the facets (one row with null item columns when the page is empty). Built
 * apart so the bench can time the raw SQL.
 */
export function buildEnterpriseSearchSql(f: EnterpriseSearchFilter, o: EnterprisePageOptions, root: FacetRoot): SQL {
  const depth = root.path.split('/').filter(Boolean).length;
  return sql`
    with m as materialized (
      select e.id, ${scoreSql(f.query)} as score, e.registered_capital_yuan, e.credit_code, e.tags, e.region_code
      from enterprises e
      where ${buildWhere(f)}
    ),
    page as (select * from m p order by ${orderSql(f.query, o.sort, 'p')} limit ${o.limit} offset ${o.offset}),
    g as (select m.region_code, count(*)::int as n from m group by m.region_code),
    facets as (
      select json_build_object(
        'total', (select coalesce(sum(g.n), 0) from g),
        'tags', (select coalesce(json_object_agg(t.tag, t.n), '{}'::json)
                 from (select x.tag, count(*)::int as n from m cross join lateral unnest(m.tags) as x(tag) where cardinality(m.tags) > 0 group by x.tag) t),
        'regions', (select coalesce(json_object_agg(c.child, c.n), '{}'::json)
                    from (select split_part(r.path, '/', ${depth + 2}) as child, sum(g.n)::int as n
                          from g join regions r on r.code = g.region_code
                          where r.path like ${`${escapeLikePattern(root.path)}%`} and r.path <> ${root.path}
                          group by 1) c)
      ) as facets
    )
    select facets.facets, p.*
    from facets
    left join lateral (
      select p.id, p.score, p.registered_capital_yuan, p.credit_code, e.name, e.former_names, e.region_code,
        r.name as region_name, e.industry_code, i.name as industry_name, e.registered_capital_yuan::text as capital,
        e.established_on::text as established_on, e.status, e.tags, ${contactCondition(o.callerRegionCodes)} as in_contact
      from page p
      join enterprises e on e.id = p.id
      left join regions r on r.code = e.region_code
      left join industries i on i.code = e.industry_code
    ) p on true
    order by ${orderSql(f.query, o.sort, 'p')}`;
}

function toCounts(value: unknown): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries((value as Record<string, unknown> | null) ?? {})) out[k] = Number(v);
  return out;
}

export async function selectEnterpriseSearch(
  db: Db,
  f: EnterpriseSearchFilter,
  o: EnterprisePageOptions,
  root: FacetRoot,
): Promise<{ rows: EnterpriseSearchRow[]; facets: EnterpriseFacets }> {
  const result = rowsOf(await db.execute(buildEnterpriseSearchSql(f, o, root)));
  const raw = (result[0]?.facets ?? {}) as { total?: unknown; tags?: unknown; regions?: unknown };
  const facets: EnterpriseFacets = { total: Number(raw.total ?? 0), tags: toCounts(raw.tags), regions: toCounts(raw.regions) };
  const rows = result
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
  return { rows, facets };
}

/** Region codes of a subtree (the region, its descendants and parks). */
export async function selectSubtreeRegionCodes(db: Db, path: string): Promise<string[]> {
  const rows = rowsOf(await db.execute(sql`select code from regions where path like ${`${escapeLikePattern(path)}%`}`));
  return rows.map((r) => String(r.code));
}

/** Tag names defined by an administrator, beyond the built-in ones. */
export async function selectDefinedTagNames(db: Db): Promise<string[]> {
  const rows = rowsOf(await db.execute(sql`select name from enterprise_tag_definitions order by name`));
  return rows.map((r) => String(r.name));
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
