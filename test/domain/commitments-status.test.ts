import { describe, expect, it } from 'vitest';
import { CLAUSE_TYPE_NAMES, CLAUSE_TYPES, canBecomeAgreed, COMMITMENT_STATUS_NAMES, DEFAULT_GRACE_WORKING_DAYS, needsFairCompetitionReview } from '../../src/domain/commitments/clause-kinds';
import { computeDeadline, countDaysOverdue, deriveStatus, findFulfilledOn, isOpenStatus, sumFulfilled, type ClauseState, type Fulfilment } from '../../src/domain/commitments/clause-status';
import { applyStatusAction, canRecordFulfilment, isStatusActionAllowed, listAllowedFrom } from '../../src/domain/commitments/status-transitions';
import { COMMITMENT_STATUSES } from '../../src/domain/commitments/clause-kinds';
import { createWorkingCalendar } from '../../src/domain/working-days';

const cal = createWorkingCalendar();
// due Monday 2026-11-02; 10 working days of grace end Monday 2026-11-16 (11-03…06 four, 11-09…13 nine, 11-16 ten)
const base: ClauseState = { amountYuan: 1_000_000n, dueDate: '2026-11-02', graceWorkingDays: 10, manualStatus: null, fulfilments: [] };
const paid = (on: string, amountYuan: bigint | null, complete = false): Fulfilment => ({ on, amountYuan, complete });

describe('commitment status as of a day', () => {
  it('is pending before the due date, due from it until the deadline, overdue the day after', () => {
    expect(computeDeadline(cal, '2026-11-02', 10)).toBe('2026-11-16');
    expect(deriveStatus(cal, base, '2026-11-01')).toBe('pending');
    expect(deriveStatus(cal, base, '2026-11-02')).toBe('due');
    expect(deriveStatus(cal, base, '2026-11-16')).toBe('due');
    expect(deriveStatus(cal, base, '2026-11-17')).toBe('overdue');
  });

  it('with no grace is overdue the day after the due date', () => {
    const c = { ...base, graceWorkingDays: 0 };
    expect(computeDeadline(cal, '2026-11-02', 0)).toBe('2026-11-02');
    expect(deriveStatus(cal, c, '2026-11-02')).toBe('due');
    expect(deriveStatus(cal, c, '2026-11-03')).toBe('overdue');
  });

  it('is partly fulfilled with some evidence below the amount, overdue once the deadline passes', () => {
    const c = { ...base, fulfilments: [paid('2026-10-20', 400_000n)] };
    expect(deriveStatus(cal, c, '2026-11-01')).toBe('partly');
    expect(deriveStatus(cal, c, '2026-11-10')).toBe('partly');
    expect(deriveStatus(cal, c, '2026-11-17')).toBe('overdue');
    expect(sumFulfilled(c.fulfilments)).toBe(400_000n);
  });

  it('is fulfilled when the fulfilments reach the amount, on the day the last one makes it up', () => {
    const fs = [paid('2026-12-01', 400_000n), paid('2026-10-20', 600_000n), paid('2026-12-05', 1n)];
    expect(findFulfilledOn(1_000_000n, fs)).toBe('2026-12-01');
    expect(deriveStatus(cal, { ...base, fulfilments: fs }, '2026-12-07')).toBe('fulfilled');
    expect(findFulfilledOn(1_000_000n, [paid('2026-10-20', 999_999n)])).toBeNull();
    expect(findFulfilledOn(1_000_000n, [paid('2026-10-20', 1_000_000n)])).toBe('2026-10-20');
  });

  it('a clause without an amount is fulfilled by a record marked complete, partly by one that is not', () => {
    const c = { ...base, amountYuan: null };
    expect(deriveStatus(cal, { ...c, fulfilments: [paid('2026-10-01', null)] }, '2026-10-05')).toBe('partly');
    expect(deriveStatus(cal, { ...c, fulfilments: [paid('2026-10-01', null), paid('2026-10-03', null, true)] }, '2026-12-07')).toBe('fulfilled');
    expect(findFulfilledOn(null, [paid('2026-10-09', null, true), paid('2026-10-03', null, true)])).toBe('2026-10-03');
    expect(findFulfilledOn(null, [])).toBeNull();
  });

  it('a data trigger not reached (no due date) stays pending, or partly with something fulfilled', () => {
    const c = { ...base, dueDate: null };
    expect(deriveStatus(cal, c, '2030-01-01')).toBe('pending');
    expect(deriveStatus(cal, { ...c, fulfilments: [paid('2026-10-01', 5n)] }, '2030-01-01')).toBe('partly');
    expect(countDaysOverdue(cal, c, '2030-01-01')).toBe(0);
  });

  it('a waived or disputed clause keeps that status whatever the data say', () => {
    expect(deriveStatus(cal, { ...base, manualStatus: 'waived' }, '2026-12-07')).toBe('waived');
    expect(deriveStatus(cal, { ...base, manualStatus: 'disputed', fulfilments: [paid('2026-10-01', 1_000_000n)] }, '2026-12-07')).toBe('disputed');
  });

  it('counts working days past the deadline', () => {
    expect(countDaysOverdue(cal, base, '2026-11-16')).toBe(0);
    expect(countDaysOverdue(cal, base, '2026-11-17')).toBe(1);
    expect(countDaysOverdue(cal, base, '2026-11-20')).toBe(4);
    expect(countDaysOverdue(cal, base, '2026-11-22')).toBe(4); // a Sunday adds nothing
    expect(countDaysOverdue(cal, base, '2026-11-23')).toBe(5);
  });

  it('open clauses are those still owed', () => {
    expect(COMMITMENT_STATUSES.filter(isOpenStatus)).toEqual(['pending', 'due', 'partly', 'overdue', 'disputed']);
  });
});

