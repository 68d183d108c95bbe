/**
 * Targets ↔ contacts: a target row counts the firm's contacts held within the caller's own scope, and
 * the contacts themselves come (masked) from the enterprise contacts service, the same as on the
 * enterprise page; a contact added from the target goes through that service and does not move the
 * target. Firm F (Jiangsu) is a 米东区 target of node TC-U01 and has a contact recorded by 米东区
 * (王小明) and one by 天山区 (李四海); firm G is a 天山区 target with a 天山区 contact.
 * 米东区 counts 1 on F; 乌鲁木齐市 (above both) counts 2 on F and 1 on G.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importChains } from '../../src/services/chains/import-chains';
import { createSystemCaller } from '../../src/services/context';
import { claimTarget } from '../../src/services/targets/target-claims';
import { createTestApp, type TestApp } from '../helpers/app';
import { DATABASE_KINDS } from '../helpers/databases';
import { testContact, testEnterprise } from '../enterprises/fixtures';

const CHAIN = ['产业链编码,产业链名称,节点编码,节点名称,上级节点编码,环节,行业代码,关键产品', 'TC,联系人测试链,TC-U01,硅料,,上游,3218,硅料'].join('\n');

interface Item {
  enterpriseId: string;
  regionCode: string;
  status: string;
  contacts: number;
}

describe.each(DATABASE_KINDS)('contacts of a target on %s', (kind) => {
  let t: TestApp;
  const sys = createSystemCaller('test');
  const cookie: Record<string, string> = {};
  let f = { id: '', creditCode: '' };
  let g = { id: '', creditCode: '' };
  let tsContact = '';

  beforeAll(async () => {
    t = await createTestApp(kind);
    const r = await importChains(t.deps, sys, Buffer.from(CHAIN), { fileName: 'tc.csv', regionCode: '650100' });
    expect(r.problems).toEqual([]);
    const ef = await testEnterprise(t.deps, { regionCode: '320505', industryCode: '3218' });
    const eg = await testEnterprise(t.deps, { regionCode: '320505', industryCode: '3218' });
    f = { id: ef.id, creditCode: ef.creditCode as string };
    g = { id: eg.id, creditCode: eg.creditCode as string };
    await claimTarget(t.deps, sys, { region: '650109', chain: 'TC', node: 'TC-U01', enterprise: f.id });
    await claimTarget(t.deps, sys, { region: '650102', chain: 'TC', node: 'TC-U01', enterprise: g.id });
    await testContact(t.deps, f.creditCode, '650109', { name: '王小明', phone: '13900001111' });
    tsContact = (await testContact(t.deps, f.creditCode, '650102', { name: '李四海', phone: '13900002222' })).id;
    await testContact(t.deps, g.creditCode, '650102', { name: '赵五', phone: '13900003333' });
    for (const [name, roles, region] of [
      ['tc_officer_mid', ['officer'], '650109'],
      ['tc_officer_ts', ['officer'], '650102'],
      ['tc_leader_pref', ['leader'], '650100'],
    ] as const) {
      await t.createAccount(name, [...roles], region);
      cookie[name] = await t.login(name);
    }
  });
  afterAll(() => t.close());

  const targets = async (who: string, region?: string): Promise<Item[]> => {
    const res = await t.call('GET', `/api/targets?chain=TC${region ? `&region=${region}` : ''}`, { cookie: cookie[who] });
    expect(res.statusCode).toBe(200);
    return res.json().items as Item[];
  };

  it('counts the contacts each caller holds: the county its own, the prefecture those of its counties', async () => {
    expect((await targets('tc_officer_mid')).map((i) => [i.enterpriseId, i.contacts])).toEqual([[f.id, 1]]);
    const pref = await targets('tc_leader_pref');
    expect(new Map(pref.map((i) => [i.enterpriseId, i.contacts]))).toEqual(new Map([[f.id, 2], [g.id, 1]]));
    // 天山区 sees only its own target, never 米东区's
    expect((await targets('tc_officer_ts')).map((i) => [i.enterpriseId, i.contacts])).toEqual([[g.id, 1]]);
    expect((await t.call('GET', '/api/targets?region=650109', { cookie: cookie.tc_officer_ts })).statusCode).toBe(404);
  });

  it('shows the target firm\'s contacts masked and within scope only; another county\'s contact cannot be revealed', async () => {
    const res = await t.call('GET', `/api/enterprises/${f.creditCode}/contacts`, { cookie: cookie.tc_officer_mid });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { name: string; phone: string; regionCode: string; masked: boolean }[];
    expect(items.map((c) => [c.name, c.phone, c.regionCode, c.masked])).toEqual([['王**', '139****1111', '650109', true]]);
    expect((await t.call('POST', `/api/contacts/${tsContact}/reveal`, { cookie: cookie.tc_officer_mid })).statusCode).toBe(404);
  });

  it('a contact added from the target counts at once and leaves the target 新目标; audited', async () => {
    const added = await t.call('POST', `/api/enterprises/${f.creditCode}/contacts`, { cookie: cookie.tc_officer_mid, body: { name: '钱六', phone: '13900004444', title: '采购经理' } });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ name: '钱*', regionCode: '650109', masked: true });
    const [row] = await targets('tc_officer_mid');
    expect(row).toMatchObject({ enterpriseId: f.id, contacts: 2, status: 'new' });
    const audit = (await t.deps.db.execute(sql`select count(*)::int as n from audit_log where action = 'contact.create' and region_code = '650109' and object_id = ${added.json().id}`)) as unknown as {
      rows: { n: number }[];
    };
    expect(audit.rows[0]?.n).toBe(1);
  });
});
