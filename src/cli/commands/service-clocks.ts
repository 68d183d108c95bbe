/** yinfeng stats service: service clocks of 帮办代办, inquiries or complaints; the same object as GET /api/stats/service-items. */
import os from 'node:os';
import type { Config } from '../../config/config';
import { serviceClockQuerySchema, type ServiceClockStats } from '../../contracts/service-clocks';
import { createSystemCaller } from '../../services/context';
import { getServiceClockStats } from '../../services/statistics/service-clocks';
import { prepareDatabase } from '../prepare-database';

export const SERVICE_CLOCK_HELP = `用法: yinfeng stats service --region CODE --from YYYY-MM --to YYYY-MM [--kind serviceItems|inquiries|complaints] [--json]

帮办代办（默认）、在线咨询或投诉的服务时钟（地区含全部下级，统计期为整月）：受理、办结、按期办结（不晚于到期日）及按期办结率、
办结用时的中位数与第 90 百分位（工作日，最近秩法）、截至统计期末或今天仍未办结且已过到期日的件数、
受理事项涉及的不同项目数；咨询与投诉另有首次响应用时的中位数与第 90 百分位、咨询转为线索与招商目标的件数；
按直属下级地区、经办人（承办人）与月份分列。
--json 输出与 GET /api/stats/service-items 相同的 JSON 对象。`;

const pct = (v: number | null) => (v === null ? '—' : `${v}%`);
const days = (v: number | null) => (v === null ? '—' : `${v} 个工作日`);

const KIND_NAMES = { serviceItems: '帮办代办', inquiries: '在线咨询', complaints: '投诉' } as const;

function formatLine(label: string, f: ServiceClockStats['totals']): string {
  const response = f.medianFirstResponseDays === null && f.p90FirstResponseDays === null ? '' : `  首次响应中位 ${days(f.medianFirstResponseDays)}  P90 ${days(f.p90FirstResponseDays)}`;
  return `${label}  受理 ${f.opened}（${f.projects} 个项目）  办结 ${f.closed}  按期 ${f.closedOnTime}（${pct(f.onTimeRatePct)}）  中位 ${days(f.medianDays)}  P90 ${days(f.p90Days)}${response}  逾期未办结 ${f.openPastDue}`;
}

export function formatServiceClockStats(s: ServiceClockStats): string {
  return [
    `${KIND_NAMES[s.kind]}服务时钟  ${s.regionName}（${s.region}）  ${s.from} 至 ${s.to}  逾期计至 ${s.asOf}`,
    formatLine('合计', s.totals),
    ...(s.conversions ? [`转化  线索项目 ${s.conversions.leads}  招商目标 ${s.conversions.targets}`] : []),
    '按地区：',
    ...s.byRegion.map((r) => formatLine(`  ${r.name}`, r)),
    '按经办人：',
    ...s.byHandler.map((h) => formatLine(`  ${h.handler}`, h)),
    '按月：',
    ...s.trend.map((m) => formatLine(`  ${m.month}`, m)),
  ].join('\n');
}

export async function runServiceClockStats(config: Config, args: { region: string; from: string; to: string; kind?: string; json: boolean }): Promise<void> {
  const { json, ...raw } = args;
  const parsed = serviceClockQuerySchema.safeParse(raw);
  if (!parsed.success) throw new Error(`参数不正确：--kind 应为 serviceItems、inquiries 或 complaints，--from/--to 为 YYYY-MM，--region 为地区代码（收到 ${JSON.stringify(raw)}）`);
  const query = parsed.data;
  const database = await prepareDatabase(config, 'yinfeng stats');
  try {
    const stats = await getServiceClockStats({ db: database.db, config }, createSystemCaller(os.userInfo().username), query);
    console.log(json ? JSON.stringify(stats, null, 2) : formatServiceClockStats(stats));
  } finally {
    await database.close();
  }
}
