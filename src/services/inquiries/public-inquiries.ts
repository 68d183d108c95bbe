/**
 * The investor's side of inquiries and complaints (no login): filing, tracking by the number alone,
 * rating after closing and reopening a complaint once. Nothing here returns or logs personal data;
 * an unknown tracking number and a malformed one answer the same 404 after the same single indexed
 * lookup, so the answer tells nothing about which numbers exist.
 */
import { selectInquiryByTracking, selectInquiryMessages, selectRecentByContact, insertInquiry, insertInquiryMessage, updateInquiryVersioned, type InquiryRow } from '../../db/queries/inquiries/inquiries';
import { selectClause } from '../../db/queries/commitments/commitments';
import { selectRegion } from '../../db/queries/regions';
import { AppError } from '../../domain/app-error';
import { todayInShanghai } from '../../domain/dates';
import { CONSENT_NOTICE_VERSION } from '../../domain/inquiries/consent-notice';
import { computeContactKey, DUPLICATE_WINDOW_DAYS, isDuplicateOf } from '../../domain/inquiries/duplicates';
import { computeDueDates, findNextStage, isTypeOfKind, SUBJECT_OF_TYPE, type InquiryKind, type InquiryType, type SubjectType } from '../../domain/inquiries/inquiry-rules';
import { detectSpamReasons } from '../../domain/inquiries/spam';
import { formatTrackingNumber, generateTrackingNumber, normalizeTrackingNumber } from '../../domain/inquiries/tracking-number';
import { msg, type Message } from '../../domain/messages/catalog';
import { isPathWithin } from '../../domain/region-scope';
import { shiftDate } from '../../domain/working-days';
import { recordAnonymousAudit } from '../audit/audit';
import { loadWorkingCalendar } from '../calendar';
import { getPublicPolicyItem, getPublicProject, getPublicResource } from '../portal/public-catalog';
import type { Deps, RequestMeta } from '../context';
import { getInquiryClockSettings } from './inquiry-settings';
import { findOfficeName } from './office';
import { takeSubmissionSlot } from './submission-limits';

export interface FilingInput {
  type: string;
  subjectType?: SubjectType | null;
  subjectId?: string | null;
  regionCode?: string | null;
  name: string;
  company?: string | null;
  phone?: string | null;
  email?: string | null;
  content: string;
  consent: boolean;
  consentVersion: string;
  /** a complaint about a broken promise may name the commitment clause */
  clauseId?: string | null;
}

const PHONE = /^[0-9+()\s-]{5,20}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function fail(field: string, message: Message): never {
  throw new AppError('VALIDATION', message, [{ field, message }]);
}

function checkFiling(kind: InquiryKind, input: FilingInput): void {
  if (!input.consent) fail('consent', msg('inquiry.consentRequired', { version: CONSENT_NOTICE_VERSION }));
  if (input.consentVersion !== CONSENT_NOTICE_VERSION) fail('consentVersion', msg('inquiry.consentVersion', { version: CONSENT_NOTICE_VERSION }));
  if (!isTypeOfKind(kind, input.type)) fail('type', msg('inquiry.typeOfKind', { type: input.type, kind: msg(`inquiry.kind.${kind}`) }));
  const phone = input.phone?.trim() || null;
  const email = input.email?.trim() || null;
  if (!phone && !email) fail('phone', msg('inquiry.contactRequired'));
  // the refusal names the field, not the value: what the investor typed stays out of answers and logs
  if (phone && (!PHONE.test(phone) || phone.replace(/\D/g, '').length < 5)) fail('phone', msg('inquiry.phoneInvalid'));
  if (email && !EMAIL.test(email)) fail('email', msg('inquiry.emailInvalid'));
  const wanted = kind === 'inquiry' ? SUBJECT_OF_TYPE[input.type as InquiryType] : undefined;
  if (wanted && (input.subjectType !== wanted || !input.subjectId)) fail('subjectId', msg('inquiry.subjectRequired', { type: input.type }));
}

/**
 * The subject's public title and region, read through the portal's public catalog: only a published project,
 * resource or policy item can be the subject. An unknown id and an unpublished one are refused alike (the
 * refusal names the field, never whether something unpublished exists).
 */
async function resolveSubject(deps: Deps, input: FilingInput): Promise<{ title: string | null; regionCode: string | null }> {
  const id = input.subjectId;
  if (!input.subjectType || !id) return { title: null, regionCode: null };
  try {
    if (input.subjectType === 'project') {
      const p = await getPublicProject(deps, id);
      return { title: p.publicTitle, regionCode: p.regionCode };
    }
    if (input.subjectType === 'resource') {
      const r = await getPublicResource(deps, id);
      return { title: r.name, regionCode: r.regionCode };
    }
    const item = await getPublicPolicyItem(deps, id);
    // an item for one region is that region's matter; otherwise the policy's own region handles it
    return { title: item.title, regionCode: item.regions.length === 1 && item.regions[0] ? item.regions[0].code : item.policy.regionCode };
  } catch (err) {
    if (err instanceof AppError && err.code === 'NOT_FOUND') fail('subjectId', msg('inquiry.subjectUnknown', { subject: id }));
    throw err;
  }
}

