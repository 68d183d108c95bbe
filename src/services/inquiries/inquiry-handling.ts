/**
 * The office's side of inquiries and complaints (internal, scoped, audited): the inbox of the
 * caller's subtree with its clocks, a filing's detail and thread, assigning the owner, accepting,
 * answering (in the office's name), closing and reopening, and the audited reveal of the
 * investor's contact. Personal data is masked in every view and audit row; a filing outside the
 * caller's subtree answers 404 (audited when it exists).
 */
import {
  insertInquiryMessage,
  selectInbox,
  selectInquiryMessages,
  selectInquiryView,
  selectOwnerCandidate,
  updateInquiryVersioned,
  type InboxRow,
  type InquiryInsert,
  type InquiryView,
} from '../../db/queries/inquiries/inquiries';
import { AppError } from '../../domain/app-error';
import { todayInShanghai } from '../../domain/dates';
import { parseInboxSearch } from '../../domain/inquiries/inbox-search';
import { computeDueDates, findNextStage, isFirstResponse, type InquiryStep } from '../../domain/inquiries/inquiry-rules';
import { formatTrackingNumber } from '../../domain/inquiries/tracking-number';
import { msg } from '../../domain/messages/catalog';
import { maskEmail, maskPersonName, maskPhone } from '../../domain/personal-data';
import { isPathWithin } from '../../domain/region-scope';
import { countWorkingDays, type WorkingCalendar } from '../../domain/working-days';
import { recordAudit } from '../audit/audit';
import { loadWorkingCalendar } from '../calendar';
import type { Caller, Deps } from '../context';
import { recordOutOfScope, requireRegionInScope } from '../regions';
import { getInquiryClockSettings } from './inquiry-settings';
import { findOfficeName } from './office';

const notFound = () => new AppError('NOT_FOUND', msg('inquiry.notFound'));

export async function requireInquiryInScope(deps: Deps, caller: Caller, id: string): Promise<InquiryView> {
  const view = /^[0-9a-f-]{36}$/i.test(id) ? await selectInquiryView(deps.db, id) : undefined;
  if (!view || !isPathWithin(caller.actor.regionPath, view.regionPath)) {
    if (view) await recordOutOfScope(deps, caller, 'inquiry', id);
    throw notFound();
  }
  return view;
}

/** The clock of an item on `today`: the next due day, working days left (negative: late) and whether it is overdue. */
function describeClock(cal: WorkingCalendar, i: { stage: string; firstRespondedOn: string | null; firstResponseDueOn: string; closeDueOn: string; closedOn: string | null }, today: string) {
  if (i.stage === 'closed') return { nextDueOn: null, nextDue: null, workingDaysLeft: null, overdue: (i.closedOn ?? '') > i.closeDueOn };
  const nextDue = i.firstRespondedOn === null ? ('firstResponse' as const) : ('close' as const);
  const nextDueOn = nextDue === 'firstResponse' ? i.firstResponseDueOn : i.closeDueOn;
  const left = nextDueOn >= today ? countWorkingDays(cal, today, nextDueOn) : -countWorkingDays(cal, nextDueOn, today);
  const overdue = today > i.closeDueOn || (i.firstRespondedOn === null && today > i.firstResponseDueOn);
  return { nextDueOn, nextDue, workingDaysLeft: left, overdue };
}

function toInboxItem(r: InboxRow, cal: WorkingCalendar, today: string) {
  return {
    id: r.id,
    trackingNumber: formatTrackingNumber(r.tracking_number),
    kind: r.kind,
    type: r.type,
    stage: r.stage,
    subjectTitle: r.subject_title,
    regionCode: r.region_code,
    regionName: r.region_name,
    company: r.company,
    investorName: maskPersonName(r.investor_name) ?? '',
    ownerName: r.owner_name,
    receivedOn: r.received_on,
    firstResponseDueOn: r.first_response_due_on,
    closeDueOn: r.close_due_on,
    closedOn: r.closed_on,
    escalationLevel: r.escalation_level,
    duplicate: r.duplicate_of_id !== null,
    spamReasons: r.spam_reasons,
    converted: r.converted,
    ...describeClock(cal, { stage: r.stage, firstRespondedOn: r.first_responded_on, firstResponseDueOn: r.first_response_due_on, closeDueOn: r.close_due_on, closedOn: r.closed_on }, today),
  };
}

