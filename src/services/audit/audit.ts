/** Writes and reads the audit trail. Every change to business or security data goes through recordAudit. */
import type { Db } from '../../db/client';
import { insertAudit, selectAuditPage } from '../../db/queries/audit/audit';
import type { AuditAction, AuditObjectType } from '../../domain/audit-actions';
import type { Caller, Deps, RequestMeta } from '../context';
import { claimCallerIdempotencyKey } from '../idempotency/idempotency';
import { listObjectImportEntries } from '../imports/import-history';

export type AuditOutcome = 'success' | 'failure' | 'denied';

export interface AuditEntry {
  action: AuditAction;
  objectType: AuditObjectType;
  objectId?: string | null;
  regionCode?: string | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
  outcome?: AuditOutcome;
}

/**
 * Records one audit row. Pass the transaction so the row commits or rolls back with the change. A successful
 * change also claims the request's idempotency key there (services/idempotency), so a retry never applies twice.
 */
export async function recordAudit(db: Db, caller: Caller, entry: AuditEntry): Promise<void> {
  if ((entry.outcome ?? 'success') === 'success') await claimCallerIdempotencyKey(db, caller);
  await insertAudit(db, {
    actorId: caller.actor.id,
    actorUsername: caller.actor.username,
    action: entry.action,
    objectType: entry.objectType,
    objectId: entry.objectId ?? null,
    regionCode: entry.regionCode ?? caller.actor.regionCode,
    before: entry.before ?? null,
    after: entry.after ?? null,
    reason: entry.reason ?? null,
    clientIp: caller.clientIp,
    requestId: caller.requestId,
    outcome: entry.outcome ?? 'success',
  });
}

/** For events without a signed-in caller (a failed login). */
export async function recordAnonymousAudit(
  db: Db,
  meta: RequestMeta,
  username: string | null,
  entry: AuditEntry,
): Promise<void> {
  await insertAudit(db, {
    actorId: null,
    actorUsername: username,
    action: entry.action,
    objectType: entry.objectType,
    objectId: entry.objectId ?? null,
    regionCode: entry.regionCode ?? null,
    before: entry.before ?? null,
    after: entry.after ?? null,
    reason: entry.reason ?? null,
    clientIp: meta.clientIp,
    requestId: meta.requestId,
    outcome: entry.outcome ?? 'failure',
  });
}

export interface AuditQuery {
  from?: Date;
  to?: Date;
  actor?: string;
  action?: string;
  objectType?: string;
  objectId?: string;
  outcome?: AuditOutcome;
  page: number;
  pageSize: number;
}

/** The auditor reads rows of their region's subtree; a province-level auditor also sees unregioned rows. */
export async function listAudit(deps: Deps, caller: Caller, q: AuditQuery) {
  const { actor } = caller;
  const depth = actor.regionPath.split('/').filter(Boolean).length;
  const { rows, total } = await selectAuditPage(deps.db, {
    scopePath: actor.regionPath,
    includeUnregioned: depth <= 1,
    from: q.from,
    to: q.to,
    actor: q.actor,
    action: q.action,
    objectType: q.objectType,
    objectId: q.objectId,
    outcome: q.outcome,
    // with an object named, its import entries (import_changes) merge in: read both from the top
    limit: q.objectId ? q.page * q.pageSize : q.pageSize,
    offset: q.objectId ? 0 : (q.page - 1) * q.pageSize,
  });
  const items = rows.map((r) => ({
      id: String(r.id),
      at: r.at.toISOString(),
      actorId: r.actorId,
      actorUsername: r.actorUsername,
      actorName: r.actorName,
      action: r.action,
      objectType: r.objectType,
      objectId: r.objectId,
      objectName: r.objectName,
      regionCode: r.regionCode,
      before: r.before,
      after: r.after,
      reason: r.reason,
      clientIp: r.clientIp,
      outcome: r.outcome,
      requestId: r.requestId,
  }));
  if (!q.objectId) return { total, items };
  const imported = await listObjectImportEntries(deps, { objectType: q.objectType, objectId: q.objectId, scopePath: actor.regionPath, limit: q.page * q.pageSize });
  const filtered = imported.entries.filter(
    (e) =>
      (!q.action || e.action.toLowerCase().startsWith(q.action.toLowerCase())) &&
      (!q.actor || (e.actorUsername ?? '').toLowerCase().includes(q.actor.toLowerCase())) &&
      (!q.outcome || q.outcome === e.outcome) &&
      (!q.from || new Date(e.at) >= q.from) &&
      (!q.to || new Date(e.at) <= q.to),
  );
  const unfiltered = !q.action && !q.actor && !q.outcome && !q.from && !q.to;
  const merged = [...items, ...filtered.map(({ importId: _importId, ...e }) => ({ actorName: null, objectName: null, ...e }))].sort((a, b) => b.at.localeCompare(a.at));
  return { total: total + (unfiltered ? imported.total : filtered.length), items: merged.slice((q.page - 1) * q.pageSize, q.page * q.pageSize) };
}
