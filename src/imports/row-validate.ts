/**
 * Per-row validation of import rows (no database): shapes, amounts, dates, codes, enumerations.
 * Existence checks (region code, industry code, project of a fund row) belong to the database half.
 * A row either yields a typed value or every problem found in it, each naming row, column, value
 * and a Chinese reason.
 */
import { validateCreditCode } from '../domain/credit-code';
import {
  ENTERPRISE_STATUS_LABELS,
  ENTERPRISE_STATUSES,
  parseEnterpriseStatus,
  parseRevenueBand,
  REVENUE_BAND_LABELS,
  REVENUE_BANDS,
  type EnterpriseStatus,
  type RevenueBand,
} from '../domain/enterprise-status';
import { parseWanToYuan } from '../domain/money';
import { todayInShanghai } from '../domain/dates';
import { CHANNEL_LABELS, parseChannel, PROJECT_CHANNELS, type ProjectChannel } from '../domain/project-channels';
import { msg, renderMessage, type Message } from '../domain/messages/catalog';
import { listDateContradictions, type FactField } from '../domain/project-stages';
import { describeBadTextMessage, showBadText } from '../domain/text-input';
import { refuseWith, textOf, withText } from './problem-text';
import { findIndustry, resolveIndustry } from '../reference/industry-classification';

export interface RowProblem {
  row: number;
  /** canonical Chinese header */
  column: string;
  value: string;
  reason: string;
}

/** A problem of a row: its Chinese reason, with the catalog message it was made from (problem-text.ts). */
export function rowProblem(row: number, column: string, value: string, text: Message): RowProblem {
  return withText({ row, column, value, reason: renderMessage(text, 'zh') }, text);
}

/** A reason without a cell (resolveIndustryCode), with its message. */
function reasonWith(text: Message): { reason: string } {
  return withText({ reason: renderMessage(text, 'zh') }, text);
}

export type RowResult<T> = { ok: true; value: T } | { ok: false; problems: RowProblem[] };

export type ProjectStage = 'lead' | 'negotiating' | 'signed' | 'started' | 'operating' | 'terminated';
export type FundSource = 'local' | 'outOfRegion' | 'foreign';

export const STAGE_BY_NAME: Record<string, ProjectStage> = {
  线索: 'lead',
  储备: 'lead',
  在谈: 'negotiating',
  签约: 'signed',
  开工: 'started',
  投产: 'operating',
  终止: 'terminated',
};

export const SOURCE_BY_NAME: Record<string, FundSource> = {
  区内: 'local',
  区外: 'outOfRegion',
  境外: 'foreign',
};

export interface EnterpriseRow {
  creditCode: string;
  name: string;
  regionCode: string;
  industryCode: string | null;
  registeredCapitalYuan: bigint | null;
  establishedOn: string | null;
  tags: string[];
  businessScope: string | null;
  /** 曾用名 as listed in the file (empty when the cell is empty) */
  formerNames: string[];
  status: EnterpriseStatus | null;
  ticker: string | null;
  mainProducts: string | null;
  website: string | null;
  parentGroup: string | null;
  employees: number | null;
  revenueBand: RevenueBand | null;
  /** 数据来源 of the row; null: the import's source */
  source: string | null;
  /** 数据日期 of the row (YYYY-MM-DD); null: the import's date */
  sourceDate: string | null;
}

export interface ProjectRow {
  code: string;
  name: string;
  regionCode: string;
  investorName: string | null;
  investorCreditCode: string | null;
  source: FundSource;
  industryCode: string | null;
  stage: ProjectStage;
  plannedInvestmentYuan: bigint | null;
  signedAmountYuan: bigint | null;
  signedOn: string | null;
  agreedStartOn: string | null;
  startedOn: string | null;
  operatingOn: string | null;
  leader: string | null;
  /** 标签 (empty when the cell or the column is empty) */
  tags: string[];
  /** 产业链节点 (node code, upper case); whether the project's region may name it is checked against the database */
  chainNode: string | null;
  channel: ProjectChannel | null;
  /** 重点项目 是/否; null when empty */
  isKey: boolean | null;
}

