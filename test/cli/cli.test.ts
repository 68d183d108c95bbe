/**
 * bin/yinfeng as an operator runs it: real processes on a fresh embedded data directory. One data
 * directory is shared by the tests in order (each CLI start on PGlite takes a couple of seconds).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../../src/seed/demo';
import { generateTotpCode } from '../../src/services/accounts/second-factor';
import { cleanEnv, runCli, startServe, type Server } from './processes';

const OPERATOR = `cli:${os.userInfo().username}`;

describe('bin/yinfeng', () => {
  let dir: string;
  let emptyDir: string;
  let env: NodeJS.ProcessEnv;
  let server: Server | undefined;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yinfeng-cli-'));
    emptyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yinfeng-cli-empty-'));
    env = cleanEnv({ YINFENG_DATA_DIR: dir });
  });

  afterAll(async () => {
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(emptyDir, { recursive: true, force: true });
  });

  it('prints usage and refuses bad invocations without touching a database', async () => {
    const noDb = cleanEnv({ YINFENG_DATA_DIR: emptyDir });
    const [help, userHelp, bare, badPort, unknown, noRole, badOption, seedWithoutDemo] = await Promise.all([
      runCli(['--help'], noDb),
      runCli(['user', '--help'], noDb),
      runCli([], noDb),
      runCli(['migrate'], cleanEnv({ YINFENG_DATA_DIR: emptyDir, PORT: 'abc' })),
      runCli(['frobnicate'], noDb),
      runCli(['user', 'add', '--username', 'nobody', '--password', 'Strong-pass-1', '--region', '650109'], noDb),
      runCli(['user', 'add', '--bogus', 'x'], noDb),
      runCli(['seed'], noDb),
    ]);

    expect(help.code).toBe(0);
    expect(help.stdout).toContain('引凤 Yinfeng · 招商引资工作平台');
    expect(help.stdout).toContain('用法: yinfeng <命令> [选项]');
    expect(help.stdout).toContain('user add|disable|reset-password|reset-totp   管理账号');
    expect(help.stderr).toBe('');
    expect(bare.code).toBe(0);
    expect(bare.stdout).toBe(help.stdout);

    expect(userHelp.code).toBe(0);
    expect(userHelp.stdout).toContain('yinfeng user add --username U --password P --role ROLE --region CODE [--name 姓名] [--totp-secret BASE32]');
    expect(userHelp.stdout).toContain('yinfeng user reset-totp --username U --reason 原因');
    expect(userHelp.stdout).toContain('sysadmin, secadmin, auditor, leader, officer, statistician, reviewer, analyst');
    expect(userHelp.stdout).toContain('yinfeng user disable --username U --reason 原因');
    expect(userHelp.stdout).toContain('yinfeng user reset-password --username U --password P --reason 原因');

    expect(badPort.code).toBe(1);
    expect(badPort.stderr).toContain('PORT 须为 1–65535 之间的整数，当前为 "abc"');
    expect(badPort.stdout).toBe('');

    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('未知命令：frobnicate\n运行 yinfeng --help 查看用法。\n');
    expect(noRole.code).toBe(2);
    expect(noRole.stderr).toContain('缺少参数 --role');
    expect(badOption.code).toBe(2);
    expect(badOption.stderr).toContain('参数有误');
    expect(badOption.stderr).toContain('--bogus');
    expect(seedWithoutDemo.code).toBe(1);
    expect(seedWithoutDemo.stderr).toContain('请指定要载入的数据：yinfeng seed --demo');

    // none of these opened the embedded database
    expect(fs.readdirSync(emptyDir)).toEqual([]);
  });

  it('adds a user (taking over a lock left by a dead process), and refuses the same username again', async () => {
    const dead = spawn(process.execPath, ['-e', '']);
    const deadPid = dead.pid;
    await new Promise((r) => dead.once('exit', r));
    fs.writeFileSync(path.join(dir, 'yinfeng.lock'), JSON.stringify({ pid: deadPid, owner: 'crashed', startedAt: '2026-01-01T00:00:00Z' }));

    const add = await runCli(['user', 'add', '--username', 'officer1', '--password', 'Strong-pass-1', '--role', 'officer', '--region', '650109'], env);
    expect(add.stderr).toBe('');
    expect(add.code).toBe(0);
    expect(add.stdout).toBe('已创建用户 officer1（officer，地区 米东区 650109）\n');
    expect(fs.existsSync(path.join(dir, 'yinfeng.lock'))).toBe(false);

    const again = await runCli(['user', 'add', '--username', 'officer1', '--password', 'Other-pass-2', '--role', 'leader', '--region', '650100'], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('用户名“officer1”已被使用');
    expect(again.stdout).toBe('');
  });

  it('adds an administrator with a known TOTP secret (scripted set-up), and refuses a common password or a malformed secret', async () => {
    const add = await runCli(['user', 'add', '--username', 'audit2', '--password', 'Strong-pass-1', '--role', 'auditor', '--region', '650100', '--totp-secret', 'JBSWY3DPEHPK3PXP'], env);
    expect(add.stderr).toBe('');
    expect(add.code).toBe(0);
    expect(add.stdout).toBe('已创建用户 audit2（auditor，地区 乌鲁木齐市 650100，已绑定动态口令）\n');
    const bad = await runCli(['user', 'add', '--username', 'audit3', '--password', 'Strong-pass-1', '--role', 'auditor', '--region', '650100', '--totp-secret', '12345'], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--totp-secret 须为 16–64 位 Base32');
    const common = await runCli(['user', 'add', '--username', 'audit4', '--password', 'Password@2026', '--role', 'auditor', '--region', '650100'], env);
    expect(common.code).toBe(1);
    expect(common.stderr).toContain('密码过于常见');
  });

  it('refuses an unknown region, naming it', async () => {
    const res = await runCli(['user', 'add', '--username', 'officer2', '--password', 'Strong-pass-1', '--role', 'officer', '--region', '999999'], env);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('地区 999999 不存在');
  });

  it('refuses a weak password, saying why', async () => {
    const res = await runCli(['user', 'add', '--username', 'officer3', '--password', 'weakpass', '--role', 'officer', '--region', '650109'], env);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('密码须包含小写字母、大写字母、数字、符号中的至少 3 类');
  });

  it('refuses two administrator roles on one account', async () => {
    const res = await runCli(['user', 'add', '--username', 'admin2', '--password', 'Strong-pass-1', '--role', 'sysadmin,auditor', '--region', '650100'], env);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('三权分立：一个账号不能同时担任系统管理员、审计管理员');
  });

  it('disables a user', async () => {
    const res = await runCli(['user', 'disable', '--username', 'officer1', '--reason', '调离'], env);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toBe('已停用用户 officer1，其会话已全部结束\n');
    const unknown = await runCli(['user', 'disable', '--username', 'ghost', '--reason', '调离'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('用户 ghost 不存在');
  });

  // the demo seed writes 300 projects and 30,000 enterprises with search keys: ~17 s of CPU on PGlite, more on a busy CI machine
  it('loads the demo data, twice without harm', { timeout: 300_000 }, async () => {
    const first = await runCli(['seed', '--demo'], env, 140_000);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`演示数据已载入。演示账号（密码 ${DEMO_PASSWORD}）：${DEMO_ACCOUNTS.map((a) => a.username).join(', ')}`);
    const second = await runCli(['seed', '--demo'], env, 140_000);
    expect(second.stderr).toBe('');
    expect(second.code).toBe(0);
    expect(second.stdout).toBe(first.stdout);
  });

  it('resets a password', async () => {
    const res = await runCli(['user', 'reset-password', '--username', 'officer', '--password', 'New-strong-2', '--reason', '忘记密码'], env);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toBe('已重置用户 officer 的密码；下次登录须修改密码\n');
  });

  it('migrates', async () => {
    const res = await runCli(['migrate'], env);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toBe(`迁移完成：嵌入式数据库 ${dir}\n`);
  });

  it('prints the summary of a period across years without the excluded tags, and refuses a malformed --exclude-tags', async () => {
    const args = ['stats', '--region', '650100', '--from', '2025-11', '--to', '2026-02'];
    const json = await runCli([...args, '--exclude-tags', '光伏、 储能', '--json'], env);
    expect(json.stderr).toBe('');
    expect(json.code).toBe(0);
    const s = JSON.parse(json.stdout) as { from: string; to: string; excludeTags: string[]; target: unknown; signed: { projects: number; bySector: Record<string, { projects: number }> } };
    expect(s).toMatchObject({ from: '2025-11', to: '2026-02', excludeTags: ['光伏', '储能'], target: null });
    expect(Object.keys(s.signed.bySector)).toEqual(['primary', 'secondary', 'tertiary']);
    expect(s.signed.bySector.primary!.projects + s.signed.bySector.secondary!.projects + s.signed.bySector.tertiary!.projects).toBeLessThanOrEqual(s.signed.projects);
    const table = await runCli(args, env);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('统计期 2025-11 至 2026-02');
    expect(table.stdout).toContain('按三次产业');
    expect(table.stdout).toContain('统计期跨年，不计算年度目标完成率');
    const bad = await runCli([...args, '--exclude-tags', '光伏,,储能'], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('排除标签（excludeTags）中有空标签');
    expect(bad.stdout).toBe('');
  });

  it('refuses a second process on a data directory that yinfeng serve holds', async () => {
    server = await startServe(env);
    const lock = JSON.parse(fs.readFileSync(path.join(dir, 'yinfeng.lock'), 'utf8')) as { pid: number; owner: string };
    expect(lock).toMatchObject({ pid: server.child.pid, owner: 'yinfeng serve' });

    const migrate = await runCli(['migrate'], env);
    expect(migrate.code).toBe(1);
    expect(migrate.stderr).toContain(`数据目录 ${dir} 正被另一个 Yinfeng 进程使用（进程号 ${server.child.pid}，yinfeng serve`);
    expect(migrate.stdout).toBe('');
    // the refused process did not take or remove the lock
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'yinfeng.lock'), 'utf8'))).toEqual(lock);
    expect((await fetch(`${server.base}/api/health`)).status).toBe(200);
  });

  it('shows the effect of every command through the running server', async () => {
    if (!server) throw new Error('serve is not running');
    const login = (username: string, password: string, totp?: string) =>
      fetch(`${server!.base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: server!.base },
        body: JSON.stringify({ username, password, ...(totp ? { totp } : {}) }),
        signal: AbortSignal.timeout(10_000),
      });
    const cookieOf = (res: Response) => `yinfeng_session=${/yinfeng_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1]}`;

    expect((await login('officer1', 'Strong-pass-1')).status).toBe(401); // disabled
    expect((await login('officer', DEMO_PASSWORD)).status).toBe(401); // password was reset
    const officer = await login('officer', 'New-strong-2');
    expect(officer.status).toBe(200);
    expect(await officer.json()).toMatchObject({ user: { username: 'officer', mustChangePassword: true } });

    // the demo administrators have the published demo TOTP secret; without a code the reply is TOTP_REQUIRED
    const noCode = await login('sysadmin', DEMO_PASSWORD);
    expect(noCode.status).toBe(401);
    expect(await noCode.json()).toMatchObject({ error: { code: 'TOTP_REQUIRED' } });
    const sysLogin = await login('sysadmin', DEMO_PASSWORD, generateTotpCode(DEMO_TOTP_SECRET));
    expect(sysLogin.status).toBe(200);
    expect((await login('audit2', 'Strong-pass-1', generateTotpCode('JBSWY3DPEHPK3PXP'))).status).toBe(200);
    const sys = cookieOf(sysLogin);
    const users = await fetch(`${server.base}/api/users?pageSize=200`, { headers: { cookie: sys } });
    const list = (await users.json()) as { total: number; items: { username: string; status: string; roles: string[] }[] };
    // the sysadmin of 乌鲁木齐市 sees the demo accounts of its subtree (not the regional reviewer above it), officer1 and audit2
    expect(list.total).toBe(DEMO_ACCOUNTS.filter((a) => a.regionCode.startsWith('6501')).length + 2);
    expect(list.items.map((u) => u.username)).not.toContain('reviewer_xj');
    expect(list.items.find((u) => u.username === 'officer1')).toMatchObject({ status: 'disabled', roles: ['officer'] });
    const parks = await fetch(`${server.base}/api/parks`, { headers: { cookie: sys } });
    expect(((await parks.json()) as { items: unknown[] }).items).toHaveLength(2);

    const auditorLogin = await login('auditor', DEMO_PASSWORD, generateTotpCode(DEMO_TOTP_SECRET));
    expect(auditorLogin.status).toBe(200);
    const audit = await fetch(`${server.base}/api/audit?action=user.disable`, { headers: { cookie: cookieOf(auditorLogin) } });
    const rows = (await audit.json()) as { items: { actorUsername: string; reason: string; objectType: string }[] };
    expect(rows.items).toHaveLength(1);
    expect(rows.items[0]).toMatchObject({ actorUsername: OPERATOR, reason: '调离', objectType: 'user' });
  });

  it('stops cleanly on SIGTERM and releases the data directory', async () => {
    if (!server) throw new Error('serve is not running');
    expect(await server.stop()).toBe(0);
    expect(server.output()).toContain('已停止。');
    expect(fs.existsSync(path.join(dir, 'yinfeng.lock'))).toBe(false);
  });
});
