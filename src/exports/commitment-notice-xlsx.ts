/** The 通报 list of overdue commitment clauses as xlsx: one sheet of clauses, one of departments, one of the clauses at risk (即将到期). */
import { CLAUSE_TYPE_NAMES, COMMITMENT_STATUS_NAMES } from '../domain/commitments/clause-kinds';
import { formatYuanAsWan } from '../domain/money';
import type { listOverdueNotice } from '../services/commitments/ledger';
import { safeText } from './safe-cell';
import { writeWorkbook } from './workbook-buffer';

type Notice = Awaited<ReturnType<typeof listOverdueNotice>>;

/** The clause's first columns, the same on the overdue and the at-risk sheet. */
const CLAUSE_COLUMNS = [
  { header: '项目编号', width: 14 },
  { header: '项目名称', width: 30 },
  { header: '地区', width: 12 },
  { header: '责任单位', width: 18 },
  { header: '责任人', width: 10 },
  { header: '类型', width: 14 },
  { header: '承诺内容', width: 36 },
];

const wan = (yuan: number | null) => (yuan === null ? '' : formatYuanAsWan(BigInt(yuan)));

export async function renderCommitmentNoticeXlsx(notice: Notice): Promise<Buffer> {
  return writeWorkbook(async (wb) => {
    const ws = wb.addWorksheet('逾期承诺');
    ws.columns = [
      ...CLAUSE_COLUMNS,
      { header: '承诺金额(万元)', width: 14 },
      { header: '未兑现(万元)', width: 14 },
      { header: '到期日期', width: 12 },
      { header: '宽限截止', width: 12 },
      { header: '逾期工作日', width: 10 },
      { header: '投诉件数', width: 10 },
    ];
    ws.getRow(1).font = { bold: true };
    for (const r of notice.items) {
      ws.addRow([r.projectCode, safeText(r.projectName), r.regionName, safeText(r.responsibleDepartment), safeText(r.responsibleName), CLAUSE_TYPE_NAMES[r.type], safeText(r.title), wan(r.amountYuan), wan(r.outstandingYuan), r.dueDate, r.deadline, r.daysOverdue, r.complaints]).commit();
    }
    ws.commit();
    const byDept = wb.addWorksheet('按责任单位');
    byDept.columns = [
      { header: '责任单位', width: 20 },
      { header: '逾期条款数', width: 12 },
      { header: '未兑现(万元)', width: 14 },
    ];
    byDept.getRow(1).font = { bold: true };
    for (const d of notice.byDepartment) byDept.addRow([safeText(d.department), d.clauses, wan(d.outstandingYuan)]).commit();
    byDept.addRow([`${notice.regionName} 截至 ${notice.asOf}`]).commit();
    byDept.commit();
    const atRisk = wb.addWorksheet('即将到期');
    atRisk.columns = [
      ...CLAUSE_COLUMNS,
      { header: '状态', width: 10 },
      { header: '承诺金额(万元)', width: 14 },
      { header: '未兑现(万元)', width: 14 },
      { header: '到期日期', width: 12 },
      { header: '宽限截止', width: 12 },
      { header: '剩余工作日', width: 10 },
      { header: '投诉件数', width: 10 },
    ];
    atRisk.getRow(1).font = { bold: true };
    for (const r of notice.atRisk) {
      atRisk
        .addRow([r.projectCode, safeText(r.projectName), r.regionName, safeText(r.responsibleDepartment), safeText(r.responsibleName), CLAUSE_TYPE_NAMES[r.type], safeText(r.title), COMMITMENT_STATUS_NAMES[r.status], wan(r.amountYuan), wan(r.outstandingYuan), r.dueDate, r.deadline, r.workingDaysLeft, r.complaints])
        .commit();
    }
    atRisk.addRow([`到期日在 ${notice.atRiskWorkingDays} 个工作日内或已在宽限期内、尚未兑现的条款；${notice.regionName} 截至 ${notice.asOf}`]).commit();
    atRisk.commit();
  });
}
