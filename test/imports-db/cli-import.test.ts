/** bin/yinfeng import on a fresh embedded data directory: the report and exit code, then a clean import. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, runCli } from '../cli/processes';

describe('bin/yinfeng import', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yinfeng-cli-import-'));
  });
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('prints the report and exits non-zero when a row is rejected, and the counts otherwise', async () => {
    const env = cleanEnv({ YINFENG_DATA_DIR: path.join(dir, 'data') });
    const bad = path.join(dir, 'bad.csv');
    const good = path.join(dir, 'good.csv');
    const head = '项目编号,项目名称,地区代码,资金来源,阶段';
    fs.writeFileSync(bad, `${head}\nCLI-1,项目一,650109,区内,在谈\nCLI-2,项目二,999999,区内,在谈\n`);
    fs.writeFileSync(good, `${head}\nCLI-1,项目一,650109,区内,在谈\nCLI-2,项目二,650102,区外,线索\n`);
    const rejected = await runCli(['import', bad], env, 90_000);
    expect(rejected.code).toBe(1);
    expect(rejected.stderr).toContain('有 1 个问题，未导入任何数据');
    expect(rejected.stderr).toContain('项目 第 3 行 [地区代码] “999999”：地区代码“999999”不存在');
    const ok = await runCli(['import', good, '--kind', 'projects'], env, 90_000);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('项目：新建 2，更新 0，不变 0（共 2 行）');
  }, 180_000);
});
