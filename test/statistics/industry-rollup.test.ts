/**
 * A project may carry an industry code at any GB/T 4754 level; statistics by 门类 and by 三次产业
 * roll a 中类 or 小类 up through its 大类, and the project list's industry filter takes everything
 * below the chosen code. Figures computed by hand, period 2026-01..03 in 米东区 (650109):
 *   P1 3612 新能源车整车制造 (小类 → 36 → C, 第二产业)  2026-02 300万
 *   P2 36   汽车制造业 (大类 → C, 第二产业)            2026-03 200万
 *   P3 C    制造业 (门类, 第二产业)                    2026-01 100万
 *   P4 0511 种子种苗培育活动 (小类 → 05 → A, 第三产业)  2026-01  50万
 *   P5 361  汽车整车制造 (中类 → 36 → C)             no receipt
 * → by 门类: C 3 projects 600万, A 1 project 50万; by sector: 2 → 600万 (3), 3 → 50万 (1).
 *   P6 01   农业 (→ A, 第一产业)                      2025-02 30万 only (last year)
 * P2's investor is tagged 央企, P4's 世界500强 → by investor type: none 400万 (2), 央企 200万, 世界500强 50万.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectFundsBreakdown } from '../../src/db/queries/statistics/statistics';
import { createSystemCaller } from '../../src/services/context';
import { addReceipt } from '../../src/services/funds/funds';
import { createProject, listProjects } from '../../src/services/projects/projects';
import { createTestApp, type TestApp } from '../helpers/app';
import { DATABASE_KINDS } from '../helpers/databases';

const WAN = 10_000;

describe.each(DATABASE_KINDS)('industry roll-up on %s', (kind) => {
  let t: TestApp;
  let reviewer: string;
  const sys = createSystemCaller('test');

  beforeAll(async () => {
    t = await createTestApp(kind);
    const project = async (name: string, industryCode: string, receipts: [string, number][], investorName: string | null = null) => {
      const p = await createProject(t.deps, sys, { name, regionCode: '650109', source: 'local', industryCode, investorName });
      for (const [month, wan] of receipts) await addReceipt(t.deps, sys, p.id, { month, amountYuan: wan * WAN });
    };
    await project('P1', '3612', [['2026-02', 300]]);
    await project('P2', '36', [['2026-03', 200]], '乙投资方');
    await project('P3', 'C', [['2026-01', 100]]);
    await project('P4', '0511', [['2026-01', 50]], '丁投资方');
    await t.database.db.execute(sql`update enterprises set tags = '{央企}' where name = '乙投资方'`);
    await t.database.db.execute(sql`update enterprises set tags = '{世界500强}' where name = '丁投资方'`);
    await project('P5', '361', []);
    // only last year's money: its sector (第一产业) is first in code order though it is met last
    await project('P6', '01', [['2025-02', 30]]);
    await t.createAccount('ir_reviewer', ['reviewer'], '650100');
    reviewer = await t.login('ir_reviewer');
  });

  afterAll(async () => {
    await t?.close();
  });

  it('counts a 小类-coded project under its 大类’s 门类 and sector in the breakdowns', async () => {
    const res = await t.call('GET', '/api/stats/breakdowns?region=650100&from=2026-01&to=2026-03', { cookie: reviewer });
    expect(res.statusCode, res.body).toBe(200);
    const b = res.json() as { bySection: { key: string; name: string; projects: number; fundsYuan: number }[]; bySector: { key: string; projects: number; fundsYuan: number }[] };
    expect(b.bySection.map((s) => [s.key, s.name, s.projects, s.fundsYuan])).toEqual([
      ['A', '农、林、牧、渔业', 1, 50 * WAN],
      ['C', '制造业', 3, 600 * WAN],
    ]);
    expect(b.bySector.map((s) => [s.key, s.projects, s.fundsYuan])).toEqual([
      ['1', 0, 0],
      ['2', 3, 600 * WAN],
      ['3', 1, 50 * WAN],
    ]);
  });

  it('breaks the funds down by investor type, the largest first, funds without a tagged investor as 其他投资方', async () => {
    // P2 (央企) 200万, P4 (世界500强) 50万; P1 300万 and P3 100万 have no tagged investor
    const res = await t.call('GET', '/api/stats/breakdowns?region=650100&from=2026-01&to=2026-03', { cookie: reviewer });
    expect(res.statusCode, res.body).toBe(200);
    const b = res.json() as { byInvestorType: { key: string; name: string; projects: number; fundsYuan: number; sharePct: number }[] };
    expect(b.byInvestorType.map((s) => [s.key, s.name, s.projects, s.fundsYuan, s.sharePct])).toEqual([
      ['', '其他投资方', 2, 400 * WAN, 61.54],
      ['央企', '央企', 1, 200 * WAN, 30.77],
      ['世界500强', '世界500强', 1, 50 * WAN, 7.69],
    ]);
  });

  it('rolls up the same way in the direct statement the roll-ups are checked against', async () => {
    const p = { from: '2026-01', to: '2026-03', lastFrom: '2025-01', lastTo: '2025-03' };
    const filter = { verifiedOnly: false, withEvidenceOnly: false };
    const sections = await selectFundsBreakdown(t.deps.db, '/650000/650100/', 'section', p, filter);
    expect(sections.map((r) => [r.key, r.projects, r.fundsYuan]).sort()).toEqual([
      ['A', 1, BigInt(50 * WAN)],
      ['C', 3, BigInt(600 * WAN)],
    ]);
    const sectors = await selectFundsBreakdown(t.deps.db, '/650000/650100/', 'sector', p, filter);
    expect(sectors.map((r) => [r.key, r.projects, r.fundsYuan]).sort()).toEqual([
      ['1', 0, 0n],
      ['2', 3, BigInt(600 * WAN)],
      ['3', 1, BigInt(50 * WAN)],
    ]);
  });

  it('filters the project list by a code and everything below it', async () => {
    const names = async (industry: string) =>
      (await listProjects(t.deps, sys, { industry, sort: 'code', page: 1, pageSize: 50 })).items.map((i) => i.name).sort();
    expect(await names('C')).toEqual(['P1', 'P2', 'P3', 'P5']);
    expect(await names('36')).toEqual(['P1', 'P2', 'P5']);
    expect(await names('361')).toEqual(['P1', 'P5']);
    expect(await names('3612')).toEqual(['P1']);
    expect(await names('A')).toEqual(['P4', 'P6']);
    expect(await names('05')).toEqual(['P4']);
    expect(await names('3618')).toEqual([]);
  });
});
