/**
 * 精准招商: the explainable score of an enterprise as a target for a region and a chain node (issue 12,
 * item 5). The score is additive: each feature is a value in [0, 1] read from facts about the firm,
 * the node and the region, times its weight (points; the default weights sum to 100). Every feature
 * says in words what it saw and what it added, so a civil servant can check each number; two firms
 * are compared feature by feature ("why a similar firm ranks lower"). Weights may be refitted on the
 * installation's own outcomes (target-weights.ts); the features and their values never change with
 * the weights.
 */
import { msg, type Message } from '../messages/catalog';

export const TARGET_FEATURES = ['industryFit', 'productFit', 'relatedness', 'chainPull', 'scale', 'tags', 'growth', 'ties'] as const;
export type TargetFeature = (typeof TARGET_FEATURES)[number];
export type TargetWeights = Record<TargetFeature, number>;

/**
 * Default weights (points): fit to the node first (industry, products), then what the region already
 * has (relatedness, pull of neighbouring nodes), then the firm (scale, tags, growth) and ties.
 */
export const DEFAULT_TARGET_WEIGHTS: TargetWeights = {
  industryFit: 25,
  productFit: 15,
  relatedness: 15,
  chainPull: 10,
  scale: 10,
  tags: 10,
  growth: 5,
  ties: 10,
};

/** How the firm's industry code meets the node's codes: the same 小类, the same 中类, the same 大类, or not at all. */
export type IndustryMatch = 'class' | 'group' | 'division' | null;

/** What is known about one candidate, for one region and node. */
export interface TargetFacts {
  industryCode: string | null;
  industryMatch: IndustryMatch;
  /** the node's key products found in the firm's products or business scope */
  productsMatched: readonly string[];
  /** relatedness (co-location density) of the firm's industry to the region's industries, 0..1; null when unknown */
  density: number | null;
  /** false until the relatedness job has run once (industry_proximity is empty) */
  relatednessComputed: boolean;
  /** the neighbouring node with the most local enterprises (upstream or downstream of the node), if any */
  pull: { nodeName: string; direction: 'upstream' | 'downstream'; localEnterprises: number } | null;
  registeredCapitalYuan: bigint | null;
  tags: readonly string[];
  /** registered-capital increases recorded in the last 24 months */
  capitalIncreases: number;
  /** regions outside its home where the firm (or its group) set up in the last 24 months */
  newBranchRegions: number;
  /** the firm already invests in a project of the region */
  investorInRegion: boolean;
  /** the region already keeps a contact at the firm */
  contactInRegion: boolean;
  /** enterprises of the firm's home province already investing in the region */
  homeProvinceInvestors: number;
}

export interface FeatureScore {
  feature: TargetFeature;
  /** 0..1 */
  value: number;
  /** weight × value, rounded to 0.1 */
  points: number;
  reason: Message;
}

export interface TargetScore {
  /** sum of the points, rounded to 0.1 */
  score: number;
  features: FeatureScore[];
}

/** Tags and what each says about the firm's pull as an investor (the best one counts, each further one adds 0.1). */
const TAG_VALUES: Readonly<Record<string, number>> = {
  世界500强: 1,
  中国500强: 0.9,
  央企: 0.9,
  中国民营500强: 0.8,
  上市: 0.7,
  小巨人: 0.7,
  独角兽: 0.7,
  专精特新: 0.6,
  瞪羚: 0.5,
  高新技术: 0.4,
};

const INDUSTRY_MATCH_VALUES: Record<Exclude<IndustryMatch, null>, number> = { class: 1, group: 0.7, division: 0.4 };

/** Local enterprises in a neighbouring node at which the pull is full. */
export const FULL_PULL_ENTERPRISES = 20;
/** Products matched at which the product fit is full. */
export const FULL_PRODUCT_MATCHES = 3;

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
const round1 = (x: number) => Math.round(x * 10) / 10;

function valueOfScale(capitalYuan: bigint | null): number {
  if (capitalYuan === null || capitalYuan <= 0n) return 0;
  // 10 万元 → 0.2, 100 万元 → 0.4 … 10 亿元 (100,000 万元) → 1
  const wan = Number(capitalYuan) / 10_000;
  return wan < 1 ? 0 : clamp01(Math.log10(wan) / 5);
}

function valueOfTags(tags: readonly string[]): { value: number; counted: string[] } {
  const counted = tags.filter((t) => TAG_VALUES[t] !== undefined).sort((a, b) => (TAG_VALUES[b] ?? 0) - (TAG_VALUES[a] ?? 0) || a.localeCompare(b));
  const best = counted[0];
  if (best === undefined) return { value: 0, counted };
  return { value: clamp01((TAG_VALUES[best] ?? 0) + 0.1 * (counted.length - 1)), counted };
}

function valueOfGrowth(f: TargetFacts): number {
  const capital = f.capitalIncreases >= 2 ? 0.8 : f.capitalIncreases === 1 ? 0.6 : 0;
  return clamp01(capital + (f.newBranchRegions > 0 ? 0.4 : 0));
}

function valueOfTies(f: TargetFacts): number {
  if (f.investorInRegion) return 1;
  if (f.contactInRegion) return 0.7;
  return f.homeProvinceInvestors > 0 ? 0.4 : 0;
}

