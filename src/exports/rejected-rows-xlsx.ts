/** The rejected rows of an import job as xlsx: 工作表, 行, 列, 值, 原因 (text made inert against formulas). */
import type { Caller, Deps } from '../services/context';
import { getRejectedRows } from '../services/enterprise-imports/import-jobs';
import { safeCell } from './safe-cell';
import { writeWorkbook } from './workbook-buffer';

export async function buildRejectedReport(deps: Deps, caller: Caller, id: string): Promise<{ fileName: string; buffer: Buffer }> {
  const { fileName, rejected, total } = await getRejectedRows(deps, caller, id);
  const buffer = await writeWorkbook(async (wb) => {
    const ws = wb.addWorksheet('被拒绝的行');
    ws.columns = [
      { header: '工作表', width: 10 },
      { header: '行', width: 8 },
      { header: '列', width: 18 },
      { header: '值', width: 30 },
      { header: '原因', width: 70 },
    ];
    ws.getRow(1).font = { bold: true };
    for (const p of rejected) ws.addRow([safeCell(p.sheet), p.row, safeCell(p.column), safeCell(p.value), safeCell(p.reason)]).commit();
    if (total > rejected.length) ws.addRow(['', null, '', '', `另有 ${total - rejected.length} 个问题未列出（共 ${total} 个），请先更正以上各行后重新导入`]).commit();
    ws.commit();
  });
  const base = fileName.replace(/\.[^.]+$/, '');
  return { fileName: `${base}-被拒绝的行.xlsx`, buffer };
}
