/**
 * The settings of aftercare and the clocks (设置 → 回访与提醒): follow-up months after 投产, the working
 * days after which an overdue problem or 帮办代办 item escalates, and the due-soon window. Edited by the
 * system administrator like the other business settings; every change audited with its reason.
 */
import { selectSetting, upsertSetting } from '../../db/queries/settings';
import { DEFAULT_AFTERCARE_SETTINGS, type AftercareSettings } from '../../domain/aftercare/follow-ups';
import { AppError } from '../../domain/app-error';
import { msg, type Message } from '../../domain/messages/catalog';
import { recordAudit } from '../audit/audit';
import type { Caller, Deps } from '../context';

const KEY = 'aftercare';

const isInt = (v: unknown, min: number, max: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

/** The problems of a settings value, each naming its field; empty when it is valid. */
function checkAftercareSettings(s: { followUpMonths: unknown; escalationWorkingDays: unknown; dueSoonWorkingDays: unknown }): { field: string; message: Message }[] {
  const problems: { field: string; message: Message }[] = [];
  const months = s.followUpMonths;
  const monthsOk = Array.isArray(months) && months.length >= 1 && months.length <= 12 && months.every((m) => isInt(m, 1, 120)) && new Set(months).size === months.length;
  if (!monthsOk) problems.push({ field: 'followUpMonths', message: msg('aftercare.settings.months', { value: JSON.stringify(months ?? null) }) });
  if (!isInt(s.escalationWorkingDays, 1, 60)) problems.push({ field: 'escalationWorkingDays', message: msg('aftercare.settings.escalation', { value: String(s.escalationWorkingDays) }) });
  if (!isInt(s.dueSoonWorkingDays, 0, 30)) problems.push({ field: 'dueSoonWorkingDays', message: msg('aftercare.settings.dueSoon', { value: String(s.dueSoonWorkingDays) }) });
  return problems;
}

export async function getAftercareSettings(deps: Deps): Promise<AftercareSettings> {
  const row = await selectSetting(deps.db, KEY);
  const stored = { ...DEFAULT_AFTERCARE_SETTINGS, ...((row?.value as Partial<AftercareSettings> | undefined) ?? {}) };
  // a stored value that no longer passes (edited by hand) falls back to the defaults, field by field
  const bad = new Set(checkAftercareSettings(stored).map((p) => p.field));
  return {
    followUpMonths: bad.has('followUpMonths') ? DEFAULT_AFTERCARE_SETTINGS.followUpMonths : [...stored.followUpMonths].sort((a, b) => a - b),
    escalationWorkingDays: bad.has('escalationWorkingDays') ? DEFAULT_AFTERCARE_SETTINGS.escalationWorkingDays : stored.escalationWorkingDays,
    dueSoonWorkingDays: bad.has('dueSoonWorkingDays') ? DEFAULT_AFTERCARE_SETTINGS.dueSoonWorkingDays : stored.dueSoonWorkingDays,
  };
}

export async function updateAftercareSettings(deps: Deps, caller: Caller, input: AftercareSettings, reason: string): Promise<AftercareSettings> {
  const problems = checkAftercareSettings(input);
  const first = problems[0];
  if (first) throw new AppError('VALIDATION', first.message, problems);
  const next: AftercareSettings = {
    followUpMonths: [...input.followUpMonths].sort((a, b) => a - b),
    escalationWorkingDays: input.escalationWorkingDays,
    dueSoonWorkingDays: input.dueSoonWorkingDays,
  };
  const before = await getAftercareSettings(deps);
  await deps.db.transaction(async (tx) => {
    await upsertSetting(tx, KEY, next);
    await recordAudit(tx, caller, { action: 'settings.aftercare.update', objectType: 'settings', objectId: KEY, before, after: next, reason });
  });
  return next;
}
