/**
 * The aftercare list (/aftercare): operating projects in the caller's scope with their next visit,
 * overdue visits, last visit and investor signals; filters by region, text, clock (overdue, due soon),
 * risk and expansion. Risk and expansion are computed, so with those filters the page is cut after
 * computing (at most MAX_SIGNAL_ROWS projects are examined).
 */
import { selectAftercarePage } from '../../db/queries/aftercare/follow-ups';
import type { AftercareQuery } from '../../contracts/aftercare';
import { todayInShanghai } from '../../domain/dates';
import { addWorkingDays } from '../../domain/working-days';
import { loadWorkingCalendar } from '../calendar';
import type { Caller, Deps } from '../context';
import { requireRegionInScope } from '../regions';
import { getAftercareSettings } from './aftercare-settings';
import { computeSignalsFor } from './signals';

const MAX_SIGNAL_ROWS = 5000;

export async function listAftercare(deps: Deps, caller: Caller, q: AftercareQuery) {
  if (q.regionCode) await requireRegionInScope(deps, caller, q.regionCode);
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  const today = todayInShanghai();
  const [calendar, settings] = await Promise.all([loadWorkingCalendar(deps), getAftercareSettings(deps)]);
  const bySignal = Boolean(q.risk || q.expansion);
  const { rows, total } = await selectAftercarePage(deps.db, {
    scopePath: caller.actor.regionPath,
    regionCode: q.regionCode,
    q: q.q || undefined,
    clock: q.clock,
    today,
    dueSoonBy: addWorkingDays(calendar, today, settings.dueSoonWorkingDays),
    offset: bySignal ? 0 : (page - 1) * pageSize,
    limit: bySignal ? MAX_SIGNAL_ROWS : pageSize,
  });
  const signals = await computeSignalsFor(deps, rows.map((r) => ({ projectId: r.id, investorId: r.investor_id, regionPath: r.region_path })), today, caller.lang ?? 'zh');
  let items = rows.map((r) => ({
    projectId: r.id,
    code: r.code,
    name: r.name,
    regionCode: r.region_code,
    regionName: r.region_name,
    investorName: r.investor_name,
    leaderName: r.leader_name,
    operatingDate: r.operating_date,
    nextDue: r.next_due,
    overdue: r.overdue,
    lastDone: r.last_done,
    done: r.done,
    signals: signals.get(r.id) ?? { risk: 'none' as const, riskReasons: [], expansion: false, expansionReasons: [] },
  }));
  if (!bySignal) return { items, total, page, pageSize, today };
  const riskOk = (risk: 'high' | 'watch' | 'none') => (q.risk === 'any' ? risk !== 'none' : q.risk ? risk === q.risk : true);
  items = items.filter((i) => riskOk(i.signals.risk) && (q.expansion ? i.signals.expansion : true));
  return { items: items.slice((page - 1) * pageSize, page * pageSize), total: items.length, page, pageSize, today };
}
