/**
 * The pure rules of aftercare: the follow-up schedule (calendar months after 投产, clamped to a short
 * month's end, moved off weekends and holidays by the 2026 official calendar), the visit clock, the
 * escalation after exactly N working days, and the investor signals. Dates are hand-computed.
 */
import { describe, expect, it } from 'vitest';
import { addCalendarMonths, computeFollowUpClock, computeFollowUpSchedule, computeOverdueClock } from '../../src/domain/aftercare/follow-ups';
import { computeAftercareSignals } from '../../src/domain/aftercare/signals';
import { renderMessage } from '../../src/domain/messages/catalog';
import { createWorkingCalendar } from '../../src/domain/working-days';

const cal = createWorkingCalendar();

describe('follow-up schedule', () => {
  it('adds calendar months, clamping to the last day of a shorter month', () => {
    expect(addCalendarMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addCalendarMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addCalendarMonths('2026-08-31', 3)).toBe('2026-11-30');
    expect(addCalendarMonths('2026-11-15', 2)).toBe('2027-01-15');
    expect(addCalendarMonths('2026-01-15', 12)).toBe('2027-01-15');
  });

  it('schedules 1, 3, 6 and 12 months after 投产, a due day on a holiday moving to the next working day', () => {
    // 2026-02-15 is in the Spring Festival break (02-15..02-23): the visit moves to Tuesday 02-24
    expect(computeFollowUpSchedule(cal, '2026-01-15', [12, 1, 6, 3])).toEqual([
      { scheduleMonth: 1, dueDate: '2026-02-24' },
      { scheduleMonth: 3, dueDate: '2026-04-15' },
      { scheduleMonth: 6, dueDate: '2026-07-15' },
      { scheduleMonth: 12, dueDate: '2027-01-15' },
    ]);
  });

  it('keeps a Saturday that is a 调休 working day, and moves an ordinary Sunday to Monday', () => {
    // 2026-01-31 + 1 month = Saturday 2026-02-28, a 调休 working day
    expect(computeFollowUpSchedule(cal, '2026-01-31', [1])).toEqual([{ scheduleMonth: 1, dueDate: '2026-02-28' }]);
    // 2026-09-08 + 1 month = Thursday 2026-10-08 (after the National Day break); + 2 months = Sunday 2026-11-08 → Monday 11-09
    expect(computeFollowUpSchedule(cal, '2026-09-08', [1, 2])).toEqual([
      { scheduleMonth: 1, dueDate: '2026-10-08' },
      { scheduleMonth: 2, dueDate: '2026-11-09' },
    ]);
  });

  it('tells a visit due soon within the window of working days, overdue the day after its due date', () => {
    // Friday 2026-11-06 + 5 working days = Friday 11-13
    expect(computeFollowUpClock(cal, '2026-11-13', null, '2026-11-06', 5)).toBe('dueSoon');
    expect(computeFollowUpClock(cal, '2026-11-16', null, '2026-11-06', 5)).toBeNull();
    expect(computeFollowUpClock(cal, '2026-11-06', null, '2026-11-06', 5)).toBe('dueSoon');
    expect(computeFollowUpClock(cal, '2026-11-05', null, '2026-11-06', 5)).toBe('overdue');
    expect(computeFollowUpClock(cal, '2026-11-05', '2026-11-05', '2026-11-06', 5)).toBeNull();
  });
});

describe('escalation after N working days overdue', () => {
  it('escalates a problem due on a Friday on the third working day after, not the second', () => {
    expect(computeOverdueClock(cal, '2026-11-06', '2026-11-06', 3)).toBeNull();
    expect(computeOverdueClock(cal, '2026-11-06', '2026-11-07', 3)).toBe('overdue');
    expect(computeOverdueClock(cal, '2026-11-06', '2026-11-09', 3)).toBe('overdue');
    expect(computeOverdueClock(cal, '2026-11-06', '2026-11-10', 3)).toBe('overdue');
    expect(computeOverdueClock(cal, '2026-11-06', '2026-11-11', 3)).toBe('escalated');
  });

  it('counts no holiday and counts a 调休 Saturday', () => {
    // due Wed 2026-09-30; 10-01..10-07 off; Thu 10-08 (1), Fri 10-09 (2), Sat 10-10 调休 (3)
    expect(computeOverdueClock(cal, '2026-09-30', '2026-10-07', 3)).toBe('overdue');
    expect(computeOverdueClock(cal, '2026-09-30', '2026-10-09', 3)).toBe('overdue');
    expect(computeOverdueClock(cal, '2026-09-30', '2026-10-10', 3)).toBe('escalated');
  });
});

