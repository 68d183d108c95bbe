/**
 * Importing an activity ledger (DESIGN.md "Import files, second half"): kinds `activities` (招商活动),
 * `activity-organisations` (活动对象) and `activity-projects` (活动项目), each a CSV, or an xlsx whose
 * sheets of those names hold the rows (all present sheets in that order, in one transaction, unless
 * a kind is named). Whole file or nothing: every problem of every row is reported (row, column,
 * value, reason) and nothing is written. Keys: activities by 活动编号 (unique in the installation),
 * organisations by (活动编号, 单位名称), projects by (活动编号, 项目编号); a key present twice in a file
 * is an error; a re-import of the same file finds every row unchanged and writes nothing. A link
 * row's activity is one of the same workbook or a stored one in the importer's scope; its project a
 * stored project in scope. One audit row records each import that wrote something.
 */
import { createHash } from 'node:crypto';
import { AppError } from '../../domain/app-error';
import { todayInShanghai } from '../../domain/dates';
import { msg, renderMessage, type Message } from '../../domain/messages/catalog';
import { isPathWithin } from '../../domain/region-scope';
import { MISSING_FACT_LABELS } from '../../domain/activities/activity-kinds';
import { pickOnRegionLine } from '../../domain/activities/team-resolution';
import { selectTeamsByNames } from '../../db/queries/activities/teams-partners';
import { mapHeaders, SHEET_NAMES, type SheetKind } from '../../imports/columns';
import {
  parseActivityRow,
  parseOrganisationRow,
  parseProjectLinkRow,
  type ActivityFileRow,
  type ActivityRowProblem,
  type ParsedActivity,
  type ParsedOrganisation,
  type ParsedProjectLink,
} from '../../imports/activities/activity-rows';
import { DEFAULT_IMPORT_LIMITS, inspectImportFile } from '../../imports/file-guard';
import { readRawRows, readRows } from '../../imports/sheet-reader';
import { verifyZipInflationOnce } from '../../imports/zip-inflate';
import { selectRegionIndex } from '../../db/queries/imports/imports';
import { selectEnterpriseIdsByCreditCodes, selectProjectsForLinks, type ActivityInsert } from '../../db/queries/activities/activities';
import {
  insertActivities,
  insertOrganisations,
  insertProjectLinks,
  selectActivitiesByCodes,
  selectOrganisationsOfActivities,
  selectProjectLinksOfActivities,
  updateActivityFields,
  updateOrganisation,
  updateProjectLinkOutcome,
} from '../../db/queries/activities/activity-imports';
import type { Db } from '../../db/client';
import { recordAudit } from '../audit/audit';
import type { Caller, Deps } from '../context';
import { announceRollupsStale } from '../funds/funds-rollup-signal';
import { listXlsxSheetNames } from '../imports/xlsx-sheets';

export const ACTIVITY_IMPORT_KINDS = ['activities', 'activity-organisations', 'activity-projects'] as const;
export type ActivityImportKind = (typeof ACTIVITY_IMPORT_KINDS)[number];

const SHEET_KIND: Record<ActivityImportKind, SheetKind> = { activities: 'activity', 'activity-organisations': 'activityOrganisation', 'activity-projects': 'activityProject' };
const MAX_ROWS = 200_000;

interface Counts {
  created: number;
  updated: number;
  unchanged: number;
}

export interface ActivityImportResult {
  fileName: string;
  sha256: string;
  kinds: ActivityImportKind[];
  dryRun: boolean;
  ok: boolean;
  rows: Partial<Record<ActivityImportKind, number>>;
  counts: Partial<Record<ActivityImportKind, Counts>>;
  problems: { sheet: string; row: number; column: string; value: string; reason: string }[];
  /** 资料不全: activity rows that leave unknown what their type needs (imported, listed) */
  gaps: { total: number; rows: { row: number; code: string; missing: string[] }[] };
}

export interface ActivityImportOptions {
  fileName: string;
  kind?: ActivityImportKind;
  dryRun?: boolean;
}

export function parseActivityImportKind(value: string): ActivityImportKind | null {
  return (ACTIVITY_IMPORT_KINDS as readonly string[]).includes(value) ? (value as ActivityImportKind) : null;
}

class Rollback extends Error {}

