/**
 * The statistics API's answers (统计汇总, 分解, 赛马榜, 年度目标; definitions in DESIGN.md): response
 * schemas of the routes and the web's types. zod only.
 */
import { z } from 'zod';
import { monthSchema, reasonSchema, regionCodeSchema, yuanSchema } from './common';

const pct = z.number().nullable();
const fundsBlock = z.object({ projects: z.number(), fundsYuan: z.number(), yoyPct: pct });

export const fundsRowSchema = z.object({ projects: z.number(), fundsYuan: z.number(), lastYearFundsYuan: z.number(), yoyPct: pct });

export const signedBandSchema = z.object({ minYuan: z.number(), projects: z.number(), amountYuan: z.number(), sharePct: pct });
export type SignedBand = z.infer<typeof signedBandSchema>;

export const statsTargetSchema = z.object({ annualYuan: z.number(), completionPct: pct, schedulePct: pct, aheadPts: pct });

const signedCoreSchema = z.object({
  projects: z.number(),
  amountYuan: z.number(),
  bands: z.array(signedBandSchema),
  topInvestorProjects: z.number(),
  startRatePct: pct,
  fulfilmentRatePct: pct,
  // optional: monthly returns frozen before 资金到位率 existed (2026-12) carry neither
  fundsSinceSigningYuan: z.number().optional().describe('签约项目自签约当月至统计期末的到位资金（元）'),
  fundsArrivalRatePct: pct.optional().describe('资金到位率 = 签约项目自签约以来的到位资金 ÷ 其签约额（%）；签约额为 0 时为 null'),
});

/** One group of the signed projects' structure (签约项目结构). */
export const signedShareSchema = z.object({
  projects: z.number().describe('本组签约项目数'),
  amountYuan: z.number().describe('本组签约额（元）'),
  projectSharePct: pct.describe('占统计期全部签约项目数的比重（%）；无签约项目时为 null'),
  amountSharePct: pct.describe('占统计期签约总额的比重（%）；签约总额为 0 时为 null'),
});
export type SignedShare = z.infer<typeof signedShareSchema>;

/**
 * The summary as frozen in a monthly return (统计报表): the figures without the signed structure and
 * the exclusions, which returns do not carry.
 */
export const summaryCoreSchema = z.object({
  region: z.string(),
  from: z.string(),
  to: z.string(),
  executing: fundsRowSchema,
  newProjects: z.object({ projects: z.number(), fundsYuan: z.number() }),
  continuedProjects: z.object({ projects: z.number(), fundsYuan: z.number() }),
  bySource: z.object({ local: fundsBlock, outOfRegion: fundsBlock, foreign: fundsBlock }),
  unknownSource: z.object({ projects: z.number(), fundsYuan: z.number() }).describe('未填写资金来源的执行项目：计入合计，不计入任何来源'),
  domestic: fundsBlock,
  signed: signedCoreSchema,
  target: statsTargetSchema.nullable().describe('年度目标完成情况；未下达目标，或统计期跨年（无单一年度目标可比）时为 null'),
});

export const summarySchema = summaryCoreSchema.extend({
  excludeTags: z.array(z.string()).describe('已排除的项目标签：带有其中任一标签的项目不计入任何指标；未排除时为空数组'),
  signed: signedCoreSchema.extend({
    bySector: z
      .object({ primary: signedShareSchema, secondary: signedShareSchema, tertiary: signedShareSchema })
      .describe('签约项目按三次产业（由项目行业代码，按《三次产业划分规定》）；未填行业的项目不属任何产业，占比仍以全部签约项目为基数'),
    byChain: z.record(z.string(), signedShareSchema).describe('签约项目按产业链（项目所属链节点的产业链代码）；按签约额从高到低'),
    byInvestorTag: z
      .record(z.string(), signedShareSchema)
      .describe('签约项目按投资方企业的每个标签；一个项目可计入多个标签，按签约额从高到低'),
  }),
});
export type StatsSummary = z.infer<typeof summarySchema>;
/** The core figures (a monthly return's): StatsSummary without excludeTags and the signed structure. */
export type StatsSummaryCore = z.infer<typeof summaryCoreSchema>;

const breakdownRow = {
  projects: z.number(),
  fundsYuan: z.number(),
  lastYearFundsYuan: z.number(),
  yoyPct: pct,
  sharePct: pct.describe('占比'),
  contributionPct: pct.describe('贡献率：其增量 ÷ 本地区增量'),
  pullPts: pct.describe('拉动：其增量 ÷ 本地区上年同期到位资金（百分点）'),
};
const subRegionRowSchema = z.object({ code: z.string(), name: z.string(), ...breakdownRow });
const keyedRowSchema = z.object({ key: z.string(), name: z.string(), ...breakdownRow });
/** One row of a breakdown table: the share, contribution and pull are against the region's total. */
export type BreakdownRow = z.infer<z.ZodObject<typeof breakdownRow>>;
export type SubRegionRow = z.infer<typeof subRegionRowSchema>;
export type KeyedRow = z.infer<typeof keyedRowSchema>;

