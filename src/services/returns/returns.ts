/**
 * 月报 (monthly returns), reviewed level by level (层层审核). For each region (province, prefecture,
 * county; parks are counted in their county) and month a return is drafted from the ledger: its
 * figures are the statistics summary of the region year to date and for the month alone. The
 * statistician of the region submits it (the figures are frozen as a snapshot, every submission
 * kept); the reviewer of the parent level approves it or returns it with a reason. Approval locks
 * the region's month: receipts of projects in its subtree cannot change (assertMonthOpen) until the
 * parent level reopens it with a reason.
 *
 * Decisions:
 * - A parent's return can be submitted only when the returns of all its direct sub-regions (parks
 *   excepted) that have any project in their subtree are approved; a sub-region without projects
 *   needs no return.
 * - The province has no parent: its return is reviewed and reopened by a reviewer of the province
 *   itself, never by the one who submitted it.
 * - A sub-region's return can be reopened only while its parent's return is neither submitted nor
 *   approved (reopen from the top down), so an approved parent never sums unfrozen figures.
 * - Reopening puts the return into `returned` with the reason, ready to be corrected and resubmitted.
 */
import {
  hasProjectsInSubtree,
  insertReturn,
  insertReturnVersion,
  lockReceiptMonth,
  selectLatestSubmitterNames,
  selectLockingReturns,
  selectReportingChildren,
  selectReturn,
  selectReturnsAwaitingReview,
  selectReturnsOfRegion,
  selectReturnsOfRegions,
  selectReturnVersions,
  updateReturnVersioned,
  updateReturnVersionOutcome,
  type ReturnRow,
} from '../../db/queries/returns/returns';
import type { Db } from '../../db/client';
import { selectReceiptChanges } from '../../db/queries/funds/fund-ledger';
import { selectRegion, type RegionRow } from '../../db/queries/regions';
import { AppError } from '../../domain/app-error';
import { msg, renderMessage, type Lang, type Message } from '../../domain/messages/catalog';
import { isMonth, todayInShanghai, toShanghaiDate } from '../../domain/dates';
import { toCoreSummary, type Summary } from '../../domain/indicators';
import { diffSnapshots, isReportingLevel, nextReturnState, RETURN_STATE_NAMES, type ReturnAction, type ReturnState } from '../../domain/returns';
import { countWorkingDays } from '../../domain/working-days';
import { recordAudit } from '../audit/audit';
import { loadWorkingCalendar } from '../calendar';
import type { Caller, Deps } from '../context';
import { loadDueDates } from './reporting-calendar';
import { requireRegionInScope } from '../regions';
import { getSummary } from '../statistics/statistics';

export interface ReturnSnapshot {
  regionCode: string;
  regionName: string;
  month: string;
  /** January … month, with the annual target's completion */
  yearToDate: Summary;
  /** the month alone; no target block (completion is a year-to-date figure, given above) */
  monthOnly: Summary & { target: null };
}

/**
 * A stored snapshot as read: snapshots submitted before the month-only part lost its target block
 * still carry a copy of the year to date's; it is dropped, so they read and compare (diffSnapshots)
 * like the newer ones.
 */
export function readSnapshot(stored: unknown): ReturnSnapshot {
  const s = stored as ReturnSnapshot;
  return { ...s, monthOnly: { ...s.monthOnly, target: null } };
}

/** A return is "due soon" when at most this many working days remain before its due date. */
export const DUE_SOON_WORKING_DAYS = 3;

const isOperator = (caller: Caller) => caller.actor.id === null;

function checkMonth(month: string) {
  if (!isMonth(month)) throw new AppError('VALIDATION', msg('returns.monthFormat', { month }), [{ field: 'month', message: msg('returns.monthFormatShort') }]);
}

async function requireReportingRegion(deps: Deps, caller: Caller, code: string): Promise<RegionRow & { level: 'province' | 'prefecture' | 'county' }> {
  const region = await requireRegionInScope(deps, caller, code, 'regionCode');
  if (!isReportingLevel(region.level)) {
    throw new AppError('VALIDATION', msg('returns.parkNoReturn', { region: region.name }), [{ field: 'regionCode', message: msg('returns.parkNoReturnShort') }]);
  }
  return region as RegionRow & { level: 'province' | 'prefecture' | 'county' };
}

