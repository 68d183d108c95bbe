/**
 * Imports an xlsx (sheets 企业 → 项目 → 到位资金, those present) or a CSV (one kind) whole or not at
 * all. One pass over the file inside one transaction: every row is validated (shape via
 * validateRow, then against the database: regions in the importer's scope — for enterprises any
 * region, see enterprise-imports/enterprise-rows.ts —, industries, projects of fund rows, leaders
 * by name, months not in the future) and staged into temporary tables in batches; only what the
 * checks need stays in memory (keys and row numbers, never whole rows). Enterprises merge field by
 * field with the same rules as the background enterprise import jobs (merge-enterprises.ts); the
 * source of their fields is the file, dated the day of the import unless a row gives 数据日期.
 * A file with 企业 rows needs 导入企业库 (enterprises.import) besides 导入数据 (403, audited).
 * Any problem rolls everything back and returns the report; otherwise set-based merges write the
 * changes, count created / updated / unchanged per kind, and one audit row records the import.
 * A dry run does all of it and rolls back.
 */
import { createHash, randomUUID } from 'node:crypto';
import { scheduleMissingFollowUps } from '../aftercare/follow-up-schedule';
import {
  applyStagedProjects,
  compareStagedProjects,
  createStagingTables,
  STAGED_PROJECT_CHANGES,
  mergeFunds,
  selectLockedFundRows,
  selectStagedFundMonths,
  selectActiveUsersByDisplayNames,
  selectIndustryIndex,
  selectProjectChainNodes,
  selectProjectPathsByCodes,
  selectRegionIndex,
  stageFunds,
  stageProjects,
  type KindCounts,
  type StagedFund,
  type StagedProject,
} from '../../db/queries/imports/imports';
import type { Db } from '../../db/client';
import { selectNodeUses } from '../../db/queries/chains/chains';
import { lockReceiptMonth } from '../../db/queries/returns/returns';
import { createEnterpriseStage, insertEnterpriseStageRows, type StagedEnterpriseRow } from '../../db/queries/enterprise-imports/enterprise-imports';
import { AppError } from '../../domain/app-error';
import { todayInShanghai } from '../../domain/dates';
import { isPathWithin } from '../../domain/region-scope';
import { msg, type Message } from '../../domain/messages/catalog';
import { copyText, renderReason, textOf } from '../../imports/problem-text';
import { IMPORT_KINDS, mapHeaders, SHEET_NAMES, type ImportKind } from '../../imports/columns';
import { DEFAULT_IMPORT_LIMITS, inspectImportFile, type ImportFileLimits, type ImportFormat } from '../../imports/file-guard';
import { verifyZipInflationOnce } from '../../imports/zip-inflate';
import { parseIndustryCode, parseMonth, parseRegionCode, resolveIndustryCode, rowProblem, validateFundsRow, validateProjectRow, type ProjectRow, type RowProblem } from '../../imports/row-validate';
import { describeSampleRow } from '../../imports/template-samples';
import { FACT_LABELS, listMissingFacts } from '../../domain/project-stages';
import { readRawRows, readRows } from '../../imports/sheet-reader';
import { recordAudit } from '../audit/audit';
import type { Caller, Deps } from '../context';
import { EnterpriseRowChecker } from '../enterprise-imports/enterprise-rows';
import { upkeepAfterEnterpriseImport, upkeepAfterProjectImport } from '../enterprise-imports/after-import';
import { fillSearchKeys, mergeStagedEnterprises } from '../enterprise-imports/merge-enterprises';
import { announceRollupsStale } from '../funds/funds-rollup-signal';
import { describeLockedChange, describeReopener, findLockedProjectChanges, LockedFiguresRejection } from '../returns/locked-figures';
import { listXlsxSheetNames } from './xlsx-sheets';
import { explainChainNodeRefusal } from '../projects/project-chain-node';
import { liftStatementTimeoutInTransaction } from '../../db/pool-settings';

