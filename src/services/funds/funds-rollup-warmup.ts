/**
 * Warm-up of the funds rollups (funds-rollups.ts): computes and stores, ahead of the first query,
 * every stale part of the whole installation for the ranges the default statistics read — so the
 * first summary or monthly notice of a new month, or after a bulk import that touched many
 * regions, reads stored rollups instead of computing thousands of parts from the receipts.
 *
 * Same computation and the same guarantees as a query: a part's version is read and its figures
 * computed in one REPEATABLE READ snapshot, and storing never replaces a newer rollup. Parts are
 * computed in batches, each in its own short transaction, so requests keep being answered in between
 * (embedded PGlite has one connection).
 */
import type { ReceiptFilter } from '../../db/queries/statistics/statistics';
import {
  computeRollups,
  emptyPartFigures,
  partKey,
  selectStaleParts,
  toVariant,
  upsertRollups,
  type RollupPart,
  type RollupRange,
  type RollupRow,
} from '../../db/queries/statistics/statistics-rollups';
import { todayInShanghai } from '../../domain/dates';
import { resolveRankingPeriods, shiftPeriodYear, type Period } from '../../domain/indicators';
import type { Deps } from '../context';
import { getEvidencePolicy, receiptFilterOf } from './evidence-policy';
import { toRange } from './funds-rollups';
import { liftStatementTimeoutInTransaction } from '../../db/pool-settings';

/**
 * Parts computed per transaction: the first batch, then sized so that a batch takes about
 * BATCH_TARGET_MS — short enough for requests to get their turn (embedded PGlite has one
 * connection), long enough that the scan of the projects each batch needs stays a small part.
 */
const FIRST_BATCH_PARTS = 200;
const BATCH_TARGET_MS = 300;
const BATCH_PARTS_MIN = 50;
const BATCH_PARTS_MAX = 4_000;

const rangeKey = (r: RollupRange) => `${r.year}-${r.fromMonth}-${r.toMonth}`;

/** The month before `month` (YYYY-MM): the previous period of a monthly ranking. */
export function previousMonth(month: string): string {
  return resolveRankingPeriods('month', month).previous.to;
}

const yearToDate = (month: string): Period => ({ from: `${month.slice(0, 4)}-01`, to: month });

/**
 * The ranges the default statistics read around `month` (the current month, YYYY-MM), most used
 * first: for the current month (the dashboard's year to date) and the previous one (the default of
 * the statistics page, the rankings, the documents and the monthly return; in January it is last
 * year's December):
 * - summaries: year to date and the month alone, each with last year's same period (同比);
 * - the breakdowns' monthly series: this year's and last year's full year;
 * - the rankings and documents (month, quarter, year): the current and the previous period, each
 *   with last year's, and the year to date at each period's end (target completion).
 */
export function listHotRollupRanges(month: string): RollupRange[] {
  const months = [month, previousMonth(month)];
  const out = new Map<string, RollupRange>();
  const add = (p: Period) => {
    for (const q of [p, shiftPeriodYear(p)]) {
      const r = toRange(q.from, q.to);
      if (!out.has(rangeKey(r))) out.set(rangeKey(r), r);
    }
  };
  for (const m of months) add(yearToDate(m));
  for (const m of months) add({ from: m, to: m });
  for (const m of months) add({ from: `${m.slice(0, 4)}-01`, to: `${m.slice(0, 4)}-12` });
  for (const m of months) {
    for (const kind of ['month', 'quarter', 'year'] as const) {
      const { current, previous } = resolveRankingPeriods(kind, m);
      for (const p of [current, previous]) {
        add(p);
        add(yearToDate(p.to));
      }
    }
  }
  return [...out.values()];
}

export interface WarmupResult {
  /** the current month the ranges were chosen for */
  month: string;
  ranges: number;
  /** parts computed and stored (0 when everything was current) */
  partsComputed: number;
  /** activity rollup parts computed after the funds (the warm-up job runs both) */
  activityPartsComputed?: number;
  /** stopped early because the process is stopping */
  stopped: boolean;
}

export interface WarmupOptions {
  /** checked between batches: true stops the warm-up (what is stored stays) */
  shouldStop?: () => boolean;
  /** a fixed batch size instead of one adapted to the time a batch takes (tests) */
  partsPerBatch?: number;
}

/**
 * Computes and stores every stale part (all regions) for the hot ranges of the month of `now`
 * (Asia/Shanghai), with the receipt filter of the installation's evidence policy — the one the
 * statistics and documents use. Cheap when nothing is stale: one version comparison per range.
 */
export async function warmFundsRollups(deps: Deps, now: Date = new Date(), opts: WarmupOptions = {}): Promise<WarmupResult> {
  const month = todayInShanghai(now).slice(0, 7);
  const policy = await getEvidencePolicy(deps);
  // the same filter as getSummary and getBreakdowns
  const filter: ReceiptFilter = receiptFilterOf(policy);
  const variant = toVariant(filter);
  const ranges = listHotRollupRanges(month);
  let batchSize = opts.partsPerBatch ?? FIRST_BATCH_PARTS;
  let partsComputed = 0;
  for (const range of ranges) {
    if (opts.shouldStop?.()) return { month, ranges: ranges.length, partsComputed, stopped: true };
    const stale = await selectStaleParts(deps.db, '/', range, variant);
    for (let i = 0; i < stale.length; ) {
      if (opts.shouldStop?.()) return { month, ranges: ranges.length, partsComputed, stopped: true };
      const batch = stale.slice(i, i + batchSize).map((s) => s.part);
      const t0 = performance.now();
      partsComputed += await computeBatch(deps, range, filter, batch);
      i += batch.length;
      if (opts.partsPerBatch === undefined) {
        const ms = Math.max(1, performance.now() - t0);
        batchSize = Math.round(Math.min(BATCH_PARTS_MAX, Math.max(BATCH_PARTS_MIN, (batch.length * BATCH_TARGET_MS) / ms)));
      }
    }
  }
  return { month, ranges: ranges.length, partsComputed, stopped: false };
}

/** The parts of `batch` still stale, read and computed in one snapshot, then stored; how many were stored. */
async function computeBatch(deps: Deps, range: RollupRange, filter: ReceiptFilter, batch: readonly RollupPart[]): Promise<number> {
  const variant = toVariant(filter);
  const rows = await deps.db.transaction(
    async (tx): Promise<RollupRow[]> => {
      await liftStatementTimeoutInTransaction(tx, deps.config.capacity.jobStatementTimeoutMs); // background work, not a request
      // versions as of this snapshot; a part a request computed meanwhile is no longer stale
      const stale = await selectStaleParts(tx, '/', range, variant, batch);
      const computed = await computeRollups(tx, stale.map((s) => s.part), range, filter);
      return stale.map((s) => ({ part: s.part, range, variant, version: s.version, figures: computed.get(partKey(s.part)) ?? emptyPartFigures(range) }));
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
  await upsertRollups(deps.db, rows);
  return rows.length;
}
