/**
 * The precomputed targeting features (issue 12 item 11): one refresh writes the counts per region and
 * industry code, relatedness and the growth signals; scoring reads them as of the last refresh.
 * Chain TF: TF-U01 工业硅 (upstream, 3218, 工业硅) · TF-M01 组件 (midstream, 3825, 光伏组件).
 *
 * Enterprises (province = first two digits of the region):
 *   L1 3825 in 米东区 650109 (local);
 *   A 3218 in 苏州 320505, group 甲, established 2010; A2 3825 in 深圳 440305, group 甲, 100 days ago;
 *   A3 no code in 天山区 650102, group 甲, 200 days ago; A5 no code in 440305, group 甲, 800 days ago (too old);
 *   S no code in 320505, group 乙 alone, 10 days ago; B 3218 in 440305, no group.
 * Group 甲 established lately in provinces {44, 65}: A (32) → 2 other provinces; A2 (44) → 1 (65);
 *   A3 (65) → 1 (44); A5 (44) → 1 (65). S: its group's only province is its own → 0 (no row).
 * B's registered-capital changes: +100 a year ago ✓, −50 ✗, +150 30 months ago ✗ (older than 24 months),
 *   a text value ✗, a name change ✗, +10 three months ago ✓ → 2 increases.
 * Counts per region × code (counted, with a code): (650109, 3825) 1, (320505, 3218) 1, (440305, 3825) 1, (440305, 3218) 1.
 * Relatedness: national 38: 2, 32: 2; 650109 specialised in 38, 320505 in 32, 440305 in both →
 *   φ(32, 38) = 1 / max(2, 2) = 0.5; 米东区's density of 32 = 100 % → +15 for A and B.
 * Growth points (weight 5): A 0.4 → 2; B 2 increases 0.8 → 4.
 * Then three local 4416 firms and a capital increase of A, unseen until the next refresh; after it
 * 650109 {38: 1, 44: 3} is specialised in 44 only (38: 1/4 < 2/7), 44 is close to nothing → 米东区's
 * density of 32 = 0 → A and B lose the 15 points; A's growth = 0.6 + 0.4 = 1 → 5.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importChains } from '../../src/services/chains/import-chains';
import { createSystemCaller } from '../../src/services/context';
import { refreshRelatedness } from '../../src/services/targets/industry-relatedness';
import { listScoredTargets } from '../../src/services/targets/target-scoring';
import { createTestApp, type TestApp } from '../helpers/app';
import { DATABASE_KINDS } from '../helpers/databases';
import { testEnterprise } from '../enterprises/fixtures';

const CHAIN = [
  '产业链编码,产业链名称,节点编码,节点名称,上级节点编码,环节,行业代码,关键产品',
  'TF,特征测试链,TF-U01,工业硅,,上游,3218,工业硅',
  'TF,特征测试链,TF-M01,组件,,中游,3825,光伏组件',
].join('\n');

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

describe.each(DATABASE_KINDS)('targeting features on %s', (kind) => {
  let t: TestApp;
  const sys = createSystemCaller('test');
  const e: Record<string, { id: string }> = {};

  const rows = async <T,>(statement: ReturnType<typeof sql>) => ((await t.deps.db.execute(statement)) as unknown as { rows: T[] }).rows;
  const capitalChange = (id: string, from: unknown, to: unknown, monthsAgo: number, field = 'registeredCapitalYuan') =>
    t.deps.db.execute(sql`insert into enterprise_field_changes (enterprise_id, field, old_value, new_value, source, source_date, changed_at)
      values (${id}, ${field}, ${JSON.stringify(from)}::jsonb, ${JSON.stringify(to)}::jsonb, '测试', current_date, now() - make_interval(months => ${monthsAgo}))`);
  const points = async () => {
    const r = await listScoredTargets(t.deps, sys, { chain: 'TF', node: 'TF-U01', region: '650109', limit: 10 });
    const of = (id: string) => {
      const item = r.items.find((i) => i.enterprise.id === id);
      return Object.fromEntries((item?.features ?? []).filter((f) => f.feature === 'growth' || f.feature === 'relatedness').map((f) => [f.feature, f.points]));
    };
    return { asOf: r.featuresAsOf, A: of(e.A!.id), B: of(e.B!.id), reasonA: r.items.find((i) => i.enterprise.id === e.A!.id)?.features.find((f) => f.feature === 'growth')?.reason };
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    expect((await importChains(t.deps, sys, Buffer.from(CHAIN), { fileName: 'tf.csv', regionCode: '650100' })).problems).toEqual([]);
    e.L1 = await testEnterprise(t.deps, { regionCode: '650109', industryCode: '3825' });
    e.A = await testEnterprise(t.deps, { regionCode: '320505', industryCode: '3218', parentGroup: '甲集团', establishedOn: '2010-01-01' });
    e.A2 = await testEnterprise(t.deps, { regionCode: '440305', industryCode: '3825', parentGroup: '甲集团', establishedOn: daysAgo(100) });
    e.A3 = await testEnterprise(t.deps, { regionCode: '650102', parentGroup: '甲集团', establishedOn: daysAgo(200) });
    e.A5 = await testEnterprise(t.deps, { regionCode: '440305', parentGroup: '甲集团', establishedOn: daysAgo(800) });
    e.S = await testEnterprise(t.deps, { regionCode: '320505', parentGroup: '乙集团', establishedOn: daysAgo(10) });
    e.B = await testEnterprise(t.deps, { regionCode: '440305', industryCode: '3218' });
    await capitalChange(e.B.id, 1_000_000, 2_000_000, 12);
    await capitalChange(e.B.id, 2_000_000, 1_500_000, 8);
    await capitalChange(e.B.id, 500_000, 2_000_000, 30);
    await capitalChange(e.B.id, '100', '200', 6);
    await capitalChange(e.B.id, 1, 2, 6, 'name');
    await capitalChange(e.B.id, 1_500_000, 1_600_000, 3);
  });
  afterAll(() => t.close());

  it('scores without growth signals or relatedness before the first refresh', async () => {
    expect(await points()).toEqual({ asOf: null, A: { relatedness: 0, growth: 0 }, B: { relatedness: 0, growth: 0 }, reasonA: '近两年无增资或外地设立分支的记录（+0）' });
  });

  it('computes the counts, relatedness and sparse growth signals in one audited refresh', async () => {
    const r = await refreshRelatedness(t.deps, sys);
    expect(r).toMatchObject({ divisions: 2, pairs: 2, regionIndustries: 4, growthSignals: 5 });
    expect(r.ms).toBeGreaterThanOrEqual(0);
    expect(await rows(sql`select region_code, industry_code, enterprises from region_industry_counts order by 1, 2`)).toEqual([
      { region_code: '320505', industry_code: '3218', enterprises: 1 },
      { region_code: '440305', industry_code: '3218', enterprises: 1 },
      { region_code: '440305', industry_code: '3825', enterprises: 1 },
      { region_code: '650109', industry_code: '3825', enterprises: 1 },
    ]);
    const signals = await rows<{ enterprise_id: string; capital_increases: number; new_branch_regions: number }>(sql`select enterprise_id, capital_increases, new_branch_regions from enterprise_growth_signals`);
    const name = Object.fromEntries(Object.entries(e).map(([k, v]) => [v.id, k]));
    expect(Object.fromEntries(signals.map((s) => [name[s.enterprise_id], [s.capital_increases, s.new_branch_regions]]))).toEqual({ A: [0, 2], A2: [0, 1], A3: [0, 1], A5: [0, 1], B: [2, 0] });
    const [audit] = await rows<{ actor_username: string; after: Record<string, unknown> }>(sql`select actor_username, after from audit_log where action = 'industryRelatedness.refresh'`);
    expect(audit).toMatchObject({ actor_username: 'cli:test', after: { divisions: 2, pairs: 2, regionIndustries: 4, growthSignals: 5, ms: r.ms } });

    const s = await points();
    expect(s).toMatchObject({ A: { relatedness: 15, growth: 2 }, B: { relatedness: 15, growth: 4 }, reasonA: '近两年增资 0 次、在 2 个外地设立分支（+2）' });
    expect(Date.now() - Date.parse(s.asOf ?? '')).toBeLessThan(600_000);
  });

  it('scores as of the last refresh: new firms and field changes count from the next one', async () => {
    for (let i = 0; i < 3; i++) await testEnterprise(t.deps, { regionCode: '650109', industryCode: '4416' });
    await capitalChange(e.A!.id, 100, 200, 1);
    expect(await points()).toMatchObject({ A: { relatedness: 15, growth: 2 }, B: { relatedness: 15, growth: 4 } });
    expect(await refreshRelatedness(t.deps, sys)).toMatchObject({ divisions: 3, regionIndustries: 5, growthSignals: 5 });
    expect(await points()).toMatchObject({ A: { relatedness: 0, growth: 5 }, B: { relatedness: 0, growth: 4 }, reasonA: '近两年增资 1 次、在 2 个外地设立分支（+5）' });
  });

  it('counts the pull as of the last refresh, by industry code or product, not revoked firms; an edited node live', async () => {
    const pullOf = async () => {
      const r = await listScoredTargets(t.deps, sys, { chain: 'TF', node: 'TF-U01', region: '650109', limit: 1 });
      return r.items[0]?.features.find((f) => f.feature === 'chainPull')?.reason;
    };
    const localCounts = () =>
      rows<{ codes: string; region_code: string; enterprises: number }>(
        sql`select array_to_string(m.industry_codes, ',') as codes, c.region_code, c.enterprises from node_local_matches m join node_local_counts c using (match_key) order by 1, 2`,
      );
    // the refresh counted both top nodes per registered region: 组件 (3825 or 光伏组件) and 工业硅 (3218 or 工业硅)
    expect(await localCounts()).toEqual([
      { codes: '3218', region_code: '320505', enterprises: 1 },
      { codes: '3218', region_code: '440305', enterprises: 1 },
      { codes: '3825', region_code: '440305', enterprises: 1 },
      { codes: '3825', region_code: '650109', enterprises: 1 },
    ]);
    expect(await pullOf()).toBe('下游节点 组件 已有本地企业 1 家（+0.5）');
    await testEnterprise(t.deps, { regionCode: '650109', businessScope: '光伏组件的生产与销售' });
    await testEnterprise(t.deps, { regionCode: '650109', industryCode: '3825', status: 'revoked' });
    await testEnterprise(t.deps, { regionCode: '650102', industryCode: '3825' });
    expect(await pullOf()).toBe('下游节点 组件 已有本地企业 1 家（+0.5）'); // as of the refresh
    expect(await refreshRelatedness(t.deps, sys)).toMatchObject({ nodeMatches: 2 });
    expect(await pullOf()).toBe('下游节点 组件 已有本地企业 2 家（+1）');
    expect((await localCounts()).filter((r) => r.codes === '3825')).toEqual([
      { codes: '3825', region_code: '440305', enterprises: 1 },
      { codes: '3825', region_code: '650102', enterprises: 1 },
      { codes: '3825', region_code: '650109', enterprises: 2 },
    ]);
    // 乌鲁木齐市 sums its subtree: 米东区 2 + 天山区 1
    const city = await listScoredTargets(t.deps, sys, { chain: 'TF', node: 'TF-U01', region: '650100', limit: 1 });
    expect(city.items[0]?.features.find((f) => f.feature === 'chainPull')?.reason).toBe('下游节点 组件 已有本地企业 3 家（+1.5）');
    // the node gains a product: its match is new to the refresh, so it is counted live at once
    const edited = CHAIN.replace('3825,光伏组件', '3825,光伏组件;逆变器');
    expect((await importChains(t.deps, sys, Buffer.from(edited), { fileName: 'tf2.csv', regionCode: '650100' })).problems).toEqual([]);
    await testEnterprise(t.deps, { regionCode: '650109', businessScope: '逆变器制造' });
    expect(await pullOf()).toBe('下游节点 组件 已有本地企业 3 家（+1.5）');
  });
});
