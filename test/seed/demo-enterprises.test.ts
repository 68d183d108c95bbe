/**
 * The demo enterprise database (issue 5 point 11): generated enterprises with search keys, the demo
 * investors' profiles, contacts in the demo counties, near-duplicates to review. A smaller count
 * than the real demo keeps the test quick; seedDemo (default count) must then change nothing.
 */
import { and, eq, isNotNull, isNull, like, sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config';
import { selectUserByUsername } from '../../src/db/queries/accounts/users';
import { auditLog, enterpriseContacts, enterprises, projects } from '../../src/db/schema/index';
import { validateCreditCode } from '../../src/domain/credit-code';
import { toActor } from '../../src/services/accounts/auth';
import type { Caller, Deps } from '../../src/services/context';
import { listDuplicateCandidates } from '../../src/services/enterprises/enterprise-duplicates';
import { getEnterpriseDetail } from '../../src/services/enterprises/enterprises';
import { createSystemCaller } from '../../src/services/context';
import { createPark } from '../../src/services/regions';
import { createUser } from '../../src/services/accounts/users';
import { DEMO_ENTERPRISE_SOURCE, seedDemoEnterprises } from '../../src/seed/demo-enterprises';
import { seedDemoProjects } from '../../src/seed/demo-projects';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from '../../src/seed/demo';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../helpers/databases';

const COUNT = 3000;

async function rowsOf<T>(database: TestDatabase, query: SQL): Promise<T[]> {
  return ((await database.db.execute(query)) as unknown as { rows: T[] }).rows;
}

describe.each(DATABASE_KINDS)('seedDemoEnterprises on %s', (kind) => {
  let database: TestDatabase;
  let deps: Deps;
  const callerOf = async (username: string): Promise<Caller> => {
    const user = await selectUserByUsername(database.db, username);
    if (!user) throw new Error(`no demo user ${username}`);
    return { actor: toActor(user), clientIp: null, requestId: null };
  };

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    deps = { db: database.db, config: loadConfig({}) };
    const caller = createSystemCaller('demo-seed');
    for (const a of DEMO_ACCOUNTS) {
      await createUser(deps, caller, { username: a.username, displayName: a.displayName, regionCode: a.regionCode, password: DEMO_PASSWORD, roles: [a.role], mustChangePassword: false, demoPassword: true });
    }
    await createPark(deps, caller, { parentCode: '650109', name: '米东化工工业园' });
    await seedDemoProjects(deps);
    const counts = await seedDemoEnterprises(deps, { count: COUNT });
    expect(counts).toMatchObject({ generated: COUNT, uncoded: 3 });
  });
  afterAll(async () => {
    await database?.close();
  });

  it('generates enterprises with valid codes, profiles, sources and search keys', async () => {
    const [row] = await rowsOf<{ n: number | string; keyed: number | string; xinjiang: number | string; tagged: number | string; scoped: number | string }>(
      database,
      sql`select count(*) as n, count(*) filter (where search_words is not null and search_pinyin <> '' and search_names = name || case when cardinality(former_names) > 0 then ' ' || array_to_string(former_names, ' ') else '' end) as keyed,
                 count(*) filter (where region_code like '65%') as xinjiang, count(*) filter (where cardinality(tags) > 0) as tagged,
                 count(*) filter (where business_scope is not null and field_sources->'businessScope'->>'source' = ${DEMO_ENTERPRISE_SOURCE}) as scoped
            from enterprises where field_sources->'name'->>'source' = ${DEMO_ENTERPRISE_SOURCE}`,
    );
    // the generated ones and the demo investors carry the demo source
    expect(Number(row?.n)).toBeGreaterThanOrEqual(COUNT);
    expect(Number(row?.keyed)).toBe(Number(row?.n));
    expect(Number(row?.scoped)).toBe(Number(row?.n));
    // about a third registered in Xinjiang, the rest across China
    expect(Number(row?.xinjiang) / Number(row?.n)).toBeGreaterThan(0.2);
    expect(Number(row?.xinjiang) / Number(row?.n)).toBeLessThan(0.5);
    expect(Number(row?.tagged)).toBeGreaterThan(0);
    const sample = await database.db.select({ code: enterprises.creditCode }).from(enterprises).where(isNotNull(enterprises.creditCode)).limit(500);
    for (const s of sample) expect(validateCreditCode(s.code as string)).toMatchObject({ ok: true });
    // the words index finds a generated enterprise by a word of its scope
    const [hit] = await rowsOf<{ n: number | string }>(database, sql`select count(*) as n from enterprises where search_words @@ to_tsquery('simple', '光伏')`);
    expect(Number(hit?.n)).toBeGreaterThan(0);
  });

  it('gives every demo investor a profile fitting its projects, and marks the regions in contact', async () => {
    const rows = await database.db
      .selectDistinct({ e: enterprises, projectIndustry: projects.industryCode })
      .from(enterprises)
      .innerJoin(projects, eq(projects.investorId, enterprises.id))
      .where(like(projects.code, 'DEMO-%'));
    expect(rows.length).toBeGreaterThan(200);
    for (const { e } of rows) {
      expect(e.regionCode, e.name).not.toBeNull();
      expect(e.industryCode).not.toBeNull();
      expect(e.businessScope).toBeTruthy();
      expect(e.status).toBe('existing');
      expect(e.searchWords).toBeTruthy();
      expect(e.fieldSources.businessScope?.source).toBe(DEMO_ENTERPRISE_SOURCE);
      expect(e.contactRegionCodes.length).toBeGreaterThan(0);
    }
    // the profile's industry is one of its projects' industries
    const byId = new Map<string, Set<string | null>>();
    for (const r of rows) byId.set(r.e.id, new Set([...(byId.get(r.e.id) ?? []), r.projectIndustry]));
    for (const r of rows) expect(byId.get(r.e.id)?.has(r.e.industryCode)).toBe(true);
    expect(rows.some((r) => r.e.tags.some((t) => ['世界500强', '中国500强', '中国民营500强', '央企'].includes(t)))).toBe(true);
    // an investor of a 米东区 project counts 米东区 as in contact
    const [midong] = await rowsOf<{ codes: string[] | string }>(
      database,
      sql`select e.contact_region_codes as codes from enterprises e join projects p on p.investor_id = e.id where p.code like 'DEMO-%' and p.region_code = '650109' limit 1`,
    );
    expect(String(midong?.codes)).toContain('650109');
  });

  it('adds contacts in both demo counties, masked on the page of each county', async () => {
    const contacts = await database.db.select().from(enterpriseContacts);
    expect(contacts.filter((c) => c.regionCode === '650109').length).toBeGreaterThanOrEqual(5);
    expect(contacts.filter((c) => c.regionCode === '650102').length).toBeGreaterThanOrEqual(3);
    const one = contacts.find((c) => c.regionCode === '650109' && c.phone !== null);
    expect(one).toBeDefined();
    const [e] = await database.db.select().from(enterprises).where(eq(enterprises.id, one!.enterpriseId));
    const page = await getEnterpriseDetail(deps, await callerOf('officer'), e!.creditCode ?? e!.id);
    const shown = page.contacts.find((c) => c.id === one!.id);
    expect(shown?.phone).not.toBe(one!.phone);
    expect(shown?.phone).toContain('*');
    const sibling = await getEnterpriseDetail(deps, await callerOf('officer_ts'), e!.creditCode ?? e!.id);
    expect(sibling.contacts.map((c) => c.id)).not.toContain(one!.id);
  });

  it('leaves near-duplicates to review for the demo officer', async () => {
    const uncoded = await database.db.select().from(enterprises).where(isNull(enterprises.creditCode));
    expect(uncoded).toHaveLength(3);
    const review = await listDuplicateCandidates(deps, await callerOf('officer'), { page: 1, pageSize: 50 });
    expect(review.total).toBeGreaterThanOrEqual(1);
    const analyst = await listDuplicateCandidates(deps, await callerOf('analyst'), { page: 1, pageSize: 50 });
    expect(analyst.total).toBeGreaterThanOrEqual(2);
  });

  it('writes one audit row and changes nothing when seeded again (also through seedDemo)', async () => {
    const count = async () => Number((await rowsOf<{ n: number | string }>(database, sql`select count(*) as n from enterprises`))[0]?.n);
    // the first whole demo adds what its other parts bring (the converted demo inquiry's investor is a new enterprise)
    await seedDemo(deps);
    const before = await count();
    expect(await seedDemoEnterprises(deps, { count: COUNT })).toBeNull();
    await seedDemo(deps);
    expect(await count()).toBe(before);
    const audits = await database.db.select().from(auditLog).where(and(eq(auditLog.action, 'demo.seed.enterprises')));
    expect(audits).toHaveLength(1);
    expect(audits[0]?.after).toMatchObject({ generated: COUNT, uncoded: 3 });
  });
});
