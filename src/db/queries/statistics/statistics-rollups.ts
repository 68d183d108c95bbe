/**
 * Funds rollups (schema/statistics.ts): per part — the projects held directly by one region in one
 * of its 16 buckets — and per year, month range and receipt filter: executing / new projects and
 * funds by source, executing projects and funds by industry and investor type, funds per month.
 * Valid while the stored version equals the part's version, which triggers bump on every change
 * (migration 0008).
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../client';
import { countedReceipts, investorTypeSql, taggedProjects, type ReceiptFilter } from './statistics';

export interface SourceFigures {
  projects: number;
  fundsYuan: bigint;
  newProjects: number;
  newFundsYuan: bigint;
}

/** One part's figures for one range. */
export interface PartFigures {
  /** source ('' = not recorded) → figures */
  bySource: Map<string, SourceFigures>;
  /** "industryCode|investorType" ('' = none) → executing projects and funds */
  groups: Map<string, { projects: number; fundsYuan: bigint }>;
  /** funds per month from January of the range's year (index 0; months outside the range are 0) */
  months: bigint[];
}

/**
 * A period as months counted from January of `year` (1 = January of `year`): a period within one
 * year has 1 ≤ fromMonth ≤ toMonth ≤ 12; a period spanning years goes on past 12 (2025-11..2026-02
 * = year 2025, months 11..14). "New" is always measured from January of `year`.
 */
export interface RollupRange {
  year: number;
  fromMonth: number;
  toMonth: number;
}

/** The months of the range's `months` array: a year, or more when the range goes on past December. */
export function monthsLength(range: RollupRange): number {
  return Math.max(12, range.toMonth);
}

/** A region's bucket of projects (funds_rollup_bucket in SQL: the last byte of the id, 0–15). */
export interface RollupPart {
  regionCode: string;
  bucket: number;
}
export const partKey = (p: RollupPart) => `${p.regionCode}:${p.bucket}`;

/** A part's figures for a range and receipt filter, computed at the part's `version`: what upsertRollups stores. */
export interface RollupRow {
  part: RollupPart;
  range: RollupRange;
  variant: number;
  version: number;
  figures: PartFigures;
}

type Row = Record<string, unknown>;
const rowsOf = (result: unknown): Row[] => (result as { rows: Row[] }).rows;
/** Month `m` counted from January of `year` (13 = January of the next year) as YYYY-MM. */
const month = (year: number, m: number) => `${year + Math.floor((m - 1) / 12)}-${String(((m - 1) % 12) + 1).padStart(2, '0')}`;
/** A month YYYY-MM as its index in the range's `months` array (January of the range's year = 0). */
const monthIndex = (range: RollupRange, m: string) => (Number(m.slice(0, 4)) - range.year) * 12 + Number(m.slice(5, 7)) - 1;

export function emptyPartFigures(range: RollupRange): PartFigures {
  return { bySource: new Map(), groups: new Map(), months: Array.from({ length: monthsLength(range) }, () => 0n) };
}

export function toVariant(filter: ReceiptFilter): number {
  return (filter.verifiedOnly ? 1 : 0) | (filter.withEvidenceOnly ? 2 : 0);
}

/** Which projects to compute figures for, and the key (a text expression over p) each one's figures go under. */
interface ProjectSelection {
  join: SQL;
  where: SQL;
  key: SQL;
}

/**
 * Computes the figures of the given parts from the receipts, by the definitions of DESIGN.md:
 * executing = funds > 0 in the range; new = no counted positive receipt before January of the
 * range's year. Driven by projects (index probes on fund_receipts (project_id, month)), which is
 * fast for the few parts a change makes stale. Parts without executing projects get empty figures.
 * Keyed by partKey.
 */
