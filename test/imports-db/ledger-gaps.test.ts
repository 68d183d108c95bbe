/**
 * A ledger as bureaus publish it (issue 11): executing projects, old 续建 ones in 开工/投产 without a
 * signing date. Gaps import and are flagged 资料不全 (derived: filling the fact clears it), listed in
 * 待完善 with counts per region; contradictions (a date in the future, 开工 before 签约) are errors in
 * the import and the form alike; the ledger's statistics are exact. Figures by hand, period
 * 2026-01..2026-03, prefecture 650100 (米东 650109, 天山 650102):
 *   L1 米东 开工 区内, no signing date:  2025-03 200万, 2026-01 300万, 2026-02 100万 → executing, continued (400万)
 *   L2 米东 投产 区外, no signing date:  2026-03 1000万                            → executing, new (1000万)
 *   L3 天山 开工 境外, no signing date, no start date: 2024-12 50万, 2026-02 70万  → executing, continued (70万)
 *   L4 米东 签约 区外, signed 2026-02-10 5000万 (complete): 2026-03 20万           → executing, new (20万); signed in P
 *   L5 米东 开工 区内, no signing date:  2025-06 80万                             → not executing in P
 *   L6 米东 在谈 without an investor, no funds                                    → 资料不全 (投资方), no statistics
 * executing 4 / 1490万; new 2 / 1020万; continued 2 / 470万; last year (2025-01..03) 200万, YoY 645 %.
 * Signed in P: L4 alone (the gaps have no 签约 statistics), 1 / 5000万.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInShanghai } from '../../src/domain/dates';
import { importChains } from '../../src/services/chains/import-chains';
import { createSystemCaller } from '../../src/services/context';
import { createTestApp, type TestApp } from '../helpers/app';
import { DATABASE_KINDS } from '../helpers/databases';

const WAN = 10_000;
const PROJECTS_CSV = [
  '项目编号,项目名称,地区代码,投资方,资金来源,阶段,签约额(万元),签约日期,开工日期,投产日期,标签,招商方式,重点项目,产业链节点',
  'L1,甲续建项目,650109,甲公司,区内,开工,,,2019-05-01,,续建;工业,以商,是,',
  'L2,乙续建项目,650109,乙公司,区外,投产,,,2018-03-01,2020-06-30,续建,以链,,lg-01',
  'L3,丙续建项目,650102,丙公司,境外,开工,,,,,,,否,',
  'L4,丁新签项目,650109,丁公司,区外,签约,5000,2026-02-10,,,,委托招商,,',
  'L5,戊续建项目,650109,戊公司,区内,开工,,,2020-01-01,,,,,',
  'L6,己在谈项目,650109,,区内,在谈,,,,,,,,',
].join('\r\n');
const FUNDS_CSV = [
  '项目编号,月份,金额(万元),备注',
  'L1,2025-03,200,',
  'L1,2026-01,300,',
  'L1,2026-02,100,',
  'L2,2026-03,1000,',
  'L3,2024-12,50,',
  'L3,2026-02,70,',
  'L4,2026-03,20,',
  'L5,2025-06,80,',
].join('\r\n');

describe.each(DATABASE_KINDS)('a bureau ledger with gaps on %s', (kind) => {
  let t: TestApp;
  let prefecture: string;
  let county: string;

  const upload = (cookie: string, body: string, name: string, query = '') =>
    t.call('POST', `/api/imports${query}`, { cookie, body: Buffer.from(body), headers: { 'content-type': 'text/csv', 'x-file-name': encodeURIComponent(name) } });
  const project = async (cookie: string, code: string) => {
    const list = await t.call('GET', `/api/projects?q=${code}`, { cookie });
    const item = (list.json() as { items: { code: string; id: string }[] }).items.find((p) => p.code === code);
    if (!item) throw new Error(`no project ${code}`);
    const res = await t.call('GET', `/api/projects/${item.id}`, { cookie });
    return res.json() as { id: string; version: number; stage: string; tags: string[]; channel: string | null; isKey: boolean; chainNode: string | null; missingFields: { field: string; label: string }[] };
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    const chain = ['产业链编码,产业链名称,节点编码,节点名称,上级节点编码,环节,行业代码,关键产品', 'LG,台账链,LG-01,台账节点,,上游,,'].join('\n');
    const imported = await importChains(t.deps, createSystemCaller('test'), Buffer.from(chain), { fileName: 'lg.csv', regionCode: '650100' });
    expect(imported.problems).toEqual([]);
    await t.createAccount('ledger_pref', ['officer'], '650100');
    await t.createAccount('ledger_county', ['officer'], '650109');
    prefecture = await t.login('ledger_pref');
    county = await t.login('ledger_county');
  });
  afterAll(() => t?.close());

  it('imports executing projects without signing dates, each flagged 资料不全 with its missing fields, and the new optional columns', async () => {
    const res = await upload(prefecture, PROJECTS_CSV, '执行项目台账.csv');
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.counts.projects).toEqual({ created: 6, updated: 0, unchanged: 0 });
    expect(r.incomplete).toEqual({
      total: 5,
      byField: { 签约日期: 4, 签约额: 4, 开工日期: 1, 投资方: 1 },
      rows: [
        { sheet: '项目', row: 2, code: 'L1', missing: ['签约日期', '签约额'] },
        { sheet: '项目', row: 3, code: 'L2', missing: ['签约日期', '签约额'] },
        { sheet: '项目', row: 4, code: 'L3', missing: ['签约日期', '签约额', '开工日期'] },
        { sheet: '项目', row: 6, code: 'L5', missing: ['签约日期', '签约额'] },
        { sheet: '项目', row: 7, code: 'L6', missing: ['投资方'] },
      ],
    });
    expect(r.notices).toEqual([]);
    const funds = await upload(prefecture, FUNDS_CSV, '到位资金台账.csv');
    expect(funds.statusCode, funds.body).toBe(200);
    expect(funds.json().counts.funds).toEqual({ created: 8, updated: 0, unchanged: 0 });

    const l1 = await project(prefecture, 'L1');
    expect(l1).toMatchObject({ stage: 'started', tags: ['续建', '工业'], channel: 'partner', isKey: true });
    expect(l1.missingFields).toEqual([
      { field: 'signedDate', label: '签约日期' },
      { field: 'signedAmountYuan', label: '签约额' },
    ]);
    expect(await project(prefecture, 'L4')).toMatchObject({ channel: 'commissioned', isKey: false, missingFields: [], chainNode: null });
    // 产业链节点 (upper-cased) is stored with its chain
    expect(await project(prefecture, 'L2')).toMatchObject({ chainNode: 'LG-01', chainNodeName: '台账节点', chainCode: 'LG', chainNodeCurrent: true });
  });

  it('counts the ledger exactly: gaps have no 签约 statistics, their funds count as executing, new and continued', async () => {
    const res = await t.call('GET', '/api/stats/summary?region=650100&from=2026-01&to=2026-03', { cookie: prefecture });
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json();
    expect(s.executing).toEqual({ projects: 4, fundsYuan: 1490 * WAN, lastYearFundsYuan: 200 * WAN, yoyPct: 645 });
    expect(s.newProjects).toEqual({ projects: 2, fundsYuan: 1020 * WAN });
    expect(s.continuedProjects).toEqual({ projects: 2, fundsYuan: 470 * WAN });
    expect(s.bySource).toEqual({
      local: { projects: 1, fundsYuan: 400 * WAN, yoyPct: 100 },
      outOfRegion: { projects: 2, fundsYuan: 1020 * WAN, yoyPct: null },
      foreign: { projects: 1, fundsYuan: 70 * WAN, yoyPct: null },
    });
    expect(s.signed).toMatchObject({ projects: 1, amountYuan: 5000 * WAN, startRatePct: 0, fulfilmentRatePct: 100 });
    const countyStats = (await t.call('GET', '/api/stats/summary?region=650109&from=2026-01&to=2026-03', { cookie: county })).json();
    expect(countyStats.executing).toEqual({ projects: 3, fundsYuan: 1420 * WAN, lastYearFundsYuan: 200 * WAN, yoyPct: 610 });
  });

  it('lists the 待完善 projects with counts per region, scoped to the user', async () => {
    const res = await t.call('GET', '/api/projects/completion', { cookie: prefecture });
    expect(res.statusCode, res.body).toBe(200);
    const sum = res.json();
    expect(sum).toMatchObject({ regionCode: '650100', projects: 5 });
    expect(sum.byField).toEqual([
      { field: 'investorName', label: '投资方', projects: 1 },
      { field: 'signedDate', label: '签约日期', projects: 4 },
      { field: 'signedAmountYuan', label: '签约额', projects: 4 },
      { field: 'startedDate', label: '开工日期', projects: 1 },
    ]);
    expect(sum.regions.map((r: { regionCode: string; projects: number }) => [r.regionCode, r.projects])).toEqual([
      ['650102', 1],
      ['650109', 4],
    ]);
    const own = (await t.call('GET', '/api/projects/completion', { cookie: county })).json();
    expect(own).toMatchObject({ regionCode: '650109', projects: 4 });
    expect((await t.call('GET', '/api/projects/completion?regionCode=650102', { cookie: county })).statusCode).toBe(404);
    const list = (await t.call('GET', '/api/projects?incomplete=true&sort=code', { cookie: county })).json();
    expect(list.items.map((p: { code: string }) => p.code)).toEqual(['L1', 'L2', 'L5', 'L6']);
    // the list's SQL (INCOMPLETE_SQL) and the projects' derived flag (listMissingFacts) agree
    const all = (await t.call('GET', '/api/projects?pageSize=500&sort=code', { cookie: prefecture })).json();
    const flagged = all.items.filter((p: { missingFields: unknown[] }) => p.missingFields.length > 0).map((p: { code: string }) => p.code);
    const listed = (await t.call('GET', '/api/projects?incomplete=true&pageSize=500&sort=code', { cookie: prefecture })).json();
    expect(listed.items.map((p: { code: string }) => p.code)).toEqual(flagged);
    expect(flagged).toEqual(['L1', 'L2', 'L3', 'L5', 'L6']);
    const complete = (await t.call('GET', '/api/projects?incomplete=false&sort=code', { cookie: county })).json();
    expect(complete.items.map((p: { code: string }) => p.code)).toEqual(['L4']);
  });

  it('applies the same date rules in the form: a future signing date or one after the start is refused; filling the gap clears the flag', async () => {
    const l1 = await project(county, 'L1');
    const tomorrow = new Date(Date.parse(`${todayInShanghai()}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const future = await t.call('PATCH', `/api/projects/${l1.id}`, { cookie: county, body: { signedDate: tomorrow, version: l1.version } });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.message).toContain('签约日期不能晚于今天');
    const afterStart = await t.call('PATCH', `/api/projects/${l1.id}`, { cookie: county, body: { signedDate: '2019-06-01', version: l1.version } });
    expect(afterStart.statusCode).toBe(400);
    expect(afterStart.json().error.message).toContain('开工日期不能早于签约日期');
    const filled = await t.call('PATCH', `/api/projects/${l1.id}`, { cookie: county, body: { signedDate: '2019-03-01', version: l1.version } });
    expect(filled.statusCode, filled.body).toBe(200);
    expect(filled.json().missingFields).toEqual([{ field: 'signedAmountYuan', label: '签约额' }]);
    const amount = await t.call('PATCH', `/api/projects/${l1.id}`, { cookie: county, body: { signedAmountYuan: 3000 * WAN, version: filled.json().version } });
    expect(amount.json().missingFields).toEqual([]);
    expect((await t.call('GET', '/api/projects/completion', { cookie: county })).json().projects).toBe(3);

    // the import's dry run refuses what the form refuses
    const dry = await upload(county, `项目编号,项目名称,地区代码,资金来源,阶段,签约日期\r\nL9,未来项目,650109,区内,签约,${tomorrow}\r\n`, '未来.csv', '?dryRun=true');
    expect(dry.statusCode).toBe(422);
    expect(dry.json().rejected.map((p: { column: string; reason: string }) => [p.column, p.reason])).toEqual([
      ['签约日期', `签约日期不能晚于今天（签约日期 ${tomorrow}，今天是 ${todayInShanghai()}）`],
    ]);
    // a later import that fills the gap clears it too
    const fill = await upload(county, '项目编号,项目名称,地区代码,投资方,资金来源,阶段,签约额(万元),签约日期,开工日期\r\nL5,戊续建项目,650109,戊公司,区内,开工,800,2019-12-01,2020-01-01\r\n', '补全.csv');
    expect(fill.statusCode, fill.body).toBe(200);
    expect(fill.json().incomplete.total).toBe(0);
    expect((await project(county, 'L5')).missingFields).toEqual([]);
    expect((await t.call('GET', '/api/projects/completion', { cookie: county })).json().projects).toBe(2);
  });

  it('reports every problem of a row, not only the first kind', async () => {
    const res = await upload(county, '项目编号,项目名称,地区代码,资金来源,行业代码,阶段,签约额(万元)\r\nB1,坏行,650102,省外,99,在谈,-5\r\n', '坏行.csv', '?dryRun=true');
    expect(res.statusCode).toBe(422);
    expect(res.json().rejected.map((p: { column: string }) => p.column).sort()).toEqual(['地区代码', '签约额(万元)', '行业代码', '资金来源'].sort());
    const funds = await upload(county, '项目编号,月份,金额(万元)\r\nNOPE-1,2199-01,-3\r\n', '坏资金.csv', '?dryRun=true');
    expect(funds.statusCode).toBe(422);
    expect(funds.json().rejected.map((p: { column: string }) => p.column).sort()).toEqual(['月份', '金额(万元)', '项目编号'].sort());
  });
});
