/**
 * The public scoreboard (办理情况公示, issue 14 item 4): per region — the region itself and each direct
 * sub-region with its subtree — the figures of DESIGN.md "Service clocks" for inquiries and
 * complaints of one complete calendar month. Published months are fixed: the first reading of a
 * complete month computes it and stores a snapshot (scoreboard_snapshots, insert-if-absent), and
 * every later reading answers the stored figures, whatever happens to the items afterwards (a
 * complaint reopened in a later month changes the later month, not the published one). The month in
 * progress is never shown.
 */
import { selectSubtreeCodes } from '../../db/queries/activities/activity-stats';
import { insertScoreboardSnapshot, selectScoreboardSnapshot, selectTopRegionCode } from '../../db/queries/inquiries/scoreboard';
import { selectChildRegions, selectRegion } from '../../db/queries/regions';
import { AppError } from '../../domain/app-error';
import { isMonth, todayInShanghai } from '../../domain/dates';
import { lastDayOfMonth } from '../../domain/indicators';
import { msg } from '../../domain/messages/catalog';
import { computeClockFigures, type ClockFigures } from '../../domain/service-clocks';
import { loadWorkingCalendar } from '../calendar';
import type { Deps } from '../context';
import { loadKindItems, type KindItem } from '../statistics/service-clocks';

/** The month before the one `today` falls in: the latest complete month. */
export function findLastCompleteMonth(today: string): string {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

type PublicFigures = Pick<ClockFigures, 'opened' | 'closed' | 'closedOnTime' | 'onTimeRatePct' | 'medianFirstResponseDays' | 'medianDays' | 'p90Days' | 'openPastDue'>;

function pickPublic(f: ClockFigures): PublicFigures {
  return { opened: f.opened, closed: f.closed, closedOnTime: f.closedOnTime, onTimeRatePct: f.onTimeRatePct, medianFirstResponseDays: f.medianFirstResponseDays, medianDays: f.medianDays, p90Days: f.p90Days, openPastDue: f.openPastDue };
}

export interface ScoreboardRow {
  code: string;
  name: string;
  inquiries: PublicFigures;
  complaints: PublicFigures;
}

async function computeScoreboard(deps: Deps, region: { code: string; name: string; path: string }, month: string): Promise<ScoreboardRow[]> {
  const start = `${month}-01`;
  const end = lastDayOfMonth(month);
  const [codes, children, cal] = await Promise.all([selectSubtreeCodes(deps.db, region.path), selectChildRegions(deps.db, region.code), loadWorkingCalendar(deps)]);
  const [inq, com] = await Promise.all([loadKindItems(deps, 'inquiries', codes, start, end, cal), loadKindItems(deps, 'complaints', codes, start, end, cal)]);
  const figures = (items: KindItem[], path: string) => pickPublic(computeClockFigures(items.filter((k) => k.regionPath.startsWith(path)).map((k) => k.item), start, end, end));
  const rows = [{ code: region.code, name: region.name, path: region.path }, ...children.map((c) => ({ code: c.code, name: c.name, path: `${region.path}${c.code}/` }))];
  return rows.map((r) => ({ code: r.code, name: r.name, inquiries: figures(inq, r.path), complaints: figures(com, r.path) }));
}

/** The scoreboard of a region (default: the installation's top region) for a complete month (default: the latest). */
export async function getScoreboard(deps: Deps, q: { region?: string; month?: string }) {
  const last = findLastCompleteMonth(todayInShanghai());
  const month = q.month ?? last;
  if (!isMonth(month) || month > last) throw new AppError('VALIDATION', msg('inquiry.scoreboardMonth', { month, last }), [{ field: 'month', message: msg('inquiry.scoreboardMonth', { month, last }) }]);
  const code = q.region ?? (await selectTopRegionCode(deps.db));
  const region = code ? await selectRegion(deps.db, code) : undefined;
  if (!region || !region.active) throw new AppError('NOT_FOUND', msg('inquiry.regionUnknown', { code: code ?? '' }), [{ field: 'region', message: msg('inquiry.regionUnknown', { code: code ?? '' }) }]);
  let stored = await selectScoreboardSnapshot(deps.db, month, region.code);
  if (!stored) {
    await insertScoreboardSnapshot(deps.db, month, region.code, await computeScoreboard(deps, region, month));
    stored = await selectScoreboardSnapshot(deps.db, month, region.code);
  }
  return { region: region.code, regionName: region.name, month, publishedAt: stored?.publishedAt.toISOString() ?? null, rows: (stored?.figures ?? []) as ScoreboardRow[] };
}
