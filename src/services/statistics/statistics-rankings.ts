/** 赛马榜: the direct sub-regions of a region ranked by five indicators, with the rank change against the previous period. */
import { selectChildRegions } from '../../db/queries/regions';
import { AppError } from '../../domain/app-error';
import { msg, renderMessage, type Message } from '../../domain/messages/catalog';
import { rankDescending, resolveRankingPeriods, type RankingPeriodKind, type Summary } from '../../domain/indicators';
import type { Caller, Deps } from '../context';
import { requireRegionInScope } from '../regions';
import { getSummary } from './statistics';
import { readExcludeTags } from './statistics-query';

export const RANKING_METRICS = ['funds', 'yoy', 'completion', 'signedAmount', 'startRate'] as const;
export type RankingMetric = (typeof RANKING_METRICS)[number];

function valueOf(s: Summary, metric: RankingMetric): number | null {
  switch (metric) {
    case 'funds':
      return s.executing.fundsYuan;
    case 'yoy':
      return s.executing.yoyPct;
    case 'completion':
      return s.target?.completionPct ?? null;
    case 'signedAmount':
      return s.signed.amountYuan;
    case 'startRate':
      return s.signed.startRatePct;
  }
}

const METRIC_NAMES: Record<RankingMetric, Message> = {
  funds: msg('stats.metric.funds'),
  yoy: msg('stats.metric.yoy'),
  completion: msg('stats.metric.completion'),
  signedAmount: msg('stats.metric.signedAmount'),
  startRate: msg('stats.metric.startRate'),
};

export type UnrankedReason = 'single' | 'noData' | 'allZero';

/**
 * Why a metric is not ranked, or null when it is: a ranking of one sub-region, of no values, or of
 * all zeros says nothing, so it is said instead of ranking (everyone "first").
 */
export function findUnrankedReason(values: (number | null)[]): UnrankedReason | null {
  if (values.length < 2) return 'single';
  const known = values.filter((v): v is number => v !== null);
  if (known.length === 0) return 'noData';
  if (known.every((v) => v === 0)) return 'allZero';
  return null;
}

function describeUnranked(metric: RankingMetric, reason: UnrankedReason, regionName: string, count: number): Message {
  const name = METRIC_NAMES[metric];
  if (reason === 'single') return count === 0 ? msg('stats.unranked.noChildren', { region: regionName }) : msg('stats.unranked.single', { region: regionName, metric: name });
  if (reason === 'noData') return msg('stats.unranked.noData', { metric: name });
  return msg('stats.unranked.allZero', { metric: name });
}

export async function getRankings(deps: Deps, caller: Caller, q: { region: string; period: RankingPeriodKind; to: string; excludeTags?: string }) {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(q.to)) throw new AppError('VALIDATION', msg('stats.monthFormat', { month: q.to }), [{ field: 'to', message: msg('stats.monthFormatShort') }]);
  const excludeTags = readExcludeTags(q.excludeTags);
  const region = await requireRegionInScope(deps, caller, q.region, 'region');
  const children = await selectChildRegions(deps.db, region.code);
  const { current, previous } = resolveRankingPeriods(q.period, q.to);
  const now: Summary[] = [];
  const before: Summary[] = [];
  for (const c of children) {
    now.push(await getSummary(deps, caller, { region: c.code, ...current, excludeTags: excludeTags.join(',') }));
    before.push(await getSummary(deps, caller, { region: c.code, ...previous, excludeTags: excludeTags.join(',') }));
  }
  const unrankedNow = Object.fromEntries(RANKING_METRICS.map((m) => [m, findUnrankedReason(now.map((s) => valueOf(s, m)))])) as Record<RankingMetric, UnrankedReason | null>;
  const ranks = Object.fromEntries(
    RANKING_METRICS.map((m) => {
      const rankedBefore = findUnrankedReason(before.map((s) => valueOf(s, m))) === null;
      return [
        m,
        {
          now: unrankedNow[m] ? now.map(() => null) : rankDescending(now.map((s) => valueOf(s, m))),
          before: rankedBefore ? rankDescending(before.map((s) => valueOf(s, m))) : before.map(() => null),
        },
      ];
    }),
  ) as Record<RankingMetric, { now: (number | null)[]; before: (number | null)[] }>;
  return {
    region: region.code,
    regionName: region.name,
    period: q.period,
    excludeTags,
    current,
    previous,
    /** per metric: why it is not ranked this period (one sub-region, no data, all zeros), or null */
    unranked: Object.fromEntries(
      RANKING_METRICS.map((m) => {
        const reason = unrankedNow[m];
        return [m, reason ? { reason, message: renderMessage(describeUnranked(m, reason, region.name, children.length), caller.lang ?? 'zh') } : null];
      }),
    ) as Record<RankingMetric, { reason: UnrankedReason; message: string } | null>,
    items: children.map((c, i) => ({
      code: c.code,
      name: c.name,
      metrics: Object.fromEntries(
        RANKING_METRICS.map((m) => {
          const rank = ranks[m].now[i] ?? null;
          const prevRank = ranks[m].before[i] ?? null;
          return [m, { value: valueOf(now[i] as Summary, m), rank, previousRank: prevRank, change: rank !== null && prevRank !== null ? prevRank - rank : null }];
        }),
      ) as Record<RankingMetric, { value: number | null; rank: number | null; previousRank: number | null; change: number | null }>,
    })),
  };
}