export type ImportKindName = 'enterprises' | 'projects' | 'funds';
export const IMPORT_KIND_NAMES: readonly ImportKindName[] = ['enterprises', 'projects', 'funds'];

const KIND_BY_NAME: Record<ImportKindName, ImportKind> = { enterprises: 'enterprise', projects: 'project', funds: 'funds' };
const NAME_BY_KIND: Record<ImportKind, ImportKindName> = { enterprise: 'enterprises', project: 'projects', funds: 'funds' };

export interface ImportProblem {
  /** sheet (xlsx) or the kind's sheet name (CSV) */
  sheet: string;
  row: number;
  column: string;
  value: string;
  reason: string;
}

const PREVIEW_ROWS = 10;

export interface ImportResult {
  fileName: string;
  sha256: string;
  format: ImportFormat;
  kinds: ImportKindName[];
  dryRun: boolean;
  /** true when the data was written (never for a dry run or a rejected file) */
  imported: boolean;
  /** data rows read per kind */
  rows: Partial<Record<ImportKindName, number>>;
  /** per kind; empty when the file was rejected */
  counts: Partial<Record<ImportKindName, KindCounts>>;
  /** investors (enterprises) created for project rows */
  investorsCreated: number;
  /** the first rows of each sheet as read (header → text), for the preview before importing */
  preview: Record<string, { rowNumber: number; cells: Record<string, string> }[]>;
  /** the first `maxReportedProblems` problems, by sheet and row */
  rejected: ImportProblem[];
  /** all problems found */
  rejectedTotal: number;
  /** problems that are changes of approved (locked) months: when they are all there is, the answer is a conflict (409) */
  lockedTotal: number;
  /** the import's id (its audit row's object id; the per-object history rows carry it); null when nothing was written */
  importId: string | null;
  /**
   * 资料不全: project rows that leave a fact their stage needs unknown (gaps, not errors: they import
   * and the projects are flagged). `byField` counts rows per missing fact (Chinese name); `rows` lists
   * the first `maxReportedProblems` of them.
   */
  incomplete: { total: number; byField: Record<string, number>; rows: { sheet: string; row: number; code: string; missing: string[] }[] };
  /** things said about the file that are not problems (e.g. a column not yet supported) */
  notices: string[];
}

export interface ImportOptions {
  fileName: string;
  /** required for a CSV whose headers fit more than one kind; restricts an xlsx to one sheet */
  kind?: ImportKindName;
  dryRun?: boolean;
  limits?: Partial<ImportFileLimits>;
  /** rows per staging INSERT; default 5,000 */
  batchSize?: number;
  /** default 1,000 */
  maxReportedProblems?: number;
  /** extra facts for the audit row (e.g. the account the CLI acted as) */
  auditExtra?: Record<string, unknown>;
}

class Rollback extends Error {}

/** The temporary table of the 企业 sheet's rows (dropped at commit). */
const ENTERPRISE_STAGE = 'imp_enterprises';

export function parseImportKindName(value: string): ImportKindName {
  if ((IMPORT_KIND_NAMES as readonly string[]).includes(value)) return value as ImportKindName;
  throw new AppError('VALIDATION', msg('import.kindInvalid', { value }));
}

async function inferCsvKind(buffer: Buffer, fileName: string): Promise<ImportKind> {
  let header: string[] | undefined;
  for await (const raw of readRawRows(buffer, 'project', { format: 'csv', fileName })) {
    header = raw.values;
    break;
  }
  if (!header) throw new AppError('VALIDATION', msg('import.emptyFile', { file: fileName }));
  const fits = IMPORT_KINDS.filter((k) => {
    try {
      mapHeaders(header, k);
      return true;
    } catch {
      return false;
    }
  });
  if (fits.length === 1) return fits[0] as ImportKind;
  if (fits.length === 0) {
    throw new AppError('VALIDATION', msg('import.kindUnknown', { file: fileName }));
  }
  throw new AppError('VALIDATION', msg('import.kindAmbiguous', { file: fileName, kinds: fits.map((k) => SHEET_NAMES[k]).join('、') }));
}

