/**
 * Activity statistics (DESIGN.md "Statistical definitions, second half"): GET /api/stats/activities
 * and `yinfeng stats activities --json` give this object. Filters narrow the activities first; types
 * and levels are given by Chinese name or key, separated by , 、 or ；. A leader-level filter of
 * 四大班子领导 (leadership) takes 党政主要领导 (principal) in too: principal ⊂ leadership.
 */
import type { ActivityStats, ActivityStatsQuery } from '../../contracts/activities';
import {
  selectActivityStats,
  selectServiceItemStats,
  selectSubtreeCodes,
  type ActivityStatsRow,
} from '../../db/queries/activities/activity-stats';
import {
  ACTIVITY_HOSTINGS,
  ACTIVITY_TYPE_LABELS,
  ACTIVITY_TYPES,
  EVENT_TYPES,
  HOSTING_LABELS,
  LEADER_LEVEL_LABELS,
  LEADER_LEVELS,
  parseLabelled,
} from '../../domain/activities/activity-kinds';
import { AppError } from '../../domain/app-error';
import { checkPeriodMessage, lastDayOfMonth } from '../../domain/indicators';
import { msg } from '../../domain/messages/catalog';
import { listMonths } from '../../domain/targets/target-funnel';
import type { Caller, Deps } from '../context';
import { countReserveProjects } from '../projects/reserve-counts';
import { requireRegionInScope } from '../regions';
import { computeActivityFiguresFromRollups } from './activity-stats-rollups';
import type { ActivityRollupFigures } from '../../domain/activities/activity-rollup-parts';

function parseList<K extends string>(field: string, raw: string | undefined, keys: readonly K[], labels: Record<K, string>): K[] {
  const items = (raw ?? '')
    .split(/[,，、;；]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
  return [
    ...new Set(
      items.map((item) => {
        const key = parseLabelled(item, keys, labels);
        if (!key) {
          const message = msg('activity.filterInvalid', { field, value: item, allowed: keys.map((k) => `${labels[k]}（${k}）`).join('、') });
          throw new AppError('VALIDATION', message, [{ field, message }]);
        }
        return key;
      }),
    ),
  ];
}

/** The direct statement's row as figures. */
export function toFigures(row: ActivityStatsRow): ActivityRollupFigures {
  return {
    trips: row.trips,
    personTrips: Number(row.person_trips),
    ledByLeadership: row.led_leadership,
    ledByPrincipal: row.led_principal,
    ledByAnyLeader: row.led_any,
    tripOrganisations: row.trip_organisations,
    visits: row.visits,
    visitOrganisations: row.visit_organisations,
    receptions: row.receptions,
    receptionOrganisations: row.reception_organisations,
    eventsOrganised: row.events_organised,
    eventsAttended: row.events_attended,
    teams: row.teams,
    talks: row.talks,
    signed: row.signed,
    signedAmountYuan: BigInt(row.signed_amount),
    plannedInvestmentYuan: BigInt(row.planned),
  };
}

function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export async function getActivityStats(deps: Deps, caller: Caller, q: ActivityStatsQuery): Promise<ActivityStats> {
  const problem = checkPeriodMessage({ from: q.from, to: q.to });
  if (problem) throw new AppError('VALIDATION', problem, [{ field: 'from', message: problem }]);
  const types = parseList('type', q.type, ACTIVITY_TYPES, ACTIVITY_TYPE_LABELS);
  const hosting = parseList('hosting', q.hosting, ACTIVITY_HOSTINGS, HOSTING_LABELS);
  if (hosting.length > 1) {
    const message = msg('activity.filterInvalid', { field: 'hosting', value: q.hosting ?? '', allowed: '主办（organised）、参加（attended）' });
    throw new AppError('VALIDATION', message, [{ field: 'hosting', message }]);
  }
  const levels = parseList('leaderLevel', q.leaderLevel, LEADER_LEVELS, LEADER_LEVEL_LABELS);
  if (levels.includes('leadership') && !levels.includes('principal')) levels.push('principal');
  const region = await requireRegionInScope(deps, caller, q.region, 'region');
  const start = `${q.from}-01`;
  const end = lastDayOfMonth(q.to);
  const regionCodes = await selectSubtreeCodes(deps.db, region.path);
  const activityCode = q.activity?.trim() || null;
  const filter = { types, eventTypes: EVENT_TYPES, hosting: hosting[0] ?? null, leaderLevels: levels, team: q.team?.trim() || null };
  // one activity: the direct statement reads it by its code; otherwise the rollup parts add up the period
  const figuresOf = (from: string, to: string) =>
    activityCode
      ? selectActivityStats(deps.db, { ...filter, regionCodes, start: `${from}-01`, end: lastDayOfMonth(to), activityCode }).then(toFigures)
      : computeActivityFiguresFromRollups(deps, regionCodes, from, to, filter, JSON.stringify([region.code, from, to, filter]));
  const [row, reserve, serviceItems] = await Promise.all([
    figuresOf(q.from, q.to),
    countReserveProjects(deps, regionCodes, nextDay(end)),
    selectServiceItemStats(deps.db, regionCodes, start, end),
  ]);
  const byMonth = q.byMonth ? await listMonthFigures(listMonths(q.from, q.to), figuresOf) : undefined;
  return {
    region: region.code,
    from: q.from,
    to: q.to,
    trips: {
      count: row.trips,
      personTrips: row.personTrips,
      ledByLeadership: row.ledByLeadership,
      ledByPrincipal: row.ledByPrincipal,
      ledByAnyLeader: row.ledByAnyLeader,
      organisations: row.tripOrganisations,
    },
    visits: { count: row.visits, organisations: row.visitOrganisations },
    receptions: { count: row.receptions, organisations: row.receptionOrganisations },
    events: { organised: row.eventsOrganised, attended: row.eventsAttended },
    residentTeams: { active: row.teams },
    projects: {
      talks: row.talks,
      signed: row.signed,
      signedAmountYuan: Number(row.signedAmountYuan),
      plannedInvestmentYuan: Number(row.plannedInvestmentYuan),
    },
    // 发布: of the reserve, the projects published on the portal at the end of the period (project_publications)
    reserve: { projects: reserve.projects, published: reserve.published },
    serviceItems,
    ...(byMonth ? { byMonth } : {}),
  };
}

/** The figures month by month (each month a period of its own: a project counts once within its month). */
async function listMonthFigures(months: readonly string[], figuresOf: (from: string, to: string) => Promise<ActivityRollupFigures>): Promise<NonNullable<ActivityStats['byMonth']>> {
  const out: NonNullable<ActivityStats['byMonth']> = [];
  for (const month of months) {
    const f = await figuresOf(month, month);
    out.push({
      month,
      trips: f.trips,
      visits: f.visits,
      receptions: f.receptions,
      events: f.eventsOrganised + f.eventsAttended,
      talks: f.talks,
      signed: f.signed,
      signedAmountYuan: Number(f.signedAmountYuan),
    });
  }
  return out;
}
