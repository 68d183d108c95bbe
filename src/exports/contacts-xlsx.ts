/**
 * Contacts as xlsx, with full (unmasked) values: only with the contacts.export permission, only
 * the caller's scope (a region subtree, optionally one enterprise), and audited with the row count.
 * Deleted contacts are gone from the table, so they are gone from exports. Text cells are made inert
 * against formula injection (a phone written "+86…" or "=…" stays text).
 */
import type { Caller, Deps } from '../services/context';
import { readContactsForExport, recordContactExport, resolveContactExport, type ContactExportQuery } from '../services/enterprises/enterprise-contacts';
import { safeText } from './safe-cell';
import { writeWorkbook } from './workbook-buffer';

export const CONTACT_EXPORT_HEADERS = ['企业名称', '统一社会信用代码', '姓名', '职务', '电话', '邮箱', '备注', '所属地区', '地区代码', '录入人', '录入时间'];
const WIDTHS = [36, 22, 10, 14, 18, 26, 30, 12, 10, 10, 18];
const PAGE = 1000;

export async function exportContactsXlsx(deps: Deps, caller: Caller, q: ContactExportQuery): Promise<{ buffer: Buffer; rowCount: number }> {
  const scope = await resolveContactExport(deps, caller, q);
  let rowCount = 0;
  const buffer = await writeWorkbook(async (wb) => {
    const ws = wb.addWorksheet('联系人');
    ws.columns = CONTACT_EXPORT_HEADERS.map((header, i) => ({ header, width: WIDTHS[i] ?? 12 }));
    ws.getRow(1).font = { bold: true };
    for (let offset = 0; ; offset += PAGE) {
      const rows = await readContactsForExport(deps, { scopePath: scope.scopePath, enterpriseId: scope.enterprise?.id }, PAGE, offset);
      for (const r of rows) {
        const c = r.contact;
        ws.addRow([
          safeText(r.enterpriseName),
          r.enterpriseCreditCode,
          safeText(c.name),
          safeText(c.title),
          safeText(c.phone),
          safeText(c.email),
          safeText(c.notes),
          r.regionName,
          c.regionCode,
          safeText(r.createdByName),
          c.createdAt.toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' }),
        ]).commit();
      }
      rowCount += rows.length;
      if (rows.length < PAGE) break;
    }
    ws.commit();
  });
  await recordContactExport(deps, caller, { regionCode: scope.regionCode, enterpriseId: scope.enterprise?.id ?? null, enterpriseName: scope.enterprise?.name ?? null }, rowCount);
  return { buffer, rowCount };
}
