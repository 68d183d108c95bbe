/** yinfeng import: a thin adapter over the import service, acting as the machine operator or in a user's scope. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Config } from '../../config/config';
import { AppError } from '../../domain/app-error';
import { requestImportJobCancel, type ImportJobWithPath } from '../../db/queries/enterprise-imports/import-jobs';
import type { EnterpriseImportResult } from '../../jobs/enterprise-imports/enterprise-import-job';
import { executeImportJob } from '../../jobs/enterprise-imports/import-jobs';
import type { JobProgressState } from '../../jobs/job-progress';
import { createRunningImportJobFromFile } from '../../services/enterprise-imports/import-jobs';
import { parseImportKindName, runImport, type ImportResult } from '../../services/imports/run-import';
import { prepareDatabase } from '../prepare-database';
import { readInputFile } from './read-input-file';
import type { Caller } from '../../services/context';
import { buildImportCaller } from './import-caller';
import { runChainImportCommand } from './chains';
import { runActivityImportCommand } from './activities';
import { parseActivityImportKind } from '../../services/activities/import-activities';
import { onStopSignal } from '../process-stop';

export const IMPORT_HELP = `用法: yinfeng import FILE [--kind enterprises|projects|funds|chains|activities|activity-organisations|activity-projects] [--dry-run] [--as 用户名]
      yinfeng import --kind enterprises FILE [--as 用户名] [--source 名称] [--source-date YYYY-MM-DD] [--dry-run]

导入 xlsx（工作表 企业、项目、到位资金，按此顺序，在一个事务中）或 CSV（一种数据；--kind 省略时按表头判断）。
整个文件要么全部导入，要么一行也不写：有任何问题时打印问题清单（行、列、值、原因）并以非零状态退出。
  --kind      只导入这一种数据（CSV 表头无法判断时必须指定）
  --dry-run   只检查并统计将新建/更新/不变的行数，不写入
  --as 用户名  按该用户的管辖范围导入（审计记为命令行操作员代该用户）；省略时以命令行操作员身份、全部范围导入
              （每种数据都一样）

--kind enterprises：企业库（可达百万行）按后台导入任务的方式在本进程中运行，与网页上传相同：流式读取、
进度打印到标准错误、按字段合并（数据日期较新的来源为准，保留变更历史）、全部导入或什么都不写。
导入任务是一条记录（网页“导入任务”中可见）：用 --as 时记在该账号名下、属于该账号地区（账号须有“导入企业库”权限，
审计记为命令行操作员代该用户）；省略 --as 时记为“命令行操作员”，属于本系统最上级地区。
Ctrl-C 取消（回滚）。
  --source      数据来源（行内未填“数据来源”时使用），默认为文件名
  --source-date 数据日期 YYYY-MM-DD（行内未填“数据日期”时使用），默认为今天

--kind chains：产业链文件（yinfeng chains --help）；--region 为新建产业链的省或地州市。

--kind activities|activity-organisations|activity-projects：招商活动台账（招商活动、活动对象、活动项目；CSV 或含同名
工作表的 xlsx）。按活动编号、（活动编号, 单位名称）、（活动编号, 项目编号）合并，重复导入不改变数据；全部导入或一行也不写。`;

export interface ImportArgs {
  file: string;
  kind?: string;
  dryRun: boolean;
  as?: string;
  source?: string;
  sourceDate?: string;
  /** chains: the province or prefecture that defines new chains */
  region?: string;
}

const KIND_LABELS = { enterprises: '企业', projects: '项目', funds: '到位资金' } as const;

export function formatImportResult(r: ImportResult): string {
  const lines: string[] = [];
  if (r.rejectedTotal > 0) {
    lines.push(`文件“${r.fileName}”有 ${r.rejectedTotal} 个问题，未导入任何数据：`);
    for (const p of r.rejected) lines.push(`  ${p.sheet} 第 ${p.row} 行 [${p.column}] “${p.value}”：${p.reason}`);
    if (r.rejectedTotal > r.rejected.length) lines.push(`  ……另有 ${r.rejectedTotal - r.rejected.length} 个问题未列出`);
    return lines.join('\n');
  }
  lines.push(r.dryRun ? `试导入（未写入）“${r.fileName}”：` : `已导入“${r.fileName}”：`);
  for (const k of r.kinds) {
    const c = r.counts[k];
    if (c) lines.push(`  ${KIND_LABELS[k]}：新建 ${c.created}，更新 ${c.updated}，不变 ${c.unchanged}（共 ${r.rows[k] ?? 0} 行）`);
  }
  if (r.investorsCreated > 0) lines.push(`  新建投资方企业 ${r.investorsCreated} 家`);
  if (r.incomplete.total > 0) {
    const fields = Object.entries(r.incomplete.byField).map(([f, n]) => `缺${f} ${n}`).join('，');
    lines.push(`  资料不全 ${r.incomplete.total} 个项目（${fields}），已标记并列入“待完善”清单：`);
    for (const g of r.incomplete.rows.slice(0, 20)) lines.push(`    ${g.sheet} 第 ${g.row} 行 ${g.code}：缺${g.missing.join('、')}`);
    if (r.incomplete.total > 20) lines.push(`    ……另有 ${r.incomplete.total - 20} 个`);
  }
  for (const n of r.notices) lines.push(`  提示：${n}`);
  return lines.join('\n');
}

