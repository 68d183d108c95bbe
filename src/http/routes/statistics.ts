import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../services/context';
import { getSummary, getTarget, setTarget } from '../../services/statistics';
import { getBreakdowns } from '../../services/statistics-breakdowns';
import { getRankings, RANKING_METRICS, type RankingMetric } from '../../services/statistics-rankings';
import { requireCaller } from '../access';
import { monthSchema, reasonSchema, regionCodeSchema, yuanSchema } from '../schemas';

const month = monthSchema;
const pct = z.number().nullable();
const fundsBlock = z.object({ projects: z.number(), fundsYuan: z.number(), yoyPct: pct });

export const summarySchema = z.object({
  region: z.string(),
  from: z.string(),
  to: z.string(),
  executing: z.object({ projects: z.number(), fundsYuan: z.number(), lastYearFundsYuan: z.number(), yoyPct: pct }),
  newProjects: z.object({ projects: z.number(), fundsYuan: z.number() }),
  continuedProjects: z.object({ projects: z.number(), fundsYuan: z.number() }),
  bySource: z.object({ local: fundsBlock, outOfRegion: fundsBlock, foreign: fundsBlock }),
  unknownSource: z.object({ projects: z.number(), fundsYuan: z.number() }).describe('未填写资金来源的执行项目：计入合计，不计入任何来源'),
  domestic: fundsBlock,
  signed: z.object({
    projects: z.number(),
    amountYuan: z.number(),
    bands: z.array(z.object({ minYuan: z.number(), projects: z.number(), amountYuan: z.number(), sharePct: pct })),
    topInvestorProjects: z.number(),
    startRatePct: pct,
    fulfilmentRatePct: pct,
  }),
  target: z.object({ annualYuan: z.number(), completionPct: pct, schedulePct: pct, aheadPts: pct }).nullable(),
});

const breakdownRow = {
  projects: z.number(),
  fundsYuan: z.number(),
  lastYearFundsYuan: z.number(),
  yoyPct: pct,
  sharePct: pct.describe('占比'),
  contributionPct: pct.describe('贡献率：其增量 ÷ 本地区增量'),
  pullPts: pct.describe('拉动：其增量 ÷ 本地区上年同期到位资金（百分点）'),
};

const breakdownsSchema = z.object({
  region: z.string(),
  regionName: z.string(),
  from: z.string(),
  to: z.string(),
  total: z.object({ fundsYuan: z.number(), lastYearFundsYuan: z.number() }),
  bySubRegion: z.array(z.object({ code: z.string(), name: z.string(), ...breakdownRow })),
  bySector: z.array(z.object({ key: z.string(), name: z.string(), ...breakdownRow })),
  bySection: z.array(z.object({ key: z.string(), name: z.string(), ...breakdownRow })),
  byInvestorType: z.array(z.object({ key: z.string(), name: z.string(), ...breakdownRow })),
  monthly: z.object({ year: z.number(), thisYear: z.array(z.number()), lastYear: z.array(z.number()) }),
});

const targetSchema = z.object({ regionCode: z.string(), regionName: z.string(), year: z.number(), fundsTargetYuan: z.number(), signedTargetYuan: z.number().nullable() });
const targetParams = z.object({ regionCode: regionCodeSchema, year: z.coerce.number().int().min(2000).max(2100) });

export async function statisticsRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/stats/summary',
    {
      config: { access: 'stats.read' },
      schema: {
        tags: ['statistics'],
        summary: '统计汇总：执行项目、新建/续建、来源、同比、签约、开工率、履约率、目标完成（口径见 DESIGN.md）',
        querystring: z.object({ region: regionCodeSchema, from: month, to: month }),
        response: { 200: summarySchema },
      },
    },
    async (request) => getSummary(deps, requireCaller(request), request.query),
  );
  r.get(
    '/api/stats/breakdowns',
    {
      config: { access: 'stats.read' },
      schema: {
        tags: ['statistics'],
        summary: '到位资金分解：按下级地区（占比、贡献率、拉动）、三次产业、行业门类、投资方类型，以及本年与上年逐月序列',
        querystring: z.object({ region: regionCodeSchema, from: month, to: month }),
        response: { 200: breakdownsSchema },
      },
    },
    async (request) => getBreakdowns(deps, requireCaller(request), request.query),
  );
  const unrankedSchema = z.object({ reason: z.enum(['single', 'noData', 'allZero']), message: z.string() }).nullable();
  const metric = z.object({ value: z.number().nullable(), rank: z.number().nullable(), previousRank: z.number().nullable(), change: z.number().nullable().describe('名次变化：正数为上升') });
  r.get(
    '/api/stats/rankings',
    {
      config: { access: 'stats.read' },
      schema: {
        tags: ['statistics'],
        summary: '赛马榜：下级地区按到位资金、同比增速、目标完成率、签约额、开工率排名，及与上一期相比的名次变化',
        querystring: z.object({ region: regionCodeSchema, period: z.enum(['month', 'quarter', 'year']), to: month }),
        response: {
          200: z.object({
            region: z.string(),
            regionName: z.string(),
            period: z.enum(['month', 'quarter', 'year']),
            current: z.object({ from: z.string(), to: z.string() }),
            previous: z.object({ from: z.string(), to: z.string() }),
            unranked: z
              .object(Object.fromEntries(RANKING_METRICS.map((m) => [m, unrankedSchema])) as Record<RankingMetric, typeof unrankedSchema>)
              .describe('各指标本期不排名的原因：只有一个下级地区（single）、均无数据（noData）、均为 0（allZero）；排名时为 null'),
            items: z.array(
              z.object({
                code: z.string(),
                name: z.string(),
                metrics: z.object({ funds: metric, yoy: metric, completion: metric, signedAmount: metric, startRate: metric }),
              }),
            ),
          }),
        },
      },
    },
    async (request) => getRankings(deps, requireCaller(request), request.query),
  );
  r.get(
    '/api/targets/:regionCode/:year',
    {
      config: { access: 'stats.read' },
      schema: { tags: ['statistics'], summary: '年度目标；尚未下达时为 null（不是错误）', params: targetParams, response: { 200: targetSchema.nullable() } },
    },
    async (request) => getTarget(deps, requireCaller(request), request.params.regionCode, request.params.year),
  );
  r.put(
    '/api/targets/:regionCode/:year',
    {
      config: { access: 'targets.manage' },
      schema: {
        tags: ['statistics'],
        summary: '下达年度目标（由上级设定下级的目标）',
        params: targetParams,
        body: z.object({ fundsTargetYuan: yuanSchema.min(1), signedTargetYuan: yuanSchema.min(1).nullable().default(null), reason: reasonSchema }),
        response: { 200: targetSchema },
      },
    },
    async (request) => setTarget(deps, requireCaller(request), { ...request.params, ...request.body }),
  );
}
