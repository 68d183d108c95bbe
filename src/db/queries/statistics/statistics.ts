/**
 * The heavy statistics queries, kept readable: each is one SQL statement over a region's subtree.
 * Amounts come back as text (bigint) and are parsed with BigInt.
 */
import { sql, type SQL } from 'drizzle-orm';
import { TOP_INVESTOR_TAGS } from '../../../domain/enterprise-status';
import type { Db } from '../../client';

export interface ReceiptFilter {
  verifiedOnly: boolean;
  withEvidenceOnly: boolean;
}

export function countedReceipts(f: ReceiptFilter, alias = 'f'): SQL {
  const a = sql.raw(alias);
  return sql.join(
    [
      sql`true`,
      f.verifiedOnly ? sql`${a}.verified_at is not null` : sql`true`,
      f.withEvidenceOnly ? sql`exists (select 1 from evidence_files e where e.fund_receipt_id = ${a}.id)` : sql`true`,
    ],
    sql` and `,
  );
}

/**
 * Projects that stay in the statistics when `excludeTags` is given: those carrying none of the
 * tags (projects.tags). No tags: every project.
 */
export function keptProjects(excludeTags: readonly string[], alias = 'p'): SQL {
  if (excludeTags.length === 0) return sql`true`;
  return sql`not (${sql.raw(alias)}.tags && ${sql.param([...excludeTags])}::text[])`;
}

/** Projects carrying at least one of the tags (the ones excludeTags drops). */
export function taggedProjects(tags: readonly string[], alias = 'p'): SQL {
  return sql`${sql.raw(alias)}.tags && ${sql.param([...tags])}::text[]`;
}

type Row = Record<string, unknown>;
function rowsOf(result: unknown): Row[] {
  return (result as { rows: Row[] }).rows;
}

/**
 * Per source: executing projects (funds > 0 in the period) and their funds, the new ones (earliest
 * fund month on or after `yearStart`, January of the period's first year), and last year's executing projects and funds for the same months.
 */
export async function selectFundsBySource(
  db: Db,
  scopePath: string,
  p: { from: string; to: string; lastFrom: string; lastTo: string; yearStart: string },
  filter: ReceiptFilter,
  excludeTags: readonly string[] = [],
) {
  // Reads only last year's period … this period. "New" = funds in the period and no counted positive
  // receipt before the year: for a project with funds in the period this is exactly "its earliest fund
  // month is in the year" (npm run bench:stats measured the rewrite against the plain min(month) form).
  const result = await db.execute(sql`
    with scoped as (
      select p.id, p.source from projects p join regions r on r.code = p.region_code
      where r.path like ${`${scopePath}%`} and ${keptProjects(excludeTags)}
    ),
    per_project as (
      select f.project_id, s.source,
        sum(f.amount_yuan) filter (where f.month between ${p.from} and ${p.to}) as current,
        sum(f.amount_yuan) filter (where f.month between ${p.lastFrom} and ${p.lastTo}) as last_year
      from fund_receipts f join scoped s on s.id = f.project_id
      where f.month between ${p.lastFrom} and ${p.to}
        and (f.month between ${p.from} and ${p.to} or f.month between ${p.lastFrom} and ${p.lastTo})
        and ${countedReceipts(filter)}
      group by f.project_id, s.source
    ),
    flagged as materialized (
      select pp.source, pp.current, pp.last_year,
        pp.current > 0 and not exists (
          select 1 from fund_receipts f where f.project_id = pp.project_id
            and f.month < ${p.yearStart} and f.amount_yuan > 0 and ${countedReceipts(filter)}
        ) as is_new
      from per_project pp
    )
    select x.source,
      count(*) filter (where x.current > 0)::int as projects,
      coalesce(sum(x.current) filter (where x.current > 0), 0)::text as funds,
      count(*) filter (where x.is_new)::int as new_projects,
      coalesce(sum(x.current) filter (where x.is_new), 0)::text as new_funds,
      count(*) filter (where x.last_year > 0)::int as last_projects,
      coalesce(sum(x.last_year) filter (where x.last_year > 0), 0)::text as last_funds
    from flagged x
    group by x.source`);
  return rowsOf(result).map((r) => ({
    source: (r.source as 'local' | 'outOfRegion' | 'foreign' | null) ?? null,
    projects: Number(r.projects),
    fundsYuan: BigInt(String(r.funds)),
    newProjects: Number(r.new_projects),
    newFundsYuan: BigInt(String(r.new_funds)),
    lastYearProjects: Number(r.last_projects),
    lastYearFundsYuan: BigInt(String(r.last_funds)),
  }));
}

/**
 * 签约项目 in P, the one definition every signed figure uses: projects of the subtree (p, with
 * regions r and the investor e) whose signing date lies within [start, end], without the excluded tags.
 */
