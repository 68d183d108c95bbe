/**
 * The project list as xlsx: the columns of the 项目 import sheet (so an export can be edited and
 * imported again), plus 红绿灯, 到位资金合计(万元) and 资料不全 (the missing facts; ignored on import). Same filters and scope as GET /api/projects,
 * read in pages of 500. Text cells are made inert against formula injection.
 */
import { formatYuanAsWan } from '../domain/money';
import { CHANNEL_LABELS } from '../domain/project-channels';
import { STAGE_LABELS } from '../domain/project-stages';
import { COLUMNS } from '../imports/columns';
import type { Caller, Deps } from '../services/context';
import { listProjects, type ProjectDto, type ProjectListQuery } from '../services/projects/projects';
import { safeText } from './safe-cell';
import { writeWorkbook } from './workbook-buffer';

export const PROJECT_EXPORT_HEADERS = [...COLUMNS.project.map((c) => c.header), '红绿灯', '到位资金合计(万元)', '资料不全'];

const SOURCE_LABELS = { local: '区内', outOfRegion: '区外', foreign: '境外' } as const;
const LIGHT_LABELS = { green: '绿', yellow: '黄', red: '红' } as const;
const PAGE = 500;

function wan(yuan: number | null): number | null {
  return yuan === null ? null : Number(formatYuanAsWan(yuan));
}

export function projectExportRow(p: ProjectDto): (string | number | null)[] {
  return [
    safeText(p.code),
    safeText(p.name),
    p.regionCode,
    safeText(p.investorName),
    safeText(p.investorCreditCode),
    p.source ? SOURCE_LABELS[p.source] : null,
    p.industryCode,
    STAGE_LABELS[p.stage],
    wan(p.plannedInvestmentYuan),
    wan(p.signedAmountYuan),
    p.signedDate,
    p.agreedStartDate,
    p.startedDate,
    p.operatingDate,
    safeText(p.leaderName),
    p.tags.length > 0 ? safeText(p.tags.join('、')) : null,
    p.chainNode,
    p.channel ? CHANNEL_LABELS[p.channel] : null,
    p.isKey ? '是' : '否',
    LIGHT_LABELS[p.light],
    wan(p.fundsTotalYuan),
    p.missingFields.length > 0 ? `缺${p.missingFields.map((f) => f.label).join('、')}` : null,
  ];
}

export type ProjectExportQuery = Omit<ProjectListQuery, 'page' | 'pageSize'>;

export async function exportProjectsXlsx(deps: Deps, caller: Caller, query: ProjectExportQuery): Promise<Buffer> {
  return writeWorkbook(async (wb) => {
    const ws = wb.addWorksheet('项目');
    ws.columns = PROJECT_EXPORT_HEADERS.map((h) => ({ header: h, width: Math.max(10, h.length * 2 + 2) }));
    ws.getRow(1).font = { bold: true };
    for (let page = 1; ; page++) {
      const { items } = await listProjects(deps, caller, { ...query, sort: query.sort ?? 'code', page, pageSize: PAGE });
      for (const p of items) ws.addRow(projectExportRow(p)).commit();
      if (items.length < PAGE) break;
    }
    ws.commit();
  });
}
