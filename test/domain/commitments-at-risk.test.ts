import { describe, expect, it } from 'vitest';
import { AT_RISK_WORKING_DAYS, findWorkingDaysLeft, type AtRiskFacts } from '../../src/domain/commitments/at-risk';
import { createWorkingCalendar } from '../../src/domain/working-days';

const cal = createWorkingCalendar();
// due Monday 2026-11-02 with 10 working days of grace: deadline Monday 2026-11-16 (as in commitments-status.test.ts)
const clause: AtRiskFacts = { status: 'pending', dueDate: '2026-11-02', deadline: '2026-11-16' };

describe('即将到期 (at risk) clauses, hand-counted', () => {
  it('looks ten working days ahead', () => {
    expect(AT_RISK_WORKING_DAYS).toBe(10);
  });

  it('enters the list when the due date is ten working days away, not eleven', () => {
    // Friday 10-16 + 10 working days = 10-30 (10-19…23 five, 10-26…30 ten): 11-02 is beyond
    expect(findWorkingDaysLeft(cal, clause, '2026-10-16')).toBeNull();
    // Monday 10-19 + 10 working days = 11-02 (10-20…23 four, 10-26…30 nine, 11-02 ten); the deadline 11-16 is
    // 20 working days on (10-20…23 4, 10-26…30 9, 11-02…06 14, 11-09…13 19, 11-16 20)
    expect(findWorkingDaysLeft(cal, clause, '2026-10-19')).toBe(20);
    // a shorter horizon: 10-19 + 5 working days = 10-26, before the due date
    expect(findWorkingDaysLeft(cal, clause, '2026-10-19', 5)).toBeNull();
  });

  it('stays on it through the grace period and leaves it the day the clause is overdue', () => {
    // Friday 11-06 in grace: 11-09…13 five, 11-16 six
    expect(findWorkingDaysLeft(cal, { ...clause, status: 'due' }, '2026-11-06')).toBe(6);
    // Saturday 11-14: only Monday 11-16 is left
    expect(findWorkingDaysLeft(cal, { ...clause, status: 'partly' }, '2026-11-14')).toBe(1);
    expect(findWorkingDaysLeft(cal, { ...clause, status: 'due' }, '2026-11-16')).toBe(0);
    expect(findWorkingDaysLeft(cal, { ...clause, status: 'overdue' }, '2026-11-17')).toBeNull();
    // the status decides, not only the dates: an overdue status is never "at risk"
    expect(findWorkingDaysLeft(cal, { ...clause, status: 'overdue' }, '2026-11-16')).toBeNull();
  });

  it('leaves out clauses done, waived, disputed or without a due date', () => {
    for (const status of ['fulfilled', 'waived', 'disputed'] as const) expect(findWorkingDaysLeft(cal, { ...clause, status }, '2026-11-06')).toBeNull();
    expect(findWorkingDaysLeft(cal, { status: 'pending', dueDate: null, deadline: null }, '2026-11-06')).toBeNull();
  });

  it('counts across the National Day holiday and its 调休 Saturday', () => {
    // 2026: 10-01…07 off, Saturday 10-10 a working day. 09-30 + 10 working days = 10-20
    // (10-08 1, 10-09 2, 10-10 3, 10-12…16 8, 10-19 9, 10-20 10); a clause due and ending 10-20 has 10 left
    const c: AtRiskFacts = { status: 'pending', dueDate: '2026-10-20', deadline: '2026-10-20' };
    expect(findWorkingDaysLeft(cal, c, '2026-09-30')).toBe(10);
    expect(findWorkingDaysLeft(cal, { ...c, dueDate: '2026-10-21', deadline: '2026-10-21' }, '2026-09-30')).toBeNull();
  });
});
