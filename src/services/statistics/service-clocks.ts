/**
 * 服务时钟 (issue 13 item 8): 帮办代办 figures of a region's subtree for a period of months, in total,
 * per direct sub-region (the region's own projects in a row of their own), per handler and per month.
 * The same object for GET /api/stats/service-items and `yinfeng stats service --json`.
 */
import type { ServiceClockQuery, ServiceClockStats } from '../../contracts/service-clocks';
import { selectSubtreeCodes } from '../../db/queries/activities/activity-stats';
import { selectChildRegions } from '../../db/queries/regions';
import { selectServiceClockItems, type ServiceClockRow } from '../../db/queries/statistics/service-clocks';
import { AppError } from '../../domain/app-error';
import { todayInShanghai } from '../../domain/dates';
import { checkPeriodMessage, lastDayOfMonth } from '../../domain/indicators';
import { computeClockFigures, type ClockItem } from '../../domain/service-clocks';
import { countWorkingDays } from '../../domain/working-days';
import { loadWorkingCalendar } from '../calendar';
import type { Caller, Deps } from '../context';
import { requireRegionInScope } from '../regions';

function listMonths(from: string, to: string): string[] {
  const months: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (month > to) return months;
    months.push(month);
    m += 1;
    if (m > 12) [y, m] = [y + 1, 1];
  }
}

export async function getServiceClockStats(deps: Deps, caller: Caller, q: ServiceClockQuery): Promise<ServiceClockStats> {
  const problem = checkPeriodMessage({ from: q.from, to: q.to });
  if (problem) throw new AppError('VALIDATION', problem, [{ field: 'from', message: problem }]);
  const region = await requireRegionInScope(deps, caller, q.region, 'region');
  const start = `${q.from}-01`;
  const end = lastDayOfMonth(q.to);
  const today = todayInShanghai();
  const asOf = end < today ? end : today;
  const [codes, children, cal] = await Promise.all([selectSubtreeCodes(deps.db, region.path), selectChildRegions(deps.db, region.code), loadWorkingCalendar(deps)]);
  const rows = await selectServiceClockItems(deps.db, codes, start, end);
  const items = rows.map((r) => ({ row: r, item: toClockItem(r, cal) }));
  const figuresOf = (subset: readonly ClockItem[]) => computeClockFigures(subset, start, end, asOf);

  const childPaths = children.map((c) => ({ code: c.code, name: c.name, path: `${region.path}${c.code}/` }));
  const childOf = (r: ServiceClockRow) => childPaths.find((c) => r.region_path.startsWith(c.path))?.code ?? region.code;
  const byChild = new Map<string, ClockItem[]>();
  for (const { row, item } of items) byChild.set(childOf(row), [...(byChild.get(childOf(row)) ?? []), item]);
  const own = byChild.get(region.code) ?? [];
  const byRegion = [
    ...(own.length > 0 ? [{ code: region.code, name: `${region.name}（本级）`, ...figuresOf(own) }] : []),
    ...childPaths.map((c) => ({ code: c.code, name: c.name, ...figuresOf(byChild.get(c.code) ?? []) })),
  ];

  const byHandlerItems = new Map<string, ClockItem[]>();
  for (const { row, item } of items) byHandlerItems.set(row.handler_name, [...(byHandlerItems.get(row.handler_name) ?? []), item]);
  const byHandler = [...byHandlerItems.entries()]
    .map(([handler, list]) => ({ handler, ...figuresOf(list) }))
    .filter((h) => h.opened + h.closed + h.openPastDue > 0)
    .sort((a, b) => b.opened - a.opened || a.handler.localeCompare(b.handler, 'zh'));

  const all = items.map((i) => i.item);
  const trend = listMonths(q.from, q.to).map((month) => {
    const monthEnd = lastDayOfMonth(month);
    const monthAsOf = monthEnd < today ? monthEnd : today;
    return { month, asOf: monthAsOf, ...computeClockFigures(all, `${month}-01`, monthEnd, monthAsOf) };
  });
  return { kind: 'serviceItems', region: region.code, regionName: region.name, from: q.from, to: q.to, asOf, totals: figuresOf(all), byRegion, byHandler, trend };
}

function toClockItem(r: ServiceClockRow, cal: Awaited<ReturnType<typeof loadWorkingCalendar>>): ClockItem {
  return { openedOn: r.opened_on, dueOn: r.due_on, closedOn: r.closed_on, projectId: r.project_id, daysToClose: r.closed_on ? countWorkingDays(cal, r.opened_on, r.closed_on) : null };
}
