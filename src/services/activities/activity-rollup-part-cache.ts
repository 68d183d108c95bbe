/**
 * Decoded rollup parts kept in the process (activity-stats-rollups.ts), per database: a part is
 * immutable at its version (every change of its activities, links or linked projects' amounts bumps
 * the version, db/queries/activities/activity-rollups.ts), so a part held here at the version the
 * database shows now is the stored part, and a summary asked for the first time reads the versions
 * and only the parts this process has not seen at those versions. Bounded by an estimate of the
 * memory held (least recently used parts go first).
 */
import type { ActivityRollupPart } from '../../domain/activities/activity-rollup-parts';
import type { RollupPartKey } from '../../db/queries/activities/activity-rollups';
import type { Deps } from '../context';

/** about 40 province-years of parts */
const BUDGET_BYTES = 256 * 1024 * 1024;

interface Entry {
  version: number;
  part: ActivityRollupPart;
  bytes: number;
}

class PartCache {
  private entries = new Map<string, Entry>();
  private bytes = 0;

  /** the part of the region-month at exactly `version`, or null */
  get(key: RollupPartKey, version: number): ActivityRollupPart | null {
    const id = `${key.regionCode}|${key.month}`;
    const entry = this.entries.get(id);
    if (!entry || entry.version !== version) return null;
    this.entries.delete(id); // most recently used last
    this.entries.set(id, entry);
    return entry.part;
  }

  put(key: RollupPartKey, version: number, part: ActivityRollupPart): void {
    const id = `${key.regionCode}|${key.month}`;
    const old = this.entries.get(id);
    if (old) {
      if (old.version > version) return;
      this.entries.delete(id);
      this.bytes -= old.bytes;
    }
    const bytes = estimateBytes(part);
    this.entries.set(id, { version, part, bytes });
    this.bytes += bytes;
    for (const [oldest, entry] of this.entries) {
      if (this.bytes <= BUDGET_BYTES) break;
      this.entries.delete(oldest);
      this.bytes -= entry.bytes;
    }
  }
}

/** ids as stored, plus an allowance for each decoded combo and amount */
function estimateBytes(part: ActivityRollupPart): number {
  return 200 + part.ids.byteLength + part.combos.length * 240 + part.amounts.size * 120;
}

const caches = new WeakMap<object, PartCache>();

/** The process's part cache for the database of `deps`. */
export function partCacheOf(deps: Deps): PartCache {
  let cache = caches.get(deps.db);
  if (!cache) {
    cache = new PartCache();
    caches.set(deps.db, cache);
  }
  return cache;
}
