/**
 * An enterprise list as xlsx: a title row with the list's name, a row with the export date, owner
 * and count, then one row per member with the enterprise's registry fields (never contacts). Text
 * cells are made inert against formula injection; amounts in 万元 as the import files speak.
 */
import { selectListMembers } from '../db/queries/enterprises/enterprise-lists';
import { todayInShanghai, toShanghaiDate } from '../domain/dates';
import { ENTERPRISE_STATUS_LABELS, type EnterpriseStatus } from '../domain/enterprise-status';
import { formatYuanAsWan } from '../domain/money';
import { recordAudit } from '../services/audit/audit';
import type { Caller, Deps } from '../services/context';
import { requireVisibleList, toMemberDto } from '../services/enterprises/enterprise-lists';
import { safeText } from './safe-cell';
import { writeWorkbook } from './workbook-buffer';

export const ENTERPRISE_LIST_EXPORT_HEADERS = [
  '统一社会信用代码',
  '企业名称',
  '曾用名',
  '注册地区代码',
  '注册地区',
  '行业代码',
  '行业',
  '注册资本(万元)',
  '成立日期',
  '经营状态',
  '标签',
  '股票代码',
  '主要产品',
  '网站',
  '所属集团',
  '备注',
  '加入日期',
] as const;

const PAGE = 1000;

function statusLabel(status: string | null): string | null {
  return status && status in ENTERPRISE_STATUS_LABELS ? ENTERPRISE_STATUS_LABELS[status as EnterpriseStatus] : status;
}

export function enterpriseListExportRow(m: ReturnType<typeof toMemberDto>): (string | number | null)[] {
  return [
    safeText(m.creditCode),
    safeText(m.name),
    safeText(m.formerNames.join('、') || null),
    m.regionCode,
    safeText(m.regionName),
    m.industryCode,
    safeText(m.industryName),
    m.registeredCapitalYuan === null ? null : Number(formatYuanAsWan(m.registeredCapitalYuan)),
    m.establishedOn,
    statusLabel(m.status),
    safeText(m.tags.join('、') || null),
    safeText(m.ticker),
    safeText(m.mainProducts),
    safeText(m.website),
    safeText(m.parentGroup),
    safeText(m.note),
    toShanghaiDate(new Date(m.addedAt)),
  ];
}

export async function exportEnterpriseListXlsx(deps: Deps, caller: Caller, id: string): Promise<{ fileName: string; buffer: Buffer }> {
  const list = await requireVisibleList(deps, caller, id);
  const today = todayInShanghai();
  const buffer = await writeWorkbook(async (wb) => {
    const ws = wb.addWorksheet('名单');
    ws.columns = ENTERPRISE_LIST_EXPORT_HEADERS.map((h) => ({ width: Math.max(10, h.length * 2 + 2) }));
    const title = ws.addRow([safeText(list.name)]);
    title.font = { bold: true, size: 14 };
    title.commit();
    ws.addRow([`导出日期：${today}，创建人：${list.ownerName}（${list.regionName}），共 ${list.memberCount} 家企业`]).commit();
    if (list.description) ws.addRow([safeText(list.description)]).commit();
    const header = ws.addRow([...ENTERPRISE_LIST_EXPORT_HEADERS]);
    header.font = { bold: true };
    header.commit();
    for (let offset = 0; ; offset += PAGE) {
      const rows = await selectListMembers(deps.db, id, PAGE, offset);
      for (const m of rows) ws.addRow(enterpriseListExportRow(toMemberDto(m))).commit();
      if (rows.length < PAGE) break;
    }
    ws.commit();
  });
  await recordAudit(deps.db, caller, {
    action: 'enterprise_list.export',
    objectType: 'enterprise_list',
    objectId: id,
    regionCode: list.regionCode,
    after: { memberCount: list.memberCount, format: 'xlsx' },
  });
  return { fileName: `${list.name}-${today}.xlsx`, buffer };
}