async function decideKinds(buffer: Buffer, format: 'csv' | 'xlsx', entries: Parameters<typeof listXlsxSheetNames>[1], opts: ActivityImportOptions): Promise<ActivityImportKind[]> {
  if (opts.kind) return [opts.kind];
  if (format === 'xlsx') {
    const names = listXlsxSheetNames(buffer, entries, opts.fileName);
    const kinds = ACTIVITY_IMPORT_KINDS.filter((k) => names.includes(SHEET_NAMES[SHEET_KIND[k]]));
    if (kinds.length === 0) {
      throw new AppError('VALIDATION', msg('import.noSheets', { file: opts.fileName, wanted: '“招商活动”“活动对象”或“活动项目”', names: names.map((s) => `“${s}”`).join('、') || msg('import.none') }));
    }
    return kinds;
  }
  let header: string[] | undefined;
  for await (const raw of readRawRows(buffer, 'activity', { format: 'csv', fileName: opts.fileName })) {
    header = raw.values;
    break;
  }
  if (!header) throw new AppError('VALIDATION', msg('import.emptyFile', { file: opts.fileName }));
  const fits = ACTIVITY_IMPORT_KINDS.filter((k) => {
    try {
      mapHeaders(header, SHEET_KIND[k]);
      return true;
    } catch {
      return false;
    }
  });
  if (fits.length !== 1) throw new AppError('VALIDATION', msg('import.kindUnknown', { file: opts.fileName }));
  return fits;
}

interface Problem extends ActivityRowProblem {
  sheet: string;
}

/** One import run: the parsed rows of each kind and every problem found. */
class ActivityImportRun {
  readonly problems: Problem[] = [];
  activities: ParsedActivity[] = [];
  organisations: ParsedOrganisation[] = [];
  links: ParsedProjectLink[] = [];
  readonly rows: Partial<Record<ActivityImportKind, number>> = {};

  constructor(
    private readonly tx: Db,
    private readonly caller: Caller,
  ) {}

  add(sheet: string, p: ActivityRowProblem): void {
    this.problems.push({ sheet, ...p });
  }

  async read(buffer: Buffer, kind: ActivityImportKind, format: 'csv' | 'xlsx', fileName: string): Promise<void> {
    const sheetKind = SHEET_KIND[kind];
    const sheet = SHEET_NAMES[sheetKind];
    const found: ActivityRowProblem[] = [];
    let n = 0;
    const firstRow = new Map<string, number>();
    const once = (key: string, row: number, column: string, value: string, duplicate: (first: number) => Message): boolean => {
      const first = firstRow.get(key);
      if (first === undefined) {
        firstRow.set(key, row);
        return true;
      }
      found.push({ row, column, value, reason: duplicate(first) });
      return false;
    };
    const today = todayInShanghai();
    for await (const row of readRows(buffer, sheetKind, { format, fileName })) {
      if (Object.values(row.cells).every((v) => v === '')) continue;
      n++;
      if (n > MAX_ROWS) throw new AppError('LIMIT_EXCEEDED', msg('activity.fileTooManyRows', { file: fileName, max: MAX_ROWS }));
      const fileRow: ActivityFileRow = row;
      if (kind === 'activities') {
        const v = parseActivityRow(fileRow, today, found);
        if (v && once(v.code, v.row, '活动编号', v.code, (first) => msg('activity.codeDuplicateRow', { code: v.code, first }))) this.activities.push(v);
      } else if (kind === 'activity-organisations') {
        const v = parseOrganisationRow(fileRow, found);
        if (v && once(`${v.activityCode}\u0000${v.name}`, v.row, '单位名称', v.name, (first) => msg('activity.linkDuplicateRow', { first, what: msg('activity.linkOrganisation') })))
          this.organisations.push(v);
      } else {
        const v = parseProjectLinkRow(fileRow, found);
        if (v && once(`${v.activityCode}\u0000${v.projectCode}`, v.row, '项目编号', v.projectCode, (first) => msg('activity.linkDuplicateRow', { first, what: msg('activity.linkProject') })))
          this.links.push(v);
      }
    }
    this.rows[kind] = n;
    if (n === 0) found.push({ row: 0, column: '', value: '', reason: msg('activity.emptyFile') });
    for (const p of found) this.add(sheet, p);
  }

  /** 驻点小分队 names → the team on the organising region's line; a name no team answers to is kept and flagged 资料不全. */
  private async resolveTeams(regions: Map<string, { path: string }>): Promise<void> {
    const teams = await selectTeamsByNames(this.tx, [...new Set(this.activities.flatMap((a) => (a.residentTeam ? [a.residentTeam] : [])))]);
    for (const a of this.activities) {
      const path = regions.get(a.regionCode)?.path;
      const team = a.residentTeam && path ? pickOnRegionLine(teams, path, a.residentTeam) : null;
      a.teamId = team?.id ?? null;
      if (a.residentTeam && !team) {
        a.missingFacts = [...a.missingFacts, 'residentTeam'];
        a.missing = [...a.missing, MISSING_FACT_LABELS.residentTeam];
      }
    }
  }

