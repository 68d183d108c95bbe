/**
 * GET /api/enterprises on a hand-built set (test/enterprise-search/fixtures.ts): what the search
 * box finds, each filter, facet counts worked out by hand, highlights, sorting, pagination and
 * "already in contact" within the caller's scope.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSystemCaller } from '../../src/services/context';
import { searchEnterprises } from '../../src/services/enterprises/enterprise-search';
import { createTestApp, type TestApp } from '../helpers/app';
import { DATABASE_KINDS } from '../helpers/databases';
import { codeOf, insertEnterprises, keyOfCode } from './fixtures';

interface Segment {
  text: string;
  match: boolean;
}
interface Item {
  id: string;
  creditCode: string;
  name: string;
  regionCode: string;
  regionName: string | null;
  industryCode: string | null;
  industryName: string | null;
  registeredCapitalYuan: number | null;
  establishedOn: string | null;
  status: string | null;
  tags: string[];
  inContact: boolean;
  highlight: { name: Segment[]; formerName: { text: string; segments: Segment[] } | null; creditCode: Segment[] };
}
interface Result {
  items: Item[];
  total: number;
  page: number;
  pageSize: number;
  facets: { tags: Record<string, number>; regions: Record<string, number>; regionRoot: string | null; regionNames: Record<string, string> };
}

describe.each(DATABASE_KINDS)('enterprise search on %s', (kind) => {
  let t: TestApp;
  let officer: string;
  let prefectureLeader: string;
  beforeAll(async () => {
    t = await createTestApp(kind);
    await insertEnterprises(t.deps.db);
    await t.createAccount('es_officer', ['officer'], '650109');
    await t.createAccount('es_leader', ['leader'], '650100');
    officer = await t.login('es_officer');
    prefectureLeader = await t.login('es_leader');
  });
  afterAll(() => t.close());

  async function search(params: Record<string, string | number>, cookie = officer): Promise<Result> {
    const qs = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();
    const res = await t.call('GET', `/api/enterprises?${qs}`, { cookie });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Result;
  }
  const keys = (r: Result) => r.items.map((i) => keyOfCode(i.creditCode));
  const sortedKeys = (r: Result) => keys(r).sort();

  it('finds by a Chinese word in the name or in the business scope', async () => {
    expect(sortedKeys(await search({ q: '光伏' }))).toEqual(['beijing', 'qiya']);
    expect(sortedKeys(await search({ q: '储能' }))).toEqual(['tianshan']);
    // 多晶硅 is only in 其亚's scope and products
    expect(keys(await search({ q: '多晶硅' }))).toEqual(['qiya']);
    // two words: both must match
    expect(keys(await search({ q: '新疆 光伏' }))).toEqual(['qiya']);
    expect(sortedKeys(await search({ q: '新疆' }))).toEqual(['qiya', 'tbea', 'tianshan']);
  });

  it('finds any substring of a name, across word boundaries', async () => {
    expect(keys(await search({ q: '疆其亚' }))).toEqual(['qiya']);
    expect(keys(await search({ q: '亚光伏科' }))).toEqual(['qiya']);
    expect(keys(await search({ q: '电工新' }))).toEqual(['tbea']);
    // two characters split by the segmenter (鑫 / 盛) still match through the character pairs: 昌吉鑫盛 and 其亚's former name
    expect(sortedKeys(await search({ q: '鑫盛' }))).toEqual(['qiya', 'xinsheng']);
    expect(sortedKeys(await search({ q: '盛商' }))).toEqual(['qiya', 'xinsheng']);
    // one character: names containing it
    expect(keys(await search({ q: '储' }))).toEqual(['tianshan']);
    expect(await search({ q: '不存在的企业' })).toMatchObject({ items: [], total: 0 });
  });

  it('finds by a former name and highlights the former name it matched', async () => {
    const r = await search({ q: '乌鲁木齐鑫盛' });
    expect(keys(r)).toEqual(['qiya']);
    const item = r.items[0] as Item;
    expect(item.highlight.formerName).toEqual({
      text: '乌鲁木齐鑫盛商贸有限公司',
      segments: [
        { text: '乌鲁木齐鑫盛', match: true },
        { text: '商贸有限公司', match: false },
      ],
    });
    expect(item.highlight.name).toEqual([{ text: '新疆其亚光伏科技有限公司', match: false }]);
  });

  it('finds by pinyin initials and full pinyin, Latin letters in names included', async () => {
    const initials = await search({ q: 'xjqy' });
    expect(keys(initials)).toEqual(['qiya']);
    expect((initials.items[0] as Item).highlight.name).toEqual([
      { text: '新疆其亚', match: true },
      { text: '光伏科技有限公司', match: false },
    ]);
    expect(keys(await search({ q: 'qiyaguangfu' }))).toEqual(['qiya']);
    expect(keys(await search({ q: 'XJQY' }))).toEqual(['qiya']);
    const tcl = await search({ q: 'tclkj' });
    expect(keys(tcl)).toEqual(['tcl']);
    expect((tcl.items[0] as Item).highlight.name[0]).toEqual({ text: 'TCL科技', match: true });
    // initials of a former name: 乌鲁木齐鑫盛 → wlmqxs
    expect(keys(await search({ q: 'wlmqxs' }))).toEqual(['qiya']);
    // two letters match the start of a name's pinyin only (特变电工新疆… has xj inside)
    expect(sortedKeys(await search({ q: 'xj' }))).toEqual(['qiya', 'tianshan']);
    // three letters or more match anywhere; names starting with them rank first
    expect(keys(await search({ q: 'xjx' }))).toEqual(['tbea']);
  });

  it('finds by a credit-code prefix, in code order, and marks the prefix', async () => {
    const code = codeOf('qiya');
    const one = await search({ q: code.slice(0, 14) });
    expect(keys(one)).toEqual(['qiya']);
    expect((one.items[0] as Item).highlight.creditCode).toEqual([
      { text: code.slice(0, 14), match: true },
      { text: code.slice(14), match: false },
    ]);
    const urumqi = await search({ q: '916501' });
    expect(keys(urumqi)).toEqual([...['qiya', 'tbea', 'tianshan']].sort((a, b) => (codeOf(a) < codeOf(b) ? -1 : 1)));
    expect(keys(await search({ q: code.slice(0, 10).toLowerCase() }))).toEqual(['qiya']);
  });

  it('applies each filter', async () => {
    expect(sortedKeys(await search({ tags: '高新技术' }))).toEqual(['beijing', 'qiya']);
    expect(sortedKeys(await search({ tags: '高新技术,专精特新' }))).toEqual(['qiya']);
    expect(sortedKeys(await search({ region: '650100' }))).toEqual(['qiya', 'tbea', 'tianshan']);
    expect(sortedKeys(await search({ region: '650000' }))).toEqual(['qiya', 'tbea', 'tianshan', 'xinsheng']);
    expect(sortedKeys(await search({ region: '650109' }))).toEqual(['qiya']);
    expect(sortedKeys(await search({ industry: 'C' }))).toEqual(['beijing', 'qiya', 'tcl', 'tianshan']);
    expect(sortedKeys(await search({ industry: '38' }))).toEqual(['qiya', 'tianshan']);
    expect(sortedKeys(await search({ capitalMin: 50_000_000 }))).toEqual(['qiya', 'tbea', 'tcl', 'tianshan']);
    expect(sortedKeys(await search({ capitalMax: 1_000_000 }))).toEqual(['xinsheng']);
    expect(sortedKeys(await search({ capitalMin: 50_000_000, capitalMax: 80_000_000 }))).toEqual(['qiya', 'tianshan']);
    expect(sortedKeys(await search({ foundedFrom: 2018 }))).toEqual(['beijing', 'tianshan', 'xinsheng']);
    expect(sortedKeys(await search({ foundedTo: 2000 }))).toEqual(['tbea', 'tcl']);
    expect(sortedKeys(await search({ foundedFrom: 2012, foundedTo: 2018 }))).toEqual(['qiya', 'xinsheng']);
    expect(sortedKeys(await search({ status: 'revoked' }))).toEqual(['beijing']);
    expect(sortedKeys(await search({ status: 'existing,operating' }))).toEqual(['qiya', 'tbea', 'tcl', 'tianshan', 'xinsheng']);
    // a search and filters together
    expect(keys(await search({ q: '光伏', region: '650000', tags: '高新技术' }))).toEqual(['qiya']);
  });

  it('"already in contact" follows the caller\'s scope', async () => {
    // 其亚 has a contact in 米东区 (the officer's county), 特变电工 in 天山区 (a sibling county)
    const own = await search({ inContact: 'true' });
    expect(keys(own)).toEqual(['qiya']);
    expect(own.items[0]?.inContact).toBe(true);
    const all = await search({ region: '650100', sort: 'capital' });
    expect(all.items.map((i) => [keyOfCode(i.creditCode), i.inContact])).toEqual([
      ['tbea', false],
      ['tianshan', false],
      ['qiya', true],
    ]);
    // the prefecture sees both
    expect(sortedKeys(await search({ inContact: 'true' }, prefectureLeader))).toEqual(['qiya', 'tbea']);
  });

  it('counts facets over the whole filtered result, not the page', async () => {
    const all = await search({ pageSize: 1 });
    expect(all.total).toBe(6);
    expect(all.items).toHaveLength(1);
    expect(all.facets.tags).toEqual({
      世界500强: 0,
      中国500强: 2,
      中国民营500强: 0,
      央企: 0,
      上市: 2,
      高新技术: 2,
      专精特新: 2,
      小巨人: 0,
      独角兽: 0,
      瞪羚: 0,
    });
    // no region filter: the prefectures of the caller's province (新疆): 乌鲁木齐市 3, 昌吉州 1; 北京 and 深圳 are elsewhere
    expect(all.facets.regions).toEqual({ '650100': 3, '652300': 1 });
    const urumqi = await search({ region: '650100' });
    expect(urumqi.facets.regions).toEqual({ '650109': 1, '650104': 1, '650102': 1 });
    expect(urumqi.facets.tags).toMatchObject({ 高新技术: 1, 专精特新: 2, 上市: 1, 中国500强: 1 });
    const solar = await search({ q: '光伏' });
    expect(solar.total).toBe(2);
    expect(solar.facets.regions).toEqual({ '650100': 1 });
    expect(solar.facets.tags).toMatchObject({ 高新技术: 2, 专精特新: 1, 上市: 0 });
  });

  it('names the region facets beside their counts: each counted region, the root and its ancestors', async () => {
    const all = await search({ pageSize: 1 });
    expect(all.facets.regions).toEqual({ '650100': 3, '652300': 1 });
    expect(all.facets.regionRoot).toBe('650000');
    expect(all.facets.regionNames).toEqual({ '650000': '新疆维吾尔自治区', '650100': '乌鲁木齐市', '652300': '昌吉回族自治州' });
    const county = await search({ region: '650109' });
    expect(county.facets.regionRoot).toBe('650109');
    expect(county.facets.regionNames).toMatchObject({ '650000': '新疆维吾尔自治区', '650100': '乌鲁木齐市', '650109': '米东区' });
    for (const code of Object.keys(county.facets.regions)) expect(county.facets.regionNames[code], code).toBeTruthy();
    // outside the caller's scope too: names are public reference data (the counts already were)
    const sibling = await search({ region: '650100' });
    expect(sibling.facets.regionNames).toMatchObject({ '650102': '天山区', '650104': '新市区', '650109': '米东区' });
    // the CLI operator (whole country): provinces under no root
    const national = await searchEnterprises(t.deps, createSystemCaller('test'), {});
    expect(national.facets.regionRoot).toBeNull();
    expect(national.facets.regionNames).toMatchObject({ '110000': '北京市', '650000': '新疆维吾尔自治区' });
    expect(Object.keys(national.facets.regionNames).sort()).toEqual(Object.keys(national.facets.regions).sort());
  });

  it('lists an administrator-defined tag in the facets', async () => {
    await t.deps.db.execute(sql`insert into enterprise_tag_definitions (name) values ('链主企业') on conflict do nothing`);
    const r = await search({ pageSize: 1 });
    expect(r.facets.tags['链主企业']).toBe(0);
  });

  it('highlights the matched words of the name', async () => {
    const r = await search({ q: '光伏', region: '650109' });
    expect(r.items[0]?.highlight.name).toEqual([
      { text: '新疆其亚', match: false },
      { text: '光伏', match: true },
      { text: '科技有限公司', match: false },
    ]);
    const two = await search({ q: '疆其亚 科技' });
    expect(two.items[0]?.highlight.name).toEqual([
      { text: '新', match: false },
      { text: '疆其亚', match: true },
      { text: '光伏', match: false },
      { text: '科技', match: true },
      { text: '有限公司', match: false },
    ]);
  });

  it('ranks names starting with the search first, and an exact name above all', async () => {
    const xj = await search({ q: '新疆' });
    expect(keys(xj).at(-1)).toBe('tbea'); // 特变电工新疆… has 新疆 inside, not at the start
    expect(keys(await search({ q: '昌吉鑫盛商贸有限公司' }))[0]).toBe('xinsheng');
  });

  it('sorts by capital (unknown last) and pages through the result', async () => {
    const byCapital = await search({ sort: 'capital' });
    expect(keys(byCapital)).toEqual(['tbea', 'tcl', 'tianshan', 'qiya', 'xinsheng', 'beijing']);
    expect(byCapital.items.map((i) => i.registeredCapitalYuan)).toEqual([2_000_000_000, 1_000_000_000, 80_000_000, 50_000_000, 1_000_000, null]);
    const page2 = await search({ sort: 'capital', page: 2, pageSize: 2 });
    expect(page2).toMatchObject({ total: 6, page: 2, pageSize: 2 });
    expect(keys(page2)).toEqual(['tianshan', 'qiya']);
    const beyond = await search({ sort: 'capital', page: 4, pageSize: 2 });
    expect(beyond.items).toEqual([]);
    expect(beyond.total).toBe(6);
    expect(beyond.facets.regions).toEqual({ '650100': 3, '652300': 1 });
  });

  it('returns the fields of an item with names for codes', async () => {
    const r = await search({ q: codeOf('qiya') });
    expect(r.items[0]).toMatchObject({
      creditCode: codeOf('qiya'),
      name: '新疆其亚光伏科技有限公司',
      formerNames: ['乌鲁木齐鑫盛商贸有限公司'],
      regionCode: '650109',
      regionName: '米东区',
      industryCode: '38',
      industryName: '电气机械和器材制造业',
      registeredCapitalYuan: 50_000_000,
      establishedOn: '2012-05-01',
      status: 'existing',
      tags: ['高新技术', '专精特新'],
    });
  });

  it('rejects bad filters with a message naming the field', async () => {
    const bad = async (qs: string) => {
      const res = await t.call('GET', `/api/enterprises?${qs}`, { cookie: officer });
      expect(res.statusCode, qs).toBe(400);
      return (res.json() as { error: { message: string } }).error.message;
    };
    expect(await bad('region=659999')).toContain('659999');
    expect(await bad('industry=99')).toContain('99');
    expect(await bad('capitalMin=10&capitalMax=5')).toContain('注册资本');
    expect(await bad('foundedFrom=2020&foundedTo=2010')).toContain('成立年份');
    await bad('pageSize=101');
    await bad('status=unknown');
    await bad('capitalMin=1.5');
  });
});