describe('status changes by hand', () => {
  it('allows dispute, waive and clear only from the listed statuses', () => {
    const table = Object.fromEntries((['dispute', 'waive', 'clear'] as const).map((a) => [a, COMMITMENT_STATUSES.filter((s) => isStatusActionAllowed(a, s))]));
    expect(table).toEqual({
      dispute: ['pending', 'due', 'partly', 'overdue'],
      waive: ['pending', 'due', 'partly', 'overdue', 'disputed'],
      clear: ['disputed', 'waived'],
    });
    expect(listAllowedFrom('clear')).toEqual(['disputed', 'waived']);
  });

  it('leaves disputed, waived, or the data to decide', () => {
    expect(applyStatusAction('dispute')).toBe('disputed');
    expect(applyStatusAction('waive')).toBe('waived');
    expect(applyStatusAction('clear')).toBeNull();
  });

  it('takes fulfilments on any clause but a waived one', () => {
    expect(COMMITMENT_STATUSES.filter(canRecordFulfilment)).toEqual(['pending', 'due', 'fulfilled', 'partly', 'overdue', 'disputed']);
  });
});

describe('公平竞争审查', () => {
  it('flags tax refunds always, subsidies, price, land and utility concessions when selective, never services or others', () => {
    expect(needsFairCompetitionReview('taxRefund', false)).toBe(true);
    expect(needsFairCompetitionReview('taxRefund', true)).toBe(true);
    for (const t of ['subsidy', 'price', 'land', 'utility'] as const) {
      expect(needsFairCompetitionReview(t, true), t).toBe(true);
      expect(needsFairCompetitionReview(t, false), t).toBe(false);
    }
    for (const t of ['service', 'other'] as const) expect(needsFairCompetitionReview(t, true), t).toBe(false);
  });

  it('lets a flagged clause become agreed only after an approving review', () => {
    expect(canBecomeAgreed(false, null)).toBe(true);
    expect(canBecomeAgreed(true, null)).toBe(false);
    expect(canBecomeAgreed(true, 'rejected')).toBe(false);
    expect(canBecomeAgreed(true, 'approved')).toBe(true);
  });
});

describe('names and defaults', () => {
  it('names every clause type and status in Chinese, and gives 10 working days of grace by default', () => {
    expect(CLAUSE_TYPES.map((t) => CLAUSE_TYPE_NAMES[t])).toEqual(['补贴', '土地', '税收返还/奖励', '价格优惠', '水电气暖', '服务保障', '其他']);
    expect(COMMITMENT_STATUSES.map((s) => COMMITMENT_STATUS_NAMES[s])).toEqual(['待兑现', '已到期', '已兑现', '部分兑现', '逾期', '有争议', '已豁免']);
    expect(DEFAULT_GRACE_WORKING_DAYS).toBe(10);
  });
});
