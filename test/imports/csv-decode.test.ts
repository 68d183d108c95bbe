import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/domain/app-error';
import { decodeCsvBytes, readCsvRecords } from '../../src/imports/csv-decode';

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

const TEXT = '项目编号,项目名称,备注\r\nP-001,"引凤产业园, 一期","第一行\r\n第二行 ""加引号"""\r\nP-002,锂电池项目,\r\n';

describe('decodeCsvBytes', () => {
  it('reads UTF-8 without BOM', () => {
    expect(decodeCsvBytes(Buffer.from(TEXT, 'utf8'))).toEqual({ text: TEXT, encoding: 'utf-8' });
  });

  it('reads UTF-8 with BOM and drops the BOM', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT, 'utf8')]);
    expect(decodeCsvBytes(bytes)).toEqual({ text: TEXT, encoding: 'utf-8-bom' });
  });

  it('round-trips GB18030 as Excel/WPS write it, including a character outside GBK', () => {
    const text = '企业名称,经营范围\r\n䶮科技（深圳）有限公司,锂电池、储能；𠀀研发\r\n';
    const bytes = iconv.encode(text, 'gb18030');
    expect(bytes.includes(Buffer.from(text, 'utf8'))).toBe(false);
    expect(decodeCsvBytes(bytes)).toEqual({ text, encoding: 'gb18030' });
  });

  it('refuses UTF-16 and UTF-8-with-BOM whose bytes are not UTF-8', () => {
    expect(() => decodeCsvBytes(Buffer.from([0xff, 0xfe, 0x41, 0]), 'a.csv')).toThrow(AppError);
    const bad = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), iconv.encode('中文', 'gb18030')]);
    expect(() => decodeCsvBytes(bad, 'b.csv')).toThrow('文件“b.csv”标明为 UTF-8（带 BOM），但内容中有不是 UTF-8 的字节，请重新保存');
  });

  it('refuses bytes that are neither UTF-8 nor GB18030', () => {
    // 0x80 alone and 0xFF are invalid lead bytes in GB18030
    expect(() => decodeCsvBytes(Buffer.from([0x61, 0xff, 0xff, 0x62]), 'c.csv')).toThrow(
      '文件“c.csv”既不是 UTF-8 也不是 GB18030 编码的文本，请另存为“CSV UTF-8”后再导入',
    );
  });
});

describe('readCsvRecords', () => {
  it('parses quotes, doubled quotes, commas and CRLF newlines inside quotes; row numbers as Excel shows them', async () => {
    expect(await collect(readCsvRecords(Buffer.from(TEXT, 'utf8')))).toEqual([
      { rowNumber: 1, values: ['项目编号', '项目名称', '备注'] },
      { rowNumber: 2, values: ['P-001', '引凤产业园, 一期', '第一行\r\n第二行 "加引号"'] },
      { rowNumber: 3, values: ['P-002', '锂电池项目', ''] },
    ]);
  });

  it('counts blank lines as rows but does not yield them; accepts LF and ragged rows', async () => {
    const text = 'a,b\n\n1,2\n3\n,\n4,5,6';
    expect(await collect(readCsvRecords(Buffer.from(text)))).toEqual([
      { rowNumber: 1, values: ['a', 'b'] },
      { rowNumber: 3, values: ['1', '2'] },
      { rowNumber: 4, values: ['3'] },
      { rowNumber: 6, values: ['4', '5', '6'] },
    ]);
  });

  it('parses a GB18030 file with BOM-less header', async () => {
    const bytes = iconv.encode('项目编号,月份,金额(万元)\r\nP1,2024-03,"1,234.5"\r\n', 'gb18030');
    expect(await collect(readCsvRecords(bytes))).toEqual([
      { rowNumber: 1, values: ['项目编号', '月份', '金额(万元)'] },
      { rowNumber: 2, values: ['P1', '2024-03', '1,234.5'] },
    ]);
  });

  it('reports an unclosed quote as a validation error', async () => {
    const err = await collect(readCsvRecords(Buffer.from('a,b\n1,"oops\n2,3\n'), 'q.csv')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).message).toMatch(/^文件“q\.csv”不是格式正确的 CSV（第 \d+ 行附近）：引号不配对或引号后有多余字符$/);
  });
});
