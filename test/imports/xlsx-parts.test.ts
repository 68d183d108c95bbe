import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readZipDirectory } from '../../src/imports/file-guard';
import { mapXlsxSheetFiles } from '../../src/imports/xlsx-parts';

describe('xlsx parts read from the ZIP', () => {
  it('maps each sheet name to the number of its worksheet part', async () => {
    const wb = new ExcelJS.Workbook();
    for (const name of ['企业', '项目', '到位资金']) wb.addWorksheet(name).addRow(['a']);
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    const map = mapXlsxSheetFiles(buffer, readZipDirectory(buffer, 't.xlsx'), 't.xlsx');
    expect([...map.entries()]).toEqual([
      ['企业', '1'],
      ['项目', '2'],
      ['到位资金', '3'],
    ]);
  });
});
