import { countUsers, deleteExpiredSessions } from '../../db/queries/accounts/users';
import { buildApp } from '../../http/app';
import { WEB_DIST } from '../../http/static-web';
import type { Config } from '../../config/config';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_TOTP_SECRET, isDemoSeeded, seedDemo } from '../../seed/demo';
import { getSecurityPolicy } from '../../services/accounts/security-policy';
import { ROLE_LABELS } from '../../domain/roles';
import { prepareDatabase } from '../prepare-database';
import fs from 'node:fs';
import { AppError } from '../../domain/app-error';
import { startBackgroundJobs, type BackgroundJobs } from '../../jobs/background-jobs';
import { removeLeftoverImportFiles } from '../../jobs/enterprise-imports/leftover-import-files';
import { onStopSignal, type StopSignal } from '../process-stop';

export const SERVE_HELP = `用法: yinfeng serve

启动 API 与网页（端口 PORT，默认 3000）。未设置 DATABASE_URL 时使用嵌入式数据库
（目录 YINFENG_DATA_DIR，默认 ./data）；空的嵌入式数据库首次启动时载入演示数据。
Ctrl-C（SIGINT）或 SIGTERM（systemctl stop、docker stop）干净地停止：处理完进行中的请求，
后台导入任务回滚并回到队列，关闭数据库并释放数据目录，退出码 0。`;

/**
 * Runs until SIGTERM or SIGINT (process-stop.ts): then the server stops taking requests and finishes
 * those under way, the background runners stop (a running import rolls back and returns to the queue),
 * the database closes (the embedded data directory's lock goes with it) and the process exits 0. A
 * signal during start-up stops it at the next step.
 */
/** How long serve waits before trying again to start the background work after a failed start. */
const JOBS_RETRY_SECONDS = 30;

/**
 * Starts the background work, trying again every JOBS_RETRY_SECONDS after a failure (the database
 * briefly away, a race with another server starting) until it starts or the server stops: requests
 * are served meanwhile, and a server never runs on without its share of imports and schedules.
 */
async function startBackgroundJobsUntilStopped(
  start: () => Promise<BackgroundJobs>,
  stopped: () => boolean,
  onFailure: (err: unknown, attempt: number) => void,
): Promise<BackgroundJobs | null> {
  for (let attempt = 1; !stopped(); attempt++) {
    try {
      return await start();
    } catch (err) {
      onFailure(err, attempt);
    }
    for (let waited = 0; waited < JOBS_RETRY_SECONDS * 10 && !stopped(); waited++) await new Promise((r) => setTimeout(r, 100));
  }
  return null;
}

