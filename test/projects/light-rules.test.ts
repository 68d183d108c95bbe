/**
 * 红绿灯 rules stored by the administrator decide the lights everywhere they show: the project
 * detail, the list (its light and its light filter in SQL) and the counts per leader. Each project
 * is green or another colour under the default rules (60/90 days) and changes colour under the
 * stored rules, so a code path that ignored the stored rules would answer the default colour.
 */
import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/db/schema/index';
import { todayInShanghai } from '../../src/domain/dates';
import { shiftDate } from '../../src/domain/working-days';
import { createTestApp, type TestApp } from '../helpers/app';
import { DATABASE_KINDS } from '../helpers/databases';

interface Project {
  id: string;
  version: number;
  light: string;
  lightReasons: string[];
}

const DEFAULTS = { noProgressYellowDays: 60, noProgressRedDays: 90, notStartedYellowDays: 60, notStartedRedDays: 90, overdueProblemIsRed: true };

describe.each(DATABASE_KINDS)('stored light rules on %s', (kind) => {
  let t: TestApp;
  let officer: string;
  let sys: string;
  let leaderId: string;
  const today = todayInShanghai();
  const ids: Record<'idle40' | 'idle55' | 'lateStart20' | 'overdueProblem', string> = { idle40: '', idle55: '', lateStart20: '', overdueProblem: '' };

  beforeAll(async () => {
    t = await createTestApp(kind);
    leaderId = await t.createAccount('lr_leader', ['leader'], '650100');
    await t.createAccount('lr_officer', ['officer'], '650109');
    await t.createAccount('lr_sys', ['sysadmin'], '650100');
    officer = await t.login('lr_officer');
    sys = await t.login('lr_sys');
    const create = async (body: Record<string, unknown>) => {
      const res = await t.call('POST', '/api/projects', { cookie: officer, body: { regionCode: '650109', leaderId, ...body } });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as Project;
    };
    const at = (days: number) => new Date(`${shiftDate(today, -days)}T12:00:00+08:00`).toISOString();
    ids.idle40 = (await create({ name: '四十天无进展' })).id;
    ids.idle55 = (await create({ name: '五十五天无进展' })).id;
    // signed, agreed to start 20 days ago, not started; progress reported today
    ids.lateStart20 = (await create({ name: '逾期未开工', stage: 'signed', investorName: '某投资方', signedDate: shiftDate(today, -100), signedAmountYuan: 10_000_000, agreedStartDate: shiftDate(today, -20) })).id;
    ids.overdueProblem = (await create({ name: '问题超期' })).id;
    await t.database.db.execute(sql`update projects set last_progress_at = ${at(40)} where id = ${ids.idle40}`);
    await t.database.db.execute(sql`update projects set last_progress_at = ${at(55)} where id = ${ids.idle55}`);
    const prob = await t.call('POST', `/api/projects/${ids.overdueProblem}/problems`, { cookie: officer, body: { description: '供电线路未接入', ownerName: '供电公司', dueDate: shiftDate(today, -1) } });
    expect(prob.statusCode, prob.body).toBe(201);
  });
  afterAll(() => t.close());

  const detail = async (id: string) => {
    const res = await t.call('GET', `/api/projects/${id}`, { cookie: officer });
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json() as Project;
    return { light: p.light, lightReasons: p.lightReasons };
  };
  const listed = async (light?: string) => {
    const res = await t.call('GET', `/api/projects?pageSize=500${light ? `&light=${light}` : ''}`, { cookie: officer });
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { items: Project[] }).items;
  };
  const idsWithLight = async (light: string) => (await listed(light)).map((p) => p.id).sort();
  const byLeader = async () => {
    const res = await t.call('GET', '/api/lights/by-leader?regionCode=650109', { cookie: officer });
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { items: { leaderId: string | null; red: number; yellow: number; total: number }[] }).items;
  };
  /** The audit rows about the stored light rules, oldest first. */
  const lightRuleAudits = () =>
    t.database.db
      .select({ action: auditLog.action, objectType: auditLog.objectType, actorUsername: auditLog.actorUsername, before: auditLog.before, after: auditLog.after, reason: auditLog.reason, outcome: auditLog.outcome })
      .from(auditLog)
      .where(eq(auditLog.objectId, 'light_rules'))
      .orderBy(asc(auditLog.id));
  const putRules = async (rules: typeof DEFAULTS) => {
    const res = await t.call('PUT', '/api/settings/light-rules', { cookie: sys, body: { ...rules, reason: '按本地考核办法调整' } });
    expect(res.statusCode, res.body).toBe(200);
  };

  it('lights the projects by the default rules before any rule is stored', async () => {
    expect(await detail(ids.idle40)).toEqual({ light: 'green', lightReasons: [] });
    expect(await detail(ids.idle55)).toEqual({ light: 'green', lightReasons: [] });
    expect(await detail(ids.lateStart20)).toEqual({ light: 'green', lightReasons: [] });
    expect((await detail(ids.overdueProblem)).light).toBe('red');
    expect(await idsWithLight('red')).toEqual([ids.overdueProblem]);
    expect(await idsWithLight('yellow')).toEqual([]);
    expect(await byLeader()).toEqual([{ leaderId, leaderName: 'lr_leader', red: 1, yellow: 0, total: 4 }]);
  });

  it('applies stored rules to the detail, the list, its light filter and the counts per leader', async () => {
    const stored = { noProgressYellowDays: 30, noProgressRedDays: 50, notStartedYellowDays: 10, notStartedRedDays: 30, overdueProblemIsRed: false };
    await putRules(stored);
    try {
      expect((await t.call('GET', '/api/settings/light-rules', { cookie: officer })).json()).toEqual(stored);
      expect(await detail(ids.idle40)).toEqual({ light: 'yellow', lightReasons: ['已 40 天无进展（≥ 30 天为黄灯）'] });
      expect(await detail(ids.idle55)).toEqual({ light: 'red', lightReasons: ['已 55 天无进展（≥ 50 天为红灯）'] });
      expect(await detail(ids.lateStart20)).toEqual({
        light: 'yellow',
        lightReasons: [`约定开工日 ${shiftDate(today, -20)} 后 20 天仍未开工（≥ 10 天为黄灯）`],
      });
      // an overdue problem no longer makes a project red
      expect(await detail(ids.overdueProblem)).toEqual({ light: 'green', lightReasons: [] });

      const lights = Object.fromEntries((await listed()).map((p) => [p.id, p.light]));
      expect(lights).toEqual({ [ids.idle40]: 'yellow', [ids.idle55]: 'red', [ids.lateStart20]: 'yellow', [ids.overdueProblem]: 'green' });
      expect(await idsWithLight('red')).toEqual([ids.idle55]);
      expect(await idsWithLight('yellow')).toEqual([ids.idle40, ids.lateStart20].sort());
      expect(await idsWithLight('green')).toEqual([ids.overdueProblem]);
      expect(await byLeader()).toEqual([{ leaderId, leaderName: 'lr_leader', red: 1, yellow: 2, total: 4 }]);

      // the not-started red threshold of the stored rules, too
      await putRules({ ...stored, notStartedRedDays: 15 });
      expect(await detail(ids.lateStart20)).toEqual({
        light: 'red',
        lightReasons: [`约定开工日 ${shiftDate(today, -20)} 后 20 天仍未开工（≥ 15 天为红灯）`],
      });
      expect(await idsWithLight('red')).toEqual([ids.idle55, ids.lateStart20].sort());
    } finally {
      await putRules(DEFAULTS);
    }
    expect(await detail(ids.idle40)).toEqual({ light: 'green', lightReasons: [] });
  });

  it('refuses rules whose red threshold comes before the yellow one', async () => {
    const res = await t.call('PUT', '/api/settings/light-rules', { cookie: sys, body: { ...DEFAULTS, noProgressRedDays: 59, reason: '试' } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: { message: '红灯天数不能少于黄灯天数' } });
    expect((await t.call('PUT', '/api/settings/light-rules', { cookie: officer, body: { ...DEFAULTS, reason: '试' } })).statusCode).toBe(403);
  });

  it('refuses a not-started red threshold before the yellow one, and stores nothing', async () => {
    const auditsBefore = await lightRuleAudits();
    const res = await t.call('PUT', '/api/settings/light-rules', { cookie: sys, body: { ...DEFAULTS, notStartedRedDays: 59, reason: '试' } });
    expect(res.statusCode).toBe(400);
    // the service's own check (a request-schema error would name the field in `details`)
    const error = (res.json() as { error: { code: string; details?: unknown } }).error;
    expect(error.code).toBe('VALIDATION');
    expect(error.details).toBeUndefined();
    expect((await t.call('GET', '/api/settings/light-rules', { cookie: officer })).json()).toEqual(DEFAULTS);
    expect(await lightRuleAudits()).toEqual(auditsBefore);
  });

  it('accepts red thresholds equal to the yellow ones (red wins on the day both are reached)', async () => {
    const equal = { noProgressYellowDays: 55, noProgressRedDays: 55, notStartedYellowDays: 20, notStartedRedDays: 20, overdueProblemIsRed: true };
    await putRules(equal);
    try {
      expect((await t.call('GET', '/api/settings/light-rules', { cookie: officer })).json()).toEqual(equal);
      expect(await detail(ids.idle40)).toEqual({ light: 'green', lightReasons: [] });
      expect(await detail(ids.idle55)).toEqual({ light: 'red', lightReasons: ['已 55 天无进展（≥ 55 天为红灯）'] });
      expect(await detail(ids.lateStart20)).toEqual({
        light: 'red',
        lightReasons: [`约定开工日 ${shiftDate(today, -20)} 后 20 天仍未开工（≥ 20 天为红灯）`],
      });
    } finally {
      await putRules(DEFAULTS);
    }
  });

  it('records each change of the rules in the audit trail: who, the rules before and after, and the reason', async () => {
    const changed = { ...DEFAULTS, noProgressYellowDays: 45 };
    const countBefore = (await lightRuleAudits()).length;
    await putRules(changed);
    await putRules(DEFAULTS);
    const audits = await lightRuleAudits();
    expect(audits).toHaveLength(countBefore + 2);
    expect(audits.slice(-2)).toEqual([
      { action: 'settings.lightRules.update', objectType: 'settings', actorUsername: 'lr_sys', before: DEFAULTS, after: changed, reason: '按本地考核办法调整', outcome: 'success' },
      { action: 'settings.lightRules.update', objectType: 'settings', actorUsername: 'lr_sys', before: changed, after: DEFAULTS, reason: '按本地考核办法调整', outcome: 'success' },
    ]);
  });
});
