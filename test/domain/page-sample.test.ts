/**
 * The page sample's estimate, its standard error and the "surely above the cap" decision, pinned with
 * hand-computed figures (domain/page-sample.ts).
 */
import { describe, expect, it } from 'vitest';
import { estimateSampleError, estimateSampleTotal, isLikelyWithin, isSurelyAbove } from '../../src/domain/page-sample';

describe('a sample of pages', () => {
  it('estimates the total as the matches over the sampled fraction', () => {
    expect(estimateSampleTotal({ fraction: 0.05, matches: 882, pageSquares: 1_500 })).toBeCloseTo(17_640, 6);
  });

  it('takes the standard error from the spread over the pages: √((1 − π)·Σy²) / π', () => {
    // √(0.95 × 1,500) = 37.749…; / 0.05 = 754.98…
    expect(estimateSampleError({ fraction: 0.05, matches: 882, pageSquares: 1_500 })).toBeCloseTo(754.983, 2);
    // the same 882 matches crowded into 9 pages of 98: Σy² = 86,436 → √(0.95 × 86,436) / 0.05 = 5,731.1…
    expect(estimateSampleError({ fraction: 0.05, matches: 882, pageSquares: 9 * 98 * 98 })).toBeCloseTo(5_731.12, 1);
    // the whole table read: no error
    expect(estimateSampleError({ fraction: 1, matches: 882, pageSquares: 1_500 })).toBe(0);
  });

  it('is sure only five standard errors above the cap', () => {
    // spread: 17,640 − 5 × 754.98 = 13,865 > 10,000 (the old rule, twice the cap, would have counted)
    expect(isSurelyAbove({ fraction: 0.05, matches: 882, pageSquares: 1_500 }, 10_000)).toBe(true);
    // crowded: 17,640 − 5 × 5,731.1 < 0
    expect(isSurelyAbove({ fraction: 0.05, matches: 882, pageSquares: 9 * 98 * 98 }, 10_000)).toBe(false);
    // 1,100 matches in 11 pages of 100 look like 22,000 (twice the cap), give or take 6,465: counted
    expect(isSurelyAbove({ fraction: 0.05, matches: 1_100, pageSquares: 11 * 100 * 100 }, 10_000)).toBe(false);
    // at the edge: a 10 % sample of 1,210 matches with Σy² = 3,600 → 12,100 − 5 × √(0.9 × 3,600) / 0.1 = 12,100 − 2,846.05
    expect(isSurelyAbove({ fraction: 0.1, matches: 1_210, pageSquares: 3_600 }, 9_253)).toBe(true);
    expect(isSurelyAbove({ fraction: 0.1, matches: 1_210, pageSquares: 3_600 }, 9_254)).toBe(false);
  });

  it('needs a hundred matches before it trusts the spread at all', () => {
    // 99 matches in a 0.5 % sample, one a page: 19,800 − 5 × √(0.995 × 99) / 0.005 = 19,800 − 9,925 > 9,000, yet not sure
    expect(isSurelyAbove({ fraction: 0.005, matches: 99, pageSquares: 99 }, 9_000)).toBe(false);
    expect(isSurelyAbove({ fraction: 0.005, matches: 100, pageSquares: 100 }, 9_000)).toBe(true);
  });

  it('counts a whole-table sample as exact: above the cap by a single match', () => {
    expect(isSurelyAbove({ fraction: 1, matches: 10_001, pageSquares: 1e9 }, 10_000)).toBe(true);
    expect(isSurelyAbove({ fraction: 1, matches: 10_000, pageSquares: 1e9 }, 10_000)).toBe(false);
  });

  it('takes a total to stay within a reach three standard errors above the estimate', () => {
    // 51 matches in a 0.5 % sample, one a page: 10,200 + 3 × √(0.995 × 51) / 0.005 = 10,200 + 3 × 1,424.71 = 14,474.1
    expect(isLikelyWithin({ fraction: 0.005, matches: 51, pageSquares: 51 }, 20_000)).toBe(true);
    expect(isLikelyWithin({ fraction: 0.005, matches: 51, pageSquares: 51 }, 14_475)).toBe(true);
    expect(isLikelyWithin({ fraction: 0.005, matches: 51, pageSquares: 51 }, 14_474)).toBe(false);
    // crowded: 17,640 + 3 × 5,731.1 = 34,833 — not within twice the cap
    expect(isLikelyWithin({ fraction: 0.05, matches: 882, pageSquares: 9 * 98 * 98 }, 20_000)).toBe(false);
  });

  it('needs thirty matches before a partial sample may widen the reach; the whole table is exact', () => {
    // 29 matches in a 0.05 % sample look like 58,000 ± 10,770: never within, however wide the reach
    expect(isLikelyWithin({ fraction: 0.0005, matches: 29, pageSquares: 29 }, 1_000_000)).toBe(false);
    // 30 in a 0.5 % sample, one a page: 6,000 + 3 × √(0.995 × 30) / 0.005 = 6,000 + 3 × 1,092.70 = 9,278.1
    expect(isLikelyWithin({ fraction: 0.005, matches: 30, pageSquares: 30 }, 9_279)).toBe(true);
    expect(isLikelyWithin({ fraction: 0.005, matches: 30, pageSquares: 30 }, 9_278)).toBe(false);
    expect(isLikelyWithin({ fraction: 1, matches: 15_000, pageSquares: 1e9 }, 15_000)).toBe(true);
    expect(isLikelyWithin({ fraction: 1, matches: 15_000, pageSquares: 1e9 }, 14_999)).toBe(false);
    expect(isLikelyWithin({ fraction: 1, matches: 3, pageSquares: 9 }, 3)).toBe(true);
  });
});
