/**
 * The import template: one sheet per kind (企业, 项目, 到位资金, or those given) holding only its
 * header row, and a 说明 sheet with how to fill them and a sample row of each kind. The samples
 * stay off the data sheets, so a template uploaded unchanged imports nothing (and a sample row
 * copied onto a data sheet is refused: imports/template-samples.ts).
 */
import { COLUMNS, IMPORT_KINDS, SHEET_NAMES, type ImportKind } from '../imports/columns';
import { TEMPLATE_SAMPLES } from '../imports/template-samples';
import { writeWorkbook } from './workbook-buffer';

const GUIDE_SHEET = '说明';

const GUIDE_LINES = [
  '填写说明',
  '1. 每个工作表的第 1 行是表头，请从第 2 行起填写数据；列的顺序可以调整，多余的列会被忽略。',
  '2. 金额以万元为单位，最多 4 位小数；日期写作 YYYY-MM-DD，月份写作 YYYY-MM。',
  '3. 整个文件要么全部导入，要么一行也不导入：有错误时会列出每个问题（行、列、值、原因）。',
  '4. 缺少而非矛盾的资料（如早年续建项目没有签约日期）照常导入，项目标记为“资料不全”，列入“待完善”清单；日期晚于今天、开工早于签约、金额为负等矛盾是错误。',
  '5. 项目的可选列：标签（用 ; 或 、 分隔）、产业链节点（节点编码，须是本地区或上级地区定义的产业链当前版本中的节点，见“产业链”页面）、招商方式（以链/以商/以会/驻点/委托/云招商/直接）、重点项目（是/否）。',
  '6. 下面的示例行只作参考，不会被导入；把示例行复制到数据工作表中导入时会被拒绝。',
];

export async function buildImportTemplate(kinds: readonly ImportKind[] = IMPORT_KINDS): Promise<Buffer> {
  const chosen = IMPORT_KINDS.filter((k) => kinds.includes(k));
  return writeWorkbook(async (wb) => {
    for (const kind of chosen) {
      const ws = wb.addWorksheet(SHEET_NAMES[kind]);
      ws.columns = COLUMNS[kind].map((c) => ({ header: c.header, width: Math.max(12, c.header.length * 2 + 2) }));
      ws.getRow(1).font = { bold: true };
      ws.commit();
    }
    const guide = wb.addWorksheet(GUIDE_SHEET);
    guide.getColumn(1).width = 24;
    for (const line of GUIDE_LINES) guide.addRow([line]).commit();
    for (const kind of chosen) {
      guide.addRow([]).commit();
      const title = guide.addRow([`示例：${SHEET_NAMES[kind]}（不会被导入）`]);
      title.font = { bold: true };
      title.commit();
      const header = guide.addRow(COLUMNS[kind].map((c) => c.header));
      header.font = { bold: true };
      header.commit();
      guide.addRow(COLUMNS[kind].map((c) => TEMPLATE_SAMPLES[kind][c.header] ?? '')).commit();
    }
    guide.commit();
  });
}
