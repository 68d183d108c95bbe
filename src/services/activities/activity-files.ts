/**
 * 活动附件 (issue 13 item 1): photos and reports of an activity, stored in the database like projects'
 * evidence and passed through the same guard (services/files/uploaded-file.ts). Read with the
 * activity's scope; uploaded and deleted with activities.manage; audited.
 */
import type { ActivityFile } from '../../contracts/trips';
import { deleteActivityFile, insertActivityFile, selectActivityFile } from '../../db/queries/activities/trips';
import { AppError } from '../../domain/app-error';
import { msg } from '../../domain/messages/catalog';
import { recordAudit } from '../audit/audit';
import type { Caller, Deps } from '../context';
import { checkUploadedFile } from '../files/uploaded-file';
import { requireActivityInScope } from './activities';
import { listActivityFiles } from './activity-parts';


export async function uploadActivityFile(deps: Deps, caller: Caller, activityId: string, input: { kind: ActivityFile['kind']; fileName: string; contentBase64: string }): Promise<ActivityFile> {
  const activity = await requireActivityInScope(deps, caller, activityId);
  const { content, mimeType, sha256 } = await checkUploadedFile(input.contentBase64, input.fileName);
  const fileName = input.fileName.slice(0, 200);
  const id = await deps.db.transaction(async (tx) => {
    const created = await insertActivityFile(tx, { activityId, kind: input.kind, fileName, mimeType, sizeBytes: content.length, sha256, content, uploadedBy: caller.actor.id });
    await recordAudit(tx, caller, {
      action: 'activity.file.upload',
      objectType: 'activity',
      objectId: activityId,
      regionCode: activity.regionCode,
      after: { fileId: created, kind: input.kind, fileName, sizeBytes: content.length, sha256 },
    });
    return created;
  });
  const file = (await listActivityFiles(deps.db, activityId)).find((f) => f.id === id);
  if (!file) throw new Error('uploaded activity file not found');
  return file;
}

async function requireFileInScope(deps: Deps, caller: Caller, id: string) {
  const file = /^[0-9a-f-]{36}$/i.test(id) ? await selectActivityFile(deps.db, id) : undefined;
  if (!file) throw new AppError('NOT_FOUND', msg('activityFile.notFound'));
  const activity = await requireActivityInScope(deps, caller, file.activityId);
  return { file, activity };
}

export async function downloadActivityFile(deps: Deps, caller: Caller, id: string) {
  const { file } = await requireFileInScope(deps, caller, id);
  return { fileName: file.fileName, mimeType: file.mimeType, content: file.content };
}

export async function removeActivityFile(deps: Deps, caller: Caller, id: string, reason: string) {
  const { file, activity } = await requireFileInScope(deps, caller, id);
  await deps.db.transaction(async (tx) => {
    if (!(await deleteActivityFile(tx, id))) throw new AppError('NOT_FOUND', msg('activityFile.notFound'));
    await recordAudit(tx, caller, {
      action: 'activity.file.delete',
      objectType: 'activity',
      objectId: activity.id,
      regionCode: activity.regionCode,
      before: { fileId: id, kind: file.kind, fileName: file.fileName, sizeBytes: file.sizeBytes, sha256: file.sha256 },
      reason,
    });
  });
  return { id, deleted: true as const };
}