export interface FundsRow {
  projectCode: string;
  month: string;
  amountYuan: bigint;
  note: string | null;
}

// ---------------------------------------------------------------------------------------------
// Field parsers: string → value, or a Chinese reason.

type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** 'YYYY-MM-DD', also 'YYYY/M/D' and 'YYYY-M-D' → 'YYYY-MM-DD' (a real calendar date). */
export function parseDate(input: string): Parsed<string> {
  const s = input.trim();
  const m = /^(\d{4})([-/])(\d{1,2})\2(\d{1,2})$/.exec(s);
  if (!m) return refuseWith(msg('import.dateFormat', { input }));
  const y = Number(m[1]);
  const mo = Number(m[3]);
  const d = Number(m[4]);
  if (y < 1900 || y > 2199) return refuseWith(msg('import.dateYear', { input }));
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return refuseWith(msg('import.dateMissing', { input }));
  return { ok: true, value: `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}` };
}

/**
 * 'YYYY-MM' (also 'YYYY/M', 'YYYY-M'). A first-of-month date 'YYYY-MM-01' is accepted too, because
 * Excel turns a typed "2024-03" into the date 2024-03-01.
 */
export function parseMonth(input: string): Parsed<string> {
  const s = input.trim();
  const bad = refuseWith(msg('import.monthFormat', { input }));
  let m = /^(\d{4})[-/](\d{1,2})$/.exec(s);
  if (!m) {
    const full = /^(\d{4})[-/](\d{1,2})[-/]0?1$/.exec(s);
    if (!full) return bad;
    m = full;
  }
  const y = Number(m[1]);
  const mo = Number(m[2]);
  if (y < 1900 || y > 2199) return refuseWith(msg('import.monthYear', { input }));
  if (mo < 1 || mo > 12) return refuseWith(msg('import.monthMissing', { input }));
  return { ok: true, value: `${m[1]}-${String(mo).padStart(2, '0')}` };
}

/** GB/T 2260 region code shape: 6 digits, or 9 for a park/township under its parent. */
export function parseRegionCode(input: string): Parsed<string> {
  const s = input.trim();
  if (/^\d{6}$|^\d{9}$/.test(s)) return { ok: true, value: s };
  return refuseWith(msg('import.regionFormat', { input }));
}

/**
 * GB/T 4754-2017 行业: a code (门类 letter A–T, optionally followed by 2–4 digits, or 2–4 digits) or
 * an exact name at any level (汽车整车制造). A cell of Latin letters, digits and signs only must be a
 * code; one with Chinese is taken as a name and looked up in the database half.
 */
export function parseIndustryCode(input: string): Parsed<string> {
  const s = input.trim().toUpperCase();
  if (/^[A-T](\d{2,4})?$|^\d{2,4}$/.test(s)) return { ok: true, value: s };
  if (/\p{Script=Han}/u.test(s) && s.length <= 60) return { ok: true, value: input.trim() };
  return refuseWith(msg('import.industryFormat', { input }));
}

/**
 * The stored industry code of a file's code or name: the code itself at its level (C3911 → 3911,
 * 汽车整车制造 → 361; a name used at several levels gives the broadest), checked against the
 * installation's industries (code → parent code).
 */
export function resolveIndustryCode(code: string, industries: ReadonlyMap<string, string | null>): { code: string } | { reason: string } {
  const found = resolveIndustry(code);
  if (found && industries.has(found.code)) return { code: found.code };
  const m = /^([A-T])(\d{2,4})$/.exec(code);
  const plain = m?.[2] ? findIndustry(m[2]) : undefined;
  if (m && plain) return reasonWith(msg('import.industrySection', { input: code, code: plain.code, section: plain.sectionCode }));
  return reasonWith(msg('import.industryUnknown', { input: code }));
}

export function parseAmount(input: string): Parsed<bigint> {
  const r = parseWanToYuan(input);
  return r.ok ? { ok: true, value: r.yuan } : refuseWith(r.text);
}

export function parseCreditCode(input: string): Parsed<string> {
  const r = validateCreditCode(input);
  return r.ok ? { ok: true, value: r.code } : refuseWith(r.text ?? msg('import.creditCodeInvalid', { input }));
}

