/** The enterprise page: profile with labels and sources, scoped relations, timeline; hand edits and creation. */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, enterpriseFieldChanges, enterpriseListMembers, enterpriseLists, enterprises } from '../../src/db/schema/index';
import { todayInShanghai } from '../../src/domain/dates';
import { changeProjectStage } from '../../src/services/projects/projects';
import { createTestApp, type TestApp } from '../helpers/app';
import { DATABASE_KINDS } from '../helpers/databases';
import { tradeTag, nextNumber, projectWithInvestor, system, testContact, testCreditCode, testEnterprise } from './fixtures';

interface Detail {
  id: string;
  key: string;
  creditCode: string | null;
  name: string;
  formerNames: string[];
  regionName: string | null;
  industryName: string | null;
  statusLabel: string | null;
  revenueBandLabel: string | null;
  registeredCapitalYuan: number | null;
  tags: string[];
  fieldSources: Record<string, { source: string; date: string }>;
  contactRegionCodes: string[];
  version: number;
  contacts: { id: string; name: string; phone: string | null; email: string | null; regionCode: string; masked: boolean }[];
  projects: { id: string; code: string; regionCode: string; stage: string; signedAmountYuan: number | null }[];
  lists: { id: string; name: string }[];
  timeline: { kind: string; text: string; field: string | null; source: string | null; projectId: string | null; at: string }[];
  timelineHasMore: boolean;
  activities: null;
  chainNodes: { nodes: unknown[]; targetedBy: unknown[] };
}

