/**
 * Funds rollups (schema/statistics.ts): per region (projects held directly) and bucket, year, month range and
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

/** A region's bucket of projects (funds_rollup_bucket in SQL: the last byte of the id, 0–15). */
export interface RollupPart {
  regionCode: string;
  bucket: number;
}
export const partKey = (p: RollupPart) => `${p.regionCode}:${p.bucket}`;

/** The versions of the parts (region, bucket) of a subtree that have (or had) projects, by partKey. */
export async function selectScopeVersions(db: Db, scopePath: string): Promise<Map<string, { part: RollupPart; version: number }>> {
  const result = await db.execute(sql`
    select v.region_code, v.bucket, v.version from funds_rollup_versions v join regions r on r.code = v.region_code
    where r.path like ${`${scopePath}%`}`);
  return new Map(
    rowsOf(result).map((r) => {
      const part = { regionCode: String(r.region_code), bucket: Number(r.bucket) };
      return [partKey(part), { part, version: Number(r.version) }];
    }),
  );
}

/** Stored rollups of the given regions (all their buckets) for one range and variant, by partKey, with the version each was computed at. */
export async function selectRollups(db: Db, codes: readonly string[], range: RollupRange, variant: number) {
  if (codes.length === 0) return new Map<string, { version: number; figures: RollupFigures }>();
  const result = await db.execute(sql`
    select region_code, bucket, version, figures from funds_rollups
    where region_code = any(${sql.param([...codes])}::text[]) and year = ${range.year}
      and from_month = ${range.fromMonth} and to_month = ${range.toMonth} and variant = ${variant}`);
  return new Map(
    rowsOf(result).map((r) => {
      const raw = (typeof r.figures === 'string' ? JSON.parse(r.figures) : r.figures) as Record<string, { projects: number; fundsYuan: string; newProjects: number; newFundsYuan: string }>;
      const figures: RollupFigures = new Map(
        Object.entries(raw).map(([source, f]) => [source, { projects: f.projects, fundsYuan: BigInt(f.fundsYuan), newProjects: f.newProjects, newFundsYuan: BigInt(f.newFundsYuan) }]),
      );
      return [partKey({ regionCode: String(r.region_code), bucket: Number(r.bucket) }), { version: Number(r.version), figures }];
    }),
  );
}

/**
 * Computes the figures of the given parts (projects of a region's bucket) from the receipts, by the
 * definitions of DESIGN.md: executing = funds > 0 in the range; new = no counted positive receipt
 * before the year. Driven by projects (two index probes each on fund_receipts (project_id, month)),
 * which is fast for the few parts a change makes stale. Parts without executing projects get an
 * empty map. Keyed by partKey.
 */
export async function computeRollups(db: Db, parts: readonly RollupPart[], range: RollupRange, filter: ReceiptFilter): Promise<Map<string, RollupFigures>> {
  const out = new Map<string, RollupFigures>(parts.map((p) => [partKey(p), new Map()]));
  if (parts.length === 0) return out;
  const result = await db.execute(sql`
    with wanted as (
      select * from unnest(${sql.param(parts.map((p) => p.regionCode))}::text[], ${sql.param(parts.map((p) => p.bucket))}::int[]) as w(region_code, bucket)
    )
    select p.region_code, funds_rollup_bucket(p.id) as bucket, coalesce(p.source, '') as source,
      count(*)::int as projects, sum(x.current)::text as funds,
      count(*) filter (where x.is_new)::int as new_projects, coalesce(sum(x.current) filter (where x.is_new), 0)::text as new_funds
    from projects p
    join wanted w on w.region_code = p.region_code and w.bucket = funds_rollup_bucket(p.id)
    cross join lateral (
      select sum(f.amount_yuan) as current,
        not exists (
          select 1 from fund_receipts b where b.project_id = p.id
            and b.month < ${month(range.year, 1)} and b.amount_yuan > 0 and ${countedReceipts(filter, 'b')}
        ) as is_new
      from fund_receipts f
      where f.project_id = p.id and f.month between ${month(range.year, range.fromMonth)} and ${month(range.year, range.toMonth)}
        and ${countedReceipts(filter)}
    ) x
    where x.current > 0
    group by 1, 2, 3`);
  for (const r of rowsOf(result)) {
    out.get(partKey({ regionCode: String(r.region_code), bucket: Number(r.bucket) }))?.set(String(r.source), {
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
  rows: readonly { part: RollupPart; range: RollupRange; variant: number; version: number; figures: RollupFigures }[],
): Promise<void> {
  if (rows.length === 0) return;
  const values = rows.map((r) => {
    const figures = Object.fromEntries(
      [...r.figures].map(([s, f]) => [s, { projects: f.projects, fundsYuan: String(f.fundsYuan), newProjects: f.newProjects, newFundsYuan: String(f.newFundsYuan) }]),
    );
    return sql`(${r.part.regionCode}, ${r.part.bucket}, ${r.range.year}, ${r.range.fromMonth}, ${r.range.toMonth}, ${r.variant}, ${r.version}, ${JSON.stringify(figures)}::jsonb, now())`;
  });
  await db.execute(sql`
    insert into funds_rollups as t (region_code, bucket, year, from_month, to_month, variant, version, figures, computed_at)
    values ${sql.join(values, sql`, `)}
    on conflict (region_code, bucket, year, from_month, to_month, variant) do update
      set version = excluded.version, figures = excluded.figures, computed_at = excluded.computed_at
      where t.version < excluded.version`);
}
