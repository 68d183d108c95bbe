/**
 * The portal's demo data (src/seed/demo-portal.ts) on a ledger with two 储备 projects of the demo prefecture:
 * three public offices, five published resources (the sixth is a draft), four demo policies with seven
 * published items, both 储备 projects published; the matcher for a small 稻谷加工 (1311) firm in 米东区
 * finds the five items written for it, by hand: both national items (any industry), the two 制造业 items,
 * and 米东区's 农副产品 item.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoPortal } from '../../src/seed/demo-portal';
import { PROJECTS_CSV } from '../activities/fixtures';
import { createTestApp, type TestApp } from '../helpers/app';

describe('demo data of the portal', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('pglite');
    await t.createAccount('dp_officer', ['officer'], '650100');
    const officer = await t.login('dp_officer');
    expect((await t.call('POST', '/api/imports?kind=projects', { cookie: officer, body: PROJECTS_CSV, headers: { 'content-type': 'text/csv', 'x-file-name': 'p.csv' } })).statusCode).toBe(200);
    await seedDemoPortal(t.deps);
  });
  afterAll(() => t.close());

  it('publishes offices, resources, policies and the reserve projects, all marked demo where written', async () => {
    expect((await t.call('GET', '/api/public/offices')).json().items).toHaveLength(3);
    expect((await t.call('GET', '/api/public/resources')).json().total).toBe(5);
    expect((await t.call('GET', '/api/public/resources?industry=C')).json().total).toBe(3);
    const policies = (await t.call('GET', '/api/public/policies')).json().items as { isDemo: boolean; items: number }[];
    expect(policies).toHaveLength(4);
    expect(policies.every((p) => p.isDemo)).toBe(true);
    expect(policies.reduce((n, p) => n + p.items, 0)).toBe(7);
    expect((await t.call('GET', '/api/public/projects')).json().total).toBe(2);
    const match = (await t.call('GET', '/api/public/policy-match?industry=1311&size=small&region=650109')).json().items.map((m: { item: { title: string } }) => m.item.title);
    expect(match.sort()).toEqual(['农副产品精深加工项目贷款贴息', '固定资产投资奖励', '标准厂房租金补贴', '重点鼓励发展产业新办企业所得税两免三减半', '鼓励类产业企业减按 15% 税率征收企业所得税'].sort());
    const home = await t.call('GET', '/portal');
    expect(home.body).toContain('米东区农副产品加工标准厂房 2 号楼');
  });

  it('seeds again without error and without doubling anything', async () => {
    await seedDemoPortal(t.deps);
    expect((await t.call('GET', '/api/public/offices')).json().items).toHaveLength(3);
    expect((await t.call('GET', '/api/public/resources')).json().total).toBe(5);
    expect((await t.call('GET', '/api/public/policies')).json().items).toHaveLength(4);
    expect((await t.call('GET', '/api/public/projects')).json().total).toBe(2);
  });
});
