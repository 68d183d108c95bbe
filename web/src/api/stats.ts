import { api } from './client';

/** Funds of a group of projects in the period, with last year's same months. */
export interface FundsRow {
  projects: number;
  fundsYuan: number;
  lastYearFundsYuan: number;
  /** 同比, null against a zero base. */
  yoyPct: number | null;
}

export interface SourceFunds {
  projects: number;
  fundsYuan: number;
  yoyPct: number | null;
}

export interface SignedBand {
  minYuan: number;
  projects: number;
  amountYuan: number;
  sharePct: number | null;
}

export interface StatsTarget {
  annualYuan: number;
  completionPct: number | null;
  schedulePct: number | null;
  aheadPts: number | null;
}

export interface StatsSummary {
  region: string;
  from: string;
  to: string;
  executing: FundsRow;
  newProjects: { projects: number; fundsYuan: number };
  continuedProjects: { projects: number; fundsYuan: number };
  bySource: { local: SourceFunds; outOfRegion: SourceFunds; foreign: SourceFunds };
  unknownSource: { projects: number; fundsYuan: number };
  domestic: SourceFunds;
  signed: {
    projects: number;
    amountYuan: number;
    bands: SignedBand[];
    topInvestorProjects: number;
    startRatePct: number | null;
    fulfilmentRatePct: number | null;
  };
  target: StatsTarget | null;
}

/** One row of a breakdown table: the share, contribution and pull are against the region's total. */
export interface BreakdownRow {
  projects: number;
  fundsYuan: number;
  lastYearFundsYuan: number;
  yoyPct: number | null;
  sharePct: number | null;
  contributionPct: number | null;
  pullPts: number | null;
}

export interface SubRegionRow extends BreakdownRow {
  code: string;
  name: string;
}

export interface KeyedRow extends BreakdownRow {
  key: string;
  name: string;
}

export interface StatsBreakdowns {
  region: string;
  regionName: string;
  from: string;
  to: string;
  total: { fundsYuan: number; lastYearFundsYuan: number };
  bySubRegion: SubRegionRow[];
  bySector: KeyedRow[];
  bySection: KeyedRow[];
  byInvestorType: KeyedRow[];
  monthly: { year: number; thisYear: number[]; lastYear: number[] };
}

export const RANKING_METRICS = ['funds', 'yoy', 'completion', 'signedAmount', 'startRate'] as const;
export type RankingMetric = (typeof RANKING_METRICS)[number];
export type RankingPeriod = 'month' | 'quarter' | 'year';

export interface RankCell {
  value: number | null;
  rank: number | null;
  previousRank: number | null;
  /** Positive: moved up. */
  change: number | null;
}

export interface RankingItem {
  code: string;
  name: string;
  metrics: Record<RankingMetric, RankCell>;
}

/** Why a metric is not ranked this period: one sub-region, no data, or all zeros (null: ranked). */
export interface Unranked {
  reason: 'single' | 'noData' | 'allZero';
  message: string;
}

export interface Rankings {
  region: string;
  regionName: string;
  period: RankingPeriod;
  unranked: Record<RankingMetric, Unranked | null>;
  current: { from: string; to: string };
  previous: { from: string; to: string };
  items: RankingItem[];
}

export interface AnnualTarget {
  regionCode: string;
  regionName: string;
  year: number;
  fundsTargetYuan: number;
  signedTargetYuan: number | null;
}

export interface Colleague {
  id: string;
  username: string;
  displayName: string;
  regionCode: string;
  regionName: string;
  roles: string[];
}

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