/** The figures of a return as the ledger gives them now. */
async function draftFigures(deps: Deps, caller: Caller, region: RegionRow, month: string): Promise<ReturnSnapshot> {
  const yearStart = `${month.slice(0, 4)}-01`;
  // a return freezes the core figures only (no exclusions, no signed structure)
  const yearToDate = toCoreSummary(await getSummary(deps, caller, { region: region.code, from: yearStart, to: month }));
  const monthOnly = toCoreSummary(await getSummary(deps, caller, { region: region.code, from: month, to: month }));
  return { regionCode: region.code, regionName: region.name, month, yearToDate, monthOnly: { ...monthOnly, target: null } };
}

/** The figures a return of the region and month would freeze now (the demo seed files past returns with them). */
export async function draftReturnSnapshot(deps: Deps, caller: Caller, regionCode: string, month: string): Promise<ReturnSnapshot> {
  checkMonth(month);
  return draftFigures(deps, caller, await requireReportingRegion(deps, caller, regionCode), month);
}

function transition(state: ReturnState, action: ReturnAction): ReturnState {
  const next = nextReturnState(state, action);
  if (!next.ok) throw new AppError('CONFLICT', next.reason);
  return next.to;
}

/** The reviewer of a return sits at the parent level; the province's own reviewer reviews the province. */
async function requireReviewerOf(deps: Deps, caller: Caller, region: RegionRow): Promise<void> {
  if (isOperator(caller)) return;
  const reviewerHome = region.parentCode ?? region.code;
  if (caller.actor.regionCode !== reviewerHome) {
    const parent = region.parentCode ? await selectRegion(deps.db, region.parentCode) : undefined;
    throw new AppError('FORBIDDEN', parent ? msg('returns.reviewerParent', { region: region.name, parent: parent.name }) : msg('returns.reviewerOwn', { region: region.name }));
  }
}

function stateOf(row: ReturnRow | undefined): ReturnState {
  return row?.state ?? 'draft';
}

const userName = (caller: Caller): string => caller.actor.displayName || caller.actor.username;

/**
 * The receipts a return's figures changed by (the return review): corrections by hand (audit trail,
 * with their reason) and by imports, of the region's subtree and the return's months (January to its
 * month), made in the window after `since` up to `until`.
 */
async function listReceiptChanges(deps: Deps, region: RegionRow, month: string, since: Date | null, until: Date) {
  if (!since) return [];
  const rows = await selectReceiptChanges(deps.db, { regionPath: region.path, fromMonth: `${month.slice(0, 4)}-01`, toMonth: month, since, until, limit: 500 });
  return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
}

export async function getReturn(deps: Deps, caller: Caller, regionCode: string, month: string) {
  checkMonth(month);
  const region = await requireReportingRegion(deps, caller, regionCode);
  const row = await selectReturn(deps.db, region.code, month);
  const versions = row ? await selectReturnVersions(deps.db, row.id) : [];
  const state = stateOf(row);
  const frozen = state === 'submitted' || state === 'approved';
  const figures = frozen && row?.snapshot ? readSnapshot(row.snapshot) : await draftFigures(deps, caller, region, month);
  const last = versions.at(-1);
  const previous = versions.at(-2);
  const dueDate = (await loadDueDates(deps))(region.level, month);
  // between the last two submissions (what the reviewer checks), and, while open, since the last one
  const receiptChanges = last && previous ? await listReceiptChanges(deps, region, month, previous.submittedAt, last.submittedAt) : [];
  const receiptChangesSinceLastSubmission = !frozen && last ? await listReceiptChanges(deps, region, month, last.submittedAt, new Date()) : [];
  return {
    regionCode: region.code,
    regionName: region.name,
    level: region.level,
    month,
    state,
    stateLabel: renderMessage(RETURN_STATE_NAMES[state], caller.lang ?? 'zh'),
    locked: state === 'approved',
    dueDate,
    submissions: row?.submissions ?? 0,
    submittedAt: row?.submittedAt?.toISOString() ?? null,
    reviewedAt: row?.reviewedAt?.toISOString() ?? null,
    reviewReason: row?.reviewReason ?? null,
    version: row?.version ?? 0,
    /** frozen figures of the latest submission, or the ledger's figures now while draft or returned */
    figures,
    figuresAreLive: !frozen,
    /** what changed between the last two submissions: each figure before → after */
    changes: last && previous ? diffSnapshots(readSnapshot(previous.snapshot), readSnapshot(last.snapshot)) : [],
    /** while draft or returned: what the ledger changed since the last submission */
    changesSinceLastSubmission: !frozen && last ? diffSnapshots(readSnapshot(last.snapshot), figures) : [],
    /** the receipts behind `changes`: project, month, old → new, who, why */
    receiptChanges,
    /** while draft or returned: the receipts changed since the last submission */
    receiptChangesSinceLastSubmission,
    versions: versions.map((v) => ({
      number: v.number,
      submittedByName: v.submittedByName,
      submittedAt: v.submittedAt.toISOString(),
      outcome: v.outcome,
      reviewedByName: v.reviewedByName,
      reviewedAt: v.reviewedAt?.toISOString() ?? null,
      reason: v.reason,
      snapshot: readSnapshot(v.snapshot),
    })),
  };
}
export type ReturnDto = Awaited<ReturnType<typeof getReturn>>;

