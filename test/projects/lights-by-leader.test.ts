/**
 * Red and yellow projects per 包联领导, pinned on a hand-built set where every leader's red count
 * differs from their yellow count (default rules: yellow after 60 idle days or 60 days late to
 * start, red after 90 or when an open problem is overdue):
 *   张 (prefecture): red idle 95 days, red overdue problem, yellow idle 70 days, green, operating idle 200 days (green)
 *   李 (county):     yellow idle 65 days, yellow signed and 61 days late to start, red idle 120 days, terminated idle 300 days (green)
 *   no leader:       yellow idle 61 days, green
 *   王 (county) leads only projects of the sibling county: outside 米东's counts
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInShanghai } from '../../src/domain/dates';
import { shiftDate } from '../../src/domain/working-days';
import { createTestApp, type TestApp } from '../helpers/app';
import { DATABASE_KINDS } from '../helpers/databases';

interface LeaderRow {
  leaderId: string | null;
  leaderName: string;
  red: number;
  yellow: number;
  total: number;
}

describe.each(DATABASE_KINDS)('lights per leader on %s', (kind) => {
  let t: TestApp;
  let officer: string;
  let prefecture: string;
  const leaders = { zhang: '', li: '', wang: '' };
  const today = todayInShanghai();

  beforeAll(async () => {
    t = await createTestApp(kind);
    leaders.zhang = await t.createAccount('lb_zhang', ['leader'], '650100');
    leaders.li = await t.createAccount('lb_li', ['leader'], '650109');
    leaders.wang = await t.createAccount('lb_wang', ['leader'], '650102');
    await t.createAccount('lb_officer', ['officer'], '650109');
    await t.createAccount('lb_pref', ['officer'], '650100');
    officer = await t.login('lb_officer');
    prefecture = await t.login('lb_pref');

    const project = async (leaderId: string | null, idleDays: number, extra: Record<string, unknown> = {}, regionCode = '650109', cookie = officer) => {
      const res = await t.call('POST', '/api/projects', { cookie, body: { name: `项目${idleDays}`, regionCode, leaderId, ...extra } });
      expect(res.statusCode, res.body).toBe(201);
      const id = (res.json() as { id: string }).id;
      const at = new Date(`${shiftDate(today, -idleDays)}T12:00:00+08:00`).toISOString();
      await t.database.db.execute(sql`update projects set last_progress_at = ${at} where id = ${id}`);
      return id;
    };
    const signed = { investorName: '某投资方', signedDate: shiftDate(today, -200), signedAmountYuan: 50_000_000 };

    await project(leaders.zhang, 95);
    const overdue = await project(leaders.zhang, 0);
    const prob = await t.call('POST', `/api/projects/${overdue}/problems`, { cookie: officer, body: { description: '环评未批', ownerName: '生态环境局', dueDate: shiftDate(today, -3) } });
    expect(prob.statusCode, prob.body).toBe(201);
    await project(leaders.zhang, 70);
    await project(leaders.zhang, 10);
    await project(leaders.zhang, 200, { stage: 'operating', ...signed, agreedStartDate: shiftDate(today, -190), startedDate: shiftDate(today, -180), operatingDate: shiftDate(today, -30) });

    await project(leaders.li, 65);
    await project(leaders.li, 5, { stage: 'signed', ...signed, agreedStartDate: shiftDate(today, -61) });
    await project(leaders.li, 120);
    const dead = await project(leaders.li, 0);
    const d = (await t.call('GET', `/api/projects/${dead}`, { cookie: officer })).json() as { version: number };
    const term = await t.call('POST', `/api/projects/${dead}/stage`, { cookie: officer, body: { to: 'terminated', terminationReason: '投资方撤回', version: d.version } });
    expect(term.statusCode, term.body).toBe(200);
    await t.database.db.execute(sql`update projects set last_progress_at = ${new Date(`${shiftDate(today, -300)}T12:00:00+08:00`).toISOString()} where id = ${dead}`);

    await project(null, 61);
    await project(null, 1);

    await project(leaders.wang, 100, {}, '650102', prefecture);
    await project(leaders.wang, 100, {}, '650102', prefecture);
  });
  afterAll(() => t.close());

  const byLeader = async (cookie: string, regionCode?: string) => {
    const res = await t.call('GET', `/api/lights/by-leader${regionCode ? `?regionCode=${regionCode}` : ''}`, { cookie });
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { items: LeaderRow[] }).items;
  };

  it('counts red and yellow projects per leader, most red first', async () => {
    expect(await byLeader(officer)).toEqual([
      { leaderId: leaders.zhang, leaderName: 'lb_zhang', red: 2, yellow: 1, total: 5 },
      { leaderId: leaders.li, leaderName: 'lb_li', red: 1, yellow: 2, total: 4 },
      { leaderId: null, leaderName: '（未指定包联领导）', red: 0, yellow: 1, total: 2 },
    ]);
  });

  it('agrees with the lights the project list shows', async () => {
    const list = (await t.call('GET', '/api/projects?pageSize=500', { cookie: officer })).json() as { items: { leaderId: string | null; light: string }[] };
    const count = (leaderId: string | null, light: string) => list.items.filter((p) => p.leaderId === leaderId && p.light === light).length;
    for (const row of await byLeader(officer)) {
      expect({ red: row.red, yellow: row.yellow }).toEqual({ red: count(row.leaderId, 'red'), yellow: count(row.leaderId, 'yellow') });
    }
  });

  it('counts a prefecture with all its counties, and a county alone when asked', async () => {
    expect(await byLeader(prefecture)).toEqual([
      { leaderId: leaders.zhang, leaderName: 'lb_zhang', red: 2, yellow: 1, total: 5 },
      { leaderId: leaders.wang, leaderName: 'lb_wang', red: 2, yellow: 0, total: 2 },
      { leaderId: leaders.li, leaderName: 'lb_li', red: 1, yellow: 2, total: 4 },
      { leaderId: null, leaderName: '（未指定包联领导）', red: 0, yellow: 1, total: 2 },
    ]);
    expect(await byLeader(prefecture, '650102')).toEqual([{ leaderId: leaders.wang, leaderName: 'lb_wang', red: 2, yellow: 0, total: 2 }]);
    expect((await t.call('GET', '/api/lights/by-leader?regionCode=650102', { cookie: officer })).statusCode).toBe(404);
  });
});
