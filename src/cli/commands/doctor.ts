/**
 * yinfeng doctor: checks an installation and says what to fix, in Chinese. Each check is ok, warn or
 * fail; the exit code is 1 when any fails (0 with warnings only). Read-only: it opens the database
 * without migrating (an embedded one only when no server holds it) and changes nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig, type Config } from '../../config/config';
import { readBackupRecord } from '../../db/backup/backup-record';
import { openDatabase, type Database } from '../../db/client';
import { DataDirBusyError } from '../../db/data-dir-lock';
import { countShippedMigrations, createHealthProbe } from '../../db/health-probe';
import { COMMAND_POOL } from '../../db/pool-settings';
import { selectRolePrivileges, selectServerFacts } from '../../db/queries/operations/doctor-facts';
import { describeMigrations, describeReplica } from '../../db/readiness';
import { readReplicaStatus } from '../../db/replica-status';
import { attachReplicas } from '../../db/replicas/read-routing';
import { EMBEDDED_APP_ROLE, selectCurrentUser, selectRoleStanding } from '../../db/roles';
import { SINGLE_ROLE_WARNING } from '../../db/schema-setup';
import { resolveCjkFont } from '../../documents/cjk-font';

export const DOCTOR_HELP = `用法: yinfeng doctor [--json]

检查本机安装并指出要修复什么：配置、数据库版本与扩展（pg_trgm）、迁移、数据库角色与权限、
PDF 用的中文字体、数据目录所在磁盘的剩余空间、最近一次备份的时间、只读副本的延迟。
每项为 ok / warn / fail；有 fail 时退出码 1。只读取，不修改任何东西。
  --json   以 JSON 输出（{ ok, checks: [{ name, status, message, fix }] }）`;

export type CheckStatus = 'ok' | 'warn' | 'fail';

export interface DoctorCheck {
  name: string;
  status: CheckStatus;
  message: string;
  /** what to do, when not ok */
  fix?: string;
}

const MIN_SERVER_VERSION = 150000;
const REQUIRED_EXTENSIONS = ['pg_trgm'];
const GIB = 1024 ** 3;
/** the backup age beyond which doctor warns (a daily backup is late) and fails (a week without one) */
const BACKUP_WARN_HOURS = 26;
const BACKUP_FAIL_DAYS = 7;

const ok = (name: string, message: string): DoctorCheck => ({ name, status: 'ok', message });
const warn = (name: string, message: string, fix: string): DoctorCheck => ({ name, status: 'warn', message, fix });
const fail = (name: string, message: string, fix: string): DoctorCheck => ({ name, status: 'fail', message, fix });

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function checkFont(env: NodeJS.ProcessEnv): DoctorCheck {
  try {
    const font = resolveCjkFont(env);
    return ok('fonts', `PDF 中文字体：${font.name}（${font.normal.file}）`);
  } catch (err) {
    return fail('fonts', `没有可用的 PDF 中文字体：${errorText(err)}`, '安装 fonts-noto-cjk（apt-get install fonts-noto-cjk），或用 YINFENG_PDF_FONT 指定一个 .ttf/.otf/.ttc 字体文件');
  }
}

/** The nearest existing directory at or above `dir` (the data directory may not exist yet on PostgreSQL). */
function existingAncestor(dir: string): string {
  let current = path.resolve(dir);
  while (!fs.existsSync(current) && path.dirname(current) !== current) current = path.dirname(current);
  return current;
}

function checkDisk(dataDir: string): DoctorCheck {
  const where = existingAncestor(dataDir);
  const stats = fs.statfsSync(where);
  const free = stats.bavail * stats.bsize;
  const share = stats.blocks > 0 ? stats.bavail / stats.blocks : 1;
  const text = `数据目录 ${dataDir} 所在磁盘剩余 ${(free / GIB).toFixed(1)} GiB（${(share * 100).toFixed(0)}%）`;
  const fix = '清理旧的备份与日志，或扩大磁盘；嵌入式数据库、导入任务的上传文件都在这个目录';
  if (free < GIB) return fail('disk', text, fix);
  if (free < 5 * GIB || share < 0.1) return warn('disk', text, fix);
  return ok('disk', text);
}

