import { describe, expect, it } from 'vitest';
import {
  parseDate,
  parseIndustryCode,
  parseMonth,
  parseTags,
  resolveIndustryCode,
  validateEnterpriseRow,
  validateFundsRow,
  validateProjectRow,
} from '../../src/imports/row-validate';
import { INDUSTRIES } from '../../src/reference/industry-classification';
import { CREDIT_A, CREDIT_B } from './fixtures';

describe('field parsers', () => {
  it('dates: YYYY-MM-DD and YYYY/M/D, real calendar days only', () => {
    expect(parseDate('2024-03-05')).toEqual({ ok: true, value: '2024-03-05' });
    expect(parseDate('2024/3/5')).toEqual({ ok: true, value: '2024-03-05' });
    expect(parseDate('2024-2-29')).toEqual({ ok: true, value: '2024-02-29' });
    expect(parseDate('2023-02-29')).toEqual({ ok: false, reason: '日期“2023-02-29”不存在' });
    expect(parseDate('2024-03/05')).toEqual({ ok: false, reason: '日期“2024-03/05”格式不对，应为 YYYY-MM-DD（如 2024-03-05）或 YYYY/M/D' });
    expect(parseDate('05.03.2024').ok).toBe(false);
  });

  it('months: YYYY-MM, YYYY/M, and the first-of-month date Excel makes of "2024-03"', () => {
    expect(parseMonth('2024-03')).toEqual({ ok: true, value: '2024-03' });
    expect(parseMonth('2024/3')).toEqual({ ok: true, value: '2024-03' });
    expect(parseMonth('2024-03-01')).toEqual({ ok: true, value: '2024-03' });
    expect(parseMonth('2024-03-15')).toEqual({ ok: false, reason: '月份“2024-03-15”格式不对，应为 YYYY-MM（如 2024-03）' });
    expect(parseMonth('2024-13')).toEqual({ ok: false, reason: '月份“2024-13”不存在（月应为 01–12）' });
  });

  it('industry code shape and tags', () => {
    expect(parseIndustryCode('c3911')).toEqual({ ok: true, value: 'C3911' });
    expect(parseIndustryCode('3911')).toEqual({ ok: true, value: '3911' });
    expect(parseIndustryCode('C')).toEqual({ ok: true, value: 'C' });
    expect(parseIndustryCode('Z12').ok).toBe(false);
    expect(parseIndustryCode('C39111').ok).toBe(false);
    expect(parseIndustryCode(' 汽车整车制造 ')).toEqual({ ok: true, value: '汽车整车制造' });
  });

  it('resolves an industry code or exact name to the stored code at its own level', () => {
    const installed = new Map(INDUSTRIES.map((i) => [i.code, i.parentCode]));
    expect(resolveIndustryCode('C3612', installed)).toEqual({ code: '3612' });
    expect(resolveIndustryCode('C38', installed)).toEqual({ code: '38' });
    expect(resolveIndustryCode('361', installed)).toEqual({ code: '361' });
    expect(resolveIndustryCode('汽车整车制造', installed)).toEqual({ code: '361' });
    expect(resolveIndustryCode('3618', installed)).toEqual({ reason: '行业“3618”不在 GB/T 4754-2017 中' });
    expect(resolveIndustryCode('汽车', installed)).toEqual({ reason: '行业“汽车”不在 GB/T 4754-2017 中' });
    expect(resolveIndustryCode('B3612', installed)).toEqual({ reason: '行业代码“B3612”的门类字母与 3612（属门类 C）不符' });
    // a code the installation's table lacks is refused even when the standard has it
    expect(resolveIndustryCode('3612', new Map([['C', null], ['36', 'C']]))).toEqual({ reason: '行业“3612”不在 GB/T 4754-2017 中' });
    expect(parseTags(' 专精特新; 高新技术、 上市；专精特新;; ')).toEqual(['专精特新', '高新技术', '上市']);
  });
});

