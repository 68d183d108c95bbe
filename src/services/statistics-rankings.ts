/** 赛马榜: the direct sub-regions of a region ranked by five indicators, with the rank change against the previous period. */
import { selectChildRegions } from '../db/queries/regions';
import { AppError } from '../domain/app-error';
import { rankDescending, resolveRankingPeriods, type RankingPeriodKind, type Summary } from '../domain/indicators';
import type { Caller, Deps } from './context';
import { requireRegionInScope } from './regions';
import { getSummary } from './statistics';

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

export async function getRankings(deps: Deps, caller: Caller, q: { region: string; period: RankingPeriodKind; to: string }) {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(q.to)) throw new AppError('VALIDATION', `月份“${q.to}”格式应为 YYYY-MM`, [{ field: 'to', message: '格式应为 YYYY-MM' }]);
  const region = await requireRegionInScope(deps, caller, q.region, 'region');
  const children = await selectChildRegions(deps.db, region.code);
  const { current, previous } = resolveRankingPeriods(q.period, q.to);
  const now: Summary[] = [];
  const before: Summary[] = [];
  for (const c of children) {
    now.push(await getSummary(deps, caller, { region: c.code, ...current }));
    before.push(await getSummary(deps, caller, { region: c.code, ...previous }));
  }
  const ranks = Object.fromEntries(
    RANKING_METRICS.map((m) => [m, { now: rankDescending(now.map((s) => valueOf(s, m))), before: rankDescending(before.map((s) => valueOf(s, m))) }]),
  ) as Record<RankingMetric, { now: (number | null)[]; before: (number | null)[] }>;
  return {
    region: region.code,
    regionName: region.name,
    period: q.period,
    current,
    previous,
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