export async function computeRollups(db: Db, parts: readonly RollupPart[], range: RollupRange, filter: ReceiptFilter): Promise<Map<string, PartFigures>> {
  const out = new Map<string, PartFigures>(parts.map((p) => [partKey(p), emptyPartFigures(range)]));
  if (parts.length === 0) return out;
  const wanted = sql`(select * from unnest(${sql.param(parts.map((p) => p.regionCode))}::text[], ${sql.param(parts.map((p) => p.bucket))}::int[]) as w(region_code, bucket))`;
  const selection = {
    join: sql`join ${wanted} w on w.region_code = p.region_code and w.bucket = funds_rollup_bucket(p.id)`,
    where: sql`true`,
    key: sql`p.region_code || ':' || funds_rollup_bucket(p.id)`,
  };
  await computeFiguresInto(db, selection, range, filter, (key) => out.get(key));
  return out;
}

/**
 * The figures of the projects of a subtree carrying one of `tags` (what excludeTags drops), keyed
 * by the path of the region holding them: the same arithmetic as computeRollups, so subtracting
 * them from the rollups leaves exactly the figures of the other projects.
 */
export async function computeTaggedFigures(db: Db, scopePath: string, tags: readonly string[], range: RollupRange, filter: ReceiptFilter): Promise<Map<string, PartFigures>> {
  const out = new Map<string, PartFigures>();
  if (tags.length === 0) return out;
  const selection = { join: sql`join regions g on g.code = p.region_code`, where: sql`g.path like ${`${scopePath}%`} and ${taggedProjects(tags)}`, key: sql`g.path` };
  await computeFiguresInto(db, selection, range, filter, (key) => {
    const figures = out.get(key) ?? emptyPartFigures(range);
    out.set(key, figures);
    return figures;
  });
  return out;
}

async function computeFiguresInto(db: Db, selection: ProjectSelection, range: RollupRange, filter: ReceiptFilter, figuresOf: (key: string) => PartFigures | undefined): Promise<void> {
  const from = month(range.year, range.fromMonth);
  const to = month(range.year, range.toMonth);
  const grouped = await db.execute(sql`
    select ${selection.key} as key, coalesce(p.source, '') as source,
      coalesce(p.industry_code, '') as industry, ${investorTypeSql('e')} as investor_type,
      count(*)::int as projects, sum(x.current)::text as funds,
      count(*) filter (where x.is_new)::int as new_projects, coalesce(sum(x.current) filter (where x.is_new), 0)::text as new_funds
    from projects p
    ${selection.join}
    left join enterprises e on e.id = p.investor_id
    cross join lateral (
      select sum(f.amount_yuan) as current,
        not exists (
          select 1 from fund_receipts b where b.project_id = p.id
            and b.month < ${month(range.year, 1)} and b.amount_yuan > 0 and ${countedReceipts(filter, 'b')}
        ) as is_new
      from fund_receipts f
      where f.project_id = p.id and f.month between ${from} and ${to} and ${countedReceipts(filter)}
    ) x
    where x.current > 0 and ${selection.where}
    group by 1, 2, 3, 4`);
  for (const r of rowsOf(grouped)) {
    const figures = figuresOf(String(r.key));
    if (!figures) continue;
    const source = String(r.source);
    const s = figures.bySource.get(source) ?? { projects: 0, fundsYuan: 0n, newProjects: 0, newFundsYuan: 0n };
    s.projects += Number(r.projects);
    s.fundsYuan += BigInt(String(r.funds));
    s.newProjects += Number(r.new_projects);
    s.newFundsYuan += BigInt(String(r.new_funds));
    figures.bySource.set(source, s);
    const key = `${String(r.industry)}|${String(r.investor_type)}`;
    const g = figures.groups.get(key) ?? { projects: 0, fundsYuan: 0n };
    g.projects += Number(r.projects);
    g.fundsYuan += BigInt(String(r.funds));
    figures.groups.set(key, g);
  }
  const monthly = await db.execute(sql`
    select ${selection.key} as key, f.month, sum(f.amount_yuan)::text as funds
    from projects p
    ${selection.join}
    join fund_receipts f on f.project_id = p.id and f.month between ${from} and ${to} and ${countedReceipts(filter)}
    where ${selection.where}
    group by 1, 2`);
  for (const r of rowsOf(monthly)) {
    const figures = figuresOf(String(r.key));
    if (figures) figures.months[monthIndex(range, String(r.month))] = BigInt(String(r.funds));
  }
}

