/** The reference data every installation carries: GB/T 2260 divisions and GB/T 4754-2017 industries. */
import { eq, sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config';
import { auditLog, regions, settings } from '../../src/db/schema/index';
import { INDUSTRY_STANDARD } from '../../src/reference/industry-classification';

/** the reference loader's revision (services/reference-data.ts: 2 added 中类 and 小类) */
const LOADER_REVISION = 2;
import { loadRegionDivisions, REGION_DATASET_VERSION, type RegionDivision } from '../../src/reference/region-divisions';
import { createSystemCaller } from '../../src/services/context';
import { computeRegionRows, loadReferenceData } from '../../src/services/reference-data';
import { createPark } from '../../src/services/regions';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../helpers/databases';

const SOURCE = `gbt2260@${REGION_DATASET_VERSION}`;

/** Rows of a raw query (both drivers answer `{ rows }`; the common Db type does not say so). */
async function rowsOf<T>(database: TestDatabase, query: SQL): Promise<T[]> {
  const result = (await database.db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

describe('computeRegionRows', () => {
  it('builds paths and puts parents before children, whatever the input order', () => {
    const list: RegionDivision[] = [
      { code: '650109', name: '米东区', level: 'county', parentCode: '650100' },
      { code: '110101', name: '东城区', level: 'county', parentCode: '110000' },
      { code: '650100', name: '乌鲁木齐市', level: 'prefecture', parentCode: '650000' },
      { code: '650102', name: '天山区', level: 'county', parentCode: '650100' },
      { code: '650000', name: '新疆维吾尔自治区', level: 'province', parentCode: null },
      { code: '110000', name: '北京市', level: 'province', parentCode: null },
    ];
    const rows = computeRegionRows(list, 'test@1');
    expect(rows.map((r) => [r.code, r.path])).toEqual([
      ['110000', '/110000/'],
      ['650000', '/650000/'],
      ['110101', '/110000/110101/'],
      ['650100', '/650000/650100/'],
      ['650102', '/650000/650100/650102/'],
      ['650109', '/650000/650100/650109/'],
    ]);
    expect(rows.find((r) => r.code === '650109')).toEqual({
      code: '650109',
      name: '米东区',
      level: 'county',
      parentCode: '650100',
      path: '/650000/650100/650109/',
      source: 'test@1',
    });
  });

  it('orders the whole dataset parents first, with every path ending in the code and a slash', () => {
    const divisions = loadRegionDivisions();
    const rows = computeRegionRows([...divisions].reverse(), SOURCE);
    expect(rows).toHaveLength(3215);
    const position = new Map(rows.map((r, i) => [r.code, i]));
    const byCode = new Map(rows.map((r) => [r.code, r]));
    for (const [i, r] of rows.entries()) {
      expect(r.path.endsWith(`/${r.code}/`)).toBe(true);
      if (r.parentCode) {
        expect(position.get(r.parentCode)).toBeLessThan(i);
        expect(r.path).toBe(`${byCode.get(r.parentCode)?.path}${r.code}/`);
      } else {
        expect(r.path).toBe(`/${r.code}/`);
      }
    }
  });
});

describe.each(DATABASE_KINDS)('reference data in the database on %s', (kind) => {
  let database: TestDatabase;
  const config = loadConfig({});

  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(() => database.close());

  async function levelCounts() {
    const rows = await database.db
      .select({ level: regions.level, n: sql<number>`count(*)::int` })
      .from(regions)
      .where(eq(regions.active, true))
      .groupBy(regions.level)
      .orderBy(regions.level);
    return Object.fromEntries(rows.map((r) => [r.level, r.n]));
  }

  it('has the divisions by level', async () => {
    expect(await levelCounts()).toEqual({ county: 2844, prefecture: 337, province: 34 });
    const sources = await rowsOf(database, sql`select count(*)::int as n, min(source) as min, max(source) as max from regions`);
    expect(sources).toEqual([{ n: 3215, min: SOURCE, max: SOURCE }]);
  });

  it('has GB/T 4754-2017 at every level: 20 sections, 97 divisions, 473 groups, 1,381 classes (one short of 1,382, see docs)', async () => {
    const rows = await rowsOf(database, sql`select level, count(*)::int as n from industries where standard = ${INDUSTRY_STANDARD} group by level order by level`);
    expect(rows).toEqual([
      { level: 'class', n: 1381 },
      { level: 'division', n: 97 },
      { level: 'group', n: 473 },
      { level: 'section', n: 20 },
    ]);
  });

  it('stores materialised paths', async () => {
    const paths = await database.db
      .select({ code: regions.code, path: regions.path, parentCode: regions.parentCode, level: regions.level, name: regions.name })
      .from(regions)
      .where(sql`${regions.code} in ('650109', '650100', '650000', '110101', '659001')`)
      .orderBy(regions.code);
    expect(paths).toEqual([
      { code: '110101', path: '/110000/110101/', parentCode: '110000', level: 'county', name: '东城区' },
      { code: '650000', path: '/650000/', parentCode: null, level: 'province', name: '新疆维吾尔自治区' },
      { code: '650100', path: '/650000/650100/', parentCode: '650000', level: 'prefecture', name: '乌鲁木齐市' },
      { code: '650109', path: '/650000/650100/650109/', parentCode: '650100', level: 'county', name: '米东区' },
      { code: '659001', path: '/650000/659000/659001/', parentCode: '659000', level: 'county', name: '石河子市' },
    ]);
  });

  it('keeps every stored path consistent with its parent', async () => {
    const bad = await rowsOf(
      database,
      sql`select c.code from regions c left join regions p on p.code = c.parent_code
          where (c.parent_code is null and c.path <> '/' || c.code || '/')
             or (c.parent_code is not null and (p.code is null or c.path <> p.path || c.code || '/'))`,
    );
    expect(bad).toEqual([]);
  });

  it('does nothing when loaded again', async () => {
    const auditBefore = await database.db.select({ n: sql<number>`count(*)::int` }).from(auditLog);
    expect(await loadReferenceData({ db: database.db, config })).toEqual({ changed: false, regions: 0, industries: 0 });
    const auditAfter = await database.db.select({ n: sql<number>`count(*)::int` }).from(auditLog);
    expect(auditAfter).toEqual(auditBefore);
  });

  it('reloads when the stored version differs, reactivating current divisions and deactivating vanished ones, leaving parks alone', async () => {
    const park = await createPark({ db: database.db, config }, createSystemCaller('test'), { parentCode: '650109', name: '测试产业园' });
    expect(park.code).toBe('650109001');
    await database.db.insert(regions).values({
      code: '659999',
      name: '已撤销县',
      level: 'county',
      parentCode: '659000',
      path: '/650000/659000/659999/',
      source: 'gbt2260@old',
    });
    await database.db.update(regions).set({ active: false, name: '旧名' }).where(eq(regions.code, '650102'));
    await database.db.update(settings).set({ value: { regions: 'old', industries: INDUSTRY_STANDARD, revision: LOADER_REVISION } }).where(eq(settings.key, 'reference_versions'));

    expect(await loadReferenceData({ db: database.db, config })).toEqual({ changed: true, regions: 3215, industries: 1971 });

    const rows = await database.db
      .select({ code: regions.code, name: regions.name, active: regions.active, source: regions.source })
      .from(regions)
      .where(sql`${regions.code} in ('650102', '659999', '650109001')`)
      .orderBy(regions.code);
    expect(rows).toEqual([
      { code: '650102', name: '天山区', active: true, source: SOURCE },
      { code: '650109001', name: '测试产业园', active: true, source: 'park' },
      { code: '659999', name: '已撤销县', active: false, source: 'gbt2260@old' },
    ]);
    expect(await levelCounts()).toEqual({ county: 2844, prefecture: 337, province: 34, park: 1 });

    const [stored] = await database.db.select().from(settings).where(eq(settings.key, 'reference_versions'));
    expect(stored?.value).toEqual({ regions: REGION_DATASET_VERSION, industries: INDUSTRY_STANDARD, revision: LOADER_REVISION });
    const audit = await database.db.select().from(auditLog).where(eq(auditLog.action, 'reference.load')).orderBy(auditLog.id);
    expect(audit.at(-1)).toMatchObject({
      actorUsername: 'cli:system',
      objectType: 'referenceData',
      objectId: 'reference_versions',
      before: { regions: 'old', industries: INDUSTRY_STANDARD, revision: LOADER_REVISION },
      after: { regions: REGION_DATASET_VERSION, industries: INDUSTRY_STANDARD, revision: LOADER_REVISION, regionRows: 3215, industryRows: 1971 },
    });

    expect(await loadReferenceData({ db: database.db, config })).toEqual({ changed: false, regions: 0, industries: 0 });
  });
});
