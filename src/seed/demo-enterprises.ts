/**
 * Demo enterprise database (issue 5 point 11): 30,000 generated enterprises with realistic names,
 * scopes, products and tags (src/seed/enterprise-generator), search keys included; the demo
 * projects' investors given full profiles; a few contacts in the demo counties 米东区 650109 and
 * 天山区 650102; and three investors without a credit code that resemble registered enterprises,
 * so the near-duplicate review list has something to review.
 *
 * Deterministic (seeded) and idempotent: nothing happens when the first generated enterprise
 * exists. Rows go in with one statement per 1,000 (jsonb_to_recordset), in one transaction, with one
 * audit row. Kept quick for the first `npm start` on PGlite (see README for the measured time).
 */
import { eq, inArray, like, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { refreshContactRegionCodes } from '../db/queries/enterprises/enterprises';
import { flagNearDuplicateNames } from '../db/queries/enterprises/enterprise-duplicates';
import { enterpriseContacts, enterprises, industries, projects, regions, users } from '../db/schema/index';
import { shiftDate } from '../domain/working-days';
import { todayInShanghai } from '../domain/dates';
import { buildEnterpriseSearchKeys, buildSearchWordsSql } from '../search/enterprise-search-keys';
import { toPinyinKeys } from '../search/pinyin-keys';
import { recordAudit } from '../services/audit/audit';
import { createSystemCaller, type Deps } from '../services/context';
import { generateEnterprise, type GeneratedEnterprise, type GenerateEnterprisesOptions } from './enterprise-generator';
import { createRng } from './random';

export const DEMO_ENTERPRISE_COUNT = 30_000;
export const DEMO_ENTERPRISE_SEED = 20261122;
/** the source named on every field the demo sets */
export const DEMO_ENTERPRISE_SOURCE = '企业登记信息（演示数据）';
const BATCH = 1000;
/** the demo investors' profiles come from generator indexes far above the generated enterprises */
const INVESTOR_INDEX_BASE = 10_000_000;
/** about a third of the generated enterprises are registered in Xinjiang, the rest across China */
const XINJIANG_WEIGHT = 12;

export interface DemoEnterpriseCounts {
  generated: number;
  investorsProfiled: number;
  contacts: number;
  uncoded: number;
  duplicateCandidates: number;
}

type Profile = Omit<GeneratedEnterprise, 'creditCode' | 'name' | 'formerNames'>;

/** One row as jsonb_to_recordset reads it. */
function toRecord(e: Profile & { name: string; formerNames: string[]; creditCode?: string | null }, sourceDate: string, id?: string) {
  const keys = buildEnterpriseSearchKeys(e);
  const fieldSources: Record<string, { source: string; date: string }> = {};
  const fields: Record<string, unknown> = {
    creditCode: e.creditCode ?? null,
    name: e.name,
    formerNames: e.formerNames.length > 0 ? e.formerNames : null,
    regionCode: e.regionCode,
    industryCode: e.industryCode,
    registeredCapitalYuan: e.registeredCapitalYuan,
    establishedOn: e.establishedOn,
    status: e.status,
    ticker: e.ticker,
    businessScope: e.businessScope,
    mainProducts: e.mainProducts,
    tags: e.tags.length > 0 ? e.tags : null,
    website: e.website,
    parentGroup: e.parentGroup,
    employees: e.employees,
    revenueBand: e.revenueBand,
  };
  for (const [k, v] of Object.entries(fields)) if (v !== null && v !== undefined) fieldSources[k] = { source: DEMO_ENTERPRISE_SOURCE, date: sourceDate };
  return {
    id: id ?? null,
    credit_code: e.creditCode ?? null,
    name: e.name,
    former_names: e.formerNames,
    region_code: e.regionCode,
    industry_code: e.industryCode,
    registered_capital_yuan: e.registeredCapitalYuan === null ? null : e.registeredCapitalYuan.toString(),
    established_on: e.establishedOn,
    status: e.status,
    ticker: e.ticker,
    business_scope: e.businessScope,
    main_products: e.mainProducts,
    tags: e.tags,
    website: e.website,
    parent_group: e.parentGroup,
    employees: e.employees,
    revenue_band: e.revenueBand,
    field_sources: fieldSources,
    search_names: keys.searchNames,
    search_pinyin: keys.searchPinyin,
    name_words: keys.nameWords,
    other_words: keys.otherWords,
  };
}
type EnterpriseRecord = ReturnType<typeof toRecord>;

const RECORD_COLUMNS = sql.raw(`id uuid, credit_code text, name text, former_names text[], region_code text, industry_code text,
  registered_capital_yuan bigint, established_on date, status text, ticker text, business_scope text, main_products text,
  tags text[], website text, parent_group text, employees int, revenue_band text, field_sources jsonb,
  search_names text, search_pinyin text, name_words text, other_words text`);

async function insertRecords(db: Db, records: EnterpriseRecord[]): Promise<void> {
  await db.execute(sql`
    insert into enterprises (credit_code, name, former_names, region_code, industry_code, registered_capital_yuan, established_on,
      status, ticker, business_scope, main_products, tags, website, parent_group, employees, revenue_band, field_sources,
      search_names, search_pinyin, search_words)
    select v.credit_code, v.name, v.former_names, v.region_code, v.industry_code, v.registered_capital_yuan, v.established_on,
      v.status, v.ticker, v.business_scope, v.main_products, v.tags, v.website, v.parent_group, v.employees, v.revenue_band, v.field_sources,
      v.search_names, v.search_pinyin, ${buildSearchWordsSql(sql`v.name_words`, sql`v.other_words`)}
      from jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as v(${RECORD_COLUMNS})
    on conflict (credit_code) do nothing`);
}

/** Gives existing rows (the demo investors) their profile; names and codes stay. */
async function updateProfiles(db: Db, records: EnterpriseRecord[]): Promise<void> {
  await db.execute(sql`
    update enterprises e set region_code = v.region_code, industry_code = v.industry_code, registered_capital_yuan = v.registered_capital_yuan,
      established_on = v.established_on, status = v.status, ticker = v.ticker, business_scope = v.business_scope,
      main_products = v.main_products, tags = v.tags, website = v.website, parent_group = v.parent_group, employees = v.employees,
      revenue_band = v.revenue_band, field_sources = v.field_sources, search_names = v.search_names, search_pinyin = v.search_pinyin,
      search_words = ${buildSearchWordsSql(sql`v.name_words`, sql`v.other_words`)}
      from jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as v(${RECORD_COLUMNS})
     where e.id = v.id`);
}

async function generatorOptions(db: Db): Promise<Omit<GenerateEnterprisesOptions, 'count' | 'startIndex'>> {
  const counties = await db.select({ code: regions.code }).from(regions).where(eq(regions.level, 'county')).orderBy(regions.code);
  const codes = counties.map((c) => c.code);
  const xinjiang = codes.filter((c) => c.startsWith('65'));
  const divisions = await db.select({ code: industries.code }).from(industries).where(eq(industries.level, 'division')).orderBy(industries.code);
  return {
    seed: DEMO_ENTERPRISE_SEED,
    regionCodes: [...codes, ...Array.from({ length: XINJIANG_WEIGHT }, () => xinjiang).flat()],
    industryCodes: divisions.map((d) => d.code),
  };
}

export async function hasDemoEnterprises(db: Db, firstCode: string): Promise<boolean> {
  const [row] = await db.select({ id: enterprises.id }).from(enterprises).where(eq(enterprises.creditCode, firstCode)).limit(1);
  return row !== undefined;
}

const SURNAMES = [...'王李张刘陈杨赵黄周吴徐孙马朱胡郭何林高罗'];
const GIVEN = ['伟', '磊', '静', '敏', '强', '军', '洋', '勇', '艳', '杰', '建国', '海燕', '志强', '晓峰', '丽娟', '国栋'];
const TITLES = ['董事长', '总经理', '副总经理', '投资发展部经理', '项目经理', '办公室主任', '财务总监', '西北区域总监'];

/** Three investors typed without a code, each resembling a registered enterprise the way ledgers do. */
function uncodedVariants(source: { name: string }[]): string[] {
  const strip = (n: string) => n.replace(/(股份有限公司|有限责任公司|有限公司)$/, '');
  const out: string[] = [];
  const [a, b, c] = source;
  if (a) out.push(strip(a.name).replace(/^(新疆|乌鲁木齐)/, '')); // the short name: 金泰光伏科技
  if (b) out.push(`${strip(b.name)}（新疆）有限公司`); // a bracketed place added
  if (c) out.push(`${strip(c.name)}发展有限公司`); // a word added
  return out;
}

/**
 * Seeds the demo enterprise database once; returns the counts, or null when it exists already.
 * Run after the demo projects (their investors get profiles) and accounts (contacts' recorders).
 */
export async function seedDemoEnterprises(deps: Deps, options: { count?: number; today?: string } = {}): Promise<DemoEnterpriseCounts | null> {
  const count = options.count ?? DEMO_ENTERPRISE_COUNT;
  const today = options.today ?? todayInShanghai();
  const sourceDate = `${today.slice(0, 7)}-01`;
  const gen = await generatorOptions(deps.db);
  if (gen.regionCodes.length === 0) return null;
  const first = generateEnterprise(0, gen);
  if (await hasDemoEnterprises(deps.db, first.creditCode)) return null;

  return deps.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(20261122)`);
    if (await hasDemoEnterprises(tx, first.creditCode)) return null;

    // 1. the generated enterprises
    const xinjiangSample: GeneratedEnterprise[] = [];
    for (let start = 0; start < count; start += BATCH) {
      const records: EnterpriseRecord[] = [];
      for (let i = start; i < Math.min(count, start + BATCH); i++) {
        const e = i === 0 ? first : generateEnterprise(i, gen);
        if (xinjiangSample.length < 3 && e.regionCode.startsWith('6501') && e.formerNames.length === 0 && e.status === 'existing' && e.name.endsWith('有限公司') && !e.name.includes('分公司')) xinjiangSample.push(e);
        records.push(toRecord(e, sourceDate));
      }
      await insertRecords(tx, records);
    }

    // 2. the demo projects' investors: a profile fitting the industry of their projects and the region of their code
    const investors = await tx
      .selectDistinctOn([enterprises.id], { id: enterprises.id, name: enterprises.name, creditCode: enterprises.creditCode, industryCode: projects.industryCode })
      .from(enterprises)
      .innerJoin(projects, eq(projects.investorId, enterprises.id))
      .where(like(projects.code, 'DEMO-%'))
      .orderBy(enterprises.id, projects.code);
    const known = new Set((await tx.select({ code: regions.code }).from(regions).where(eq(regions.level, 'county'))).map((r) => r.code));
    const rng = createRng(DEMO_ENTERPRISE_SEED);
    const investorRecords = investors.map((inv, i) => {
      const codeRegion = inv.creditCode?.slice(2, 8) ?? '';
      const regionCode = known.has(codeRegion) ? codeRegion : '650109';
      // investors who come to Xinjiang are bigger than the average registry entry (medium and up), some of them top investors
      const top = rng.chance(0.12) ? rng.pick(['世界500强', '中国500强', '中国民营500强', '央企']) : null;
      const sizeAtLeast = top ? 'giant' : rng.chance(0.4) ? 'large' : 'medium';
      const p = generateEnterprise(INVESTOR_INDEX_BASE + i, { ...gen, regionCodes: [regionCode], industryCodes: inv.industryCode ? [inv.industryCode] : gen.industryCodes, sizeAtLeast });
      const tags = [...new Set([...p.tags, ...(top ? [top] : [])])];
      return toRecord({ ...p, name: inv.name, formerNames: [], creditCode: inv.creditCode, industryCode: inv.industryCode ?? p.industryCode, tags, status: 'existing' }, sourceDate, inv.id);
    });
    for (let i = 0; i < investorRecords.length; i += BATCH) await updateProfiles(tx, investorRecords.slice(i, i + BATCH));

    // 3. contacts in the demo counties, recorded by their officers
    const people = await tx.select({ id: users.id, username: users.username }).from(users).where(inArray(users.username, ['officer', 'officer_ts']));
    const recorder = new Map(people.map((p) => [p.username, p.id]));
    const local = await tx
      .selectDistinctOn([projects.investorId], { enterpriseId: projects.investorId, regionCode: projects.regionCode })
      .from(projects)
      .where(sql`${projects.code} like 'DEMO-%' and ${projects.investorId} is not null and ${projects.regionCode} in ('650109', '650102')`)
      .orderBy(projects.investorId, projects.code);
    const chosen = [...local.filter((l) => l.regionCode === '650109').slice(0, 8), ...local.filter((l) => l.regionCode === '650102').slice(0, 4)];
    const contactRows: (typeof enterpriseContacts.$inferInsert)[] = [];
    const contactFor = (enterpriseId: string, regionCode: string, at: Date) => {
      const name = `${rng.pick(SURNAMES)}${rng.pick(GIVEN)}`;
      const mobile = `1${rng.pick(['38', '39', '58', '80', '86'])}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`;
      contactRows.push({
        enterpriseId,
        regionCode,
        name,
        title: rng.pick(TITLES),
        phone: rng.chance(0.8) ? mobile : `0991-${rng.int(3_000_000, 8_999_999)}`,
        email: rng.chance(0.6) ? `${toPinyinKeys(name).full || 'contact'}@example.com` : null,
        notes: rng.chance(0.3) ? `${rng.pick(['亚欧博览会', '招商推介会', '上门拜访'])}时结识，${rng.pick(['对用地条件关注较多', '倾向于园区标准厂房', '需协调能耗指标'])}` : null,
        createdBy: recorder.get(regionCode === '650102' ? 'officer_ts' : 'officer') ?? null,
        createdAt: at,
        updatedAt: at,
      });
    };
    chosen.forEach((c, i) => contactFor(c.enterpriseId as string, c.regionCode, new Date(`${shiftDate(today, -(90 - i * 5))}T03:00:00Z`)));

    // 4. investors typed without a code that resemble registered ones, each with a contact so they concern a county
    const uncodedNames = uncodedVariants(xinjiangSample);
    const uncoded =
      uncodedNames.length > 0
        ? await tx
            .insert(enterprises)
            .values(
              uncodedNames.map((name) => {
                const keys = buildEnterpriseSearchKeys({ name });
                return { name, searchNames: keys.searchNames, searchPinyin: keys.searchPinyin, searchWords: buildSearchWordsSql(keys.nameWords, keys.otherWords) };
              }),
            )
            .returning({ id: enterprises.id })
        : [];
    uncoded.forEach((u, i) => contactFor(u.id, i === 1 ? '650102' : '650109', new Date(`${shiftDate(today, -(20 - i))}T04:00:00Z`)));
    if (contactRows.length > 0) await tx.insert(enterpriseContacts).values(contactRows);
    const flagged = await flagNearDuplicateNames(tx, { enterpriseIds: uncoded.map((u) => u.id) });

    // 5. "already in contact": the demo projects and the contacts above
    await refreshContactRegionCodes(tx);

    const counts: DemoEnterpriseCounts = {
      generated: count,
      investorsProfiled: investorRecords.length,
      contacts: contactRows.length,
      uncoded: uncoded.length,
      duplicateCandidates: flagged.flagged,
    };
    await recordAudit(tx, createSystemCaller('demo-seed'), { action: 'demo.seed.enterprises', objectType: 'demo', regionCode: '650100', after: counts });
    return counts;
  });
}