  /** Activity codes → stored activity (id, path) or the file's own; problems for the others. */
  async write(dryRun: boolean): Promise<Partial<Record<ActivityImportKind, Counts>>> {
    const scope = this.caller.actor.regionPath;
    const counts: Partial<Record<ActivityImportKind, Counts>> = {};
    const regions = await selectRegionIndex(this.tx);
    const codes = [...new Set([...this.activities.map((a) => a.code), ...this.organisations.map((o) => o.activityCode), ...this.links.map((l) => l.activityCode)])];
    const stored = await selectActivitiesByCodes(this.tx, codes);
    const sheetA = SHEET_NAMES.activity;
    for (const a of this.activities) {
      const region = regions.get(a.regionCode);
      if (!region || !region.active) this.add(sheetA, { row: a.row, column: '地区代码', value: a.regionCode, reason: msg('import.regionNotFound', { code: a.regionCode }) });
      else if (!isPathWithin(scope, region.path)) this.add(sheetA, { row: a.row, column: '地区代码', value: a.regionCode, reason: msg('import.regionOutOfScope', { code: a.regionCode }) });
      const old = stored.get(a.code);
      if (old && !isPathWithin(scope, old.regionPath)) this.add(sheetA, { row: a.row, column: '活动编号', value: a.code, reason: msg('activity.codeOutOfScope', { code: a.code }) });
    }
    const inFile = new Set(this.activities.map((a) => a.code));
    const checkActivity = (sheet: string, row: number, code: string) => {
      const old = stored.get(code);
      if (old && !isPathWithin(scope, old.regionPath)) this.add(sheet, { row, column: '活动编号', value: code, reason: msg('activity.codeOutOfScope', { code }) });
      else if (!old && !inFile.has(code)) this.add(sheet, { row, column: '活动编号', value: code, reason: msg('activity.codeUnknown', { code }) });
    };
    for (const o of this.organisations) checkActivity(SHEET_NAMES.activityOrganisation, o.row, o.activityCode);
    for (const l of this.links) checkActivity(SHEET_NAMES.activityProject, l.row, l.activityCode);
    const projects = new Map((await selectProjectsForLinks(this.tx, { codes: [...new Set(this.links.map((l) => l.projectCode))] })).map((p) => [p.code, p]));
    for (const l of this.links) {
      const p = projects.get(l.projectCode);
      if (!p || !isPathWithin(scope, p.path)) this.add(SHEET_NAMES.activityProject, { row: l.row, column: '项目编号', value: l.projectCode, reason: msg('activity.projectCodeUnknown', { code: l.projectCode }) });
    }
    if (this.problems.length > 0) throw new Rollback();
    await this.resolveTeams(regions);

    // activities: created, updated (a changed field), unchanged
    const ids = new Map<string, string>([...stored].map(([code, row]) => [code, row.id]));
    if (this.rows.activities !== undefined) {
      const c: Counts = { created: 0, updated: 0, unchanged: 0 };
      const fresh: ActivityInsert[] = [];
      for (const a of this.activities) {
        const fields = {
          type: a.type,
          name: a.name,
          startDate: a.startDate,
          endDate: a.endDate,
          regionCode: a.regionCode,
          hosting: a.hosting,
          leaderName: a.leaderName,
          leaderLevel: a.leaderLevel,
          personTrips: a.personTrips,
          destinations: a.destinations,
          residentTeam: a.residentTeam,
          teamId: a.teamId,
          notes: a.notes,
          missingFacts: a.missingFacts,
        };
        const old = stored.get(a.code);
        if (!old) {
          fresh.push({ code: a.code, ...fields, createdBy: this.caller.actor.id });
          c.created++;
        } else if ((Object.keys(fields) as (keyof typeof fields)[]).some((k) => JSON.stringify(old[k] ?? null) !== JSON.stringify(fields[k] ?? null))) {
          if (!dryRun) await updateActivityFields(this.tx, old.id, fields);
          c.updated++;
        } else c.unchanged++;
      }
      // a dry run writes too (inside the transaction that rolls back), so the link kinds see the new activities
      for (const [code, id] of await insertActivities(this.tx, fresh)) ids.set(code, id);
      counts.activities = c;
    }
    if (this.rows['activity-organisations'] !== undefined) {
      const c: Counts = { created: 0, updated: 0, unchanged: 0 };
      const activityIds = [...new Set(this.organisations.map((o) => ids.get(o.activityCode) as string))];
      const existing = new Map((await selectOrganisationsOfActivities(this.tx, activityIds)).map((o) => [`${o.activityId}\u0000${o.name}`, o]));
      const enterprises = await selectEnterpriseIdsByCreditCodes(this.tx, [...new Set(this.organisations.flatMap((o) => (o.creditCode ? [o.creditCode] : [])))]);
      const fresh: { activityId: string; name: string; creditCode: string | null; enterpriseId: string | null; kind: ParsedOrganisation['kind'] }[] = [];
      for (const o of this.organisations) {
        const activityId = ids.get(o.activityCode) as string;
        const enterpriseId = o.creditCode ? (enterprises.get(o.creditCode) ?? null) : null;
        const old = existing.get(`${activityId}\u0000${o.name}`);
        if (!old) {
          fresh.push({ activityId, name: o.name, creditCode: o.creditCode, enterpriseId, kind: o.kind });
          c.created++;
        } else if (old.creditCode !== o.creditCode || old.kind !== o.kind || old.enterpriseId !== enterpriseId) {
          await updateOrganisation(this.tx, old.id, { creditCode: o.creditCode, enterpriseId, kind: o.kind });
          c.updated++;
        } else c.unchanged++;
      }
      await insertOrganisations(this.tx, fresh);
      counts['activity-organisations'] = c;
    }
    if (this.rows['activity-projects'] !== undefined) {
      const c: Counts = { created: 0, updated: 0, unchanged: 0 };
      const activityIds = [...new Set(this.links.map((l) => ids.get(l.activityCode) as string))];
      const existing = new Map((await selectProjectLinksOfActivities(this.tx, activityIds)).map((l) => [`${l.activityId}\u0000${l.projectId}`, l]));
      const fresh: { activityId: string; projectId: string; outcome: ParsedProjectLink['outcome'] }[] = [];
      for (const l of this.links) {
        const activityId = ids.get(l.activityCode) as string;
        const projectId = (projects.get(l.projectCode) as { id: string }).id;
        const old = existing.get(`${activityId}\u0000${projectId}`);
        if (!old) {
          fresh.push({ activityId, projectId, outcome: l.outcome });
          c.created++;
        } else if (old.outcome !== l.outcome) {
          await updateProjectLinkOutcome(this.tx, activityId, projectId, l.outcome);
          c.updated++;
        } else c.unchanged++;
      }
      await insertProjectLinks(this.tx, fresh);
      counts['activity-projects'] = c;
    }
    return counts;
  }
}

