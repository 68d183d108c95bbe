/** The working-day calendar of the installation: the official schedule plus the stored overrides. */
import { selectCalendarOverrides } from '../db/queries/project-records';
import { createWorkingCalendar, type WorkingCalendar } from '../domain/working-days';
import type { Deps } from './context';

export async function loadWorkingCalendar(deps: Deps): Promise<WorkingCalendar> {
  const rows = await selectCalendarOverrides(deps.db);
  return createWorkingCalendar(rows.map((r) => ({ date: r.date, kind: r.kind, name: r.name })));
}
