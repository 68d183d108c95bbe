/** yinfeng briefings generate|due: thin adapters over services/briefings (audited as the CLI operator). */
import fs from 'node:fs';
import os from 'node:os';
import type { Config } from '../../config/config';
import type { Briefing } from '../../contracts/briefings';
import { buildBriefingDocument } from '../../documents/briefing-content';
import { renderBriefingDocx } from '../../documents/briefing-docx';
import { renderBriefingPdf } from '../../documents/briefing-pdf';
import { BRIEFING_KINDS, type BriefingKind } from '../../domain/briefings/briefing-periods';
import { startOfShanghaiDay } from '../../domain/dates';
import { generateBriefing, generateDueBriefings } from '../../services/briefings/generate-briefings';
import { createSystemCaller } from '../../services/context';
import { prepareDatabase } from '../prepare-database';

export const BRIEFINGS_HELP = `用法: yinfeng briefings generate --region CODE --kind weekly|dispatch|monthly --date YYYY-MM-DD [--reset-text] [--out FILE.docx|FILE.pdf]
       yinfeng briefings due [--date YYYY-MM-DD]

generate  生成（或刷新草稿）地区在该日期所在统计期的简报：weekly 每周招商工作简报（周一至周日；--week 同 --date），
          dispatch 重点项目旬调度（1—10 日、11—20 日、21 日至月末），monthly 月度招商工作简报。已编辑的段落保留，
          --reset-text 时全部重新生成；已签发的简报须在网页上修订后才能重新生成。--out 同时导出 docx 或 PDF。
due       执行定时任务当天（默认今天）应生成的简报：周一生成上周周报，1、11、21 日生成上一旬旬调度，1 日生成上月月报；
          已有的简报不重复生成。服务每天 8:00（北京时间）自动执行。`;

function formatBriefing(b: Briefing & { created: boolean }): string {
  const lines = [`${b.created ? '已生成' : '已刷新草稿'}：${b.title}（${b.periodLabel}）  编号 ${b.id}  状态 ${b.status === 'issued' ? '已签发' : '草稿'}`];
  for (const f of b.figures) {
    const value = f.unit === '元' ? `${(f.value / 10_000).toFixed(2)} 万元` : `${f.value} ${f.unit}`;
    const change = f.change === null ? '' : `（较上期 ${f.change >= 0 ? '+' : ''}${f.unit === '元' ? (f.change / 10_000).toFixed(2) : f.change}）`;
    lines.push(`  ${f.label}：${value}${change}`);
  }
  return lines.join('\n');
}

export function parseBriefingKind(value: string): BriefingKind {
  const kind = BRIEFING_KINDS.find((k) => k === value);
  if (!kind) throw new Error(`--kind 应为 ${BRIEFING_KINDS.join('、')}，不是“${value}”`);
  return kind;
}

export async function runBriefingGenerate(config: Config, args: { region: string; kind: BriefingKind; date: string; resetText: boolean; out?: string }): Promise<void> {
  const database = await prepareDatabase(config, 'yinfeng briefings');
  try {
    const deps = { db: database.db, config };
    const b = await generateBriefing(deps, createSystemCaller(os.userInfo().username), { regionCode: args.region, kind: args.kind, date: args.date, resetText: args.resetText });
    console.log(formatBriefing(b));
    if (args.out) {
      const doc = buildBriefingDocument(b);
      const buffer = args.out.toLowerCase().endsWith('.pdf') ? await renderBriefingPdf(doc) : await renderBriefingDocx(doc);
      fs.writeFileSync(args.out, buffer);
      console.log(`已导出 ${args.out}（${buffer.length} 字节）`);
    }
  } finally {
    await database.close();
  }
}

export async function runBriefingsDue(config: Config, args: { date?: string }): Promise<void> {
  const database = await prepareDatabase(config, 'yinfeng briefings');
  try {
    // 08:00 of the day in Shanghai, as the schedule runs
    const now = args.date ? new Date(startOfShanghaiDay(args.date).getTime() + 8 * 3_600_000) : new Date();
    const run = await generateDueBriefings({ db: database.db, config }, now);
    if (run.kinds.length === 0) console.log(`${run.day} 无应生成的简报（周一生成周报，1、11、21 日生成旬调度，1 日生成月报）`);
    else console.log(`${run.day}：新生成 ${run.created.length} 期简报，已存在 ${run.skipped} 期未重复生成`);
    for (const c of run.created) console.log(`  ${c.regionCode} ${c.kind} ${c.periodStart} ${c.id}`);
  } finally {
    await database.close();
  }
}