async function decideKinds(buffer: Buffer, format: ImportFormat, entries: Parameters<typeof listXlsxSheetNames>[1], opts: ImportOptions): Promise<ImportKind[]> {
  const wanted = opts.kind ? KIND_BY_NAME[opts.kind] : undefined;
  if (format === 'csv') return [wanted ?? (await inferCsvKind(buffer, opts.fileName))];
  const names = listXlsxSheetNames(buffer, entries, opts.fileName);
  if (wanted) {
    if (!names.includes(SHEET_NAMES[wanted])) {
      throw new AppError('VALIDATION', msg('import.sheetMissing', { file: opts.fileName, sheet: SHEET_NAMES[wanted], names: names.map((s) => `“${s}”`).join('、') }));
    }
    return [wanted];
  }
  const kinds = IMPORT_KINDS.filter((k) => names.includes(SHEET_NAMES[k]));
  if (kinds.length === 0) {
    throw new AppError('VALIDATION', msg('import.noSheets', { file: opts.fileName, wanted: '“企业”“项目”或“到位资金”', names: names.map((s) => `“${s}”`).join('、') || msg('import.none') }));
  }
  return kinds;
}

/** Validates and stages one file inside the import transaction. */
class ImportRun {
  readonly problems: ImportProblem[] = [];
  problemTotal = 0;
  lockedTotal = 0;
  readonly rowCounts: Partial<Record<ImportKindName, number>> = {};
  readonly preview: Record<string, { rowNumber: number; cells: Record<string, string> }[]> = {};

  private keepPreview(sheet: string, rowNumber: number, cells: Record<string, string>): void {
    const rows = (this.preview[sheet] ??= []);
    if (rows.length < PREVIEW_ROWS) rows.push({ rowNumber, cells: { ...cells } });
  }
  private readonly scope: string;
  private readonly thisMonth = todayInShanghai().slice(0, 7);
  /** project code → row of the file's 项目 sheet */
  private readonly projectRows = new Map<string, number>();
  /** stored projects in scope referenced by fund rows */
  private readonly knownStored = new Set<string>();
  /** codes of fund rows that are neither in the file nor stored in scope → reason */
  private readonly badFundCodes = new Map<string, Message>();
  private pendingFundCodes = new Map<string, number[]>();
  private pendingProjectCodes: string[] = [];
  private readonly leaderRows = new Map<string, number[]>();
  resolvedLeaders: { name: string; id: string }[] = [];
  readonly incomplete: ImportResult['incomplete'] = { total: 0, byField: {}, rows: [] };
  /** the optional project columns the file carries (absent ones leave the stored values alone) */
  readonly projectColumns = { tags: false, channel: false, isKey: false, chainNode: false };
  /** 产业链节点 of the project rows, checked together once the file is read (checkChainNodes) */
  private readonly chainNodeRows: { row: number; projectCode: string; regionCode: string; node: string }[] = [];

  constructor(
    private readonly tx: Db,
    caller: Caller,
    private readonly regions: Map<string, { path: string; name: string; active: boolean }>,
    private readonly industries: Map<string, string | null>,
    private readonly batchSize: number,
    private readonly maxProblems: number,
    /** the 数据来源 of enterprise rows that name none */
    private readonly enterpriseSource: string,
  ) {
    this.scope = caller.actor.regionPath;
  }

  add(sheet: string, p: RowProblem, locked = false): void {
    if (locked) this.lockedTotal++;
    this.problemTotal++;
    if (this.problems.length < this.maxProblems) this.problems.push(copyText(p, { sheet, ...p }));
  }

  private get staging(): boolean {
    return this.problemTotal === 0;
  }