describe('validateEnterpriseRow', () => {
  it('accepts a good row with amounts in integer yuan', () => {
    const r = validateEnterpriseRow(2, {
      统一社会信用代码: CREDIT_A.toLowerCase(),
      企业名称: '苏州引凤科技有限公司',
      注册地区代码: '320505',
      行业代码: 'C3911',
      '注册资本(万元)': '1,234.5678',
      成立日期: '2019/7/1',
      标签: '专精特新、高新技术',
      经营范围: '软件开发',
    });
    expect(r).toEqual({
      ok: true,
      value: {
        creditCode: CREDIT_A,
        name: '苏州引凤科技有限公司',
        regionCode: '320505',
        industryCode: 'C3911',
        registeredCapitalYuan: 12_345_678n,
        establishedOn: '2019-07-01',
        tags: ['专精特新', '高新技术'],
        businessScope: '软件开发',
        formerNames: [],
        status: null,
        ticker: null,
        mainProducts: null,
        website: null,
        parentGroup: null,
        employees: null,
        revenueBand: null,
        source: null,
        sourceDate: null,
      },
    });
  });

  it('optional columns may be empty or absent', () => {
    expect(validateEnterpriseRow(3, { 统一社会信用代码: CREDIT_B, 企业名称: '甲', 注册地区代码: '110108001' })).toEqual({
      ok: true,
      value: {
        creditCode: CREDIT_B, name: '甲', regionCode: '110108001', industryCode: null, registeredCapitalYuan: null,
        establishedOn: null, tags: [], businessScope: null, formerNames: [], status: null, ticker: null, mainProducts: null,
        website: null, parentGroup: null, employees: null, revenueBand: null, source: null, sourceDate: null,
      },
    });
  });

  it('reports every bad value with row, column, value and reason', () => {
    const r = validateEnterpriseRow(7, {
      统一社会信用代码: '91320500MA1M111113',
      企业名称: '',
      注册地区代码: '32050',
      行业代码: 'C-39',
      '注册资本(万元)': '12.34567',
      成立日期: '2019-02-30',
    });
    expect(r).toEqual({
      ok: false,
      problems: [
        { row: 7, column: '统一社会信用代码', value: '91320500MA1M111113', reason: '统一社会信用代码“91320500MA1M111113”第 18 位（总校验码）应为 2，实际为 3' },
        { row: 7, column: '企业名称', value: '', reason: '“企业名称”不能为空' },
        { row: 7, column: '注册地区代码', value: '32050', reason: '地区代码“32050”应为 6 位或 9 位数字（行政区划代码）' },
        { row: 7, column: '行业代码', value: 'C-39', reason: '行业代码“C-39”格式不对，应为门类字母加 2–4 位数字（如 C3911）、2–4 位数字或行业名称（GB/T 4754-2017）' },
        { row: 7, column: '注册资本(万元)', value: '12.34567', reason: '金额“12.34567”最多 4 位小数（万元精确到 1 元）' },
        { row: 7, column: '成立日期', value: '2019-02-30', reason: '日期“2019-02-30”不存在' },
      ],
    });
  });

  it('reads the enterprise database columns: former names, status, ticker, website, head count, revenue band, source and date', () => {
    const r = validateEnterpriseRow(4, {
      统一社会信用代码: CREDIT_A,
      企业名称: '苏州引凤科技股份有限公司',
      注册地区代码: '320505',
      曾用名: '苏州引凤科技有限公司；引凤软件有限公司、苏州引凤科技有限公司',
      经营状态: '存续（在营、开业、在册）',
      股票代码: '688001.sh',
      主要产品: '工业软件',
      网站: 'https://www.yinfeng.com.cn/about',
      所属集团: '引凤集团',
      员工人数: '1,200',
      营收规模: '1亿-10亿元',
      数据来源: '企业年报',
      数据日期: '2024/12/31',
    });
    expect(r.ok && r.value).toMatchObject({
      formerNames: ['苏州引凤科技有限公司', '引凤软件有限公司'],
      status: 'existing',
      ticker: '688001.SH',
      mainProducts: '工业软件',
      website: 'https://www.yinfeng.com.cn/about',
      parentGroup: '引凤集团',
      employees: 1200,
      revenueBand: '100m-1b',
      source: '企业年报',
      sourceDate: '2024-12-31',
    });
  });

  it('names the column, value and the allowed values of each bad extended cell', () => {
    const r = validateEnterpriseRow(9, {
      统一社会信用代码: '91320500MA1M11111Y',
      企业名称: '乙',
      注册地区代码: '320505',
      经营状态: '营业中',
      股票代码: '600 519',
      网站: 'not a site',
      员工人数: '-3',
      营收规模: '很多',
      数据日期: '2024-13-01',
    });
    expect(r).toEqual({
      ok: false,
      problems: [
        { row: 9, column: '统一社会信用代码', value: '91320500MA1M11111Y', reason: '统一社会信用代码“91320500MA1M11111Y”第 18 位（总校验码）应为 2，实际为 Y' },
        { row: 9, column: '经营状态', value: '营业中', reason: '经营状态“营业中”无效，应为 存续、在业、吊销、注销、迁出、停业、清算 之一' },
        { row: 9, column: '股票代码', value: '600 519', reason: '股票代码“600 519”格式不对，应为代码加交易所后缀，如 600519.SH、000001.SZ、00700.HK' },
        { row: 9, column: '网站', value: 'not a site', reason: '网站“not a site”不是有效的网址，应如 https://www.example.com.cn' },
        { row: 9, column: '员工人数', value: '-3', reason: '员工人数“-3”应为不小于 0 的整数' },
        { row: 9, column: '营收规模', value: '很多', reason: '营收规模“很多”无效，应为 1000万元以下、1000万—1亿元、1亿—10亿元、10亿—100亿元、100亿元以上 之一' },
        { row: 9, column: '数据日期', value: '2024-13-01', reason: '日期“2024-13-01”不存在' },
      ],
    });
    // the organisation-code check (17th character) is named as such
    const org = validateEnterpriseRow(10, { 统一社会信用代码: '91320500MA1M111102', 企业名称: '丙', 注册地区代码: '320505' });
    const reason = org.ok ? '' : (org.problems[0]?.reason ?? '');
    expect(reason).toContain('第 17 位（组织机构代码');
    expect(reason).toContain('应为 1，实际为 0');
  });
});

