/** yinfeng stats: the same summary object as GET /api/stats/summary, as JSON or a readable Chinese table. */
import os from 'node:os';
import type { Config } from '../../config/config';
import { formatYuanAsWan } from '../../domain/money';
import type { FullSummary } from '../../domain/indicators';
import type { SignedShare } from '../../domain/signed-structure';
import { createSystemCaller } from '../../services/context';
import { getSummary } from '../../services/statistics/statistics';
import { prepareDatabase } from '../prepare-database';

export const STATS_HELP = `用法: yinfeng stats --region CODE --from YYYY-MM --to YYYY-MM [--exclude-tags 光伏,煤化工] [--json]

按 DESIGN.md 的统计口径输出地区（含全部下级）在统计期内的汇总：执行项目、新建/续建、资金来源、同比、
签约项目与规模、签约项目结构（三次产业、产业链、投资方标签）、开工率、履约率、年度目标完成情况。
统计期可跨年（如 --from 2020-01 --to 2026-11，即“2020年以来”）：新建 = 最早到位月份不早于起始年 1 月；
跨年统计期不计算年度目标完成率。--exclude-tags 排除带有其中任一标签的项目（逗号、顿号或分号分隔）。
--json 输出与 GET /api/stats/summary 相同的 JSON 对象。`;

const wan = (yuan: number) => `${formatYuanAsWan(BigInt(yuan))} 万元`;
const pct = (v: number | null) => (v === null ? '—' : `${v.toFixed(2)}%`);

const SECTOR_NAMES = { primary: '第一产业', secondary: '第二产业', tertiary: '第三产业' } as const;

function shareLines(title: string, entries: [string, SignedShare][]): string[] {
  if (entries.length === 0) return [`  ${title}：无`];
  return [`  ${title}：`, ...entries.map(([k, v]) => `    ${k}  ${v.projects} 个 (${pct(v.projectSharePct)})   ${wan(v.amountYuan)} (${pct(v.amountSharePct)})`)];
}

export function formatSummaryTable(s: FullSummary): string {
  const lines = [
    `地区 ${s.region}  统计期 ${s.from} 至 ${s.to}${s.excludeTags.length > 0 ? `  不含标签 ${s.excludeTags.join('、')} 的项目` : ''}`,
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
  lines.push('', `签约项目       ${s.signed.projects} 个   签约额 ${wan(s.signed.amountYuan)}   开工率 ${pct(s.signed.startRatePct)}   履约率 ${pct(s.signed.fulfilmentRatePct)}   资金到位率 ${pct(s.signed.fundsArrivalRatePct ?? null)}   世界/中国500强、民营500强、央企 ${s.signed.topInvestorProjects} 个`);
  const bandNames = ['≥1亿', '≥10亿', '≥50亿', '≥100亿'];
  s.signed.bands.forEach((b, i) => lines.push(`  ${bandNames[i] ?? b.minYuan}    ${b.projects} 个   ${wan(b.amountYuan)}   占比 ${pct(b.sharePct)}`));
  lines.push(...shareLines('按三次产业', Object.entries(s.signed.bySector).map(([k, v]) => [SECTOR_NAMES[k as keyof typeof SECTOR_NAMES], v])));
  lines.push(...shareLines('按产业链', Object.entries(s.signed.byChain)));
  lines.push(...shareLines('按投资方标签', Object.entries(s.signed.byInvestorTag)));
  lines.push('');
  const spans = s.from.slice(0, 4) !== s.to.slice(0, 4);
  lines.push(
    s.target
      ? `年度目标       ${wan(s.target.annualYuan)}   完成率 ${pct(s.target.completionPct)}   序时进度 ${pct(s.target.schedulePct)}   超欠进度 ${s.target.aheadPts === null ? '—' : `${s.target.aheadPts.toFixed(2)} 个百分点`}`
      : spans
        ? '年度目标       统计期跨年，不计算年度目标完成率'
        : '年度目标       尚未下达',
  );
  return lines.join('\n');
}

export async function runStats(config: Config, args: { region: string; from: string; to: string; excludeTags: string | undefined; json: boolean }): Promise<void> {
  const database = await prepareDatabase(config, 'yinfeng stats');
  try {
    const summary = await getSummary({ db: database.db, config }, createSystemCaller(os.userInfo().username), args);
    console.log(args.json ? JSON.stringify(summary, null, 2) : formatSummaryTable(summary));
  } finally {
    await database.close();
  }
}