function checkBackup(dataDir: string, now: Date): DoctorCheck {
  const record = readBackupRecord(dataDir);
  const schedule = '按 docs/operations.md“定时备份”设置每日备份（bin/yinfeng backup --out …）';
  if (!record) return warn('backup', `本机没有备份记录（${path.join(dataDir, 'last-backup.json')}）`, `${schedule}；在别的机器上备份的，请在那里检查`);
  const hours = (now.getTime() - Date.parse(record.finishedAt)) / 3_600_000;
  const text = `最近一次备份 ${record.finishedAt}（${hours < 48 ? `${hours.toFixed(1)} 小时` : `${(hours / 24).toFixed(1)} 天`}前）：${record.file}`;
  if (!fs.existsSync(record.file)) return warn('backup', `${text}，但这个文件已不在`, '确认备份文件已复制到别处，或重新备份');
  if (hours > BACKUP_FAIL_DAYS * 24) return fail('backup', text, schedule);
  if (hours > BACKUP_WARN_HOURS) return warn('backup', text, `检查定时备份是否在运行；${schedule}`);
  return ok('backup', text);
}

/** Opens the configured database for reading, or says why it cannot. */
async function openForChecks(config: Config): Promise<{ database: Database } | { check: DoctorCheck }> {
  if (config.database.kind === 'pglite') {
    const pgdata = path.join(config.database.dataDir, 'pgdata');
    if (!fs.existsSync(pgdata)) {
      return { check: fail('database', `数据目录 ${config.database.dataDir} 中没有嵌入式数据库`, '运行 bin/yinfeng migrate 创建，或检查 YINFENG_DATA_DIR') };
    }
  }
  try {
    return { database: await openDatabase(config.database, 'yinfeng doctor', { ...COMMAND_POOL, max: 2, connectionTimeoutMillis: 5000 }) };
  } catch (err) {
    if (err instanceof DataDirBusyError) {
      return { check: warn('database', '嵌入式数据库正由运行中的服务打开（同一时间只允许一个进程），数据库、迁移、角色与副本的检查已跳过', '在服务停止时（例如备份窗口）再运行 bin/yinfeng doctor') };
    }
    return { check: fail('database', `无法连接数据库：${errorText(err)}`, '检查数据库服务器是否运行、DATABASE_URL 的地址、端口、用户与密码') };
  }
}

async function checkDatabase(config: Config, database: Database): Promise<DoctorCheck[]> {
  const checks: DoctorCheck[] = [];
  const facts = await selectServerFacts(database.db);
  const runtime = database.kind === 'pglite' ? '嵌入式 PGlite' : 'PostgreSQL';
  if (facts.versionNum < MIN_SERVER_VERSION) {
    checks.push(fail('database', `${runtime} ${facts.version}：版本过低`, '升级到 PostgreSQL 15 或更新的版本'));
  } else {
    checks.push(ok('database', `${runtime} ${facts.version}（${database.location}）`));
  }
  const have = new Map(facts.extensions.map((e) => [e.name, e.version]));
  const missing = REQUIRED_EXTENSIONS.filter((e) => !have.has(e));
  checks.push(
    missing.length > 0
      ? fail('extensions', `缺少扩展：${missing.join('、')}`, '安装 postgresql-contrib，再以表所有者身份运行 bin/yinfeng migrate（迁移会 create extension）')
      : ok('extensions', `扩展：${REQUIRED_EXTENSIONS.map((e) => `${e} ${have.get(e)}`).join('、')}`),
  );
  const probe = createHealthProbe(database);
  try {
    const m = describeMigrations(await probe.countAppliedMigrations(), countShippedMigrations());
    checks.push(m.ok ? ok('migrations', m.message) : fail('migrations', m.message, '以表所有者身份运行 bin/yinfeng migrate（设置 YINFENG_OWNER_DATABASE_URL）'));
  } finally {
    await probe.close();
  }
  checks.push(await checkRoles(config, database));
  if (config.replicas.refused) checks.push(warn('replicas', config.replicas.refused, '见 docs/operations.md「只读副本」'));
  await database.reads?.checkNow(); // a fresh look at each replica's lag, not the watcher's first guess
  const replicas = await readReplicaStatus(database);
  if (replicas.length === 0 && !config.replicas.refused) checks.push(ok('replicas', '未配置只读副本'));
  for (const r of replicas) {
    const d = describeReplica(r);
    checks.push(d.ok ? ok(`replica:${r.name}`, d.message) : warn(`replica:${r.name}`, d.message, '检查副本服务器的运行、复制连接与网络；延迟持续超限时检查主库写入量与副本的磁盘'));
  }
  return checks;
}

