/** bin/yinfeng: the command line. Every command reads the same configuration as the server. */
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config/config';
import { DataDirBusyError } from '../db/data-dir-lock';
import { isAppError } from '../domain/app-error';
import { MIGRATE_HELP, runMigrate, runSeed, runUserAdd, runUserDisable, runUserResetPassword, runUserResetTotp, SEED_HELP, USER_HELP } from './commands/admin';
import { runServe, SERVE_HELP } from './commands/serve';
import { IMPORT_HELP, runImportCommand } from './commands/import';
import { CHAINS_HELP, runChainsCommand } from './commands/chains';
import { runStats, STATS_HELP } from './commands/stats';
import { ACTIVITY_STATS_HELP, runActivityStats } from './commands/activities';
import { COMMITMENT_STATS_HELP, runCommitmentStats } from './commands/commitments';
import { runServiceClockStats, SERVICE_CLOCK_HELP } from './commands/service-clocks';
import { BRIEFINGS_HELP, parseBriefingKind, runBriefingGenerate, runBriefingsDue } from './commands/briefings';
import { runTargetsCommand, TARGETS_HELP } from './commands/targets';
import { REPORT_HELP, runReport } from './commands/report';
import { AUDIT_HELP, runAuditVerify } from './commands/audit';
import { BACKUP_HELP, RESTORE_HELP, runBackup, runRestore } from './commands/backup';
import { DOCTOR_HELP, runDoctor } from './commands/doctor';
import { exitCodeForSignal, installStopSignals, stopRequested, StopRequested } from './process-stop';

const MAIN_HELP = `引凤 Yinfeng · 招商引资工作平台

用法: yinfeng <命令> [选项]

命令:
  serve                 启动服务（API 与网页）
  migrate               应用数据库迁移并载入参考数据
  seed --demo           载入演示数据
  user add|disable|reset-password|reset-totp   管理账号
  import FILE [--kind K] [--dry-run] [--as 用户名]   导入 xlsx/CSV（企业、项目、到位资金、产业链、招商活动；--kind enterprises 为企业库导入任务）
  chains templates|adopt   产业链模板：列出、采用
  targets score|claim|status|funnel  精准招商：节点目标企业评分、认领、推进、转化漏斗
  targets refresh-features      重算精准招商的预计算特征：产业关联度、地区行业企业数、成长信号（服务每晚自动重算）
  targets fit-weights           按招商结果重新拟合评分权重并回测（服务每周自动拟合）
  stats --region CODE --from YYYY-MM --to YYYY-MM [--exclude-tags 光伏,…] [--json]   统计汇总（与 /api/stats/summary 相同）
  stats activities --region CODE --from YYYY-MM --to YYYY-MM [--type …] [--json]   招商活动统计（与 /api/stats/activities 相同）
  stats service --region CODE --from YYYY-MM --to YYYY-MM [--kind serviceItems|inquiries|complaints] [--json]   服务时钟（与 /api/stats/service-items 相同）
  briefings generate --region CODE --kind weekly|dispatch|monthly --date YYYY-MM-DD [--out FILE]   生成简报（周报、旬调度、月报）
  briefings due [--date YYYY-MM-DD]   执行当天应生成的简报（服务每天 8:00 自动执行）
  report monthly|quarterly|annual --region CODE --month YYYY-MM [--format pdf|xlsx] [--out FILE]   月通报、季总结、年排名
  audit verify [--no-seal]   校验审计日志哈希链（0 完好，3 被破坏并指出第一条有问题的审计行）
  backup --out FILE    备份数据库（嵌入式须先停止服务；PostgreSQL 在线，用 pg_dump）
  restore FILE [--force]   从备份恢复到配置的（空）数据库或数据目录
  doctor [--json]      检查安装：配置、数据库版本与扩展、角色权限、PDF 字体、磁盘、最近备份、副本延迟

每个命令都可加 --help 查看说明。配置来自环境变量：DATABASE_URL、YINFENG_DATA_DIR、PORT 等（见 README）。`;

class UsageError extends Error {}

