/**
 * The clocks of inquiries and complaints (设置 → 咨询投诉时限): working days to the first response and
 * to closing per kind, and the working days past due before the next step of the escalation ladder.
 * Defaults from 外商投资企业投诉工作办法 (domain/inquiries/inquiry-rules.ts). Edited by the system
 * administrator like the other business settings; every change audited with its reason.
 */
import { selectSetting, upsertSetting } from '../../db/queries/settings';
import { AppError } from '../../domain/app-error';
import { DEFAULT_INQUIRY_CLOCK_SETTINGS, type InquiryClockSettings, type KindClock } from '../../domain/inquiries/inquiry-rules';
import { msg, type Message } from '../../domain/messages/catalog';
import { recordAudit } from '../audit/audit';
import type { Caller, Deps } from '../context';

const KEY = 'inquiries';
const MAX_DAYS = 120;

const isDays = (v: unknown, max: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= max;

function checkSettings(s: { inquiry?: Partial<KindClock>; complaint?: Partial<KindClock>; escalationWorkingDays?: unknown }): { field: string; message: Message }[] {
  const problems: { field: string; message: Message }[] = [];
  for (const kind of ['inquiry', 'complaint'] as const) {
    const c = s[kind] ?? {};
    for (const f of ['firstResponseWorkingDays', 'closeWorkingDays'] as const) {
      const field = `${kind}.${f}`;
      if (!isDays(c[f], MAX_DAYS)) problems.push({ field, message: msg('inquiry.settings.days', { field, max: MAX_DAYS, value: String(c[f]) }) });
    }
    if (isDays(c.firstResponseWorkingDays, MAX_DAYS) && isDays(c.closeWorkingDays, MAX_DAYS) && c.firstResponseWorkingDays > c.closeWorkingDays) {
      problems.push({ field: `${kind}.firstResponseWorkingDays`, message: msg('inquiry.settings.order', { kind: msg(`inquiry.kind.${kind}`) }) });
    }
  }
  if (!isDays(s.escalationWorkingDays, 30)) problems.push({ field: 'escalationWorkingDays', message: msg('inquiry.settings.days', { field: 'escalationWorkingDays', max: 30, value: String(s.escalationWorkingDays) }) });
  return problems;
}

export async function getInquiryClockSettings(deps: Deps): Promise<InquiryClockSettings> {
  const row = await selectSetting(deps.db, KEY);
  const stored = (row?.value ?? {}) as Partial<InquiryClockSettings>;
  const merged: InquiryClockSettings = {
    inquiry: { ...DEFAULT_INQUIRY_CLOCK_SETTINGS.inquiry, ...stored.inquiry },
    complaint: { ...DEFAULT_INQUIRY_CLOCK_SETTINGS.complaint, ...stored.complaint },
    escalationWorkingDays: stored.escalationWorkingDays ?? DEFAULT_INQUIRY_CLOCK_SETTINGS.escalationWorkingDays,
  };
  // a stored value edited by hand into something invalid falls back to the defaults
  return checkSettings(merged).length > 0 ? DEFAULT_INQUIRY_CLOCK_SETTINGS : merged;
}

export async function updateInquiryClockSettings(deps: Deps, caller: Caller, input: InquiryClockSettings, reason: string): Promise<InquiryClockSettings> {
  const problems = checkSettings(input);
  const first = problems[0];
  if (first) throw new AppError('VALIDATION', first.message, problems);
  const next: InquiryClockSettings = { inquiry: { ...input.inquiry }, complaint: { ...input.complaint }, escalationWorkingDays: input.escalationWorkingDays };
  const before = await getInquiryClockSettings(deps);
  await deps.db.transaction(async (tx) => {
    await upsertSetting(tx, KEY, next);
    await recordAudit(tx, caller, { action: 'settings.inquiries.update', objectType: 'settings', objectId: KEY, before, after: next, reason });
  });
  return next;
}
