import { renderMessage } from '../../src/domain/messages/catalog';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/domain/app-error';
import { COLUMNS, mapHeaders, normalizeHeader, rowCells } from '../../src/imports/columns';

describe('columns', () => {
  it('lists the DESIGN.md headers in order', () => {
    expect(COLUMNS.funds.map((c) => c.header)).toEqual(['项目编号', '月份', '金额(万元)', '备注']);
    expect(COLUMNS.enterprise.map((c) => c.header)).toEqual([
      '统一社会信用代码', '企业名称', '注册地区代码', '行业代码', '注册资本(万元)', '成立日期', '标签', '经营范围',
      '曾用名', '经营状态', '股票代码', '主要产品', '网站', '所属集团', '员工人数', '营收规模', '数据来源', '数据日期',
    ]);
    expect(COLUMNS.project).toHaveLength(19);
    expect(COLUMNS.project.slice(15).map((c) => [c.header, c.required])).toEqual([['标签', false], ['产业链节点', false], ['招商方式', false], ['重点项目', false]]);
  });

  it('normalises spaces and full-width parentheses', () => {
    expect(normalizeHeader(' 注册资本（万元） ')).toBe('注册资本(万元)');
    expect(normalizeHeader('\uFEFF金额 ( 万元 )\u3000')).toBe('金额(万元)');
  });

  it('maps headers in any order, tolerating spacing and full-width parentheses, ignoring extras', () => {
    const m = mapHeaders(['序号', ' 金额（万元）', '月份 ', '项目编号', '说明'], 'funds');
    expect([...m.indexByHeader]).toEqual([
      ['金额(万元)', 1],
      ['月份', 2],
      ['项目编号', 3],
    ]);
    expect(m.ignored).toEqual(['序号', '说明']);
    expect(rowCells(['1', ' 12.5 ', '2024-03', 'P1', 'x'], m)).toEqual({ '金额(万元)': '12.5', 月份: '2024-03', 项目编号: 'P1' });
  });

  it('names every missing required column', () => {
    let err: unknown;
    try {
      mapHeaders(['企业名称', '行业代码'], 'enterprise');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('VALIDATION');
    expect((err as AppError).message).toBe('企业表头缺少必填列：“统一社会信用代码”、“注册地区代码”');
    const details = (err as AppError).details ?? [];
    expect(details.map((d) => ({ field: d.field, message: d.message }))).toEqual([
      { field: '统一社会信用代码', message: '缺少必填列“统一社会信用代码”' },
      { field: '注册地区代码', message: '缺少必填列“注册地区代码”' },
    ]);
    // each detail also carries its catalog message, rendered in the reader's language by the HTTP layer
    expect(details.map((d) => (d.text ? renderMessage(d.text, 'en') : null))).toEqual(['Required column “统一社会信用代码” is missing', 'Required column “注册地区代码” is missing']);
  });

  it('refuses a column given twice', () => {
    expect(() => mapHeaders(['项目编号', '月份', '金额(万元)', '金额（万元）'], 'funds')).toThrow('到位资金表头中列“金额(万元)”出现了不止一次');
  });

  it('optional project columns may be absent', () => {
    const m = mapHeaders(['项目编号', '项目名称', '地区代码', '资金来源', '阶段'], 'project');
    expect(m.indexByHeader.size).toBe(5);
  });
});
