import { describe, expect, it } from 'vitest';
import { backtest, fitLogistic, hasEnoughExamples, precisionAt, toPointWeights, type TrainingExample } from '../../src/domain/targets/target-weights-fit';
import { DEFAULT_TARGET_WEIGHTS, TARGET_FEATURES, type TargetFeature } from '../../src/domain/targets/target-score';

const values = (v: Partial<Record<TargetFeature, number>>) => Object.fromEntries(TARGET_FEATURES.map((f) => [f, v[f] ?? 0])) as Record<TargetFeature, number>;
const day = (i: number) => new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10);

/**
 * 100 targets claimed a day apart; those with ties (i divisible by 3) progressed, the others did not.
 * industryFit (i odd) and scale ((i mod 5) / 4) carry no signal.
 */
const HISTORY: TrainingExample[] = Array.from({ length: 100 }, (_, i) => ({
  values: values({ ties: i % 3 === 0 ? 1 : 0, industryFit: i % 2, scale: (i % 5) / 4 }),
  label: i % 3 === 0 ? 1 : 0,
  at: day(i),
}));

describe('fitting the weights on outcomes', () => {
  it('gives the weight to the feature that told progress from failure, none to a feature that went against it', () => {
    const fit = fitLogistic(HISTORY);
    expect(fit.coefficients.ties).toBeGreaterThan(3);
    expect(fit.coefficients.ties).toBeGreaterThan(5 * Math.max(fit.coefficients.industryFit, fit.coefficients.scale));
    // a feature higher among the failures gets no weight (kept ≥ 0), not a negative one
    const against = fitLogistic(HISTORY.map((e) => ({ ...e, values: { ...e.values, growth: e.label === 1 ? 0 : 1 } })));
    expect(against.coefficients.growth).toBe(0);
    const w = toPointWeights(fit);
    expect(w.ties).toBeGreaterThan(80);
    expect(TARGET_FEATURES.reduce((s, f) => s + w[f], 0)).toBeCloseTo(100, 0);
  });

  it('falls back to the default weights when nothing was learned', () => {
    expect(toPointWeights(fitLogistic([]))).toEqual(DEFAULT_TARGET_WEIGHTS);
  });

  it('wants 20 examples with 5 of each kind', () => {
    expect(hasEnoughExamples(HISTORY)).toBe(true);
    expect(hasEnoughExamples(HISTORY.slice(0, 19))).toBe(false);
    expect(hasEnoughExamples(HISTORY.map((e) => ({ ...e, label: 1 as const })))).toBe(false);
  });

  it('measures precision@k as the share of positives in the first k (all when shorter)', () => {
    const ranked = [1, 0, 1, 1, 0].map((label) => ({ label: label as 0 | 1 }));
    expect(precisionAt(ranked, 2)).toBe(50);
    expect(precisionAt(ranked, 4)).toBe(75);
    expect(precisionAt(ranked, 10)).toBe(60);
    expect(precisionAt([], 10)).toBeNull();
  });

  it('backtests on a time split beside capital and random', () => {
    const r = backtest(HISTORY)!;
    // the first 70 days train (i 0–69: 24 with ties), the last 30 test (i 70–99: 72, 75 … 99 = 10 positives)
    expect(r.cutoff).toBe(day(70));
    expect(r.train).toEqual({ examples: 70, positives: 24 });
    expect(r.test).toEqual({ examples: 30, positives: 10 });
    // fitted: the ten with ties rank first → 10/10
    expect(r.precision.at10.fitted).toBe(100);
    // capital: scale 1 at i mod 5 = 4 (74, 79, 84, 89, 94, 99), then 0.75 in order (73, 78, 83, 88): positives 84, 99, 78 → 3/10
    expect(r.precision.at10.capital).toBe(30);
    // random: the share of positives, 10/30
    expect(r.precision.at10.random).toBe(33.33);
    // @50 over all 30: every ranking finds the same 10
    expect(r.precision.at50).toEqual({ fitted: 33.33, defaults: 33.33, capital: 33.33, random: 33.33 });
    expect(r.precision.at10.defaults).toBeLessThan(100);
  });

  it('does not backtest without enough training history', () => {
    expect(backtest(HISTORY.slice(0, 20))).toBeNull();
  });
});