/** Stores computed rollups; a row computed at an older version never replaces a newer one. */
export async function upsertRollups(db: Db, rows: readonly RollupRow[]): Promise<void> {
  // a few hundred rows a statement keeps the parameters far below PostgreSQL's 65,535
  for (let i = 0; i < rows.length; i += 400) await upsertRollupChunk(db, rows.slice(i, i + 400));
}

async function upsertRollupChunk(db: Db, rows: readonly RollupRow[]): Promise<void> {
  if (rows.length === 0) return;
  const values = rows.map((r) => {
    const bySource = Object.fromEntries(
      [...r.figures.bySource].map(([s, f]) => [s, { projects: f.projects, fundsYuan: String(f.fundsYuan), newProjects: f.newProjects, newFundsYuan: String(f.newFundsYuan) }]),
    );
    const groups = Object.fromEntries([...r.figures.groups].map(([k, g]) => [k, [g.projects, String(g.fundsYuan)]]));
    const months = r.figures.months.map(String);
    return sql`(${r.part.regionCode}, ${r.part.bucket}, ${r.range.year}, ${r.range.fromMonth}, ${r.range.toMonth}, ${r.variant}, ${r.version},
      ${JSON.stringify(bySource)}::jsonb, ${JSON.stringify(groups)}::jsonb, ${JSON.stringify(months)}::jsonb, now())`;
  });
  await db.execute(sql`
    insert into funds_rollups as t (region_code, bucket, year, from_month, to_month, variant, version, figures, groups, months, computed_at)
    values ${sql.join(values, sql`, `)}
    on conflict (region_code, bucket, year, from_month, to_month, variant) do update
      set version = excluded.version, figures = excluded.figures, groups = excluded.groups, months = excluded.months, computed_at = excluded.computed_at
      where t.version < excluded.version`);
}

/**
 * The parts of a subtree whose stored rollup for the range is missing or older than the part's
 * version, with the current version; `only`: among these parts only.
 */
export async function selectStaleParts(db: Db, scopePath: string, range: RollupRange, variant: number, only?: readonly RollupPart[]) {
  const among = only
    ? sql`and (v.region_code, v.bucket) in (select * from unnest(${sql.param(only.map((p) => p.regionCode))}::text[], ${sql.param(only.map((p) => p.bucket))}::int[]))`
    : sql``;
  const result = await db.execute(sql`
    select v.region_code, v.bucket, v.version, g.path from funds_rollup_versions v
    join regions g on g.code = v.region_code
    left join funds_rollups r on r.region_code = v.region_code and r.bucket = v.bucket and r.year = ${range.year}
      and r.from_month = ${range.fromMonth} and r.to_month = ${range.toMonth} and r.variant = ${variant}
    where g.path like ${`${scopePath}%`} and (r.version is null or r.version <> v.version) ${among}`);
  return rowsOf(result).map((r) => ({ part: { regionCode: String(r.region_code), bucket: Number(r.bucket) }, version: Number(r.version), path: String(r.path) }));
}

/** A part whose stored rollup is missing or older than its version. */
export interface StalePart {
  part: RollupPart;
  version: number;
  path: string;
}

/**
 * For each range, in one statement: the stale parts of the subtree (as selectStaleParts) and, by
 * source, the sums of its current stored rollups (the current parts' figures added up in the database) — the versions of
 * the subtree are joined with its rollups once for all ranges, instead of twice per range.
 */
