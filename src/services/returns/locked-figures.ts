/**
 * One rule for every door that changes a project (PATCH, stage change, create, the 项目 import): a
 * change that would alter the figures of an approved (locked) monthly return is refused, naming the
 * project, the month and who reopens it. What a return's figures depend on is worked out in
 * db/queries/returns/locked-figures.ts: region and source through the project's receipts; region, signing
 * date, signed amount, investor (top-investor tags), start date and termination through its signing.
 * Fields no approved figure depends on (name, industry, planned investment, leader …) stay free.
 *
 * The check runs inside the transaction that makes the change, after taking the receipt-month locks
 * (shared) of every month it could touch up to the current one, so an approval (which takes its
 * month's lock exclusive) cannot commit between the check and the change.
 */
import type { SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import {
  changesFromValues,
  hasApprovedReturnSince,
  investorChangesFromValues,
  selectEarliestAffectedMonth,
  selectEarliestInvestorMonth,
  selectFirstReceiptMonth,
  selectLockedInvestorChanges,
  selectLockedPolicyChange,
  selectLockedProjectChanges,
  type InvestorTopChange,
  type LockedInvestorChange,
  type LockedProjectChange,
  type ProjectFiguresChange,
} from '../../db/queries/returns/locked-figures';
import type { MonthLock } from '../../db/queries/funds/fund-ledger';
import type { ReceiptFilter } from '../../db/queries/statistics/statistics';
import { lockReceiptMonth } from '../../db/queries/returns/returns';
import { AppError } from '../../domain/app-error';
import { msg, renderMessage, type Lang, type Message } from '../../domain/messages/catalog';
import type { RowProblem } from '../../imports/row-validate';
import { todayInShanghai } from '../../domain/dates';

export type { InvestorTopChange, ProjectFiguresChange } from '../../db/queries/returns/locked-figures';

/** A figure-relevant field: its label in messages and its column in the 项目 import sheet. */
const FIELDS = {
  region: { label: msg('locked.field.region'), column: '地区代码' },
  source: { label: msg('locked.field.source'), column: '资金来源' },
  signedDate: { label: msg('locked.field.signedDate'), column: '签约日期' },
  signedYuan: { label: msg('locked.field.signedYuan'), column: '签约额(万元)' },
  investor: { label: msg('locked.field.investor'), column: '投资方' },
  startedDate: { label: msg('locked.field.startedDate'), column: '开工日期' },
  terminated: { label: msg('locked.field.terminated'), column: '阶段' },
} as const;
type Field = keyof typeof FIELDS;

/** The months from `from` to `to` (YYYY-MM), in order. */
function listMonths(from: string, to: string): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (month > to) return out;
    out.push(month);
    if (++m > 12) {
      m = 1;
      y++;
    }
  }
}

/**
 * The changes (a relation, see db/queries/returns/locked-figures.ts) that would alter an approved return,
 * each with its earliest such month. Locks the months the changes could touch first (shared).
 */
export async function findLockedProjectChanges(tx: Db, changes: SQL): Promise<LockedProjectChange[]> {
  const earliest = await selectEarliestAffectedMonth(tx, changes);
  if (!(await lockMonthsSince(tx, earliest))) return [];
  return selectLockedProjectChanges(tx, changes);
}

/**
 * Locks (shared) the receipt months from `earliest` to the current one, so that no approval commits
 * between a check and the change; then tells whether any return from `earliest` on is approved
 * (when none is, nothing can be altered: a fresh bulk import).
 */
async function lockMonthsSince(tx: Db, earliest: string | null): Promise<boolean> {
  if (!earliest) return false;
  // a month after the current one has no return yet: nothing to wait for
  for (const month of listMonths(earliest, todayInShanghai().slice(0, 7))) await lockReceiptMonth(tx, month, 'shared');
  return hasApprovedReturnSince(tx, earliest);
}

/**
 * The investor changes (a relation, see db/queries/returns/locked-figures.ts) that would alter an approved
 * return: the investor's projects signed in a locked period would count among the top investors'
 * projects (世界500强, 中国500强, 中国民营500强, 央企) or stop counting. Locks the months first (shared).
 */
export async function findLockedInvestorChanges(tx: Db, changes: SQL): Promise<LockedInvestorChange[]> {
  const earliest = await selectEarliestInvestorMonth(tx, changes);
  if (!(await lockMonthsSince(tx, earliest))) return [];
  return selectLockedInvestorChanges(tx, changes);
}

/** The refusal of an investor change: enterprise, project, month, what would change, who reopens. */
export function describeLockedInvestorChange(locked: LockedInvestorChange): Message {
  const who = locked.creditCode ? msg('locked.enterpriseCoded', { name: locked.enterpriseName, code: locked.creditCode }) : msg('locked.enterprise', { name: locked.enterpriseName });
  return msg(locked.newTop ? 'locked.investorIn' : 'locked.investorOut', {
    who,
    code: locked.projectCode,
    project: locked.projectName,
    region: locked.regionName,
    month: locked.month,
    reopener: describeReopener(locked.regionName, locked.parentName),
  });
}

/** Refuses (409) investor changes that would alter an approved return. Call it inside the change's transaction. */
export async function assertInvestorsUnlocked(tx: Db, changes: readonly InvestorTopChange[]): Promise<void> {
  if (!changes.some((c) => c.oldTop !== c.newTop)) return;
  const [locked] = await findLockedInvestorChanges(tx, investorChangesFromValues(changes));
  if (!locked) return;
  throw new AppError('CONFLICT', describeLockedInvestorChange(locked), [{ field: 'tags', message: msg('returns.regionMonthLocked', { region: locked.regionName, month: locked.month }) }]);
}

