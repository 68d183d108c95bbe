import { describe, expect, it } from 'vitest';
import { rankDescending, resolveRankingPeriods } from '../../src/domain/indicators';

describe('赛马榜 periods and ranks', () => {
  it('resolves month, quarter and year periods with the previous one to compare', () => {
    expect(resolveRankingPeriods('month', '2026-01')).toEqual({ current: { from: '2026-01', to: '2026-01' }, previous: { from: '2025-12', to: '2025-12' } });
    expect(resolveRankingPeriods('quarter', '2026-05')).toEqual({ current: { from: '2026-04', to: '2026-05' }, previous: { from: '2026-01', to: '2026-02' } });
    expect(resolveRankingPeriods('quarter', '2026-03')).toEqual({ current: { from: '2026-01', to: '2026-03' }, previous: { from: '2025-10', to: '2025-12' } });
    expect(resolveRankingPeriods('year', '2026-10')).toEqual({ current: { from: '2026-01', to: '2026-10' }, previous: { from: '2025-01', to: '2025-10' } });
  });

  it('ranks highest first, ties sharing a rank, nulls unranked', () => {
    expect(rankDescending([5, 9, 5, null, 1])).toEqual([2, 1, 2, null, 4]);
    expect(rankDescending([])).toEqual([]);
  });
});
