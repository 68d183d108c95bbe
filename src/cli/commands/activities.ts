/** yinfeng import --kind activities|activity-organisations|activity-projects and yinfeng stats activities: thin adapters. */
import os from 'node:os';
import path from 'node:path';
import type { Config } from '../../config/config';
import type { ActivityStats } from '../../contracts/activities';
import { formatYuanAsWan } from '../../domain/money';
import { getActivityStats } from '../../services/activities/activity-stats';
import { importActivities, type ActivityImportKind, type ActivityImportResult } from '../../services/activities/import-activities';
import { createSystemCaller } from '../../services/context';
import { prepareDatabase } from '../prepare-database';
import { buildImportCaller } from './import-caller';
import { readInputFile } from './read-input-file';

export const ACTIVITY_STATS_HELP = `用法: yinfeng stats activities --region CODE --from YYYY-MM --to YYYY-MM [--type 外出招商,…] [--hosting 主办|参加]
                                [--leader-level 党政主要领导,…] [--team 小分队名称] [--activity 活动编号] [--by-month] [--json]

按 DESIGN.md 的口径统计地区（含全部下级）在统计期内开始的招商活动：外出招商（批次、人次、领导带队）、上门拜访、
接待来访、推介会等活动（主办、参加）、驻点小分队、经活动对接与签约的项目（每个项目只计一次）；储备项目与帮办代办
不受活动筛选条件影响。类型与领导级别可写中文名称或键，逗号分隔；“四大班子领导”包含“党政主要领导”。
--by-month 另列逐月的外出招商、拜访、接待、推介等活动与对接、签约项目数（JSON 的 byMonth，同 API 的 byMonth=true）。
--json 输出与 GET /api/stats/activities 相同的 JSON 对象。`;

const KIND_LABELS: Record<ActivityImportKind, string> = { activities: '招商活动', 'activity-organisations': '活动对象', 'activity-projects': '活动项目' };

export function formatActivityImport(r: ActivityImportResult): string {
  if (!r.ok) {
    const lines = [`文件“${r.fileName}”有 ${r.problems.length} 个问题，未导入任何数据：`];
    for (const p of r.problems) lines.push(`  ${p.sheet} 第 ${p.row} 行 [${p.column}] “${p.value}”：${p.reason}`);
    return lines.join('\n');
  }
  const lines = [r.dryRun ? `试导入（未写入）“${r.fileName}”：` : `已导入“${r.fileName}”：`];
  for (const k of r.kinds) {
    const c = r.counts[k];
    if (c) lines.push(`  ${KIND_LABELS[k]}：新建 ${c.created}，更新 ${c.updated}，不变 ${c.unchanged}（共 ${r.rows[k] ?? 0} 行）`);
  }
  if (r.gaps.total > 0) {
    lines.push(`  资料不全 ${r.gaps.total} 个活动（已导入）：`);
    for (const g of r.gaps.rows.slice(0, 20)) lines.push(`    第 ${g.row} 行 ${g.code}：缺${g.missing.join('、')}`);
  }
  return lines.join('\n');
}

export async function runActivityImportCommand(config: Config, args: { file: string; kind: ActivityImportKind; dryRun: boolean; as?: string }): Promise<number> {
  const buffer = readInputFile(args.file);
  const database = await prepareDatabase(config, 'yinfeng import');
  try {
    const { caller } = await buildImportCaller(database, args.as, 'activities.manage');
    const result = await importActivities({ db: database.db, config }, caller, buffer, { fileName: path.basename(args.file), kind: args.kind, dryRun: args.dryRun });
    const text = formatActivityImport(result);
    if (!result.ok) {
      console.error(text);
      return 1;
    }
    console.log(text);
    return 0;
  } finally {
    await database.close();
  }
}

const wan = (yuan: number) => `${formatYuanAsWan(BigInt(yuan))} 万元`;

export function formatActivityStats(s: ActivityStats): string {
  return [
    `地区 ${s.region}  统计期 ${s.from} 至 ${s.to}`,
    `外出招商   ${s.trips.count} 批次  ${s.trips.personTrips} 人次  四大班子领导带队 ${s.trips.ledByLeadership}（其中党政主要领导 ${s.trips.ledByPrincipal}）  领导带队 ${s.trips.ledByAnyLeader}  对接单位 ${s.trips.organisations}`,
    `上门拜访   ${s.visits.count} 批次  对接单位 ${s.visits.organisations}`,
    `接待来访   ${s.receptions.count} 批次  来访单位 ${s.receptions.organisations}`,
    `推介等活动 主办 ${s.events.organised}  参加 ${s.events.attended}`,
    `驻点小分队 ${s.residentTeams.active} 支有活动`,
    `项目       对接洽谈 ${s.projects.talks} 个  签约 ${s.projects.signed} 个  签约额 ${wan(s.projects.signedAmountYuan)}  计划总投资 ${wan(s.projects.plannedInvestmentYuan)}`,
    `储备项目   ${s.reserve.projects} 个（已发布 ${s.reserve.published}）`,
    `帮办代办   受理 ${s.serviceItems.opened} 件（${s.serviceItems.projects} 个项目）  办结 ${s.serviceItems.closed} 件  按期办结 ${s.serviceItems.closedOnTime} 件`,
    ...(s.byMonth ?? []).map(
      (m) => `${m.month}    外出 ${m.trips}  拜访 ${m.visits}  接待 ${m.receptions}  推介等 ${m.events}  对接项目 ${m.talks}  签约 ${m.signed}（${wan(m.signedAmountYuan)}）`,
    ),
  ].join('\n');
}

export async function runActivityStats(
  config: Config,
  args: { region: string; from: string; to: string; type?: string; hosting?: string; leaderLevel?: string; team?: string; activity?: string; byMonth: boolean; json: boolean },
): Promise<void> {
  const database = await prepareDatabase(config, 'yinfeng stats');
  try {
    const { json, ...query } = args;
    const stats = await getActivityStats({ db: database.db, config }, createSystemCaller(os.userInfo().username), query);
    console.log(json ? JSON.stringify(stats, null, 2) : formatActivityStats(stats));
  } finally {
    await database.close();
  }
}
