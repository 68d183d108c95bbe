/** bin/yinfeng import --kind enterprises: the job code run inline, its report and exit codes. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, runCli } from '../cli/processes';
import { enterpriseCsv, generatedRows } from './helpers';

describe('bin/yinfeng import --kind enterprises', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yinfeng-cli-ent-'));
  });
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('imports as a job as the CLI operator or in the name of --as, prints the counts, and exits non-zero with the report when a row is rejected', async () => {
    const env = cleanEnv({ YINFENG_DATA_DIR: path.join(dir, 'data') });
    const added = await runCli(['user', 'add', '--username', 'cli_analyst', '--password', 'Cli@pass-2026', '--role', 'analyst', '--region', '650109'], env, 120_000);
    expect(added.code, added.stderr).toBe(0);

    const data = generatedRows(40, 500);
    const good = path.join(dir, '企业名录.csv');
    fs.writeFileSync(good, enterpriseCsv(data.map((r) => ({ ...r, 数据来源: '', 数据日期: '' }))));
    // without --as it runs as the CLI operator, like projects and funds (a dry run here; a real one below)
    const noUser = await runCli(['import', '--kind', 'enterprises', good, '--dry-run'], env, 120_000);
    expect(noUser.code, noUser.stderr).toBe(0);
    expect(noUser.stdout).toMatch(/^试导入（未写入）“企业名录\.csv”（任务 [0-9a-f-]{36}）：/);
    expect(noUser.stdout).toContain('企业：新建 40，更新 0，不变 0（共 40 行）');
    const operatorFile = path.join(dir, '操作员.csv');
    fs.writeFileSync(operatorFile, enterpriseCsv(generatedRows(3, 900).map((r) => ({ ...r, 数据来源: '', 数据日期: '' }))));
    const byOperator = await runCli(['import', '--kind', 'enterprises', operatorFile], env, 120_000);
    expect(byOperator.code, byOperator.stderr).toBe(0);
    expect(byOperator.stdout).toContain('企业：新建 3，更新 0，不变 0（共 3 行）');
    // --as names an account that can hold the job: an existing, active one with 导入企业库
    const unknown = await runCli(['import', '--kind', 'enterprises', good, '--as', 'nobody'], env, 120_000);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('用户 nobody 不存在或已停用');
    const statistician = await runCli(['user', 'add', '--username', 'cli_stat', '--password', 'Cli@pass-2026', '--role', 'statistician', '--region', '650109'], env, 120_000);
    expect(statistician.code, statistician.stderr).toBe(0);
    const denied = await runCli(['import', '--kind', 'enterprises', good, '--as', 'cli_stat'], env, 120_000);
    expect(denied.code).toBe(1);
    expect(denied.stderr).toContain('用户 cli_stat 没有“导入企业库”权限');

    const ok = await runCli(['import', '--kind', 'enterprises', good, '--as', 'cli_analyst', '--source', '工商登记', '--source-date', '2024-06-30'], env, 120_000);
    expect(ok.stderr.includes('问题 0') || ok.stderr === '', ok.stderr).toBe(true);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/^已导入“企业名录\.csv”（任务 [0-9a-f-]{36}）：/);
    expect(ok.stdout).toContain('企业：新建 40，更新 0，不变 0（共 40 行）');

    const again = await runCli(['import', '--kind', 'enterprises', good, '--as', 'cli_analyst', '--source', '工商登记', '--source-date', '2024-06-30'], env, 120_000);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('企业：新建 0，更新 0，不变 40（共 40 行）；字段变更记录 0 条');

    const bad = path.join(dir, '有错.csv');
    fs.writeFileSync(bad, enterpriseCsv([{ ...(data[0] as Record<string, string>), 员工人数: '很多' }, ...data.slice(1, 3)]));
    const rejected = await runCli(['import', '--kind', 'enterprises', bad, '--as', 'cli_analyst'], env, 120_000);
    expect(rejected.code).toBe(1);
    expect(rejected.stderr).toContain('文件“有错.csv”有 1 个问题，未导入任何数据');
    expect(rejected.stderr).toContain('企业 第 2 行 [员工人数] “很多”：员工人数“很多”应为不小于 0 的整数');
    // the job's copy of the file is gone; the original stays
    expect(fs.readdirSync(path.join(dir, 'data', 'imports'))).toEqual([]);
    expect(fs.existsSync(bad)).toBe(true);
  }, 600_000);
});
