import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/domain/app-error';
import { inspectImportFile } from '../../src/imports/file-guard';
import { validateEnterpriseRow, validateFundsRow, validateProjectRow } from '../../src/imports/row-validate';
import { cellValueToString, numberCellToString, readRows, type ImportRow } from '../../src/imports/sheet-reader';
import { CREDIT_A, makeXlsx } from './fixtures';

async function collect(it: AsyncIterable<ImportRow>): Promise<ImportRow[]> {
  const out: ImportRow[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('cell values to strings', () => {
  it('numbers without float noise, never in exponent notation', () => {
    expect(numberCellToString(0.1 + 0.2)).toBe('0.3');
    expect(numberCellToString(1234.5678)).toBe('1234.5678');
    expect(1.1 * 3).not.toBe(3.3);
    expect(numberCellToString(1.1 * 3)).toBe('3.3');
    expect(numberCellToString(250000)).toBe('250000');
    expect(numberCellToString(1e21)).toBe('1000000000000000000000');
    expect(numberCellToString(1e-7)).toBe('0.0000001');
    expect(cellValueToString(new Date(Date.UTC(2024, 2, 5)))).toBe('2024-03-05');
    expect(cellValueToString({ formula: 'A1*2', result: 2.4000000000000004 })).toBe('2.4');
    expect(cellValueToString({ richText: [{ text: '引凤' }, { text: '科技' }] })).toBe('引凤科技');
    expect(cellValueToString(null)).toBe('');
  });
});

describe('readRows from xlsx', () => {
  it.each([
    ['in memory', undefined],
    ['through the streaming reader', 0],
  ])('reads the sheet named for the kind, with dates, numbers, formulas and Excel row numbers, %s', async (_how, inMemoryLimitBytes) => {
    const buf = await makeXlsx([
      { name: '说明', rows: [['本文件用于导入']] },
      {
        name: '项目',
        rows: [
          ['项目编号', '项目名称', '地区代码', '资金来源', '阶段', '计划总投资（万元）', '签约额(万元)', '签约日期', '多余列'],
          ['P-001', '锂电池基地', 320505, '区外', '签约', 250000, 0.1 + 0.2, new Date(Date.UTC(2024, 0, 15)), 'x'],
          [],
          ['P-002', { richText: [{ text: '光伏' }, { text: '组件' }] }, '320506', '境外', '在谈', { formula: '1000*2.5', result: 2500 }, 1234.5678, '2024/2/1'],
        ],
      },
      { name: '企业', rows: [['统一社会信用代码']] },
    ]);
    expect(inspectImportFile(buf, '项目.xlsx').format).toBe('xlsx');
    const rows = await collect(readRows(buf, 'project', { inMemoryLimitBytes }));
    expect(rows).toEqual([
      {
        rowNumber: 2,
        cells: {
          项目编号: 'P-001', 项目名称: '锂电池基地', 地区代码: '320505', 资金来源: '区外', 阶段: '签约',
          '计划总投资(万元)': '250000', '签约额(万元)': '0.3', 签约日期: '2024-01-15',
        },
      },
      {
        rowNumber: 4,
        cells: {
          项目编号: 'P-002', 项目名称: '光伏组件', 地区代码: '320506', 资金来源: '境外', 阶段: '在谈',
          '计划总投资(万元)': '2500', '签约额(万元)': '1234.5678', 签约日期: '2024/2/1',
        },
      },
    ]);
    const first = rows[0];
    expect(first && validateProjectRow(first.rowNumber, first.cells)).toMatchObject({
      ok: true,
      value: { plannedInvestmentYuan: 2_500_000_000n, signedAmountYuan: 3000n, signedOn: '2024-01-15', stage: 'signed' },
    });
  });

  it('turns a date cell typed as a month into a month the validator accepts', async () => {
    const buf = await makeXlsx([
      {
        name: '到位资金',
        rows: [
          ['项目编号', '月份', '金额(万元)'],
          ['P-001', new Date(Date.UTC(2024, 2, 1)), 1500.25],
        ],
        numFmt: { 2: 'yyyy-mm' },
      },
    ]);
    const rows = await collect(readRows(buf, 'funds'));
    expect(rows).toEqual([{ rowNumber: 2, cells: { 项目编号: 'P-001', 月份: '2024-03-01', '金额(万元)': '1500.25' } }]);
    const r = rows[0] && validateFundsRow(rows[0].rowNumber, rows[0].cells);
    expect(r).toEqual({ ok: true, value: { projectCode: 'P-001', month: '2024-03', amountYuan: 15_002_500n, note: null } });
  });

  it('names a missing sheet and missing required columns', async () => {
    const buf = await makeXlsx([{ name: 'Sheet1', rows: [['a']] }, { name: '企业', rows: [['企业名称'], ['x']] }]);
    const missingSheet = await collect(readRows(buf, 'funds', { fileName: '导入.xlsx' })).catch((e: unknown) => e);
    expect(missingSheet).toBeInstanceOf(AppError);
    expect((missingSheet as AppError).message).toBe('文件“导入.xlsx”中没有名为“到位资金”的工作表（现有：“Sheet1”、“企业”）');
    const missingCols = await collect(readRows(buf, 'enterprise')).catch((e: unknown) => e);
    expect((missingCols as AppError).message).toBe('企业表头缺少必填列：“统一社会信用代码”、“注册地区代码”');
  });

  it.each([
    ['in memory', undefined],
    ['through the streaming reader', 0],
  ])('reads a large sheet (20,000 rows) %s', async (_how, inMemoryLimitBytes) => {
    const rows: unknown[][] = [['项目编号', '月份', '金额(万元)']];
    for (let i = 1; i <= 20_000; i++) rows.push([`P-${i}`, '2024-03', i / 100]);
    const buf = await makeXlsx([{ name: '企业', rows: [['统一社会信用代码']] }, { name: '到位资金', rows }]);
    let count = 0;
    let last: ImportRow | undefined;
    for await (const r of readRows(buf, 'funds', { inMemoryLimitBytes })) {
      count++;
      last = r;
    }
    expect(count).toBe(20_000);
    expect(last).toEqual({ rowNumber: 20_001, cells: { 项目编号: 'P-20000', 月份: '2024-03', '金额(万元)': '200' } });
  });
});

describe('readRows from CSV', () => {
  const csv =
    '统一社会信用代码,企业名称,注册地区代码,注册资本（万元）,标签,经营范围\r\n' +
    `${CREDIT_A},"引凤科技（苏州）有限公司",320505,"1,000.5",专精特新、高新技术,"软件开发；\r\n技术服务，""数据""处理"\r\n`;

  const expected: ImportRow[] = [
    {
      rowNumber: 2,
      cells: {
        统一社会信用代码: CREDIT_A, 企业名称: '引凤科技（苏州）有限公司', 注册地区代码: '320505', '注册资本(万元)': '1,000.5',
        标签: '专精特新、高新技术', 经营范围: '软件开发；\r\n技术服务，"数据"处理',
      },
    },
  ];

  it('reads UTF-8, UTF-8 with BOM and GB18030 to the same rows', async () => {
    const utf8 = Buffer.from(csv, 'utf8');
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8]);
    const gb = iconv.encode(csv, 'gb18030');
    for (const [buf, name] of [[utf8, 'u.csv'], [bom, 'b.csv'], [gb, 'g.csv']] as const) {
      expect(inspectImportFile(buf, name).format).toBe('csv');
      expect(await collect(readRows(buf, 'enterprise', { fileName: name }))).toEqual(expected);
    }
    const r = validateEnterpriseRow(2, expected[0]?.cells ?? {});
    expect(r).toMatchObject({ ok: true, value: { registeredCapitalYuan: 10_005_000n, tags: ['专精特新', '高新技术'] } });
  });

  it('reports ignored columns through onHeader and refuses an empty file', async () => {
    let ignored: string[] = [];
    await collect(
      readRows(Buffer.from('项目编号,月份,金额(万元),经办人\nP1,2024-01,1\n'), 'funds', { onHeader: (m) => (ignored = m.ignored) }),
    );
    expect(ignored).toEqual(['经办人']);
    const err = await collect(readRows(Buffer.from('\r\n\r\n'), 'funds')).catch((e: unknown) => e);
    expect((err as AppError).message).toBe('到位资金数据为空：找不到表头行');
  });
});
