/**
 * Noise and dead ends (issue 11, item 9), on the server: an absent annual target is an empty value
 * (200 with null, not a 404 the browser logs as an error); a ranking of one sub-region, of no data or
 * of all zeros says so instead of ranking; the audit log names its actors and objects.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSystemCaller } from '../../src/services/context';
import { addReceipt } from '../../src/services/funds/funds';
import { createProject } from '../../src/services/projects/projects';
import { createPark } from '../../src/services/regions';
import { createTestApp, type TestApp } from '../helpers/app';
import { DATABASE_KINDS } from '../helpers/databases';

interface RankingsBody {
  unranked: Record<string, { reason: string; message: string } | null>;
  items: { code: string; metrics: Record<string, { value: number | null; rank: number | null }> }[];
}

describe.each(DATABASE_KINDS)('plain answers on %s', (kind) => {
  let t: TestApp;
  let reviewer: string;
  let auditor: string;
  const sys = createSystemCaller('test');

  beforeAll(async () => {
    t = await createTestApp(kind);
    await t.createAccount('pa_reviewer', ['reviewer'], '650000');
    await t.createAccount('pa_auditor', ['auditor'], '650000');
    reviewer = await t.login('pa_reviewer');
    auditor = await t.login('pa_auditor');
  });
  afterAll(() => t.close());

  it('answers an absent annual target with 200 and null, and a set one with its figures', async () => {
    const absent = await t.call('GET', '/api/targets/650100/2026', { cookie: reviewer });
    expect(absent.statusCode).toBe(200);
    expect(absent.json()).toBeNull();
    expect((await t.call('PUT', '/api/targets/650100/2026', { cookie: reviewer, body: { fundsTargetYuan: 50_000_000, reason: '年度计划' } })).statusCode).toBe(200);
    const set = await t.call('GET', '/api/targets/650100/2026', { cookie: reviewer });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toMatchObject({ regionCode: '650100', year: 2026, fundsTargetYuan: 50_000_000 });
    // out of scope stays a 404
    await t.createAccount('pa_county', ['reviewer'], '650109');
    const county = await t.login('pa_county');
    expect((await t.call('GET', '/api/targets/650102/2026', { cookie: county })).statusCode).toBe(404);
  });

  it('does not rank all zeros, nor a single sub-region, and ranks real differences', async () => {
    const rankings = async (region: string) => {
      const res = await t.call('GET', `/api/stats/rankings?region=${region}&period=year&to=2026-03`, { cookie: reviewer });
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as RankingsBody;
    };
    // no receipts anywhere yet: every county's funds are 0
    const zeros = await rankings('650100');
    expect(zeros.items.length).toBeGreaterThan(1);
    expect(zeros.unranked.funds).toMatchObject({ reason: 'allZero' });
    expect(zeros.unranked.funds?.message).toContain('均为 0，不排名');
    expect(zeros.items.every((i) => i.metrics.funds?.rank === null)).toBe(true);
    expect(zeros.unranked.yoy).toMatchObject({ reason: 'noData' });

    // one sub-region: a county with a single park
    const park = await createPark(t.deps, sys, { parentCode: '650121', name: '唯一园区' });
    const single = await rankings('650121');
    expect(single.items.map((i) => i.code)).toEqual([park.code]);
    expect(single.unranked.funds).toMatchObject({ reason: 'single' });
    expect(single.unranked.funds?.message).toContain('只有 1 个下级地区');
    expect(single.items[0]?.metrics.funds?.rank).toBeNull();

    // real figures are ranked
    const p = await createProject(t.deps, sys, { name: '排名项目', regionCode: '650109', source: 'local' });
    await addReceipt(t.deps, sys, p.id, { month: '2026-02', amountYuan: 1_000_000 });
    const ranked = await rankings('650100');
    expect(ranked.unranked.funds).toBeNull();
    expect(ranked.items.find((i) => i.code === '650109')?.metrics.funds?.rank).toBe(1);
  });

  it('names the actor and the object of an audit row instead of ids', async () => {
    const p = await createProject(t.deps, sys, { name: '审计名称项目', regionCode: '650109', source: 'local' });
    const receipt = await addReceipt(t.deps, sys, p.id, { month: '2026-01', amountYuan: 10_000 });
    const find = async (query: string) => {
      const res = await t.call('GET', `/api/audit?pageSize=20&${query}`, { cookie: auditor });
      expect(res.statusCode, res.body).toBe(200);
      return (res.json() as { items: { action: string; objectName: string | null; actorName: string | null }[] }).items;
    };
    const [created] = await find(`objectId=${p.id}&action=project.create`);
    expect(created?.objectName).toBe(`${p.code} 审计名称项目`);
    const [fund] = await find(`objectId=${receipt.id}&action=funds.create`);
    expect(fund?.objectName).toBe(`${p.code} 审计名称项目 · 2026-01`);
    const [target] = await find('action=target.set');
    expect(target?.objectName).toBe('乌鲁木齐市 2026 年度目标');
    expect(target?.actorName).toBe('pa_reviewer');
  });
});
