/**
 * Activity figures from the rollup parts (db/queries/activities/activity-rollups.ts): the parts of
 * the subtree and period whose stored part is current are read, the stale ones are computed from
 * the activities and stored for the next call. Versions, stored parts, the computation and the
 * signed projects' amounts are read in one REPEATABLE READ snapshot, so the figures are those of
 * one moment and a stored part always matches the version it carries; storing happens afterwards
 * and never replaces a newer part. The organisations and projects of stale parts get their dense
 * ids first, in a transaction of their own; a link added between that and the snapshot has none
 * yet, and the whole computation is repeated. test/activities/activity-rollups.test.ts checks that
 * the figures equal the direct statement's after every kind of change.
 */
import {
  computeRollupGroups,
  insertRollupKeys,
  selectProjectAmounts,
  selectRollupFingerprint,
  selectRollupPartVersions,
  selectStaleRollupParts,
  selectStoredRollupParts,
  upsertRollupParts,
  type ComputedGroup,
  type RollupPartKey,
  type RollupPartRow,
} from '../../db/queries/activities/activity-rollups';
import type { Db } from '../../db/client';
import {
  combineRollupParts,
  packRollupPart,
  type ActivityRollupFigures,
  type ActivityRollupFilter,
  type ActivityRollupPart,
} from '../../domain/activities/activity-rollup-parts';
import type { Deps } from '../context';
import { partCacheOf } from './activity-rollup-part-cache';

const ATTEMPTS = 4;
/**
 * Stale parts computed per statement: a province's year with nothing stored (1,464 region-months)
 * takes several statements, each well inside a request's statement timeout, in one snapshot.
 */
const PARTS_PER_STATEMENT = 200;

/**
 * Figures of recent summaries, per database, each with the fingerprint of the versions it was
 * computed at (selectRollupFingerprint): a summary whose versions are unchanged is answered from
 * here after reading the versions alone. Every process keeps its own; the fingerprint is always
 * read from the database, so a change made through any process is seen.
 */
const CACHE_ENTRIES = 256;
const caches = new WeakMap<object, Map<string, { fingerprint: string; figures: ActivityRollupFigures }>>();

function cacheOf(deps: Deps): Map<string, { fingerprint: string; figures: ActivityRollupFigures }> {
  let cache = caches.get(deps.db);
  if (!cache) {
    cache = new Map();
    caches.set(deps.db, cache);
  }
  return cache;
}

/**
 * The activity figures of the subtree's regions for the months fromMonth..toMonth (YYYY-MM),
 * narrowed by the filter; `cacheKey` names the summary (region, period, filter) for the cache.
 */
export async function computeActivityFiguresFromRollups(
  deps: Deps,
  regionCodes: readonly string[],
  fromMonth: string,
  toMonth: string,
  filter: ActivityRollupFilter,
  cacheKey: string,
): Promise<ActivityRollupFigures> {
  const cache = cacheOf(deps);
  const cached = cache.get(cacheKey);
  if (cached && cached.fingerprint === (await selectRollupFingerprint(deps.db, regionCodes, fromMonth, toMonth))) {
    cache.delete(cacheKey); // most recently used last
    cache.set(cacheKey, cached);
    return cached.figures;
  }
  for (let attempt = 1; attempt <= ATTEMPTS; attempt += 1) {
    const stale = await selectStaleRollupParts(deps.db, regionCodes, fromMonth, toMonth);
    for (let i = 0; i < stale.length; i += PARTS_PER_STATEMENT) await insertRollupKeys(deps.db, stale.slice(i, i + PARTS_PER_STATEMENT));
    const parts = partCacheOf(deps);
    const result = await deps.db.transaction(
      async (tx) => {
        const fingerprint = await selectRollupFingerprint(tx, regionCodes, fromMonth, toMonth);
        const versions = await selectRollupPartVersions(tx, regionCodes, fromMonth, toMonth);
        // parts this process holds at the current version are not read again (activity-rollup-part-cache.ts)
        const current: ActivityRollupPart[] = [];
        const unread: typeof versions = [];
        for (const v of versions) {
          const held = parts.get(v, v.version);
          if (held) current.push(held);
          else unread.push(v);
        }
        const read = await selectStoredRollupParts(tx, unread.filter((v) => v.stored));
        const stale = unread.filter((v) => !v.stored);
        const pending: RollupPartRow[] = [];
        for (let i = 0; i < stale.length; i += PARTS_PER_STATEMENT) {
          const computed = await computeStaleParts(tx, stale.slice(i, i + PARTS_PER_STATEMENT));
          if (!computed) return null;
          pending.push(...computed);
        }
        const figures = combineRollupParts([...current, ...read.map((p) => p.part), ...pending.map((p) => p.part)], filter);
        return { figures, read, pending, fingerprint };
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
    if (result) {
      await upsertRollupParts(deps.db, result.pending);
      for (const p of [...result.read, ...result.pending]) parts.put(p, p.version, p.part);
      cache.delete(cacheKey);
      cache.set(cacheKey, { fingerprint: result.fingerprint, figures: result.figures });
      while (cache.size > CACHE_ENTRIES) cache.delete(cache.keys().next().value ?? '');
      return result.figures;
    }
  }
  throw new Error(`activity rollups: links kept arriving without dense ids after ${ATTEMPTS} attempts`);
}

/**
 * The packed parts of `stale` (region-months with their version, read in the caller's snapshot),
 * computed from the activities in that snapshot; null when a link has no dense id yet.
 */
export async function computeStaleParts(tx: Db, stale: readonly (RollupPartKey & { version: number })[]): Promise<RollupPartRow[] | null> {
  const groups = await computeRollupGroups(tx, stale);
  if (groups.some((g) => g.missingKeys > 0)) return null;
  // the signed projects' amounts as of this snapshot (a change of them bumps the parts naming them)
  const amounts = await selectProjectAmounts(tx, [...new Set(groups.flatMap((g) => g.signedProjectIds))]);
  const byPart = new Map<string, ComputedGroup[]>();
  for (const g of groups) {
    const key = `${g.regionCode}|${g.month}`;
    const list = byPart.get(key) ?? [];
    list.push(g);
    byPart.set(key, list);
  }
  // a region-month whose activities are all gone gets an empty part
  return stale.map((s) => ({ regionCode: s.regionCode, month: s.month, version: s.version, part: packRollupPart(byPart.get(`${s.regionCode}|${s.month}`) ?? [], amounts) }));
}
