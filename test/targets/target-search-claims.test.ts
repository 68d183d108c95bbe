/**
 * 以保存的搜索认领: POST /api/enterprise-saved-searches/:id/targets claims the first `limit` matches of
 * a saved search, in its order, for a chain node through the one claim rule and reports each
 * enterprise. Chain SC (defined by 乌鲁木齐市 650100), node SC-U01 (3218). The 米东区 officer's saved
 * search "硼晶" sorted by capital matches, biggest first: A 9亿, B 8亿 (Jiangsu), D 7亿 (claimed for
 * SC-U01 by 天山区 beforehand), L 6亿 (registered in 米东区: local), E 1亿 (Jiangsu). Limit 4 takes
 * A, B, D, L: A and B claimed, D and L refused with their reasons, E untouched.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSession } from '../../src/services/accounts/auth';
import { importChains } from '../../src/services/chains/import-chains';
import { createSystemCaller, type Caller } from '../../src/services/context';
import { createSavedSearch } from '../../src/services/enterprises/enterprise-lists';
import { searchEnterprises } from '../../src/services/enterprises/enterprise-search';
import { claimTarget } from '../../src/services/targets/target-claims';
import { claimTargetsFromSearch } from '../../src/services/targets/target-search-claims';
import { createTestApp, type TestApp } from '../helpers/app';
import { DATABASE_KINDS } from '../helpers/databases';
import { testCreditCode, testEnterprise } from '../enterprises/fixtures';

const CHAIN = ['产业链编码,产业链名称,节点编码,节点名称,上级节点编码,环节,行业代码,关键产品', 'SC,搜索认领测试链,SC-U01,硅料,,上游,3218,硅料', 'SC,搜索认领测试链,SC-M01,组件,,中游,3825,光伏组件'].join('\n');

interface Result {
  enterpriseId: string;
  name: string;
  outcome: 'claimed' | 'refused';
  targetId: string | null;
  reason: string | null;
}

describe.each(DATABASE_KINDS)('claiming targets from a saved search on %s', (kind) => {
  let t: TestApp;
  const sys = createSystemCaller('test');
  const cookie: Record<string, string> = {};
  const firm: Record<string, { id: string; name: string }> = {};
  let officer: Caller;
  let searchId = '';
  let emptyId = '';

  const callerOf = async (who: string): Promise<Caller> => {
    const session = await resolveSession(t.deps, (cookie[who] ?? '').replace(/^yinfeng_session=/, ''));
    if (!session) throw new Error('no session');
    return { actor: session.actor, clientIp: null, requestId: null };
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    const r = await importChains(t.deps, sys, Buffer.from(CHAIN), { fileName: 'sc.csv', regionCode: '650100' });
    expect(r.problems).toEqual([]);
    const firms = [
      ['A', '江苏硼晶甲材料有限公司', '320505', 900_000_000],
      ['B', '江苏硼晶乙材料有限公司', '320506', 800_000_000],
      ['D', '江苏硼晶丙材料有限公司', '320505', 700_000_000],
      ['L', '米东硼晶丁材料有限公司', '650109', 600_000_000],
      ['E', '江苏硼晶戊材料有限公司', '320505', 100_000_000],
    ] as const;
    for (const [i, [key, name, region, capital]] of firms.entries()) {
      const e = await testEnterprise(t.deps, { creditCode: testCreditCode(900_100 + i, region), name, regionCode: region, industryCode: '3218', registeredCapitalYuan: capital });
      firm[key] = { id: e.id, name: e.name };
    }
    for (const [name, roles, region] of [
      ['sc_officer_mid', ['officer'], '650109'],
      ['sc_officer_ts', ['officer'], '650102'],
      ['sc_stat_mid', ['statistician'], '650109'],
    ] as const) {
      await t.createAccount(name, [...roles], region);
      cookie[name] = await t.login(name);
    }
    officer = await callerOf('sc_officer_mid');
    searchId = (await createSavedSearch(t.deps, officer, { name: '硼晶企业', query: { q: '硼晶', sort: 'capital' }, shared: false })).id;
    emptyId = (await createSavedSearch(t.deps, officer, { name: '无匹配', query: { q: '硼晶不存在的企业' }, shared: false })).id;
    await claimTarget(t.deps, sys, { region: '650102', chain: 'SC', node: 'SC-U01', enterprise: firm.D!.id });
  });
  afterAll(() => t.close());

  const claim = (who: string, id: string, body: Record<string, unknown>) => t.call('POST', `/api/enterprise-saved-searches/${id}/targets`, { cookie: cookie[who], body });

  it('claims the first `limit` matches in the search order through the claim rule, reports each; audited', async () => {
    const res = await claim('sc_officer_mid', searchId, { chain: 'SC', node: 'sc-u01', limit: 4 });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ search: { id: searchId, name: '硼晶企业' }, limit: 4, region: { code: '650109', name: '米东区' }, node: { code: 'SC-U01', name: '硅料' }, claimed: 2, refused: 2 });
    const results = body.results as Result[];
    // biggest capital first, E (the fifth) left alone
    expect(results.map((r) => [r.enterpriseId, r.outcome])).toEqual([
      [firm.A!.id, 'claimed'],
      [firm.B!.id, 'claimed'],
      [firm.D!.id, 'refused'],
      [firm.L!.id, 'refused'],
    ]);
    expect(results[2]!.reason).toBe(`${firm.D!.name}已被其他地区认领为本节点的目标（新目标），同一时间一个节点的企业只能由一个地区认领`);
    expect(results[3]!.reason).toBe(`${firm.L!.name}注册在米东区辖内，是本地企业，不作为招商目标`);
    const targets = (await t.deps.db.execute(sql`select enterprise_id, region_code from targets where node_code = 'SC-U01' and status <> 'dropped'`)) as unknown as {
      rows: { enterprise_id: string; region_code: string }[];
    };
    expect(targets.rows.filter((r) => r.region_code === '650109').map((r) => r.enterprise_id).sort()).toEqual([firm.A!.id, firm.B!.id].sort());
    expect(targets.rows.some((r) => r.enterprise_id === firm.E!.id)).toBe(false);
    const audits = (await t.deps.db.execute(
      sql`select action, object_type, object_id, after from audit_log where action in ('investmentTarget.claim', 'investmentTarget.claimFromSearch') and region_code = '650109' order by id`,
    )) as unknown as { rows: { action: string; object_type: string; object_id: string; after: { search?: string; limit?: number; claimed?: unknown[]; refused?: { enterpriseId: string }[] } }[] };
    expect(audits.rows.map((a) => a.action)).toEqual(['investmentTarget.claim', 'investmentTarget.claim', 'investmentTarget.claimFromSearch']);
    const batch = audits.rows[2]!;
    expect(batch).toMatchObject({ object_type: 'enterprise_saved_search', object_id: searchId, after: { search: '硼晶企业', limit: 4 } });
    expect(batch.after.claimed).toHaveLength(2);
    expect(batch.after.refused?.map((r) => r.enterpriseId).sort()).toEqual([firm.D!.id, firm.L!.id].sort());
  });

  it('a second run refuses those already claimed; a larger limit reaches the fifth', async () => {
    const again = (await claim('sc_officer_mid', searchId, { chain: 'SC', node: 'SC-U01', limit: 5 })).json();
    expect(again).toMatchObject({ claimed: 1, refused: 4 });
    expect((again.results as Result[]).map((r) => r.outcome)).toEqual(['refused', 'refused', 'refused', 'refused', 'claimed']);
    expect(again.results[0].reason).toBe(`${firm.A!.name}已被米东区认领为本节点的目标（新目标），同一时间一个节点的企业只能由一个地区认领`);
  });

  it('on the capped (broad) path takes the first page the search itself shows', async () => {
    // a total cap of 2 puts the five matches on the broad path, whose page comes in capital tiers
    const page = await searchEnterprises(t.deps, officer, { q: '硼晶', sort: 'capital', page: 1, pageSize: 2 }, 2);
    expect(page.totalCapped).toBe(true);
    const r = await claimTargetsFromSearch(t.deps, officer, searchId, { chain: 'SC', node: 'SC-M01', limit: 2 }, 200, 2);
    expect(r.results.map((x) => x.enterpriseId)).toEqual(page.items.map((i) => i.id));
    expect(r.claimed).toBe(2);
  });

  it('validates the limit with a Chinese message naming the field; an empty search is refused whole', async () => {
    const over = await claim('sc_officer_mid', searchId, { chain: 'SC', node: 'SC-U01', limit: 201 });
    expect(over.statusCode).toBe(400);
    expect(JSON.stringify(over.json().error)).toContain('limit');
    expect((await claim('sc_officer_mid', searchId, { chain: 'SC', node: 'SC-U01' })).statusCode).toBe(400);
    await expect(claimTargetsFromSearch(t.deps, officer, searchId, { chain: 'SC', node: 'SC-U01', limit: 3 }, 2)).rejects.toThrow('认领家数（limit）须为 1 到 2 的整数，按保存的搜索的排序取前几家');
    const empty = await claim('sc_officer_mid', emptyId, { chain: 'SC', node: 'SC-U01', limit: 10 });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.message).toBe('保存的搜索“无匹配”现在没有匹配的企业');
  });

  it('refuses another county, a region outside the scope, a wrong node and a caller without targeting.manage; claims nothing', async () => {
    const before = (await t.deps.db.execute(sql`select count(*)::int as n from targets`)) as unknown as { rows: { n: number }[] };
    // the saved search is private to its owner: another county's officer gets 404 (and an audit row)
    expect((await claim('sc_officer_ts', searchId, { chain: 'SC', node: 'SC-U01', limit: 5 })).statusCode).toBe(404);
    const denied = (await t.deps.db.execute(sql`select count(*)::int as n from audit_log where object_id = ${searchId} and outcome = 'denied'`)) as unknown as { rows: { n: number }[] };
    expect(denied.rows[0]?.n).toBeGreaterThanOrEqual(1);
    // 米东区 cannot claim for 天山区
    expect((await claim('sc_officer_mid', searchId, { chain: 'SC', node: 'SC-U01', region: '650102', limit: 5 })).statusCode).toBe(404);
    const node = await claim('sc_officer_mid', searchId, { chain: 'SC', node: 'SC-X99', limit: 5 });
    expect(node.statusCode).toBe(404);
    expect(node.json().error.message).toBe('产业链“搜索认领测试链”的当前版本中没有节点“SC-X99”');
    expect((await claim('sc_stat_mid', searchId, { chain: 'SC', node: 'SC-U01', limit: 5 })).statusCode).toBe(403);
    const after = (await t.deps.db.execute(sql`select count(*)::int as n from targets`)) as unknown as { rows: { n: number }[] };
    expect(after.rows[0]?.n).toBe(before.rows[0]?.n);
  });
});
