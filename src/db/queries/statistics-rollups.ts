/**
 * Funds rollups (schema/statistics.ts): per region (projects held directly), year, month range and
 * receipt filter, the executing / new projects and funds by source. Valid while the stored version
 * equals the region's version, which triggers bump on every change (migration 0008).
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../client';
import { countedReceipts, type ReceiptFilter } from './statistics';

export interface SourceFigures {
  projects: number;
  fundsYuan: bigint;
  newProjects: number;
  newFundsYuan: bigint;
}
/** source ('' = not recorded) → figures */
export type RollupFigures = Map<string, SourceFigures>;

export interface RollupRange {
  year: number;
  fromMonth: number;
  toMonth: number;
}

type Row = Record<string, unknown>;
const rowsOf = (result: unknown): Row[] => (result as { rows: Row[] }).rows;
const month = (year: number, m: number) => `${year}-${String(m).padStart(2, '0')}`;

export function toVariant(filter: ReceiptFilter): number {
  return (filter.verifiedOnly ? 1 : 0) | (filter.withEvidenceOnly ? 2 : 0);
}

/** The versions of the regions of a subtree that have (or had) projects. */
export async function selectScopeVersions(db: Db, scopePath: string): Promise<Map<string, number>> {
  const result = await db.execute(sql`
    select v.region_code, v.version from funds_rollup_versions v join regions r on r.code = v.region_code
    where r.path like ${`${scopePath}%`}`);
  return new Map(rowsOf(result).map((r) => [String(r.region_code), Number(r.version)]));
}

/** Stored rollups of the given regions for one range and variant, with the version each was computed at. */
export async function selectRollups(db: Db, codes: readonly string[], range: RollupRange, variant: number) {
  if (codes.length === 0) return new Map<string, { version: number; figures: RollupFigures }>();
  const result = await db.execute(sql`
    select region_code, version, figures from funds_rollups
    where region_code = any(${sql.param([...codes])}::text[]) and year = ${range.year}
      and from_month = ${range.fromMonth} and to_month = ${range.toMonth} and variant = ${variant}`);
  return new Map(
    rowsOf(result).map((r) => {
      const raw = (typeof r.figures === 'string' ? JSON.parse(r.figures) : r.figures) as Record<string, { projects: number; fundsYuan: string; newProjects: number; newFundsYuan: string }>;
      const figures: RollupFigures = new Map(
        Object.entries(raw).map(([source, f]) => [source, { projects: f.projects, fundsYuan: BigInt(f.fundsYuan), newProjects: f.newProjects, newFundsYuan: BigInt(f.newFundsYuan) }]),
      );
      return [String(r.region_code), { version: Number(r.version), figures }];
    }),
  );
}

/**
 * Computes the figures of the given regions (projects held directly) from the receipts, by the
 * definitions of DESIGN.md: executing = funds > 0 in the range; new = no counted positive receipt
 * before the year. Regions without executing projects get an empty map.
 */
export async function computeRollups(db: Db, codes: readonly string[], range: RollupRange, filter: ReceiptFilter): Promise<Map<string, RollupFigures>> {
  const out = new Map<string, RollupFigures>(codes.map((c) => [c, new Map()]));
  if (codes.length === 0) return out;
  const result = await db.execute(sql`
    with per_project as (
      select p.region_code, coalesce(p.source, '') as source, f.project_id, sum(f.amount_yuan) as current
      from fund_receipts f join projects p on p.id = f.project_id
      where p.region_code = any(${sql.param([...codes])}::text[])
        and f.month between ${month(range.year, range.fromMonth)} and ${month(range.year, range.toMonth)}
        and ${countedReceipts(filter)}
      group by 1, 2, 3
      having sum(f.amount_yuan) > 0
    ),
    flagged as materialized (
      select pp.region_code, pp.source, pp.current,
        not exists (
          select 1 from fund_receipts f where f.project_id = pp.project_id
            and f.month < ${month(range.year, 1)} and f.amount_yuan > 0 and ${countedReceipts(filter)}
        ) as is_new
      from per_project pp
    )
    select region_code, source, count(*)::int as projects, sum(current)::text as funds,
      count(*) filter (where is_new)::int as new_projects, coalesce(sum(current) filter (where is_new), 0)::text as new_funds
    from flagged group by 1, 2`);
  for (const r of rowsOf(result)) {
    out.get(String(r.region_code))?.set(String(r.source), {
      projects: Number(r.projects),
      fundsYuan: BigInt(String(r.funds)),
      newProjects: Number(r.new_projects),
      newFundsYuan: BigInt(String(r.new_funds)),
    });
  }
  return out;
}

/** Stores computed rollups; a row computed at an older version never replaces a newer one. */
export async function upsertRollups(
  db: Db,
  rows: readonly { regionCode: string; range: RollupRange; variant: number; version: number; figures: RollupFigures }[],
): Promise<void> {
  if (rows.length === 0) return;
  const values = rows.map((r) => {
    const figures = Object.fromEntries(
      [...r.figures].map(([s, f]) => [s, { projects: f.projects, fundsYuan: String(f.fundsYuan), newProjects: f.newProjects, newFundsYuan: String(f.newFundsYuan) }]),
    );
    return sql`(${r.regionCode}, ${r.range.year}, ${r.range.fromMonth}, ${r.range.toMonth}, ${r.variant}, ${r.version}, ${JSON.stringify(figures)}::jsonb, now())`;
  });
  await db.execute(sql`
    insert into funds_rollups as t (region_code, year, from_month, to_month, variant, version, figures, computed_at)
    values ${sql.join(values, sql`, `)}
    on conflict (region_code, year, from_month, to_month, variant) do update
      set version = excluded.version, figures = excluded.figures, computed_at = excluded.computed_at
      where t.version < excluded.version`);
}
