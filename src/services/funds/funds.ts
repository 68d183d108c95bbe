/**
 * 到位资金 receipts: one amount per project and month, entered by a statistician and verified by
 * another. A correction replaces the month's amount with a reason; every change is audited.
 */
import { touchProjectProgress } from '../../db/queries/projects/projects';
import {
  deleteReceipt,
  insertReceipt,
  selectReceipt,
  selectReceiptByMonth,
  selectReceipts,
  selectUserNames,
  updateReceiptVersioned,
  type ReceiptRow,
} from '../../db/queries/projects/project-records';
import { AppError } from '../../domain/app-error';
import { msg } from '../../domain/messages/catalog';
import { isMonth, todayInShanghai } from '../../domain/dates';
import { countEvidenceByReceipt } from '../../db/queries/projects/project-extras';
import { selectProjectMonthLocks } from '../../db/queries/funds/fund-ledger';
import { recordAudit } from '../audit/audit';
import { describeLock } from '../returns/locked-figures';
import { getEvidencePolicy, judgeReceipt } from './evidence-policy';
import type { Caller, Deps } from '../context';
import { requireProjectInScope } from '../projects/projects';
import { assertMonthOpen } from '../returns/returns';

function toReceiptDto(r: ReceiptRow, names: Map<string, string>, judged: { counts: boolean; why: string | null } = { counts: true, why: null }) {
  return {
    counts: judged.counts,
    countsWhy: judged.why,
    id: r.id,
    projectId: r.projectId,
    month: r.month,
    amountYuan: Number(r.amountYuan),
    note: r.note,
    /** who entered it: the page offers 核实 only on receipts someone else entered (the server refuses one's own) */
    enteredById: r.enteredBy,
    enteredByName: r.enteredBy ? (names.get(r.enteredBy) ?? null) : null,
    enteredAt: r.enteredAt.toISOString(),
    verifiedByName: r.verifiedBy ? (names.get(r.verifiedBy) ?? null) : null,
    verifiedAt: r.verifiedAt?.toISOString() ?? null,
    version: r.version,
  };
}

async function toDto(deps: Deps, r: ReceiptRow) {
  return toReceiptDto(r, await selectUserNames(deps.db, [r.enteredBy, r.verifiedBy]));
}

function snapshot(r: ReceiptRow) {
  return { month: r.month, amountYuan: Number(r.amountYuan), note: r.note, verifiedAt: r.verifiedAt?.toISOString() ?? null };
}

function checkMonthAndAmount(month: string, amountYuan: number) {
  if (!isMonth(month)) throw new AppError('VALIDATION', msg('returns.monthFormat', { month }), [{ field: 'month', message: msg('returns.monthFormatShort') }]);
  if (month > todayInShanghai().slice(0, 7)) throw new AppError('VALIDATION', msg('funds.futureMonth', { month }), [{ field: 'month', message: msg('returns.futureMonthShort') }]);
  if (!Number.isSafeInteger(amountYuan) || amountYuan < 0) {
    throw new AppError('VALIDATION', msg('funds.negative'), [{ field: 'amountYuan', message: msg('funds.negativeShort') }]);
  }
}

async function requireReceiptInScope(deps: Deps, caller: Caller, id: string) {
  const receipt = /^[0-9a-f-]{36}$/i.test(id) ? await selectReceipt(deps.db, id) : undefined;
  if (!receipt) throw new AppError('NOT_FOUND', msg('funds.receiptNotFound'));
  const project = await requireProjectInScope(deps, caller, receipt.projectId);
  return { receipt, project };
}

export async function listReceipts(deps: Deps, caller: Caller, projectId: string) {
  await requireProjectInScope(deps, caller, projectId);
  const rows = await selectReceipts(deps.db, projectId);
  const names = await selectUserNames(deps.db, rows.flatMap((r) => [r.enteredBy, r.verifiedBy]));
  const policy = await getEvidencePolicy(deps);
  const evidence = await countEvidenceByReceipt(deps.db, projectId);
  const locks = await selectProjectMonthLocks(deps.db, projectId);
  return rows.map((r) => ({
    ...toReceiptDto(r, names, judgeReceipt(policy, { verified: r.verifiedAt !== null, evidenceCount: evidence.get(r.id) ?? 0 })),
    lock: describeLock(locks.get(r.month) ?? null, r.month, caller.lang),
  }));
}