describe('investor signals', () => {
  const base = { today: '2026-12-01', projectRegionPath: '/650000/650100/650109/', followUps: [], fieldChanges: [], regionPaths: new Map<string, string>() };
  const text = (ms: Parameters<typeof renderMessage>[0][]) => ms.map((m) => renderMessage(m, 'zh'));

  it('is quiet without red flags or changes', () => {
    expect(computeAftercareSignals(base)).toEqual({ risk: 'none', riskReasons: [], expansion: false, expansionReasons: [] });
  });

  it('reads the red flags of visits done in the last 12 months', () => {
    const s = computeAftercareSignals({
      ...base,
      followUps: [
        { doneOn: '2026-10-20', redFlags: ['dispute', 'expansion'] },
        { doneOn: '2025-11-30', redFlags: ['movingOut'] }, // older than a year: ignored
        { doneOn: null, redFlags: ['movingOut'] },
      ],
    });
    expect(s.risk).toBe('watch');
    expect(text(s.riskReasons)).toEqual(['2026-10-20 回访：存在纠纷']);
    expect(s.expansion).toBe(true);
    expect(text(s.expansionReasons)).toEqual(['2026-10-20 回访：企业有扩产增资意向']);
  });

  it('makes a moving-out flag, a 注销 status or a registered address outside the region a high risk', () => {
    expect(computeAftercareSignals({ ...base, followUps: [{ doneOn: '2026-11-01', redFlags: ['movingOut'] }] }).risk).toBe('high');
    const status = computeAftercareSignals({ ...base, fieldChanges: [{ field: 'status', oldValue: 'existing', newValue: 'deregistered', date: '2026-06-01' }] });
    expect(status.risk).toBe('high');
    expect(text(status.riskReasons)).toEqual(['2026-06-01 登记状态变为“注销”']);
    const moved = computeAftercareSignals({
      ...base,
      regionPaths: new Map([
        ['652301', '/650000/652300/652301/'],
        ['650109', '/650000/650100/650109/'],
      ]),
      fieldChanges: [
        { field: 'regionCode', oldValue: '650109', newValue: '652301', date: '2026-05-01' },
        { field: 'regionCode', oldValue: '652301', newValue: '650109', date: '2026-04-01' },
      ],
    });
    expect(text(moved.riskReasons)).toEqual(['2026-05-01 注册地迁至本地区以外（652301）']);
  });

  it('reads capital and staff changes both ways, and two watch reasons make a high risk', () => {
    const s = computeAftercareSignals({
      ...base,
      fieldChanges: [
        { field: 'registeredCapitalYuan', oldValue: 50_000_000, newValue: 20_000_000, date: '2026-03-01' },
        { field: 'employees', oldValue: 100, newValue: 80, date: '2026-04-01' },
        { field: 'employees', oldValue: 80, newValue: 81, date: '2026-05-01' },
      ],
    });
    expect(s.risk).toBe('high');
    expect(text(s.riskReasons)).toEqual(['2026-03-01 注册资本由 5000 万元减至 2000 万元', '2026-04-01 从业人数由 100 人减至 80 人']);
    const up = computeAftercareSignals({ ...base, fieldChanges: [{ field: 'registeredCapitalYuan', oldValue: '10000000', newValue: '30000000', date: '2026-02-01' }] });
    expect(up).toMatchObject({ risk: 'none', expansion: true });
    expect(text(up.expansionReasons)).toEqual(['2026-02-01 注册资本由 1000 万元增至 3000 万元']);
  });
});