export function parseStage(input: string): Parsed<ProjectStage> {
  const s = input.trim();
  const v = STAGE_BY_NAME[s];
  return v ? { ok: true, value: v } : refuseWith(msg('import.stageInvalid', { input, allowed: '线索、在谈、签约、开工、投产 或 终止' }));
}

export function parseSource(input: string): Parsed<FundSource> {
  const s = input.trim();
  const v = SOURCE_BY_NAME[s];
  return v ? { ok: true, value: v } : refuseWith(msg('import.sourceInvalid', { input, allowed: '区内、区外 或 境外' }));
}

/** Tags separated by ; ； or 、 — trimmed, empty ones dropped, duplicates removed, order kept. */
export function parseTags(input: string): string[] {
  return [...new Set(input.split(/[;；、]/).map((t) => t.trim()).filter((t) => t !== ''))];
}

export function parseChannelCell(input: string): Parsed<ProjectChannel> {
  const v = parseChannel(input);
  if (v) return { ok: true, value: v };
  return refuseWith(msg('import.channelInvalid', { input, allowed: PROJECT_CHANNELS.map((c) => CHANNEL_LABELS[c]).join('、') }));
}

/** 是/否 (also Y/N, 1/0, √). */
export function parseYesNo(input: string): Parsed<boolean> {
  const s = input.trim().toUpperCase();
  if (['是', 'Y', 'YES', '1', '√', 'TRUE'].includes(s)) return { ok: true, value: true };
  if (['否', 'N', 'NO', '0', '×', 'FALSE'].includes(s)) return { ok: true, value: false };
  return refuseWith(msg('import.yesNoInvalid', { input, yes: '是', no: '否' }));
}

export function parseStatus(input: string): Parsed<EnterpriseStatus> {
  const v = parseEnterpriseStatus(input);
  if (v) return { ok: true, value: v };
  const names = ENTERPRISE_STATUSES.map((s) => ENTERPRISE_STATUS_LABELS[s]).join('、');
  return refuseWith(msg('import.statusInvalid', { input, allowed: names }));
}

export function parseRevenue(input: string): Parsed<RevenueBand> {
  const v = parseRevenueBand(input);
  if (v) return { ok: true, value: v };
  return refuseWith(msg('import.revenueInvalid', { input, allowed: REVENUE_BANDS.map((b) => REVENUE_BAND_LABELS[b]).join('、') }));
}

/** A listed-company ticker: 600519.SH, 000001.SZ, 00700.HK, 830799.BJ, AAPL.O … (upper-cased). */
export function parseTicker(input: string): Parsed<string> {
  const s = input.trim().toUpperCase();
  if (/^[0-9A-Z]{1,10}(\.[A-Z]{1,4})?$/.test(s)) return { ok: true, value: s };
  return refuseWith(msg('import.tickerInvalid', { input }));
}