async function checkRoles(config: Config, database: Database): Promise<DoctorCheck> {
  const regrant = '以表所有者身份运行 bin/yinfeng migrate（迁移后重新授权，见 docs/security.md）';
  if (database.kind === 'pglite') {
    const p = await selectRolePrivileges(database.db, EMBEDDED_APP_ROLE);
    if (!p.exists || !p.businessRows || !p.jobSchema) return fail('roles', `嵌入式应用角色 ${EMBEDDED_APP_ROLE} 不存在或缺少权限`, '运行 bin/yinfeng migrate');
    if (p.auditWritable) return fail('roles', `嵌入式应用角色 ${EMBEDDED_APP_ROLE} 能修改或删除审计日志`, '运行 bin/yinfeng migrate（重新授权）');
    return ok('roles', `应用以角色 ${EMBEDDED_APP_ROLE} 运行：读写业务数据，审计日志只能追加`);
  }
  const standing = await selectRoleStanding(database.db);
  if (standing.superuser || standing.ownsAuditLog) {
    return warn('roles', `单角色模式：DATABASE_URL 的角色 ${standing.role} ${standing.superuser ? '是超级用户' : '拥有数据表'}`, SINGLE_ROLE_WARNING.replace(/^警告：/, ''));
  }
  const p = await selectRolePrivileges(database.db, standing.role);
  if (p.auditWritable) return fail('roles', `应用角色 ${standing.role} 能修改或删除审计日志`, `撤销该权限：${regrant}`);
  if (!p.businessRows || !p.jobSchema) return fail('roles', `应用角色 ${standing.role} 缺少业务表或任务引擎（pgboss）的读写权限`, regrant);
  let owner = '未设 YINFENG_OWNER_DATABASE_URL：迁移须由所有者另行运行';
  const ownerUrl = config.database.kind === 'postgres' ? config.database.ownerUrl : undefined;
  if (ownerUrl) {
    let ownerDb: Database | null = null;
    try {
      ownerDb = await openDatabase({ kind: 'postgres', url: ownerUrl }, 'yinfeng doctor', { ...COMMAND_POOL, max: 1, connectionTimeoutMillis: 5000 });
      const ownerRole = await selectCurrentUser(ownerDb.db);
      const ownerStanding = await selectRoleStanding(ownerDb.db);
      if (!ownerStanding.ownsAuditLog && !ownerStanding.superuser) {
        return fail('roles', `YINFENG_OWNER_DATABASE_URL 的角色 ${ownerRole} 不拥有数据表`, '把它设为运行迁移、拥有数据表的角色的连接');
      }
      owner = `所有者 ${ownerRole}`;
    } catch (err) {
      return fail('roles', `无法以 YINFENG_OWNER_DATABASE_URL 连接：${errorText(err)}`, '检查所有者连接的地址、用户与密码');
    } finally {
      await ownerDb?.close();
    }
  }
  return ok('roles', `应用角色 ${standing.role} 不拥有数据表，读写业务数据，审计日志只能追加；${owner}`);
}

export async function runDoctorChecks(env: NodeJS.ProcessEnv = process.env, now = new Date()): Promise<DoctorCheck[]> {
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return [fail('config', `配置有误：${err.problems.join('；')}`, '按提示改正环境变量（见 docs/configuration.md）后再运行')];
  }
  const checks: DoctorCheck[] = [ok('config', `配置有效（${config.database.kind === 'pglite' ? `嵌入式数据库，目录 ${config.database.dataDir}` : 'PostgreSQL'}）`)];
  const opened = await openForChecks(config);
  if ('check' in opened) {
    checks.push(opened.check);
  } else {
    try {
      // the replicas of DATABASE_REPLICA_URLS, each through a one-connection pool, so their lag is checked too
      opened.database = await attachReplicas(opened.database, { ...config.replicas, poolMax: 1, statementTimeoutMs: 5000, connectTimeoutMs: 2000 }, () => undefined);
      checks.push(...(await checkDatabase(config, opened.database)));
    } catch (err) {
      checks.push(fail('database', `检查数据库时出错：${errorText(err)}`, '检查数据库服务器与连接设置'));
    } finally {
      await opened.database.close();
    }
  }
  checks.push(checkFont(env), checkDisk(config.dataDir), checkBackup(config.dataDir, now));
  return checks;
}

const MARKS: Record<CheckStatus, string> = { ok: '[ok]  ', warn: '[warn]', fail: '[fail]' };

/** Prints the checks (text or JSON) and returns the exit code: 1 when any failed. */
export async function runDoctor(opts: { json: boolean }): Promise<number> {
  const checks = await runDoctorChecks();
  const failed = checks.some((c) => c.status === 'fail');
  if (opts.json) {
    console.log(JSON.stringify({ ok: !failed, checks }, null, 2));
  } else {
    for (const c of checks) console.log(`${MARKS[c.status]} ${c.name.padEnd(10)} ${c.message}${c.fix ? `\n         → ${c.fix}` : ''}`);
    const warnings = checks.filter((c) => c.status === 'warn').length;
    console.log(failed ? '\n有检查未通过（fail），请按提示修复。' : warnings > 0 ? `\n全部通过，${warnings} 项提醒（warn）。` : '\n全部通过。');
  }
  return failed ? 1 : 0;
}
