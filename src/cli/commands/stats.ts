/** yinfeng stats: the same summary object as GET /api/stats/summary, as JSON or a readable Chinese table. */
import os from 'node:os';
import type { Config } from '../../config/config';
import { formatYuanAsWan } from '../../domain/money';
import type { Summary } from '../../domain/indicators';
import { createSystemCaller } from '../../services/context';
import { getSummary } from '../../services/statistics/statistics';
import { prepareDatabase } from '../prepare-database';

export const STATS_HELP = `用法: yinfeng stats --region CODE --from YYYY-MM --to YYYY-MM [--json]

按 DESIGN.md 的统计口径输出地区（含全部下级）在统计期内的汇总：执行项目、新建/续建、资金来源、同比、
签约项目与规模、开工率、履约率、年度目标完成情况。--json 输出与 GET /api/stats/summary 相同的 JSON 对象。`;

const wan = (yuan: number) => `${formatYuanAsWan(BigInt(yuan))} 万元`;
const pct = (v: number | null) => (v === null ? '—' : `${v.toFixed(2)}%`);

export function formatSummaryTable(s: Summary): string {
  const lines = [
    `地区 ${s.region}  统计期 ${s.from} 至 ${s.to}`,
    '',
    `执行项目       ${s.executing.projects} 个   到位资金 ${wan(s.executing.fundsYuan)}   上年同期 ${wan(s.executing.lastYearFundsYuan)}   同比 ${pct(s.executing.yoyPct)}`,
    `  其中新建     ${s.newProjects.projects} 个   ${wan(s.newProjects.fundsYuan)}`,
    `  其中续建     ${s.continuedProjects.projects} 个   ${wan(s.continuedProjects.fundsYuan)}`,
    `  区内         ${s.bySource.local.projects} 个   ${wan(s.bySource.local.fundsYuan)}   同比 ${pct(s.bySource.local.yoyPct)}`,
    `  区外         ${s.bySource.outOfRegion.projects} 个   ${wan(s.bySource.outOfRegion.fundsYuan)}   同比 ${pct(s.bySource.outOfRegion.yoyPct)}`,
    `  境外         ${s.bySource.foreign.projects} 个   ${wan(s.bySource.foreign.fundsYuan)}   同比 ${pct(s.bySource.foreign.yoyPct)}`,
    `  国内（区内+区外） ${s.domestic.projects} 个   ${wan(s.domestic.fundsYuan)}   同比 ${pct(s.domestic.yoyPct)}`,
  ];
  if (s.unknownSource.projects > 0) lines.push(`  未填来源     ${s.unknownSource.projects} 个   ${wan(s.unknownSource.fundsYuan)}`);
  lines.push('', `签约项目       ${s.signed.projects} 个   签约额 ${wan(s.signed.amountYuan)}   开工率 ${pct(s.signed.startRatePct)}   履约率 ${pct(s.signed.fulfilmentRatePct)}   世界/中国500强、民营500强、央企 ${s.signed.topInvestorProjects} 个`);
  const bandNames = ['≥1亿', '≥10亿', '≥50亿', '≥100亿'];
  s.signed.bands.forEach((b, i) => lines.push(`  ${bandNames[i] ?? b.minYuan}    ${b.projects} 个   ${wan(b.amountYuan)}   占比 ${pct(b.sharePct)}`));
  lines.push('');
  lines.push(
    s.target
      ? `年度目标       ${wan(s.target.annualYuan)}   完成率 ${pct(s.target.completionPct)}   序时进度 ${pct(s.target.schedulePct)}   超欠进度 ${s.target.aheadPts === null ? '—' : `${s.target.aheadPts.toFixed(2)} 个百分点`}`
      : '年度目标       尚未下达',
  );
  return lines.join('\n');
}

export async function runStats(config: Config, args: { region: string; from: string; to: string; json: boolean }): Promise<void> {
  const database = await prepareDatabase(config, 'yinfeng stats');
  try {
    const summary = await getSummary({ db: database.db, config }, createSystemCaller(os.userInfo().username), args);
    console.log(args.json ? JSON.stringify(summary, null, 2) : formatSummaryTable(summary));
  } finally {
    await database.close();
  }
}