/** The statistician of the region submits (or resubmits) the return: the ledger's figures are frozen as a new version. */
export async function submitReturn(deps: Deps, caller: Caller, regionCode: string, month: string, note: string | null = null) {
  checkMonth(month);
  const region = await requireReportingRegion(deps, caller, regionCode);
  if (!isOperator(caller) && caller.actor.regionCode !== region.code) {
    throw new AppError('FORBIDDEN', msg('returns.submitterOnly', { region: region.name }));
  }
  if (month > todayInShanghai().slice(0, 7)) throw new AppError('VALIDATION', msg('returns.futureMonth', { month }), [{ field: 'month', message: msg('returns.futureMonthShort') }]);
  const row = await selectReturn(deps.db, region.code, month);
  const to = transition(stateOf(row), 'submit');
  const children = (await selectReportingChildren(deps.db, region.code)).filter((c) => c.hasProjects);
  if (children.length > 0) {
    const returns = new Map((await selectReturnsOfRegions(deps.db, children.map((c) => c.code), month)).map((r) => [r.regionCode, r]));
    const pending = children.filter((c) => returns.get(c.code)?.state !== 'approved');
    if (pending.length > 0) {
      const list = { names: pending.map((c) => msg('returns.pendingChild', { region: c.name, state: RETURN_STATE_NAMES[stateOf(returns.get(c.code))] })) };
      throw new AppError('CONFLICT', msg('returns.childrenPending', { region: region.name, month, pending: list }));
    }
  }
  const snapshot = await draftFigures(deps, caller, region, month);
  const now = new Date();
  const name = userName(caller);
  const previous = row?.snapshot ? readSnapshot(row.snapshot) : null;
  await deps.db.transaction(async (tx) => {
    const number = (row?.submissions ?? 0) + 1;
    const patch = { state: to, submissions: number, snapshot, submittedBy: caller.actor.id, submittedAt: now, reviewedBy: null, reviewedAt: null };
    const result = row
      ? await updateReturnVersioned(tx, row.id, row.version, patch)
      : await insertReturn(tx, { regionCode: region.code, month, ...patch, firstSubmittedAt: now });
    if (!result) throw new AppError('VERSION_CONFLICT', msg('returns.versionConflict'));
    await insertReturnVersion(tx, { returnId: result.id, number, snapshot, submittedBy: caller.actor.id, submittedByName: name, submittedAt: now });
    await recordAudit(tx, caller, {
      action: 'return.submit',
      objectType: 'monthlyReturn',
      objectId: `${region.code}/${month}`,
      regionCode: region.code,
      before: { state: stateOf(row), submissions: row?.submissions ?? 0 },
      after: { state: to, submissions: number, changes: previous ? diffSnapshots(previous, snapshot) : null, snapshot },
      reason: note,
    });
  });
  return getReturn(deps, caller, region.code, month);
}

