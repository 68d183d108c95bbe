/**
 * 储备项目 at the end of a period for a subtree (activity statistics' `reserve.projects`): the
 * regions' counts stored at their current version are added, the stale ones computed from the stage
 * history in the same REPEATABLE READ snapshot and stored afterwards. After a change in one county
 * only that county is counted again.
 */
import { computeReserveCounts, selectReserveCounts, upsertReserveCounts } from '../../db/queries/projects/reserve-counts';
import type { Deps } from '../context';

/** Projects of the regions whose stage at 00:00 of `day` (the day after the period) was 线索/储备. */
export async function countReserveProjects(deps: Deps, regionCodes: readonly string[], day: string): Promise<number> {
  const { total, pending } = await deps.db.transaction(
    async (tx) => {
      const stored = await selectReserveCounts(tx, regionCodes, day);
      const stale = stored.filter((s) => s.projects === null);
      const computed = await computeReserveCounts(tx, stale.map((s) => s.regionCode), day);
      const pending = stale.map((s) => ({ regionCode: s.regionCode, version: s.version, projects: computed.get(s.regionCode) ?? 0 }));
      const total = stored.reduce((n, s) => n + (s.projects ?? 0), 0) + pending.reduce((n, s) => n + s.projects, 0);
      return { total, pending };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
  await upsertReserveCounts(deps.db, day, pending);
  return total;
}
