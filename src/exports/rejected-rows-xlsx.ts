/**
 * The rejected rows of an import job as xlsx: 工作表, 行, 列, 值, 原因 (text made inert against
 * formulas), headers and reasons in the reader's language (sheet and column names stay as the file
 * wrote them).
 */
import { msg, renderMessage, type Message } from '../domain/messages/catalog';
import type { Caller, Deps } from '../services/context';
import { getRejectedRows } from '../services/enterprise-imports/import-jobs';
import { safeCell } from './safe-cell';
import { writeWorkbook } from './workbook-buffer';

export async function buildRejectedReport(deps: Deps, caller: Caller, id: string): Promise<{ fileName: string; buffer: Buffer }> {
  const { fileName, rejected, total } = await getRejectedRows(deps, caller, id);
  const say = (m: Message) => renderMessage(m, caller.lang ?? 'zh');
  const buffer = await writeWorkbook(async (wb) => {
    const ws = wb.addWorksheet(say(msg('rejectedReport.sheet')));
    ws.columns = [
      { header: say(msg('rejectedReport.sheetColumn')), width: 10 },
      { header: say(msg('rejectedReport.row')), width: 8 },
      { header: say(msg('rejectedReport.column')), width: 18 },
      { header: say(msg('rejectedReport.value')), width: 30 },
      { header: say(msg('rejectedReport.reason')), width: 70 },
    ];
    ws.getRow(1).font = { bold: true };
    for (const p of rejected) ws.addRow([safeCell(p.sheet), p.row, safeCell(p.column), safeCell(p.value), safeCell(p.reason)]).commit();
    if (total > rejected.length) {
      ws.addRow(['', null, '', '', say(msg('rejectedReport.more', { more: total - rejected.length, total }))]).commit();
    }
    ws.commit();
  });
  const base = fileName.replace(/\.[^.]+$/, '');
  return { fileName: `${base}-${say(msg('rejectedReport.sheet'))}.xlsx`, buffer };
}
