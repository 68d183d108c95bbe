/** The working-day calendar of the installation: the official schedule plus the stored overrides. */
import { eq } from 'drizzle-orm';
import { selectCalendarOverrides } from '../db/queries/projects/project-records';
import { calendarOverrides } from '../db/schema/index';
import { AppError } from '../domain/app-error';
import { msg } from '../domain/messages/catalog';
import { assertDate, createWorkingCalendar, OFFICIAL_LAST_YEAR, type WorkingCalendar } from '../domain/working-days';
import { recordAudit } from './audit/audit';
import type { Caller, Deps } from './context';

export async function loadWorkingCalendar(deps: Deps): Promise<WorkingCalendar> {
  const rows = await selectCalendarOverrides(deps.db);
  return createWorkingCalendar(rows.map((r) => ({ date: r.date, kind: r.kind, name: r.name })));
}

export async function listCalendarOverrides(deps: Deps) {
  const rows = await selectCalendarOverrides(deps.db);
  return { officialLastYear: OFFICIAL_LAST_YEAR, items: rows.map((r) => ({ date: r.date, kind: r.kind, name: r.name })) };
}

function checkDate(date: string) {
  try {
    assertDate(date);
  } catch {
    throw new AppError('VALIDATION', msg('calendar.dateInvalid', { date }), [{ field: 'date', message: msg('calendar.dateInvalid', { date }) }]);
  }
}

export async function saveCalendarOverride(deps: Deps, caller: Caller, input: { date: string; kind: 'workday' | 'holiday'; name: string; reason: string }) {
  checkDate(input.date);
  const [before] = await deps.db.select().from(calendarOverrides).where(eq(calendarOverrides.date, input.date));
  await deps.db.transaction(async (tx) => {
    await tx
      .insert(calendarOverrides)
      .values({ date: input.date, kind: input.kind, name: input.name })
      .onConflictDoUpdate({ target: calendarOverrides.date, set: { kind: input.kind, name: input.name } });
    await recordAudit(tx, caller, {
      action: 'calendar.override.save',
      objectType: 'calendar',
      objectId: input.date,
      before: before ? { kind: before.kind, name: before.name } : null,
      after: { kind: input.kind, name: input.name },
      reason: input.reason,
    });
  });
  return { date: input.date, kind: input.kind, name: input.name };
}

export async function deleteCalendarOverride(deps: Deps, caller: Caller, date: string, reason: string) {
  checkDate(date);
  await deps.db.transaction(async (tx) => {
    const rows = await tx.delete(calendarOverrides).where(eq(calendarOverrides.date, date)).returning();
    if (rows.length === 0) throw new AppError('NOT_FOUND', msg('calendar.noOverride', { date }));
    await recordAudit(tx, caller, { action: 'calendar.override.delete', objectType: 'calendar', objectId: date, before: { kind: rows[0]?.kind, name: rows[0]?.name }, reason });
  });
}
