/**
 * A small activity ledger of 乌鲁木齐市 (650100) with hand-computed figures (docs/activities.md walks
 * through the same numbers). Counties: 米东区 650109, 天山区 650102; 昌吉州 652300 is outside.
 */
import { testCreditCode } from '../enterprises/fixtures';

export const LONGI = testCreditCode(424_242, '610000');

const csv = (lines: string[]) => Buffer.from(lines.join('\n'), 'utf8');

/** P1 signed 5000万 (planned 8000万), P2 signed 2000万 (3000万), P3 在谈 1000万, P4 and P5 线索. */
export const PROJECTS_CSV = csv([
  '项目编号,项目名称,地区代码,投资方,资金来源,阶段,计划总投资(万元),签约额(万元),签约日期',
  'HDP1,光伏组件项目,650109,隆基绿能,区外,签约,8000,5000,2025-09-01',
  'HDP2,储能电站项目,650109,某储能公司,区外,签约,3000,2000,2025-09-01',
  'HDP3,硅材料项目,650109,某硅业公司,区外,在谈,1000,,',
  'HDP4,农产品加工项目,650109,某食品公司,区内,线索,500,,',
  'HDP5,物流园项目,650102,某物流公司,区内,线索,600,,',
]);

export const ACTIVITY_HEADER = '活动编号,活动类型,活动名称,开始日期,结束日期,地区代码,主办或参加,带队领导,领导级别,参加人次,目的地,驻点小分队,备注';

export const ACTIVITIES_CSV = csv([
  ACTIVITY_HEADER,
  'A1,外出招商,赴上海招商,2025-03-01,2025-03-05,650109,,张书记,党政主要领导,5,上海,,',
  'A2,外出招商,赴北京招商,2025-04-10,2025-04-12,650102,,李主任,四大班子领导,3,北京,,',
  'A3,外出招商,赴杭州招商,2025-05-01,2025-05-02,650109,,王局长,其他领导干部,4,杭州,杭州小分队,',
  'A4,外出招商,赴西安对接,2025-06-01,2025-06-01,650109,,,无,2,西安,,',
  'A5,上门拜访,拜访隆基,2025-03-10,2025-03-10,650109,,,,,,,',
  'A6,接待来访,接待考察团,2025-07-01,2025-07-01,650102,,,,,,,',
  'A7,推介会,乌鲁木齐推介会,2025-08-01,2025-08-01,650100,主办,,,,,,',
  'A8,签约仪式,集中签约仪式,2025-09-01,2025-09-01,650100,主办,,,,,,32个项目',
  'A9,展会,进博会,2025-10-01,2025-10-03,650109,参加,,,,上海,杭州小分队,',
  'A10,外出招商,赴深圳招商,2024-12-20,2024-12-22,650109,,张书记,党政主要领导,6,深圳,,',
  'A11,网络招商,云推介,2025-11-01,2025-11-01,650109,,,,,,北京小分队,',
  'A12,外出招商,昌吉赴沪,2025-02-01,2025-02-03,652300,,赵书记,党政主要领导,10,上海,,',
]);

export const ORGANISATIONS_CSV = csv([
  '活动编号,单位名称,统一社会信用代码,单位类型',
  `A1,隆基绿能科技股份有限公司,${LONGI},企业`,
  'A1,上海新疆商会,,商会',
  `A2,隆基绿能（北京）,${LONGI},企业`,
  'A2,北京大学,,高校院所',
  `A5,隆基绿能科技股份有限公司,${LONGI},企业`,
  'A5,某企业B,,企业',
  'A6,企业C,,企业',
  'A6,企业D,,企业',
  'A10,企业E,,企业',
]);

export const LINKS_CSV = csv([
  '活动编号,项目编号,成果',
  'A1,HDP1,对接洽谈',
  'A1,HDP3,对接洽谈',
  'A2,HDP1,意向',
  'A8,HDP1,签约',
  'A8,HDP2,签约',
  'A9,HDP2,对接洽谈',
  'A10,HDP4,对接洽谈',
  'A12,HDP3,对接洽谈',
]);

/** 乌鲁木齐市 over 2025-01..2026-12, no filter: every figure by hand (see the comments). */
export const EXPECTED_URUMQI = {
  region: '650100',
  from: '2025-01',
  to: '2026-12',
  // A1–A4 (A10 starts before the period, A12 is in 昌吉州); 5+3+4+2 人次; A1 principal and A2 leadership; A1–A3 led
  // organisations met on trips: 隆基 (A1 and A2 by one credit code, once), 上海新疆商会, 北京大学
  trips: { count: 4, personTrips: 14, ledByLeadership: 2, ledByPrincipal: 1, ledByAnyLeader: 3, organisations: 3 },
  visits: { count: 1, organisations: 2 },
  receptions: { count: 1, organisations: 2 },
  // A7 and A8 organised, A9 attended; A11 (网络招商) is no event
  events: { organised: 2, attended: 1 },
  // 杭州小分队 (A3, A9), 北京小分队 (A11)
  residentTeams: { active: 2 },
  // HDP1 named by A1, A2 and A8 counts once; HDP3 (A1), HDP2 (A8, A9); HDP4 only through A10 (outside the period)
  projects: { talks: 3, signed: 2, signedAmountYuan: 70_000_000, plannedInvestmentYuan: 110_000_000 },
  // HDP4 and HDP5 are 线索 (the period reaches today)
  reserve: { projects: 2, published: 0 },
  // opened: 3 items on 3 projects; closed: 2, one of them by its due day
  serviceItems: { opened: 3, projects: 3, closed: 2, closedOnTime: 1 },
};
