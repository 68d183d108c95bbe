/**
 * Issue 12 item 10, pinned with figures computed by hand: periods across the year boundary
 * (new vs continued, YoY, no annual target), excludeTags (every figure, validation in both
 * languages), and the signed structure (signed.bySector, signed.byChain, signed.byInvestorTag).
 *
 * Period P = 2025-11..2026-02; P' (YoY) = 2024-11..2025-02; new = first funds on or after 2025-01.
 * Funds (万元), region 650100 (乌鲁木齐市) = 米东 650109 + 天山 650102:
 *   F1 米东 local, 3825:           2024-12 100, 2025-11 200, 2026-02 300 → executing 500, continued (funds in 2024); P' 100
 *   F2 天山 outOfRegion, 01:       2025-03 50, 2026-01 400               → executing 400, new (first 2025-03);     P' 0
 *   F3 米东 foreign, tag 光伏:      2025-01 80, 2025-12 1000              → executing 1000, new (first 2025-01, the boundary); P' 80
 *   F4 米东 local, tags 光伏 储能:   2024-11 70, 2026-02 30                → executing 30, continued;                  P' 70
 *   F5 天山 local:                 2026-03 90                            → not executing (after P)
 *   F6 米东 local:                 2024-12 20                            → only P' 20
 * Signed (签约额 元; investor tags; chain node):
 *   S1 米东 3825 (secondary)  2025-11-20  300,000,000  {央企, 上市}  CV-M01 (chain CV)
 *   S2 天山 01 (primary)      2026-02-28  100,000,000  {上市}        CV-U01 (chain CV)
 *   S3 米东 65 (tertiary)     2026-01-10   50,000,000  {}            —          project tag 光伏
 *   S4 米东 05 (tertiary: 05 is in 门类 A but 第三产业 by 《三次产业划分规定》) 2025-12-01 50,000,000 {民营} HY-U01 (chain HY)
 *   S5 米东 —                 2026-03-01 1,000,000,000 (after P)
 *   S6 天山 —                 2025-11-01   25,000,000  {央企}        — (no industry, no node)
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectFundsBreakdown, selectFundsBySource, selectMonthlyFunds, type BreakdownKey } from '../../src/db/queries/statistics/statistics';
import { parseExcludeTags } from '../../src/domain/exclude-tags';
import { importChains } from '../../src/services/chains/import-chains';
import { createSystemCaller } from '../../src/services/context';
import { loadFundsBySource } from '../../src/services/funds/funds-rollups';
import { addReceipt } from '../../src/services/funds/funds';
import { createProject, type ProjectCreateInput } from '../../src/services/projects/projects';
import { getBreakdowns } from '../../src/services/statistics/statistics-breakdowns';
import { createTestApp, type TestApp } from '../helpers/app';
import { DATABASE_KINDS } from '../helpers/databases';

const WAN = 10_000;
const CJK = /[\u4e00-\u9fff]/;
const CHAINS = [
  '产业链编码,产业链名称,节点编码,节点名称,上级节点编码,环节,行业代码,关键产品',
  'CV,结构测试光伏链,CV-U01,工业硅,,上游,3218,工业硅',
  'CV,结构测试光伏链,CV-M01,组件,,中游,3825,光伏组件',
  'HY,结构测试氢能链,HY-U01,制氢,,上游,4416,',
].join('\n');

const share = (projects: number, amountYuan: number, projectSharePct: number | null, amountSharePct: number | null) => ({ projects, amountYuan, projectSharePct, amountSharePct });

describe('parseExcludeTags', () => {
  it('splits on commas, 、 and semicolons, trims, keeps each tag once, and treats a blank value as none', () => {
    expect(parseExcludeTags(' 光伏 、储能；煤化工,光伏;x，y')).toEqual({ ok: true, tags: ['光伏', '储能', '煤化工', 'x', 'y'] });
    expect(parseExcludeTags(undefined)).toEqual({ ok: true, tags: [] });
    expect(parseExcludeTags('  ')).toEqual({ ok: true, tags: [] });
    expect(parseExcludeTags('光伏,,储能')).toMatchObject({ ok: false, problem: { key: 'stats.excludeTags.empty' } });
    expect(parseExcludeTags('光伏,')).toMatchObject({ ok: false, problem: { key: 'stats.excludeTags.empty' } });
    const twenty = Array.from({ length: 20 }, (_, i) => `t${i}`);
    expect(parseExcludeTags(twenty.join(','))).toEqual({ ok: true, tags: twenty });
    expect(parseExcludeTags([...twenty, 't20'].join(','))).toMatchObject({ ok: false, problem: { key: 'stats.excludeTags.tooMany', params: { max: 20, count: 21 } } });
    expect(parseExcludeTags('光'.repeat(50))).toEqual({ ok: true, tags: ['光'.repeat(50)] });
    expect(parseExcludeTags(`a,${'光'.repeat(51)}`)).toMatchObject({ ok: false, problem: { key: 'stats.excludeTags.tooLong', params: { max: 50 } } });
  });
});

describe.each(DATABASE_KINDS)('periods across years, excludeTags and the signed structure on %s', (kind) => {
  let t: TestApp;
  let reviewer: string;
  const sys = createSystemCaller('test');

  const project = async (input: ProjectCreateInput, receipts: [string, number][] = []) => {
    const p = await createProject(t.deps, sys, input);
    for (const [month, wan] of receipts) await addReceipt(t.deps, sys, p.id, { month, amountYuan: wan * WAN });
    return p;
  };
  const get = async (url: string, headers?: Record<string, string>) => t.call('GET', url, { cookie: reviewer, ...(headers ? { headers } : {}) });
  const summary = async (query: string) => {
    const res = await get(`/api/stats/summary?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Record<string, unknown> & { signed: Record<string, unknown>; target: unknown; excludeTags: string[] };
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    const chains = await importChains(t.deps, sys, Buffer.from(CHAINS), { fileName: 'structure.csv', regionCode: '650100' });
    expect(chains.problems).toEqual([]);
    await project({ name: 'F1', regionCode: '650109', source: 'local', industryCode: '3825' }, [['2024-12', 100], ['2025-11', 200], ['2026-02', 300]]);
    await project({ name: 'F2', regionCode: '650102', source: 'outOfRegion', industryCode: '01' }, [['2025-03', 50], ['2026-01', 400]]);
    await project({ name: 'F3', regionCode: '650109', source: 'foreign', tags: ['光伏'] }, [['2025-01', 80], ['2025-12', 1000]]);
    await project({ name: 'F4', regionCode: '650109', source: 'local', tags: ['光伏', '储能'] }, [['2024-11', 70], ['2026-02', 30]]);
    await project({ name: 'F5', regionCode: '650102', source: 'local' }, [['2026-03', 90]]);
    await project({ name: 'F6', regionCode: '650109', source: 'local' }, [['2024-12', 20]]);
    const signed = (name: string, regionCode: string, industryCode: string | null, signedDate: string, amount: number, tags: string[] = []) =>
      project({ name, regionCode, industryCode, source: 'outOfRegion', stage: 'signed', investorName: `${name}结构测试投资方`, signedDate, signedAmountYuan: amount, tags });
    await signed('S1', '650109', '3825', '2025-11-20', 300_000_000);
    await signed('S2', '650102', '01', '2026-02-28', 100_000_000);
    await signed('S3', '650109', '65', '2026-01-10', 50_000_000, ['光伏']);
    await signed('S4', '650109', '05', '2025-12-01', 50_000_000);
    await signed('S5', '650109', null, '2026-03-01', 1_000_000_000);
    await signed('S6', '650102', null, '2025-11-01', 25_000_000);
    const db = t.database.db;
    await db.execute(sql`update enterprises set tags = '{央企,上市}' where name = 'S1结构测试投资方'`);
    await db.execute(sql`update enterprises set tags = '{上市}' where name = 'S2结构测试投资方'`);
    await db.execute(sql`update enterprises set tags = '{民营}' where name = 'S4结构测试投资方'`);
    await db.execute(sql`update enterprises set tags = '{央企}' where name = 'S6结构测试投资方'`);
    await db.execute(sql`update projects set chain_node_code = 'CV-M01' where name = 'S1'`);
    await db.execute(sql`update projects set chain_node_code = 'CV-U01' where name = 'S2'`);
    await db.execute(sql`update projects set chain_node_code = 'HY-U01' where name = 'S4'`);
    await db.execute(sql`update projects set chain_node_code = 'CV-M01' where name = 'S5'`); // signed after P: in no chain's figure
    await t.createAccount('ss_reviewer', ['reviewer'], '650100');
    await t.createAccount('ss_region', ['reviewer'], '650000');
    reviewer = await t.login('ss_reviewer');
    // a 2025 and a 2026 target exist: a period across the two years still has no completion (no single annual target)
    const parent = await t.login('ss_region');
    for (const year of [2025, 2026]) {
      const res = await t.call('PUT', `/api/targets/650100/${year}`, { cookie: parent, body: { fundsTargetYuan: 10_000 * WAN, reason: '年度计划' } });
      expect(res.statusCode, res.body).toBe(200);
    }
  });
  afterAll(() => t.close());

  it('counts a period across the year boundary: new since January of the first year, YoY against the months a year earlier, no annual target', async () => {
    const s = await summary('region=650100&from=2025-11&to=2026-02');
    expect(s).toMatchObject({ region: '650100', from: '2025-11', to: '2026-02', excludeTags: [] });
    // executing F1 500 + F2 400 + F3 1000 + F4 30 = 1930; P': F1 100 + F3 80 + F4 70 + F6 20 = 270; 1930/270 − 1 = 614.8148… %
    expect(s.executing).toEqual({ projects: 4, fundsYuan: 1930 * WAN, lastYearFundsYuan: 270 * WAN, yoyPct: 614.81 });
    // new: F2 (first 2025-03) 400 + F3 (first 2025-01, on the boundary) 1000; continued: F1 500 + F4 30 (funds in 2024)
    expect(s.newProjects).toEqual({ projects: 2, fundsYuan: 1400 * WAN });
    expect(s.continuedProjects).toEqual({ projects: 2, fundsYuan: 530 * WAN });
    // local F1 500 + F4 30 = 530 vs P' 100 + 70 + 20 = 190 → 178.947… %; foreign 1000 vs 80 → 1150 %; domestic 930 vs 190 → 389.473… %
    expect(s.bySource).toEqual({
      local: { projects: 2, fundsYuan: 530 * WAN, yoyPct: 178.95 },
      outOfRegion: { projects: 1, fundsYuan: 400 * WAN, yoyPct: null },
      foreign: { projects: 1, fundsYuan: 1000 * WAN, yoyPct: 1150 },
    });
    expect(s.domestic).toEqual({ projects: 3, fundsYuan: 930 * WAN, yoyPct: 389.47 });
    expect(s.target).toBeNull();
    // the same period starting in 2026: F1 (2025-11) and F3 (2025-12) now have funds before the year → continued
    const y2026 = await summary('region=650100&from=2026-01&to=2026-02');
    expect(y2026.newProjects).toEqual({ projects: 0, fundsYuan: 0 });
    expect(y2026.continuedProjects).toEqual({ projects: 3, fundsYuan: 730 * WAN }); // F1 300 + F2 400 + F4 30
    expect(y2026.target).not.toBeNull();
  });

  it('splits the projects signed in P by sector, chain and investor tag, shares of all signed projects and of the total amount', async () => {
    const s = await summary('region=650100&from=2025-11&to=2026-02');
    // signed in P: S1 300M + S2 100M + S3 50M + S4 50M + S6 25M = 5 projects, 525,000,000 元 (S5 is signed after P)
    expect(s.signed).toMatchObject({ projects: 5, amountYuan: 525_000_000 });
    expect(s.signed.bySector).toEqual({
      primary: share(1, 100_000_000, 20, 19.05), // S2: 1/5; 100/525 = 19.0476…
      secondary: share(1, 300_000_000, 20, 57.14), // S1: 1/5; 300/525 = 57.1428…
      tertiary: share(2, 100_000_000, 40, 19.05), // S3 (65) + S4 (05): 2/5; 100/525
    }); // S6 has no industry code: in no sector, still in the base
    expect(s.signed.byChain).toEqual({
      CV: share(2, 400_000_000, 40, 76.19), // S1 + S2: 2/5; 400/525 = 76.1904…
      HY: share(1, 50_000_000, 20, 9.52), // S4: 1/5; 50/525 = 9.5238…
    });
    expect(s.signed.byInvestorTag).toEqual({
      上市: share(2, 400_000_000, 40, 76.19), // S1 + S2
      央企: share(2, 325_000_000, 40, 61.9), // S1 + S6: 325/525 = 61.9047…
      民营: share(1, 50_000_000, 20, 9.52), // S4
    });
    // keyed by amount, highest first
    expect(Object.keys(s.signed.byInvestorTag as object)).toEqual(['上市', '央企', '民营']);
  });

  it('drops the projects carrying an excluded tag from every figure', async () => {
    const s = await summary(`region=650100&from=2025-11&to=2026-02&excludeTags=${encodeURIComponent('光伏')}`);
    expect(s.excludeTags).toEqual(['光伏']);
    // without F3, F4 (光伏): executing F1 500 + F2 400 = 900; P': F1 100 + F6 20 = 120 → 650 %
    expect(s.executing).toEqual({ projects: 2, fundsYuan: 900 * WAN, lastYearFundsYuan: 120 * WAN, yoyPct: 650 });
    expect(s.newProjects).toEqual({ projects: 1, fundsYuan: 400 * WAN }); // F2
    expect(s.continuedProjects).toEqual({ projects: 1, fundsYuan: 500 * WAN }); // F1
    // local F1 500 vs P' 120 → 316.666… %
    expect(s.bySource).toEqual({
      local: { projects: 1, fundsYuan: 500 * WAN, yoyPct: 316.67 },
      outOfRegion: { projects: 1, fundsYuan: 400 * WAN, yoyPct: null },
      foreign: { projects: 0, fundsYuan: 0, yoyPct: null },
    });
    // signed without S3 (光伏): 4 projects, 475,000,000 元 — every share on that base
    expect(s.signed).toMatchObject({ projects: 4, amountYuan: 475_000_000, topInvestorProjects: 2 });
    expect(s.signed.bySector).toEqual({
      primary: share(1, 100_000_000, 25, 21.05), // 100/475 = 21.0526…
      secondary: share(1, 300_000_000, 25, 63.16), // 300/475 = 63.1578…
      tertiary: share(1, 50_000_000, 25, 10.53), // S4 only: 50/475 = 10.5263…
    });
    expect(s.signed.byChain).toEqual({ CV: share(2, 400_000_000, 50, 84.21), HY: share(1, 50_000_000, 25, 10.53) });
    expect(s.signed.byInvestorTag).toEqual({ 上市: share(2, 400_000_000, 50, 84.21), 央企: share(2, 325_000_000, 50, 68.42), 民营: share(1, 50_000_000, 25, 10.53) });
    // 储能 drops F4 only; separators 、 and ； are accepted
    const two = await summary(`region=650100&from=2025-11&to=2026-02&excludeTags=${encodeURIComponent(' 储能 ；不存在')}`);
    expect(two.excludeTags).toEqual(['储能', '不存在']);
    expect(two.executing).toEqual({ projects: 3, fundsYuan: 1900 * WAN, lastYearFundsYuan: 200 * WAN, yoyPct: 850 }); // 1930 − 30; 270 − 70
  });

  it('opens the same projects in the list behind each figure, with the same tags excluded', async () => {
    const tags = encodeURIComponent('光伏');
    const list = async (query: string) => {
      const res = await get(`/api/projects?pageSize=500&regionCode=650100&${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as { total: number; periodFundsYuan: number | null; items: { name: string }[] };
    };
    const s = await summary(`region=650100&from=2025-11&to=2026-02&excludeTags=${tags}`);
    const executing = await list(`fundsFrom=2025-11&fundsTo=2026-02&excludeTags=${tags}`);
    // F1 500 + F2 400 (F3, F4 carry 光伏)
    expect([executing.total, executing.periodFundsYuan]).toEqual([2, 900 * WAN]);
    expect([executing.total, executing.periodFundsYuan]).toEqual([(s.executing as { projects: number }).projects, (s.executing as { fundsYuan: number }).fundsYuan]);
    const fresh = await list(`fundsFrom=2025-11&fundsTo=2026-02&fundsKind=new&excludeTags=${tags}`);
    expect(fresh.items.map((i) => i.name)).toEqual(['F2']);
    const signed = await list(`signedFrom=2025-11&signedTo=2026-02&excludeTags=${tags}`);
    expect(signed.items.map((i) => i.name).sort()).toEqual(['S1', 'S2', 'S4', 'S6']);
    const bad = await get(`/api/projects?fundsFrom=2025-11&fundsTo=2026-02&excludeTags=${encodeURIComponent('光伏,,')}`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { code: 'VALIDATION', details: [{ field: 'excludeTags' }] } });
  });

  it('applies excludeTags to the breakdowns and the rankings', async () => {
    const res = await get(`/api/stats/breakdowns?region=650100&from=2025-11&to=2026-02&excludeTags=${encodeURIComponent('光伏')}`);
    expect(res.statusCode, res.body).toBe(200);
    const b = res.json() as { excludeTags: string[]; total: unknown; bySubRegion: { code: string; projects: number; fundsYuan: number }[]; monthly: { year: number; thisYear: number[] } };
    expect(b.excludeTags).toEqual(['光伏']);
    expect(b.total).toEqual({ fundsYuan: 900 * WAN, lastYearFundsYuan: 120 * WAN });
    // 米东: F1 500 (F3, F4 excluded); 天山: F2 400
    expect(b.bySubRegion.find((r) => r.code === '650109')).toMatchObject({ projects: 1, fundsYuan: 500 * WAN });
    expect(b.bySubRegion.find((r) => r.code === '650102')).toMatchObject({ projects: 1, fundsYuan: 400 * WAN });
    // the monthly series is of the period's last year, 2026: Jan F2 400, Feb F1 300, Mar F5 90 (F4's 30 excluded)
    expect(b.monthly.year).toBe(2026);
    expect(b.monthly.thisYear.slice(0, 3)).toEqual([400 * WAN, 300 * WAN, 90 * WAN]);
    const r = await get(`/api/stats/rankings?region=650100&period=month&to=2025-12&excludeTags=${encodeURIComponent('光伏')}`);
    expect(r.statusCode, r.body).toBe(200);
    type Ranked = { excludeTags: string[]; items: { code: string; metrics: { funds: { value: number } } }[] };
    expect((r.json() as Ranked).excludeTags).toEqual(['光伏']);
    const items = (r.json() as Ranked).items;
    // December 2025: only F3 (光伏, 1000万) had funds; excluded, 米东 has 0
    expect(items.find((i) => i.code === '650109')?.metrics.funds.value).toBe(0);
    const all = (await get('/api/stats/rankings?region=650100&period=month&to=2025-12')).json() as Ranked;
    expect(all.items.find((i) => i.code === '650109')?.metrics.funds.value).toBe(1000 * WAN);
  });

  it('refuses a malformed excludeTags with a message naming it, in Chinese and in English', async () => {
    const base = '/api/stats/summary?region=650100&from=2025-11&to=2026-02&excludeTags=';
    const cases = [encodeURIComponent('光伏,,储能'), Array.from({ length: 21 }, (_, i) => `t${i}`).join(','), encodeURIComponent('光'.repeat(51))];
    for (const q of cases) {
      for (const url of [base + q, base.replace('summary', 'breakdowns') + q, `/api/stats/rankings?region=650100&period=month&to=2026-02&excludeTags=${q}`]) {
        const zh = await get(url);
        expect(zh.statusCode, url).toBe(400);
        expect(zh.json(), url).toMatchObject({ error: { code: 'VALIDATION', message: expect.stringContaining('排除标签（excludeTags）'), details: [{ field: 'excludeTags' }] } });
        const en = await get(url, { 'accept-language': 'en' });
        const message = (en.json() as { error: { message: string } }).error.message;
        expect(message, url).toContain('excludeTags');
        // English names the offending tag as given, nothing else in Chinese
        expect(message.replace('光'.repeat(51), ''), url).not.toMatch(CJK);
      }
    }
  });

  it('gives the same figures from the rollups, less the excluded projects, as the direct statements without rollups', async () => {
    const filter = { verifiedOnly: false, withEvidenceOnly: false };
    const periods = [
      ['2025-11', '2026-02'],
      ['2026-01', '2026-03'],
      ['2024-06', '2026-03'],
      ['2025-01', '2025-12'],
    ] as const;
    const excludes = [[], ['光伏'], ['储能'], ['光伏', '储能'], ['不存在']];
    const back = (m: string) => `${Number(m.slice(0, 4)) - 1}${m.slice(4)}`;
    const rows = (r: { source: string | null; projects: number; fundsYuan: bigint; newProjects: number; newFundsYuan: bigint; lastYearProjects: number; lastYearFundsYuan: bigint }[]) =>
      r
        .filter((x) => x.projects > 0 || x.lastYearProjects > 0)
        .map((x) => ({ ...x, source: x.source ?? '' }))
        .sort((a, b) => a.source.localeCompare(b.source));
    let nonEmpty = 0;
    for (const scope of ['/650000/', '/650000/650100/', '/650000/650100/650109/', '/650000/650100/650102/']) {
      for (const [from, to] of periods) {
        const p = { from, to, lastFrom: back(from), lastTo: back(to) };
        for (const tags of excludes) {
          const label = `${scope} ${from}..${to} −${tags.join(',')}`;
          const direct = await selectFundsBySource(t.deps.db, scope, { ...p, yearStart: `${from.slice(0, 4)}-01` }, filter, tags);
          const rolled = await loadFundsBySource(t.deps, scope, p, filter, tags);
          expect(rows(rolled), label).toEqual(rows(direct));
          if (direct.length > 0) nonEmpty += 1;
        }
      }
    }
    expect(nonEmpty).toBeGreaterThan(20);
    // the breakdowns (rollup groups less the excluded) against the direct grouped statements
    for (const [region, scope] of [['650100', '/650000/650100/'], ['650109', '/650000/650100/650109/']] as const) {
      for (const [from, to] of periods) {
        for (const tags of excludes) {
          const label = `${region} ${from}..${to} −${tags.join(',')}`;
          const b = await getBreakdowns(t.deps, sys, { region, from, to, excludeTags: tags.join(',') });
          const p = { from, to, lastFrom: back(from), lastTo: back(to) };
          const direct = async (key: BreakdownKey) =>
            Object.fromEntries(
              (await selectFundsBreakdown(t.deps.db, scope, key, p, filter, tags))
                .filter((r) => r.projects > 0 || r.lastYearFundsYuan > 0n)
                .map((r) => [r.key, [r.projects, Number(r.fundsYuan), Number(r.lastYearFundsYuan)]]),
            );
          const got = (list: { key?: string; code?: string; projects: number; fundsYuan: number; lastYearFundsYuan: number }[], own?: string) =>
            Object.fromEntries(
              list.filter((r) => r.projects > 0 || r.lastYearFundsYuan > 0).map((r) => [own !== undefined && r.code === own ? '' : (r.key ?? r.code ?? ''), [r.projects, r.fundsYuan, r.lastYearFundsYuan]]),
            );
          expect(got(b.bySubRegion, region), label).toEqual(await direct('childRegion'));
          expect(got(b.bySector), label).toEqual(await direct('sector'));
          expect(got(b.byInvestorType), label).toEqual(await direct('investorType'));
          const year = Number(to.slice(0, 4));
          const m = await selectMonthlyFunds(t.deps.db, scope, year, filter, tags);
          expect(b.monthly.thisYear, `${label} months`).toEqual(Array.from({ length: 12 }, (_, i) => Number(m.get(`${year}-${String(i + 1).padStart(2, '0')}`) ?? 0n)));
        }
      }
    }
  });
});
