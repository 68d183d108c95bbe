/** yinfeng import --kind chains, and yinfeng chains templates|adopt: thin adapters over the chain services. */
import path from 'node:path';
import type { Config } from '../../config/config';
import { AppError } from '../../domain/app-error';
import { adoptTemplate, listTemplates } from '../../services/chains/chain-templates';
import { importChains, type ChainImportResult } from '../../services/chains/import-chains';
import type { ChainSaveOutcome } from '../../services/chains/save-chains';
import { prepareDatabase } from '../prepare-database';
import { readInputFile } from './read-input-file';
import { buildImportCaller } from './import-caller';

export const CHAINS_HELP = `用法: yinfeng chains templates
      yinfeng chains adopt 模板编码 [--code 新编码] [--region 地区代码] [--as 用户名]
      yinfeng import FILE --kind chains [--region 地区代码] [--dry-run] [--as 用户名]

templates  列出系统自带的产业链模板（光伏、有机硅、锂电池……）
adopt      采用模板：复制为一个省或地州市的产业链（已有同编码的产业链时，以模板最新内容生成新版本）
  --code    采用后的产业链编码（模板编码已被其他地区使用时须另取；节点编码随之改变）
  --region  定义产业链的省或地州市（命令行操作员新建产业链时必填；用 --as 时默认为该用户的地区）
import --kind chains  导入产业链文件（CSV 或含“产业链”工作表的 xlsx）；内容变化的产业链生成新版本，全部导入或一条也不写`;

const STATUS_LABELS: Record<ChainSaveOutcome['status'], string> = { created: '新建', updated: '新版本', unchanged: '不变' };

function formatOutcome(o: ChainSaveOutcome): string {
  const changes = o.status === 'updated' ? `（新增 ${o.added}、删除 ${o.removed}、修改 ${o.changed} 个节点）` : '';
  return `  ${o.code} ${o.name}：${STATUS_LABELS[o.status]}，第 ${o.version} 版，${o.nodeCount} 个节点${changes}`;
}

export function formatChainImport(r: ChainImportResult): string {
  if (!r.ok) {
    const lines = [`文件“${r.fileName}”有 ${r.problems.length} 个问题，未导入任何产业链：`];
    for (const p of r.problems) lines.push(`  第 ${p.row} 行 [${p.column}] “${p.value}”：${p.reason}`);
    return lines.join('\n');
  }
  return [r.dryRun ? `试导入（未写入）“${r.fileName}”：` : `已导入“${r.fileName}”：`, ...r.chains.map(formatOutcome)].join('\n');
}

export async function runChainImportCommand(config: Config, args: { file: string; dryRun: boolean; as?: string; region?: string }): Promise<number> {
  const buffer = readInputFile(args.file);
  const database = await prepareDatabase(config, 'yinfeng import');
  try {
    const { caller } = await buildImportCaller(database, args.as, 'chains.manage');
    const result = await importChains({ db: database.db, config }, caller, buffer, {
      fileName: path.basename(args.file),
      dryRun: args.dryRun,
      regionCode: args.region ?? caller.actor.regionCode,
    });
    const text = formatChainImport(result);
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

export async function runChainsCommand(config: Config, sub: string, args: { template?: string; code?: string; region?: string; as?: string }): Promise<number> {
  if (sub === 'templates') {
    for (const t of await listTemplates()) {
      console.log(`${t.code}\t${t.name}\t${t.nodeCount} 个节点（上游 ${t.segments.upstream}、中游 ${t.segments.midstream}、下游 ${t.segments.downstream}）\t${t.fileName}`);
    }
    return 0;
  }
  if (sub !== 'adopt') throw new AppError('VALIDATION', `未知的 chains 子命令：${sub}（templates 或 adopt）`);
  if (!args.template) throw new AppError('VALIDATION', '请指定模板编码：yinfeng chains adopt 模板编码');
  const database = await prepareDatabase(config, 'yinfeng chains');
  try {
    const { caller } = await buildImportCaller(database, args.as, 'chains.manage');
    const outcome = await adoptTemplate({ db: database.db, config }, caller, args.template, { chainCode: args.code, regionCode: args.region ?? caller.actor.regionCode });
    console.log(`已采用模板 ${args.template.toUpperCase()}：\n${formatOutcome(outcome)}`);
    return 0;
  } finally {
    await database.close();
  }
}