export async function listInbox(
  deps: Deps,
  caller: Caller,
  q: { kind?: 'inquiry' | 'complaint'; stage?: string; clock?: 'open' | 'overdue' | 'escalated'; mine?: boolean; ownerId?: string; regionCode?: string; q?: string; page: number; pageSize: number },
) {
  const today = todayInShanghai();
  const search = q.q?.trim() ? parseInboxSearch(q.q) : null;
  if (search?.kind === 'refused') {
    const message = msg(search.why === 'contactData' ? 'inquiry.searchContactRefused' : 'inquiry.searchTrackingInvalid');
    throw new AppError('VALIDATION', message, [{ field: 'q', message }]);
  }
  // a region outside the caller's subtree answers 404 naming the field, like the other lists
  const scopePath = q.regionCode ? (await requireRegionInScope(deps, caller, q.regionCode)).path : caller.actor.regionPath;
  const ownerId = q.mine && caller.actor.id ? caller.actor.id : q.ownerId;
  const [cal, page] = await Promise.all([
    loadWorkingCalendar(deps),
    selectInbox(deps.db, {
      scopePath,
      kind: q.kind,
      stage: q.stage,
      clock: q.clock,
      ownerId,
      trackingNumber: search?.kind === 'trackingNumber' ? search.trackingNumber : undefined,
      keyword: search?.kind === 'keyword' ? search.keyword : undefined,
      today,
      limit: q.pageSize,
      offset: (q.page - 1) * q.pageSize,
    }),
  ]);
  return { items: page.rows.map((r) => toInboxItem(r, cal, today)), total: page.total, page: q.page, pageSize: q.pageSize };
}

async function toDetail(deps: Deps, view: InquiryView) {
  const i = view.inquiry;
  const [cal, messages, officeName] = await Promise.all([loadWorkingCalendar(deps), selectInquiryMessages(deps.db, i.id, false), findOfficeName(deps, i.regionCode, view.regionName)]);
  const today = todayInShanghai();
  return {
    id: i.id,
    trackingNumber: formatTrackingNumber(i.trackingNumber),
    kind: i.kind,
    type: i.type,
    stage: i.stage,
    subjectType: i.subjectType,
    subjectId: i.subjectId,
    subjectTitle: i.subjectTitle,
    regionCode: i.regionCode,
    regionName: view.regionName,
    officeName,
    investorName: maskPersonName(i.investorName) ?? '',
    company: i.company,
    phone: maskPhone(i.phone),
    email: maskEmail(i.email),
    masked: true as const,
    content: i.content,
    consentVersion: i.consentVersion,
    consentedAt: i.consentedAt.toISOString(),
    ownerId: i.ownerId,
    ownerName: view.ownerName,
    receivedOn: i.receivedOn,
    firstResponseDueOn: i.firstResponseDueOn,
    closeDueOn: i.closeDueOn,
    firstRespondedOn: i.firstRespondedOn,
    closedOn: i.closedOn,
    escalationLevel: i.escalationLevel,
    reopenCount: i.reopenCount,
    rating: i.rating,
    ratingComment: i.ratingComment,
    duplicateOfTrackingNumber: view.firstTrackingNumber ? formatTrackingNumber(view.firstTrackingNumber) : null,
    spamReasons: i.spamReasons,
    clauseId: i.clauseId,
    convertedProject: view.convertedProject,
    convertedTargetId: view.convertedTargetId,
    ...describeClock(cal, i, today),
    thread: messages.map((m) => ({ id: m.id, at: m.createdAt.toISOString(), from: m.author, officeName: m.officeName, body: m.body, visibleToInvestor: m.visibleToInvestor })),
    version: i.version,
  };
}
export type InquiryDetailDto = Awaited<ReturnType<typeof toDetail>>;

export async function getInquiry(deps: Deps, caller: Caller, id: string): Promise<InquiryDetailDto> {
  return toDetail(deps, await requireInquiryInScope(deps, caller, id));
}

/** The investor's full contact, for the caller who must call back: every reveal is an audit row with its reason. */
export async function revealInquiryContact(deps: Deps, caller: Caller, id: string, reason: string) {
  const view = await requireInquiryInScope(deps, caller, id);
  const i = view.inquiry;
  await recordAudit(deps.db, caller, { action: 'inquiry.contact.reveal', objectType: 'inquiry', objectId: id, regionCode: i.regionCode, reason, after: { name: maskPersonName(i.investorName), phone: maskPhone(i.phone), email: maskEmail(i.email) } });
  return { investorName: i.investorName, phone: i.phone, email: i.email };
}

function versionConflict(): AppError {
  return new AppError('VERSION_CONFLICT', msg('inquiry.versionConflict'));
}