  private regionReason(code: string): Message | null {
    const r = this.regions.get(code);
    if (!r || !r.active) return msg('import.regionNotFound', { code });
    if (!isPathWithin(this.scope, r.path)) return msg('import.regionOutOfScope', { code });
    return null;
  }

  /** The stored industry code of a file's code or name (at its own level), or a reason. */
  private industry(code: string): { code: string } | { reason: string } {
    return resolveIndustryCode(code, this.industries);
  }

  async readKind(buffer: Buffer, kind: ImportKind, format: ImportFormat, fileName: string): Promise<void> {
    const sheet = SHEET_NAMES[kind];
    const rows = readRows(buffer, kind, { format, fileName });
    let n = 0;
    if (kind === 'enterprise') {
      const today = todayInShanghai();
      const checker = new EnterpriseRowChecker({
        regionCodes: new Set(this.regions.keys()),
        industries: this.industries,
        defaultSource: this.enterpriseSource,
        defaultDate: today,
        today,
      });
      const stage = async (batch: StagedEnterpriseRow[]) => {
        await fillSearchKeys(batch);
        await insertEnterpriseStageRows(this.tx, ENTERPRISE_STAGE, batch);
      };
      let batch: StagedEnterpriseRow[] = [];
      for await (const { rowNumber, cells } of rows) {
        this.keepPreview(sheet, rowNumber, cells);
        n++;
        const r = checker.check(rowNumber, cells);
        const sample = describeSampleRow('enterprise', cells);
        if (sample) this.add(sheet, copyText(sample, { row: rowNumber, ...sample }));
        if (!r.ok) {
          r.problems.forEach((p) => this.add(sheet, p));
          continue;
        }
        if (this.staging) {
          batch.push(r.row);
          if (batch.length >= this.batchSize) {
            await stage(batch);
            batch = [];
          }
        }
      }
      if (this.staging) await stage(batch);
    } else if (kind === 'project') {
      let batch: StagedProject[] = [];
      for await (const { rowNumber, cells } of rows) {
        this.keepPreview(sheet, rowNumber, cells);
        n++;
        const rawCode = (cells['项目编号'] ?? '').trim();
        let dupOf: number | undefined;
        if (rawCode) {
          dupOf = this.projectRows.get(rawCode);
          if (dupOf === undefined) {
            this.projectRows.set(rawCode, rowNumber);
            this.pendingProjectCodes.push(rawCode);
            if (this.pendingProjectCodes.length >= this.batchSize) await this.flushProjectCodes();
          }
        }
        if (n === 1) {
          this.projectColumns.tags = '标签' in cells;
          this.projectColumns.channel = '招商方式' in cells;
          this.projectColumns.isKey = '重点项目' in cells;
          this.projectColumns.chainNode = '产业链节点' in cells;
        }
        const r = validateProjectRow(rowNumber, cells);
        let ok = r.ok && dupOf === undefined;
        const bad = (column: string, value: string, text: Message) => {
          ok = false;
          this.add(sheet, rowProblem(rowNumber, column, value, text));
        };
        const sample = describeSampleRow('project', cells);
        if (sample) bad(sample.column, sample.value, textOf(sample));
        if (dupOf !== undefined) this.add(sheet, rowProblem(rowNumber, '项目编号', rawCode, msg('import.projectCodeDuplicate', { code: rawCode, first: dupOf, row: rowNumber })));
        if (!r.ok) r.problems.forEach((p) => this.add(sheet, p));
        // the database's checks run on whatever cells parsed, so a row's report lists all its problems
        const regionCode = parseRegionCode(cells['地区代码'] ?? '');
        if (regionCode.ok) {
          const regionReason = this.regionReason(regionCode.value);
          if (regionReason) bad('地区代码', regionCode.value, regionReason);
        }
        let industryCode: string | null = null;
        const industryCell = parseIndustryCode(cells['行业代码'] ?? '');
        if ((cells['行业代码'] ?? '').trim() !== '' && industryCell.ok) {
          const ind = this.industry(industryCell.value);
          if ('reason' in ind) bad('行业代码', industryCell.value, textOf(ind));
          else industryCode = ind.code;
        }
        if (!r.ok) continue;
        const v = r.value;
        if (v.investorCreditCode && !v.investorName) bad('投资方', '', msg('import.investorNameRequired'));
        if (v.leader) {
          const list = this.leaderRows.get(v.leader);
          if (list) list.push(rowNumber);
          else this.leaderRows.set(v.leader, [rowNumber]);
        }
        if (v.chainNode) this.chainNodeRows.push({ row: rowNumber, projectCode: v.code, regionCode: v.regionCode, node: v.chainNode });
        if (ok) this.noteGaps(sheet, rowNumber, v);
        if (ok && this.staging) {
          batch.push({
            rowNo: rowNumber,
            code: v.code,
            name: v.name,
            regionCode: v.regionCode,
            investorName: v.investorName,
            investorCreditCode: v.investorCreditCode,
            source: v.source,
            industryCode,
            stage: v.stage,
            planned: v.plannedInvestmentYuan,
            signed: v.signedAmountYuan,
            signedDate: v.signedOn,
            agreedStartDate: v.agreedStartOn,
            startedDate: v.startedOn,
            operatingDate: v.operatingOn,
            leaderName: v.leader,
            tags: v.tags,
            channel: v.channel,
            isKey: v.isKey ?? false,
            chainNode: v.chainNode,
          });
          if (batch.length >= this.batchSize) {
            await stageProjects(this.tx, batch);
            batch = [];
          }
        }
      }
      await this.flushProjectCodes();
      if (this.staging) await stageProjects(this.tx, batch);
    } else {
      let batch: StagedFund[] = [];
      for await (const { rowNumber, cells } of rows) {
        this.keepPreview(sheet, rowNumber, cells);
        n++;
        const r = validateFundsRow(rowNumber, cells);
        const sample = describeSampleRow('funds', cells);
        if (sample) this.add(sheet, copyText(sample, { row: rowNumber, ...sample }));
        if (!r.ok) r.problems.forEach((p) => this.add(sheet, p));
        let ok = r.ok && !sample;
        // the month and the project are checked whatever else is wrong, so a row's report lists all its problems
        const month = parseMonth(cells['月份'] ?? '');
        if (month.ok && month.value > this.thisMonth) {
          ok = false;
          this.add(sheet, rowProblem(rowNumber, '月份', month.value, msg('import.futureMonth', { month: month.value })));
        }
        const projectCode = (cells['项目编号'] ?? '').trim();
        if (projectCode && !this.projectRows.has(projectCode) && !this.knownStored.has(projectCode)) {
          const reason = this.badFundCodes.get(projectCode);
          if (reason) {
            ok = false;
            this.add(sheet, rowProblem(rowNumber, '项目编号', projectCode, reason));
          } else {
            // decided when the batch of codes is looked up; the row is staged meanwhile
            const list = this.pendingFundCodes.get(projectCode);
            if (list) list.push(rowNumber);
            else this.pendingFundCodes.set(projectCode, [rowNumber]);
            if (this.pendingFundCodes.size >= this.batchSize) await this.flushFundCodes(sheet);
          }
        }
        if (!r.ok) continue;
        const v = r.value;
        if (ok && this.staging) {
          batch.push({ rowNo: rowNumber, projectCode: v.projectCode, month: v.month, amount: v.amountYuan, note: v.note });
          if (batch.length >= this.batchSize) {
            await stageFunds(this.tx, batch);
            batch = [];
          }
        }
      }
      await this.flushFundCodes(sheet);
      if (this.staging) await stageFunds(this.tx, batch);
    }
    this.rowCounts[NAME_BY_KIND[kind]] = n;
  }

