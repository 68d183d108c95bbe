import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  countWorkingDays,
  createWorkingCalendar,
  nextWorkingDayOnOrAfter,
  OFFICIAL_LAST_YEAR,
} from '../../src/domain/working-days';

const cal = createWorkingCalendar();

describe('working days by the official calendar', () => {
  it('knows the 2026 National Day holiday and its 调休 Saturday', () => {
    expect(cal.describe('2026-10-01')).toMatchObject({ kind: 'holiday', name: '国庆节', source: 'official' });
    expect(cal.isWorkingDay('2026-10-07')).toBe(false);
    expect(cal.describe('2026-10-10')).toMatchObject({ kind: 'workday', source: 'official' }); // Saturday made a workday
    expect(cal.isWorkingDay('2026-10-08')).toBe(true);
    expect(cal.isWorkingDay('2026-11-21')).toBe(false); // an ordinary Saturday
    expect(cal.isWorkingDay('2026-11-23')).toBe(true);
  });

  it('adds working days across the Spring Festival 2026 (2-15 … 2-23 off, 2-14 and 2-28 worked)', () => {
    // from Friday 2026-02-13: 2-14 (调休 Saturday) is day 1, then 2-24 day 2, 2-25 day 3
    expect(addWorkingDays(cal, '2026-02-13', 1)).toBe('2026-02-14');
    expect(addWorkingDays(cal, '2026-02-13', 3)).toBe('2026-02-25');
    expect(addWorkingDays(cal, '2026-02-13', 0)).toBe('2026-02-13');
    // 5 working days from 2026-09-30 (Wed): 10-08, 10-09, 10-10 (Sat, 调休), 10-12, 10-13
    expect(addWorkingDays(cal, '2026-09-30', 5)).toBe('2026-10-13');
  });

  it('counts elapsed working days and moves a due day off a holiday', () => {
    expect(countWorkingDays(cal, '2026-09-30', '2026-10-13')).toBe(5);
    expect(countWorkingDays(cal, '2026-10-13', '2026-09-30')).toBe(0);
    expect(nextWorkingDayOnOrAfter(cal, '2026-10-01')).toBe('2026-10-08');
    expect(nextWorkingDayOnOrAfter(cal, '2026-10-09')).toBe('2026-10-09');
  });

  it('lets an override win (a 2027 holiday entered by an administrator) and reports coverage', () => {
    expect(OFFICIAL_LAST_YEAR).toBe(2026);
    expect(cal.isYearCovered(2027)).toBe(false);
    const with2027 = createWorkingCalendar([
      { date: '2027-01-01', kind: 'holiday', name: '元旦' },
      { date: '2026-10-08', kind: 'holiday', name: '地方假日' },
    ]);
    expect(with2027.isYearCovered(2027)).toBe(true);
    expect(with2027.describe('2027-01-01')).toMatchObject({ kind: 'holiday', source: 'override' });
    expect(with2027.isWorkingDay('2026-10-08')).toBe(false);
    expect(addWorkingDays(with2027, '2026-09-30', 1)).toBe('2026-10-09');
  });

  it('refuses malformed dates with a Chinese message', () => {
    expect(() => cal.isWorkingDay('2026-02-30')).toThrow('日期“2026-02-30”格式不正确');
    expect(() => addWorkingDays(cal, '2026/01/01', 1)).toThrow('格式不正确');
    expect(() => addWorkingDays(cal, '2026-01-05', -1)).toThrow('非负整数');
  });
});