function signedProjectsIn(scopePath: string, start: string, end: string, excludeTags: readonly string[]): SQL {
  return sql`projects p
    join regions r on r.code = p.region_code
    left join enterprises e on e.id = p.investor_id
    where r.path like ${`${scopePath}%`} and p.signed_date between ${start} and ${end} and ${keptProjects(excludeTags)}`;
}

/**
 * Projects signed within [start, end]: count, amount, cumulative size bands, top investors, started by the end, not terminated,
 * and their funds since signing (资金到位率's numerator: receipts counted under the evidence policy, from the signing month
 * through the period's last month).
 */
export async function selectSignedAggregates(
  db: Db,
  scopePath: string,
  start: string,
  end: string,
  bandsYuan: readonly bigint[],
  receipts: ReceiptFilter,
  excludeTags: readonly string[] = [],
) {
  const bandCols = bandsYuan.map(
    (b, i) => sql`count(*) filter (where p.signed_amount_yuan >= ${String(b)}::bigint)::int as band${sql.raw(String(i))}_n,
      coalesce(sum(p.signed_amount_yuan) filter (where p.signed_amount_yuan >= ${String(b)}::bigint), 0)::text as band${sql.raw(String(i))}_a`,
  );
  const result = await db.execute(sql`
    select count(*)::int as projects,
      coalesce(sum(p.signed_amount_yuan), 0)::text as amount,
      ${sql.join(bandCols, sql`, `)},
      count(*) filter (where e.tags && ${sql.param(TOP_INVESTOR_TAGS)}::text[])::int as top_investor,
      count(*) filter (where p.started_date is not null and p.started_date <= ${end})::int as started_by_end,
      count(*) filter (where p.stage <> 'terminated')::int as not_terminated,
      coalesce(sum((select sum(f.amount_yuan) from fund_receipts f
        where f.project_id = p.id and f.month >= to_char(p.signed_date, 'YYYY-MM') and f.month <= ${end.slice(0, 7)} and ${countedReceipts(receipts)})), 0)::text as funds_since_signing
    from ${signedProjectsIn(scopePath, start, end, excludeTags)}`);
  const r = rowsOf(result)[0] ?? {};
  return {
    projects: Number(r.projects ?? 0),
    amountYuan: BigInt(String(r.amount ?? '0')),
    bands: bandsYuan.map((minYuan, i) => ({ minYuan, projects: Number(r[`band${i}_n`] ?? 0), amountYuan: BigInt(String(r[`band${i}_a`] ?? '0')) })),
    topInvestorProjects: Number(r.top_investor ?? 0),
    startedByEnd: Number(r.started_by_end ?? 0),
    notTerminated: Number(r.not_terminated ?? 0),
    fundsSinceSigningYuan: BigInt(String(r.funds_since_signing ?? '0')),
  };
}

/**
 * 签约项目结构: the projects signed within [start, end] (the same projects as selectSignedAggregates)
 * grouped by industry code ('' = none), by the chain of the project's chain node (projects without a
 * node left out) and by each distinct tag of the investor enterprise.
 */
export async function selectSignedStructure(db: Db, scopePath: string, start: string, end: string, excludeTags: readonly string[] = []) {
  const result = await db.execute(sql`
    with signed as (
      select p.industry_code, p.signed_amount_yuan, e.tags as investor_tags,
        (select ch.code from chain_node_codes nc join chains ch on ch.id = nc.chain_id where nc.code = p.chain_node_code) as chain_code
      from ${signedProjectsIn(scopePath, start, end, excludeTags)})
    select 'industry' as split, coalesce(s.industry_code, '') as key, count(*)::int as projects, coalesce(sum(s.signed_amount_yuan), 0)::text as amount
    from signed s group by 2
    union all
    select 'chain', s.chain_code, count(*)::int, coalesce(sum(s.signed_amount_yuan), 0)::text
    from signed s where s.chain_code is not null group by 2
    union all
    select 'investorTag', t.tag, count(*)::int, coalesce(sum(s.signed_amount_yuan), 0)::text
    from signed s cross join lateral (select distinct x as tag from unnest(s.investor_tags) x) t group by 2`);
  const rows = rowsOf(result).map((r) => ({ split: String(r.split), key: String(r.key), projects: Number(r.projects), amountYuan: BigInt(String(r.amount)) }));
  const pick = (split: string) => rows.filter((r) => r.split === split).map(({ key, projects, amountYuan }) => ({ key, projects, amountYuan }));
  return { byIndustry: pick('industry'), byChain: pick('chain'), byInvestorTag: pick('investorTag') };
}

export async function selectTarget(db: Db, regionCode: string, year: number) {
  const result = await db.execute(sql`select funds_target_yuan::text as funds, signed_target_yuan::text as signed from region_targets where region_code = ${regionCode} and year = ${year}`);
  const r = rowsOf(result)[0];
  return r ? { fundsTargetYuan: BigInt(String(r.funds)), signedTargetYuan: r.signed === null ? null : BigInt(String(r.signed)) } : null;
}