async function decide(deps: Deps, caller: Caller, regionCode: string, month: string, action: 'approve' | 'return' | 'reopen', reason: string | null) {
  checkMonth(month);
  const region = await requireReportingRegion(deps, caller, regionCode);
  await requireReviewerOf(deps, caller, region);
  if (action !== 'approve' && !reason?.trim()) throw new AppError('VALIDATION', msg('returns.reasonRequired'), [{ field: 'reason', message: msg('returns.required') }]);
  const row = await selectReturn(deps.db, region.code, month);
  const to = transition(stateOf(row), action);
  if (!row) throw new AppError('CONFLICT', msg('returns.notSubmitted', { region: region.name, month }));
  if (action !== 'reopen' && row.submittedBy && row.submittedBy === caller.actor.id) {
    throw new AppError('FORBIDDEN', msg('returns.ownSubmission'));
  }
  if (action === 'reopen' && region.parentCode) {
    const parentReturn = await selectReturn(deps.db, region.parentCode, month);
    if (parentReturn && (parentReturn.state === 'submitted' || parentReturn.state === 'approved')) {
      const parent = await selectRegion(deps.db, region.parentCode);
      throw new AppError('CONFLICT', msg('returns.parentHolds', { parent: parent?.name ?? region.parentCode, month, state: RETURN_STATE_NAMES[parentReturn.state], region: region.name }));
    }
  }
  const now = new Date();
  const name = userName(caller);
  const outcome = action === 'approve' ? 'approved' : action === 'return' ? 'returned' : 'reopened';
  const reviewReason = action === 'reopen' ? `重新开放：${reason?.trim() ?? ''}` : action === 'return' ? (reason?.trim() ?? null) : null;
  await deps.db.transaction(async (tx) => {
    // approval locks the month: wait for receipt changes of the month in flight (see assertMonthOpen)
    if (action === 'approve') await lockReceiptMonth(tx, month, 'exclusive');
    const saved = await updateReturnVersioned(tx, row.id, row.version, { state: to, reviewedBy: caller.actor.id, reviewedAt: now, reviewReason });
    if (!saved) throw new AppError('VERSION_CONFLICT', msg('returns.versionConflict'));
    await updateReturnVersionOutcome(tx, row.id, row.submissions, { outcome, reviewedBy: caller.actor.id, reviewedByName: name, reviewedAt: now, reason: reason?.trim() || null });
    await recordAudit(tx, caller, {
      action: `return.${action}`,
      objectType: 'monthlyReturn',
      objectId: `${region.code}/${month}`,
      regionCode: region.code,
      before: { state: row.state, submissions: row.submissions, locked: row.state === 'approved' },
      after: { state: to, submissions: row.submissions, locked: to === 'approved' },
      reason: reason?.trim() || null,
    });
  });
  return getReturn(deps, caller, region.code, month);
}

/** The parent level's reviewer approves the submitted return: its month is locked. */
export const approveReturn = (deps: Deps, caller: Caller, regionCode: string, month: string, comment: string | null = null) =>
  decide(deps, caller, regionCode, month, 'approve', comment);
/** The parent level's reviewer returns the submitted return with a reason, to be corrected and resubmitted. */
export const sendBackReturn = (deps: Deps, caller: Caller, regionCode: string, month: string, reason: string) => decide(deps, caller, regionCode, month, 'return', reason);
/** The parent level's reviewer reopens an approved return with a reason: the month is unlocked and the return is `returned`. */
export const reopenReturn = (deps: Deps, caller: Caller, regionCode: string, month: string, reason: string) => decide(deps, caller, regionCode, month, 'reopen', reason);

/**
 * Refuses a change to receipts of `month` for a project in the region at `projectRegionPath` when
 * the month's return of that region or of any region above it is approved (locked). Call it inside
 * the transaction that changes the receipt: it takes the month's lock (lockReceiptMonth) so that an
 * approval cannot commit between the check and the change.
 */
export async function assertMonthOpen(tx: Db, projectRegionPath: string, month: string): Promise<void> {
  await lockReceiptMonth(tx, month, 'shared');
  const locks = await selectLockingReturns(tx, projectRegionPath, month);
  const top = locks[0];
  if (!top) return;
  const who = top.parentName ? msg('returns.reopenerParent', { parent: top.parentName }) : msg('returns.reopenerOwn', { region: top.name });
  throw new AppError('CONFLICT', msg('returns.locked', { region: top.name, month, who }), [{ field: 'month', message: msg('returns.monthLocked') }]);
}

interface StatusItem {
  regionCode: string;
  regionName: string;
  level: string;
  /** a region with any project in its subtree must file a return */
  required: boolean;
  state: ReturnState;
  stateLabel: string;
  submissions: number;
  firstSubmittedAt: string | null;
  submittedAt: string | null;
  /** who made the latest submission (the name it was made under) */
  submittedByName: string | null;
  dueDate: string;
  /** not submitted by the due date (first submission after it, or still none and the date has passed) */
  late: boolean;
  /** required, never submitted, and the due date has passed */
  missing: boolean;
  /** required, not submitted yet (draft or returned), the due date within DUE_SOON_WORKING_DAYS working days */
  dueSoon: boolean;
}

async function statusFlags(deps: Deps, today: string, lang: Lang) {
  const due = await loadDueDates(deps);
  const cal = await loadWorkingCalendar(deps);
  return (r: { code: string; name: string; level: string; hasProjects: boolean }, month: string, row: ReturnRow | undefined, submittedByName: string | null = null): StatusItem => {
    const state = stateOf(row);
    const dueDate = due(r.level as 'county', month);
    const first = row?.firstSubmittedAt ? toShanghaiDate(row.firstSubmittedAt) : null;
    const open = state === 'draft' || state === 'returned';
    return {
      regionCode: r.code,
      regionName: r.name,
      level: r.level,
      required: r.hasProjects,
      state,
      stateLabel: renderMessage(RETURN_STATE_NAMES[state], lang),
      submissions: row?.submissions ?? 0,
      firstSubmittedAt: row?.firstSubmittedAt?.toISOString() ?? null,
      submittedAt: row?.submittedAt?.toISOString() ?? null,
      submittedByName,
      dueDate,
      late: r.hasProjects && (first ?? today) > dueDate,
      missing: r.hasProjects && first === null && today > dueDate,
      dueSoon: r.hasProjects && open && today <= dueDate && countWorkingDays(cal, today, dueDate) <= DUE_SOON_WORKING_DAYS,
    };
  };
}