describe.each(DATABASE_KINDS)('enterprise page on %s', (kind) => {
  let t: TestApp;
  let officer: string;
  let officerId: string;
  let sibling: string;
  let leader: string;
  let statistician: string;
  beforeAll(async () => {
    t = await createTestApp(kind);
    officerId = await t.createAccount('ep_officer', ['officer'], '650109');
    await t.createAccount('ep_sibling', ['officer'], '650102');
    await t.createAccount('ep_leader', ['leader'], '650100');
    await t.createAccount('ep_stat', ['statistician'], '650109');
    officer = await t.login('ep_officer');
    sibling = await t.login('ep_sibling');
    leader = await t.login('ep_leader');
    statistician = await t.login('ep_stat');
  });
  afterAll(() => t.close());

  const detail = async (key: string, cookie = officer, query = '') => {
    const res = await t.call('GET', `/api/enterprises/${key}${query}`, { cookie });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Detail;
  };

  it('creates an enterprise by hand with validated credit code, labels and field sources', async () => {
    const code = testCreditCode(nextNumber());
    const res = await t.call('POST', '/api/enterprises', {
      cookie: officer,
      body: {
        creditCode: code.toLowerCase(),
        name: '新疆天山光伏科技有限公司',
        regionCode: '650109',
        industryCode: '38',
        registeredCapitalYuan: 50_000_000,
        establishedOn: '2015-06-01',
        status: 'existing',
        revenueBand: '100m-1b',
        tags: ['高新技术', '专精特新'],
        website: 'www.tsgf.com.cn',
        businessScope: '太阳能电池组件制造；光伏发电设备销售',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const e = res.json() as Detail;
    expect(e).toMatchObject({ key: code, creditCode: code, regionName: '米东区', statusLabel: '存续', revenueBandLabel: '1亿—10亿元', registeredCapitalYuan: 50_000_000 });
    expect(e.industryName).toBeTruthy();
    expect((e as unknown as { website: string }).website).toBe('https://www.tsgf.com.cn');
    const today = todayInShanghai();
    expect(e.fieldSources.name).toEqual({ source: '手工维护', date: today });
    expect(e.fieldSources.registeredCapitalYuan).toEqual({ source: '手工维护', date: today });
    expect(e.fieldSources.ticker).toBeUndefined();
    // search keys built from the name and scope
    const [row] = await t.deps.db.select().from(enterprises).where(eq(enterprises.id, e.id));
    expect(row?.searchNames).toBe('新疆天山光伏科技有限公司');
    expect(row?.searchPinyin).toContain('xinjiangtianshanguangfu');
    expect(row?.searchWords).toContain('光伏');
    const audits = await t.deps.db.select().from(auditLog).where(and(eq(auditLog.action, 'enterprise.create'), eq(auditLog.objectId, e.id)));
    expect(audits).toHaveLength(1);
    expect(audits[0]?.actorId).toBe(officerId);
  });

  it('refuses a duplicate code (409), a wrong code naming the part, unknown tags, and roles without enterprises.manage', async () => {
    const existing = await testEnterprise(t.deps);
    const dup = await t.call('POST', '/api/enterprises', { cookie: officer, body: { creditCode: existing.creditCode, name: '另一家公司' } });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.message).toContain(existing.name);
    const bad = await t.call('POST', '/api/enterprises', { cookie: officer, body: { creditCode: '914403001922038226', name: '校验错误公司' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('第 17 位（组织机构代码的校验码，GB 11714）');
    const tag = await t.call('POST', '/api/enterprises', { cookie: officer, body: { creditCode: testCreditCode(nextNumber()), name: '标签测试公司', tags: ['不存在的标签'] } });
    expect(tag.statusCode).toBe(400);
    expect(tag.json().error.message).toContain('不存在的标签');
    const forbidden = await t.call('POST', '/api/enterprises', { cookie: statistician, body: { creditCode: testCreditCode(nextNumber()), name: '统计员公司' } });
    expect(forbidden.statusCode).toBe(403);
  });

  it('edits with field history, field sources, search keys and optimistic locking', async () => {
    const e = await testEnterprise(t.deps, { name: '新疆金穗农业科技有限公司', businessScope: '农业技术推广' });
    const res = await t.call('PATCH', `/api/enterprises/${e.key}`, {
      cookie: officer,
      body: { name: '新疆金穗种业科技有限公司', formerNames: ['新疆金穗农业科技有限公司'], mainProducts: '玉米种子、棉花种子', employees: 120, version: 1 },
    });
    expect(res.statusCode, res.body).toBe(200);
    const after = res.json() as Detail;
    expect(after.version).toBe(2);
    expect(after.fieldSources.name).toEqual({ source: '手工维护', date: todayInShanghai() });
    expect(after.fieldSources.mainProducts?.source).toBe('手工维护');
    const history = await t.deps.db.select().from(enterpriseFieldChanges).where(eq(enterpriseFieldChanges.enterpriseId, e.id));
    const byField = Object.fromEntries(history.filter((h) => h.oldValue !== null || h.field === 'mainProducts').map((h) => [h.field, h]));
    expect(byField.name).toMatchObject({ oldValue: '新疆金穗农业科技有限公司', newValue: '新疆金穗种业科技有限公司', source: '手工维护', changedBy: officerId });
    expect(byField.mainProducts).toMatchObject({ oldValue: null, newValue: '玉米种子、棉花种子' });
    // keys rebuilt: the new name, the former name, pinyin of both, words of the products
    const [row] = await t.deps.db.select().from(enterprises).where(eq(enterprises.id, e.id));
    expect(row?.searchNames).toBe('新疆金穗种业科技有限公司 新疆金穗农业科技有限公司');
    expect(row?.searchPinyin).toContain('xinjiangjinsuizhongye');
    expect(row?.searchPinyin).toContain('xinjiangjinsuinongye');
    expect(row?.searchWords).toContain('种子');
    // a stale version is refused and changes nothing
    const stale = await t.call('PATCH', `/api/enterprises/${e.key}`, { cookie: officer, body: { employees: 5, version: 1 } });
    expect(stale.statusCode).toBe(409);
    expect((await detail(e.key)).version).toBe(2);
    // an unchanged value writes no history
    const same = await t.call('PATCH', `/api/enterprises/${e.key}`, { cookie: officer, body: { employees: 120, version: 2 } });
    expect(same.statusCode).toBe(200);
    expect((same.json() as Detail).version).toBe(2);
    const audits = await t.deps.db.select().from(auditLog).where(and(eq(auditLog.action, 'enterprise.update'), eq(auditLog.objectId, e.id)));
    expect(audits).toHaveLength(1);
    expect(audits[0]?.before).toMatchObject({ name: '新疆金穗农业科技有限公司', employees: null });
  });

  it('keeps the credit code as identity, but lets an investor without one receive its code', async () => {
    const e = await testEnterprise(t.deps);
    const change = await t.call('PATCH', `/api/enterprises/${e.key}`, { cookie: officer, body: { creditCode: testCreditCode(nextNumber()), version: 1 } });
    expect(change.statusCode).toBe(400);
    expect(change.json().error.message).toContain('不能修改');
    const p = await projectWithInvestor(t.deps, '650109', `无代码投资方${tradeTag(nextNumber())}`);
    const code = testCreditCode(nextNumber());
    const taken = await t.call('PATCH', `/api/enterprises/${p.investorId}`, { cookie: officer, body: { creditCode: e.creditCode, version: 1 } });
    expect(taken.statusCode).toBe(409);
    const res = await t.call('PATCH', `/api/enterprises/${p.investorId}`, { cookie: officer, body: { creditCode: code, version: 1 } });
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as Detail).key).toBe(code);
    expect((await detail(code)).projects.map((x) => x.id)).toEqual([p.id]);
  });

  it('shows contacts masked and only those of the scope, projects of the scope, visible lists, and empty places for activities and chains', async () => {
    const e = await testEnterprise(t.deps);
    await testContact(t.deps, e.key, '650109', { name: '欧阳娜娜', phone: '13812345678', email: 'nana@example.com' });
    await testContact(t.deps, e.key, '650102', { name: '李四', phone: '0991-7654321' });
    const own = await projectWithInvestor(t.deps, '650109', e.name, e.creditCode);
    const other = await projectWithInvestor(t.deps, '650102', e.name, e.creditCode);
    // lists: the officer's private one, a shared one of the sibling county, a private one of someone else
    const siblingUser = await t.createAccount(`ep_s_${nextNumber()}`, ['officer'], '650102');
    const mkList = async (name: string, ownerId: string, regionCode: string, shared: boolean) => {
      const [l] = await t.deps.db.insert(enterpriseLists).values({ name, ownerId, regionCode, shared }).returning();
      await t.deps.db.insert(enterpriseListMembers).values({ listId: l!.id, enterpriseId: e.id });
    };
    await mkList('我的光伏名单', officerId, '650109', false);
    await mkList('天山区共享名单', siblingUser, '650102', true);

    const mine = await detail(e.key);
    expect(mine.contacts).toHaveLength(1);
    expect(mine.contacts[0]).toMatchObject({ name: '欧阳**', phone: '138****5678', email: 'n***@example.com', regionCode: '650109', masked: true });
    expect(mine.projects.map((p) => p.id)).toEqual([own.id]);
    expect(mine.lists.map((l) => l.name)).toEqual(['我的光伏名单']);
    expect(mine.contactRegionCodes).toEqual(['650102', '650109']);
    expect(mine.activities).toBeNull();
    expect(mine.chainNodes).toEqual({ nodes: [], targetedBy: [] }); // no chain in this installation yet (test/targets/targets.test.ts has them)
    expect(JSON.stringify(mine)).not.toContain('13812345678');
    expect(JSON.stringify(mine)).not.toContain('欧阳娜娜');

    const theirs = await detail(e.key, sibling);
    expect(theirs.contacts.map((c) => c.name)).toEqual(['李*']);
    expect(theirs.contacts[0]?.phone).toBe('0991-***4321');
    expect(theirs.projects.map((p) => p.id)).toEqual([other.id]);
    expect(theirs.lists.map((l) => l.name)).toEqual(['天山区共享名单']);

    // the prefecture sees both counties' contacts and projects, and the shared list of a county below
    const top = await detail(e.key, leader);
    expect(top.contacts).toHaveLength(2);
    expect(top.projects).toHaveLength(2);
    expect(top.lists.map((l) => l.name)).toEqual(['天山区共享名单']);
    // the contacts route agrees
    const list = (await t.call('GET', `/api/enterprises/${e.key}/contacts`, { cookie: officer })).json() as { items: { name: string }[] };
    expect(list.items.map((c) => c.name)).toEqual(['欧阳**']);
  });

  it('answers 404 for an unknown key, by code and by id', async () => {
    expect((await t.call('GET', `/api/enterprises/${testCreditCode(nextNumber())}`, { cookie: officer })).statusCode).toBe(404);
    expect((await t.call('GET', '/api/enterprises/00000000-0000-4000-8000-000000000000', { cookie: officer })).statusCode).toBe(404);
  });

  it('puts field changes, projects and stage changes of the scope, and contacts added on a timeline, newest first, in pages', async () => {
    const e = await testEnterprise(t.deps, { name: '新疆时间线测试有限公司' });
    const own = await projectWithInvestor(t.deps, '650109', e.name, e.creditCode);
    await projectWithInvestor(t.deps, '650102', e.name, e.creditCode);
    await changeProjectStage(t.deps, system(), own.id, { to: 'terminated', terminationReason: '企业改变投资计划', version: own.version });
    await testContact(t.deps, e.key, '650109');
    await testContact(t.deps, e.key, '650102');
    const patched = await t.call('PATCH', `/api/enterprises/${e.key}`, { cookie: officer, body: { employees: 300, version: 1 } });
    expect(patched.statusCode).toBe(200);

    const d = await detail(e.key);
    const kinds = d.timeline.map((i) => i.kind);
    expect(kinds[0]).toBe('fieldChange');
    expect(d.timeline[0]).toMatchObject({ field: 'employees', source: '手工维护' });
    expect(d.timeline[0]?.text).toBe('员工人数：（空） → 300');
    expect(kinds.filter((k) => k === 'projectCreated')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'projectStage')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'contactAdded')).toHaveLength(1);
    expect(d.timeline.find((i) => i.kind === 'projectStage')?.text).toContain('终止');
    expect(JSON.stringify(d.timeline)).not.toContain('张三丰');
    const times = d.timeline.map((i) => i.at);
    expect([...times].sort().reverse()).toEqual(times);
    // pages: two items, then the rest before the second one's time
    const first = await detail(e.key, officer, '?timelineLimit=2');
    expect(first.timeline).toHaveLength(2);
    expect(first.timelineHasMore).toBe(true);
    const next = await detail(e.key, officer, `?timelineLimit=200&timelineBefore=${encodeURIComponent(first.timeline[1]!.at)}`);
    expect(next.timelineHasMore).toBe(false);
    expect(next.timeline.every((i) => i.at < first.timeline[1]!.at)).toBe(true);
  });
});
