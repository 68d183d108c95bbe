/**
 * Funds figures from per-part rollups (a part = the projects a region holds directly, in one of 16
 * buckets): the parts of the subtree whose stored rollup is current are read, the others are
 * computed from the receipts (one pass for all of them) and stored for the next call. Versions are
 * read and stale parts computed in one REPEATABLE READ snapshot, so a stored rollup always matches
 * the version it carries; storing happens afterwards and never replaces a newer one. The answers
 * equal the direct statements (selectFundsBySource, selectFundsBreakdown, selectMonthlyFunds) for
 * the same data — test/statistics/funds-rollups.test.ts checks that after every kind of change.
 *
 * excludeTags: rollups hold every project, so the projects carrying an excluded tag (few: one
 * industry's or one campaign's) are computed from the receipts in the same snapshot, by the same
 * arithmetic, and subtracted. Every figure is a sum over projects and each project falls in exactly
 * one source, group and part, so the difference is exactly the figure without them
 * (test/statistics/signed-structure.test.ts compares it with the direct statements).
 */
import type { ReceiptFilter } from '../../db/queries/statistics/statistics';
import {
  computeRollups,
  computeTaggedFigures,
  emptyPartFigures,
  monthsLength,
  partKey,
  selectCurrentRollupGroups,
  selectRollupTotalsAndStaleParts,
  selectStaleParts,
  toVariant,
  upsertRollups,
  type PartFigures,
  type RollupRange,
  type RollupRow,
} from '../../db/queries/statistics/statistics-rollups';
import type { Deps } from '../context';

export type FundSourceKey = 'local' | 'outOfRegion' | 'foreign' | null;

export interface FundsBySourceRow {
  source: FundSourceKey;
  projects: number;
  fundsYuan: bigint;
  newProjects: number;
  newFundsYuan: bigint;
  lastYearProjects: number;
  lastYearFundsYuan: bigint;
}

/** A period ("YYYY-MM".."YYYY-MM", possibly spanning years) as a rollup range: months counted from January of `from`'s year. */
export function toRange(from: string, to: string): RollupRange {
  const year = Number(from.slice(0, 4));
  return { year, fromMonth: Number(from.slice(5, 7)), toMonth: (Number(to.slice(0, 4)) - year) * 12 + Number(to.slice(5, 7)) };
}

/** A breakdown row from rollups: the direct sub-region's code ('' = the region itself) and "industry|investorType". */
export interface RollupGroupRow {
  child: string;
  group: string;
  projects: number;
  fundsYuan: bigint;
}

/**
 * For the breakdowns, per range: groups by direct sub-region and "industry|investorType", and the
 * funds per month — current parts added up in the database, stale parts computed and stored.
 */
