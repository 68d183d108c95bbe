/** bin/yinfeng import on a fresh embedded data directory: the report and exit code, then a clean import. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
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

  it('imports a three-sheet workbook with the same counts as the API gives, and a second run changes nothing', async () => {
    const env = cleanEnv({ YINFENG_DATA_DIR: path.join(dir, 'data') });
    const wb = new ExcelJS.Workbook();
    const sheets: Record<string, unknown[][]> = {
      企业: [['统一社会信用代码', '企业名称', '注册地区代码'], ['914403001922038216', '华为技术有限公司', '440300']],
      项目: [
        ['项目编号', '项目名称', '地区代码', '投资方', '投资方信用代码', '资金来源', '阶段', '签约额(万元)', '签约日期'],
        ['WB-1', '智算中心项目', '650109', '华为技术有限公司', '914403001922038216', '区外', '签约', '100000', '2024-03-15'],
        ['WB-2', '物流园项目', '650109', '', '', '区内', '线索', '', ''],
      ],
      到位资金: [['项目编号', '月份', '金额(万元)', '备注'], ['WB-1', '2024-04', '100', '首期'], ['WB-1', '2024-04', '50.5', '补充'], ['WB-1', '2024-05', '10', '']],
    };
    for (const [name, rows] of Object.entries(sheets)) {
      const ws = wb.addWorksheet(name);
      for (const r of rows) ws.addRow(r);
    }
    const file = path.join(dir, '三表.xlsx');
    fs.writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
    const first = await runCli(['import', file], env, 90_000);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    // the same counts the service and the API give for such a workbook (test/imports-db/imports.test.ts): fund rows sharing a key add up
    expect(first.stdout).toContain('企业：新建 1，更新 0，不变 0');
    expect(first.stdout).toContain('项目：新建 2，更新 0，不变 0');
    expect(first.stdout).toContain('到位资金：新建 2，更新 0，不变 0');
    const second = await runCli(['import', file], env, 90_000);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('企业：新建 0，更新 0，不变 1');
    expect(second.stdout).toContain('项目：新建 0，更新 0，不变 2');
    expect(second.stdout).toContain('到位资金：新建 0，更新 0，不变 2');
  }, 180_000);
});
