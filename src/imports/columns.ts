/**
 * The columns of the three import kinds (DESIGN.md "Import files"). Headers are the Chinese names a
 * user sees; `key` is the identifier the validators use. Header matching tolerates surrounding and
 * inner spaces (ASCII and full-width) and full-width parentheses: `注册资本（万元）` = `注册资本(万元)`.
 */
import { AppError } from '../domain/app-error';
import { msg } from '../domain/messages/catalog';

export type ImportKind = 'enterprise' | 'project' | 'funds';

export const IMPORT_KINDS: readonly ImportKind[] = ['enterprise', 'project', 'funds'];

/** Every kind of sheet a file can carry: the three of the data workbook, and chains (imported on their own). */
export type SheetKind = ImportKind | 'chain' | 'activity' | 'activityOrganisation' | 'activityProject';

/** The xlsx sheet that carries each kind. */
export const SHEET_NAMES: Record<SheetKind, string> = {
  enterprise: '企业',
  project: '项目',
  funds: '到位资金',
  chain: '产业链',
  activity: '招商活动',
  activityOrganisation: '活动对象',
  activityProject: '活动项目',
};

export interface ColumnDef {
  /** canonical Chinese header, as in DESIGN.md */
  header: string;
  key: string;
  /** the column must be present and every row must have a value in it */
  required: boolean;
}

const col = (header: string, key: string, required = false): ColumnDef => ({ header, key, required });

export const COLUMNS = {
  enterprise: [
    col('统一社会信用代码', 'creditCode', true),
    col('企业名称', 'name', true),
    col('注册地区代码', 'regionCode', true),
    col('行业代码', 'industryCode'),
    col('注册资本(万元)', 'registeredCapitalYuan'),
    col('成立日期', 'establishedOn'),
    col('标签', 'tags'),
    col('经营范围', 'businessScope'),
    // the enterprise database's extended columns (issue 5); all optional
    col('曾用名', 'formerNames'),
    col('经营状态', 'status'),
    col('股票代码', 'ticker'),
    col('主要产品', 'mainProducts'),
    col('网站', 'website'),
    col('所属集团', 'parentGroup'),
    col('员工人数', 'employees'),
    col('营收规模', 'revenueBand'),
    col('数据来源', 'source'),
    col('数据日期', 'sourceDate'),
  ],
  project: [
    col('项目编号', 'code', true),
    col('项目名称', 'name', true),
    col('地区代码', 'regionCode', true),
    col('投资方', 'investorName'),
    col('投资方信用代码', 'investorCreditCode'),
    col('资金来源', 'source', true),
    col('行业代码', 'industryCode'),
    col('阶段', 'stage', true),
    col('计划总投资(万元)', 'plannedInvestmentYuan'),
    col('签约额(万元)', 'signedAmountYuan'),
    col('签约日期', 'signedOn'),
    col('约定开工日期', 'agreedStartOn'),
    col('开工日期', 'startedOn'),
    col('投产日期', 'operatingOn'),
    col('包联领导', 'leader'),
    // DESIGN.md "Import files, second half": optional; a column absent from the file leaves the stored value alone
    col('标签', 'tags'),
    col('产业链节点', 'chainNode'),
    col('招商方式', 'channel'),
    col('重点项目', 'isKey'),
  ],
  funds: [
    col('项目编号', 'projectCode', true),
    col('月份', 'month', true),
    col('金额(万元)', 'amountYuan', true),
    col('备注', 'note'),
  ],
  // DESIGN.md "Import files, second half": 产业链 (kind chains)
  chain: [
    col('产业链编码', 'chainCode', true),
    col('产业链名称', 'chainName', true),
    col('节点编码', 'code', true),
    col('节点名称', 'name', true),
    col('上级节点编码', 'parentCode'),
    col('环节', 'segment', true),
    col('行业代码', 'industryCodes'),
    col('关键产品', 'products'),
  ],
  // DESIGN.md "Import files, second half": 招商活动, 活动对象, 活动项目 (kinds activities, activity-organisations, activity-projects)
  activity: [
    col('活动编号', 'code', true),
    col('活动类型', 'type', true),
    col('活动名称', 'name', true),
    col('开始日期', 'startDate', true),
    col('结束日期', 'endDate', true),
    col('地区代码', 'regionCode', true),
    col('主办或参加', 'hosting'),
    col('带队领导', 'leaderName'),
    col('领导级别', 'leaderLevel'),
    col('参加人次', 'personTrips'),
    col('目的地', 'destinations'),
    col('驻点小分队', 'residentTeam'),
    col('备注', 'notes'),
  ],
  activityOrganisation: [col('活动编号', 'activityCode', true), col('单位名称', 'name', true), col('统一社会信用代码', 'creditCode'), col('单位类型', 'kind', true)],
  activityProject: [col('活动编号', 'activityCode', true), col('项目编号', 'projectCode', true), col('成果', 'outcome', true)],
} as const satisfies Record<SheetKind, readonly ColumnDef[]>;

/** Header text as compared: no spaces of any width, half-width parentheses. */
export function normalizeHeader(raw: string): string {
  return raw
    .replace(/^\uFEFF/, '')
    .replace(/[\s\u3000]+/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')');
}

export interface HeaderMapping {
  /** canonical header → zero-based index of the column in the file */
  indexByHeader: Map<string, number>;
  /** headers in the file that are not columns of this kind (ignored) */
  ignored: string[];
}

/**
 * Maps a header row onto the columns of `kind`. Throws AppError('VALIDATION') naming every missing
 * required column, or a column that appears twice. Extra columns are ignored.
 */
export function mapHeaders(headerRow: readonly string[], kind: SheetKind): HeaderMapping {
  const defs: readonly ColumnDef[] = COLUMNS[kind];
  const byNormalized = new Map(defs.map((d) => [normalizeHeader(d.header), d]));
  const indexByHeader = new Map<string, number>();
  const ignored: string[] = [];
  const duplicates: string[] = [];
  headerRow.forEach((raw, i) => {
    const def = byNormalized.get(normalizeHeader(raw));
    if (!def) {
      if (raw.trim() !== '') ignored.push(raw.trim());
      return;
    }
    if (indexByHeader.has(def.header)) duplicates.push(def.header);
    else indexByHeader.set(def.header, i);
  });
  const label = SHEET_NAMES[kind];
  if (duplicates.length > 0) {
    throw new AppError('VALIDATION', msg('read.headerDuplicate', { sheet: label, columns: duplicates.join('”“') }));
  }
  const missing = defs.filter((d) => d.required && !indexByHeader.has(d.header)).map((d) => d.header);
  if (missing.length > 0) {
    throw new AppError(
      'VALIDATION',
      msg('read.headerMissing', { sheet: label, columns: missing.map((h) => `“${h}”`).join('、') }),
      missing.map((h) => ({ field: h, message: msg('read.headerMissingOne', { column: h }) })),
    );
  }
  return { indexByHeader, ignored };
}

/** Builds the cells of one data row keyed by canonical header; values are trimmed. */
export function rowCells(values: readonly string[], mapping: HeaderMapping): Record<string, string> {
  const cells: Record<string, string> = {};
  for (const [header, i] of mapping.indexByHeader) cells[header] = (values[i] ?? '').trim();
  return cells;
}
