/**
 * Learning from outcomes (issue 12, item 6): the score's weights fitted on the installation's own
 * targets, and a backtest on a time split beside two baselines.
 *
 * The model is a binary logistic regression on the eight feature values (each in [0, 1]) with an L2
 * penalty, fitted by batch gradient descent from zero (deterministic: the same examples give the
 * same weights). Coefficients are kept ≥ 0: every feature means "more is better", and a negative
 * weight would take points from a firm for fitting the node, which no one could explain. The
 * coefficients are then scaled to points summing to 100, so the score keeps its 0–100 reading.
 * (Written here rather than with ml-logistic-regression: that package is one-vs-all without a
 * penalty, bounds or types; this is 30 lines that tests pin.)
 */
import { DEFAULT_TARGET_WEIGHTS, TARGET_FEATURES, type TargetFeature, type TargetWeights } from './target-score';

export interface TrainingExample {
  values: Record<TargetFeature, number>;
  /** 1: the target progressed (visited or further; a 好线索); 0: dropped before a visit, stalled, or 不相关 */
  label: 0 | 1;
  /** when the target was claimed (or the feedback given): the backtest splits on it */
  at: string;
}

export interface FitOptions {
  l2?: number;
  steps?: number;
  rate?: number;
}

export interface LogisticFit {
  intercept: number;
  coefficients: Record<TargetFeature, number>;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export function fitLogistic(examples: readonly TrainingExample[], opts: FitOptions = {}): LogisticFit {
  const { l2 = 0.01, steps = 3000, rate = 1 } = opts;
  const w = TARGET_FEATURES.map(() => 0);
  let b = 0;
  const n = examples.length;
  if (n === 0) return { intercept: 0, coefficients: Object.fromEntries(TARGET_FEATURES.map((f) => [f, 0])) as Record<TargetFeature, number> };
  const xs = examples.map((e) => TARGET_FEATURES.map((f) => e.values[f]));
  for (let step = 0; step < steps; step++) {
    const gw = w.map(() => 0);
    let gb = 0;
    for (let i = 0; i < n; i++) {
      const x = xs[i]!;
      const err = sigmoid(b + x.reduce((s, v, j) => s + v * w[j]!, 0)) - examples[i]!.label;
      for (let j = 0; j < w.length; j++) gw[j]! += err * x[j]!;
      gb += err;
    }
    for (let j = 0; j < w.length; j++) w[j] = Math.max(0, w[j]! - rate * (gw[j]! / n + l2 * w[j]!));
    b -= rate * (gb / n);
  }
  return { intercept: b, coefficients: Object.fromEntries(TARGET_FEATURES.map((f, j) => [f, w[j]!])) as Record<TargetFeature, number> };
}

/** Coefficients as points summing to 100 (0.1 precision); the defaults when every coefficient is 0. */
export function toPointWeights(fit: LogisticFit): TargetWeights {
  const total = TARGET_FEATURES.reduce((s, f) => s + fit.coefficients[f], 0);
  if (total <= 0) return { ...DEFAULT_TARGET_WEIGHTS };
  return Object.fromEntries(TARGET_FEATURES.map((f) => [f, Math.round((fit.coefficients[f] / total) * 1000) / 10])) as TargetWeights;
}

export function scoreWith(weights: TargetWeights, values: Record<TargetFeature, number>): number {
  return TARGET_FEATURES.reduce((s, f) => s + weights[f] * values[f], 0);
}

/** Share of positives among the first k of a ranking (all of it when shorter); null for an empty ranking. */
export function precisionAt(ranked: readonly { label: 0 | 1 }[], k: number): number | null {
  const top = ranked.slice(0, k);
  if (top.length === 0) return null;
  return Math.round((top.filter((e) => e.label === 1).length / top.length) * 10000) / 100;
}

export interface BacktestResult {
  /** claims before it train, from it on test */
  cutoff: string;
  train: { examples: number; positives: number };
  test: { examples: number; positives: number };
  weights: TargetWeights;
  /** precision@10 and @50 (percent) of the test ranking by: the fitted weights, the default weights, registered capital (the scale feature), and at random (the expectation: the share of positives) */
  precision: Record<'at10' | 'at50', { fitted: number | null; defaults: number | null; capital: number | null; random: number | null }>;
}

export const MIN_EXAMPLES = { total: 20, positives: 5, negatives: 5 } as const;

/** Whether there are enough examples of both kinds to fit on. */
export function hasEnoughExamples(examples: readonly TrainingExample[]): boolean {
  const positives = examples.filter((e) => e.label === 1).length;
  return examples.length >= MIN_EXAMPLES.total && positives >= MIN_EXAMPLES.positives && examples.length - positives >= MIN_EXAMPLES.negatives;
}

/**
 * Time split: the earliest `trainShare` of the examples (by `at`) train, the rest test. Ties on the
 * score keep the examples' order by `at` (then as given), so the result does not depend on luck.
 */
export function backtest(examples: readonly TrainingExample[], opts: FitOptions & { trainShare?: number } = {}): BacktestResult | null {
  const sorted = [...examples].sort((a, b) => a.at.localeCompare(b.at));
  const cut = Math.floor(sorted.length * (opts.trainShare ?? 0.7));
  const train = sorted.slice(0, cut);
  const test = sorted.slice(cut);
  if (test.length === 0 || !hasEnoughExamples(train)) return null;
  const weights = toPointWeights(fitLogistic(train, opts));
  const rank = (key: (e: TrainingExample) => number) => test.map((e, i) => ({ e, i, k: key(e) })).sort((a, b) => b.k - a.k || a.i - b.i).map((x) => x.e);
  const positives = test.filter((e) => e.label === 1).length;
  const random = Math.round((positives / test.length) * 10000) / 100;
  const at = (k: number) => ({
    fitted: precisionAt(rank((e) => scoreWith(weights, e.values)), k),
    defaults: precisionAt(rank((e) => scoreWith(DEFAULT_TARGET_WEIGHTS, e.values)), k),
    capital: precisionAt(rank((e) => e.values.scale), k),
    random,
  });
  return {
    cutoff: test[0]!.at,
    train: { examples: train.length, positives: train.filter((e) => e.label === 1).length },
    test: { examples: test.length, positives },
    weights,
    precision: { at10: at(10), at50: at(50) },
  };
}
