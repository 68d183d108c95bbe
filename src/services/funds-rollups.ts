/**
 * The funds figures of a summary, from per-region rollups (each region's projects in 16 buckets):
 * the parts of the subtree whose stored rollup is current are read, the others are computed from the receipts (one statement for all of
 * them) and stored for the next call. Reading versions and computing happen in one REPEATABLE READ
 * snapshot, so a stored rollup always matches the version it carries; storing happens afterwards and
 * never replaces a newer one. The answer equals selectFundsBySource (the direct statement) for the
 * same data — test/statistics/funds-rollups.test.ts checks that.
 */
import { computeRollups, selectRollups, selectScopeVersions, toVariant, upsertRollups, type RollupFigures, type RollupPart, type RollupRange } from '../db/queries/statistics-rollups';
import type { ReceiptFilter } from '../db/queries/statistics';
import type { Deps } from './context';

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

interface PendingRollup {
  part: RollupPart;
  range: RollupRange;
  variant: number;
  version: number;
  figures: RollupFigures;
}

function toRange(from: string, to: string): RollupRange {
  return { year: Number(from.slice(0, 4)), fromMonth: Number(from.slice(5, 7)), toMonth: Number(to.slice(5, 7)) };
}

function addInto(total: Map<string, { projects: number; fundsYuan: bigint; newProjects: number; newFundsYuan: bigint }>, figures: RollupFigures) {
  for (const [source, f] of figures) {
    const t = total.get(source) ?? { projects: 0, fundsYuan: 0n, newProjects: 0, newFundsYuan: 0n };
    t.projects += f.projects;
    t.fundsYuan += f.fundsYuan;
    t.newProjects += f.newProjects;
    t.newFundsYuan += f.newFundsYuan;
    total.set(source, t);
  }
}

/**
 * Executing / new projects and funds by source in `from..to` (one year) for the subtree at
 * `scopePath`, and last year's executing projects and funds for `lastFrom..lastTo`.
 */
export async function loadFundsBySource(
  deps: Deps,
  scopePath: string,
  p: { from: string; to: string; lastFrom: string; lastTo: string },
  filter: ReceiptFilter,
): Promise<FundsBySourceRow[]> {
  const variant = toVariant(filter);
  const ranges = [toRange(p.from, p.to), toRange(p.lastFrom, p.lastTo)] as const;
  const { totals, pending } = await deps.db.transaction(
    async (tx) => {
      const versions = await selectScopeVersions(tx, scopePath);
      const codes = [...new Set([...versions.values()].map((v) => v.part.regionCode))];
      const pending: PendingRollup[] = [];
      const totals = ranges.map(() => new Map<string, { projects: number; fundsYuan: bigint; newProjects: number; newFundsYuan: bigint }>());
      for (const [i, range] of ranges.entries()) {
        const stored = await selectRollups(tx, codes, range, variant);
        const stale: RollupPart[] = [];
        for (const [key, v] of versions) {
          const s = stored.get(key);
          if (s && s.version === v.version) addInto(totals[i]!, s.figures);
          else stale.push(v.part);
        }
        if (stale.length === 0) continue;
        const computed = await computeRollups(tx, stale, range, filter);
        for (const [key, figures] of computed) {
          addInto(totals[i]!, figures);
          const v = versions.get(key);
          if (v) pending.push({ part: v.part, range, variant, version: v.version, figures });
        }
      }
      return { totals, pending };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
  await upsertRollups(deps.db, pending);

  const [current, last] = totals as [typeof totals[0], typeof totals[0]];
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