/** A web address: http(s)://host… or host.tld…; no spaces. Kept as written. */
export function parseWebsite(input: string): Parsed<string> {
  const s = input.trim();
  if (s.length <= 200 && /^(https?:\/\/)?[^\s/.]+(\.[^\s/.]+)+([/?#]\S*)?$/i.test(s)) return { ok: true, value: s };
  return refuseWith(msg('import.websiteInvalid', { input: input.length > 60 ? `${input.slice(0, 60)}…` : input }));
}

/** A head count: a whole number ≥ 0 (thousands separators allowed). */
export function parseEmployees(input: string): Parsed<number> {
  const s = input.trim().replace(/[,，]/g, '');
  if (!/^\d{1,8}$/.test(s)) return refuseWith(msg('import.employeesInvalid', { input }));
  return { ok: true, value: Number(s) };
}

// ---------------------------------------------------------------------------------------------
// Row validation

const MAX_TEXT = 500;
const MAX_LONG_TEXT = 4000;

class RowCheck {
  readonly problems: RowProblem[] = [];
  /** columns whose text cannot be stored (NUL, lone surrogates): reported once, then treated as empty */
  private readonly unstorable = new Set<string>();
  constructor(
    private readonly row: number,
    private readonly cells: Record<string, string>,
  ) {
    for (const [column, value] of Object.entries(cells)) {
      const bad = describeBadTextMessage(value);
      if (!bad) continue;
      this.unstorable.add(column);
      this.problems.push(rowProblem(row, column, showBadText(value.trim()), msg('import.cellBadText', { column, problem: bad })));
    }
  }

  raw(column: string): string {
    return this.unstorable.has(column) ? '' : (this.cells[column] ?? '').trim();
  }

  problem(column: string, text: Message, value = this.raw(column)): void {
    this.problems.push(rowProblem(this.row, column, value, text));
  }

  /** A text cell; required ones must be non-empty. */
  text(column: string, required: true, max?: number): string;
  text(column: string, required?: false, max?: number): string | null;
  text(column: string, required = false, max = MAX_TEXT): string | null {
    const v = this.raw(column);
    if (v === '') {
      if (required && !this.unstorable.has(column)) this.problem(column, msg('import.cellEmpty', { column }));
      return required ? '' : null;
    }
    if (v.length > max) this.problem(column, msg('import.cellTooLong', { column, max }), v.slice(0, 50) + '…');
    return v;
  }

  /** A parsed cell; empty optional cells are null, empty required cells a problem. */
  field<T>(column: string, parser: (s: string) => Parsed<T>, required: true): T | undefined;
  field<T>(column: string, parser: (s: string) => Parsed<T>, required?: false): T | null | undefined;
  field<T>(column: string, parser: (s: string) => Parsed<T>, required = false): T | null | undefined {
    const v = this.raw(column);
    if (v === '') {
      if (this.unstorable.has(column)) return undefined;
      if (required) {
        this.problem(column, msg('import.cellEmpty', { column }));
        return undefined;
      }
      return null;
    }
    const r = parser(v);
    if (!r.ok) {
      this.problem(column, textOf(r));
      return undefined;
    }
    return r.value;
  }

  result<T>(build: () => T): RowResult<T> {
    return this.problems.length > 0 ? { ok: false, problems: this.problems } : { ok: true, value: build() };
  }
}

export function validateEnterpriseRow(row: number, cells: Record<string, string>): RowResult<EnterpriseRow> {
  const c = new RowCheck(row, cells);
  const creditCode = c.field('统一社会信用代码', parseCreditCode, true);
  const name = c.text('企业名称', true);
  const regionCode = c.field('注册地区代码', parseRegionCode, true);
  const industryCode = c.field('行业代码', parseIndustryCode);
  const registeredCapitalYuan = c.field('注册资本(万元)', parseAmount);
  const establishedOn = c.field('成立日期', parseDate);
  const tags = parseTags(c.raw('标签'));
  const longTag = tags.find((t) => t.length > 50);
  if (longTag) c.problem('标签', msg('import.tagTooLong', { tag: longTag.slice(0, 20) }));
  const businessScope = c.text('经营范围', false, MAX_LONG_TEXT);
  const formerNames = parseTags(c.raw('曾用名'));
  const longName = formerNames.find((n) => n.length > 200);
  if (longName) c.problem('曾用名', msg('import.formerNameTooLong', { name: longName.slice(0, 20) }));
  const status = c.field('经营状态', parseStatus);
  const ticker = c.field('股票代码', parseTicker);
  const mainProducts = c.text('主要产品', false, MAX_LONG_TEXT);
  const website = c.field('网站', parseWebsite);
  const parentGroup = c.text('所属集团', false, 200);
  const employees = c.field('员工人数', parseEmployees);
  const revenueBand = c.field('营收规模', parseRevenue);
  const source = c.text('数据来源', false, 100);
  const sourceDate = c.field('数据日期', parseDate);
  return c.result(() => ({
    creditCode: creditCode as string,
    name,
    regionCode: regionCode as string,
    industryCode: industryCode ?? null,
    registeredCapitalYuan: registeredCapitalYuan ?? null,
    establishedOn: establishedOn ?? null,
    tags,
    businessScope,
    formerNames,
    status: status ?? null,
    ticker: ticker ?? null,
    mainProducts,
    website: website ?? null,
    parentGroup,
    employees: employees ?? null,
    revenueBand: revenueBand ?? null,
    source,
    sourceDate: sourceDate ?? null,
  }));
}

const DATE_COLUMNS: Partial<Record<FactField, string>> = { signedDate: '签约日期', startedDate: '开工日期', operatingDate: '投产日期' };

export function validateProjectRow(row: number, cells: Record<string, string>, today: string = todayInShanghai()): RowResult<ProjectRow> {
  const c = new RowCheck(row, cells);
  const code = c.text('项目编号', true, 64);
  const name = c.text('项目名称', true);
  const regionCode = c.field('地区代码', parseRegionCode, true);
  const investorName = c.text('投资方');
  const investorCreditCode = c.field('投资方信用代码', parseCreditCode);
  const source = c.field('资金来源', parseSource, true);
  const industryCode = c.field('行业代码', parseIndustryCode);
  const stage = c.field('阶段', parseStage, true);
  const plannedInvestmentYuan = c.field('计划总投资(万元)', parseAmount);
  const signedAmountYuan = c.field('签约额(万元)', parseAmount);
  const signedOn = c.field('签约日期', parseDate);
  const agreedStartOn = c.field('约定开工日期', parseDate);
  const startedOn = c.field('开工日期', parseDate);
  const operatingOn = c.field('投产日期', parseDate);
  const leader = c.text('包联领导', false, 100);
  const tags = parseTags(c.raw('标签'));
  const longTag = tags.find((t) => t.length > 50);
  if (longTag) c.problem('标签', msg('import.tagTooLong', { tag: longTag.slice(0, 20) }));
  const chainNode = c.text('产业链节点', false, 64)?.toUpperCase() ?? null;
  const channel = c.field('招商方式', parseChannelCell);
  const isKey = c.field('重点项目', parseYesNo);

  // A date that contradicts the calendar or another date is an error: the same rules as the form
  // (domain/project-stages.ts). A fact the stage needs but the row leaves empty (no signing date on
  // an old 开工 project) is a gap: imported, and the project is flagged 资料不全.
  const dates = { signedDate: signedOn ?? null, startedDate: startedOn ?? null, operatingDate: operatingOn ?? null };
  const facts = { stage: stage ?? 'lead', investorName, likelihood: null, expectedLandingDate: null, signedAmountYuan: null, agreedStartDate: null, terminationReason: null, ...dates };
  for (const rule of listDateContradictions(facts, today)) {
    const columns = rule.fields.map((f) => DATE_COLUMNS[f]).filter((h): h is string => h !== undefined);
    const shown = rule.fields.map((f) => `${DATE_COLUMNS[f] ?? f} ${dates[f as keyof typeof dates] ?? ''}`).join('，');
    const text = rule.id.endsWith('otFuture') ? msg('import.dateContradictionToday', { rule: rule.text, shown, today }) : msg('import.dateContradiction', { rule: rule.text, shown });
    c.problem(columns[0] ?? '签约日期', text);
  }

  return c.result(() => ({
    code,
    name,
    regionCode: regionCode as string,
    investorName,
    investorCreditCode: investorCreditCode ?? null,
    source: source as FundSource,
    industryCode: industryCode ?? null,
    stage: stage as ProjectStage,
    plannedInvestmentYuan: plannedInvestmentYuan ?? null,
    signedAmountYuan: signedAmountYuan ?? null,
    signedOn: signedOn ?? null,
    agreedStartOn: agreedStartOn ?? null,
    startedOn: startedOn ?? null,
    operatingOn: operatingOn ?? null,
    leader,
    tags,
    chainNode,
    channel: channel ?? null,
    isKey: isKey ?? null,
  }));
}

export function validateFundsRow(row: number, cells: Record<string, string>): RowResult<FundsRow> {
  const c = new RowCheck(row, cells);
  const projectCode = c.text('项目编号', true, 64);
  const month = c.field('月份', parseMonth, true);
  const amountYuan = c.field('金额(万元)', parseAmount, true);
  const note = c.text('备注');
  return c.result(() => ({ projectCode, month: month as string, amountYuan: amountYuan as bigint, note }));
}

