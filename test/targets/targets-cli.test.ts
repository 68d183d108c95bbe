/** bin/yinfeng targets: score, claim, advance and the funnel from the command line, through the same services and rules as the API. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, runCli } from '../cli/processes';
import { testCreditCode } from '../enterprises/fixtures';

const CHAIN = ['产业链编码,产业链名称,节点编码,节点名称,上级节点编码,环节,行业代码,关键产品', 'SC,命令行链,SC-01,工业硅,,上游,3218,工业硅', 'SC,命令行链,SC-02,组件,,中游,3825,'].join('\n');

describe('bin/yinfeng targets', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yinfeng-cli-targets-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('scores a node, refreshes the features, claims a firm, refuses a drop without reason, advances it, prints the funnel and keeps the weights with too few outcomes', { timeout: 400_000 }, async () => {
    const env = cleanEnv({ YINFENG_DATA_DIR: path.join(dir, 'data') });
    const chain = path.join(dir, 'chain.csv');
    fs.writeFileSync(chain, CHAIN);
    expect((await runCli(['import', chain, '--kind', 'chains', '--region', '650100'], env, 120_000)).code).toBe(0);
    const big = testCreditCode(901, '320505');
    const small = testCreditCode(902, '320505');
    const firms = path.join(dir, 'firms.csv');
    fs.writeFileSync(firms, ['统一社会信用代码,企业名称,注册地区代码,行业代码,注册资本(万元)', `${big},苏州甲硅业有限公司,320505,3218,100000`, `${small},苏州乙硅业有限公司,320505,3218,100`].join('\n'));
    const imported = await runCli(['import', '--kind', 'enterprises', firms], env, 120_000);
    expect(imported.code, imported.stderr).toBe(0);

    const scored = await runCli(['targets', 'score', '--chain', 'SC', '--node', 'SC-01', '--region', '650109'], env, 120_000);
    expect(scored.code, scored.stderr).toBe(0);
    // 甲: 25 (same 小类) + 10 (10 亿) = 35; 乙: 25 + 4 (100 万) = 29
    expect(scored.stdout).toContain('米东区 · 命令行链 · 工业硅：评分候选 2 家，权重为默认值');
    expect(scored.stdout).toMatch(/1\. {2}35\.0 {2}苏州甲硅业有限公司（虎丘区）/);
    expect(scored.stdout).toMatch(/2\. {2}29\.0 {2}苏州乙硅业有限公司/);
    expect(scored.stdout).toContain('行业代码 3218 与本节点同小类（+25）');

    // the features by hand: one 大类 (32), no pair, one region × code count (320505, 3218), no growth signal; the scores stay
    const refreshed = await runCli(['targets', 'refresh-features'], env, 120_000);
    expect(refreshed.code, refreshed.stderr).toBe(0);
    expect(refreshed.stdout).toMatch(/已重算精准招商特征：1 个大类，0 对关联，1 组地区×行业企业数，0 家企业有成长信号，2 个产业链一级节点的本地企业数，用时 \d+ 毫秒/);

    const claimed = await runCli(['targets', 'claim', '--chain', 'SC', '--node', 'SC-01', '--region', '650109', '--enterprise', big], env, 120_000);
    expect(claimed.code, claimed.stderr).toBe(0);
    const id = /目标 ([0-9a-f-]{36})/.exec(claimed.stdout)?.[1] ?? '';
    expect(claimed.stdout).toContain('得分 35');
    const again = await runCli(['targets', 'claim', '--chain', 'SC', '--node', 'SC-01', '--region', '650102', '--enterprise', big], env, 120_000);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('苏州甲硅业有限公司已被米东区认领为本节点的目标（新目标）');

    const noReason = await runCli(['targets', 'status', id, '--to', 'dropped'], env, 120_000);
    expect(noReason.code).toBe(1);
    expect(noReason.stderr).toContain('放弃目标须填写原因');
    const visited = await runCli(['targets', 'status', id, '--to', 'visited'], env, 120_000);
    expect(visited.code, visited.stderr).toBe(0);
    expect(visited.stdout).toContain(`目标 ${id} 现为 visited`);

    const month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
    const funnel = await runCli(['targets', 'funnel', '--chain', 'SC', '--region', '650109', '--from', month, '--to', month], env, 120_000);
    expect(funnel.code, funnel.stderr).toBe(0);
    expect(JSON.parse(funnel.stdout)).toMatchObject({ total: { totals: { claimed: 1, contacted: 1, visited: 1, project: 0 } } });

    const fit = await runCli(['targets', 'fit-weights'], env, 120_000);
    expect(fit.code, fit.stderr).toBe(0);
    expect(fit.stdout).toContain('样本不足，保留原权重：1 个样本（正例 1），至少需要 20 个且正负例各 5 个'); // the visited target is one success
  });
});
