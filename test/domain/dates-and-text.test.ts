import { describe, expect, it } from 'vitest';
import { isCalendarDate, isMonth, MAX_YEAR, MIN_YEAR, startOfShanghaiDay, todayInShanghai, toShanghaiDate } from '../../src/domain/dates';
import { describeBadText, showBadText } from '../../src/domain/text-input';

describe('Shanghai dates', () => {
  it('names the Shanghai day of an instant, which starts at 16:00 UTC the day before', () => {
    expect(toShanghaiDate(new Date('2026-03-31T15:59:59Z'))).toBe('2026-03-31');
    expect(toShanghaiDate(new Date('2026-03-31T16:00:00Z'))).toBe('2026-04-01');
    expect(todayInShanghai(new Date('2026-12-31T16:30:00Z'))).toBe('2027-01-01');
    expect(todayInShanghai()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(startOfShanghaiDay('2026-10-01').toISOString()).toBe('2026-09-30T16:00:00.000Z');
  });

  it('accepts months 01–12 of the years 1900–2199 only', () => {
    expect([MIN_YEAR, MAX_YEAR]).toEqual([1900, 2199]);
    for (const ok of ['1900-01', '2026-12', '2199-06']) expect(isMonth(ok), ok).toBe(true);
    for (const bad of ['1899-12', '2200-01', '2026-00', '2026-13', '2026-1', ' 2026-01', '2026-01-01', 'x2026-01']) expect(isMonth(bad), bad).toBe(false);
  });

  it('accepts days that exist, leap days included, within the years 1900–2199', () => {
    for (const ok of ['2024-02-29', '2026-02-28', '2026-12-31', '1900-01-01', '2199-12-31', '2000-02-29']) expect(isCalendarDate(ok), ok).toBe(true);
    for (const bad of ['2026-02-29', '1900-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00', '1899-12-31', '2200-01-01', '2026-1-01', '2026-01-01T00', 'a2026-01-01'])
      expect(isCalendarDate(bad), bad).toBe(false);
  });
});

describe('text that cannot be stored', () => {
  it('names a NUL character and a lone surrogate, and passes ordinary and paired text', () => {
    expect(describeBadText('米东区\u0000')).toBe('含有空字符（U+0000），不能保存');
    expect(describeBadText('a\uD800b')).toBe('含有不成对的代理字符（U+D800），不是合法的 Unicode 文本');
    expect(describeBadText('\uDC01')).toBe('含有不成对的代理字符（U+DC01），不是合法的 Unicode 文本');
    expect(describeBadText('x\uDBFF')).toBe('含有不成对的代理字符（U+DBFF），不是合法的 Unicode 文本');
    expect(describeBadText('招商 😀 引资')).toBeNull();
    expect(describeBadText('')).toBeNull();
  });

  it('shows bad text escaped and cut to the length asked', () => {
    expect(showBadText('a\u0000b\u0000c')).toBe('a\\0b\\0c');
    expect(showBadText('a\uD83Db\uDE00 😀')).toBe('a\\uD83Db\\uDE00 😀');
    expect(showBadText('一二三四五六', 4)).toBe('一二三四…');
    expect(showBadText('一二三四', 4)).toBe('一二三四');
    expect(showBadText('x'.repeat(51))).toBe(`${'x'.repeat(50)}…`);
    expect(showBadText('x'.repeat(50))).toBe('x'.repeat(50));
  });
});
