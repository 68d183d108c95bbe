/** yinfeng import: a thin adapter over the import service, acting as the machine operator or in a user's scope. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Config } from '../../config/config';
import type { Database } from '../../db/client';
import { selectUserByUsername } from '../../db/queries/users';
import { AppError } from '../../domain/app-error';
import { isRole, listPermissions } from '../../domain/roles';
import { createSystemCaller, type Caller } from '../../services/context';
import { parseImportKindName, runImport, type ImportResult } from '../../services/imports/run-import';
import { prepareDatabase } from '../prepare-database';

export const IMPORT_HELP = `用法: yinfeng import FILE [--kind enterprises|projects|funds] [--dry-run] [--as 用户名]

导入 xlsx（工作表 企业、项目、到位资金，按此顺序，在一个事务中）或 CSV（一种数据；--kind 省略时按表头判断）。
整个文件要么全部导入，要么一行也不写：有任何问题时打印问题清单（行、列、值、原因）并以非零状态退出。
  --kind      只导入这一种数据（CSV 表头无法判断时必须指定）
  --dry-run   只检查并统计将新建/更新/不变的行数，不写入
  --as 用户名  按该用户的管辖范围导入（审计记为命令行操作员）；省略时以操作员身份、全部范围导入`;

export interface ImportArgs {
  file: string;
  kind?: string;
  dryRun: boolean;
  as?: string;
}

async function buildCaller(database: Database, as: string | undefined): Promise<{ caller: Caller; extra: Record<string, unknown> }> {
  const operator = createSystemCaller(os.userInfo().username);
  if (!as) return { caller: operator, extra: {} };
  const user = await selectUserByUsername(database.db, as);
  if (!user || user.status !== 'active') throw new AppError('NOT_FOUND', `用户 ${as} 不存在或已停用`);
  const roles = user.roles.filter(isRole);
  const permissions = listPermissions(roles);
  if (!permissions.includes('imports.run')) throw new AppError('FORBIDDEN', `用户 ${user.username} 没有“导入数据”权限`);
  return {
    caller: {
      ...operator,
      actor: {
        ...operator.actor,
        displayName: `${operator.actor.displayName} 代 ${user.displayName}`,
        roles,
        permissions,
        regionCode: user.regionCode,
        regionPath: user.regionPath,
      },
    },
    extra: { actingAs: user.username },
  };
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
  return lines.join('\n');
}

/** Returns the exit code: 0 imported (or dry run clean), 1 rejected. */
export async function runImportCommand(config: Config, args: ImportArgs): Promise<number> {
  const kind = args.kind ? parseImportKindName(args.kind) : undefined;
  let buffer: Buffer;
  try {
    buffer = fs.readFileSync(args.file);
  } catch (err) {
    throw new AppError('NOT_FOUND', `无法读取文件 ${args.file}：${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  const database = await prepareDatabase(config, 'yinfeng import');
  try {
    const { caller, extra } = await buildCaller(database, args.as);
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