  /** Counts the facts a project row leaves unknown that its stage needs (资料不全: imported, flagged). */
  private noteGaps(sheet: string, row: number, v: { code: string; stage: ProjectRow['stage']; investorName: string | null; signedAmountYuan: bigint | null; signedOn: string | null; startedOn: string | null; operatingOn: string | null }): void {
    const missing = listMissingFacts({
      stage: v.stage,
      investorName: v.investorName,
      likelihood: null,
      expectedLandingDate: null,
      signedDate: v.signedOn,
      signedAmountYuan: v.signedAmountYuan,
      agreedStartDate: null,
      startedDate: v.startedOn,
      operatingDate: v.operatingOn,
      terminationReason: null,
    }).map((f) => FACT_LABELS[f]);
    if (missing.length === 0) return;
    const inc = this.incomplete;
    inc.total++;
    for (const m of missing) inc.byField[m] = (inc.byField[m] ?? 0) + 1;
    if (inc.rows.length < this.maxProblems) inc.rows.push({ sheet, row, code: v.code, missing });
  }

  /** A code of the file's 项目 sheet that is stored already must belong to a project in scope. */
  private async flushProjectCodes(): Promise<void> {
    const codes = this.pendingProjectCodes;
    this.pendingProjectCodes = [];
    const stored = await selectProjectPathsByCodes(this.tx, codes);
    for (const [code, path] of stored) {
      if (isPathWithin(this.scope, path)) continue;
      this.add(SHEET_NAMES.project, rowProblem(this.projectRows.get(code) ?? 0, '项目编号', code, msg('import.projectCodeForeign', { code })));
    }
  }