/**
 * The clause a complaint names: an agreed clause (a draft is the office's own working paper) of a project in
 * the complaint's region or below it. An unknown id, a draft and a clause elsewhere are refused with the same
 * answer naming the field, so the answer tells nothing about which clauses exist. An inquiry names none.
 */
async function resolveClause(deps: Deps, kind: InquiryKind, clauseId: string | null | undefined, regionPath: string): Promise<string | null> {
  if (kind !== 'complaint' || !clauseId) return null;
  const row = await selectClause(deps.db, clauseId);
  if (!row || row.clause.agreement !== 'agreed' || !isPathWithin(regionPath, row.project.regionPath)) fail('clauseId', msg('inquiry.clauseUnknown'));
  return row.clause.id;
}

/** Files an inquiry or complaint; answers the tracking number the investor keeps (the first filing's for a duplicate). */
export async function fileInquiry(deps: Deps, meta: RequestMeta, kind: InquiryKind, input: FilingInput): Promise<{ trackingNumber: string }> {
  checkFiling(kind, input);
  const subject = await resolveSubject(deps, input);
  const regionCode = input.regionCode?.trim() || subject.regionCode;
  if (!regionCode) fail('regionCode', msg('inquiry.regionRequired'));
  const region = await selectRegion(deps.db, regionCode);
  if (!region || !region.active) fail('regionCode', msg('inquiry.regionUnknown', { code: regionCode }));
  const clauseId = await resolveClause(deps, kind, input.clauseId, region.path);
  const [cal, settings] = await Promise.all([loadWorkingCalendar(deps), getInquiryClockSettings(deps)]);
  const today = todayInShanghai();
  const phone = input.phone?.trim() || null;
  const email = input.email?.trim() || null;
  const contactKey = computeContactKey({ phone, email });
  const content = input.content.trim();
  const due = computeDueDates(cal, today, settings[kind]);
  const filed = await deps.db.transaction(async (tx) => {
    const recent = await takeSubmissionSlot(tx, meta.clientIp);
    const spamReasons = detectSpamReasons(content, recent);
    const candidates = await selectRecentByContact(tx, contactKey, kind, shiftDate(today, -DUPLICATE_WINDOW_DAYS));
    const facts = { kind, contactKey, subjectType: input.subjectType ?? null, subjectId: input.subjectId ?? null, content, receivedOn: today };
    const first = candidates.find((c) => isDuplicateOf(facts, { kind: c.kind, contactKey: c.contactKey, subjectType: c.subjectType, subjectId: c.subjectId, content: c.content, receivedOn: c.receivedOn }));
    const row = await insertInquiry(tx, {
      trackingNumber: generateTrackingNumber(),
      kind,
      type: input.type,
      subjectType: input.subjectType ?? null,
      subjectId: input.subjectId ?? null,
      subjectTitle: subject.title,
      regionCode: region.code,
      investorName: input.name.trim(),
      company: input.company?.trim() || null,
      phone,
      email,
      content,
      consentVersion: input.consentVersion,
      consentedAt: new Date(),
      receivedOn: today,
      ...due,
      contactKey,
      spamReasons,
      duplicateOfId: first?.id ?? null,
      clauseId,
      // a duplicate is the first filing's matter: it is closed at once and linked
      ...(first ? { stage: 'closed' as const, closedOn: today } : {}),
    });
    if (first) await insertInquiryMessage(tx, { inquiryId: row.id, author: 'system', body: '与先前提交的同一事项合并，按先前的查询码办理。', visibleToInvestor: false });
    // no personal data and no tracking number in the audit row
    await recordAnonymousAudit(tx, meta, null, {
      action: 'inquiry.file',
      objectType: 'inquiry',
      objectId: row.id,
      regionCode: region.code,
      outcome: 'success',
      after: { kind, type: input.type, subjectType: row.subjectType, subjectId: row.subjectId, duplicateOf: first?.id ?? null, spamReasons },
    });
    return first ?? row;
  });
  return { trackingNumber: formatTrackingNumber(filed.trackingNumber) };
}

const NOT_FOUND = () => new AppError('NOT_FOUND', msg('inquiry.trackingNotFound'));