/** Returns the exit code: 0 imported (or dry run clean), 1 rejected. */
export async function runImportCommand(config: Config, args: ImportArgs): Promise<number> {
  if (args.kind !== 'enterprises' && (args.source !== undefined || args.sourceDate !== undefined)) {
    throw new AppError('VALIDATION', '--source 与 --source-date 只用于企业库导入（--kind enterprises）');
  }
  if (args.kind === 'chains') return runChainImportCommand(config, { file: args.file, dryRun: args.dryRun, as: args.as, region: args.region });
  if (args.region !== undefined) throw new AppError('VALIDATION', '--region 只用于产业链导入（--kind chains）');
  const activityKind = args.kind ? parseActivityImportKind(args.kind) : null;
  if (activityKind) return runActivityImportCommand(config, { file: args.file, kind: activityKind, dryRun: args.dryRun, as: args.as });
  const kind = args.kind ? parseImportKindName(args.kind) : undefined;
  if (kind === 'enterprises') return runEnterpriseImportCommand(config, args);
  const buffer = readInputFile(args.file);
  const database = await prepareDatabase(config, 'yinfeng import');
  try {
    const { caller, extra } = await buildImportCaller(database, args.as);
    const result = await runImport({ db: database.db, config }, caller, buffer, {
      fileName: path.basename(args.file),
      kind,
      dryRun: args.dryRun,
      auditExtra: extra,
    });
    const text = formatImportResult(result);
    if (result.rejectedTotal > 0) {
      console.error(text);
      return 1;
    }
    console.log(text);
    return 0;
  } finally {
    await database.close();
  }
}

const PHASE_LABELS: Record<string, string> = { queued: '排队', reading: '读取', merging: '合并', done: '完成' };

function progressLine(p: JobProgressState): string {
  const pct = p.fileBytes > 0 ? Math.min(100, Math.round((100 * p.bytesRead) / p.fileBytes)) : 0;
  const merging = p.phase === 'merging' && p.steps ? `，步骤 ${p.step ?? 0}/${p.steps}` : '';
  return `导入中：${PHASE_LABELS[p.phase] ?? p.phase} ${p.rowsRead.toLocaleString('en-US')} 行（文件 ${pct}%${merging}），问题 ${p.problems}`;
}

/** Prints a finished enterprise job; returns the exit code. */
export function formatEnterpriseJob(job: ImportJobWithPath): { text: string; code: number } {
  const r = (job.result ?? {}) as Partial<EnterpriseImportResult>;
  if (job.status === 'succeeded' && r.counts) {
    const c = r.counts;
    const lines = [
      `${r.dryRun ? '试导入（未写入）' : '已导入'}“${job.fileName}”（任务 ${job.id}）：`,
      `  企业：新建 ${c.created}，更新 ${c.updated}，不变 ${c.unchanged}（共 ${r.rows ?? 0} 行）；字段变更记录 ${c.fieldChanges} 条，确认来源 ${c.sourcesRefreshed} 家`,
      `  用时：读取 ${r.seconds?.reading ?? 0} 秒，合并 ${r.seconds?.merging ?? 0} 秒`,
    ];
    return { text: lines.join('\n'), code: 0 };
  }
  if (job.status === 'cancelled') return { text: `导入任务 ${job.id} 已取消，没有写入任何数据`, code: 1 };
  const lines = [job.error ?? `导入任务 ${job.id} 失败`];
  const rejected = r.rejected ?? [];
  for (const p of rejected.slice(0, 100)) lines.push(`  ${p.sheet} 第 ${p.row} 行 [${p.column}] “${p.value}”：${p.reason}`);
  const total = r.rejectedTotal ?? 0;
  if (total > Math.min(100, rejected.length)) lines.push(`  ……另有 ${total - Math.min(100, rejected.length)} 个问题未列出；完整报告：GET /api/import-jobs/${job.id}/rejected`);
  return { text: lines.join('\n'), code: 1 };
}

/** yinfeng import --kind enterprises: the background job's code, run in this process. */
async function runEnterpriseImportCommand(config: Config, args: ImportArgs): Promise<number> {
  if (!fs.existsSync(args.file)) throw new AppError('NOT_FOUND', `无法读取文件 ${args.file}：ENOENT`);
  const database = await prepareDatabase(config, 'yinfeng import');
  let cancelled = false;
  let jobId: string | null = null;
  const onSignal = () => {
    if (cancelled || !jobId) return;
    cancelled = true;
    process.stderr.write('\n正在取消（回滚中）……\n');
    void requestImportJobCancel(database.db, jobId);
  };
  const offSignal = onStopSignal(onSignal); // SIGINT and SIGTERM
  try {
    const { caller, userId } = await buildImportCaller(database, args.as, 'enterprises.import');
    const jobCaller: Caller = { ...caller, actor: { ...caller.actor, id: userId } };
    const worker = `cli:${os.hostname()}:${process.pid}`;
    const job = await createRunningImportJobFromFile(
      { db: database.db, config },
      jobCaller,
      args.file,
      { kind: 'enterprises', fileName: path.basename(args.file), source: args.source, sourceDate: args.sourceDate, dryRun: args.dryRun },
      worker,
    );
    jobId = job.id;
    const tty = process.stderr.isTTY;
    let last = 0;
    const done = await executeImportJob(database, job, {
      caller: jobCaller,
      worker,
      onProgress: (p) => {
        const now = Date.now();
        if (now - last < (tty ? 250 : 5_000)) return;
        last = now;
        process.stderr.write(tty ? `\r${progressLine(p)}\u001b[K` : `${progressLine(p)}\n`);
      },
    });
    if (tty) process.stderr.write('\r\u001b[K');
    if (!done) throw new AppError('INTERNAL', '导入任务不见了');
    const { text, code } = formatEnterpriseJob(done);
    if (code === 0) console.log(text);
    else console.error(text);
    return code;
  } finally {
    offSignal();
    await database.close();
  }
}