function need(values: Record<string, unknown>, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v.trim() === '') throw new UsageError(`缺少参数 --${name}`);
  return v;
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  const wantsHelp = rest.includes('--help') || rest.includes('-h');
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    console.log(MAIN_HELP);
    return;
  }
  switch (command) {
    case 'serve':
      if (wantsHelp) return void console.log(SERVE_HELP);
      return runServe(loadConfig());
    case 'migrate':
      if (wantsHelp) return void console.log(MIGRATE_HELP);
      return runMigrate(loadConfig());
    case 'seed': {
      if (wantsHelp) return void console.log(SEED_HELP);
      const { values } = parseArgs({ args: rest, options: { demo: { type: 'boolean' } }, strict: true });
      return runSeed(loadConfig(), Boolean(values.demo));
    }
    case 'user': {
      const [sub, ...args] = rest;
      if (!sub || wantsHelp) return void console.log(USER_HELP);
      const { values } = parseArgs({
        args,
        strict: true,
        options: {
          username: { type: 'string' },
          password: { type: 'string' },
          role: { type: 'string', multiple: true },
          region: { type: 'string' },
          name: { type: 'string' },
          reason: { type: 'string' },
          'totp-secret': { type: 'string' },
        },
      });
      if (sub === 'add') {
        const roles = (values.role ?? []).flatMap((r) => r.split(',')).map((r) => r.trim()).filter(Boolean);
        if (roles.length === 0) throw new UsageError('缺少参数 --role');
        return runUserAdd(loadConfig(), {
          username: need(values, 'username'),
          password: need(values, 'password'),
          roles,
          region: need(values, 'region'),
          name: values.name,
          totpSecret: values['totp-secret'],
        });
      }
      if (sub === 'disable') return runUserDisable(loadConfig(), need(values, 'username'), need(values, 'reason'));
      if (sub === 'reset-password') {
        return runUserResetPassword(loadConfig(), need(values, 'username'), need(values, 'password'), need(values, 'reason'));
      }
      if (sub === 'reset-totp') return runUserResetTotp(loadConfig(), need(values, 'username'), need(values, 'reason'));
      throw new UsageError(`未知的 user 子命令：${sub}`);
    }
    case 'stats': {
      if (rest[0] === 'service') {
        if (wantsHelp) return void console.log(SERVICE_CLOCK_HELP);
        const { values } = parseArgs({ args: rest.slice(1), strict: true, options: { region: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, kind: { type: 'string' }, json: { type: 'boolean' } } });
        return runServiceClockStats(loadConfig(), { region: need(values, 'region'), from: need(values, 'from'), to: need(values, 'to'), kind: values.kind, json: Boolean(values.json) });
      }
      if (rest[0] === 'commitments') {
        if (wantsHelp) return void console.log(COMMITMENT_STATS_HELP);
        const { values } = parseArgs({ args: rest.slice(1), strict: true, options: { region: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, json: { type: 'boolean' } } });
        return runCommitmentStats(loadConfig(), { region: need(values, 'region'), from: values.from, to: values.to, json: Boolean(values.json) });
      }
      if (rest[0] === 'activities') {
        if (wantsHelp) return void console.log(ACTIVITY_STATS_HELP);
        const text = { type: 'string' } as const;
        const { values } = parseArgs({
          args: rest.slice(1),
          strict: true,
          options: { region: text, from: text, to: text, type: text, hosting: text, 'leader-level': text, team: text, activity: text, 'by-month': { type: 'boolean' }, json: { type: 'boolean' } },
        });
        return runActivityStats(loadConfig(), {
          region: need(values, 'region'),
          from: need(values, 'from'),
          to: need(values, 'to'),
          type: values.type,
          hosting: values.hosting,
          leaderLevel: values['leader-level'],
          team: values.team,
          activity: values.activity,
          byMonth: Boolean(values['by-month']),
          json: Boolean(values.json),
        });
      }
      if (wantsHelp) return void console.log(STATS_HELP);
      const { values } = parseArgs({
        args: rest,
        strict: true,
        options: { region: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, 'exclude-tags': { type: 'string' }, json: { type: 'boolean' } },
      });
      return runStats(loadConfig(), { region: need(values, 'region'), from: need(values, 'from'), to: need(values, 'to'), excludeTags: values['exclude-tags'], json: Boolean(values.json) });
    }
    case 'briefings': {
      const sub = rest[0];
      if (wantsHelp || !sub) return void console.log(BRIEFINGS_HELP);
      const text = { type: 'string' } as const;
      if (sub === 'generate') {
        const { values } = parseArgs({ args: rest.slice(1), strict: true, options: { region: text, kind: text, date: text, week: text, 'reset-text': { type: 'boolean' }, out: text } });
        const date = values.date ?? values.week;
        if (!date) throw new UsageError('缺少参数 --date（或 --week）');
        let kind;
        try {
          kind = parseBriefingKind(need(values, 'kind'));
        } catch (err) {
          throw new UsageError((err as Error).message);
        }
        return runBriefingGenerate(loadConfig(), { region: need(values, 'region'), kind, date, resetText: Boolean(values['reset-text']), out: values.out });
      }
      if (sub === 'due') {
        const { values } = parseArgs({ args: rest.slice(1), strict: true, options: { date: text } });
        if (values.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.date)) throw new UsageError(`--date 应为 YYYY-MM-DD，不是“${values.date}”`);
        return runBriefingsDue(loadConfig(), { date: values.date });
      }
      throw new UsageError(`未知的 briefings 子命令：${sub}`);
    }
    case 'report': {
      if (wantsHelp) return void console.log(REPORT_HELP);
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        strict: true,
        options: { region: { type: 'string' }, month: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' }, issuer: { type: 'string' } },
      });
      if (positionals.length !== 1) throw new UsageError('请指定文书类型：yinfeng report monthly|quarterly|annual');
      return runReport(loadConfig(), { kind: positionals[0] as string, region: need(values, 'region'), month: need(values, 'month'), format: values.format ?? 'pdf', out: values.out, issuer: values.issuer });
    }
    case 'import': {
      if (wantsHelp) return void console.log(IMPORT_HELP);
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        strict: true,
        options: { kind: { type: 'string' }, 'dry-run': { type: 'boolean' }, as: { type: 'string' }, source: { type: 'string' }, 'source-date': { type: 'string' }, region: { type: 'string' } },
      });
      if (positionals.length !== 1) throw new UsageError('请指定一个要导入的文件：yinfeng import FILE');
      process.exitCode = await runImportCommand(loadConfig(), {
        file: positionals[0] as string,
        kind: values.kind,
        dryRun: Boolean(values['dry-run']),
        as: values.as,
        source: values.source,
        sourceDate: values['source-date'],
        region: values.region,
      });
      return;
    }
    case 'chains': {
      const [sub, ...args] = rest;
      if (!sub || wantsHelp) return void console.log(CHAINS_HELP);
      const { values, positionals } = parseArgs({
        args,
        allowPositionals: true,
        strict: true,
        options: { code: { type: 'string' }, region: { type: 'string' }, as: { type: 'string' } },
      });
      process.exitCode = await runChainsCommand(loadConfig(), sub, { template: positionals[0], code: values.code, region: values.region, as: values.as });
      return;
    }
    case 'targets': {
      const [sub, ...args] = rest;
      if (!sub || wantsHelp) return void console.log(TARGETS_HELP);
      const text = { type: 'string' } as const;
      const { values, positionals } = parseArgs({
        args,
        allowPositionals: true,
        strict: true,
        options: { chain: text, node: text, region: text, enterprise: text, to: text, from: text, reason: text, project: text, limit: text, as: text, json: { type: 'boolean' } },
      });
      process.exitCode = await runTargetsCommand(loadConfig(), sub, { ...values, id: positionals[0] });
      return;
    }
    case 'audit': {
      const [sub, ...args] = rest;
      if (!sub || wantsHelp) return void console.log(AUDIT_HELP);
      if (sub !== 'verify') throw new UsageError(`未知的 audit 子命令：${sub}`);
      const { values } = parseArgs({ args, strict: true, options: { 'no-seal': { type: 'boolean' } } });
      process.exitCode = await runAuditVerify(loadConfig(), { seal: !values['no-seal'] });
      return;
    }
    case 'backup': {
      if (wantsHelp) return void console.log(BACKUP_HELP);
      const { values } = parseArgs({ args: rest, strict: true, options: { out: { type: 'string' } } });
      return runBackup(loadConfig(), need(values, 'out'));
    }
    case 'restore': {
      if (wantsHelp) return void console.log(RESTORE_HELP);
      const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, strict: true, options: { force: { type: 'boolean' } } });
      if (positionals.length !== 1) throw new UsageError('请指定一个备份文件：yinfeng restore FILE [--force]');
      return runRestore(loadConfig(), positionals[0] as string, Boolean(values.force));
    }
    case 'doctor': {
      if (wantsHelp) return void console.log(DOCTOR_HELP);
      const { values } = parseArgs({ args: rest, strict: true, options: { json: { type: 'boolean' } } });
      process.exitCode = await runDoctor({ json: Boolean(values.json) });
      return;
    }
    default:
      throw new UsageError(`未知命令：${command}`);
  }
}

installStopSignals(); // SIGTERM and SIGINT stop every command cleanly (process-stop.ts)
main(process.argv.slice(2)).catch((err: unknown) => {
  const stop = err instanceof StopRequested ? err.signal : stopRequested();
  if (stop) {
    // stopped by a signal before finishing: serve stopped cleanly (0), any other command did not finish
    if (!(err instanceof StopRequested)) console.error(err instanceof Error ? err.message : err);
    process.exit(process.argv[2] === 'serve' ? 0 : exitCodeForSignal(stop));
  }
  if (err instanceof UsageError) {
    console.error(`${err.message}\n运行 yinfeng --help 查看用法。`);
    process.exit(2);
  }
  if (err instanceof ConfigError || err instanceof DataDirBusyError) {
    console.error(err.message);
    process.exit(1);
  }
  if (isAppError(err)) {
    console.error(`错误：${err.message}${err.details ? `\n${err.details.map((d) => `  - ${d.field ?? ''} ${d.message}`).join('\n')}` : ''}`);
    process.exit(1);
  }
  if (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS')) {
    console.error(`参数有误：${err.message}\n运行 yinfeng --help 查看用法。`);
    process.exit(2);
  }
  console.error(err);
  process.exit(1);
});
