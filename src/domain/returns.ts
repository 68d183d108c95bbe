/**
 * 月报 (monthly returns), pure rules: the state machine of 层层审核, the diff of two submitted
 * snapshots, and the reporting calendar's due dates.
 */
import { msg, type Message } from './messages/catalog';
import { nextWorkingDayOnOrAfter, type WorkingCalendar } from './working-days';

export const RETURN_STATES = ['draft', 'submitted', 'approved', 'returned'] as const;
export type ReturnState = (typeof RETURN_STATES)[number];
export type ReturnAction = 'submit' | 'approve' | 'return' | 'reopen';

/** The states' names, for the reader's language (renderMessage). */
export const RETURN_STATE_NAMES: Record<ReturnState, Message> = {
  draft: msg('returns.state.draft'),
  submitted: msg('returns.state.submitted'),
  approved: msg('returns.state.approved'),
  returned: msg('returns.state.returned'),
};

/**
 * draft → submitted (submit); submitted → approved (approve) | returned (return);
 * returned → submitted (submit again); approved → returned (reopen by the parent level, with a reason).
 */
const TRANSITIONS: Record<ReturnAction, { from: readonly ReturnState[]; to: ReturnState }> = {
  submit: { from: ['draft', 'returned'], to: 'submitted' },
  approve: { from: ['submitted'], to: 'approved' },
  return: { from: ['submitted'], to: 'returned' },
  reopen: { from: ['approved'], to: 'returned' },
};

const ACTION_NAMES: Record<ReturnAction, Message> = {
  submit: msg('returns.action.submit'),
  approve: msg('returns.action.approve'),
  return: msg('returns.action.return'),
  reopen: msg('returns.action.reopen'),
};

/** The state after `action`, or why the action is not possible in `state`. */
export function nextReturnState(state: ReturnState, action: ReturnAction): { ok: true; to: ReturnState } | { ok: false; reason: Message } {
  const t = TRANSITIONS[action];
  if (t.from.includes(state)) return { ok: true, to: t.to };
  const [first, second] = t.from.map((s) => RETURN_STATE_NAMES[s]);
  const allowed = first && second ? msg('returns.either', { first, second }) : (first ?? '');
  return { ok: false, reason: msg('returns.transition', { state: RETURN_STATE_NAMES[state], action: ACTION_NAMES[action], allowed }) };
}

/** The numeric leaves of a snapshot, keyed by their dotted path (arrays by index): a flat list of figures. */
export function flattenFigures(value: unknown, prefix = ''): Map<string, number | null> {
  const out = new Map<string, number | null>();
  const walk = (v: unknown, path: string) => {
    if (typeof v === 'number') out.set(path, v);
    else if (v === null) {
      if (path) out.set(path, null);
    } else if (Array.isArray(v)) v.forEach((item, i) => walk(item, `${path}[${i}]`));
    else if (typeof v === 'object') for (const [k, item] of Object.entries(v as Record<string, unknown>)) walk(item, path ? `${path}.${k}` : k);
  };
  walk(value, prefix);
  return out;
}

export interface FigureChange {
  field: string;
  before: number | null;
  after: number | null;
}

/** Each figure that differs between two snapshots, before → after, sorted by field (jsonb keeps no key order). */
export function diffSnapshots(before: unknown, after: unknown): FigureChange[] {
  const a = flattenFigures(before);
  const b = flattenFigures(after);
  const changes: FigureChange[] = [];
  for (const [field, value] of b) {
    const old = a.has(field) ? (a.get(field) ?? null) : null;
    if (old !== value) changes.push({ field, before: old, after: value });
  }
  for (const [field, value] of a) if (!b.has(field) && value !== null) changes.push({ field, before: value, after: null });
  return changes.sort((x, y) => (x.field < y.field ? -1 : x.field > y.field ? 1 : 0));
}

export const REPORTING_LEVELS = ['county', 'prefecture', 'province'] as const;
export type ReportingLevel = (typeof REPORTING_LEVELS)[number];

/** The day of the following month each level's return is due (before the working-day shift). */
export interface ReportingCalendar {
  countyDay: number;
  prefectureDay: number;
  provinceDay: number;
}

export const DEFAULT_REPORTING_CALENDAR: ReportingCalendar = { countyDay: 5, prefectureDay: 8, provinceDay: 10 };

export function nextMonth(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** The due date of a level's return for `month`: the configured day of the following month, moved to the next working day. */
export function returnDueDate(cal: WorkingCalendar, settings: ReportingCalendar, level: ReportingLevel, month: string): string {
  const day = level === 'county' ? settings.countyDay : level === 'prefecture' ? settings.prefectureDay : settings.provinceDay;
  return nextWorkingDayOnOrAfter(cal, `${nextMonth(month)}-${String(day).padStart(2, '0')}`);
}

/** Parks are counted in their county: they file no return of their own. */
export function isReportingLevel(level: string): level is ReportingLevel {
  return (REPORTING_LEVELS as readonly string[]).includes(level);
}