export const breakdownsSchema = z.object({
  region: z.string(),
  regionName: z.string(),
  from: z.string(),
  to: z.string(),
  excludeTags: z.array(z.string()).describe('已排除的项目标签；未排除时为空数组'),
  total: z.object({ fundsYuan: z.number(), lastYearFundsYuan: z.number() }),
  bySubRegion: z.array(subRegionRowSchema),
  bySector: z.array(keyedRowSchema),
  bySection: z.array(keyedRowSchema),
  byInvestorType: z.array(keyedRowSchema),
  monthly: z
    .object({ year: z.number(), thisYear: z.array(z.number()), lastYear: z.array(z.number()) })
    .describe('逐月序列：统计期最后一年（截止月份所在年）与其上一年'),
});
export type StatsBreakdowns = z.infer<typeof breakdownsSchema>;

export const RANKING_PERIODS = ['month', 'quarter', 'year'] as const;
export const rankingPeriodSchema = z.enum(RANKING_PERIODS);
export type RankingPeriod = z.infer<typeof rankingPeriodSchema>;

export const rankCellSchema = z.object({
  value: z.number().nullable(),
  rank: z.number().nullable(),
  previousRank: z.number().nullable(),
  change: z.number().nullable().describe('名次变化：正数为上升'),
});
export type RankCell = z.infer<typeof rankCellSchema>;

export const rankingItemSchema = z.object({
  code: z.string(),
  name: z.string(),
  metrics: z.object({ funds: rankCellSchema, yoy: rankCellSchema, completion: rankCellSchema, signedAmount: rankCellSchema, startRate: rankCellSchema }),
});
export type RankingItem = z.infer<typeof rankingItemSchema>;
export type RankingMetric = keyof RankingItem['metrics'];

export const unrankedSchema = z.object({ reason: z.enum(['single', 'noData', 'allZero']), message: z.string() });

export const rankingsSchema = z.object({
  region: z.string(),
  regionName: z.string(),
  period: rankingPeriodSchema,
  excludeTags: z.array(z.string()).describe('已排除的项目标签；未排除时为空数组'),
  current: z.object({ from: z.string(), to: z.string() }),
  previous: z.object({ from: z.string(), to: z.string() }),
  unranked: z
    .object({
      funds: unrankedSchema.nullable(),
      yoy: unrankedSchema.nullable(),
      completion: unrankedSchema.nullable(),
      signedAmount: unrankedSchema.nullable(),
      startRate: unrankedSchema.nullable(),
    })
    .describe('各指标本期不排名的原因：只有一个下级地区（single）、均无数据（noData）、均为 0（allZero）；排名时为 null'),
  items: z.array(rankingItemSchema),
});
export type Rankings = z.infer<typeof rankingsSchema>;

export const annualTargetSchema = z.object({
  regionCode: z.string(),
  regionName: z.string(),
  year: z.number(),
  fundsTargetYuan: z.number(),
  signedTargetYuan: z.number().nullable(),
});
export type AnnualTarget = z.infer<typeof annualTargetSchema>;

// ——— requests: the routes validate with these, the web sends their input types ———

const excludeTagsSchema = z
  .string()
  .max(2000)
  .optional()
  .describe('排除标签：带有其中任一项目标签的项目不计入任何指标，如“光伏,煤化工”（逗号、顿号或分号分隔；每个不超过 50 字，最多 20 个）');

/** GET /api/stats/summary and /api/stats/breakdowns: a region, a month range (may span years), tags to exclude. */
export const statsQuerySchema = z.object({
  region: regionCodeSchema,
  from: monthSchema.describe('起始月份 YYYY-MM；统计期可跨年'),
  to: monthSchema.describe('截止月份 YYYY-MM，不早于起始月份'),
  excludeTags: excludeTagsSchema,
});
export type StatsQuery = z.input<typeof statsQuerySchema>;

/** GET /api/stats/rankings. */
export const rankingsQuerySchema = z.object({ region: regionCodeSchema, period: rankingPeriodSchema, to: monthSchema, excludeTags: excludeTagsSchema });
export type RankingsQuery = z.input<typeof rankingsQuerySchema>;

/** PUT /api/targets/:regionCode/:year. */
export const annualTargetBodySchema = z.object({ fundsTargetYuan: yuanSchema.min(1), signedTargetYuan: yuanSchema.min(1).nullable().default(null), reason: reasonSchema });
export type AnnualTargetBody = z.input<typeof annualTargetBodySchema>;

/** GET /api/documents/:kind.:format. */
export const documentQuerySchema = z.object({
  region: regionCodeSchema,
  month: monthSchema,
  issuer: z.string().trim().min(2).max(60).optional().describe('制表机关；默认“<地区名称>招商引资工作领导小组办公室”'),
});
export type DocumentQuery = z.input<typeof documentQuerySchema>;