export async function upsertTarget(db: Db, row: { regionCode: string; year: number; fundsTargetYuan: bigint; signedTargetYuan: bigint | null; setBy: string | null }) {
  await db.execute(sql`
    insert into region_targets (region_code, year, funds_target_yuan, signed_target_yuan, set_by, updated_at)
    values (${row.regionCode}, ${row.year}, ${String(row.fundsTargetYuan)}::bigint, ${row.signedTargetYuan === null ? null : String(row.signedTargetYuan)}::bigint, ${row.setBy}, now())
    on conflict (region_code, year) do update set funds_target_yuan = excluded.funds_target_yuan,
      signed_target_yuan = excluded.signed_target_yuan, set_by = excluded.set_by, updated_at = now()`);
}

/** How to group executing projects in a breakdown: a SQL expression over p (projects), r (regions), i (industries; d: the code's 大类 or 门类 row), e (enterprises). */
export type BreakdownKey = 'childRegion' | 'section' | 'sector' | 'investorType';

function keyExpression(key: BreakdownKey, scopeDepth: number): SQL {
  switch (key) {
    case 'childRegion':
      // '/650000/650100/650109/' split on '/': part 1 is empty, part k+1 is the code at depth k
      return sql`split_part(r.path, '/', ${scopeDepth + 2})`;
    case 'section':
      // d: the 2-digit 大类 of a deeper code, or the 门类 row itself for a letter
      return sql`coalesce(d.parent_code, d.code, '')`;
    case 'sector':
      return sql`coalesce(i.sector::text, '')`;
    case 'investorType':
      return investorTypeSql('e');
  }
}

/** The investor type of a project for the breakdowns, from its investor's tags ('' = none of them). */
export function investorTypeSql(enterpriseAlias: string): SQL {
  const e = sql.raw(enterpriseAlias);
  return sql`case when ${e}.tags && '{世界500强}' then '世界500强' when ${e}.tags && '{央企}' then '央企'
        when ${e}.tags && '{中国500强}' then '中国500强' when ${e}.tags && '{中国民营500强}' then '中国民营500强' else '' end`;
}

/** Executing projects and funds in the period and last year's funds, grouped by `key`. */
export async function selectFundsBreakdown(
  db: Db,
  scopePath: string,
  key: BreakdownKey,
  p: { from: string; to: string; lastFrom: string; lastTo: string },
  filter: ReceiptFilter,
  excludeTags: readonly string[] = [],
) {
  const depth = scopePath.split('/').filter(Boolean).length;
  const result = await db.execute(sql`
    with per_project as (
      select f.project_id,
        sum(f.amount_yuan) filter (where f.month between ${p.from} and ${p.to}) as current,
        sum(f.amount_yuan) filter (where f.month between ${p.lastFrom} and ${p.lastTo}) as last_year
      from fund_receipts f
      join projects p on p.id = f.project_id
      join regions r on r.code = p.region_code
      where r.path like ${`${scopePath}%`} and (f.month between ${p.from} and ${p.to} or f.month between ${p.lastFrom} and ${p.lastTo})
        and ${countedReceipts(filter)} and ${keptProjects(excludeTags)}
      group by f.project_id
    )
    select ${keyExpression(key, depth)} as key,
      count(*) filter (where pp.current > 0)::int as projects,
      coalesce(sum(pp.current) filter (where pp.current > 0), 0)::text as funds,
      coalesce(sum(pp.last_year) filter (where pp.last_year > 0), 0)::text as last_funds
    from per_project pp
    join projects p on p.id = pp.project_id
    join regions r on r.code = p.region_code
    left join industries i on i.code = p.industry_code
    left join industries d on d.code = left(p.industry_code, 2)
    left join enterprises e on e.id = p.investor_id
    group by 1`);
  return rowsOf(result).map((r) => ({
    key: String(r.key ?? ''),
    projects: Number(r.projects),
    fundsYuan: BigInt(String(r.funds)),
    lastYearFundsYuan: BigInt(String(r.last_funds)),
  }));
}

/** Funds per month of a year, for the monthly series (this year and last). */
export async function selectMonthlyFunds(db: Db, scopePath: string, year: number, filter: ReceiptFilter, excludeTags: readonly string[] = []) {
  const result = await db.execute(sql`
    select f.month, sum(f.amount_yuan)::text as funds
    from fund_receipts f
    join projects p on p.id = f.project_id
    join regions r on r.code = p.region_code
    where r.path like ${`${scopePath}%`} and f.month between ${`${year}-01`} and ${`${year}-12`} and ${countedReceipts(filter)} and ${keptProjects(excludeTags)}
    group by f.month`);
  return new Map(rowsOf(result).map((r) => [String(r.month), BigInt(String(r.funds))]));
}