export async function runServe(config: Config): Promise<void> {
  let stopRequestedBy: StopSignal | null = null;
  let stopRunning: ((signal: StopSignal) => void) | null = null;
  const unregister = onStopSignal((signal) => {
    stopRequestedBy = signal;
    stopRunning?.(signal);
  });
  const database = await prepareDatabase(config, 'yinfeng serve', 'server');
  const deps = { db: database.db, config };
  const startStopped = async () => {
    unregister();
    await database.close();
    console.log(`\n收到 ${stopRequestedBy}，启动中止，已停止。`);
    process.exit(0);
  };
  if (stopRequestedBy) return startStopped();
  if (database.kind === 'pglite' && (await countUsers(database.db)) === 0) {
    await seedDemo(deps);
  }
  // upload files of import jobs that ended (or never got a job) while no process was there to remove them
  await removeLeftoverImportFiles(database, config, { atStart: true }).catch((err: unknown) => console.error('清理导入任务遗留文件失败：', err));
  if (stopRequestedBy) return startStopped();
  const app = await buildApp({ config, database, logger: { level: config.logLevel } });
  // background work on the job engine (jobs/background-jobs.ts): import jobs, the statistics' rollup
  // warm-up, the audit chain seal, the nightly cleanup of leftover upload files; started once listening
  let jobs: Promise<BackgroundJobs | null> = Promise.resolve(null);
  const cleanup = setInterval(() => {
    void getSecurityPolicy(deps)
      .then((p) => deleteExpiredSessions(database.db, p.sessionIdleMinutes))
      .catch((err: unknown) => app.log.warn({ err }, 'session cleanup failed'));
  }, 10 * 60_000);

  let stopping: Promise<void> | null = null;
  const stop = (signal: StopSignal) =>
    (stopping ??= (async () => {
      console.log(`\n收到 ${signal}，正在停止……`);
      clearInterval(cleanup);
      await (await jobs)?.stop(); // a running import rolls back and returns to the queue
      await app.close();
      await database.close();
      console.log('已停止。');
      process.exit(0); // a clean stop, as systemd and container runtimes expect
    })().catch((err: unknown) => {
      console.error('停止时出错：', err);
      process.exit(1);
    }));

  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (err) {
    clearInterval(cleanup);
    unregister();
    await app.close();
    await database.close();
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new AppError('CONFLICT', `端口 ${config.port} 已被占用：请停止占用它的程序，或用 PORT 指定其他端口`);
    if (code === 'EACCES') throw new AppError('FORBIDDEN', `没有权限监听端口 ${config.port}：请用 PORT 指定 1024 以上的端口`);
    throw err;
  }
  if (stopRequestedBy) {
    clearInterval(cleanup);
    await app.close();
    return startStopped();
  }
  stopRunning = (signal) => void stop(signal);
  jobs = startBackgroundJobsUntilStopped(
    () =>
      startBackgroundJobs(database, config, {
        engine: { onError: (err, queue) => app.log.error({ err, queue }, 'background job') },
        onWarmed: (r, ms) => (r.partsComputed > 0 || (r.activityPartsComputed ?? 0) > 0) && app.log.info({ ...r, ms: Math.round(ms) }, 'rollup warm-up'),
      }),
    () => stopping !== null,
    (err, attempt) => app.log.error({ err, attempt }, `后台任务引擎启动失败（第 ${attempt} 次）：导入任务、统计预热与审计封存暂不运行，${JOBS_RETRY_SECONDS} 秒后重试`),
  );
  await jobs;
  if (stopRequestedBy) return;
  const url = `http://localhost:${config.port}`;
  const lines = [
    '',
    '  引凤 Yinfeng · 招商引资工作平台 已启动',
    `  网址 URL:        ${url}`,
    `  接口文档 API:    ${url}/api/docs`,
    `  数据库 Database: ${database.kind === 'pglite' ? `嵌入式 PGlite，目录 ${database.location}` : `PostgreSQL ${database.location}`}`,
  ];
  const replicas = database.reads?.describe() ?? [];
  if (replicas.length > 0) {
    lines.push(`  只读副本 Replicas: ${replicas.length} 个，可用 ${replicas.filter((r) => r.healthy).length} 个（${replicas.map((r) => r.url).join('，')}）`);
  }
  if (!fs.existsSync(`${WEB_DIST}/index.html`)) lines.push('  注意：未找到网页构建产物 web/dist，请先运行 npm run build:web（npm start 会自动构建）');
  if (await isDemoSeeded(deps)) {
    lines.push('', `  演示账号（密码均为 ${DEMO_PASSWORD}）Demo accounts, password ${DEMO_PASSWORD}:`);
    for (const a of DEMO_ACCOUNTS) lines.push(`    ${a.username.padEnd(14)} ${ROLE_LABELS[a.role]}  ${a.displayName}  地区 ${a.regionCode}`);
    lines.push(`  管理员（sysadmin、secadmin、auditor）另需动态口令：验证器中手动添加密钥 ${DEMO_TOTP_SECRET}，`, '  或运行 npx tsx scripts/totp-code.ts 取当前 6 位动态口令（Admins also need a TOTP code of that demo key）');
  }
  console.log(`${lines.join('\n')}\n`);
}