export async function addReceipt(deps: Deps, caller: Caller, projectId: string, input: { month: string; amountYuan: number; note?: string | null }) {
  const project = await requireProjectInScope(deps, caller, projectId);
  checkMonthAndAmount(input.month, input.amountYuan);
  if (await selectReceiptByMonth(deps.db, projectId, input.month)) {
    throw new AppError('CONFLICT', msg('funds.monthTaken', { month: input.month }), [{ field: 'month', message: msg('funds.monthTakenShort') }]);
  }
  const row = await deps.db.transaction(async (tx) => {
    await assertMonthOpen(tx, project.regionPath, input.month);
    const created = await insertReceipt(tx, { projectId, month: input.month, amountYuan: BigInt(input.amountYuan), note: input.note?.trim() || null, enteredBy: caller.actor.id });
    await touchProjectProgress(tx, projectId);
    await recordAudit(tx, caller, { action: 'funds.create', objectType: 'fundReceipt', objectId: created.id, regionCode: project.project.regionCode, after: { projectCode: project.project.code, ...snapshot(created) } });
    return created;
  });
  return toDto(deps, row);
}

export async function correctReceipt(
  deps: Deps,
  caller: Caller,
  id: string,
  input: { amountYuan: number; note?: string | null; reason: string; version: number },
) {
  const { receipt, project } = await requireReceiptInScope(deps, caller, id);
  checkMonthAndAmount(receipt.month, input.amountYuan);
  const row = await deps.db.transaction(async (tx) => {
    await assertMonthOpen(tx, project.regionPath, receipt.month);
    // a changed amount must be verified again
    const saved = await updateReceiptVersioned(tx, id, input.version, {
      amountYuan: BigInt(input.amountYuan),
      note: input.note === undefined ? receipt.note : input.note?.trim() || null,
      enteredBy: caller.actor.id,
      enteredAt: new Date(),
      verifiedBy: null,
      verifiedAt: null,
    });
    if (!saved) throw new AppError('VERSION_CONFLICT', msg('funds.versionConflict'));
    await touchProjectProgress(tx, receipt.projectId);
    await recordAudit(tx, caller, {
      action: 'funds.correct',
      objectType: 'fundReceipt',
      objectId: id,
      regionCode: project.project.regionCode,
      before: { projectCode: project.project.code, ...snapshot(receipt) },
      after: { projectCode: project.project.code, ...snapshot(saved) },
      reason: input.reason,
    });
    return saved;
  });
  return toDto(deps, row);
}

export async function removeReceipt(deps: Deps, caller: Caller, id: string, reason: string) {
  const { receipt, project } = await requireReceiptInScope(deps, caller, id);
  await deps.db.transaction(async (tx) => {
    await assertMonthOpen(tx, project.regionPath, receipt.month);
    await deleteReceipt(tx, id);
    await recordAudit(tx, caller, {
      action: 'funds.delete',
      objectType: 'fundReceipt',
      objectId: id,
      regionCode: project.project.regionCode,
      before: { projectCode: project.project.code, ...snapshot(receipt) },
      reason,
    });
  });
}

export async function verifyReceipt(deps: Deps, caller: Caller, id: string, version: number) {
  const { receipt, project } = await requireReceiptInScope(deps, caller, id);
  if (receipt.verifiedAt) throw new AppError('CONFLICT', msg('funds.alreadyVerified'));
  if (receipt.enteredBy && receipt.enteredBy === caller.actor.id) {
    throw new AppError('FORBIDDEN', msg('funds.ownEntry'));
  }
  const row = await deps.db.transaction(async (tx) => {
    await assertMonthOpen(tx, project.regionPath, receipt.month);
    const saved = await updateReceiptVersioned(tx, id, version, { verifiedBy: caller.actor.id, verifiedAt: new Date() });
    if (!saved) throw new AppError('VERSION_CONFLICT', msg('funds.versionConflict'));
    await recordAudit(tx, caller, { action: 'funds.verify', objectType: 'fundReceipt', objectId: id, regionCode: project.project.regionCode, before: snapshot(receipt), after: snapshot(saved) });
    return saved;
  });
  return toDto(deps, row);
}
