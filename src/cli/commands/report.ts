/** yinfeng report: a statistics document (月通报, 季总结, 年排名) as PDF or xlsx, the same as GET /api/documents/:kind.:format. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Config } from '../../config/config';
import { DOCUMENT_KINDS, gatherNoticeData, type DocumentKind } from '../../documents/notice-data';
import { renderNoticePdf } from '../../documents/notice-pdf';
import { renderNoticeXlsx } from '../../documents/notice-xlsx';
import { AppError } from '../../domain/app-error';
import { createSystemCaller } from '../../services/context';
import { prepareDatabase } from '../prepare-database';

export const REPORT_HELP = `用法: yinfeng report monthly|quarterly|annual --region CODE --month YYYY-MM [--format pdf|xlsx] [--out FILE] [--issuer 制表机关]

生成统计文书：monthly 月通报、quarterly 季总结、annual 年排名。内容：总体情况（本期与 1 月至该月累计）、
分地区（占比、贡献率、拉动）、分来源、签约项目规模、下级地区排名（月度／季度／年度）；口径与
/api/stats/* 相同，地区含全部下级。

  --format   pdf（默认，嵌入中文字体）或 xlsx（每张表带表号、制表机关、计量单位、统计期）
  --out      输出文件；默认在当前目录，文件名如“乌鲁木齐市2026年10月招商引资月通报.pdf”
  --issuer   制表机关，默认“<地区名称>招商引资工作领导小组办公室”

PDF 需要中文字体：Debian 上 apt-get install -y fonts-noto-cjk（或 fonts-wqy-microhei），
或设置 YINFENG_PDF_FONT 指向 .ttf/.otf/.ttc 字体文件（集合文件可写作 路径#PostScript名称）。`;

export async function runReport(
  config: Config,
  args: { kind: string; region: string; month: string; format: string; out: string | undefined; issuer: string | undefined },
): Promise<void> {
  if (!(DOCUMENT_KINDS as readonly string[]).includes(args.kind)) {
    throw new AppError('VALIDATION', `文书类型“${args.kind}”应为 monthly（月通报）、quarterly（季总结）或 annual（年排名）`);
  }
  if (args.format !== 'pdf' && args.format !== 'xlsx') throw new AppError('VALIDATION', `格式“${args.format}”应为 pdf 或 xlsx`);
  const database = await prepareDatabase(config, 'yinfeng report');
  try {
    const deps = { db: database.db, config };
    const data = await gatherNoticeData(deps, createSystemCaller(os.userInfo().username), { kind: args.kind as DocumentKind, region: args.region, month: args.month, issuer: args.issuer });
    const buffer = args.format === 'pdf' ? await renderNoticePdf(data) : await renderNoticeXlsx(data);
    const out = path.resolve(args.out ?? `${data.fileBaseName}.${args.format}`);
    fs.writeFileSync(out, buffer);
    console.log(`已生成 ${data.title}：${out}（${buffer.length} 字节）`);
  } finally {
    await database.close();
  }
}
