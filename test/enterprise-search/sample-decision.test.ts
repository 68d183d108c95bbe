/**
 * The broad path's sample on a table large enough to be sampled (20,000 enterprises; the cap lowered
 * to 1,000): a search whose matches are spread over the table is shown to be above the cap by its
 * sample and skips the exact count, even below twice the cap; a search as broad but whose matches
 * crowd into the pages of one import (one region loaded in one block) is counted, even above twice
 * the cap, because its sample's pages disagree too much to be sure (domain/page-sample.ts). A search
 * the sample shows likely within twice the cap, though not surely above it, is counted to its end.
 */
import { sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSystemCaller } from '../../src/services/context';
import { compileEnterpriseSearch, runCompiledSearch, type EnterpriseSearchInput } from '../../src/services/enterprises/enterprise-search';
import { createTestApp, type TestApp } from '../helpers/app';
import { DATABASE_KINDS } from '../helpers/databases';

const CAP = 1_000;
const dialect = new PgDialect();

/** Whether the statements include the exact count (the one whose matches `m` carry their ids; the sample's carry regions and tags). */
const counted = (statements: SQL[]) => statements.some((s) => /m as materialized \(\s*select e\.id,/.test(dialect.sqlToQuery(s).sql));

describe.each(DATABASE_KINDS)('the sample decides when to count, on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    // as the owner, to ANALYZE the table: the search reads its size from the planner's statistics
    t = await createTestApp(kind, {}, { databaseRole: 'owner' });
    // one import order: 昌吉 (652301) is one block of 2,400 in the middle; every 11th firm is 高新技术 (1,818), every
    // 18th 专精特新 (1,111)
    await t.deps.db.execute(sql`
      insert into enterprises (name, search_names, region_code, industry_code, status, registered_capital_yuan, established_on, tags)
      select '样本企业' || g, '样本企业' || g, case when g between 8001 and 10400 then '652301' else '650102' end, '51', 'existing',
        (g * 1000)::bigint, date '2015-01-01',
        array_remove(array[case when g % 11 = 0 then '高新技术' end, case when g % 18 = 0 then '专精特新' end], null)
      from generate_series(1, 20000) g`);
    await t.deps.db.execute(sql`analyze enterprises`);
  }, 120_000);
  afterAll(() => t.close());

  const run = async (input: EnterpriseSearchInput) => {
    const compiled = await compileEnterpriseSearch(t.deps, createSystemCaller('test'), { sort: 'capital', ...input });
    return runCompiledSearch(t.deps, compiled, CAP);
  };

  it('skips the count when matches spread over the pages show the total above the cap', async () => {
    const r = await run({ tags: ['高新技术'] });
    expect(r.capped).toBe(true);
    expect(counted(r.statements)).toBe(false);
    // 1,818 in truth: the estimate is within a tenth
    expect(r.estimate).toBeGreaterThan(1_636);
    expect(r.estimate).toBeLessThan(2_000);
    expect(r.facetsEstimated).toBe(true);
  });

  it('counts when the matches crowd into a few pages, though the sample looks twice the cap', async () => {
    const r = await run({ region: '652301' });
    expect(r.capped).toBe(true);
    expect(counted(r.statements)).toBe(true);
  });

  it('counts on past the cap, to twice it, when the sample leaves the total likely within that: all exact', async () => {
    const r = await run({ tags: ['专精特新'] });
    // every 18th of 20,000: 1,111; of them every 198th also 高新技术: 101
    expect(r).toMatchObject({ capped: false, facetsEstimated: false, estimate: null });
    expect(counted(r.statements)).toBe(true);
    expect(r.facets.total).toBe(1_111);
    expect(r.facets.tags).toEqual({ 专精特新: 1_111, 高新技术: 101 });
    // the page by capital from the count itself: the largest multiple of 18, 19,998 × 1,000 yuan
    expect(r.rows[0]?.registeredCapitalYuan).toBe(19_998_000n);
    expect(r.rows).toHaveLength(20);
  });

  it('counts exactly under the cap, whatever the sample says', async () => {
    const r = await run({ tags: ['高新技术'], region: '652301' });
    // every 11th of 8,001–10,400: 8,008 … 10,395 → 218
    expect(r).toMatchObject({ capped: false, facetsEstimated: false, estimate: null });
    expect(r.facets.total).toBe(218);
  });
});
