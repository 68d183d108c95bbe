/** Per-project extras: evidence files, change history, saved list filters, and lights per leader. */
import type { EvidenceKind } from '../../contracts/evidence';
import {
  deleteSavedFilter,
  insertEvidence,
  selectEvidenceFile,
  selectEvidenceList,
  selectLightsByLeader,
  selectProjectAudit,
  selectSavedFilters,
  upsertSavedFilter,
} from '../../db/queries/projects/project-extras';
import { selectReceipt, selectUserNames } from '../../db/queries/projects/project-records';
import { AppError } from '../../domain/app-error';
import { msg } from '../../domain/messages/catalog';
import { todayInShanghai } from '../../domain/dates';
import { recordAudit } from '../audit/audit';
import { checkUploadedFile } from '../files/uploaded-file';
import type { Caller, Deps } from '../context';
import { buildLightCutoffs, getLightRules } from './project-lights';
import { requireProjectInScope } from './projects';
import { listProjectImportEntries } from '../imports/import-history';
import { requireRegionInScope } from '../regions';
import { assertMonthOpen } from '../returns/returns';


export async function uploadEvidence(
  deps: Deps,
  caller: Caller,
  projectId: string,
  input: { kind: EvidenceKind; fileName: string; contentBase64: string; fundReceiptId?: string | null },
) {
  const project = await requireProjectInScope(deps, caller, projectId);
  const { content, mimeType, sha256 } = await checkUploadedFile(input.contentBase64, input.fileName);
  const receipt = input.fundReceiptId ? await selectReceipt(deps.db, input.fundReceiptId) : undefined;
  if (input.fundReceiptId && (!receipt || receipt.projectId !== projectId)) {
    throw new AppError('VALIDATION', msg('project.receiptOfOtherProject'), [{ field: 'fundReceiptId', message: msg('project.receiptOfOtherProjectShort') }]);
  }
  const row = await deps.db.transaction(async (tx) => {
    // evidence decides whether a receipt counts (先证后计): a receipt of a locked month keeps what it has
    if (receipt) await assertMonthOpen(tx, project.regionPath, receipt.month);
    const created = await insertEvidence(tx, {
      projectId,
      fundReceiptId: input.fundReceiptId ?? null,
      kind: input.kind,
      fileName: input.fileName.slice(0, 200),
      mimeType,
      sizeBytes: content.length,
      sha256,
      content,
      uploadedBy: caller.actor.id,
    });
    await recordAudit(tx, caller, {
      action: 'evidence.upload',
      objectType: 'evidence',
      objectId: created.id,
      regionCode: project.project.regionCode,
      after: { projectCode: project.project.code, kind: input.kind, fileName: created.fileName, sizeBytes: content.length, sha256, fundReceiptId: created.fundReceiptId },
    });
    return created;
  });
  return toEvidenceDto(row, new Map([[caller.actor.id ?? '', caller.actor.displayName]]));
}

type EvidenceMeta = Awaited<ReturnType<typeof selectEvidenceList>>[number];

function toEvidenceDto(e: EvidenceMeta, names: Map<string, string>) {
  return {
    id: e.id,
    projectId: e.projectId,
    fundReceiptId: e.fundReceiptId,
    kind: e.kind,
    fileName: e.fileName,
    mimeType: e.mimeType,
    sizeBytes: e.sizeBytes,
    sha256: e.sha256,
    uploadedByName: e.uploadedBy ? (names.get(e.uploadedBy) ?? null) : null,
    uploadedAt: e.uploadedAt.toISOString(),
  };
}

export async function listEvidence(deps: Deps, caller: Caller, projectId: string) {
  await requireProjectInScope(deps, caller, projectId);
  const rows = await selectEvidenceList(deps.db, projectId);
  const names = await selectUserNames(deps.db, rows.map((r) => r.uploadedBy));
  return rows.map((r) => toEvidenceDto(r, names));
}

export async function downloadEvidence(deps: Deps, caller: Caller, id: string) {
  const file = /^[0-9a-f-]{36}$/i.test(id) ? await selectEvidenceFile(deps.db, id) : undefined;
  if (!file) throw new AppError('NOT_FOUND', msg('project.evidenceNotFound'));
  await requireProjectInScope(deps, caller, file.projectId);
  return { fileName: file.fileName, mimeType: file.mimeType, content: file.content };
}

export async function listProjectHistory(deps: Deps, caller: Caller, projectId: string) {
  await requireProjectInScope(deps, caller, projectId);
  const limit = 500;
  const rows = await selectProjectAudit(deps.db, projectId, limit);
  const audited = rows.map((r) => ({
    id: String(r.id),
    at: r.at.toISOString(),
    actorUsername: r.actorUsername,
    action: r.action,
    objectType: r.objectType,
    objectId: r.objectId,
    before: r.before,
    after: r.after,
    reason: r.reason,
  }));
  // what imports did to the project and its receipts: file, user, time, each changed field's before and after
  const imported = (await listProjectImportEntries(deps, projectId, limit)).map((e) => ({
    id: e.id,
    at: e.at,
    actorUsername: e.actorUsername,
    action: e.action,
    objectType: e.objectType,
    objectId: e.objectId,
    before: e.before,
    after: e.after,
    reason: e.reason,
  }));
  return [...audited, ...imported].sort((a, b) => b.at.localeCompare(a.at)).slice(0, limit);
}

export async function listSavedFilters(deps: Deps, caller: Caller, page: string) {
  if (!caller.actor.id) return [];
  const rows = await selectSavedFilters(deps.db, caller.actor.id, page);
  return rows.map((r) => ({ id: r.id, page: r.page, name: r.name, filter: JSON.parse(r.filter) as Record<string, unknown>, createdAt: r.createdAt.toISOString() }));
}

export async function saveFilter(deps: Deps, caller: Caller, page: string, name: string, filter: Record<string, unknown>) {
  if (!caller.actor.id) throw new AppError('FORBIDDEN', msg('project.savedFilterSignedIn'));
  const row = await upsertSavedFilter(deps.db, caller.actor.id, page, name.trim(), JSON.stringify(filter));
  return { id: row.id, page: row.page, name: row.name, filter, createdAt: row.createdAt.toISOString() };
}

export async function removeSavedFilter(deps: Deps, caller: Caller, id: string) {
  if (!caller.actor.id || !(await deleteSavedFilter(deps.db, caller.actor.id, id))) throw new AppError('NOT_FOUND', msg('project.savedFilterNotFound'));
}

export async function summarizeLightsByLeader(deps: Deps, caller: Caller, regionCode?: string) {
  const scope = regionCode ? (await requireRegionInScope(deps, caller, regionCode)).path : caller.actor.regionPath;
  const rules = await getLightRules(deps);
  const rows = await selectLightsByLeader(deps.db, scope, buildLightCutoffs(rules, todayInShanghai()));
  return rows.map((r) => ({ leaderId: r.leaderId, leaderName: r.leaderName ?? '（未指定包联领导）', red: r.red, yellow: r.yellow, total: r.total }));
}
