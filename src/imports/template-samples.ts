/**
 * The sample rows of the import template. They sit on the template's 说明 sheet, never on a data
 * sheet; a data row carrying a sample's key (the sample enterprise's credit code, the sample
 * project's code) is refused with a message saying so, so an unchanged or copied sample is never
 * imported as real data.
 */
import type { ImportKind } from './columns';
import { msg, renderMessage } from '../domain/messages/catalog';
import { withText } from './problem-text';

export const TEMPLATE_SAMPLES: Record<ImportKind, Record<string, string>> = {
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
    标签: '新能源;储能',
    产业链节点: '',
    招商方式: '以商',
    重点项目: '是',
  },
  funds: {
    项目编号: 'XM650109202400001',
    月份: '2024-04',
    '金额(万元)': '2500.5',
    备注: '首期到位',
  },
};


/** The cells that identify a sample row (a real row may share one of them, never all). */
const SAMPLE_KEYS: Record<ImportKind, string[]> = {
  enterprise: ['统一社会信用代码', '企业名称'],
  project: ['项目编号', '项目名称'],
  funds: ['项目编号', '月份', '金额(万元)'],
};

/** The reason a row is refused when it is the template's sample; null when it is not. */
export function describeSampleRow(kind: ImportKind, cells: Record<string, string>): { column: string; value: string; reason: string } | null {
  const keys = SAMPLE_KEYS[kind];
  const same = keys.every((k) => (cells[k] ?? '').trim().toUpperCase() === (TEMPLATE_SAMPLES[kind][k] ?? '').toUpperCase());
  if (!same) return null;
  const column = keys[0] as string;
  const value = (cells[column] ?? '').trim();
  const text = msg('import.sampleRow', { sheet: '说明', column, value });
  return withText({ column, value, reason: renderMessage(text, 'zh') }, text);
}
