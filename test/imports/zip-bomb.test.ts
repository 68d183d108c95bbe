/**
 * Zip bombs whose headers lie consistently (issue 10, item 4): the directory checks pass, so the
 * guarded inflater must stop at the declared size (and at the absolute cap) on every path that
 * reads an xlsx — the in-memory reader, the streaming reader (files on disk: the background job's
 * path) — and refuse with LIMIT_EXCEEDED (HTTP 422) naming the limit, holding little memory.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/domain/app-error';
import { inspectImportFile, readZipDirectory } from '../../src/imports/file-guard';
import { readRows, type ImportRow } from '../../src/imports/sheet-reader';
import { inflateEntryGuarded, verifyZipInflation } from '../../src/imports/zip-inflate';
import { bombEntry, honestEntry, makeRawZip, measurePeakRssGrowth, withEntries } from './bomb-fixtures';
import { makeXlsx } from './fixtures';

const MiB = 1024 * 1024;
const SHEET = 'xl/worksheets/sheet1.xml';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yinfeng-bomb-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function refusalOf(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error('expected a refusal');
}

async function collect(rows: AsyncGenerator<ImportRow>): Promise<ImportRow[]> {
  const out: ImportRow[] = [];
  for await (const r of rows) out.push(r);
  return out;
}

const projectXlsx = () => makeXlsx([{ name: '项目', rows: [['项目编号', '项目名称', '地区代码', '资金来源', '阶段'], ['P-1', '储能项目', '650109', '区内', '在谈']] }]);

describe('the guarded inflater', () => {
  it('inflates an honest entry to its declared size', async () => {
    const zip = makeRawZip([honestEntry('a.xml', 'x'.repeat(100_000))]);
    const [entry] = readZipDirectory(zip, 'a.xlsx');
    expect(await inflateEntryGuarded(zip, entry!, { fileName: 'a.xlsx', capBytes: MiB })).toBe(100_000);
  });

  it('stops at the declared size: 64 MiB of zeros declared as 512 KiB in both headers', async () => {
    const zip = makeRawZip([bombEntry(SHEET, 64 * MiB, 512 * 1024)]);
    const [entry] = readZipDirectory(zip, 'bomb.xlsx');
    let seen = 0;
    const e = await refusalOf(inflateEntryGuarded(zip, entry!, { fileName: 'bomb.xlsx', capBytes: 500 * MiB, onData: (c) => (seen += c.length) }));
    expect(e.code).toBe('LIMIT_EXCEEDED');
    expect(e.message).toBe(
      '文件“bomb.xlsx”中的条目“xl/worksheets/sheet1.xml”解压后超过其声明的大小 512 KiB（压缩包声明的大小即解压上限），疑似压缩炸弹，已停止解压并拒绝导入',
    );
    // what was handed on never passed the declared size: the inflater stopped there
    expect(seen).toBeLessThanOrEqual(512 * 1024);
  });

  it('stops at the absolute cap whatever the entry declares', async () => {
    const zip = makeRawZip([bombEntry(SHEET, 8 * MiB, 8 * MiB)]);
    const [entry] = readZipDirectory(zip, 'cap.xlsx', { maxFileBytes: MiB, maxUncompressedBytes: 0xffffffff, maxEntries: 10, maxCompressionRatio: 1e9, ratioExemptBytes: MiB });
    const e = await refusalOf(inflateEntryGuarded(zip, entry!, { fileName: 'cap.xlsx', capBytes: 2 * MiB }));
    expect(e.code).toBe('LIMIT_EXCEEDED');
    expect(e.message).toBe('文件“cap.xlsx”中的条目“xl/worksheets/sheet1.xml”解压后超过单个条目的上限 2 MiB，疑似压缩炸弹，已停止解压并拒绝导入');
  });

  it('stops a bomb behind a data descriptor (sizes only after the data, zeros in the local header)', async () => {
    const zip = makeRawZip([bombEntry(SHEET, 64 * MiB, 100_000, { dataDescriptor: true })]);
    const entries = readZipDirectory(zip, 'dd.xlsx');
    const e = await refusalOf(verifyZipInflation(zip, entries, 'dd.xlsx', { maxUncompressedBytes: 500 * MiB }));
    expect(e.code).toBe('LIMIT_EXCEEDED');
    expect(e.message).toContain('解压后超过其声明的大小 97.7 KiB');
  });

  it('refuses an entry that inflates to less than it declares, a wrong CRC, and data after the deflate stream', async () => {
    const short = honestEntry('a.xml', 'abc');
    const lies = [
      { entry: { ...short, declaredSize: 10 }, reason: '解压后为 3 字节，与声明的 10 字节不符' },
      { entry: { ...short, crc: short.crc ^ 1 }, reason: '的 CRC 校验值不符' },
      { entry: { ...short, body: Buffer.concat([short.body, Buffer.from('trailing')]) }, reason: '的压缩数据长度与目录不符' },
    ];
    for (const { entry, reason } of lies) {
      const zip = makeRawZip([entry]);
      const e = await refusalOf(verifyZipInflation(zip, readZipDirectory(zip, 'x.xlsx'), 'x.xlsx', { maxUncompressedBytes: MiB }));
      expect(e.code).toBe('VALIDATION');
      expect(e.message).toBe(`文件“x.xlsx”中的条目“a.xml”${reason}，文件已损坏或被篡改，请在 Excel/WPS 中重新保存后再导入`);
    }
  });
});

describe('every xlsx reading path stops a consistent-lie bomb', () => {
  it('the in-memory reader: 256 MiB of zeros declared as 512 KiB is refused without inflating it (RSS growth stays small)', async () => {
    const bomb = withEntries(await projectXlsx(), [bombEntry(SHEET, 256 * MiB, 512 * 1024)]);
    expect(bomb.length).toBeLessThan(MiB);
    // the directory checks pass: the lie is consistent and the declared ratio is small
    expect(inspectImportFile(bomb, 'bomb.xlsx').format).toBe('xlsx');
    const { result: e, growthMiB } = await measurePeakRssGrowth(() => refusalOf(collect(readRows(bomb, 'project', { fileName: 'bomb.xlsx' }))));
    expect(e.code).toBe('LIMIT_EXCEEDED');
    expect(e.message).toContain('“xl/worksheets/sheet1.xml”解压后超过其声明的大小 512 KiB');
    expect(growthMiB).toBeLessThan(64);
  });

  it('the streaming reader (a file on disk, as the background job reads it)', async () => {
    const file = path.join(dir, 'bomb-stream.xlsx');
    fs.writeFileSync(file, withEntries(await projectXlsx(), [bombEntry(SHEET, 256 * MiB, 512 * 1024, { dataDescriptor: true })]));
    const { result: e, growthMiB } = await measurePeakRssGrowth(() =>
      refusalOf(collect(readRows({ path: file }, 'project', { fileName: 'bomb-stream.xlsx', inMemoryLimitBytes: 0 }))),
    );
    expect(e.code).toBe('LIMIT_EXCEEDED');
    expect(e.message).toContain('解压后超过其声明的大小 512 KiB');
    expect(growthMiB).toBeLessThan(64);
  });

  it('an honest workbook still reads, in memory and streamed', async () => {
    const xlsx = await projectXlsx();
    const file = path.join(dir, 'ok.xlsx');
    fs.writeFileSync(file, xlsx);
    const expected = [{ rowNumber: 2, cells: { 项目编号: 'P-1', 项目名称: '储能项目', 地区代码: '650109', 资金来源: '区内', 阶段: '在谈' } }];
    expect(await collect(readRows(xlsx, 'project'))).toEqual(expected);
    expect(await collect(readRows({ path: file }, 'project', { inMemoryLimitBytes: 0 }))).toEqual(expected);
  });

  it('ZIP64 sizes in a local header are refused with the limit (a streaming reader would believe them)', async () => {
    const zip = withEntries(await projectXlsx(), [{ ...honestEntry(SHEET, '<worksheet/>'), zip64Local: true }]);
    const e = (() => {
      try {
        inspectImportFile(zip, 'z64.xlsx');
      } catch (err) {
        return err as AppError;
      }
      throw new Error('expected a refusal');
    })();
    expect(e.code).toBe('LIMIT_EXCEEDED');
    expect(e.message).toBe('文件“z64.xlsx”的本地文件头使用 ZIP64 大小，超过解压后总大小上限 500 MiB');
  });

  it('many small lying entries: the total is capped (each within its own declared size)', async () => {
    // 20 entries each declaring 1 KiB: the file passes the directory checks; each inflates to 1 MiB
    const liars = Array.from({ length: 20 }, (_, i) => bombEntry(`xl/media/m${i}.bin`, MiB, 1024));
    const zip = withEntries(await projectXlsx(), liars);
    const e = await refusalOf(collect(readRows(zip, 'project', { fileName: 'many.xlsx' })));
    expect(e.code).toBe('LIMIT_EXCEEDED');
    expect(e.message).toBe('文件“many.xlsx”中的条目“xl/media/m0.bin”解压后超过其声明的大小 1 KiB（压缩包声明的大小即解压上限），疑似压缩炸弹，已停止解压并拒绝导入');
  });

  it('a nested ZIP is never opened: a bomb inside an embedded archive costs only its own bytes', async () => {
    const inner = makeRawZip([bombEntry('inner.xml', 256 * MiB, 1024)]);
    const nested = { name: 'xl/embeddings/oleObject1.bin', body: zlib.deflateRawSync(inner), method: 8 as const, crc: zlib.crc32(inner), declaredSize: inner.length };
    const xlsx = withEntries(await projectXlsx(), [nested]);
    const { result: rows, growthMiB } = await measurePeakRssGrowth(() => collect(readRows(xlsx, 'project')));
    expect(rows).toHaveLength(1);
    expect(growthMiB).toBeLessThan(64);
  });
});
