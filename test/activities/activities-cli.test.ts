/**
 * bin/yinfeng import --kind activities|activity-organisations|activity-projects and yinfeng stats
 * activities --json: the ledger of fixtures.ts gives the same hand-computed object as the API
 * (activity-stats.test.ts), apart from the service items, which the CLI cannot enter.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, runCli } from '../cli/processes';
import { ACTIVITIES_CSV, EXPECTED_URUMQI, LINKS_CSV, ORGANISATIONS_CSV, PROJECTS_CSV } from './fixtures';

describe('bin/yinfeng import and stats activities', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yinfeng-cli-activities-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('imports the ledger (again: unchanged), refuses a contradiction and prints the figures as JSON', { timeout: 300_000 }, async () => {
    const env = cleanEnv({ YINFENG_DATA_DIR: path.join(dir, 'data') });
    const write = (name: string, content: Buffer) => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, content);
      return file;
    };
    const projects = await runCli(['import', write('项目.csv', PROJECTS_CSV), '--kind', 'projects'], env, 120_000);
    expect(projects.code, projects.stderr).toBe(0);
    const activities = write('招商活动.csv', ACTIVITIES_CSV);
    const imported = await runCli(['import', activities, '--kind', 'activities'], env, 120_000);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain('招商活动：新建 12，更新 0，不变 0（共 12 行）');
    const again = await runCli(['import', activities, '--kind', 'activities'], env, 120_000);
    expect(again.stdout).toContain('招商活动：新建 0，更新 0，不变 12（共 12 行）');
    expect((await runCli(['import', write('活动对象.csv', ORGANISATIONS_CSV), '--kind', 'activity-organisations'], env, 120_000)).stdout).toContain('活动对象：新建 9');
    const bad = write('坏.csv', Buffer.from(`${LINKS_CSV.toString('utf8')}\nA1,NOPE,签约`, 'utf8'));
    const refused = await runCli(['import', bad, '--kind', 'activity-projects'], env, 120_000);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('活动项目 第 10 行 [项目编号] “NOPE”：项目编号 NOPE 不存在或不在您的管辖范围内');
    expect((await runCli(['import', write('活动项目.csv', LINKS_CSV), '--kind', 'activity-projects'], env, 120_000)).stdout).toContain('活动项目：新建 8');

    const stats = await runCli(['stats', 'activities', '--region', '650100', '--from', '2025-01', '--to', '2026-12', '--json'], env, 120_000);
    expect(stats.code, stats.stderr).toBe(0);
    expect(JSON.parse(stats.stdout)).toEqual({ ...EXPECTED_URUMQI, serviceItems: { opened: 0, projects: 0, closed: 0, closedOnTime: 0 } });
    const filtered = await runCli(['stats', 'activities', '--region', '650100', '--from', '2025-01', '--to', '2026-12', '--leader-level', '四大班子领导', '--type', '外出招商', '--json'], env, 120_000);
    expect(JSON.parse(filtered.stdout).trips).toEqual({ count: 2, personTrips: 8, ledByLeadership: 2, ledByPrincipal: 1, ledByAnyLeader: 2, organisations: 3 });
    const team = await runCli(['stats', 'activities', '--region', '650100', '--from', '2025-01', '--to', '2026-12', '--team', '杭州小分队', '--hosting', '参加', '--activity', 'A9', '--json'], env, 120_000);
    expect(JSON.parse(team.stdout)).toMatchObject({ events: { organised: 0, attended: 1 }, projects: { talks: 1 } });
    // --by-month: the months of the API's byMonth=true (activity-stats.test.ts pins them by hand)
    const months = await runCli(['stats', 'activities', '--region', '650100', '--from', '2025-08', '--to', '2025-09', '--by-month', '--json'], env, 120_000);
    expect(months.code, months.stderr).toBe(0);
    expect(JSON.parse(months.stdout).byMonth).toEqual([
      { month: '2025-08', trips: 0, visits: 0, receptions: 0, events: 1, talks: 0, signed: 0, signedAmountYuan: 0 },
      { month: '2025-09', trips: 0, visits: 0, receptions: 0, events: 1, talks: 2, signed: 2, signedAmountYuan: 70_000_000 },
    ]);
    const table = await runCli(['stats', 'activities', '--region', '650100', '--from', '2025-01', '--to', '2026-12'], env, 120_000);
    expect(table.stdout).toContain('外出招商   4 批次  14 人次  四大班子领导带队 2（其中党政主要领导 1）');
  });
});
