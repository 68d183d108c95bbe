/**
 * The audit view of what imports did to one enterprise (issue 10 item 2): for each import that
 * created or changed it — a background job or a workbook's 企业 sheet — the file, the user, the
 * time, the import's own audit row, and the before and after of every field it changed.
 *
 * Why not one audit row per enterprise: a 1,000,000-row import would write a million audit rows
 * (each sealed by the hash chain) inside the import's transaction, far beyond the 1.2× time budget
 * of the import. The import writes one audit row (file, sha256, user, counts) and the per-object
 * facts go to the enterprise's history (enterprise_field_changes, set-based, one row per changed
 * field and one per created enterprise, each naming the import); this view joins the two.
 *
 * A created enterprise's history row holds no values (a million rows repeating the enterprise rows
 * would double the import's writes): the values the import created are the current values rolled
 * back through the later history (each later change's old value), which is exact because every
 * change to those fields writes a history row.
 */
import { selectEnterpriseHistoryWithImports, type EnterpriseHistoryRow } from '../../db/queries/enterprise-imports/enterprise-import-history';
import { CREATED_FIELD } from '../../db/queries/enterprise-imports/enterprise-imports';
import type { EnterpriseRow } from '../../db/queries/enterprises/enterprises';
import { isPathWithin } from '../../domain/region-scope';
import type { Caller, Deps } from '../context';
import { requireEnterprise } from '../enterprises/enterprises';

export interface EnterpriseImportEntry {
  importId: string;
  importKind: 'job' | 'workbook' | null;
  fileName: string | null;
  /** the import's audit row (import_job.succeed or import.run) */
  auditId: string | null;
  at: string;
  actorId: string | null;
  actorUsername: string | null;
  actorName: string | null;
  change: 'create' | 'update';
  /** field key → value before the import (empty for a created enterprise) */
  before: Record<string, unknown>;
  /** field key → value the import set */
  after: Record<string, unknown>;
  /** 数据来源 and 数据日期 the import recorded for those fields */
  source: string;
  sourceDate: string;
}

/** The merged fields of an enterprise as JSON values (as the history rows hold them). */
function currentValues(e: EnterpriseRow): Record<string, unknown> {
  return {
    name: e.name,
    formerNames: e.formerNames,
    regionCode: e.regionCode,
    industryCode: e.industryCode,
    registeredCapitalYuan: e.registeredCapitalYuan === null ? null : Number(e.registeredCapitalYuan),
    establishedOn: e.establishedOn,
    status: e.status,
    ticker: e.ticker,
    businessScope: e.businessScope,
    mainProducts: e.mainProducts,
    tags: e.tags,
    website: e.website,
    parentGroup: e.parentGroup,
    employees: e.employees,
    revenueBand: e.revenueBand,
  };
}

const isEmpty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

/** The values an enterprise had right after the history row `createdId`: current values rolled back through later changes. */
function valuesAtCreation(rows: EnterpriseHistoryRow[], createdId: number, current: Record<string, unknown>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(current)) {
    const later = rows.find((r) => r.id > createdId && r.field === field);
    const v = later ? later.oldValue : value;
    if (!isEmpty(v)) values[field] = v;
  }
  return values;
}

/** Imports that created or changed the enterprise, newest first; only imports of the caller's region subtree. */
export async function listEnterpriseImportHistory(deps: Deps, caller: Caller, key: string) {
  const e = await requireEnterprise(deps, key);
  const rows = await selectEnterpriseHistoryWithImports(deps.db, e.id);
  const current = currentValues(e);
  const byImport = new Map<string, EnterpriseImportEntry>();
  for (const r of rows) {
    if (r.importId === null) continue;
    if (r.importRegionPath === null || !isPathWithin(caller.actor.regionPath, r.importRegionPath)) continue;
    let entry = byImport.get(r.importId);
    if (!entry) {
      entry = {
        importId: r.importId,
        importKind: r.importKind,
        fileName: r.importFileName,
        auditId: r.auditId,
        at: r.changedAt.toISOString(),
        actorId: r.actorId,
        actorUsername: r.actorUsername,
        actorName: r.actorName,
        change: 'update',
        before: {},
        after: {},
        source: r.source,
        sourceDate: r.sourceDate,
      };
      byImport.set(r.importId, entry);
    }
    if (r.field === CREATED_FIELD) {
      entry.change = 'create';
      entry.after = { ...valuesAtCreation(rows, r.id, current), ...entry.after };
    } else {
      entry.before[r.field] = r.oldValue;
      entry.after[r.field] = r.newValue;
    }
  }
  return {
    enterprise: { id: e.id, creditCode: e.creditCode, name: e.name },
    items: [...byImport.values()].reverse(),
  };
}
