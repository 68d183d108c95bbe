/**
 * The search keys (migration 0031's enterprise_filter_keys, 0043's range keys and the GIN index of
 * enterprise_search_vector, words and keys in one tsvector): the statement that counts the matches
 * turns the words and the tag, industry, region, status, capital-floor and founding-year filters
 * into one index condition (always on a table this small: no probe), and must find exactly the
 * enterprises the plain conditions find.
 *
 * Firms (industry · region · tags · status):
 *   k1 3825 · 米东区 650109 · 高新技术 · existing      k2 5111 · 米东区 650109 · — · existing
 *   k3 5111 · 天山区 650102 · 高新技术 · operating     k4 F (the 门类 itself) · 昌吉 652301 · 高新技术 · existing
 *   k5 3825 · 苏州 320505 · 高新技术 · revoked         k6 no industry · 650109 · 高新技术, 上市 · liquidating
 *   k7 52 · 乌鲁木齐市 650100 itself · — · existing
 * Capital k × 1,000,000 yuan, founded 2015-06-01; then, for the range keys and the words:
 *   k8 5111 · 650109 · 高新技术 · existing · 10,000,000 exactly · founded 2009-12-31
 *   k9 5111 · 650109 · 高新技术 · existing · 9,999,999 · founded 2010-01-01 · search_words null (keys not computed yet)
 *   k10 5111 · 650109 · the tags O'Brien\ and 高新技术 · existing · 120,000,000,000 · founded 2026-03-01
 */
import { PgDialect } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INDUSTRIES } from '../../src/reference/industry-classification';
import { createSystemCaller } from '../../src/services/context';
import { compileEnterpriseSearch, runCompiledSearch, searchEnterprises, type EnterpriseSearchInput } from '../../src/services/enterprises/enterprise-search';
import { createTestApp, type TestApp } from '../helpers/app';
import { DATABASE_KINDS } from '../helpers/databases';
import { insertEnterprises, makeCreditCode, type TestEnterprise } from './fixtures';

const firm = (
  key: string,
  industryCode: string | null,
  regionCode: string,
  tags: string[],
  status: string,
  capitalYuan = 1_000_000n * BigInt(key.slice(1)),
  establishedOn = '2015-06-01',
): TestEnterprise => ({
  key,
  creditCode: makeCreditCode(regionCode, `MA88FK${key.slice(1).padStart(2, '0')}`),
  name: `筛选键测试${key}有限公司`,
  regionCode,
  industryCode,
  capitalYuan,
  establishedOn,
  status,
  tags,
});

const FIRMS = [
  firm('k1', '3825', '650109', ['高新技术'], 'existing'),
  firm('k2', '5111', '650109', [], 'existing'),
  firm('k3', '5111', '650102', ['高新技术'], 'operating'),
  firm('k4', 'F', '652301', ['高新技术'], 'existing'),
  firm('k5', '3825', '320505', ['高新技术'], 'revoked'),
  firm('k6', null, '650109', ['高新技术', '上市'], 'liquidating'),
  firm('k7', '52', '650100', [], 'existing'),
  firm('k8', '5111', '650109', ['高新技术'], 'existing', 10_000_000n, '2009-12-31'),
  firm('k9', '5111', '650109', ['高新技术'], 'existing', 9_999_999n, '2010-01-01'),
  firm('k10', '5111', '650109', ["O'Brien\\", '高新技术'], 'existing', 120_000_000_000n, '2026-03-01'),
];

const dialect = new PgDialect();

