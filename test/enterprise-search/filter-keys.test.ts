/**
 * The filter keys of filter-only browsing (migration 0031, enterprise_filter_keys and its GIN
 * index): the statement that counts the matches turns the tag, industry, region and single-status
 * filters into keys (always on a table this small: no probe), and must find exactly the
 * enterprises the plain conditions find.
 *
 * Firms (industry · region · tags · status):
 *   k1 3825 · 米东区 650109 · 高新技术 · existing      k2 5111 · 米东区 650109 · — · existing
 *   k3 5111 · 天山区 650102 · 高新技术 · operating     k4 F (the 门类 itself) · 昌吉 652301 · 高新技术 · existing
 *   k5 3825 · 苏州 320505 · 高新技术 · revoked         k6 no industry · 650109 · 高新技术, 上市 · liquidating
 *   k7 52 · 乌鲁木齐市 650100 itself · — · existing
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

const firm = (key: string, industryCode: string | null, regionCode: string, tags: string[], status: string): TestEnterprise => ({
  key,
  creditCode: makeCreditCode(regionCode, `MA88FK${key.slice(1).padStart(2, '0')}`),
  name: `筛选键测试${key}有限公司`,
  regionCode,
  industryCode,
  capitalYuan: 1_000_000n * BigInt(key.slice(1)),
  establishedOn: '2015-06-01',
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
];

const dialect = new PgDialect();

describe.each(DATABASE_KINDS)('filter keys on %s', (kind) => {
  let t: TestApp;
  const caller = createSystemCaller('test');
  beforeAll(async () => {
    t = await createTestApp(kind);
    await insertEnterprises(t.deps.db, FIRMS);
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
    // the counting statement uses the keys whenever a tag, industry or region filter is there
    expect((await countedBy({ industry: 'F', tags: ['高新技术'] })).sql).toContain('enterprise_filter_keys(e.industry_code, e.status, e.tags, e.region_code) @>');
    expect((await countedBy({ q: '筛选键', industry: 'F' })).sql).not.toContain('enterprise_filter_keys');
    expect(await found({ industry: 'F', tags: ['高新技术'] })).toEqual(['k3', 'k4']);
    expect(await found({ industry: 'F' })).toEqual(['k2', 'k3', 'k4', 'k7']);
    expect(await found({ industry: '51' })).toEqual(['k2', 'k3']);
    expect(await found({ industry: '5111', region: '650100' })).toEqual(['k2', 'k3']);
    expect(await found({ industry: 'F', region: '650100' })).toEqual(['k2', 'k3', 'k7']);
    expect(await found({ industry: 'C', tags: ['高新技术'] })).toEqual(['k1', 'k5']);
    expect(await found({ industry: 'C', tags: ['高新技术'], status: ['existing'] })).toEqual(['k1']);
    expect(await found({ tags: ['高新技术'], status: ['existing', 'operating'] })).toEqual(['k1', 'k3', 'k4']);
    expect(await found({ tags: ['高新技术', '上市'] })).toEqual(['k6']);
    expect(await found({ region: '650000', tags: ['高新技术'] })).toEqual(['k1', 'k3', 'k4', 'k6']);
    expect(await found({ region: '650109' })).toEqual(['k1', 'k2', 'k6']);
    expect(await found({ region: '650109', industry: 'C', tags: ['高新技术'], capitalMin: 1_000_000 })).toEqual(['k1']);
    expect(await found({ industry: 'A', tags: ['高新技术'] })).toEqual([]);
  });
});
