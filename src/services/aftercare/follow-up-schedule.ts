/**
 * Creating the follow-up schedule (回访计划) when a project reaches 投产, whatever the path: the
 * project services call it for the project they change (create, stage change), the project import
 * and the hourly clocks for every operating project that has no visit yet. Idempotent: a project
 * with visits is left alone, and (project, month) is unique.
 *
 * Visits whose due date has already passed when the schedule is made (a project recorded as 投产
 * long after the fact) collapse into one catch-up visit, due on the next working day, carrying the
 * latest past schedule month; the later months keep their dates.
 */
import {
  insertScheduledFollowUps,
  selectPendingScheduled,
  selectProjectsWithoutFollowUps,
  updateFollowUpDueDate,
} from '../../db/queries/aftercare/follow-ups';
import { todayInShanghai } from '../../domain/dates';
import { computeFollowUpSchedule, type AftercareSettings } from '../../domain/aftercare/follow-ups';
import { nextWorkingDayOnOrAfter, type WorkingCalendar } from '../../domain/working-days';
import { loadWorkingCalendar } from '../calendar';
import type { Deps } from '../context';
import { getAftercareSettings } from './aftercare-settings';

/** The schedule of a project landed on `landedOn`, made on `today` (past visits collapsed into one). */
function planVisits(cal: WorkingCalendar, landedOn: string, months: readonly number[], today: string): { scheduleMonth: number; dueDate: string }[] {
  const all = computeFollowUpSchedule(cal, landedOn, months);
  const past = all.filter((v) => v.dueDate < today);
  const future = all.filter((v) => v.dueDate >= today);
  const last = past.at(-1);
  return last ? [{ scheduleMonth: last.scheduleMonth, dueDate: nextWorkingDayOnOrAfter(cal, today) }, ...future] : future;
}

/**
 * Schedules the visits of operating projects without any (those among `projectIds`, or all).
 * Returns how many visits were created.
 */
export async function scheduleMissingFollowUps(
  deps: Deps,
  opts: { projectIds?: readonly string[]; calendar?: WorkingCalendar; settings?: AftercareSettings; today?: string } = {},
): Promise<number> {
  const projects = await selectProjectsWithoutFollowUps(deps.db, opts.projectIds ?? null);
  if (projects.length === 0) return 0;
  const calendar = opts.calendar ?? (await loadWorkingCalendar(deps));
  const settings = opts.settings ?? (await getAftercareSettings(deps));
  const today = opts.today ?? todayInShanghai();
  const rows = projects.flatMap((p) => planVisits(calendar, p.landedOn ?? today, settings.followUpMonths, today).map((v) => ({ projectId: p.id, ...v })));
  return insertScheduledFollowUps(deps.db, rows);
}

/** A changed 投产 date moves the scheduled visits not done yet (each to its month after the new date). */
export async function rescheduleFollowUps(deps: Deps, projectId: string, operatingDate: string): Promise<void> {
  const pending = await selectPendingScheduled(deps.db, projectId);
  if (pending.length === 0) return;
  const calendar = await loadWorkingCalendar(deps);
  for (const v of pending) {
    const [planned] = computeFollowUpSchedule(calendar, operatingDate, [v.scheduleMonth ?? 0]);
    if (planned && planned.dueDate !== v.dueDate) await updateFollowUpDueDate(deps.db, v.id, planned.dueDate);
  }
}
