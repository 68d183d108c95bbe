/**
 * What the 数据导入 page shows of an import, whichever endpoint answered: the ledger import (POST /api/imports:
 * enterprises, projects, funds) or the activity ledger (POST /api/activities/import: activities, the
 * organisations met, the projects named). Both refuse a whole file and list each problem with its row, column,
 * value and the reason in Chinese; the page reads them through this one shape.
 */
import { ACTIVITY_IMPORT_KINDS, type ActivityImportKind, type ActivityImportResult } from '../../api/activities';
import { IMPORT_KINDS, type ImportKind, type ImportResult, type RejectedRow } from '../../api/imports';
import type { Translate } from '../../i18n';

export type AnyImportKind = ImportKind | ActivityImportKind;

export const isActivityKind = (k: AnyImportKind | undefined): k is ActivityImportKind => (ACTIVITY_IMPORT_KINDS as readonly string[]).includes(k ?? '');

export interface OutcomeRow {
  kind: AnyImportKind;
  label: string;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
}

export interface ImportOutcome {
  fileName: string;
  format: string;
  dryRun: boolean;
  /** null: nothing refused; otherwise the headline of the refusal */
  error: string | null;
  counts: OutcomeRow[];
  rejected: RejectedRow[];
  rejectedTotal: number;
  /** 资料不全 activities (imported, flagged) */
  activityGaps: number;
  /** the ledger import's own answer (its preview and incomplete rows); null for an activity ledger */
  ledger: ImportResult | null;
}

export const kindLabel = (t: Translate, k: AnyImportKind) => (isActivityKind(k) ? t(`activities.import.kind.${k}`) : t(`imports.kind.${k}`));

export function outcomeOfLedger(r: ImportResult, t: Translate, dryRun: boolean): ImportOutcome {
  const kinds = IMPORT_KINDS.filter((k) => r.kinds.includes(k) || r.counts[k] !== undefined);
  return {
    fileName: r.fileName,
    format: r.format,
    dryRun,
    error: r.error ? r.error.message || t('imports.rejectedTitle', { n: r.rejectedTotal }) : null,
    counts: kinds.map((kind) => ({ kind, label: kindLabel(t, kind), rows: r.rows[kind] ?? 0, ...(r.counts[kind] ?? { created: 0, updated: 0, unchanged: 0 }) })),
    rejected: r.rejected,
    rejectedTotal: r.rejectedTotal,
    activityGaps: 0,
    ledger: r,
  };
}

export function outcomeOfActivities(r: ActivityImportResult, t: Translate): ImportOutcome {
  return {
    fileName: r.fileName,
    format: r.fileName.toLowerCase().endsWith('.csv') ? 'csv' : 'xlsx',
    dryRun: r.dryRun,
    error: r.ok ? null : t('activities.import.rejected', { name: r.fileName, n: r.problems.length }),
    counts: r.kinds.map((kind) => ({ kind, label: kindLabel(t, kind), rows: r.rows[kind] ?? 0, ...(r.counts[kind] ?? { created: 0, updated: 0, unchanged: 0 }) })),
    rejected: r.problems,
    rejectedTotal: r.problems.length,
    activityGaps: r.gaps.total,
    ledger: null,
  };
}