export async function loadRollupGroups(
  deps: Deps,
  scopePath: string,
  requested: readonly RollupRange[],
  filter: ReceiptFilter,
  excludeTags: readonly string[] = [],
): Promise<{ groups: RollupGroupRow[]; months: bigint[] }[]> {
  const variant = toVariant(filter);
  // the same range asked twice (a full-year period and the full-year series) is read once
  const rangeKey = (r: RollupRange) => `${r.year}-${r.fromMonth}-${r.toMonth}`;
  const ranges = [...new Map(requested.map((r) => [rangeKey(r), r])).values()];
  // '/650000/650100/' has depth 2; the direct sub-region is the third code: split_part(path, '/', 4)
  const depth = scopePath.split('/').filter(Boolean).length;
  const { results, pending } = await deps.db.transaction(
    async (tx) => {
      const pending: RollupRow[] = [];
      const results: { groups: RollupGroupRow[]; months: bigint[] }[] = [];
      for (const range of ranges) {
        const stale = await selectStaleParts(tx, scopePath, range, variant);
        const current = await selectCurrentRollupGroups(tx, scopePath, depth + 1, range, variant);
        if (stale.length > 0) {
          const computed = await computeRollups(tx, stale.map((s) => s.part), range, filter);
          for (const s of stale) {
            const figures = computed.get(partKey(s.part)) ?? emptyPartFigures(range);
            const child = s.path.split('/')[depth + 1] ?? '';
            for (const [group, g] of figures.groups) current.groups.push({ child, group, projects: g.projects, fundsYuan: g.fundsYuan });
            figures.months.forEach((m, i) => (current.months[i] = (current.months[i] ?? 0n) + m));
            pending.push({ part: s.part, range, variant, version: s.version, figures });
          }
        }
        const excluded = await computeTaggedFigures(tx, scopePath, excludeTags, range, filter);
        results.push(excluded.size === 0 ? current : subtractGroups(current, excluded, depth));
      }
      return { results, pending };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
  await upsertRollups(deps.db, pending);
  const index = new Map(ranges.map((r, i) => [rangeKey(r), i]));
  return requested.map((r) => results[index.get(rangeKey(r)) ?? -1] ?? { groups: [], months: Array.from({ length: monthsLength(r) }, () => 0n) });
}

/**
 * The rollup groups less the excluded projects' figures (keyed by region path): rows of the same
 * direct sub-region and group are netted, and a row left with no projects is dropped (every row
 * stems from executing projects, so the direct statement would have no such row either).
 */
function subtractGroups(current: { groups: RollupGroupRow[]; months: bigint[] }, excluded: Map<string, PartFigures>, depth: number) {
  const net = new Map<string, RollupGroupRow>();
  const add = (child: string, group: string, projects: number, fundsYuan: bigint) => {
    const key = `${child}\u0000${group}`;
    const row = net.get(key) ?? { child, group, projects: 0, fundsYuan: 0n };
    row.projects += projects;
    row.fundsYuan += fundsYuan;
    net.set(key, row);
  };
  for (const g of current.groups) add(g.child, g.group, g.projects, g.fundsYuan);
  const months = [...current.months];
  for (const [path, figures] of excluded) {
    const child = path.split('/')[depth + 1] ?? '';
    for (const [group, g] of figures.groups) add(child, group, -g.projects, -g.fundsYuan);
    figures.months.forEach((m, i) => (months[i] = (months[i] ?? 0n) - m));
  }
  return { groups: [...net.values()].filter((r) => r.projects !== 0), months };
}

type Totals = Map<string, { projects: number; fundsYuan: bigint; newProjects: number; newFundsYuan: bigint }>;

/** Adds (sign 1) or subtracts (sign −1) a part's figures by source. */
function addBySource(total: Totals, bySource: PartFigures['bySource'], sign: 1 | -1 = 1): void {
  for (const [source, f] of bySource) {
    const t = total.get(source) ?? { projects: 0, fundsYuan: 0n, newProjects: 0, newFundsYuan: 0n };
    t.projects += sign * f.projects;
    t.fundsYuan += BigInt(sign) * f.fundsYuan;
    t.newProjects += sign * f.newProjects;
    t.newFundsYuan += BigInt(sign) * f.newFundsYuan;
    total.set(source, t);
  }
}

/**
 * By source, the subtree's figures for each range: the current stored rollups are added up in the
 * database (a province has thousands of parts), the stale parts computed and stored.
 */
async function loadSourceTotals(deps: Deps, scopePath: string, ranges: readonly RollupRange[], filter: ReceiptFilter, excludeTags: readonly string[]): Promise<Totals[]> {
  const variant = toVariant(filter);
  const { totals, pending } = await deps.db.transaction(
    async (tx) => {
      const pending: RollupRow[] = [];
      const totals: Totals[] = [];
      const read = await selectRollupTotalsAndStaleParts(tx, scopePath, ranges, variant);
      for (const [i, range] of ranges.entries()) {
        const { stale, totals: total } = read[i] as (typeof read)[number];
        if (stale.length > 0) {
          const computed = await computeRollups(tx, stale.map((s) => s.part), range, filter);
          for (const s of stale) {
            const figures = computed.get(partKey(s.part)) ?? emptyPartFigures(range);
            addBySource(total, figures.bySource);
            pending.push({ part: s.part, range, variant, version: s.version, figures });
          }
        }
        for (const figures of (await computeTaggedFigures(tx, scopePath, excludeTags, range, filter)).values()) addBySource(total, figures.bySource, -1);
        // a source left with no executing project is no source at all (as in the direct statement)
        for (const [source, t] of total) if (t.projects === 0) total.delete(source);
        totals.push(total);
      }
      return { totals, pending };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
  await upsertRollups(deps.db, pending);
  return totals;
}

/**
 * Executing / new projects and funds by source in `from..to` (new: since January of `from`'s year)
 * for the subtree at `scopePath`, and last year's executing projects and funds for
 * `lastFrom..lastTo`; projects carrying one of `excludeTags` left out.
 */
export async function loadFundsBySource(
  deps: Deps,
  scopePath: string,
  p: { from: string; to: string; lastFrom: string; lastTo: string },
  filter: ReceiptFilter,
  excludeTags: readonly string[] = [],
): Promise<FundsBySourceRow[]> {
  const [current, last] = (await loadSourceTotals(deps, scopePath, [toRange(p.from, p.to), toRange(p.lastFrom, p.lastTo)], filter, excludeTags)) as [Totals, Totals];
  const sources = new Set([...current.keys(), ...last.keys()]);
  return [...sources].map((s) => {
    const c = current.get(s);
    const l = last.get(s);
    return {
      source: (s === '' ? null : s) as FundSourceKey,
      projects: c?.projects ?? 0,
      fundsYuan: c?.fundsYuan ?? 0n,
      newProjects: c?.newProjects ?? 0,
      newFundsYuan: c?.newFundsYuan ?? 0n,
      lastYearProjects: l?.projects ?? 0,
      lastYearFundsYuan: l?.fundsYuan ?? 0n,
    };
  });
}
