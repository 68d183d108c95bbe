/** The import template: the sheets (企业, 项目, 到位资金, or those given) with their headers and one example row each. */
import { COLUMNS, IMPORT_KINDS, SHEET_NAMES, type ImportKind } from '../imports/columns';
import { writeWorkbook } from './workbook-buffer';

const EXAMPLES: Record<ImportKind, Record<string, string>> = {
  enterprise: {
    统一社会信用代码: '91320500MA1M111112',
    企业名称: '示例新能源科技有限公司',
    注册地区代码: '650109',
    行业代码: 'C38',
    '注册资本(万元)': '5000',
    成立日期: '2020-06-18',
    标签: '高新技术;专精特新',
    经营范围: '新能源技术开发；储能设备制造',
    曾用名: '示例储能技术有限公司',
    经营状态: '存续',
    股票代码: '',
    主要产品: '储能电池、光伏逆变器',
    网站: 'https://www.example.com.cn',
    所属集团: '',
    员工人数: '320',
    营收规模: '1亿—10亿元',
    数据来源: '企业自报',
    数据日期: '2024-06-30',
  },
  project: {
    项目编号: 'XM650109202400001',
    项目名称: '示例储能装备制造项目',
    地区代码: '650109',
    投资方: '示例新能源科技有限公司',
    投资方信用代码: '91320500MA1M111112',
    资金来源: '区外',
    行业代码: 'C38',
    阶段: '签约',
    '计划总投资(万元)': '120000',
    '签约额(万元)': '100000',
    签约日期: '2024-03-15',
    约定开工日期: '2024-06-30',
    开工日期: '',
    投产日期: '',
    包联领导: '',
  },
  funds: {
    项目编号: 'XM650109202400001',
    月份: '2024-04',
    '金额(万元)': '2500.5',
    备注: '首期到位',
  },
};

export async function buildImportTemplate(kinds: readonly ImportKind[] = IMPORT_KINDS): Promise<Buffer> {
  return writeWorkbook(async (wb) => {
    for (const kind of IMPORT_KINDS.filter((k) => kinds.includes(k))) {
      const ws = wb.addWorksheet(SHEET_NAMES[kind]);
      ws.columns = COLUMNS[kind].map((c) => ({ header: c.header, width: Math.max(12, c.header.length * 2 + 2) }));
      const header = ws.getRow(1);
      header.font = { bold: true };
      ws.addRow(COLUMNS[kind].map((c) => EXAMPLES[kind][c.header] ?? '')).commit();
      ws.commit();
    }
  });
}