const PROJECT = {
  项目编号: 'P-2024-001',
  项目名称: '锂电池生产基地',
  地区代码: '320505',
  投资方: '某某新能源股份有限公司',
  投资方信用代码: CREDIT_B,
  资金来源: '区外',
  行业代码: 'C3841',
  阶段: '开工',
  '计划总投资(万元)': '250000',
  '签约额(万元)': '200000.0001',
  签约日期: '2024-01-15',
  约定开工日期: '2024/4/1',
  开工日期: '2024-03-20',
  投产日期: '',
  包联领导: '张三',
};

describe('validateProjectRow', () => {
  it('maps stage and source names and converts amounts', () => {
    expect(validateProjectRow(2, PROJECT)).toEqual({
      ok: true,
      value: {
        code: 'P-2024-001', name: '锂电池生产基地', regionCode: '320505', investorName: '某某新能源股份有限公司',
        investorCreditCode: CREDIT_B, source: 'outOfRegion', industryCode: 'C3841', stage: 'started',
        plannedInvestmentYuan: 2_500_000_000n, signedAmountYuan: 2_000_000_001n, signedOn: '2024-01-15',
        agreedStartOn: '2024-04-01', startedOn: '2024-03-20', operatingOn: null, leader: '张三',
        tags: [], chainNode: null, channel: null, isKey: null,
      },
    });
    const stages = ['线索', '在谈', '签约', '开工', '投产', '终止'].map((s) => {
      const r = validateProjectRow(2, { ...PROJECT, 阶段: s, 投产日期: '2024-12-01' });
      return r.ok ? r.value.stage : r.problems;
    });
    expect(stages).toEqual(['lead', 'negotiating', 'signed', 'started', 'operating', 'terminated']);
    const sources = ['区内', '区外', '境外'].map((s) => {
      const r = validateProjectRow(2, { ...PROJECT, 资金来源: s });
      return r.ok ? r.value.source : r.problems;
    });
    expect(sources).toEqual(['local', 'outOfRegion', 'foreign']);
  });

  it('rejects unknown stage and source, negative amounts, bad investor code', () => {
    const r = validateProjectRow(9, { ...PROJECT, 阶段: '已签约', 资金来源: '省外', '签约额(万元)': '-5', 投资方信用代码: '123' });
    expect(r).toEqual({
      ok: false,
      problems: [
        { row: 9, column: '投资方信用代码', value: '123', reason: '统一社会信用代码“123”应为 18 位，实际 3 位' },
        { row: 9, column: '资金来源', value: '省外', reason: '资金来源“省外”无效，应为 区内、区外 或 境外' },
        { row: 9, column: '阶段', value: '已签约', reason: '阶段“已签约”无效，应为 线索、在谈、签约、开工、投产 或 终止' },
        { row: 9, column: '签约额(万元)', value: '-5', reason: '金额“-5”不能为负数' },
      ],
    });
  });

  it('imports a row that leaves a date unknown (a gap, flagged later), but refuses dates that contradict each other or the calendar', () => {
    // an old 续建 project in 投产 without signing or operating date: a gap, not an error
    const gap = validateProjectRow(4, { ...PROJECT, 阶段: '投产', 签约日期: '', 开工日期: '2024-03-20' }, '2026-12-06');
    expect(gap.ok && { stage: gap.value.stage, signedOn: gap.value.signedOn, operatingOn: gap.value.operatingOn }).toEqual({ stage: 'operating', signedOn: null, operatingOn: null });
    expect(validateProjectRow(5, { ...PROJECT, 开工日期: '2023-12-31' }, '2026-12-06')).toEqual({
      ok: false,
      problems: [{ row: 5, column: '开工日期', value: '2023-12-31', reason: '开工日期不能早于签约日期（开工日期 2023-12-31，签约日期 2024-01-15）' }],
    });
    // the form's rules: no signing date in the future, whatever the stage (the import's dry run used to pass it)
    expect(validateProjectRow(6, { ...PROJECT, 阶段: '在谈', 签约日期: '2026-12-07', 开工日期: '' }, '2026-12-06')).toEqual({
      ok: false,
      problems: [{ row: 6, column: '签约日期', value: '2026-12-07', reason: '签约日期不能晚于今天（签约日期 2026-12-07，今天是 2026-12-06）' }],
    });
    const late = validateProjectRow(7, { ...PROJECT, 阶段: '投产', 投产日期: '2024-03-01' }, '2026-12-06');
    expect(late.ok || late.problems.map((p) => p.reason)).toEqual(['投产日期不能早于开工日期（投产日期 2024-03-01，开工日期 2024-03-20）']);
  });

  it('reads the optional columns 标签, 产业链节点, 招商方式 and 重点项目', () => {
    const r = validateProjectRow(2, { ...PROJECT, 标签: '新能源；储能、新能源', 产业链节点: 'GF-01', 招商方式: '以商招商', 重点项目: '是' });
    expect(r.ok && { tags: r.value.tags, chainNode: r.value.chainNode, channel: r.value.channel, isKey: r.value.isKey }).toEqual({
      tags: ['新能源', '储能'], chainNode: 'GF-01', channel: 'partner', isKey: true,
    });
    const channels = ['以链', '以商', '以会', '驻点', '委托', '云招商', '直接'].map((c) => {
      const v = validateProjectRow(2, { ...PROJECT, 招商方式: c });
      return v.ok ? v.value.channel : v.problems;
    });
    expect(channels).toEqual(['chain', 'partner', 'event', 'residentTeam', 'commissioned', 'online', 'direct']);
    expect(validateProjectRow(3, { ...PROJECT, 招商方式: '打电话', 重点项目: '也许' })).toEqual({
      ok: false,
      problems: [
        { row: 3, column: '招商方式', value: '打电话', reason: '招商方式“打电话”无效，应为 以链、以商、以会、驻点、委托、云招商、直接 之一' },
        { row: 3, column: '重点项目', value: '也许', reason: '“也许”应为 是 或 否' },
      ],
    });
  });
});

describe('validateFundsRow', () => {
  it('accepts a row and converts 万元 to integer yuan', () => {
    expect(validateFundsRow(2, { 项目编号: 'P1', 月份: '2024/3', '金额(万元)': '0.0001', 备注: '' })).toEqual({
      ok: true,
      value: { projectCode: 'P1', month: '2024-03', amountYuan: 1n, note: null },
    });
  });

  it('reports empty required cells and bad amounts', () => {
    expect(validateFundsRow(12, { 项目编号: ' ', 月份: '', '金额(万元)': '十万' })).toEqual({
      ok: false,
      problems: [
        { row: 12, column: '项目编号', value: '', reason: '“项目编号”不能为空' },
        { row: 12, column: '月份', value: '', reason: '“月份”不能为空' },
        { row: 12, column: '金额(万元)', value: '十万', reason: '金额“十万”不是数字（单位：万元）' },
      ],
    });
  });
});
