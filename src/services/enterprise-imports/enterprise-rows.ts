/**
 * Checks one 企业 row of an import file against the rules that need more than the row itself:
 * credit codes unique within the file, the registered region exists (any region of the
 * installation: enterprises are national reference data, so an importer may load enterprises
 * registered outside their own region), the industry (a code or an exact name at any level of
 * GB/T 4754, stored as the code) exists, and the data date is not in the future. Shared by the workbook import and the background
 * jobs, so both accept and refuse the same rows. Search keys are filled in by the caller.
 */
import type { StagedEnterpriseRow } from '../../db/queries/enterprise-imports/enterprise-imports';
import { normalizeCreditCode } from '../../domain/credit-code';
import { msg } from '../../domain/messages/catalog';
import { textOf } from '../../imports/problem-text';
import { parseIndustryCode, parseRegionCode, resolveIndustryCode, rowProblem, validateEnterpriseRow, type RowProblem } from '../../imports/row-validate';

export interface EnterpriseRowRules {
  /** every region code of the installation */
  regionCodes: ReadonlySet<string>;
  /** every industry code of the installation → its parent code */
  industries: ReadonlyMap<string, string | null>;
  /** 数据来源 of rows that name none */
  defaultSource: string;
  /** 数据日期 of rows that give none (YYYY-MM-DD) */
  defaultDate: string;
  /** YYYY-MM-DD in Asia/Shanghai: no data date may be later */
  today: string;
}

export type CheckedRow = { ok: true; row: StagedEnterpriseRow } | { ok: false; problems: RowProblem[] };

/**
 * A copy of a string that does not point into the text it was cut from. Strings sliced out of a
 * decoded chunk keep the whole chunk alive while they live; what is kept for the whole import (the
 * credit codes seen, the values of reported problems) must not hold a 300 MB file in memory.
 */
export function detachString(s: string): string {
  return s.length < 13 ? s : Buffer.from(s, 'utf8').toString('utf8');
}

export class EnterpriseRowChecker {
  /** credit code → the first row that had it */
  private readonly seen = new Map<string, number>();

  constructor(private readonly rules: EnterpriseRowRules) {}

  check(rowNumber: number, cells: Record<string, string>): CheckedRow {
    const r = validateEnterpriseRow(rowNumber, cells);
    const problems: RowProblem[] = r.ok ? [] : [...r.problems];
    const rawCode = normalizeCreditCode(cells['统一社会信用代码'] ?? '');
    if (rawCode.length === 18) {
      const first = this.seen.get(rawCode);
      if (first !== undefined) {
        problems.push(rowProblem(rowNumber, '统一社会信用代码', rawCode, msg('import.creditCodeDuplicate', { code: rawCode, first, row: rowNumber })));
      } else {
        this.seen.set(detachString(rawCode), rowNumber);
      }
    }
    // the checks against the installation run on whatever cells parsed, so a row's report lists all its problems
    const region = parseRegionCode(cells['注册地区代码'] ?? '');
    if (region.ok && !this.rules.regionCodes.has(region.value)) {
      problems.push(rowProblem(rowNumber, '注册地区代码', region.value, msg('import.regionUnknown', { code: region.value })));
    }
    let industryCode: string | null = null;
    const industry = (cells['行业代码'] ?? '').trim() === '' ? null : parseIndustryCode(cells['行业代码'] ?? '');
    if (industry?.ok) {
      const ind = resolveIndustryCode(industry.value, this.rules.industries);
      if ('reason' in ind) problems.push(rowProblem(rowNumber, '行业代码', industry.value, textOf(ind)));
      else industryCode = ind.code;
    }
    if (!r.ok) return { ok: false, problems };
    const v = r.value;
    if (v.sourceDate && v.sourceDate > this.rules.today) {
      problems.push(rowProblem(rowNumber, '数据日期', v.sourceDate, msg('import.sourceDateFuture', { date: v.sourceDate, today: this.rules.today })));
    }
    if (problems.length > 0) return { ok: false, problems };
    return {
      ok: true,
      row: {
        rowNo: rowNumber,
        creditCode: v.creditCode,
        name: v.name,
        formerNames: v.formerNames.length > 0 ? v.formerNames : null,
        regionCode: v.regionCode,
        industryCode,
        registeredCapitalYuan: v.registeredCapitalYuan,
        establishedOn: v.establishedOn,
        status: v.status,
        ticker: v.ticker,
        businessScope: v.businessScope,
        mainProducts: v.mainProducts,
        tags: v.tags.length > 0 ? v.tags : null,
        website: v.website,
        parentGroup: v.parentGroup,
        employees: v.employees,
        revenueBand: v.revenueBand,
        source: v.source ?? this.rules.defaultSource,
        sourceDate: v.sourceDate ?? this.rules.defaultDate,
        searchNames: '',
        searchPinyin: '',
        nameWords: '',
        otherWords: '',
      },
    };
  }
}