  private async flushFundCodes(sheet: string): Promise<void> {
    const pending = this.pendingFundCodes;
    this.pendingFundCodes = new Map();
    if (pending.size === 0) return;
    const stored = await selectProjectPathsByCodes(this.tx, [...pending.keys()]);
    for (const [code, rows] of pending) {
      const path = stored.get(code);
      if (path !== undefined && isPathWithin(this.scope, path)) {
        this.knownStored.add(code);
        continue;
      }
      const reason = path === undefined ? msg('import.projectCodeUnknown', { code }) : msg('import.projectOutOfScope', { code });
      this.badFundCodes.set(code, reason);
      for (const row of rows) this.add(sheet, rowProblem(row, '项目编号', code, reason));
    }
  }

  /**
   * 产业链节点 by the projects' rule (services/projects/project-chain-node.ts): a node of the current
   * version of a chain the row's region uses; the node a stored project names already may stay.
   */
  async checkChainNodes(): Promise<void> {
    if (this.chainNodeRows.length === 0) return;
    const nodes = await selectNodeUses(this.tx, [...new Set(this.chainNodeRows.map((r) => r.node))]);
    const kept = await selectProjectChainNodes(this.tx, [...new Set(this.chainNodeRows.map((r) => r.projectCode))]);
    for (const r of this.chainNodeRows) {
      const region = this.regions.get(r.regionCode);
      if (!region) continue; // reported as 地区代码
      const refusal = explainChainNodeRefusal(r.node, nodes.get(r.node), { path: region.path, name: region.name }, kept.get(r.projectCode) === r.node);
      if (refusal) this.add(SHEET_NAMES.project, rowProblem(r.row, '产业链节点', r.node, refusal));
    }
  }

  /** 包联领导 by display name: an active user in the importer's region tree or above it. */
  async resolveLeaders(): Promise<void> {
    if (this.leaderRows.size === 0) return;
    const users = await selectActiveUsersByDisplayNames(this.tx, [...this.leaderRows.keys()]);
    for (const [name, rows] of this.leaderRows) {
      const fits = users.filter((u) => u.display_name === name && (isPathWithin(this.scope, u.path) || isPathWithin(u.path, this.scope)));
      let reason: Message | null = null;
      if (fits.length === 0) reason = msg('import.leaderUnknown', { name });
      else if (fits.length > 1) reason = msg('import.leaderAmbiguous', { name, usernames: fits.map((u) => u.username).join('、') });
      else this.resolvedLeaders.push({ name, id: (fits[0] as { id: string }).id });
      if (reason) for (const row of rows) this.add(SHEET_NAMES.project, rowProblem(row, '包联领导', name, reason));
    }
  }
}

