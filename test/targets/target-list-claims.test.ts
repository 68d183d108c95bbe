/**
 * 以名单认领: POST /api/enterprise-lists/:id/targets claims a list's members for a chain node through
 * the one claim rule and reports each enterprise. Chain LC (defined by 乌鲁木齐市 650100), node LC-U01
 * (3218). The list of the 米东区 officer holds: A and B (Jiangsu firms), C (claimed for LC-U01 by 天山区
 * beforehand), L (registered in 米东区: a local firm). Claiming for 米东区: A and B claimed, C refused
 * (claimed by 天山区 — visible by name only to those above both), L refused (local). A second run refuses all.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importChains } from '../../src/services/chains/import-chains';
import { createSystemCaller } from '../../src/services/context';
import { addListMembers, createEnterpriseList } from '../../src/services/enterprises/enterprise-lists';
import { claimTarget } from '../../src/services/targets/target-claims';
import { resolveSession } from '../../src/services/accounts/auth';
import { createTestApp, type TestApp } from '../helpers/app';
import { DATABASE_KINDS } from '../helpers/databases';
import { testEnterprise } from '../enterprises/fixtures';

const CHAIN = ['产业链编码,产业链名称,节点编码,节点名称,上级节点编码,环节,行业代码,关键产品', 'LC,名单认领测试链,LC-U01,硅料,,上游,3218,硅料', 'LC,名单认领测试链,LC-M01,组件,,中游,3825,光伏组件'].join('\n');

interface Result {
  enterpriseId: string;
  name: string;
  outcome: 'claimed' | 'refused';
  targetId: string | null;
  reason: string | null;
}

describe.each(DATABASE_KINDS)('claiming targets from an enterprise list on %s', (kind) => {
  let t: TestApp;
  const sys = createSystemCaller('test');
  const cookie: Record<string, string> = {};
  const firm: Record<string, { id: string; name: string }> = {};
  let listId = '';
  let bigListId = '';

  beforeAll(async () => {
    t = await createTestApp(kind);
    const r = await importChains(t.deps, sys, Buffer.from(CHAIN), { fileName: 'lc.csv', regionCode: '650100' });
    expect(r.problems).toEqual([]);
    for (const [key, region] of [['A', '320505'], ['B', '320506'], ['C', '320505'], ['L', '650109']] as const) {
      const e = await testEnterprise(t.deps, { regionCode: region, industryCode: '3218' });
      firm[key] = { id: e.id, name: e.name };
    }
    for (const [name, roles, region] of [
      ['lc_officer_mid', ['officer'], '650109'],
      ['lc_officer_ts', ['officer'], '650102'],
      ['lc_leader_pref', ['leader'], '650100'],
      ['lc_stat_mid', ['statistician'], '650109'],
    ] as const) {
      await t.createAccount(name, [...roles], region);
      cookie[name] = await t.login(name);
    }
    const session = await resolveSession(t.deps, (cookie.lc_officer_mid ?? '').replace(/^yinfeng_session=/, ''));
    if (!session) throw new Error('no session');
    const officer = { actor: session.actor, clientIp: null, requestId: null };
    const list = await createEnterpriseList(t.deps, officer, { name: '硅料招商名单', shared: false });
    listId = list.id;
    await addListMembers(t.deps, officer, listId, { enterpriseIds: [firm.A!.id, firm.B!.id, firm.C!.id, firm.L!.id] });
    const big = await createEnterpriseList(t.deps, officer, { name: '大名单', shared: false });
    bigListId = big.id;
    await addListMembers(t.deps, officer, bigListId, { enterpriseIds: [firm.A!.id, firm.B!.id, firm.C!.id] });
    await claimTarget(t.deps, sys, { region: '650102', chain: 'LC', node: 'LC-U01', enterprise: firm.C!.id });
  });
  afterAll(() => t.close());

  const claim = (who: string, id: string, body: Record<string, unknown>) => t.call('POST', `/api/enterprise-lists/${id}/targets`, { cookie: cookie[who], body });

  it('claims each member through the claim rule and reports the refused ones with their reason; audited', async () => {
    const res = await claim('lc_officer_mid', listId, { chain: 'LC', node: 'lc-u01' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ list: { id: listId, name: '硅料招商名单' }, region: { code: '650109', name: '米东区' }, node: { code: 'LC-U01', name: '硅料' }, claimed: 2, refused: 2 });
    const by = new Map((body.results as Result[]).map((r) => [r.enterpriseId, r]));
    expect(by.get(firm.A!.id)).toMatchObject({ outcome: 'claimed', reason: null });
    expect(by.get(firm.B!.id)).toMatchObject({ outcome: 'claimed', reason: null });
    // 天山区 is not within 米东区: the officer learns only that another region holds it
    expect(by.get(firm.C!.id)).toMatchObject({ outcome: 'refused', targetId: null, reason: `${firm.C!.name}已被其他地区认领为本节点的目标（新目标），同一时间一个节点的企业只能由一个地区认领` });
    expect(by.get(firm.L!.id)).toMatchObject({ outcome: 'refused', reason: `${firm.L!.name}注册在米东区辖内，是本地企业，不作为招商目标` });
    const targets = (await t.deps.db.execute(sql`select enterprise_id, region_code, node_code from targets where node_code = 'LC-U01' and status <> 'dropped' order by region_code`)) as unknown as {
      rows: { enterprise_id: string; region_code: string }[];
    };
    expect(targets.rows.filter((r) => r.region_code === '650109').map((r) => r.enterprise_id).sort()).toEqual([firm.A!.id, firm.B!.id].sort());
    expect(targets.rows.filter((r) => r.region_code === '650102').map((r) => r.enterprise_id)).toEqual([firm.C!.id]);
    const audits = (await t.deps.db.execute(sql`select action, object_id, after from audit_log where action in ('investmentTarget.claim', 'investmentTarget.claimFromList') and region_code = '650109' order by id`)) as unknown as {
      rows: { action: string; object_id: string; after: { claimed?: unknown[]; refused?: { enterpriseId: string; reason: string }[] } }[];
    };
    expect(audits.rows.map((a) => a.action)).toEqual(['investmentTarget.claim', 'investmentTarget.claim', 'investmentTarget.claimFromList']);
    const batch = audits.rows[2]!;
    expect(batch.object_id).toBe(listId);
    expect(batch.after.claimed).toHaveLength(2);
    expect(batch.after.refused?.map((r) => r.enterpriseId).sort()).toEqual([firm.C!.id, firm.L!.id].sort());
  });

  it('claims only the chosen members; one not in the list is refused as such; a second run refuses those already claimed', async () => {
    const outsider = await testEnterprise(t.deps, { regionCode: '320505', industryCode: '3825' });
    const res = await claim('lc_officer_mid', listId, { chain: 'LC', node: 'LC-M01', enterpriseIds: [firm.A!.id, outsider.id] });
    expect(res.statusCode).toBe(200);
    const results = res.json().results as Result[];
    expect(results.map((r) => [r.enterpriseId, r.outcome, r.reason])).toEqual([
      [firm.A!.id, 'claimed', null],
      [outsider.id, 'refused', '不在该名单中'],
    ]);
    const again = (await claim('lc_officer_mid', listId, { chain: 'LC', node: 'LC-M01', enterpriseIds: [firm.A!.id] })).json();
    expect(again).toMatchObject({ claimed: 0, refused: 1 });
    expect(again.results[0].reason).toBe(`${firm.A!.name}已被米东区认领为本节点的目标（新目标），同一时间一个节点的企业只能由一个地区认领`);
  });

  it('refuses the whole request for a list, region, chain or node out of reach, and without targeting.manage', async () => {
    // the list is private to its owner: another county's officer gets 404
    expect((await claim('lc_officer_ts', listId, { chain: 'LC', node: 'LC-U01' })).statusCode).toBe(404);
    // a region outside the caller's
    expect((await claim('lc_officer_mid', listId, { chain: 'LC', node: 'LC-U01', region: '650102' })).statusCode).toBe(404);
    const node = await claim('lc_officer_mid', listId, { chain: 'LC', node: 'LC-X99' });
    expect(node.statusCode).toBe(404);
    expect(node.json().error.message).toBe('产业链“名单认领测试链”的当前版本中没有节点“LC-X99”');
    // a statistician may read lists but not claim targets
    expect((await claim('lc_stat_mid', listId, { chain: 'LC', node: 'LC-U01' })).statusCode).toBe(403);
    const count = (await t.deps.db.execute(sql`select count(*)::int as n from targets where node_code = 'LC-U01'`)) as unknown as { rows: { n: number }[] };
    expect(count.rows[0]?.n).toBe(3);
  });

  it('refuses a whole list above the cap unless members are chosen, and an empty choice', async () => {
    const { claimTargetsFromList } = await import('../../src/services/targets/target-list-claims');
    const session = await resolveSession(t.deps, (cookie.lc_officer_mid ?? '').replace(/^yinfeng_session=/, ''));
    if (!session) throw new Error('no session');
    const officer = { actor: session.actor, clientIp: null, requestId: null };
    await expect(claimTargetsFromList(t.deps, officer, bigListId, { chain: 'LC', node: 'LC-M01' }, 2)).rejects.toThrow('名单有 3 家企业，一次最多认领 2 家；请勾选要认领的企业');
    const chosen = await claimTargetsFromList(t.deps, officer, bigListId, { chain: 'LC', node: 'LC-M01', enterpriseIds: [firm.B!.id] }, 2);
    expect(chosen).toMatchObject({ claimed: 1, refused: 0 });
    const empty = await claim('lc_officer_mid', bigListId, { chain: 'LC', node: 'LC-M01', enterpriseIds: [] });
    expect(empty.statusCode).toBe(400);
    expect(JSON.stringify(empty.json().error)).toContain('enterpriseIds');
  });
});