/** Import rows refused because they would alter an approved return (each with its row, column, value and reason). */
export class LockedFiguresRejection extends Error {
  constructor(readonly problems: RowProblem[]) {
    super(problems[0]?.reason ?? renderMessage(msg('locked.rejected'), 'zh'));
  }
}

/** The figure-relevant fields that differ, in the order of the import sheet. */
function changedFields(c: ProjectFiguresChange, locked: LockedProjectChange): Field[] {
  const out: Field[] = [];
  if (c.oldRegionCode !== c.newRegionCode) out.push('region');
  if (locked.fundsChanged && c.oldSource !== c.newSource) out.push('source');
  if (locked.signedChanged) {
    if (c.oldSignedDate !== c.newSignedDate) out.push('signedDate');
    if (c.oldSignedYuan !== c.newSignedYuan) out.push('signedYuan');
    if (c.oldInvestorId !== c.newInvestorId) out.push('investor');
    if (c.oldStartedDate !== c.newStartedDate) out.push('startedDate');
    if (c.oldTerminated !== c.newTerminated) out.push('terminated');
  }
  return out;
}

const SOURCE_LABELS: Record<string, string> = { local: '区内', outOfRegion: '区外', foreign: '境外' };

/** The new value of a field as the import sheet writes it. */
function describeNewValue(c: ProjectFiguresChange, field: Field): string {
  switch (field) {
    case 'region':
      return c.newRegionCode;
    case 'source':
      return c.newSource ? (SOURCE_LABELS[c.newSource] ?? c.newSource) : '';
    case 'signedDate':
      return c.newSignedDate ?? '';
    case 'signedYuan':
      return c.newSignedYuan === null ? '' : formatWan(c.newSignedYuan);
    case 'investor':
      return '';
    case 'startedDate':
      return c.newStartedDate ?? '';
    case 'terminated':
      return c.newTerminated ? '终止' : '';
  }
}

/** Integer yuan as 万元 with up to 4 decimals. */
function formatWan(yuan: bigint): string {
  const sign = yuan < 0n ? '-' : '';
  const abs = yuan < 0n ? -yuan : yuan;
  const frac = (abs % 10_000n).toString().padStart(4, '0').replace(/0+$/, '');
  return `${sign}${abs / 10_000n}${frac ? `.${frac}` : ''}`;
}

/** Who reopens a region's return: the reviewer of its parent, or the province's own reviewer. */
export function describeReopener(regionName: string, parentName: string | null): Message {
  return parentName ? msg('locked.reopenerParent', { parent: parentName }) : msg('locked.reopenerOwn', { region: regionName });
}

/** A locked month as the ledger pages show it: which approved return locks it and who reopens it (null: open). */
export function describeLock(lock: MonthLock | null, month: string, lang: Lang = 'zh') {
  if (!lock) return null;
  const reopener = describeReopener(lock.regionName, lock.parentName);
  return {
    regionName: lock.regionName,
    reopener: renderMessage(reopener, lang),
    message: renderMessage(msg('locked.month', { region: lock.regionName, month, reopener }), lang),
  };
}

/** The refusal of one change: project, month, what would change, who reopens. */
export function describeLockedChange(locked: LockedProjectChange): { message: Message; column: string; value: string } {
  const c = locked.change;
  const fields = changedFields(c, locked);
  const created = c.projectId === null;
  const what = created
    ? msg('locked.whatCreate')
    : fields.length > 0
      ? msg('locked.whatEdit', { fields: { names: fields.map((f) => FIELDS[f].label) } })
      : msg('locked.whatEditProject');
  const message = msg('locked.project', {
    code: locked.code,
    name: locked.name,
    region: locked.regionName,
    month: locked.month,
    what,
    reopener: describeReopener(locked.regionName, locked.parentName),
  });
  const field: Field = created ? 'signedDate' : (fields[0] ?? 'region');
  return { message, column: FIELDS[field].column, value: describeNewValue(c, field) };
}

/** Refuses (409) one project change that would alter an approved return. Call it inside the change's transaction. */
export async function assertProjectFiguresUnlocked(tx: Db, change: ProjectFiguresChange): Promise<void> {
  const [locked] = await findLockedProjectChanges(tx, changesFromValues([change]));
  if (!locked) return;
  const { message } = describeLockedChange(locked);
  throw new AppError('CONFLICT', message, [{ field: 'month', message: msg('returns.regionMonthLocked', { region: locked.regionName, month: locked.month }) }]);
}

/**
 * Refuses (409) a change of which receipts count (先证后计: only verified ones, only those with
 * evidence) that would change the funds of an approved return, naming the first such return, how
 * many of its receipts are concerned and who reopens it. Locks every receipt month (shared) first,
 * so no approval commits between the check and the change. Call it inside the change's transaction.
 */
export async function assertReceiptFilterUnlocked(tx: Db, current: ReceiptFilter, next: ReceiptFilter): Promise<void> {
  if (current.verifiedOnly === next.verifiedOnly && current.withEvidenceOnly === next.withEvidenceOnly) return;
  if (!(await lockMonthsSince(tx, await selectFirstReceiptMonth(tx)))) return;
  const locked = await selectLockedPolicyChange(tx, current, next);
  if (!locked) return;
  const reopener = describeReopener(locked.regionName, locked.parentName);
  throw new AppError(
    'CONFLICT',
    msg('locked.receiptFilter', { region: locked.regionName, month: locked.month, count: locked.receipts, reopener }),
    [{ field: 'receiptNeedsEvidence', message: msg('returns.regionMonthLocked', { region: locked.regionName, month: locked.month }) }],
  );
}
