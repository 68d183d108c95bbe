/**
 * What project and fund imports did to each object, for people: the project page's history and the
 * audit log show each created or changed project and receipt as an entry of its import (file, user,
 * time, the before and after of each changed field); the import's own audit entry lists the objects
 * it changed. The rows are written by the import (db/queries/imports/imports.ts, table import_changes).
 */
import {
  selectImportAudit,
  selectImportChangePage,
  selectObjectImportChanges,
  selectProjectImportChanges,
  type ImportChangeRow,
} from '../../db/queries/imports/import-changes';
import { AppError } from '../../domain/app-error';
import { msg } from '../../domain/messages/catalog';
import { isPathWithin } from '../../domain/region-scope';
import type { Caller, Deps } from '../context';
import { selectRegion } from '../../db/queries/regions';

/** An import change as an audit-log entry: action `import.create` or `import.update`, the file in the reason. */
export function toImportChangeEntry(r: ImportChangeRow) {
  return {
    id: `import-change-${r.id}`,
    at: r.at.toISOString(),
    actorId: r.actorId,
    actorUsername: r.actorUsername,
    action: `import.${r.change}`,
    objectType: r.objectType,
    objectId: r.objectId,
    regionCode: r.regionCode,
    before: r.before,
    after: r.after,
    reason: `导入文件“${r.fileName ?? '（未知）'}”（导入编号 ${r.importId}）`,
    clientIp: r.clientIp,
    outcome: 'success' as const,
    requestId: r.requestId,
    importId: r.importId,
  };
}
export type ImportChangeEntry = ReturnType<typeof toImportChangeEntry>;

/** The import entries of a project and its receipts (the project's scope is checked by the caller). */
export async function listProjectImportEntries(deps: Deps, projectId: string, limit: number): Promise<ImportChangeEntry[]> {
  return (await selectProjectImportChanges(deps.db, projectId, limit)).map(toImportChangeEntry);
}

/**
 * The import entries of one audited object (a project or a fund receipt) within a region scope, the
 * first `limit` newest first, and how many there are; none for other object types.
 */
export async function listObjectImportEntries(deps: Deps, q: { objectType?: string; objectId: string; scopePath: string; limit: number }) {
  if (!/^[0-9a-f-]{36}$/i.test(q.objectId)) return { entries: [], total: 0 };
  const known = ['project', 'fundReceipt'] as const;
  const types = known.filter((t) => q.objectType === undefined || q.objectType === t);
  const entries: ImportChangeEntry[] = [];
  let total = 0;
  for (const objectType of types) {
    const found = await selectObjectImportChanges(deps.db, { objectType, objectId: q.objectId, scopePath: q.scopePath, limit: q.limit });
    entries.push(...found.rows.map(toImportChangeEntry));
    total += found.total;
  }
  return { entries, total };
}

/** The objects one import created or changed (its audit entry's detail), for an auditor whose scope holds the import. */
export async function listImportChanges(deps: Deps, caller: Caller, importId: string, q: { page: number; pageSize: number }) {
  const audit = /^[0-9a-f-]{36}$/i.test(importId) ? await selectImportAudit(deps.db, importId) : undefined;
  const region = audit?.regionCode ? await selectRegion(deps.db, audit.regionCode) : undefined;
  const inScope = audit && (region ? isPathWithin(caller.actor.regionPath, region.path) : caller.actor.regionPath.split('/').filter(Boolean).length <= 1);
  if (!audit || !inScope) throw new AppError('NOT_FOUND', msg('import.historyNotFound'));
  const page = await selectImportChangePage(deps.db, importId, q.pageSize, (q.page - 1) * q.pageSize);
  return { importId, fileName: audit.fileName, ...page };
}
