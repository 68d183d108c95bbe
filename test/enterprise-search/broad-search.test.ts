/**
 * Broad searches (more matches than the search counts exactly): the total capped, the page in
 * tiers of registered capital with an equal name first, the facets from the sample (here the whole
 * table: a small table is sampled whole, so the "estimates" must equal the true counts), paging
 * only within the cap, and the exact count on request. The cap is lowered to 5 so six hand-built
 * firms make a broad search; production uses SEARCH_TOTAL_CAP (10,000).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/domain/app-error';
import { createSystemCaller } from '../../src/services/context';
import { roundEstimate, scaleFacets, searchEnterprises, type EnterpriseSearchInput } from '../../src/services/enterprises/enterprise-search';
import { createTestApp, type TestApp } from '../helpers/app';
import { DATABASE_KINDS } from '../helpers/databases';
import { insertEnterprises, makeCreditCode, type TestEnterprise } from './fixtures';

const firm = (key: string, name: string, capitalYuan: bigint | null, regionCode: string, tags: string[] = []): TestEnterprise => ({
  key,
  creditCode: makeCreditCode(regionCode, `MA88BR${key.slice(1).padStart(2, '0')}`),
  name,
  regionCode,
  industryCode: '38',
  capitalYuan,
  establishedOn: '2015-06-01',
  status: 'existing',
  tags,
});

// every name holds 天山 and 光伏; capital tiers: ≥ 1亿 e1 e5, ≥ 1000万 e2, ≥ 100万 e4, below or unknown e0 e3
const FIRMS = [
  firm('e0', '天山光伏', 500_000n, '650109'),
  firm('e1', '新疆天山光伏科技有限公司', 200_000_000n, '650109', ['高新技术']),
  firm('e2', '天山光伏电力有限公司', 30_000_000n, '650102'),
  firm('e3', '哈密天山光伏材料有限公司', null, '650104'),
  firm('e4', '乌鲁木齐天山光伏工程有限公司', 5_000_000n, '650109', ['高新技术']),
  firm('e5', '昌吉天山光伏设备有限公司', 150_000_000n, '652301'),
];
const CAP = 5;

describe('estimates from a sample', () => {
  it('scales each count by the sampled share and rounds it to two significant figures', () => {
    expect([87, 99.6, 1234, 12_345, 9_250].map(roundEstimate)).toEqual([87, 100, 1200, 12_000, 9_300]);
    // a 0.4 % sample: every count × 250
    const scaled = scaleFacets({ total: 37, tags: { 高新技术: 3, 上市: 0 }, regions: { '650100': 12 }, definedTags: ['重点'] }, 250);
    expect(scaled).toEqual({ total: 9_300, tags: { 高新技术: 750, 上市: 0 }, regions: { '650100': 3_000 }, definedTags: ['重点'] });
  });
});

describe.each(DATABASE_KINDS)('broad enterprise search on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
    await insertEnterprises(t.deps.db, FIRMS);
  });
  afterAll(() => t.close());

  // a page of 5: pages reach only as far as the cap
  const search = (input: EnterpriseSearchInput) => searchEnterprises(t.deps, createSystemCaller('test'), { pageSize: 5, ...input }, CAP);
  const keyOf = (name: string) => FIRMS.find((f) => f.name === name)?.key;
  const keys = (r: Awaited<ReturnType<typeof search>>) => r.items.map((i) => keyOf(i.name));

  it('caps the total above the cap, with the total and facets from the sample', async () => {
    const r = await search({ q: '天山 光伏' });
    // a small table is sampled whole: the facets and the "estimate" are exact, and say so
    expect(r).toMatchObject({ total: CAP, totalCapped: true, totalEstimate: 6, facetsEstimated: false });
    expect(r.facets.tags['高新技术']).toBe(2);
    expect(r.facets.regions).toEqual({ '650000': 6 });
  });

  it('at or under the cap everything is exact', async () => {
    const r = await search({ q: '天山 光伏', region: '650100' });
    expect(r).toMatchObject({ total: 5, totalCapped: false, totalEstimate: null, facetsEstimated: false });
    expect(r.facets.regions).toEqual({ '650102': 1, '650104': 1, '650109': 3 });
  });

  it('ranks a broad search by capital tier: the equal name first, then ≥ 1亿, ≥ 1000万, ≥ 100万, the rest', async () => {
    expect(keys(await search({ q: '天山 光伏' }))).toEqual(['e0', 'e1', 'e5', 'e2', 'e4']);
    // the exact count ranks by relevance over all: the equal name, then the name starting with the search, then capital
    const exact = await search({ q: '天山 光伏', exact: true });
    expect(exact).toMatchObject({ total: 6, totalCapped: false, facetsEstimated: false });
    expect(keys(exact)).toEqual(['e0', 'e2', 'e1', 'e5', 'e4']);
    expect(keys(await search({ q: '天山 光伏', exact: true, page: 2 }))).toEqual(['e3']);
  });

  it('sorted by capital, the tiers give exactly the capital order', async () => {
    const broad = await search({ sort: 'capital' });
    expect(broad.totalCapped).toBe(true);
    expect(keys(broad)).toEqual(['e1', 'e5', 'e2', 'e4', 'e0']);
    expect(keys(await search({ sort: 'capital', exact: true }))).toEqual(keys(broad));
  });

  it('pages within the cap and refuses a page beyond it, naming the page', async () => {
    expect(keys(await search({ q: '天山 光伏', page: 2, pageSize: 2 }))).toEqual(['e5', 'e2']);
    const beyond = await search({ q: '天山 光伏', page: 3, pageSize: 2 }).catch((e: unknown) => e);
    expect(beyond).toBeInstanceOf(AppError);
    expect((beyond as AppError).details?.[0]?.field).toBe('page');
    expect((beyond as AppError).message).toContain('5');
  });
});
