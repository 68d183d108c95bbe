/**
 * 服务时钟 (issue 13 item 8) of 帮办代办, pinned on hand-computed figures for 乌鲁木齐市 (650100),
 * period 2026-09..2026-10 (asOf 2026-10-31). The official 2026 calendar: 中秋 09-25 (Fri) off,
 * 09-20 (Sun) worked, 国庆 10-01..10-07 off, 10-10 (Sat) worked.
 *
 * | item | region (project) | handler | opened | working days → due | closed | days to close | on time |
 * |---|---|---|---|---|---|---|---|
 * | A | 米东 P1 | 张三 | 09-29 | 3 → 10-09 (across 国庆) | 10-09 (the due day) | 3 | yes |
 * | B | 米东 P1 | 张三 | 09-29 | 3 → 10-09 | 10-10 (Sat, worked) | 4 | no |
 * | C | 米东 P2 | 李四 | 09-01 | 5 → 09-08 | 09-02 | 1 | yes |
 * | D | 天山 P3 | 李四 | 09-01 | 5 → 09-08 | open | — | past due |
 * | E | 天山 P3 | 王五 | 08-31 (before P) | 2 → 09-02 | 09-30 | 22 (Sep: 22 weekdays − 09-25 + 09-20) | no |
 * | F | 天山 P4 | 王五 | 10-12 | 10 → 10-26 | 10-13 | 1 | yes |
 * | G | 米东 P2 | 张三 | 10-12 | 5 → 10-19 | 10-16 | 4 | yes |
 *
 * Totals: opened A B C D F G = 6 (4 projects), closed A B C E F G = 6, on time 4 → 66.67 %,
 * days [1,1,3,4,4,22]: median = rank ⌈0.5×6⌉ = 3 → 3, p90 = rank ⌈0.9×6⌉ = 6 → 22; open past due D = 1.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nearestRank } from '../../src/domain/service-clocks';
import { cleanEnv, runCli } from '../cli/processes';
import { createTestApp, type TestApp } from '../helpers/app';
import { DATABASE_KINDS } from '../helpers/databases';

const none = { opened: 0, closed: 0, closedOnTime: 0, onTimeRatePct: null, medianDays: null, p90Days: null, openPastDue: 0, projects: 0, medianFirstResponseDays: null, p90FirstResponseDays: null };

describe('nearest-rank percentiles', () => {
  it('takes the value at rank ⌈p/100 × n⌉: the lower middle for an even median, the 9th of 10 for p90', () => {
    const ten = [10, 1, 9, 2, 8, 3, 7, 4, 6, 5];
    expect(nearestRank(ten, 50)).toBe(5);
    expect(nearestRank(ten, 90)).toBe(9);
    expect(nearestRank([4, 1, 3], 50)).toBe(3);
    expect(nearestRank([7], 90)).toBe(7);
    expect(nearestRank([], 50)).toBeNull();
  });
});

describe.each(DATABASE_KINDS)('service clocks on %s', (kind) => {
  let t: TestApp;
  let cookie: string;

  beforeAll(async () => {
    t = await createTestApp(kind);
    await t.createAccount('sc_officer', ['officer'], '650100');
    await t.createAccount('sc_tianshan', ['statistician'], '650102');
    cookie = await t.login('sc_officer');
    const project = async (regionCode: string, name: string) => {
      const res = await t.call('POST', '/api/projects', { cookie, body: { name, regionCode } });
      expect(res.statusCode, res.body).toBe(201);
      return (res.json() as { id: string }).id;
    };
    const item = async (projectId: string, handlerName: string, openedOn: string, workingDays: number, dueOn: string, closedOn: string | null) => {
      const res = await t.call('POST', `/api/projects/${projectId}/service-items`, { cookie, body: { type: 'land', title: '用地预审', requester: '项目单位', handlerName, openedOn, workingDays } });
      expect(res.statusCode, res.body).toBe(201);
      const created = res.json() as { id: string; dueOn: string; version: number };
      expect(created.dueOn).toBe(dueOn);
      if (closedOn) {
        const closed = await t.call('PATCH', `/api/service-items/${created.id}`, { cookie, body: { status: 'closed', closedOn, version: created.version } });
        expect(closed.statusCode, closed.body).toBe(200);
      }
    };
    const [p1, p2, p3, p4] = [await project('650109', '时钟项目一'), await project('650109', '时钟项目二'), await project('650102', '时钟项目三'), await project('650102', '时钟项目四')];
    await item(p1, '张三', '2026-09-29', 3, '2026-10-09', '2026-10-09');
    await item(p1, '张三', '2026-09-29', 3, '2026-10-09', '2026-10-10');
    await item(p2, '李四', '2026-09-01', 5, '2026-09-08', '2026-09-02');
    await item(p3, '李四', '2026-09-01', 5, '2026-09-08', null);
    await item(p3, '王五', '2026-08-31', 2, '2026-09-02', '2026-09-30');
    await item(p4, '王五', '2026-10-12', 10, '2026-10-26', '2026-10-13');
    await item(p2, '张三', '2026-10-12', 5, '2026-10-19', '2026-10-16');
  });
  afterAll(() => t.close());

  it('gives the totals, each sub-region, each handler and each month as computed by hand', async () => {
    const res = await t.call('GET', '/api/stats/service-items?region=650100&from=2026-09&to=2026-10', { cookie });
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json() as { asOf: string; kind: string; totals: unknown; byRegion: { code: string }[]; byHandler: unknown[]; trend: unknown[] };
    expect(s.kind).toBe('serviceItems');
    expect(s.asOf).toBe('2026-10-31');
    expect(s.totals).toEqual({ opened: 6, closed: 6, closedOnTime: 4, onTimeRatePct: 66.67, medianDays: 3, p90Days: 22, openPastDue: 1, projects: 4, medianFirstResponseDays: null, p90FirstResponseDays: null });
    expect(s.byRegion.find((r) => r.code === '650109')).toEqual({ code: '650109', name: '米东区', opened: 4, closed: 4, closedOnTime: 3, onTimeRatePct: 75, medianDays: 3, p90Days: 4, openPastDue: 0, projects: 2, medianFirstResponseDays: null, p90FirstResponseDays: null });
    expect(s.byRegion.find((r) => r.code === '650102')).toEqual({ code: '650102', name: '天山区', opened: 2, closed: 2, closedOnTime: 1, onTimeRatePct: 50, medianDays: 1, p90Days: 22, openPastDue: 1, projects: 2, medianFirstResponseDays: null, p90FirstResponseDays: null });
    expect(s.byRegion.find((r) => r.code === '650100')).toBeUndefined(); // no project of the city itself
    expect(s.byRegion.find((r) => r.code === '650103')).toMatchObject(none);
    expect(s.byHandler).toEqual([
      { handler: '张三', opened: 3, closed: 3, closedOnTime: 2, onTimeRatePct: 66.67, medianDays: 4, p90Days: 4, openPastDue: 0, projects: 2, medianFirstResponseDays: null, p90FirstResponseDays: null },
      { handler: '李四', opened: 2, closed: 1, closedOnTime: 1, onTimeRatePct: 100, medianDays: 1, p90Days: 1, openPastDue: 1, projects: 2, medianFirstResponseDays: null, p90FirstResponseDays: null },
      { handler: '王五', opened: 1, closed: 2, closedOnTime: 1, onTimeRatePct: 50, medianDays: 1, p90Days: 22, openPastDue: 0, projects: 1, medianFirstResponseDays: null, p90FirstResponseDays: null },
    ]);
    expect(s.trend).toEqual([
      { month: '2026-09', asOf: '2026-09-30', opened: 4, closed: 2, closedOnTime: 1, onTimeRatePct: 50, medianDays: 1, p90Days: 22, openPastDue: 1, projects: 3, medianFirstResponseDays: null, p90FirstResponseDays: null },
      { month: '2026-10', asOf: '2026-10-31', opened: 2, closed: 4, closedOnTime: 3, onTimeRatePct: 75, medianDays: 3, p90Days: 4, openPastDue: 1, projects: 2, medianFirstResponseDays: null, p90FirstResponseDays: null },
    ]);
  });

  it('counts a county alone, refuses a region outside the caller’s scope (404) and a reversed period (400)', async () => {
    const tianshan = await t.login('sc_tianshan');
    const own = await t.call('GET', '/api/stats/service-items?region=650102&from=2026-09&to=2026-09', { cookie: tianshan });
    expect(own.statusCode, own.body).toBe(200);
    expect((own.json() as { totals: unknown }).totals).toEqual({ opened: 1, closed: 1, closedOnTime: 0, onTimeRatePct: 0, medianDays: 22, p90Days: 22, openPastDue: 1, projects: 1, medianFirstResponseDays: null, p90FirstResponseDays: null });
    expect((await t.call('GET', '/api/stats/service-items?region=650100&from=2026-09&to=2026-10', { cookie: tianshan })).statusCode).toBe(404);
    expect((await t.call('GET', '/api/stats/service-items?region=650102&from=2026-10&to=2026-09', { cookie: tianshan })).statusCode).toBe(400);
  });
});

describe('bin/yinfeng stats service', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yinfeng-cli-service-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints the API’s object as JSON (an installation without items: zeros and nulls)', { timeout: 180_000 }, async () => {
    const env = cleanEnv({ YINFENG_DATA_DIR: path.join(dir, 'data') });
    const res = await runCli(['stats', 'service', '--region', '650109', '--from', '2026-09', '--to', '2026-10', '--json'], env, 150_000);
    expect(res.code, res.stderr).toBe(0);
    const s = JSON.parse(res.stdout) as Record<string, unknown>;
    expect(s).toMatchObject({ kind: 'serviceItems', region: '650109', regionName: '米东区', from: '2026-09', to: '2026-10', asOf: '2026-10-31', totals: none, byHandler: [] });
    expect(s.trend).toEqual([
      { month: '2026-09', asOf: '2026-09-30', ...none },
      { month: '2026-10', asOf: '2026-10-31', ...none },
    ]);
  });
});
