/** The one default period (src/domain/periods.ts): the last complete month in Asia/Shanghai. */
import { describe, expect, it } from 'vitest';
import { defaultPeriod, lastCompleteMonth, monthInShanghai, shiftMonth } from '../../src/contracts/periods';

describe('default period', () => {
  it('is the month before the current one in Asia/Shanghai, whatever the UTC date', () => {
    // 2026-11-30 16:30 UTC is already 1 December in Shanghai: November is complete
    expect(monthInShanghai(new Date('2026-11-30T16:30:00Z'))).toBe('2026-12');
    expect(lastCompleteMonth(new Date('2026-11-30T16:30:00Z'))).toBe('2026-11');
    expect(lastCompleteMonth(new Date('2026-11-30T15:30:00Z'))).toBe('2026-10');
  });
  it('runs from January of that month, and in January is the whole last year', () => {
    expect(defaultPeriod(new Date('2026-12-06T03:00:00Z'))).toEqual({ from: '2026-01', to: '2026-11' });
    expect(defaultPeriod(new Date('2027-01-10T03:00:00Z'))).toEqual({ from: '2026-01', to: '2026-12' });
  });
  it('shifts months across years', () => {
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
    expect(shiftMonth('2026-12', 1)).toBe('2027-01');
    expect(shiftMonth('2026-03', -15)).toBe('2024-12');
  });
});
