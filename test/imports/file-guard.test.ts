import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/domain/app-error';
import { inspectImportFile } from '../../src/imports/file-guard';
import { XLSX_SKELETON, makeXlsx, makeZip } from './fixtures';

/** A refusal with `code`: VALIDATION (400), or LIMIT_EXCEEDED (422) for anything over a size limit. */
function refusal(fn: () => unknown, code: 'VALIDATION' | 'LIMIT_EXCEEDED' = 'VALIDATION'): AppError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe(code);
    return e as AppError;
  }
  throw new Error('expected a refusal');
}

describe('inspectImportFile', () => {
  it('accepts a real xlsx written by exceljs and reports its entries', async () => {
    const buf = await makeXlsx([{ name: '企业', rows: [['统一社会信用代码'], ['x']] }]);
    const r = inspectImportFile(buf, '企业名录.xlsx');
    expect(r.format).toBe('xlsx');
    expect(r.size).toBe(buf.length);
    expect(r.entries?.map((e) => e.name)).toContain('xl/workbook.xml');
    expect(r.uncompressedBytes).toBe(r.entries?.reduce((s, e) => s + e.uncompressedSize, 0));
  });

  it('accepts a hand-made minimal xlsx-shaped ZIP and CSV text', () => {
    expect(inspectImportFile(makeZip(XLSX_SKELETON), 'a.XLSX').format).toBe('xlsx');
    expect(inspectImportFile(Buffer.from('项目编号,月份\r\nP1,2024-03\r\n'), '资金.csv')).toEqual({ format: 'csv', size: 33 });
  });

  it('refuses a file over the size limit, naming file and limit', () => {
    const e = refusal(() => inspectImportFile(Buffer.alloc(2 * 1024 * 1024, 0x41), 'big.csv', { maxFileBytes: 1024 * 1024 }));
    expect(e.message).toBe('文件“big.csv”大小 2 MiB，超过上限 1 MiB');
  });

  it('refuses the 51 MiB default', () => {
    const e = refusal(() => inspectImportFile(Buffer.alloc(51 * 1024 * 1024, 0x41), 'big.csv'));
    expect(e.message).toBe('文件“big.csv”大小 51 MiB，超过上限 50 MiB');
  });

  it('refuses an empty file', () => {
    expect(refusal(() => inspectImportFile(Buffer.alloc(0), 'a.csv')).message).toBe('文件“a.csv”是空文件');
  });

  it('refuses name/content mismatches and wrong types', async () => {
    const xlsx = await makeXlsx([{ name: '项目', rows: [['项目编号']] }]);
    expect(refusal(() => inspectImportFile(xlsx, '项目.csv')).message).toBe(
      '文件“项目.csv”的扩展名是 .csv，但内容是压缩包（可能是 xlsx 工作簿），请改正扩展名或另存为 CSV',
    );
    expect(refusal(() => inspectImportFile(Buffer.from('a,b\n1,2\n'), '项目.xlsx')).message).toBe(
      '文件“项目.xlsx”的扩展名是 .xlsx，但内容是文本（可能是 CSV），请改正扩展名或另存为 .xlsx',
    );
    expect(refusal(() => inspectImportFile(xlsx, '项目.pdf')).message).toBe('文件“项目.pdf”的扩展名不是 .xlsx 或 .csv，只能导入这两种文件');
    expect(refusal(() => inspectImportFile(xlsx, '项目.xls')).message).toBe(
      '文件“项目.xls”是旧版 .xls 格式，请在 Excel/WPS 中另存为 .xlsx 或 CSV 后再导入',
    );
    const ole = Buffer.from('d0cf11e0a1b11ae1' + '00'.repeat(100), 'hex');
    expect(refusal(() => inspectImportFile(ole, 'x.xlsx')).message).toBe(
      '文件“x.xlsx”的内容是旧版 .xls 或加密的工作簿，请另存为未加密的 .xlsx 或 CSV 后再导入',
    );
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    expect(refusal(() => inspectImportFile(png, 'x.csv')).message).toBe('文件“x.csv”的内容既不是 xlsx 工作簿也不是 CSV 文本');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a,b', 'utf16le')]);
    expect(refusal(() => inspectImportFile(utf16, 'x.csv')).message).toBe(
      '文件“x.csv”是 UTF-16 编码的文本，请另存为“CSV UTF-8”或 GB18030 编码的 CSV',
    );
  });

  it('refuses a ZIP that is not a workbook', () => {
    const zip = makeZip([{ name: 'readme.txt', data: Buffer.from('hello') }]);
    expect(refusal(() => inspectImportFile(zip, 'a.xlsx')).message).toBe(
      '文件“a.xlsx”是压缩包但不是 xlsx 工作簿（缺少 [Content_Types].xml 或 xl/workbook.xml）',
    );
  });

  it('refuses a zip bomb by compression ratio without inflating it', () => {
    // 64 MiB of zeros deflates to ~64 KiB: ratio ≈ 1000:1
    const zip = makeZip([...XLSX_SKELETON, { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(64 * 1024 * 1024) }]);
    expect(zip.length).toBeLessThan(200 * 1024);
    const e = refusal(() => inspectImportFile(zip, 'bomb.xlsx'), 'LIMIT_EXCEEDED');
    expect(e.message).toMatch(/^文件“bomb\.xlsx”中的条目“xl\/worksheets\/sheet1\.xml”压缩比 \d+:1，超过上限 200:1（压缩 [\d.]+ KiB，解压后 64 MiB），疑似压缩炸弹，拒绝导入$/);
  });

  it('refuses a central directory claiming a huge uncompressed total', () => {
    const zip = makeZip([
      ...XLSX_SKELETON,
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.from('<x/>'), method: 0, claimedUncompressedSize: 4 },
      { name: 'xl/worksheets/sheet2.xml', data: Buffer.from('<x/>'), claimedUncompressedSize: 0xfffffff0 },
    ]);
    expect(refusal(() => inspectImportFile(zip, 'huge.xlsx'), 'LIMIT_EXCEEDED').message).toBe(
      '文件“huge.xlsx”解压后超过 500 MiB（解压后总大小上限），疑似压缩炸弹，拒绝导入',
    );
  });

  it('honours a lower total limit', () => {
    const zip = makeZip([...XLSX_SKELETON, { name: 'xl/a.xml', data: Buffer.alloc(3000, 0x61), method: 0 }]);
    expect(refusal(() => inspectImportFile(zip, 'a.xlsx', { maxUncompressedBytes: 2048 }), 'LIMIT_EXCEEDED').message).toBe(
      '文件“a.xlsx”解压后超过 2 KiB（解压后总大小上限），疑似压缩炸弹，拒绝导入',
    );
  });

  it('refuses too many entries (default 10,000)', () => {
    const many = Array.from({ length: 10_001 - XLSX_SKELETON.length }, (_, i) => ({ name: `xl/m/${i}`, data: Buffer.alloc(0), method: 0 as const }));
    const zip = makeZip([...XLSX_SKELETON, ...many]);
    expect(refusal(() => inspectImportFile(zip, 'many.xlsx'), 'LIMIT_EXCEEDED').message).toBe('文件“many.xlsx”包含 10001 个压缩条目，超过上限 10000 个');
    const ok = makeZip([...XLSX_SKELETON, ...many.slice(1)]);
    expect(inspectImportFile(ok, 'ok.xlsx').entries).toHaveLength(10_000);
  });

  it('refuses local headers that disagree with the central directory (hidden bomb)', () => {
    const zip = makeZip([...XLSX_SKELETON, { name: 'xl/a.xml', data: Buffer.from('abc'), method: 0 }]);
    // the local header of the last entry claims another uncompressed size than the directory
    const localOfLast = zip.indexOf(Buffer.from('xl/a.xml')) - 30;
    zip.writeUInt32LE(999_999_999, localOfLast + 22);
    expect(refusal(() => inspectImportFile(zip, 'lie.xlsx')).message).toBe(
      '文件“lie.xlsx”不是完整的 xlsx 压缩包（条目“xl/a.xml”的本地文件头大小与中央目录不符），请在 Excel/WPS 中重新保存后再导入',
    );
  });

  it('refuses a truncated ZIP and an encrypted entry', async () => {
    const xlsx = await makeXlsx([{ name: '企业', rows: [['a']] }]);
    expect(refusal(() => inspectImportFile(xlsx.subarray(0, xlsx.length - 10), 't.xlsx')).message).toBe(
      '文件“t.xlsx”不是完整的 xlsx 压缩包（找不到中央目录结束记录），请在 Excel/WPS 中重新保存后再导入',
    );
    const zip = makeZip([...XLSX_SKELETON]);
    const cd = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    zip.writeUInt16LE(0x801, cd + 8);
    expect(refusal(() => inspectImportFile(zip, 'enc.xlsx')).message).toBe(
      '文件“enc.xlsx”中的条目“[Content_Types].xml”已加密，请另存为未加密的 .xlsx 后再导入',
    );
  });
});