/** The filing behind a tracking number: always one indexed lookup (a malformed number looks up a key no row has). */
async function requireByTracking(deps: Deps, raw: string): Promise<InquiryRow> {
  const canonical = normalizeTrackingNumber(raw) ?? '-';
  const row = await selectInquiryByTracking(deps.db, canonical);
  if (!row) throw NOT_FOUND();
  return row;
}

/** What the investor sees with the number alone: stage, office, due days, the answers; no personal data. */
export async function getTracking(deps: Deps, raw: string) {
  const row = await requireByTracking(deps, raw);
  const [region, messages] = await Promise.all([selectRegion(deps.db, row.regionCode), selectInquiryMessages(deps.db, row.id, true)]);
  const officeName = await findOfficeName(deps, row.regionCode, region?.name ?? row.regionCode);
  return {
    trackingNumber: formatTrackingNumber(row.trackingNumber),
    kind: row.kind,
    type: row.type,
    stage: row.stage,
    subjectTitle: row.subjectTitle,
    officeName,
    receivedOn: row.receivedOn,
    firstResponseDueOn: row.firstResponseDueOn,
    closeDueOn: row.closeDueOn,
    /** the day the next step is due: the first response until it is given, then the closing */
    dueOn: row.stage === 'closed' ? null : row.firstRespondedOn === null ? row.firstResponseDueOn : row.closeDueOn,
    closedOn: row.closedOn,
    rating: row.rating,
    canRate: row.stage === 'closed' && row.rating === null,
    canReopen: findNextStage(row.kind, row.stage, 'reopen', row.reopenCount) !== null,
    thread: messages.map((m) => ({ at: m.createdAt.toISOString(), from: m.author, officeName: m.author === 'office' ? (m.officeName ?? officeName) : null, body: m.body })),
  };
}

/** The investor's rating (1–5) of a closed matter, once. */
export async function rateInquiry(deps: Deps, meta: RequestMeta, raw: string, input: { rating: number; comment?: string | null }) {
  const row = await requireByTracking(deps, raw);
  if (row.stage !== 'closed') throw new AppError('CONFLICT', msg('inquiry.ratingNotYet'));
  if (row.rating !== null) throw new AppError('CONFLICT', msg('inquiry.ratingDone'));
  const comment = input.comment?.trim() || null;
  await deps.db.transaction(async (tx) => {
    const saved = await updateInquiryVersioned(tx, row.id, row.version, { rating: input.rating, ratingComment: comment, ratedAt: new Date() });
    if (!saved) throw new AppError('VERSION_CONFLICT', msg('inquiry.versionConflict'));
    if (comment) await insertInquiryMessage(tx, { inquiryId: row.id, author: 'investor', body: `评价 ${input.rating} 分：${comment}` });
    await recordAnonymousAudit(tx, meta, null, { action: 'inquiry.rate', objectType: 'inquiry', objectId: row.id, regionCode: row.regionCode, outcome: 'success', after: { rating: input.rating } });
  });
  return getTracking(deps, raw);
}

/** The investor reopens a closed complaint once, with a reason: back to accepted with a fresh closing clock. */
export async function reopenByInvestor(deps: Deps, meta: RequestMeta, raw: string, reason: string) {
  const row = await requireByTracking(deps, raw);
  const text = reason.trim();
  if (!text) fail('reason', msg('inquiry.reasonRequired'));
  const next = findNextStage(row.kind, row.stage, 'reopen', row.reopenCount);
  if (!next) throw new AppError('CONFLICT', msg('inquiry.stepRefused', { stage: msg(`inquiry.stage.${row.stage}`), step: msg('inquiry.step.reopen') }));
  const [cal, settings] = await Promise.all([loadWorkingCalendar(deps), getInquiryClockSettings(deps)]);
  const today = todayInShanghai();
  const due = computeDueDates(cal, today, settings[row.kind]);
  await deps.db.transaction(async (tx) => {
    const saved = await updateInquiryVersioned(tx, row.id, row.version, { stage: next, closedOn: null, closeDueOn: due.closeDueOn, reopenCount: row.reopenCount + 1, escalationLevel: 0, rating: null, ratingComment: null, ratedAt: null });
    if (!saved) throw new AppError('VERSION_CONFLICT', msg('inquiry.versionConflict'));
    await insertInquiryMessage(tx, { inquiryId: row.id, author: 'investor', body: `申请重新办理：${text}` });
    await recordAnonymousAudit(tx, meta, null, { action: 'inquiry.reopen', objectType: 'inquiry', objectId: row.id, regionCode: row.regionCode, outcome: 'success', before: { stage: row.stage }, after: { stage: next, closeDueOn: due.closeDueOn } });
  });
  return getTracking(deps, raw);
}
