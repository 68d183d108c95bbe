/**
 * 兑现登记: what was fulfilled of a clause, when, with its evidence. The evidence file is one of the
 * project's evidence files (佐证材料), uploaded here under the same checks (services/files) or an
 * existing one named by id. A clause with an amount takes amounts; one without is fulfilled by a
 * record marked complete. Not on a draft (not binding yet) nor a waived clause.
 */
import { insertFulfilment } from '../../db/queries/commitments/commitments';
import { insertEvidence, selectEvidenceFile } from '../../db/queries/projects/project-extras';
import type { FulfilmentBody } from '../../contracts/commitments';
import { AppError } from '../../domain/app-error';
import { COMMITMENT_STATUS_NAMES } from '../../domain/commitments/clause-kinds';
import { canRecordFulfilment } from '../../domain/commitments/status-transitions';
import { todayInShanghai } from '../../domain/dates';
import { msg } from '../../domain/messages/catalog';
import { recordAudit } from '../audit/audit';
import { loadWorkingCalendar } from '../calendar';
import type { Caller, Deps } from '../context';
import { checkUploadedFile } from '../files/uploaded-file';
import { requireClauseInScope, writeHistory } from './clause-access';
import { computeStatusNow, loadOneClause } from './clauses';
import { selectClause } from '../../db/queries/commitments/commitments';

export async function recordFulfilment(deps: Deps, caller: Caller, id: string, body: FulfilmentBody & { evidenceFileId?: string | null }) {
  const current = await requireClauseInScope(deps, caller, id);
  const c = current.clause;
  const today = todayInShanghai();
  if (c.agreement !== 'agreed') throw new AppError('VALIDATION', msg('commitment.notAgreed', { title: c.title }));
  const cal = await loadWorkingCalendar(deps);
  const before = await computeStatusNow(deps, cal, current);
  if (!canRecordFulfilment(before)) throw new AppError('VALIDATION', msg('commitment.fulfilWaived', { title: c.title }));
  if (body.fulfilledOn > today) {
    const m = msg('commitment.fulfilFuture', { date: body.fulfilledOn, today });
    throw new AppError('VALIDATION', m, [{ field: 'fulfilledOn', message: m }]);
  }
  if (c.amountYuan !== null && !body.amountYuan) throw new AppError('VALIDATION', msg('commitment.fulfilAmountNeeded'), [{ field: 'amountYuan', message: msg('commitment.fulfilAmountNeeded') }]);
  if (c.amountYuan === null && body.amountYuan != null) throw new AppError('VALIDATION', msg('commitment.fulfilAmountNotAllowed'), [{ field: 'amountYuan', message: msg('commitment.fulfilAmountNotAllowed') }]);
  if (!body.evidence && !body.evidenceFileId) throw new AppError('VALIDATION', msg('commitment.fulfilEvidenceNeeded'), [{ field: 'evidence', message: msg('commitment.fulfilEvidenceNeeded') }]);
  const upload = body.evidence ? { ...(await checkUploadedFile(body.evidence.contentBase64, body.evidence.fileName)), fileName: body.evidence.fileName.slice(0, 200) } : null;
  if (!upload && body.evidenceFileId) {
    const existing = /^[0-9a-f-]{36}$/i.test(body.evidenceFileId) ? await selectEvidenceFile(deps.db, body.evidenceFileId) : undefined;
    if (!existing || existing.projectId !== current.project.id) {
      throw new AppError('VALIDATION', msg('commitment.evidenceOfOtherProject'), [{ field: 'evidenceFileId', message: msg('commitment.evidenceOfOtherProject') }]);
    }
  }
  await deps.db.transaction(async (tx) => {
    let evidenceFileId = body.evidenceFileId ?? null;
    if (upload) {
      const file = await insertEvidence(tx, {
        projectId: current.project.id,
        kind: 'other',
        fileName: upload.fileName,
        mimeType: upload.mimeType,
        sizeBytes: upload.content.length,
        sha256: upload.sha256,
        content: upload.content,
        uploadedBy: caller.actor.id,
      });
      evidenceFileId = file.id;
      await recordAudit(tx, caller, {
        action: 'evidence.upload',
        objectType: 'evidence',
        objectId: file.id,
        regionCode: current.project.regionCode,
        after: { projectCode: current.project.code, kind: 'other', fileName: file.fileName, sizeBytes: upload.content.length, sha256: upload.sha256, commitmentId: id },
      });
    }
    const f = await insertFulfilment(tx, {
      commitmentId: id,
      fulfilledOn: body.fulfilledOn,
      amountYuan: body.amountYuan == null ? null : BigInt(body.amountYuan),
      complete: c.amountYuan === null ? (body.complete ?? false) : false,
      note: body.note?.trim() || null,
      evidenceFileId,
      recordedBy: caller.actor.id,
      recordedByName: caller.actor.displayName,
    });
    const after = await selectClause(tx, id);
    const status = after ? await computeStatusNow({ ...deps, db: tx }, cal, after) : before;
    const amount = f.amountYuan === null ? (f.complete ? '全部兑现' : '部分兑现') : `${f.amountYuan.toString()} 元`;
    await writeHistory(tx, caller, id, { event: 'fulfil', fromStatus: before, toStatus: status, detail: `${f.fulfilledOn} 兑现 ${amount}` });
    await recordAudit(tx, caller, {
      action: 'commitment.fulfil',
      objectType: 'commitment',
      objectId: id,
      regionCode: current.project.regionCode,
      before: { status: COMMITMENT_STATUS_NAMES[before] },
      after: { fulfilmentId: f.id, fulfilledOn: f.fulfilledOn, amountYuan: f.amountYuan?.toString() ?? null, complete: f.complete, evidenceFileId, status: COMMITMENT_STATUS_NAMES[status] },
    });
  });
  return loadOneClause(deps, cal, id);
}
