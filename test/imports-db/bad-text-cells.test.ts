/**
 * Import cells that cannot be stored (issue 10, item 11), on both databases: U+0000 and lone
 * surrogates in CSV and xlsx cells are reported as row/column problems (422 with the list, nothing
 * written), never a 500; an amount over the cap (10 万亿元) is reported with the cap in 万元.
 */
import { inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app';
import { DATABASE_KINDS } from '../helpers/databases';
import { honestEntry, rawEntriesOf, withEntries } from '../imports/bomb-fixtures';

const HEAD = '项目编号,项目名称,地区代码,资金来源,阶段,签约额(万元)';

interface Rejected {
  rejected: { sheet: string; row: number; column: string; value: string; reason: string }[];
  rejectedTotal: number;
}

describe.each(DATABASE_KINDS)('unstorable text and huge amounts in import cells on %s', (kind) => {
  let t: TestApp;
  let cookie: string;

  beforeAll(async () => {
    t = await createTestApp(kind);
    await t.createAccount('cell_officer', ['officer'], '650109');
    cookie = await t.login('cell_officer');
  });
  afterAll(async () => {
    await t?.close();
  });

  const upload = (body: Buffer, fileName: string) =>
    t.call('POST', '/api/imports?kind=projects', { cookie, body, headers: { 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent(fileName) } });

  it('CSV: a NUL deep in the file (past the 64 KiB text sniff) and an amount over the cap are row/column problems', async () => {
    const lines = [HEAD];
    for (let i = 0; i < 2_000; i++) lines.push(`CELL-${i},项目${i},650109,区内,在谈,1`);
    lines.push('CELL-NUL,坏\u0000名称,650109,区内,在谈,1');
    lines.push('CELL-BIG,大项目,650109,区内,在谈,900719925474.0991');
    const res = await upload(Buffer.from(`${lines.join('\n')}\n`), '项目.csv');
    expect(res.statusCode).toBe(422);
    const body = res.json() as Rejected;
    expect(body.rejected).toEqual([
      { sheet: '项目', row: 2_002, column: '项目名称', value: '坏\\0名称', reason: '“项目名称”含有空字符（U+0000），不能保存' },
      { sheet: '项目', row: 2_003, column: '签约额(万元)', value: '900719925474.0991', reason: '金额“900719925474.0991”超过上限 1000000000 万元（10 万亿元）' },
    ]);
  });

  it('a file name with U+0000 (x-file-name header, import and import job) is a 400 naming the header', async () => {
    const csv = Buffer.from(`${HEAD}\nCELL-H,项目,650109,区内,在谈,1\n`);
    for (const url of ['/api/imports?kind=projects', '/api/import-jobs']) {
      const res = await t.call('POST', url, { cookie, body: csv, headers: { 'content-type': 'application/octet-stream', 'x-file-name': 'a%00b.csv' } });
      expect(res.statusCode, res.body).toBe(400);
      expect((res.json() as { error: { message: string } }).error.message).toBe('请求头 x-file-name 有误：含有空字符（U+0000），不能保存');
    }
  });

  it('xlsx: a cell holding the character reference &#0; or &#xD800; (never written by Excel: not XML characters) is a 400 naming file and sheet, not a 500', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('项目');
    ws.addRow(['项目编号', '项目名称', '地区代码', '资金来源', '阶段']);
    ws.addRow(['CELL-X1', '孤立MARK代理', '650109', '区内', '在谈']);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const shared = rawEntriesOf(xlsx).find((e) => e.name === 'xl/sharedStrings.xml');
    if (!shared) throw new Error('no shared strings');
    for (const ref of ['&#0;', '&#xD800;']) {
      // exceljs writes UTF-8 (a lone surrogate would become U+FFFD): the character reference goes in by hand
      const xml = inflateRawSync(shared.body).toString('utf8').replace('MARK', ref);
      const res = await upload(withEntries(xlsx, [honestEntry('xl/sharedStrings.xml', xml)]), '项目.xlsx');
      expect(res.statusCode).toBe(400);
      expect((res.json() as { error: { message: string } }).error.message).toMatch(
        /^文件“项目\.xlsx”的工作表“项目”无法读取（.+）：工作簿已损坏或含有 Excel 不会写入的内容（如空字符 U\+0000、不成对的代理字符），请在 Excel\/WPS 中重新保存后再导入$/,
      );
    }
    const list = (await t.call('GET', '/api/projects?q=CELL-X', { cookie })).json() as { total: number };
    expect(list.total).toBe(0);
  });
});
