import { api } from './client';
import type { Colleague, ColleagueQuery } from '../../../src/contracts/users';
import type {
  AnnualTarget,
  AnnualTargetBody,
  RankingMetric,
  RankingPeriod,
  Rankings,
  RankingsQuery,
  StatsBreakdowns,
  StatsQuery,
  StatsSummary,
} from '../../../src/contracts/statistics';

// The answers' types come from the server's contracts (src/contracts/statistics.ts).
export type {
  AnnualTarget,
  BreakdownRow,
  KeyedRow,
  RankCell,
  RankingItem,
  RankingMetric,
  RankingPeriod,
  Rankings,
  SignedBand,
  StatsBreakdowns,
  SignedShare,
  StatsSummary,
  StatsSummaryCore,
  SubRegionRow,
} from '../../../src/contracts/statistics';

export const RANKING_METRICS = ['funds', 'yoy', 'completion', 'signedAmount', 'startRate'] as const satisfies readonly RankingMetric[];

const seg = (value: string | number) => encodeURIComponent(String(value));

export const statsApi = {
  /** excludeTags: "光伏,煤化工" ('' or absent: none) */
  summary: (region: string, from: string, to: string, excludeTags = '') =>
    api.get<StatsSummary>('/api/stats/summary', { region, from, to, ...(excludeTags ? { excludeTags } : {}) } satisfies StatsQuery),
  breakdowns: (region: string, from: string, to: string, excludeTags = '') =>
    api.get<StatsBreakdowns>('/api/stats/breakdowns', { region, from, to, ...(excludeTags ? { excludeTags } : {}) } satisfies StatsQuery),
  rankings: (region: string, period: RankingPeriod, to: string) =>
    api.get<Rankings>('/api/stats/rankings', { region, period, to } satisfies RankingsQuery),
  /** null when no target has been set for that year (the server answers 200 with null). */
  target: (regionCode: string, year: number) => api.get<AnnualTarget | null>(`/api/targets/${seg(regionCode)}/${seg(year)}`),
  setTarget: (regionCode: string, year: number, body: AnnualTargetBody) =>
    api.put<AnnualTarget>(`/api/targets/${seg(regionCode)}/${seg(year)}`, body),
};

export const colleaguesApi = {
  list: (query: ColleagueQuery) =>
    api.get<{ items: Colleague[] }>('/api/colleagues', query).then((r) => r.items),
};
