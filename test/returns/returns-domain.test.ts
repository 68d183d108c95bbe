/** The pure rules of monthly returns: the state machine, the snapshot diff, and due dates by the official calendar. */
import { describe, expect, it } from 'vitest';
import { renderMessage } from '../../src/domain/messages/catalog';
import { DEFAULT_REPORTING_CALENDAR, diffSnapshots, flattenFigures, isReportingLevel, nextMonth, nextReturnState, returnDueDate } from '../../src/domain/returns';
import { createWorkingCalendar } from '../../src/domain/working-days';

describe('monthly return rules', () => {
  it('allows only draft → submitted → approved | returned → submitted, and approved → returned by reopening', () => {
    expect(nextReturnState('draft', 'submit')).toEqual({ ok: true, to: 'submitted' });
    expect(nextReturnState('returned', 'submit')).toEqual({ ok: true, to: 'submitted' });
    expect(nextReturnState('submitted', 'approve')).toEqual({ ok: true, to: 'approved' });
    expect(nextReturnState('submitted', 'return')).toEqual({ ok: true, to: 'returned' });
    expect(nextReturnState('approved', 'reopen')).toEqual({ ok: true, to: 'returned' });
    const refused = nextReturnState('approved', 'submit');
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(renderMessage(refused.reason, 'zh')).toBe('月报当前为“已审核通过”，不能上报（须为草稿或已退回）');
    expect(renderMessage(refused.reason, 'en')).toBe('The return is “approved”; you cannot submit it (it must be draft or returned)');
    const single = nextReturnState('draft', 'approve');
    expect(single.ok ? null : renderMessage(single.reason, 'zh')).toBe('月报当前为“草稿”，不能审核通过（须为已上报）');
    expect(nextReturnState('draft', 'approve').ok).toBe(false);
    expect(nextReturnState('returned', 'reopen').ok).toBe(false);
    expect(nextReturnState('submitted', 'submit').ok).toBe(false);
  });

  it('diffs two snapshots figure by figure, ignoring text and unchanged figures', () => {
    const before = { region: '650109', a: { n: 1, m: 2, pct: null }, bands: [{ x: 1 }, { x: 2 }] };
    const after = { region: '650109', a: { n: 1, m: 3, pct: 12.5 }, bands: [{ x: 1 }, { x: 5 }] };
    expect(diffSnapshots(before, after)).toEqual([
      { field: 'a.m', before: 2, after: 3 },
      { field: 'a.pct', before: null, after: 12.5 },
      { field: 'bands[1].x', before: 2, after: 5 },
    ]);
    expect(diffSnapshots(after, after)).toEqual([]);
    // a figure gone from the later snapshot is a change to null; a null gone is none; fields sort by name
    expect(diffSnapshots({ z: 1, b: null, m: { y: 2, x: 3 } }, { a: 1 })).toEqual([
      { field: 'a', before: null, after: 1 },
      { field: 'm.x', before: 3, after: null },
      { field: 'm.y', before: 2, after: null },
      { field: 'z', before: 1, after: null },
    ]);
    expect(diffSnapshots(null, { n: null })).toEqual([]);
    expect([...flattenFigures(null)]).toEqual([]);
    expect([...flattenFigures({ a: [1, null], b: 'text' }, 'r')]).toEqual([['r.a[0]', 1], ['r.a[1]', null]]);
    expect(['county', 'prefecture', 'province', 'park', 'region'].filter(isReportingLevel)).toEqual(['county', 'prefecture', 'province']);
    expect(diffSnapshots({ n: null }, { n: 0 })).toEqual([{ field: 'n', before: null, after: 0 }]);
  });

  it('moves a due date falling on a holiday to the next working day', () => {
    const cal = createWorkingCalendar();
    expect(nextMonth('2026-12')).toBe('2027-01');
    // 2026-10-01…07 National Day: the county's 10-05 becomes 10-08 (a Thursday)
    expect(returnDueDate(cal, DEFAULT_REPORTING_CALENDAR, 'county', '2026-09')).toBe('2026-10-08');
    expect(returnDueDate(cal, DEFAULT_REPORTING_CALENDAR, 'prefecture', '2026-09')).toBe('2026-10-08');
    // 10-10 is a Saturday made a working day (调休)
    expect(returnDueDate(cal, DEFAULT_REPORTING_CALENDAR, 'province', '2026-09')).toBe('2026-10-10');
    // an ordinary month: 2026-03 → 2026-04-05 is 清明 (Sunday; 04-06 off in lieu) → 04-07
    expect(returnDueDate(cal, DEFAULT_REPORTING_CALENDAR, 'county', '2026-03')).toBe('2026-04-07');
    // an override (a local holiday) is honoured
    const local = createWorkingCalendar([{ date: '2026-10-08', kind: 'holiday', name: '地方假日' }]);
    expect(returnDueDate(local, DEFAULT_REPORTING_CALENDAR, 'county', '2026-09')).toBe('2026-10-09');
  });
});