export async function assignInquiryOwner(deps: Deps, caller: Caller, id: string, input: { ownerId: string; version: number }) {
  const view = await requireInquiryInScope(deps, caller, id);
  const owner = /^[0-9a-f-]{36}$/i.test(input.ownerId) ? await selectOwnerCandidate(deps.db, input.ownerId) : undefined;
  // the owner handles the region: an officer whose home region is the item's region or above it, within the caller's scope
  const fits = owner && owner.roles.some((r) => r === 'officer' || r === 'leader') && isPathWithin(owner.regionPath, view.regionPath) && isPathWithin(caller.actor.regionPath, owner.regionPath);
  if (!owner || !fits) throw new AppError('VALIDATION', msg('inquiry.ownerInvalid'), [{ field: 'ownerId', message: msg('inquiry.ownerInvalid') }]);
  await deps.db.transaction(async (tx) => {
    const saved = await updateInquiryVersioned(tx, id, input.version, { ownerId: owner.id });
    if (!saved) throw versionConflict();
    await recordAudit(tx, caller, { action: 'inquiry.assign', objectType: 'inquiry', objectId: id, regionCode: view.inquiry.regionCode, before: { ownerId: view.inquiry.ownerId }, after: { ownerId: owner.id, ownerName: owner.displayName } });
  });
  return getInquiry(deps, caller, id);
}

/** One step of the handling (accept, answer, close, reopen): checks the stage rules, stamps the clocks, audits. */
export async function stepInquiry(deps: Deps, caller: Caller, id: string, step: InquiryStep, input: { version: number; text?: string | null; close?: boolean }) {
  const view = await requireInquiryInScope(deps, caller, id);
  const i = view.inquiry;
  const next = findNextStage(i.kind, i.stage, step, i.reopenCount);
  if (!next) throw new AppError('CONFLICT', msg('inquiry.stepRefused', { stage: msg(`inquiry.stage.${i.stage}`), step: msg(`inquiry.step.${step}`) }));
  const text = input.text?.trim() || null;
  if (step === 'answer' && !text) throw new AppError('VALIDATION', msg('inquiry.answerRequired'), [{ field: 'text', message: msg('inquiry.answerRequired') }]);
  if (step === 'reopen' && !text) throw new AppError('VALIDATION', msg('inquiry.reasonRequired'), [{ field: 'text', message: msg('inquiry.reasonRequired') }]);
  const today = todayInShanghai();
  const closeNow = step === 'close' || (step === 'answer' && input.close === true);
  const set: Partial<InquiryInsert> = { stage: closeNow ? 'closed' : next };
  if (i.firstRespondedOn === null && isFirstResponse(i.kind, step)) set.firstRespondedOn = today;
  if (closeNow) set.closedOn = today;
  // whoever acts on an unowned item owns it
  if (i.ownerId === null && caller.actor.id) set.ownerId = caller.actor.id;
  if (step === 'reopen') {
    const [cal, settings] = await Promise.all([loadWorkingCalendar(deps), getInquiryClockSettings(deps)]);
    Object.assign(set, { closedOn: null, closeDueOn: computeDueDates(cal, today, settings[i.kind]).closeDueOn, reopenCount: i.reopenCount + 1, escalationLevel: 0, rating: null, ratingComment: null, ratedAt: null });
  }
  const officeName = step === 'answer' ? await findOfficeName(deps, i.regionCode, view.regionName) : null;
  await deps.db.transaction(async (tx) => {
    const saved = await updateInquiryVersioned(tx, id, input.version, set);
    if (!saved) throw versionConflict();
    if (step === 'answer' && text) await insertInquiryMessage(tx, { inquiryId: id, author: 'office', officeName, body: text, createdBy: caller.actor.id });
    if (step === 'reopen' && text) await insertInquiryMessage(tx, { inquiryId: id, author: 'system', body: `重新办理：${text}`, createdBy: caller.actor.id, visibleToInvestor: true });
    if (step === 'accept' || step === 'close') await insertInquiryMessage(tx, { inquiryId: id, author: 'system', body: step === 'accept' ? '已受理。' : '已办结。', createdBy: caller.actor.id });
    const action = closeNow ? 'inquiry.close' : (`inquiry.${step}` as const);
    await recordAudit(tx, caller, {
      action,
      objectType: 'inquiry',
      objectId: id,
      regionCode: i.regionCode,
      before: { stage: i.stage, ownerId: i.ownerId },
      after: { stage: saved.stage, ownerId: saved.ownerId, firstRespondedOn: saved.firstRespondedOn, closedOn: saved.closedOn, answered: step === 'answer' },
      reason: step === 'reopen' ? text : null,
    });
  });
  return getInquiry(deps, caller, id);
}
