/**
 * bin/yinfeng doctor (issue 15, item 7) as an operator runs it, on an embedded data directory and on
 * PostgreSQL with the two roles: every check ok or warn on a sound installation (no backup yet:
 * warn), the backup's age after `yinfeng backup`, and a fail with a non-zero exit code naming what to
 * fix for a bad setting, a missing font and an unreachable server.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DATABASE_KINDS } from '../helpers/databases';
import { cleanEnv, runCli } from './processes';

const CLI_TIMEOUT = 240_000;

interface Report {
  ok: boolean;
  checks: { name: string; status: 'ok' | 'warn' | 'fail'; message: string; fix?: string }[];
}

function statusOf(report: Report): Record<string, string> {
  return Object.fromEntries(report.checks.map((c) => [c.name, c.status]));
}

const dirs: string[] = [];
function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups) await c();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('bin/yinfeng doctor', () => {
  it('refuses a bad setting with a fail naming the variable, exit code 1, before touching a database', { timeout: CLI_TIMEOUT }, async () => {
    const res = await runCli(['doctor', '--json'], cleanEnv({ YINFENG_DATA_DIR: tempDir('yinfeng-doctor-bad-'), YINFENG_METRICS_ALLOW: 'nowhere' }), CLI_TIMEOUT);
    expect(res.code, res.stderr).toBe(1);
    const report = JSON.parse(res.stdout) as Report;
    expect(report.ok).toBe(false);
    expect(report.checks).toHaveLength(1);
    expect(report.checks[0]).toMatchObject({ name: 'config', status: 'fail' });
    expect(report.checks[0]?.message).toContain('YINFENG_METRICS_ALLOW');
  });

  it('an unreachable PostgreSQL server fails the database check', { timeout: CLI_TIMEOUT }, async () => {
    const res = await runCli(['doctor'], cleanEnv({ YINFENG_DATA_DIR: tempDir('yinfeng-doctor-down-'), DATABASE_URL: 'postgres://nobody@127.0.0.1:1/nothing' }), CLI_TIMEOUT);
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/\[fail\] database +无法连接数据库：/);
    expect(res.stdout).toContain('→ 检查数据库服务器是否运行、DATABASE_URL 的地址、端口、用户与密码');
    expect(res.stdout).toContain('有检查未通过（fail），请按提示修复。');
  });

  it.runIf(DATABASE_KINDS.includes('pglite'))('embedded: all ok but the backup until one is made; a missing font fails', { timeout: 600_000 }, async () => {
    const dataDir = tempDir('yinfeng-doctor-pglite-');
    const env = cleanEnv({ YINFENG_DATA_DIR: dataDir });
    const empty = await runCli(['doctor', '--json'], env, CLI_TIMEOUT);
    expect(empty.code).toBe(1);
    expect((JSON.parse(empty.stdout) as Report).checks.find((c) => c.name === 'database')?.fix).toContain('bin/yinfeng migrate');

    expect((await runCli(['migrate'], env, CLI_TIMEOUT)).code).toBe(0);
    const first = await runCli(['doctor', '--json'], env, CLI_TIMEOUT);
    expect(first.code, first.stdout + first.stderr).toBe(0);
    const report = JSON.parse(first.stdout) as Report;
    expect(statusOf(report)).toEqual({ config: 'ok', database: 'ok', extensions: 'ok', migrations: 'ok', roles: 'ok', replicas: 'ok', fonts: 'ok', disk: expect.stringMatching(/ok|warn/), backup: 'warn' });
    expect(report.checks.find((c) => c.name === 'extensions')?.message).toMatch(/^扩展：pg_trgm /);
    expect(report.checks.find((c) => c.name === 'roles')?.message).toContain('yinfeng_app');
    expect(report.checks.find((c) => c.name === 'backup')?.message).toContain('本机没有备份记录');

    const file = path.join(tempDir('yinfeng-doctor-files-'), 'yinfeng.backup');
    expect((await runCli(['backup', '--out', file], env, CLI_TIMEOUT)).code).toBe(0);
    const text = await runCli(['doctor'], { ...env, YINFENG_PDF_FONT: '/nonexistent/font.ttf' }, CLI_TIMEOUT);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(new RegExp(`\\[ok\\] +backup +最近一次备份 .+小时前）：${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    expect(text.stdout).toMatch(/\[fail\] fonts +没有可用的 PDF 中文字体/);
    expect(text.stdout).toContain('→ 安装 fonts-noto-cjk');
  });

  it.runIf(DATABASE_KINDS.includes('postgres'))('PostgreSQL with the two roles: roles, version and extensions ok', { timeout: 600_000 }, async () => {
    const database = await createTestDatabase('postgres', { role: 'app' });
    cleanups.push(() => database.close());
    const env = cleanEnv({ YINFENG_DATA_DIR: tempDir('yinfeng-doctor-pg-'), DATABASE_URL: database.url as string, YINFENG_OWNER_DATABASE_URL: database.ownerUrl as string });
    const res = await runCli(['doctor', '--json'], env, CLI_TIMEOUT);
    expect(res.code, res.stdout + res.stderr).toBe(0);
    const report = JSON.parse(res.stdout) as Report;
    expect(statusOf(report)).toMatchObject({ config: 'ok', database: 'ok', extensions: 'ok', migrations: 'ok', roles: 'ok', replicas: 'ok', fonts: 'ok', backup: 'warn' });
    expect(report.checks.find((c) => c.name === 'database')?.message).toMatch(/^PostgreSQL 1\d/);
    expect(report.checks.find((c) => c.name === 'roles')?.message).toMatch(/^应用角色 yinfeng_test_app 不拥有数据表.+；所有者 /);
    // the owner as the application: single-role mode is a warning
    const single = await runCli(['doctor', '--json'], cleanEnv({ YINFENG_DATA_DIR: tempDir('yinfeng-doctor-pg1-'), DATABASE_URL: database.ownerUrl as string }), CLI_TIMEOUT);
    expect(single.code).toBe(0);
    expect((JSON.parse(single.stdout) as Report).checks.find((c) => c.name === 'roles')).toMatchObject({ status: 'warn', message: expect.stringContaining('单角色模式') });
  });
});
