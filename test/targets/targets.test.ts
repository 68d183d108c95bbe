/**
 * Targets scored, claimed and advanced, on both databases, with hand-computed figures. Chain TG
 * (defined by 乌鲁木齐市 650100): TG-U01 工业硅 (upstream, 3218, 工业硅) · TG-M01 组件 (midstream,
 * 3825, 光伏组件) · TG-D01 电站 (downstream, 4416).
 * Enterprises: L1, L2 3825 in 米东区 650109 (local: the pull of 组件 on 工业硅 is 2/20 → 1 point);
 *   D 3218 in 米东区 (local: never a target); E 3218 revoked in 苏州 (never a target);
 *   A 3218 in 苏州虎丘 320505, 10 亿, 上市; G 3825 in 320505; B 3218 in 深圳南山 440305, 100 万, investor
 *   of a 米东区 project; C no code in 320505, scope 工业硅冶炼及销售; F 4416 in 天山区 650102.
 * Scores for 米东区 and 工业硅 (default weights, relatedness not computed yet):
 *   A = 25 (same 小类) + 1 (pull) + 10 (10 亿: log10(100000)/5 = 1) + 7 (上市 0.7) = 43
 *   B = 25 + 1 + 4 (100 万: log10(100)/5 = 0.4) + 10 (investor already here) = 40
 *   C = 5 (1 of 3 products) + 1 = 6
 * Relatedness (大类, counties with RCA ≥ 1; 7 counted firms: 38 ×3, 32 ×3, 44 ×1):
 *   650109 {38: 2, 32: 1} → specialised in 38 only; 320505 {32, 38} → both; 440305 {32}; 650102 {44}.
 *   φ(32, 38) = 1 county with both / max(2, 2) = 0.5, no other pair. Density of 32 for 米东区 =
 *   φ(32, 38)·1 / φ(32, 38) = 100 % → +15 for A and B after the refresh: A 58, B 55, C 6.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshTargetFeatures } from '../../src/db/queries/targets/industry-relatedness';
import { listTopNodeMatches } from '../../src/services/targets/node-local-counts';
import { auditLog } from '../../src/db/schema/index';
import { importChains } from '../../src/services/chains/import-chains';
import { createSystemCaller } from '../../src/services/context';
import { createProject } from '../../src/services/projects/projects';
import { createTestApp, type TestApp } from '../helpers/app';
import { DATABASE_KINDS } from '../helpers/databases';
import { testEnterprise } from '../enterprises/fixtures';

const WAN = 10_000;
const CHAIN = [
  '产业链编码,产业链名称,节点编码,节点名称,上级节点编码,环节,行业代码,关键产品',
  'TG,目标测试链,TG-U01,工业硅,,上游,3218,工业硅',
  'TG,目标测试链,TG-M01,组件,,中游,3825,光伏组件',
  'TG,目标测试链,TG-D01,电站,,下游,4416,',
].join('\n');

interface Scored {
  candidates: number;
  weightsSource: string;
  items: {
    rank: number;
    enterprise: { id: string; name: string; creditCode: string };
    score: number;
    features: { feature: string; points: number; reason: string }[];
    belowAbove: { feature: string; higherPoints: number; lowerPoints: number; gap: number }[];
    claim: { targetId: string | null; regionName: string; status: string } | null;
  }[];
}

describe.each(DATABASE_KINDS)('targets on %s', (kind) => {
  let t: TestApp;
  const sys = createSystemCaller('test');
  const cookie: Record<string, string> = {};
  const e: Record<string, { id: string; creditCode: string | null; name: string }> = {};

  beforeAll(async () => {
    t = await createTestApp(kind);
    const r = await importChains(t.deps, sys, Buffer.from(CHAIN), { fileName: 'tg.csv', regionCode: '650100' });
    expect(r.problems).toEqual([]);
    e.L1 = await testEnterprise(t.deps, { regionCode: '650109', industryCode: '3825' });
    e.L2 = await testEnterprise(t.deps, { regionCode: '650109', industryCode: '3825' });
    e.D = await testEnterprise(t.deps, { regionCode: '650109', industryCode: '3218', registeredCapitalYuan: 90_000 * WAN });
    e.E = await testEnterprise(t.deps, { regionCode: '320505', industryCode: '3218', status: 'revoked', registeredCapitalYuan: 90_000 * WAN });
    e.A = await testEnterprise(t.deps, { regionCode: '320505', industryCode: '3218', registeredCapitalYuan: 100_000 * WAN, tags: ['上市'] });
    e.G = await testEnterprise(t.deps, { regionCode: '320505', industryCode: '3825' });
    e.B = await testEnterprise(t.deps, { regionCode: '440305', industryCode: '3218', registeredCapitalYuan: 100 * WAN });
    e.C = await testEnterprise(t.deps, { regionCode: '320505', businessScope: '工业硅冶炼及销售' });
    e.F = await testEnterprise(t.deps, { regionCode: '650102', industryCode: '4416' });
    await createProject(t.deps, sys, { name: 'B的在地项目', regionCode: '650109', source: 'outOfRegion', investorName: e.B.name, investorCreditCode: e.B.creditCode });
    const accounts: [string, string[], string][] = [
      ['tg_officer_mid', ['officer'], '650109'],
      ['tg_officer_ts', ['officer'], '650102'],
      ['tg_analyst_pref', ['analyst'], '650100'],
      ['tg_stat_mid', ['statistician'], '650109'],
    ];
    for (const [name, roles, region] of accounts) {
      await t.createAccount(name, roles, region);
      cookie[name] = await t.login(name);
    }
  });
  afterAll(() => t.close());

  const scored = async (who: string, query = 'chain=TG&node=TG-U01') => {
    const res = await t.call('GET', `/api/targets/scored?${query}`, { cookie: cookie[who] });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Scored;
  };
  const pointsOf = (item: Scored['items'][number]) => Object.fromEntries(item.features.map((f) => [f.feature, f.points]));

  it('ranks the firms outside the region that fit the node, each point explained', async () => {
    const s = await scored('tg_officer_mid');
    expect(s.weightsSource).toBe('default');
    expect(s.items.map((i) => [i.enterprise.id, i.score])).toEqual([
      [e.A!.id, 43],
      [e.B!.id, 40],
      [e.C!.id, 6],
    ]);
    expect(s.candidates).toBe(3); // not D (local), E (revoked), G or F (other nodes)
    const [a, b, c] = s.items;
    expect(pointsOf(a!)).toEqual({ industryFit: 25, productFit: 0, relatedness: 0, chainPull: 1, scale: 10, tags: 7, growth: 0, ties: 0 });
    expect(a!.features.map((f) => f.reason)).toEqual([
      '行业代码 3218 与本节点同小类（+25）',
      '产品与经营范围未提到本节点关键产品（+0）',
      '产业关联度尚未计算（+0）',
      '下游节点 组件 已有本地企业 2 家（+1）',
      '注册资本 100000 万元（+10）',
      '标签：上市（+7）',
      '近两年无增资或外地设立分支的记录（+0）',
      '与本地尚无联系（+0）',
    ]);
    expect(pointsOf(b!)).toMatchObject({ scale: 4, ties: 10 });
    expect(b!.features.find((f) => f.feature === 'ties')?.reason).toBe('已是本地项目的投资方（+10）');
    // why B ranks below A: tags 7 vs 0, scale 10 vs 4 (B's ties do better and narrow the gap)
    expect(b!.belowAbove).toEqual([
      { feature: 'tags', label: '企业标签', higherPoints: 7, lowerPoints: 0, gap: 7 },
      { feature: 'scale', label: '规模', higherPoints: 10, lowerPoints: 4, gap: 6 },
    ]);
    expect(pointsOf(c!)).toMatchObject({ industryFit: 0, productFit: 5, chainPull: 1 });
    expect(c!.features[1]!.reason).toBe('产品或经营范围含本节点关键产品：工业硅（+5）');
    // in English
    const en = await t.call('GET', '/api/targets/scored?chain=TG&node=TG-U01', { cookie: cookie.tg_officer_mid, headers: { 'accept-language': 'en' } });
    expect((en.json() as Scored).items[0]!.features[3]!.reason).toBe('The downstream node 组件 already has 2 local enterprises (+1)');
  });

  it('adds relatedness once the job has computed it from co-location', async () => {
    expect(await refreshTargetFeatures(t.deps.db, await listTopNodeMatches(t.deps.db))).toMatchObject({ divisions: 3, pairs: 2, regionIndustries: 6, growthSignals: 0 });
    const s = await scored('tg_officer_mid');
    expect(s.items.map((i) => [i.enterprise.id, i.score])).toEqual([
      [e.A!.id, 58],
      [e.B!.id, 55],
      [e.C!.id, 6],
    ]);
    expect(s.items[0]!.features[2]!.reason).toBe('本地已有的产业与其所在行业的关联度 100%（+15）');
    expect(s.items[2]!.features[2]!.reason).toBe('行业未知，无法计算与本地产业的关联度（+0）');
  });

  it('refuses a region outside the chain, a province, a node not in the chain, and callers without the permission', async () => {
    const other = await t.call('GET', '/api/targets/scored?chain=TG&node=TG-U01&region=650102', { cookie: cookie.tg_officer_mid });
    expect(other.statusCode).toBe(404); // 天山区 is outside 米东区's scope
    const node = await t.call('GET', '/api/targets/scored?chain=TG&node=TG-X99', { cookie: cookie.tg_officer_mid });
    expect(node.json()).toMatchObject({ error: { code: 'NOT_FOUND', message: '产业链“目标测试链”的当前版本中没有节点“TG-X99”' } });
    expect((await t.call('GET', '/api/targets/scored?chain=TG&node=TG-U01', { cookie: cookie.tg_stat_mid })).statusCode).toBe(403);
    const limit = await t.call('GET', '/api/targets/scored?chain=TG&node=TG-U01&limit=500', { cookie: cookie.tg_officer_mid });
    expect(limit.statusCode).toBe(400);
  });

  it('lets one region claim a firm for a node at a time, names the claimant only within scope, and audits', async () => {
    const claim = await t.call('POST', '/api/targets', { cookie: cookie.tg_officer_mid, body: { chain: 'TG', node: 'TG-U01', enterprise: e.A!.creditCode } });
    expect(claim.statusCode, claim.body).toBe(200);
    expect(claim.json()).toMatchObject({ regionCode: '650109', nodeCode: 'TG-U01', enterpriseId: e.A!.id, status: 'new', score: 58, version: 1 });
    // 天山区 cannot see who holds it; the prefecture can
    const ts = await t.call('POST', '/api/targets', { cookie: cookie.tg_officer_ts, body: { chain: 'TG', node: 'TG-U01', enterprise: e.A!.creditCode } });
    expect(ts.statusCode).toBe(409);
    expect(ts.json()).toMatchObject({ error: { message: `${e.A!.name}已被其他地区认领为本节点的目标（新目标），同一时间一个节点的企业只能由一个地区认领` } });
    const pref = await t.call('POST', '/api/targets', { cookie: cookie.tg_analyst_pref, body: { chain: 'TG', node: 'TG-U01', enterprise: e.A!.id } });
    expect(pref.json()).toMatchObject({ error: { code: 'CONFLICT', message: expect.stringContaining('已被米东区认领') } });
    // the same firm for another node is another claim
    const other = await t.call('POST', '/api/targets', { cookie: cookie.tg_officer_ts, body: { chain: 'TG', node: 'TG-M01', enterprise: e.A!.creditCode } });
    expect(other.statusCode, other.body).toBe(200);
    // a local firm is not a target
    const local = await t.call('POST', '/api/targets', { cookie: cookie.tg_officer_mid, body: { chain: 'TG', node: 'TG-U01', enterprise: e.D!.creditCode } });
    expect(local.statusCode).toBe(400);
    // the scored list shows the claim, named for 米东区 and anonymous for 天山区 (which cannot score 米东区's list: it scores its own)
    const s = await scored('tg_officer_mid');
    expect(s.items[0]!.claim).toMatchObject({ regionName: '米东区', status: 'new' });
    const tsView = await scored('tg_officer_ts');
    expect(tsView.items.find((i) => i.enterprise.id === e.A!.id)?.claim).toEqual({ targetId: null, regionCode: null, regionName: '其他地区', status: 'new' });
    const audit = await t.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'investmentTarget.claim'), eq(auditLog.regionCode, '650109')));
    expect(audit).toHaveLength(1);
    expect(audit[0]?.after).toMatchObject({ chain: 'TG', node: 'TG-U01', score: 58, weights: 'default' });
  });

  it('moves a target forward, refuses going back, wants a reason to drop and a signed project to be signed', async () => {
    const list = await t.call('GET', '/api/targets?chain=TG', { cookie: cookie.tg_officer_mid });
    const mine = (list.json() as { items: { id: string; version: number; nodeCode: string }[] }).items.find((i) => i.nodeCode === 'TG-U01')!;
    const move = (body: object, who = 'tg_officer_mid') => t.call('POST', `/api/targets/${mine.id}/status`, { cookie: cookie[who], body });
    const visited = await move({ status: 'visited', version: 1 });
    expect(visited.json()).toMatchObject({ status: 'visited', version: 2 });
    expect((await move({ status: 'contacted', version: 2 })).json()).toMatchObject({ error: { code: 'CONFLICT', message: '目标当前为“已拜访”，不能改为“已接触”' } });
    expect((await move({ status: 'visited', version: 1 })).statusCode).toBe(409); // stale version (and no change)
    expect((await move({ status: 'signed', version: 2 })).json()).toMatchObject({ error: { message: '标为已签约须先关联一个已签约（或已开工、投产）的项目' } });
    expect((await move({ status: 'dropped', version: 2 })).statusCode).toBe(400);
    expect((await move({ status: 'negotiating', version: 2 }, 'tg_officer_ts')).statusCode).toBe(404); // 天山区 cannot touch 米东区's target
    // a project of another investor is refused; A's signed project in 米东区 is linked and the target is signed
    const wrong = await createProject(t.deps, sys, { name: '别家项目', regionCode: '650109', source: 'local' });
    expect((await move({ status: 'negotiating', projectCode: wrong.code, version: 2 })).statusCode).toBe(400);
    const project = await createProject(t.deps, sys, {
      name: 'A 工业硅项目',
      regionCode: '650109',
      source: 'outOfRegion',
      industryCode: '3218',
      stage: 'signed',
      investorName: e.A!.name,
      investorCreditCode: e.A!.creditCode,
      signedDate: '2026-03-01',
      signedAmountYuan: 50_000 * WAN,
    });
    const signed = await move({ status: 'signed', projectCode: project.code, version: 2 });
    expect(signed.json()).toMatchObject({ status: 'signed', projectId: project.id, version: 3 });
    const after = await t.call('GET', '/api/targets?chain=TG&status=signed', { cookie: cookie.tg_analyst_pref });
    expect((after.json() as { items: unknown[] }).items).toEqual([
      expect.objectContaining({ regionName: '米东区', nodeName: '工业硅', statusLabel: '已签约', project: expect.objectContaining({ code: project.code, stage: 'signed' }), overlaps: 1 }),
    ]);
  });

  it('shows on the enterprise page the nodes the firm fits and the regions targeting it, within scope', async () => {
    type Fit = { chainNodes: { nodes: { nodeCode: string; byIndustry: boolean; products: string[] }[]; targetedBy: { regionName: string; nodeCode: string; nodeName: string | null; statusLabel: string }[] } };
    const page = async (who: string, key: string) => {
      const res = await t.call('GET', `/api/enterprises/${key}`, { cookie: cookie[who] });
      expect(res.statusCode, res.body).toBe(200);
      return (res.json() as Fit).chainNodes;
    };
    const mid = await page('tg_officer_mid', e.A!.creditCode!);
    expect(mid.nodes).toEqual([expect.objectContaining({ nodeCode: 'TG-U01', byIndustry: true, products: [] })]);
    // 米东区 sees its own claim only; the prefecture sees 米东区's and 天山区's
    expect(mid.targetedBy.map((c) => [c.regionName, c.nodeCode, c.nodeName])).toEqual([['米东区', 'TG-U01', '工业硅']]);
    const pref = await page('tg_analyst_pref', e.A!.creditCode!);
    expect(pref.targetedBy.map((c) => [c.regionName, c.nodeCode, c.nodeName]).sort()).toEqual([
      ['天山区', 'TG-M01', '组件'],
      ['米东区', 'TG-U01', '工业硅'],
    ]);
    // a firm without a code fits by the products its scope names
    expect((await page('tg_officer_mid', e.C!.creditCode!)).nodes).toEqual([expect.objectContaining({ nodeCode: 'TG-U01', byIndustry: false, products: ['工业硅'] })]);
  });

  it('keeps feedback per person, region, node and firm (the latest word counts), audited', async () => {
    const give = (kind: string) => t.call('PUT', '/api/targets/feedback', { cookie: cookie.tg_officer_mid, body: { chain: 'TG', node: 'TG-U01', enterprise: e.C!.creditCode, kind, note: ' 只做冶炼 ' } });
    expect((await give('irrelevant')).json()).toEqual({ regionCode: '650109', nodeCode: 'TG-U01', enterpriseId: e.C!.id, kind: 'irrelevant', note: '只做冶炼' });
    expect((await give('goodLead')).statusCode).toBe(200);
    const rows = await t.database.db.execute(`select kind from target_feedback where enterprise_id = '${e.C!.id}'`);
    expect((rows as unknown as { rows: { kind: string }[] }).rows).toEqual([{ kind: 'goodLead' }]);
    const audit = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'investmentTarget.feedback'));
    expect(audit).toHaveLength(2);
  });
});
