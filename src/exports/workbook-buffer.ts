/** Streams an exceljs WorkbookWriter into memory and returns the finished xlsx. */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';

export async function writeWorkbook(fill: (wb: ExcelJS.stream.xlsx.WorkbookWriter) => Promise<void>): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: false, useStyles: true });
  await fill(wb);
  await wb.commit();
  await done;
  return Buffer.concat(chunks);
}
