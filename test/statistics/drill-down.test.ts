/**
 * One period everywhere (issue 11, item 7): the project list accepts the filter that reproduces a
 * statistic exactly, server-side, so a figure opens the projects behind it — 执行项目 37 opens 37
 * projects, not all of them. For every region and period below the list's count (and funds sum)
 * equals the statistics summary's figure, including "proof before it counts" (先证后计).
 * Data: the summary test's, plus projects outside the period and a zero receipt.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSystemCaller } from '../../src/services/context';
import { updateEvidencePolicy } from '../../src/services/funds/evidence-policy';
import { addReceipt } from '../../src/services/funds/funds';
import { createProject, type ProjectCreateInput } from '../../src/services/projects/projects';
import { createPark } from '../../src/services/regions';
import { createTestApp, type TestApp } from '../helpers/app';
import { DATABASE_KINDS } from '../helpers/databases';

const WAN = 10_000;

interface ListPage {
  total: number;
  periodFundsYuan: number | null;
  items: { name: string; periodFundsYuan: number | null }[];
}
interface Summary {
  executing: { projects: number; fundsYuan: number };
  newProjects: { projects: number; fundsYuan: number };
  continuedProjects: { projects: number; fundsYuan: number };
  bySource: Record<'local' | 'outOfRegion' | 'foreign', { projects: number; fundsYuan: number }>;
  unknownSource: { projects: number; fundsYuan: number };
  domestic: { projects: number; fundsYuan: number };
  signed: { projects: number; amountYuan: number };
}

describe.each(DATABASE_KINDS)('drill-down lists on %s', (kind) => {
  let t: TestApp;
  let leader: string;
  const sys = createSystemCaller('test');
  const receiptIds: string[] = [];

  const project = async (input: Omit<ProjectCreateInput, 'name'> & { name: string }, receipts: [string, number][] = []) => {
    const p = await createProject(t.deps, sys, input);
    for (const [month, wan] of receipts) receiptIds.push((await addReceipt(t.deps, sys, p.id, { month, amountYuan: wan * WAN })).id);
    return p;
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    const park = await createPark(t.deps, sys, { parentCode: '650109', name: '下钻测试园区' });
    await project({ name: 'A', regionCode: '650109', source: 'local' }, [['2025-02', 100], ['2026-01', 300], ['2026-02', 200]]);
    await project({ name: 'B', regionCode: '650102', source: 'outOfRegion' }, [['2026-03', 1000]]);
    await project({ name: 'C', regionCode: park.code, source: 'foreign' }, [['2025-12', 50], ['2026-04', 70]]);
    await project({ name: 'D', regionCode: '650109', source: 'outOfRegion' }, [['2025-01', 400], ['2026-02', 0]]);
    await project({ name: 'E', regionCode: park.code, source: 'foreign' }, [['2026-02', 60]]);
    await project({ name: 'F', regionCode: '650109' }, [['2026-03', 10]]);
    await project({ name: 'G', regionCode: '650109', source: 'local' }); // no receipts at all
    const signed = (name: string, regionCode: string, signedDate: string, amount: number) =>
      project({ name, regionCode, source: 'outOfRegion', stage: 'signed', investorName: `${name}投资方`, signedDate, signedAmountYuan: amount });
    await signed('S1', '650109', '2026-01-15', 1_000_000_000);
    await signed('S2', '650102', '2026-03-31', 99_999_999);
    await signed('S4', '650109', '2025-12-31', 500_000_000);
    await t.createAccount('dd_leader', ['leader'], '650100');
    leader = await t.login('dd_leader');
  });
  afterAll(() => t.close());

  const summary = async (region: string, from: string, to: string) => {
    const res = await t.call('GET', `/api/stats/summary?region=${region}&from=${from}&to=${to}`, { cookie: leader });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Summary;
  };
  const list = async (query: string) => {
    const res = await t.call('GET', `/api/projects?pageSize=500&${query}`, { cookie: leader });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as ListPage;
  };

  it('lists exactly the executing projects of a region and period, with their funds adding up to the statistic', async () => {
    for (const [region, from, to] of [
      ['650109', '2026-01', '2026-03'],
      ['650100', '2026-01', '2026-03'],
      ['650100', '2026-02', '2026-02'],
      ['650100', '2026-01', '2026-12'],
      ['650102', '2026-01', '2026-03'],
      ['650100', '2025-01', '2025-12'],
      // periods across the year boundary
      ['650100', '2025-12', '2026-02'],
      ['650109', '2025-02', '2026-04'],
    ] as const) {
      const s = await summary(region, from, to);
      const page = await list(`regionCode=${region}&fundsFrom=${from}&fundsTo=${to}`);
      expect(page.total, `${region} ${from}..${to}`).toBe(s.executing.projects);
      expect(page.periodFundsYuan, `${region} ${from}..${to}`).toBe(s.executing.fundsYuan);
      expect(page.items.reduce((a, i) => a + (i.periodFundsYuan ?? 0), 0)).toBe(s.executing.fundsYuan);
      expect(page.items.every((i) => (i.periodFundsYuan ?? 0) > 0)).toBe(true);
    }
    // 米东区 Jan–Mar: A, E (park), F — not D (a zero receipt), not C (April), not G, not the signed ones
    const names = (await list('regionCode=650109&fundsFrom=2026-01&fundsTo=2026-03')).items.map((i) => i.name).sort();
    expect(names).toEqual(['A', 'E', 'F']);
    // without the period, the region holds every project
    expect((await list('regionCode=650109')).total).toBe(8);
  });

  it('splits new and continued across the year boundary as the summary does (new: first funds on or after January of the first year)', async () => {
    const s = await summary('650100', '2025-12', '2026-02');
    const base = 'regionCode=650100&fundsFrom=2025-12&fundsTo=2026-02';
    const fresh = await list(`${base}&fundsKind=new`);
    const continued = await list(`${base}&fundsKind=continued`);
    expect([fresh.total, fresh.periodFundsYuan]).toEqual([s.newProjects.projects, s.newProjects.fundsYuan]);
    expect([continued.total, continued.periodFundsYuan]).toEqual([s.continuedProjects.projects, s.continuedProjects.fundsYuan]);
    // A (first funds 2025-02), C (2025-12), E (2026-02) are all new since 2025-01; nothing continues
    expect(fresh.items.map((i) => i.name).sort()).toEqual(['A', 'C', 'E']);
    expect(continued.total).toBe(0);
  });

  it('splits new and continued, and by source, as the summary does', async () => {
    const s = await summary('650100', '2026-01', '2026-03');
    const base = 'regionCode=650100&fundsFrom=2026-01&fundsTo=2026-03';
    const fresh = await list(`${base}&fundsKind=new`);
    const continued = await list(`${base}&fundsKind=continued`);
    expect([fresh.total, fresh.periodFundsYuan]).toEqual([s.newProjects.projects, s.newProjects.fundsYuan]);
    expect([continued.total, continued.periodFundsYuan]).toEqual([s.continuedProjects.projects, s.continuedProjects.fundsYuan]);
    expect(fresh.items.map((i) => i.name).sort()).toEqual(['B', 'E', 'F']);
    for (const source of ['local', 'outOfRegion', 'foreign'] as const) {
      const page = await list(`${base}&source=${source}`);
      expect([page.total, page.periodFundsYuan], source).toEqual([s.bySource[source].projects, s.bySource[source].fundsYuan]);
    }
    // 来源未填 (F: 10万 in March) and 国内 (区内 + 区外) drill down the same way
    const unknown = await list(`${base}&source=none`);
    expect([unknown.total, unknown.periodFundsYuan]).toEqual([s.unknownSource.projects, s.unknownSource.fundsYuan]);
    expect([unknown.total, unknown.periodFundsYuan]).toEqual([1, 10 * WAN]);
    expect(unknown.items.map((i) => i.name)).toEqual(['F']);
    const domestic = await list(`${base}&source=local,outOfRegion`);
    expect([domestic.total, domestic.periodFundsYuan]).toEqual([s.domestic.projects, s.domestic.fundsYuan]);
    // an unknown source value is a 400 naming the field
    const bad = await t.call('GET', `/api/projects?${base}&source=abroad`, { cookie: leader });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('source');
  });

  it('lists the projects signed in the period as 签约项目', async () => {
    for (const [region, from, to] of [
      ['650100', '2026-01', '2026-03'],
      ['650109', '2025-12', '2025-12'],
      ['650100', '2026-01', '2026-02'],
    ] as const) {
      const s = await summary(region, from, to);
      const page = await list(`regionCode=${region}&signedFrom=${from}&signedTo=${to}`);
      expect(page.total, `${region} ${from}..${to}`).toBe(s.signed.projects);
      expect(page.periodFundsYuan).toBeNull();
    }
  });

  it('counts only the receipts the statistics count under 先证后计', async () => {
    await updateEvidencePolicy(t.deps, sys, { stagesNeedingEvidence: [], receiptNeedsEvidence: false, receiptNeedsVerification: true }, '测试');
    try {
      // verify one receipt (A's 2026-01) as someone other than its entrant (the entrant is the CLI operator)
      await t.createAccount('dd_stat', ['statistician'], '650000');
      const stat = await t.login('dd_stat');
      const receipts = (await t.call('GET', `/api/projects?regionCode=650109&pageSize=50`, { cookie: stat })).json() as { items: { id: string; name: string }[] };
      const a = receipts.items.find((p) => p.name === 'A');
      const aReceipts = (await t.call('GET', `/api/projects/${a?.id}/receipts`, { cookie: stat })).json() as { items: { id: string; month: string; version: number }[] };
      const jan = aReceipts.items.find((r) => r.month === '2026-01');
      expect((await t.call('POST', `/api/receipts/${jan?.id}/verify`, { cookie: stat, body: { version: jan?.version } })).statusCode).toBe(200);
      const s = await summary('650100', '2026-01', '2026-03');
      expect(s.executing).toMatchObject({ projects: 1, fundsYuan: 300 * WAN });
      const page = await list('regionCode=650100&fundsFrom=2026-01&fundsTo=2026-03');
      expect([page.total, page.periodFundsYuan]).toEqual([1, 300 * WAN]);
    } finally {
      await updateEvidencePolicy(t.deps, sys, { stagesNeedingEvidence: [], receiptNeedsEvidence: false, receiptNeedsVerification: false }, '测试');
    }
  });

  it('refuses a half period or one ending before it starts with a Chinese message naming the field', async () => {
    const half = await t.call('GET', '/api/projects?fundsFrom=2026-01', { cookie: leader });
    expect(half.statusCode).toBe(400);
    expect(half.json().error.message).toContain('到位资金期间须同时给出起止月份');
    const inverted = await t.call('GET', '/api/projects?fundsFrom=2026-01&fundsTo=2025-12', { cookie: leader });
    expect(inverted.statusCode).toBe(400);
    expect(inverted.json().error.message).toContain('起始月份不能晚于截止月份');
    expect(inverted.json().error.details[0].field).toBe('fundsFrom');
    const kindOnly = await t.call('GET', '/api/projects?fundsKind=new', { cookie: leader });
    expect(kindOnly.statusCode).toBe(400);
    expect(kindOnly.json().error.details[0].field).toBe('fundsKind');
  });
});