export async function importActivities(deps: Deps, caller: Caller, buffer: Buffer, opts: ActivityImportOptions): Promise<ActivityImportResult> {
  if (!caller.actor.permissions.includes('activities.manage')) throw new AppError('FORBIDDEN', msg('import.permission'));
  const lang = caller.lang ?? 'zh';
  const inspected = inspectImportFile(buffer, opts.fileName);
  if (inspected.format === 'xlsx') {
    await verifyZipInflationOnce(buffer, inspected.entries ?? [], opts.fileName, { maxUncompressedBytes: DEFAULT_IMPORT_LIMITS.maxUncompressedBytes });
  }
  const sha256 = createHash('sha256').update(buffer).digest('hex');
  const kinds = await decideKinds(buffer, inspected.format, inspected.entries ?? [], opts);
  const dryRun = Boolean(opts.dryRun);
  const result: ActivityImportResult = { fileName: opts.fileName, sha256, kinds, dryRun, ok: false, rows: {}, counts: {}, problems: [], gaps: { total: 0, rows: [] } };
  let run: ActivityImportRun | undefined;
  try {
    await deps.db.transaction(async (tx) => {
      run = new ActivityImportRun(tx, caller);
      for (const kind of kinds) await run.read(buffer, kind, inspected.format, opts.fileName);
      result.rows = run.rows;
      // the database's checks run on every row that parsed, so the report lists all problems at once
      result.counts = await run.write(dryRun);
      const gaps = run.activities.filter((a) => a.missing.length > 0);
      result.gaps = { total: gaps.length, rows: gaps.slice(0, 1_000).map((a) => ({ row: a.row, code: a.code, missing: a.missing })) };
      const changed = Object.values(result.counts).some((c) => c.created + c.updated > 0);
      if (changed) {
        await recordAudit(tx, caller, {
          action: 'activity.import',
          objectType: 'activity',
          objectId: null,
          after: { fileName: opts.fileName, sha256, kinds, rows: result.rows, counts: result.counts },
        });
      }
      if (dryRun) throw new Rollback();
    });
    result.ok = true;
    // a ledger touches many region-months: the statistics warm-up computes their rollup parts soon
    if (Object.values(result.counts).some((c) => c.created + c.updated > 0)) announceRollupsStale();
  } catch (err) {
    if (!(err instanceof Rollback)) throw err;
    const problems = run?.problems ?? [];
    result.ok = problems.length === 0;
    const order = (s: string) => Object.values(SHEET_KIND).findIndex((k) => SHEET_NAMES[k] === s);
    result.problems = problems
      .sort((a, b) => order(a.sheet) - order(b.sheet) || a.row - b.row)
      .map((p) => ({ sheet: p.sheet, row: p.row, column: p.column, value: p.value, reason: renderMessage(p.reason, lang) }));
  }
  return result;
}