/** Imports one file as `caller` (their region scope); see the module comment. */
/**
 * The kinds an importer (导入数据, imports.run) may import here: 项目 and 到位资金; 企业 only with
 * 导入企业库 (enterprises.import) as well — the permission the background enterprise import asks.
 * Also the sheets of the template the caller downloads.
 */
export function listImportableKinds(caller: Caller): ImportKind[] {
  return IMPORT_KINDS.filter((k) => k !== 'enterprise' || caller.actor.permissions.includes('enterprises.import'));
}

/** Refuses (403, audited) a file holding 企业 data for a caller without 导入企业库. */
async function requireEnterpriseImport(deps: Deps, caller: Caller, format: ImportFormat, fileName: string, sha256: string): Promise<void> {
  if (listImportableKinds(caller).includes('enterprise')) return;
  const sheet = SHEET_NAMES.enterprise;
  await recordAudit(deps.db, caller, {
    action: 'access.denied',
    objectType: 'import',
    objectId: sha256,
    outcome: 'denied',
    after: { required: 'enterprises.import', fileName, sheet },
  });
  const permission = msg('permission.enterprises.import');
  throw new AppError('FORBIDDEN', msg(format === 'xlsx' ? 'import.enterprisePermissionSheet' : 'import.enterprisePermissionCsv', { file: fileName, sheet, permission }));
}

