import { api } from './client';
import type { Colleague } from '../../../src/contracts/users';
import type { AnnualTarget, RankingMetric, RankingPeriod, Rankings, StatsBreakdowns, StatsSummary } from '../../../src/contracts/statistics';

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
  StatsSummary,
  SubRegionRow,
} from '../../../src/contracts/statistics';

export const RANKING_METRICS = ['funds', 'yoy', 'completion', 'signedAmount', 'startRate'] as const satisfies readonly RankingMetric[];

const seg = (value: string | number) => encodeURIComponent(String(value));

export const statsApi = {
  summary: (region: string, from: string, to: string) => api.get<StatsSummary>('/api/stats/summary', { region, from, to }),
  breakdowns: (region: string, from: string, to: string) =>
    api.get<StatsBreakdowns>('/api/stats/breakdowns', { region, from, to }),
  rankings: (region: string, period: RankingPeriod, to: string) =>
    api.get<Rankings>('/api/stats/rankings', { region, period, to }),
  /** null when no target has been set for that year (the server answers 200 with null). */
  target: (regionCode: string, year: number) => api.get<AnnualTarget | null>(`/api/targets/${seg(regionCode)}/${seg(year)}`),
  setTarget: (regionCode: string, year: number, body: { fundsTargetYuan: number; signedTargetYuan: number | null; reason: string }) =>
    api.put<AnnualTarget>(`/api/targets/${seg(regionCode)}/${seg(year)}`, body),
};

export const colleaguesApi = {
  list: (query: { q?: string; role?: string }) =>
    api.get<{ items: Colleague[] }>('/api/colleagues', query).then((r) => r.items),
};
