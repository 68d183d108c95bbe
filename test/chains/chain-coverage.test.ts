/**
 * A chain's coverage in a region, pinned with hand-counted figures. Chain CV (defined by 乌鲁木齐市):
 *   CV-U01 工业硅 (upstream, 3218, 工业硅) · CV-M01 组件 (midstream, 3825, 光伏组件) with child CV-M01-01 电池片
 *   (midstream, no code, 电池片) · CV-D01 电站 (downstream, 4416) · CV-D02 回收 (downstream, 4220, 组件回收).
 * 米东区 650109: E1 3218; E2 3218 revoked (not counted); E3 3825; E4 no code, scope 电池片 (products match);
 *   P1 3218 lead, 100万 received; P2 3825 signed, 50万; P3 3825 terminated, 10万 (counted nowhere).
 * 天山区 650102: E5 3825 (counts for 乌鲁木齐市 only).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSystemCaller } from '../../src/services/context';
import { importChains } from '../../src/services/chains/import-chains';
import { addReceipt } from '../../src/services/funds/funds';
import { changeProjectStage, createProject } from '../../src/services/projects/projects';
import { createTestApp, type TestApp } from '../helpers/app';
import { DATABASE_KINDS } from '../helpers/databases';
import { testEnterprise } from '../enterprises/fixtures';

const WAN = 10_000;
const CHAIN = [
  '产业链编码,产业链名称,节点编码,节点名称,上级节点编码,环节,行业代码,关键产品',
  'CV,覆盖测试链,CV-U01,工业硅,,上游,3218,工业硅',
  'CV,覆盖测试链,CV-M01,组件,,中游,3825,光伏组件',
  'CV,覆盖测试链,CV-M01-01,电池片,CV-M01,中游,,电池片',
  'CV,覆盖测试链,CV-D01,电站,,下游,4416,',
  'CV,覆盖测试链,CV-D02,回收,,下游,4220,组件回收',
].join('\n');

interface NodeCoverage {
  code: string;
  enterprises: number;
  enterprisesByIndustry: number;
  projects: Record<string, number>;
  fundsYuan: number;
  status: string;
  rule: string;
}

describe.each(DATABASE_KINDS)('chain coverage on %s', (kind) => {
  let t: TestApp;
  let analyst: string;
  let officer: string;
  const sys = createSystemCaller('test');

  beforeAll(async () => {
    t = await createTestApp(kind);
    const r = await importChains(t.deps, sys, Buffer.from(CHAIN), { fileName: 'cv.csv', regionCode: '650100' });
    expect(r.problems).toEqual([]);
    await testEnterprise(t.deps, { regionCode: '650109', industryCode: '3218', registeredCapitalYuan: 5_000 * WAN });
    await testEnterprise(t.deps, { regionCode: '650109', industryCode: '3218', status: 'revoked' });
    await testEnterprise(t.deps, { regionCode: '650109', industryCode: '3825', registeredCapitalYuan: 100 * WAN });
    await testEnterprise(t.deps, { regionCode: '650109', businessScope: '电池片的研发、生产与销售', registeredCapitalYuan: 800 * WAN });
    await testEnterprise(t.deps, { regionCode: '650102', industryCode: '3825' });
    const p1 = await createProject(t.deps, sys, { name: 'P1工业硅', regionCode: '650109', source: 'local', industryCode: '3218' });
    await addReceipt(t.deps, sys, p1.id, { month: '2026-01', amountYuan: 100 * WAN });
    const p2 = await createProject(t.deps, sys, {
      name: 'P2组件',
      regionCode: '650109',
      source: 'outOfRegion',
      industryCode: '3825',
      stage: 'signed',
      investorName: 'P2投资方',
      signedDate: '2026-02-01',
      signedAmountYuan: 20_000 * WAN,
    });
    await addReceipt(t.deps, sys, p2.id, { month: '2026-03', amountYuan: 50 * WAN });
    const p3 = await createProject(t.deps, sys, { name: 'P3组件', regionCode: '650109', source: 'local', industryCode: '3825' });
    await addReceipt(t.deps, sys, p3.id, { month: '2026-03', amountYuan: 10 * WAN });
    await changeProjectStage(t.deps, sys, p3.id, { to: 'terminated', terminationReason: '投资方撤资', version: p3.version });
    await t.createAccount('cv_analyst', ['analyst'], '650100');
    await t.createAccount('cv_officer', ['officer'], '650109');
    analyst = await t.login('cv_analyst');
    officer = await t.login('cv_officer');
  });
  afterAll(() => t.close());

  const coverage = async (cookie: string, region?: string) => {
    const res = await t.call('GET', `/api/chains/CV/coverage${region ? `?regionCode=${region}` : ''}`, { cookie });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { regionName: string; leafNodes: number; coveredLeafNodes: number; coveragePct: number | null; nodes: NodeCoverage[] };
  };
  const node = (c: { nodes: NodeCoverage[] }, code: string) => c.nodes.find((n) => n.code === code)!;

  it('counts each node’s local enterprises, projects and funds, and judges it by rule (米东区)', async () => {
    const c = await coverage(officer);
    expect(c.regionName).toBe('米东区');
    expect(node(c, 'CV-U01')).toMatchObject({
      enterprises: 1,
      enterprisesByIndustry: 1,
      projects: { lead: 1, negotiating: 0, signed: 0, started: 0, operating: 0, total: 1 },
      fundsYuan: 1_000_000,
      status: 'weak',
      rule: '本地企业 1 家（少于 3 家）、在库项目 1 个，尚无签约以后阶段的项目：强链',
    });
    expect(node(c, 'CV-M01-01')).toMatchObject({ enterprises: 1, enterprisesByIndustry: 0, projects: { total: 0 }, fundsYuan: 0, status: 'weak' });
    // the parent takes its child's products: E3 by code, E4 by 电池片; P3 terminated counts nowhere
    expect(node(c, 'CV-M01')).toMatchObject({
      enterprises: 2,
      enterprisesByIndustry: 1,
      projects: { signed: 1, total: 1 },
      fundsYuan: 500_000,
      status: 'present',
      rule: '本地企业 2 家、签约以后阶段的项目 1 个：企业达到 3 家或已有签约项目，视为已覆盖',
    });
    expect(node(c, 'CV-D01')).toMatchObject({ enterprises: 0, status: 'extend', rule: '下游环节本地没有企业和项目，而上游或中游本地已有：延链' });
    expect(node(c, 'CV-D02')).toMatchObject({ enterprises: 0, status: 'extend' });
    expect(c).toMatchObject({ leafNodes: 4, coveredLeafNodes: 2, coveragePct: 50 });
  });

  it('covers the whole subtree for the prefecture, and only regions in the caller’s scope', async () => {
    const c = await coverage(analyst, '650100');
    expect(node(c, 'CV-M01')).toMatchObject({ enterprises: 3, enterprisesByIndustry: 2 });
    expect((await t.call('GET', '/api/chains/CV/coverage?regionCode=650102', { cookie: officer })).statusCode).toBe(404);
    expect((await t.call('GET', '/api/chains/CV/coverage?regionCode=12', { cookie: officer })).statusCode).toBe(400);
  });

  it('opens the records behind each number', async () => {
    const ents = (await t.call('GET', '/api/chains/CV/nodes/CV-M01/enterprises?regionCode=650109', { cookie: officer })).json();
    expect(ents.total).toBe(2);
    expect(ents.items.map((e: { registeredCapitalYuan: number; matchedBy: string }) => [e.registeredCapitalYuan, e.matchedBy])).toEqual([
      [8_000_000, 'products'],
      [1_000_000, 'industry'],
    ]);
    const paged = (await t.call('GET', '/api/chains/CV/nodes/CV-M01/enterprises?regionCode=650109&page=2&pageSize=1', { cookie: officer })).json();
    expect(paged).toMatchObject({ total: 2, items: [{ registeredCapitalYuan: 1_000_000 }] });
    const projects = (await t.call('GET', '/api/chains/CV/nodes/cv-m01/projects', { cookie: officer })).json();
    expect(projects.total).toBe(2);
    expect(projects.items.map((p: { name: string; stage: string; fundsYuan: number }) => [p.name, p.stage, p.fundsYuan])).toEqual([
      ['P2组件', 'signed', 500_000],
      ['P3组件', 'terminated', 100_000],
    ]);
    expect((await t.call('GET', '/api/chains/CV/nodes/CV-X/projects', { cookie: officer })).statusCode).toBe(404);
  });

  it('marks an upstream or midstream node with nothing local as a gap (补链), and a downstream one too when nothing upstream is local', async () => {
    // 昌吉州 lies outside the scope of 乌鲁木齐市's analyst
    expect((await t.call('GET', '/api/chains/CV/coverage?regionCode=652300', { cookie: analyst })).statusCode).toBe(404);
    const other = await t.call('GET', '/api/chains/CV/coverage?regionCode=650105', { cookie: analyst }); // 水磨沟区: nothing local
    expect(other.statusCode).toBe(200);
    const c = other.json() as { nodes: NodeCoverage[]; coveragePct: number };
    expect(c.nodes.map((n) => n.status)).toEqual(['gap', 'gap', 'gap', 'gap', 'gap']);
    expect(node(c, 'CV-U01').rule).toBe('本地没有该环节的企业和项目：补链');
    expect(c.coveragePct).toBe(0);
  });
});
