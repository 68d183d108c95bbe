/**
 * Saved searches and enterprise lists: who sees them (own; shared ones of the own region and below;
 * never a sibling county's), who changes them (the owner), members by credit code and from a
 * search, the xlsx export, and the audit trail.
 */
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInShanghai } from '../../src/domain/dates';
import { createTestApp, type TestApp } from '../helpers/app';
import { DATABASE_KINDS } from '../helpers/databases';
import { projectWithInvestor } from '../enterprises/fixtures';
import { codeOf, insertEnterprises } from './fixtures';

interface List {
  id: string;
  name: string;
  shared: boolean;
  mine: boolean;
  memberCount: number;
  version: number;
  regionCode: string;
  ownerName: string;
}
interface SavedSearch {
  id: string;
  name: string;
  query: Record<string, unknown>;
  shared: boolean;
  mine: boolean;
}

describe.each(DATABASE_KINDS)('saved searches and lists on %s', (kind) => {
  let t: TestApp;
  let owner: string; // officer, 米东区
  let colleague: string; // officer, 米东区
  let prefecture: string; // analyst, 乌鲁木齐市
  let sibling: string; // officer, 天山区
  beforeAll(async () => {
    t = await createTestApp(kind);
    await insertEnterprises(t.deps.db);
    await t.createAccount('el_owner', ['officer'], '650109');
    await t.createAccount('el_colleague', ['officer'], '650109');
    await t.createAccount('el_prefecture', ['analyst'], '650100');
    await t.createAccount('el_sibling', ['officer'], '650102');
    owner = await t.login('el_owner');
    colleague = await t.login('el_colleague');
    prefecture = await t.login('el_prefecture');
    sibling = await t.login('el_sibling');
  });
  afterAll(() => t.close());

  const createList = async (cookie: string, body: Record<string, unknown>) => {
    const res = await t.call('POST', '/api/enterprise-lists', { cookie, body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as List;
  };
  const visibleLists = async (cookie: string) => ((await t.call('GET', '/api/enterprise-lists', { cookie })).json() as { items: List[] }).items.map((l) => l.name);
  const auditActions = async (objectId: string) => {
    const rows = await t.deps.db.execute(sql`select action from audit_log where object_id = ${objectId} order by id`);
    return (rows as unknown as { rows: { action: string }[] }).rows.map((r) => r.action);
  };

  it('shows a county\'s shared list to that county and the prefecture above, not to a sibling county; a private one only to its owner', async () => {
    const shared = await createList(owner, { name: '光伏目标企业', description: '米东区光伏招商', shared: true });
    const privateList = await createList(owner, { name: '我的私有名单' });
    expect(shared).toMatchObject({ shared: true, mine: true, memberCount: 0, version: 1, regionCode: '650109', ownerName: 'el_owner' });

    expect(await visibleLists(owner)).toEqual(expect.arrayContaining(['光伏目标企业', '我的私有名单']));
    expect(await visibleLists(colleague)).toContain('光伏目标企业');
    expect(await visibleLists(colleague)).not.toContain('我的私有名单');
    expect(await visibleLists(prefecture)).toContain('光伏目标企业');
    expect(await visibleLists(sibling)).toEqual([]);

    expect((await t.call('GET', `/api/enterprise-lists/${shared.id}`, { cookie: prefecture })).json()).toMatchObject({ mine: false, name: '光伏目标企业' });
    expect((await t.call('GET', `/api/enterprise-lists/${shared.id}`, { cookie: sibling })).statusCode).toBe(404);
    expect((await t.call('GET', `/api/enterprise-lists/${shared.id}/members`, { cookie: sibling })).statusCode).toBe(404);
    expect((await t.call('GET', `/api/enterprise-lists/${shared.id}/export`, { cookie: sibling })).statusCode).toBe(404);
    expect((await t.call('GET', `/api/enterprise-lists/${privateList.id}`, { cookie: colleague })).statusCode).toBe(404);
    // the refused look is audited
    expect(await auditActions(shared.id)).toContain('access.denied');
  });

  it('does not show a prefecture\'s shared list to the counties below it (scope runs downwards only)', async () => {
    const prefectureList = await createList(prefecture, { name: '全市储能名单', shared: true });
    expect(await visibleLists(prefecture)).toContain('全市储能名单');
    expect((await t.call('GET', `/api/enterprise-lists/${prefectureList.id}`, { cookie: owner })).statusCode).toBe(404);
  });

  it('lets only the owner change, fill or delete a list; others who see it get 403, a stale version 409', async () => {
    const list = await createList(owner, { name: '储能链主', shared: true });
    const byOther = await t.call('PATCH', `/api/enterprise-lists/${list.id}`, { cookie: colleague, body: { name: '改名', version: 1 } });
    expect(byOther.statusCode).toBe(403);
    expect((byOther.json() as { error: { message: string } }).error.message).toContain('el_owner');
    expect((await t.call('POST', `/api/enterprise-lists/${list.id}/members`, { cookie: prefecture, body: { creditCodes: [codeOf('qiya')] } })).statusCode).toBe(403);
    expect((await t.call('DELETE', `/api/enterprise-lists/${list.id}`, { cookie: colleague })).statusCode).toBe(403);
    expect((await t.call('PATCH', `/api/enterprise-lists/${list.id}`, { cookie: sibling, body: { name: '改名', version: 1 } })).statusCode).toBe(404);

    const renamed = await t.call('PATCH', `/api/enterprise-lists/${list.id}`, { cookie: owner, body: { name: '储能链主企业', shared: false, version: 1 } });
    expect(renamed.json()).toMatchObject({ name: '储能链主企业', shared: false, version: 2 });
    expect((await t.call('PATCH', `/api/enterprise-lists/${list.id}`, { cookie: owner, body: { name: '再改', version: 1 } })).statusCode).toBe(409);
    // no longer shared: the colleague loses sight of it
    expect((await t.call('GET', `/api/enterprise-lists/${list.id}`, { cookie: colleague })).statusCode).toBe(404);
    expect((await t.call('DELETE', `/api/enterprise-lists/${list.id}`, { cookie: owner })).statusCode).toBe(204);
    expect((await t.call('GET', `/api/enterprise-lists/${list.id}`, { cookie: owner })).statusCode).toBe(404);
    // refusals are audited too: three by non-owners, one out of scope, one after it stopped being shared
    const actions = await auditActions(list.id);
    expect(actions.filter((a) => a !== 'access.denied')).toEqual(['enterprise_list.create', 'enterprise_list.update', 'enterprise_list.delete']);
    expect(actions.filter((a) => a === 'access.denied')).toHaveLength(5);
  });

  it('adds members by credit code and from a search, skips those already present, reports unknown codes, and removes them', async () => {
    const list = await createList(owner, { name: '光伏与储能', shared: true });
    const url = `/api/enterprise-lists/${list.id}/members`;
    const first = await t.call('POST', url, { cookie: owner, body: { creditCodes: [codeOf('qiya'), ` ${codeOf('tianshan').toLowerCase()} `, '91650109MA0000000X'], note: '重点跟进' } });
    expect(first.json()).toEqual({ added: 2, alreadyPresent: 0, notFound: ['91650109MA0000000X'], memberCount: 2 });
    // 光伏 finds 其亚 (already in) and 北京光伏
    const fromSearch = await t.call('POST', url, { cookie: owner, body: { fromSearch: { query: { q: '光伏' }, limit: 10 } } });
    expect(fromSearch.json()).toEqual({ added: 1, alreadyPresent: 1, notFound: [], memberCount: 3 });
    // the limit takes the first results in the search's order (capital: 特变电工 first)
    const top = await t.call('POST', url, { cookie: owner, body: { fromSearch: { query: { region: '650000', sort: 'capital' }, limit: 1 } } });
    expect(top.json()).toMatchObject({ added: 1, memberCount: 4 });

    const members = (await t.call('GET', `${url}?pageSize=10`, { cookie: colleague })).json() as { total: number; items: { creditCode: string; note: string | null; registeredCapitalYuan: number | null }[] };
    expect(members.total).toBe(4);
    expect(members.items.map((m) => m.creditCode)).toEqual(expect.arrayContaining([codeOf('qiya'), codeOf('tianshan'), codeOf('beijing'), codeOf('tbea')]));
    expect(members.items.find((m) => m.creditCode === codeOf('qiya'))).toMatchObject({ note: '重点跟进', registeredCapitalYuan: 50_000_000 });

    const removed = await t.call('DELETE', url, { cookie: owner, body: { creditCodes: [codeOf('beijing'), codeOf('tcl')] } });
    expect(removed.json()).toEqual({ removed: 1, memberCount: 3 });
    expect((await t.call('GET', `/api/enterprise-lists/${list.id}`, { cookie: owner })).json()).toMatchObject({ memberCount: 3 });
    expect((await t.call('POST', url, { cookie: owner, body: {} })).statusCode).toBe(400);
    expect(await auditActions(list.id)).toEqual([
      'enterprise_list.create',
      'enterprise_list.members.add',
      'enterprise_list.members.add',
      'enterprise_list.members.add',
      'enterprise_list.members.remove',
    ]);
  });

  it('adds and removes members by enterprise id (as a search shows them), those without a credit code too, and reports unknown ids', async () => {
    const list = await createList(owner, { name: '按企业添加' });
    const url = `/api/enterprise-lists/${list.id}/members`;
    await projectWithInvestor(t.deps, '650109', '米东无代码投资方有限公司');
    const found = (await t.call('GET', `/api/enterprises?q=${encodeURIComponent('米东无代码投资方')}`, { cookie: owner })).json() as {
      items: { id: string; creditCode: string | null; name: string }[];
    };
    const uncoded = found.items.find((i) => i.name === '米东无代码投资方有限公司');
    expect(uncoded?.creditCode).toBeNull();
    const qiya = ((await t.call('GET', `/api/enterprises?q=${codeOf('qiya')}`, { cookie: owner })).json() as { items: { id: string }[] }).items[0];
    const unknown = '00000000-0000-4000-8000-000000000000';
    const added = await t.call('POST', url, { cookie: owner, body: { enterpriseIds: [uncoded?.id, qiya?.id, unknown], creditCodes: [codeOf('qiya')] } });
    expect(added.statusCode, added.body).toBe(200);
    // qiya by id and by code counts once
    expect(added.json()).toEqual({ added: 2, alreadyPresent: 0, notFound: [unknown], memberCount: 2 });
    expect((await t.call('POST', url, { cookie: owner, body: { enterpriseIds: ['not-a-uuid'] } })).statusCode).toBe(400);
    const members = (await t.call('GET', url, { cookie: owner })).json() as { items: { id: string; creditCode: string | null }[] };
    expect(members.items.map((m) => m.id).sort()).toEqual([uncoded?.id, qiya?.id].sort());

    // the uncoded member can be removed by its id
    const removed = await t.call('DELETE', url, { cookie: owner, body: { enterpriseIds: [uncoded?.id] } });
    expect(removed.json()).toEqual({ removed: 1, memberCount: 1 });
    expect((await t.call('DELETE', url, { cookie: owner, body: {} })).statusCode).toBe(400);
    const audit = await t.deps.db.execute(sql`select before from audit_log where object_id = ${list.id} and action = 'enterprise_list.members.remove'`);
    expect((audit as unknown as { rows: { before: unknown }[] }).rows.map((r) => r.before)).toEqual([{ creditCodes: [], enterpriseIds: [uncoded?.id] }]);
  });

  it('exports a list as xlsx: title, date and count, one row per enterprise with its registry fields, cells made inert', async () => {
    const list = await createList(owner, { name: '=光伏目标企业', shared: true });
    await t.call('POST', `/api/enterprise-lists/${list.id}/members`, { cookie: owner, body: { creditCodes: [codeOf('qiya'), codeOf('beijing')], note: '=HYPERLINK("x")' } });
    const res = await t.call('GET', `/api/enterprise-lists/${list.id}/export`, { cookie: prefecture });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(String(res.headers['content-disposition'])).toContain(encodeURIComponent(`=光伏目标企业-${todayInShanghai()}.xlsx`));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('名单');
    if (!ws) throw new Error('no 名单 sheet');
    const rows: unknown[][] = [];
    ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows[0]).toEqual(["'=光伏目标企业"]);
    expect(String(rows[1]?.[0])).toContain(`导出日期：${todayInShanghai()}`);
    expect(String(rows[1]?.[0])).toContain('共 2 家企业');
    expect(rows[2]?.slice(0, 3)).toEqual(['统一社会信用代码', '企业名称', '曾用名']);
    const qiya = rows.find((r) => r[0] === codeOf('qiya'));
    expect(qiya?.slice(0, 11)).toEqual([
      codeOf('qiya'),
      '新疆其亚光伏科技有限公司',
      '乌鲁木齐鑫盛商贸有限公司',
      '650109',
      '米东区',
      '38',
      '电气机械和器材制造业',
      5000,
      '2012-05-01',
      '存续',
      '高新技术、专精特新',
    ]);
    expect(qiya?.[15]).toBe('\'=HYPERLINK("x")');
    expect(qiya?.[16]).toBe(todayInShanghai());
    const beijing = rows.find((r) => r[0] === codeOf('beijing'));
    expect(beijing?.[7]).toBeUndefined(); // unknown capital stays empty
    expect(rows).toHaveLength(5);
    expect(rows.flat().join(' ')).not.toMatch(/电话|手机|邮箱/);
    expect(await auditActions(list.id)).toContain('enterprise_list.export');
  });

  it('saves searches with the same visibility and owner rules, and checks their filters', async () => {
    const post = await t.call('POST', '/api/enterprise-saved-searches', {
      cookie: owner,
      body: { name: '米东光伏高新', query: { q: '光伏', tags: ['高新技术'], region: '650100', capitalMin: 10_000_000, status: [] }, shared: true },
    });
    expect(post.statusCode, post.body).toBe(201);
    const saved = post.json() as SavedSearch;
    // empty filters are dropped; the query reads like GET /api/enterprises's
    expect(saved.query).toEqual({ q: '光伏', tags: ['高新技术'], region: '650100', capitalMin: 10_000_000 });
    const priv = (await t.call('POST', '/api/enterprise-saved-searches', { cookie: owner, body: { name: '私有', query: { q: 'xjqy' } } })).json() as SavedSearch;

    const names = async (cookie: string) => ((await t.call('GET', '/api/enterprise-saved-searches', { cookie })).json() as { items: SavedSearch[] }).items.map((s) => s.name);
    expect(await names(owner)).toEqual(['私有', '米东光伏高新']);
    expect(await names(colleague)).toEqual(['米东光伏高新']);
    expect(await names(prefecture)).toEqual(['米东光伏高新']);
    expect(await names(sibling)).toEqual([]);
    expect((await t.call('GET', `/api/enterprise-saved-searches/${saved.id}`, { cookie: sibling })).statusCode).toBe(404);
    expect((await t.call('GET', `/api/enterprise-saved-searches/${priv.id}`, { cookie: colleague })).statusCode).toBe(404);
    expect((await t.call('PATCH', `/api/enterprise-saved-searches/${saved.id}`, { cookie: colleague, body: { name: 'x' } })).statusCode).toBe(403);

    const changed = await t.call('PATCH', `/api/enterprise-saved-searches/${saved.id}`, { cookie: owner, body: { query: { q: '储能' }, shared: false } });
    expect(changed.json()).toMatchObject({ query: { q: '储能' }, shared: false, mine: true });
    expect(await names(colleague)).toEqual([]);
    const bad = await t.call('POST', '/api/enterprise-saved-searches', { cookie: owner, body: { name: '坏', query: { region: '659999' } } });
    expect(bad.statusCode).toBe(400);
    const unknownField = await t.call('POST', '/api/enterprise-saved-searches', { cookie: owner, body: { name: '坏', query: { colour: 'red' } } });
    expect(unknownField.statusCode).toBe(400);
    expect((await t.call('DELETE', `/api/enterprise-saved-searches/${saved.id}`, { cookie: owner })).statusCode).toBe(204);
    expect(await auditActions(saved.id)).toEqual([
      'enterprise_saved_search.create',
      'access.denied',
      'access.denied',
      'enterprise_saved_search.update',
      'enterprise_saved_search.delete',
    ]);
  });
});
