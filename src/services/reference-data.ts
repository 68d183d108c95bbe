/**
 * Loads reference data into the database: the GB/T 2260 division tree and GB/T 4754-2017. Runs on
 * every start; does nothing when the stored dataset versions are current. A newer dataset updates
 * names and paths and deactivates divisions that disappeared (accounts may still point at them).
 */
import { isDeepStrictEqual } from 'node:util';
import { sql } from 'drizzle-orm';
import { upsertDivisions, upsertIndustries, type RegionInsert } from '../db/queries/regions';
import { selectSetting, upsertSetting } from '../db/queries/settings';
import { regions } from '../db/schema/index';
import { buildRegionPath } from '../domain/region-scope';
import { INDUSTRIES, INDUSTRY_STANDARD } from '../reference/industry-classification';
import { loadRegionDivisions, REGION_DATASET_VERSION, validateRegionTree, type RegionDivision } from '../reference/region-divisions';
import { recordAudit } from './audit/audit';
import { createSystemCaller, type Deps } from './context';

const KEY = 'reference_versions';
/** bump when the way rows are derived changes, so installations reload */
const LOADER_REVISION = 2; // 2: 中类 and 小类 added

export function computeRegionRows(list: readonly RegionDivision[], source: string): RegionInsert[] {
  const byCode = new Map(list.map((d) => [d.code, d]));
  const paths = new Map<string, string>();
  const pathOf = (d: RegionDivision): string => {
    const known = paths.get(d.code);
    if (known) return known;
    const parent = d.parentCode ? byCode.get(d.parentCode) : undefined;
    const p = buildRegionPath(parent ? pathOf(parent) : null, d.code);
    paths.set(d.code, p);
    return p;
  };
  const rows = list.map((d) => ({ code: d.code, name: d.name, level: d.level, parentCode: d.parentCode, path: pathOf(d), source }));
  // parents first, so the self-referencing foreign key holds within each batch
  return rows.sort((a, b) => a.path.split('/').length - b.path.split('/').length || a.code.localeCompare(b.code));
}

export interface ReferenceLoadResult {
  changed: boolean;
  regions: number;
  industries: number;
}

export async function loadReferenceData(deps: Deps): Promise<ReferenceLoadResult> {
  const wanted = { regions: REGION_DATASET_VERSION, industries: INDUSTRY_STANDARD, revision: LOADER_REVISION };
  const stored = await selectSetting(deps.db, KEY);
  // jsonb does not keep key order: compare structurally
  if (isDeepStrictEqual(stored?.value, wanted)) {
    return { changed: false, regions: 0, industries: 0 };
  }
  const divisions = loadRegionDivisions();
  const problems = validateRegionTree(divisions);
  if (problems.length > 0) throw new Error(`行政区划数据有误：${problems.slice(0, 5).join('；')}`);
  const source = `gbt2260@${REGION_DATASET_VERSION}`;
  const rows = computeRegionRows(divisions, source);
  await deps.db.transaction(async (tx) => {
    await upsertDivisions(tx, rows);
    await tx
      .update(regions)
      .set({ active: false, updatedAt: new Date() })
      .where(sql`${regions.level} <> 'park' and ${regions.source} <> ${source} and ${regions.active}`);
    // parks follow their parent when a newer dataset moves it in the tree
    await tx.execute(sql`update regions p set path = parent.path || p.code || '/', updated_at = now()
      from regions parent
      where p.parent_code = parent.code and p.level = 'park' and p.path <> parent.path || p.code || '/'`);
    await upsertIndustries(
      tx,
      INDUSTRIES.map((i) => ({ code: i.code, name: i.name, level: i.level, parentCode: i.parentCode, sector: i.sector, standard: INDUSTRY_STANDARD })),
    );
    await upsertSetting(tx, KEY, wanted);
    await recordAudit(tx, createSystemCaller('system'), {
      action: 'reference.load',
      objectType: 'referenceData',
      objectId: KEY,
      before: stored?.value ?? null,
      after: { ...wanted, regionRows: rows.length, industryRows: INDUSTRIES.length },
    });
  });
  return { changed: true, regions: rows.length, industries: INDUSTRIES.length };
}
