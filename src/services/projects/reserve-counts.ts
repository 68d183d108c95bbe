/**
 * 储备项目 at the end of a period for a subtree (activity statistics' `reserve.projects`, and of them
 * `reserve.published`: those published on the portal at that moment): the
 * regions' counts stored at their current version are added, the stale ones computed from the stage
 * history in the same REPEATABLE READ snapshot and stored afterwards. After a change in one county
 * only that county is counted again.
 */
import { computeReserveCounts, selectReserveCounts, upsertReserveCounts, type ReserveCount } from '../../db/queries/projects/reserve-counts';
import type { Deps } from '../context';

/**
 * Projects of the regions whose stage at 00:00 of `day` (the day after the period) was 线索/储备, and of
 * them those published on the portal at that moment.
 */
export async function countReserveProjects(deps: Deps, regionCodes: readonly string[], day: string): Promise<ReserveCount> {
  const { total, pending } = await deps.db.transaction(
    async (tx) => {
      const stored = await selectReserveCounts(tx, regionCodes, day);
      const stale = stored.filter((s) => s.counts === null);
      const computed = await computeReserveCounts(tx, stale.map((s) => s.regionCode), day);
      const pending = stale.map((s) => ({ regionCode: s.regionCode, version: s.version, ...(computed.get(s.regionCode) ?? { projects: 0, published: 0 }) }));
      const total: ReserveCount = { projects: 0, published: 0 };
      for (const c of [...stored.map((s) => s.counts ?? { projects: 0, published: 0 }), ...pending]) {
        total.projects += c.projects;
        total.published += c.published;
      }
      return { total, pending };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
  await upsertReserveCounts(deps.db, day, pending);
  return total;
}