/** Each feature's value and the words for it (before weighting). */
function readFeature(feature: TargetFeature, f: TargetFacts): { value: number; reason: (points: number) => Message } {
  switch (feature) {
    case 'industryFit': {
      const value = f.industryMatch ? INDUSTRY_MATCH_VALUES[f.industryMatch] : 0;
      return {
        value,
        reason: (points) =>
          f.industryMatch
            ? msg('target.reason.industryFit', { code: f.industryCode ?? '', level: msg(`target.match.${f.industryMatch}`), points })
            : msg('target.reason.industryNone', { code: f.industryCode ?? '—' }),
      };
    }
    case 'productFit': {
      const value = clamp01(f.productsMatched.length / FULL_PRODUCT_MATCHES);
      return {
        value,
        reason: (points) => (value > 0 ? msg('target.reason.products', { products: f.productsMatched.join('、'), points }) : msg('target.reason.productsNone')),
      };
    }
    case 'relatedness': {
      const value = f.relatednessComputed ? clamp01(f.density ?? 0) : 0;
      return {
        value,
        reason: (points) =>
          !f.relatednessComputed
            ? msg('target.reason.relatednessNotComputed')
            : f.density === null
              ? msg('target.reason.relatednessUnknown')
              : msg('target.reason.relatedness', { pct: Math.round(value * 100), points }),
      };
    }
    case 'chainPull': {
      const value = f.pull ? clamp01(f.pull.localEnterprises / FULL_PULL_ENTERPRISES) : 0;
      return {
        value,
        reason: (points) =>
          f.pull && f.pull.localEnterprises > 0
            ? msg('target.reason.pull', { direction: msg(`target.direction.${f.pull.direction}`), node: f.pull.nodeName, count: f.pull.localEnterprises, points })
            : msg('target.reason.pullNone'),
      };
    }
    case 'scale': {
      const value = valueOfScale(f.registeredCapitalYuan);
      return {
        value,
        reason: (points) =>
          f.registeredCapitalYuan === null ? msg('target.reason.scaleUnknown') : msg('target.reason.scale', { wan: formatWan(f.registeredCapitalYuan), points }),
      };
    }
    case 'tags': {
      const { value, counted } = valueOfTags(f.tags);
      return { value, reason: (points) => (counted.length > 0 ? msg('target.reason.tags', { tags: counted.join('、'), points }) : msg('target.reason.tagsNone')) };
    }
    case 'growth': {
      const value = valueOfGrowth(f);
      return {
        value,
        reason: (points) =>
          value > 0 ? msg('target.reason.growth', { increases: f.capitalIncreases, regions: f.newBranchRegions, points }) : msg('target.reason.growthNone'),
      };
    }
    case 'ties': {
      const value = valueOfTies(f);
      return {
        value,
        reason: (points) =>
          f.investorInRegion
            ? msg('target.reason.tiesInvestor', { points })
            : f.contactInRegion
              ? msg('target.reason.tiesContact', { points })
              : f.homeProvinceInvestors > 0
                ? msg('target.reason.tiesHome', { count: f.homeProvinceInvestors, points })
                : msg('target.reason.tiesNone'),
      };
    }
  }
}

/** 注册资本 in 万元 for the words, at most 2 decimals. */
function formatWan(yuan: bigint): string {
  const wan = Number(yuan) / 10_000;
  return Number.isInteger(wan) ? String(wan) : wan.toFixed(2).replace(/0+$/, '').replace(/\.$/, '');
}

/** The feature values alone (for fitting weights and for the backtest). */
export function readFeatureValues(f: TargetFacts): Record<TargetFeature, number> {
  return Object.fromEntries(TARGET_FEATURES.map((k) => [k, readFeature(k, f).value])) as Record<TargetFeature, number>;
}

/** The score of one candidate: each feature's value, points and reason, and their sum. */
export function scoreTarget(f: TargetFacts, weights: TargetWeights = DEFAULT_TARGET_WEIGHTS): TargetScore {
  const features = TARGET_FEATURES.map((feature) => {
    const { value, reason } = readFeature(feature, f);
    const points = round1(weights[feature] * value);
    return { feature, value, points, reason: reason(points) };
  });
  return { score: round1(features.reduce((s, x) => s + weights[x.feature] * x.value, 0)), features };
}

/**
 * Why `lower` ranks below `higher`: the features where it earns fewer points, largest gap first, each
 * with both firms' points. Features where `lower` does better are left out (they narrow the gap).
 */
export function explainRankGap(higher: TargetScore, lower: TargetScore): { feature: TargetFeature; higherPoints: number; lowerPoints: number; gap: number }[] {
  const byFeature = new Map(lower.features.map((x) => [x.feature, x.points]));
  return higher.features
    .map((x) => {
      const lowerPoints = byFeature.get(x.feature) ?? 0;
      return { feature: x.feature, higherPoints: x.points, lowerPoints, gap: round1(x.points - lowerPoints) };
    })
    .filter((g) => g.gap > 0)
    .sort((a, b) => b.gap - a.gap || TARGET_FEATURES.indexOf(a.feature) - TARGET_FEATURES.indexOf(b.feature));
}
