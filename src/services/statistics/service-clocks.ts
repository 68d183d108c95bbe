/**
 * 服务时钟 (issue 13 item 8; issue 14 item 4): the figures of 帮办代办, inquiries (在线咨询) or complaints
 * (投诉) of a region's subtree for a period of months, in total, per direct sub-region (the region's
 * own items in a row of their own), per handler (owner) and per month. One implementation for the
 * three kinds; the same object for GET /api/stats/service-items and `yinfeng stats service --json`.
 */
import type { ServiceClockQuery, ServiceClockStats } from '../../contracts/service-clocks';
import { selectSubtreeCodes } from '../../db/queries/activities/activity-stats';
import { selectChildRegions } from '../../db/queries/regions';
import { selectInquiryClockItems, selectServiceClockItems } from '../../db/queries/statistics/service-clocks';
import { AppError } from '../../domain/app-error';
import { todayInShanghai } from '../../domain/dates';
import { checkPeriodMessage, lastDayOfMonth } from '../../domain/indicators';
import { computeClockFigures, type ClockItem } from '../../domain/service-clocks';
import { countWorkingDays, type WorkingCalendar } from '../../domain/working-days';
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

/** One item of any kind: its clock facts, the handler's name, its region's path and (inquiries) its conversion. */
export interface KindItem {
  item: ClockItem;
  handler: string;
  regionPath: string;
  convertedLead: boolean;
  convertedTarget: boolean;
}

/** The items of a kind routed to the regions `codes` that bear on start..end. */
export async function loadKindItems(deps: Deps, kind: 'serviceItems' | 'inquiries' | 'complaints', codes: readonly string[], start: string, end: string, cal: WorkingCalendar): Promise<KindItem[]> {
  if (kind === 'serviceItems') {
    const rows = await selectServiceClockItems(deps.db, codes, start, end);
    return rows.map((r) => ({
      item: { openedOn: r.opened_on, dueOn: r.due_on, closedOn: r.closed_on, projectId: r.project_id, daysToClose: r.closed_on ? countWorkingDays(cal, r.opened_on, r.closed_on) : null },
      handler: r.handler_name,
      regionPath: r.region_path,
      convertedLead: false,
      convertedTarget: false,
    }));
  }
  const rows = await selectInquiryClockItems(deps.db, codes, kind === 'inquiries' ? 'inquiry' : 'complaint', start, end);
  return rows.map((r) => ({
    item: {
      openedOn: r.opened_on,
      dueOn: r.due_on,
      closedOn: r.closed_on,
      projectId: null,
      daysToClose: r.closed_on ? countWorkingDays(cal, r.opened_on, r.closed_on) : null,
      firstResponse: { on: r.first_responded_on, days: r.first_responded_on ? countWorkingDays(cal, r.opened_on, r.first_responded_on) : null },
    },
    handler: r.owner_name ?? '（未指定承办人）',
    regionPath: r.region_path,
    convertedLead: r.converted_lead,
    convertedTarget: r.converted_target,
  }));
}

export async function getServiceClockStats(deps: Deps, caller: Caller, q: ServiceClockQuery): Promise<ServiceClockStats> {
  const problem = checkPeriodMessage({ from: q.from, to: q.to });
  if (problem) throw new AppError('VALIDATION', problem, [{ field: 'from', message: problem }]);
  const kind = q.kind ?? 'serviceItems';
  const region = await requireRegionInScope(deps, caller, q.region, 'region');
  const start = `${q.from}-01`;
  const end = lastDayOfMonth(q.to);
  const today = todayInShanghai();
  const asOf = end < today ? end : today;
  const [codes, children, cal] = await Promise.all([selectSubtreeCodes(deps.db, region.path), selectChildRegions(deps.db, region.code), loadWorkingCalendar(deps)]);
  const items = await loadKindItems(deps, kind, codes, start, end, cal);
  const figuresOf = (subset: readonly ClockItem[]) => computeClockFigures(subset, start, end, asOf);

  const childPaths = children.map((c) => ({ code: c.code, name: c.name, path: `${region.path}${c.code}/` }));
  const childOf = (r: KindItem) => childPaths.find((c) => r.regionPath.startsWith(c.path))?.code ?? region.code;
  const byChild = new Map<string, ClockItem[]>();
  for (const k of items) byChild.set(childOf(k), [...(byChild.get(childOf(k)) ?? []), k.item]);
  const own = byChild.get(region.code) ?? [];
  const byRegion = [
    ...(own.length > 0 ? [{ code: region.code, name: `${region.name}（本级）`, ...figuresOf(own) }] : []),
    ...childPaths.map((c) => ({ code: c.code, name: c.name, ...figuresOf(byChild.get(c.code) ?? []) })),
  ];

  const byHandlerItems = new Map<string, ClockItem[]>();
  for (const k of items) byHandlerItems.set(k.handler, [...(byHandlerItems.get(k.handler) ?? []), k.item]);
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
  const openedInPeriod = items.filter((k) => k.item.openedOn >= start && k.item.openedOn <= end);
  const conversions = kind === 'inquiries' ? { leads: openedInPeriod.filter((k) => k.convertedLead).length, targets: openedInPeriod.filter((k) => k.convertedTarget).length } : null;
  return { kind, region: region.code, regionName: region.name, from: q.from, to: q.to, asOf, totals: figuresOf(all), byRegion, byHandler, conversions, trend };
}