export async function runImport(deps: Deps, caller: Caller, buffer: Buffer, opts: ImportOptions): Promise<ImportResult> {
  if (!caller.actor.permissions.includes('imports.run')) throw new AppError('FORBIDDEN', msg('import.permission'));
  const inspected = inspectImportFile(buffer, opts.fileName, opts.limits);
  // a zip bomb with lying headers is refused (422) before any database work; the sheet readers reuse this check
  if (inspected.format === 'xlsx') {
    await verifyZipInflationOnce(buffer, inspected.entries ?? [], opts.fileName, { maxUncompressedBytes: opts.limits?.maxUncompressedBytes ?? DEFAULT_IMPORT_LIMITS.maxUncompressedBytes });
  }
  const sha256 = createHash('sha256').update(buffer).digest('hex');
  const kinds = await decideKinds(buffer, inspected.format, inspected.entries ?? [], opts);
  if (kinds.includes('enterprise')) await requireEnterpriseImport(deps, caller, inspected.format, opts.fileName, sha256);
  const dryRun = Boolean(opts.dryRun);
  const [regions, industries] = await Promise.all([selectRegionIndex(deps.db), selectIndustryIndex(deps.db)]);
  const result: ImportResult = {
    fileName: opts.fileName,
    sha256,
    format: inspected.format,
    kinds: kinds.map((k) => NAME_BY_KIND[k]),
    dryRun,
    imported: false,
    rows: {},
    counts: {},
    investorsCreated: 0,
    preview: {},
    rejected: [],
    rejectedTotal: 0,
    lockedTotal: 0,
    importId: null,
    incomplete: { total: 0, byField: {}, rows: [] },
    notices: [],
  };
  const importId = randomUUID();
  try {
    await deps.db.transaction(async (tx) => {
      await liftStatementTimeoutInTransaction(tx, deps.config.capacity.jobStatementTimeoutMs); // a bulk import is long work, not a request
      await createStagingTables(tx);
      if (kinds.includes('enterprise')) await createEnterpriseStage(tx, ENTERPRISE_STAGE, 'transaction');
      const run = new ImportRun(tx, caller, regions, industries, opts.batchSize ?? 5_000, opts.maxReportedProblems ?? 1_000, `导入文件“${opts.fileName}”`);
      for (const kind of kinds) await run.readKind(buffer, kind, inspected.format, opts.fileName);
      await run.resolveLeaders();
      await run.checkChainNodes();
      if (kinds.includes('funds')) {
        // a month approved in a monthly return is locked: the import may not change it either; the
        // months' locks (shared) keep an approval from committing between this check and the import's commit
        for (const month of await selectStagedFundMonths(tx)) await lockReceiptMonth(tx, month, 'shared');
        for (const locked of await selectLockedFundRows(tx)) {
          run.add(
            SHEET_NAMES.funds,
            rowProblem(
              Number(locked.row_no),
              '月份',
              locked.month,
              msg('locked.fundsImport', {
                region: locked.locked_region,
                month: locked.month,
                code: locked.project_code,
                reopener: describeReopener(locked.locked_region, locked.locked_parent),
              }),
            ),
            true,
          );
        }
      }
      result.rows = run.rowCounts;
      result.preview = run.preview;
      result.incomplete = run.incomplete;
      const rejectIfProblems = () => {
        if (run.problemTotal === 0) return;
        const order = (s: string) => IMPORT_KINDS.findIndex((k) => SHEET_NAMES[k] === s);
        result.rejected = run.problems.sort((a, b) => order(a.sheet) - order(b.sheet) || a.row - b.row);
        result.rejectedTotal = run.problemTotal;
        result.lockedTotal = run.lockedTotal;
        throw new Rollback();
      };
      rejectIfProblems();
      if (kinds.includes('enterprise')) {
        let merged: Awaited<ReturnType<typeof mergeStagedEnterprises>>;
        try {
          merged = await mergeStagedEnterprises(tx, ENTERPRISE_STAGE, { importJobId: importId, actorId: caller.actor.id });
        } catch (err) {
          // tags that would move an approved (locked) month's count of top investors' projects
          if (!(err instanceof LockedFiguresRejection)) throw err;
          for (const p of err.problems) run.add(SHEET_NAMES.enterprise, p, true);
          rejectIfProblems();
          throw err;
        }
        const { created, updated, unchanged } = merged;
        result.counts.enterprises = { created, updated, unchanged };
        await upkeepAfterEnterpriseImport(tx);
      }
      if (kinds.includes('project')) {
        const { investorsCreated } = await compareStagedProjects(tx, importId, run.resolvedLeaders, run.projectColumns);
        // the same rule as PATCH: no change an approved (locked) month's figures depend on
        for (const locked of await findLockedProjectChanges(tx, STAGED_PROJECT_CHANGES)) {
          const { message, column, value } = describeLockedChange(locked);
          run.add(SHEET_NAMES.project, rowProblem(locked.key, column, value, message), true);
        }
        rejectIfProblems();
        result.counts.projects = await applyStagedProjects(tx, caller.actor, importId);
        result.investorsCreated = investorsCreated;
        await upkeepAfterProjectImport(tx);
        // 回访: imported projects now operating get their follow-up schedule
        await scheduleMissingFollowUps({ ...deps, db: tx });
      }
      if (kinds.includes('funds')) result.counts.funds = await mergeFunds(tx, caller.actor.id, importId);
      // the import's audit row: who, when, which file; the objects it changed point at it (import_changes.import_id)
      await recordAudit(tx, caller, {
        action: 'import.run',
        objectType: 'import',
        objectId: importId,
        after: { importId, fileName: opts.fileName, sha256, format: inspected.format, kinds: result.kinds, rows: result.rows, counts: result.counts, investorsCreated: result.investorsCreated, ...opts.auditExtra },
      });
      if (dryRun) throw new Rollback();
    });
    result.imported = true;
    result.importId = importId;
    announceRollupsStale(); // the statistics' rollups of many regions may be stale: warm them up
  } catch (err) {
    if (!(err instanceof Rollback)) throw err;
  }
  const lang = caller.lang ?? 'zh';
  if (lang !== 'zh') result.rejected = result.rejected.map((p) => ({ ...p, reason: renderReason(p, lang) }));
  return result;
}
