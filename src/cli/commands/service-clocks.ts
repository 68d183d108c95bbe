/** yinfeng stats service: 帮办代办 service clocks (issue 13 item 8); the same object as GET /api/stats/service-items. */
import os from 'node:os';
import type { Config } from '../../config/config';
import type { ServiceClockStats } from '../../contracts/service-clocks';
import { createSystemCaller } from '../../services/context';
import { getServiceClockStats } from '../../services/statistics/service-clocks';
import { prepareDatabase } from '../prepare-database';

export const SERVICE_CLOCK_HELP = `用法: yinfeng stats service --region CODE --from YYYY-MM --to YYYY-MM [--json]

帮办代办的服务时钟（地区含全部下级，统计期为整月）：受理、办结、按期办结（不晚于到期日）及按期办结率、
办结用时的中位数与第 90 百分位（工作日，最近秩法）、截至统计期末或今天仍未办结且已过到期日的件数、
受理事项涉及的不同项目数；按直属下级地区、经办人与月份分列。
--json 输出与 GET /api/stats/service-items 相同的 JSON 对象。`;

const pct = (v: number | null) => (v === null ? '—' : `${v}%`);
const days = (v: number | null) => (v === null ? '—' : `${v} 个工作日`);

function formatLine(label: string, f: ServiceClockStats['totals']): string {
  return `${label}  受理 ${f.opened}（${f.projects} 个项目）  办结 ${f.closed}  按期 ${f.closedOnTime}（${pct(f.onTimeRatePct)}）  中位 ${days(f.medianDays)}  P90 ${days(f.p90Days)}  逾期未办结 ${f.openPastDue}`;
}

export function formatServiceClockStats(s: ServiceClockStats): string {
  return [
    `帮办代办服务时钟  ${s.regionName}（${s.region}）  ${s.from} 至 ${s.to}  逾期计至 ${s.asOf}`,
    formatLine('合计', s.totals),
    '按地区：',
    ...s.byRegion.map((r) => formatLine(`  ${r.name}`, r)),
    '按经办人：',
    ...s.byHandler.map((h) => formatLine(`  ${h.handler}`, h)),
    '按月：',
    ...s.trend.map((m) => formatLine(`  ${m.month}`, m)),
  ].join('\n');
}

export async function runServiceClockStats(config: Config, args: { region: string; from: string; to: string; json: boolean }): Promise<void> {
  const database = await prepareDatabase(config, 'yinfeng stats');
  try {
    const { json, ...query } = args;
    const stats = await getServiceClockStats({ db: database.db, config }, createSystemCaller(os.userInfo().username), query);
    console.log(json ? JSON.stringify(stats, null, 2) : formatServiceClockStats(stats));
  } finally {
    await database.close();
  }
}