/** The returns of a region's direct sub-regions for a month (and the region's own): state, due date, late and missing flags. */
export async function listReturnStatus(deps: Deps, caller: Caller, q: { region: string; month: string; asOf?: string }) {
  checkMonth(q.month);
  const region = await requireReportingRegion(deps, caller, q.region);
  const today = q.asOf ?? todayInShanghai();
  const children = await selectReportingChildren(deps.db, region.code);
  const found = await selectReturnsOfRegions(deps.db, [region.code, ...children.map((c) => c.code)], q.month);
  const rows = new Map(found.map((r) => [r.regionCode, r]));
  const names = await selectLatestSubmitterNames(deps.db, found);
  const flags = await statusFlags(deps, today, caller.lang ?? 'zh');
  const item = (r: { code: string; name: string; level: string; hasProjects: boolean }) => {
    const row = rows.get(r.code);
    return flags(r, q.month, row, row ? (names.get(row.id) ?? null) : null);
  };
  const own = { code: region.code, name: region.name, level: region.level, hasProjects: await hasProjectsInSubtree(deps.db, region.path) };
  return {
    regionCode: region.code,
    regionName: region.name,
    month: q.month,
    asOf: today,
    own: item(own),
    items: children.map(item),
  };
}

const monthsOfYearUpTo = (month: string) => Array.from({ length: Number(month.slice(5, 7)) }, (_, i) => `${month.slice(0, 4)}-${String(i + 1).padStart(2, '0')}`);

/**
 * In-app reminders: the caller's own region's returns that are late or due soon (to a statistician),
 * and sub-regions' returns waiting for review (to a reviewer of the parent level).
 */
export async function listReminders(deps: Deps, caller: Caller, today: string = todayInShanghai()) {
  const items: { kind: 'late' | 'dueSoon' | 'toReview'; regionCode: string; regionName: string; month: string; state: ReturnState; dueDate: string | null; message: string }[] = [];
  const say = (m: Message) => renderMessage(m, caller.lang ?? 'zh');
  const home = caller.actor.regionCode ? await selectRegion(deps.db, caller.actor.regionCode) : undefined;
  if (!home || !isReportingLevel(home.level)) return { today, items };
  if (caller.actor.permissions.includes('returns.submit') && (await hasProjectsInSubtree(deps.db, home.path))) {
    // this year's months up to the current one (in January: also last year's December)
    const current = today.slice(0, 7);
    const months = [...(current.endsWith('-01') ? [`${Number(current.slice(0, 4)) - 1}-12`] : []), ...monthsOfYearUpTo(current)];
    const rows = new Map((await selectReturnsOfRegion(deps.db, home.code, months[0] ?? current, current)).map((r) => [r.month, r]));
    const flags = await statusFlags(deps, today, caller.lang ?? 'zh');
    for (const month of months) {
      const s = flags({ code: home.code, name: home.name, level: home.level, hasProjects: true }, month, rows.get(month));
      const open = s.state === 'draft' || s.state === 'returned';
      if (open && s.late) items.push({ kind: 'late', regionCode: home.code, regionName: home.name, month, state: s.state, dueDate: s.dueDate, message: say(msg('returns.reminder.late', { region: home.name, month, due: s.dueDate })) });
      else if (s.dueSoon) items.push({ kind: 'dueSoon', regionCode: home.code, regionName: home.name, month, state: s.state, dueDate: s.dueDate, message: say(msg('returns.reminder.dueSoon', { region: home.name, month, due: s.dueDate })) });
    }
  }
  if (caller.actor.permissions.includes('returns.review')) {
    for (const r of await selectReturnsAwaitingReview(deps.db, home.code, home.level === 'province')) {
      items.push({ kind: 'toReview', regionCode: r.regionCode, regionName: r.regionName, month: r.month, state: 'submitted', dueDate: null, message: say(msg('returns.reminder.toReview', { region: r.regionName, month: r.month })) });
    }
  }
  return { today, items };
}
