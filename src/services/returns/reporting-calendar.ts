/**
 * 报送日历: the day of the following month each level's monthly return is due (settings), shifted
 * to the next working day by the official calendar.
 */
import { reportingCalendarSchema } from '../../contracts/returns';
import { selectSetting, upsertSetting } from '../../db/queries/settings';
import { DEFAULT_REPORTING_CALENDAR, returnDueDate, type ReportingCalendar, type ReportingLevel } from '../../domain/returns';
import { recordAudit } from '../audit/audit';
import { loadWorkingCalendar } from '../calendar';
import type { Caller, Deps } from '../context';

const KEY = 'reporting_calendar';


export async function getReportingCalendar(deps: Deps): Promise<ReportingCalendar> {
  const row = await selectSetting(deps.db, KEY);
  const parsed = reportingCalendarSchema.partial().safeParse(row?.value ?? {});
  return { ...DEFAULT_REPORTING_CALENDAR, ...(parsed.success ? parsed.data : {}) };
}

export async function updateReportingCalendar(deps: Deps, caller: Caller, value: ReportingCalendar, reason: string): Promise<ReportingCalendar> {
  const before = await getReportingCalendar(deps);
  await deps.db.transaction(async (tx) => {
    await upsertSetting(tx, KEY, value);
    await recordAudit(tx, caller, { action: 'settings.reportingCalendar.update', objectType: 'settings', objectId: KEY, before, after: value, reason });
  });
  return value;
}

/** A function giving the due date of a level's return for a month, with the settings and calendar loaded once. */
export async function loadDueDates(deps: Deps): Promise<(level: ReportingLevel, month: string) => string> {
  const [settings, cal] = await Promise.all([getReportingCalendar(deps), loadWorkingCalendar(deps)]);
  return (level, month) => returnDueDate(cal, settings, level, month);
}