export async function selectRollupTotalsAndStaleParts(
  db: Db,
  scopePath: string,
  ranges: readonly RollupRange[],
  variant: number,
): Promise<{ stale: StalePart[]; totals: Map<string, SourceFigures> }[]> {
  const out = ranges.map(() => ({ stale: [] as StalePart[], totals: new Map<string, SourceFigures>() }));
  if (ranges.length === 0) return out;
  const result = await db.execute(sql`
    with q as (select * from unnest(${sql.param(ranges.map((_, i) => i))}::int[], ${sql.param(ranges.map((r) => r.year))}::int[],
        ${sql.param(ranges.map((r) => r.fromMonth))}::int[], ${sql.param(ranges.map((r) => r.toMonth))}::int[]) as q(i, year, from_month, to_month)),
    parts as (
      select q.i, v.region_code, v.bucket, v.version, g.path, r.figures, r.version = v.version as current
      from funds_rollup_versions v
      join regions g on g.code = v.region_code
      cross join q
      -- lateral with limit (never flattened into a join): one primary-key probe per part and range,
      -- whatever the size of funds_rollups (it keeps every range ever asked for; a hash join would read it all)
      left join lateral (select r.version, r.figures from funds_rollups r where r.region_code = v.region_code and r.bucket = v.bucket
        and r.year = q.year and r.from_month = q.from_month and r.to_month = q.to_month and r.variant = ${variant} limit 1) r on true
      where g.path like ${`${scopePath}%`})
    select i, true as stale, region_code, bucket, version, path, null as source, null::int as projects, null as funds, null::int as new_projects, null as new_funds
    from parts where current is not true
    union all
    select i, false, null, null, null, null, f.key, sum((f.value->>'projects')::int)::int, sum((f.value->>'fundsYuan')::numeric)::text,
      sum((f.value->>'newProjects')::int)::int, sum((f.value->>'newFundsYuan')::numeric)::text
    from parts cross join lateral jsonb_each(parts.figures) f
    where current
    group by i, f.key`);
  for (const r of rowsOf(result)) {
    const slot = out[Number(r.i)];
    if (!slot) continue;
    if (r.stale === true) {
      slot.stale.push({ part: { regionCode: String(r.region_code), bucket: Number(r.bucket) }, version: Number(r.version), path: String(r.path) });
    } else {
      slot.totals.set(String(r.source), {
        projects: Number(r.projects),
        fundsYuan: BigInt(String(r.funds)),
        newProjects: Number(r.new_projects),
        newFundsYuan: BigInt(String(r.new_funds)),
      });
    }
  }
  return out;
}

/**
 * For the breakdowns: the current stored rollups of a subtree for the range, added up in the
 * database by the region's code at `childDepth` (the direct sub-region; '' for the scope region
 * itself) and group ("industry|investorType"), and the funds per month.
 */
export async function selectCurrentRollupGroups(db: Db, scopePath: string, childDepth: number, range: RollupRange, variant: number) {
  const current = sql`funds_rollups r
    join funds_rollup_versions v on v.region_code = r.region_code and v.bucket = r.bucket and v.version = r.version
    join regions g on g.code = r.region_code`;
  const where = sql`g.path like ${`${scopePath}%`} and r.year = ${range.year} and r.from_month = ${range.fromMonth}
      and r.to_month = ${range.toMonth} and r.variant = ${variant}`;
  const groups = await db.execute(sql`
    select split_part(g.path, '/', ${childDepth + 1}) as child, f.key as grp,
      sum((f.value->>0)::int)::int as projects, sum((f.value->>1)::numeric)::text as funds
    from ${current} cross join lateral jsonb_each(r.groups) f
    where ${where}
    group by 1, 2`);
  const months = await db.execute(sql`
    select m.i::int as i, sum(m.value::numeric)::text as funds
    from ${current} cross join lateral jsonb_array_elements_text(r.months) with ordinality m(value, i)
    where ${where}
    group by 1`);
  const monthly = Array.from({ length: monthsLength(range) }, () => 0n);
  for (const r of rowsOf(months)) monthly[Number(r.i) - 1] = BigInt(String(r.funds));
  return {
    groups: rowsOf(groups).map((r) => ({ child: String(r.child), group: String(r.grp), projects: Number(r.projects), fundsYuan: BigInt(String(r.funds)) })),
    months: monthly,
  };
}
