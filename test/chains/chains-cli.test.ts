/** bin/yinfeng import --kind chains and yinfeng chains templates|adopt: the same rules as the API, printed, with exit codes. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, runCli } from '../cli/processes';

const HEADER = '产业链编码,产业链名称,节点编码,节点名称,上级节点编码,环节,行业代码,关键产品';

describe('bin/yinfeng chains', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yinfeng-cli-chains-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('lists templates, imports a chain file (again: unchanged), refuses a bad file and a county, and adopts a template', { timeout: 300_000 }, async () => {
    const env = cleanEnv({ YINFENG_DATA_DIR: path.join(dir, 'data') });
    const templates = await runCli(['chains', 'templates'], env, 120_000);
    expect(templates.code, templates.stderr).toBe(0);
    expect(templates.stdout.trim().split('\n').map((l) => l.split('\t')[0])).toEqual(['AGRIFOOD', 'COALCHEM', 'H2', 'LIB', 'NEWMAT', 'PV', 'SILICONE', 'TEXTILE']);

    const file = path.join(dir, '硅链.csv');
    fs.writeFileSync(file, [HEADER, 'SI,硅产业链,SI-01,工业硅,,上游,3218,工业硅', 'SI,硅产业链,SI-02,多晶硅,,中游,3985,多晶硅'].join('\n'));
    const noRegion = await runCli(['import', file, '--kind', 'chains'], env, 120_000);
    expect(noRegion.code).toBe(1);
    expect(noRegion.stderr).toContain('第 2 行 [产业链编码] “SI”：产业链由省级或地州市级定义');
    const county = await runCli(['import', file, '--kind', 'chains', '--region', '650109'], env, 120_000);
    expect(county.code).toBe(1);
    expect(county.stderr).toContain('您的所属地区 米东区 是县区');

    const imported = await runCli(['import', file, '--kind', 'chains', '--region', '650100'], env, 120_000);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain('SI 硅产业链：新建，第 1 版，2 个节点');
    const again = await runCli(['import', file, '--kind', 'chains'], env, 120_000);
    expect(again.stdout).toContain('SI 硅产业链：不变，第 1 版，2 个节点');

    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(bad, [HEADER, 'SI,硅产业链,SI-01,工业硅,,上游,3218,工业硅', 'SI,硅产业链,SI-03,组件,SI-09,中游,0000,'].join('\n'));
    const refused = await runCli(['import', bad, '--kind', 'chains', '--dry-run'], env, 120_000);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('第 3 行 [上级节点编码] “SI-09”：上级节点 SI-09 不在产业链 SI 的节点中');
    expect(refused.stderr).toContain('第 3 行 [行业代码] “0000”：行业代码“0000”不在 GB/T 4754-2017 中');
    expect((await runCli(['import', bad, '--kind', 'funds', '--region', '650100'], env, 120_000)).stderr).toContain('--region 只用于产业链导入');

    const adopted = await runCli(['chains', 'adopt', 'h2', '--region', '650100'], env, 120_000);
    expect(adopted.code, adopted.stderr).toBe(0);
    expect(adopted.stdout).toMatch(/已采用模板 H2：\n {2}H2 \S+：新建，第 1 版，\d+ 个节点/);
    // the operator may change every chain: adopting again brings nothing new (a taken code for a user: test/chains/chain-import.test.ts)
    const again2 = await runCli(['chains', 'adopt', 'H2'], env, 120_000);
    expect(again2.code, again2.stderr).toBe(0);
    expect(again2.stdout).toMatch(/H2 \S+：不变，第 1 版/);
  });
});