describe.each(DATABASE_KINDS)('filter keys on %s', (kind) => {
  let t: TestApp;
  const caller = createSystemCaller('test');
  beforeAll(async () => {
    t = await createTestApp(kind);
    await insertEnterprises(t.deps.db, FIRMS);
    // an import's new rows have no search words until their keys are computed: still found by their filters
    await t.deps.db.execute(sql`update enterprises set search_words = null where name = '筛选键测试k9有限公司'`);
  });
  afterAll(() => t.close());

  const found = async (input: EnterpriseSearchInput) => {
    const r = await searchEnterprises(t.deps, caller, { ...input, sort: 'capital', pageSize: 50 });
    return r.items.map((i) => FIRMS.find((f) => f.name === i.name)?.key).filter((k) => k !== undefined).sort();
  };
  const countedBy = async (input: EnterpriseSearchInput) => {
    const c = await compileEnterpriseSearch(t.deps, caller, input);
    return { filter: c.filter, sql: (await runCompiledSearch(t.deps, c)).statements.map((s) => dialect.sqlToQuery(s).sql).join('\n') };
  };

  it('gives every numeric industry code the 门类 of the installed classification, and each prefix', async () => {
    const rows = ((await t.deps.db.execute(sql`select code, enterprise_filter_keys(code, null, '{}'::text[], null) as keys from industries`)) as unknown as { rows: { code: string; keys: string[] }[] }).rows;
    expect(rows.length).toBe(INDUSTRIES.length);
    const sectionOf = new Map(INDUSTRIES.map((i) => [i.code, i.sectionCode]));
    const wrong = rows.filter((r) => !r.keys.includes(`|i:${sectionOf.get(r.code)}`));
    expect(wrong).toEqual([]);
    const sample = rows.find((r) => r.code === '5111');
    expect(sample?.keys).toEqual(['|i:F', '|i:51', '|i:511', '|i:5111', '|s:']);
  });

  it('keys the region by code prefix only when the prefix names exactly its subtree', async () => {
    expect((await countedBy({ region: '650000' })).filter.regionKey).toBe('65');
    expect((await countedBy({ region: '650100' })).filter.regionKey).toBe('6501');
    expect((await countedBy({ region: '650109' })).filter.regionKey).toBe('650109');
    expect((await countedBy({ industry: 'F' })).filter.industryKey).toBe('F');
    // a park's code is not a prefix of the standard division codes
    const park = ((await t.deps.db.execute(sql`select code from regions where level = 'park' limit 1`)) as unknown as { rows: { code: string }[] }).rows[0];
    if (park && !/^\d{6}$/.test(park.code)) expect((await countedBy({ region: park.code })).filter.regionKey).toBeNull();
  });

  it('finds with keys exactly what the plain conditions find', async () => {
    // the counting statement puts the words and every filter with a key into the one index condition
    const vector = 'enterprise_search_vector(e.search_words, e.industry_code, e.status, e.tags, e.region_code, e.registered_capital_yuan, e.established_on) @@';
    expect((await countedBy({ industry: 'F', tags: ['高新技术'] })).sql).toContain(vector);
    expect((await countedBy({ q: '筛选键', industry: 'F' })).sql).toContain(vector);
    // a name fragment or pinyin keeps its own index
    expect((await countedBy({ q: 'sxj', industry: 'F' })).sql).not.toContain('enterprise_search_vector');
    expect(await found({ industry: 'F', tags: ['高新技术'] })).toEqual(['k10', 'k3', 'k4', 'k8', 'k9']);
    expect(await found({ industry: 'F' })).toEqual(['k10', 'k2', 'k3', 'k4', 'k7', 'k8', 'k9']);
    expect(await found({ industry: '51' })).toEqual(['k10', 'k2', 'k3', 'k8', 'k9']);
    expect(await found({ industry: '5111', region: '650100' })).toEqual(['k10', 'k2', 'k3', 'k8', 'k9']);
    expect(await found({ industry: 'F', region: '650100' })).toEqual(['k10', 'k2', 'k3', 'k7', 'k8', 'k9']);
    expect(await found({ industry: 'C', tags: ['高新技术'] })).toEqual(['k1', 'k5']);
    expect(await found({ industry: 'C', tags: ['高新技术'], status: ['existing'] })).toEqual(['k1']);
    expect(await found({ tags: ['高新技术'], status: ['existing', 'operating'] })).toEqual(['k1', 'k10', 'k3', 'k4', 'k8', 'k9']);
    expect(await found({ tags: ['高新技术'], status: ['revoked', 'liquidating'] })).toEqual(['k5', 'k6']);
    expect(await found({ tags: ['高新技术', '上市'] })).toEqual(['k6']);
    expect(await found({ region: '650000', tags: ['高新技术'] })).toEqual(['k1', 'k10', 'k3', 'k4', 'k6', 'k8', 'k9']);
    expect(await found({ region: '650109' })).toEqual(['k1', 'k10', 'k2', 'k6', 'k8', 'k9']);
    expect(await found({ region: '650109', industry: 'C', tags: ['高新技术'], capitalMin: 1_000_000 })).toEqual(['k1']);
    expect(await found({ industry: 'A', tags: ['高新技术'] })).toEqual([]);
  });

  it('narrows by capital floors and founding years with keys, checking the exact bounds on the rows', async () => {
    const plan = (await countedBy({ tags: ['高新技术'], capitalMin: 10_000_000, foundedFrom: 2010, foundedTo: 2025 })).sql;
    expect(plan).toContain('enterprise_search_vector');
    // 10,000,000 is its own key (|c:7); 9,999,999 is not; 10,000,001 keys |c:7 and is checked on the rows
    expect(await found({ tags: ['高新技术'], capitalMin: 10_000_000 })).toEqual(['k10', 'k8']);
    expect(await found({ tags: ['高新技术'], capitalMin: 9_999_999 })).toEqual(['k10', 'k8', 'k9']);
    expect(await found({ tags: ['高新技术'], capitalMin: 10_000_001 })).toEqual(['k10']);
    expect(await found({ region: '650109', capitalMin: 5_000_000, capitalMax: 10_000_000 })).toEqual(['k6', 'k8', 'k9']);
    expect(await found({ region: '650109', capitalMin: 100_000_000_000 })).toEqual(['k10']);
    // years: the decade 2010 and single years at the ends; 2009-12-31 and 2026 are outside 2010–2025
    expect(await found({ region: '650109', foundedFrom: 2010, foundedTo: 2025 })).toEqual(['k1', 'k2', 'k6', 'k9']);
    expect(await found({ region: '650109', foundedFrom: 2009, foundedTo: 2010 })).toEqual(['k8', 'k9']);
    expect(await found({ region: '650109', foundedFrom: 2026, foundedTo: 2026 })).toEqual(['k10']);
    expect(await found({ region: '650109', foundedFrom: 2016 })).toEqual(['k10']);
    expect(await found({ region: '650109', foundedTo: 2009 })).toEqual(['k8']);
    // a span too long for keys (1950–2025) is checked on the rows alone: same answer
    expect(await found({ region: '650109', foundedFrom: 1950, foundedTo: 2025 })).toEqual(['k1', 'k2', 'k6', 'k8', 'k9']);
  });

  it('keys words together with filters, and a tag with a quote and a backslash', async () => {
    expect(await found({ q: '筛选键', tags: ['高新技术'], capitalMin: 10_000_000 })).toEqual(['k10', 'k8']);
    expect(await found({ q: '筛选键 测试', region: '650109', status: ['existing'] })).toEqual(['k1', 'k10', 'k2', 'k8']);
    // k9 has no search words yet: a word search does not find it, its filters alone do
    expect(await found({ q: '筛选键', region: '650109', foundedFrom: 2010, foundedTo: 2010 })).toEqual([]);
    expect(await found({ region: '650109', foundedFrom: 2010, foundedTo: 2010 })).toEqual(['k9']);
    expect(await found({ tags: ["O'Brien\\"] })).toEqual(['k10']);
    expect(await found({ q: '筛选键', tags: ["O'Brien\\", '高新技术'] })).toEqual(['k10']);
    expect(await found({ tags: ["O'Brien"] })).toEqual([]);
  });
});
