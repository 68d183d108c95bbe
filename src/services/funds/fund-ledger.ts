/**
 * The ledger as statisticians work (issue 11, item 8): a monthly entry grid for all projects of a
 * region, and the 待核实 queue of other people's receipts. The grid writes through the one fund
 * service path (addReceipt / correctReceipt in services/funds/funds.ts): region scope, locked months,
 * the audit row and the evidence policy apply to a grid row exactly as to a single entry.
 */
import { selectGridRows, selectPendingReceipts } from '../../db/queries/funds/fund-ledger';
import { AppError, isAppError } from '../../domain/app-error';
import { msg } from '../../domain/messages/catalog';
import { isMonth, todayInShanghai } from '../../domain/dates';
import { shiftMonth } from '../../contracts/periods';
import type { Caller, Deps } from '../context';
import { getEvidencePolicy, judgeReceipt } from './evidence-policy';
import { addReceipt, correctReceipt } from './funds';
import { describeLock } from '../returns/locked-figures';
import { requireRegionInScope } from '../regions';

/** The most rows one grid shows (a county has hundreds of projects; a province is entered county by county). */
export const GRID_LIMIT = 2000;

function checkMonth(month: string, field = 'month') {
  if (!isMonth(month)) throw new AppError('VALIDATION', msg('returns.monthFormat', { month }), [{ field, message: msg('returns.monthFormatShort') }]);
}

/** Whether a receipt counts under 先证后计, and why not, as the receipt lists answer it. */
function judgedCounts(j: { counts: boolean; why: string | null }) {
  return { counts: j.counts, countsWhy: j.why };
}

/** The grid: each project of the region's subtree with its receipt of the month (or none), last month's amount, and the month's lock. */
export async function getFundGrid(deps: Deps, caller: Caller, q: { region: string; month: string }) {
  checkMonth(q.month);
  const region = await requireRegionInScope(deps, caller, q.region, 'region');
  const rows = await selectGridRows(deps.db, region.path, q.month, shiftMonth(q.month, -1), GRID_LIMIT + 1);
  const policy = await getEvidencePolicy(deps);
  const items = rows.slice(0, GRID_LIMIT).map((r) => ({
    projectId: r.projectId,
    projectCode: r.code,
    projectName: r.name,
    stage: r.stage,
    regionCode: r.regionCode,
    regionName: r.regionName,
    previousMonthYuan: r.previousMonthYuan,
    receipt:
      r.receiptId === null
        ? null
        : {
            id: r.receiptId,
            amountYuan: r.amountYuan ?? 0,
            note: r.note,
            version: r.version ?? 1,
            enteredByName: r.enteredByName,
            enteredByMe: r.enteredBy !== null && r.enteredBy === caller.actor.id,
            verifiedByName: r.verifiedByName,
            verified: r.verifiedAt !== null,
            evidenceCount: r.evidenceCount,
            ...judgedCounts(judgeReceipt(policy, { verified: r.verifiedAt !== null, evidenceCount: r.evidenceCount })),
          },
    lock: describeLock(r.lock, q.month, caller.lang),
  }));
  return {
    regionCode: region.code,
    regionName: region.name,
    month: q.month,
    futureMonth: q.month > todayInShanghai().slice(0, 7),
    truncated: rows.length > GRID_LIMIT,
    items,
  };
}

export interface GridEntry {
  projectId: string;
  amountYuan: number;
  note?: string | null;
  /** the receipt's version when it exists (optimistic locking), absent for a new one */
  version?: number;
}

/**
 * Saves the changed rows of a grid, each through the fund service (a new month's receipt, or a
 * correction with the reason). Rows are independent: one refused row (locked month, out of scope,
 * changed by someone else) does not undo the others, and each refusal is returned with its Chinese
 * message, so the statistician fixes that row and saves again.
 */
export async function saveFundGrid(deps: Deps, caller: Caller, input: { region: string; month: string; reason?: string | null; entries: GridEntry[] }) {
  checkMonth(input.month);
  await requireRegionInScope(deps, caller, input.region, 'region');
  const seen = new Set<string>();
  for (const [i, e] of input.entries.entries()) {
    if (seen.has(e.projectId)) throw new AppError('VALIDATION', msg('funds.duplicateRow', { row: i + 1 }), [{ field: `entries.${i}.projectId`, message: msg('funds.duplicateShort') }]);
    seen.add(e.projectId);
  }
  const existing = new Map((await getFundGrid(deps, caller, { region: input.region, month: input.month })).items.map((r) => [r.projectId, r]));
  const reason = input.reason?.trim() || null;
  const saved: { projectId: string; receipt: Awaited<ReturnType<typeof addReceipt>>; change: 'create' | 'correct' }[] = [];
  const refused: { projectId: string; projectCode: string | null; message: string }[] = [];
  for (const e of input.entries) {
    const row = existing.get(e.projectId);
    try {
      if (!row) throw new AppError('NOT_FOUND', msg('funds.projectNotInRegion'));
      if (!row.receipt) {
        saved.push({ projectId: e.projectId, change: 'create', receipt: await addReceipt(deps, caller, e.projectId, { month: input.month, amountYuan: e.amountYuan, note: e.note ?? null }) });
        continue;
      }
      if (row.receipt.amountYuan === e.amountYuan && (e.note === undefined || (e.note?.trim() || null) === row.receipt.note)) continue;
      if (!reason) throw new AppError('VALIDATION', msg('funds.correctionReason'), [{ field: 'reason', message: msg('returns.required') }]);
      const receipt = await correctReceipt(deps, caller, row.receipt.id, { amountYuan: e.amountYuan, note: e.note, reason, version: e.version ?? row.receipt.version });
      saved.push({ projectId: e.projectId, change: 'correct', receipt });
    } catch (err) {
      if (!isAppError(err)) throw err;
      refused.push({ projectId: e.projectId, projectCode: row?.projectCode ?? null, message: row ? `${row.projectCode}「${row.projectName}」：${err.message}` : err.message });
    }
  }
  return { saved, refused };
}

/** 待核实: receipts of the region's subtree waiting for verification, entered by someone else (one never verifies one's own). */
export async function listPendingReceipts(deps: Deps, caller: Caller, q: { region: string; month?: string; page: number; pageSize: number }) {
  if (q.month) checkMonth(q.month);
  const region = await requireRegionInScope(deps, caller, q.region, 'region');
  const { rows, total } = await selectPendingReceipts(deps.db, {
    regionPath: region.path,
    excludeEnteredBy: caller.actor.id,
    month: q.month,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  return {
    total,
    items: rows.map((r) => ({
      id: r.id,
      projectId: r.projectId,
      projectCode: r.projectCode,
      projectName: r.projectName,
      regionName: r.regionName,
      month: r.month,
      amountYuan: r.amountYuan,
      note: r.note,
      enteredByName: r.enteredByName,
      enteredAt: r.enteredAt.toISOString(),
      version: r.version,
      evidenceCount: r.evidenceCount,
      lock: describeLock(r.lock, r.month, caller.lang),
    })),
  };
}
