/** Near-duplicate names: flagged when an uncoded investor appears, listed by scope, merged or dismissed. */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flagNearDuplicateNames } from '../../src/db/queries/enterprises/enterprise-duplicates';
import { auditLog, enterpriseDuplicateCandidates, enterpriseFieldChanges, enterpriseListMembers, enterpriseLists, enterprises, projects } from '../../src/db/schema/index';
import { createTestApp, type TestApp } from '../helpers/app';
import { DATABASE_KINDS } from '../helpers/databases';
import { tradeTag, duplicatePair, nextNumber, projectWithInvestor, testContact, testCreditCode, testEnterprise } from './fixtures';

interface Candidate {
  id: string;
  reason: string;
  similarity: number;
  uncoded: { id: string; name: string; projectCount: number };
  coded: { id: string; name: string; creditCode: string };
}

describe.each(DATABASE_KINDS)('near-duplicate enterprises on %s', (kind) => {
  let t: TestApp;
  let officer: string;
  let officerId: string;
  let sibling: string;
  let analyst: string;
  let leader: string;
  beforeAll(async () => {
    t = await createTestApp(kind);
    officerId = await t.createAccount('dup_officer', ['officer'], '650109');
    await t.createAccount('dup_sibling', ['officer'], '650102');
    await t.createAccount('dup_analyst', ['analyst'], '650100');
    await t.createAccount('dup_leader', ['leader'], '650100');
    officer = await t.login('dup_officer');
    sibling = await t.login('dup_sibling');
    analyst = await t.login('dup_analyst');
    leader = await t.login('dup_leader');
  });
  afterAll(() => t.close());

  const candidatesOf = async (uncodedId: string) =>
    t.deps.db.select().from(enterpriseDuplicateCandidates).where(eq(enterpriseDuplicateCandidates.enterpriseId, uncodedId));

  it('flags an uncoded investor against coded enterprises by normalised name: same, contained, similar — and not a different business', async () => {
    const tag = tradeTag(nextNumber());
    const same = await testEnterprise(t.deps, { name: `新疆${tag}光伏科技股份有限公司` });
    const longer = await testEnterprise(t.deps, { name: `乌鲁木齐${tag}光伏科技发展有限公司` });
    const similar = await testEnterprise(t.deps, { name: `${tag}光伏科学有限公司` });
    const other = await testEnterprise(t.deps, { name: `${tag}光电科技有限公司` });
    const p = await projectWithInvestor(t.deps, '650109', `${tag}光伏科技有限公司`);
    const flagged = await candidatesOf(p.investorId as string);
    const byCandidate = new Map(flagged.map((c) => [c.candidateId, c]));
    expect(byCandidate.get(same.id)).toMatchObject({ reason: 'sameName', similarity: 1, status: 'pending' });
    expect(byCandidate.get(longer.id)?.reason).toBe('containedName');
    // pg_trgm similarity of …光伏科技 / …光伏科学 is 0.64, of …光伏科技 / …光电科技 0.5 (below 0.6)
    expect(byCandidate.get(similar.id)).toMatchObject({ reason: 'similarName' });
    expect(byCandidate.get(similar.id)?.similarity).toBeCloseTo(0.636, 2);
    expect(byCandidate.has(other.id)).toBe(false);
    // the same investor named again, or a full run, adds nothing
    await projectWithInvestor(t.deps, '650109', `${tag}光伏科技有限公司`);
    const again = await flagNearDuplicateNames(t.deps.db);
    expect(again.checked).toBeGreaterThan(0);
    expect(await candidatesOf(p.investorId as string)).toHaveLength(flagged.length);
  });

  it('flags an uncoded investor against a coded enterprise created later, by hand or found by a full run', async () => {
    const tag = tradeTag(nextNumber());
    const p = await projectWithInvestor(t.deps, '650109', `${tag}新材料科技`);
    expect(await candidatesOf(p.investorId as string)).toHaveLength(0);
    const coded = await testEnterprise(t.deps, { name: `${tag}新材料科技股份有限公司` });
    expect((await candidatesOf(p.investorId as string)).map((c) => [c.candidateId, c.reason])).toEqual([[coded.id, 'sameName']]);
    // the same pair found by a full run (as after an import) is not recorded twice
    const tag2 = tradeTag(nextNumber());
    const p2 = await projectWithInvestor(t.deps, '650109', `${tag2}新材料科技`);
    const [row] = await t.deps.db.insert(enterprises).values({ name: `${tag2}新材料科技有限公司`, creditCode: testCreditCode(nextNumber()), searchNames: `${tag2}新材料科技有限公司` }).returning();
    expect(await candidatesOf(p2.investorId as string)).toHaveLength(0);
    const run = await flagNearDuplicateNames(t.deps.db);
    expect(run.flagged).toBe(1);
    expect((await candidatesOf(p2.investorId as string)).map((c) => c.candidateId)).toEqual([row!.id]);
    expect((await flagNearDuplicateNames(t.deps.db)).flagged).toBe(0);
    expect(await candidatesOf(p.investorId as string)).toHaveLength(1);
  });

  it('re-examines an enterprise renamed by hand', async () => {
    const tag = tradeTag(nextNumber());
    const coded = await testEnterprise(t.deps, { name: `${tag}水泥制品有限公司` });
    const p = await projectWithInvestor(t.deps, '650109', `${tradeTag(nextNumber())}建材`);
    expect(await candidatesOf(p.investorId as string)).toHaveLength(0);
    const res = await t.call('PATCH', `/api/enterprises/${p.investorId}`, { cookie: officer, body: { name: `${tag}水泥制品`, version: 1 } });
    expect(res.statusCode, res.body).toBe(200);
    expect((await candidatesOf(p.investorId as string)).map((c) => c.candidateId)).toEqual([coded.id]);
  });

  it('lists pending pairs that concern the caller scope; others see 404 on merge and dismiss', async () => {
    const own = await duplicatePair(t.deps, '650109');
    const theirs = await duplicatePair(t.deps, '650102');
    const list = async (cookie: string) => ((await t.call('GET', '/api/enterprise-duplicates?pageSize=200', { cookie })).json() as { items: Candidate[] }).items.map((c) => c.id);
    expect(await list(officer)).toContain(own.candidateId);
    expect(await list(officer)).not.toContain(theirs.candidateId);
    expect(await list(sibling)).toContain(theirs.candidateId);
    const prefecture = await list(analyst);
    expect(prefecture).toEqual(expect.arrayContaining([own.candidateId, theirs.candidateId]));
    expect((await t.call('POST', `/api/enterprise-duplicates/${theirs.candidateId}/merge`, { cookie: officer, body: {} })).statusCode).toBe(404);
    expect((await t.call('POST', `/api/enterprise-duplicates/${theirs.candidateId}/dismiss`, { cookie: officer, body: {} })).statusCode).toBe(404);
    expect((await t.call('GET', '/api/enterprise-duplicates', { cookie: leader })).statusCode).toBe(403);
    const item = ((await t.call('GET', '/api/enterprise-duplicates?pageSize=200', { cookie: officer })).json() as { items: Candidate[] }).items.find((c) => c.id === own.candidateId);
    expect(item).toMatchObject({ reason: 'sameName', uncoded: { id: own.uncodedId, projectCount: 1 }, coded: { id: own.coded.id, creditCode: own.coded.creditCode } });
    // the enterprise page shows the pending pair on both sides
    const page = (await t.call('GET', `/api/enterprises/${own.coded.key}`, { cookie: officer })).json() as { duplicateCandidates: { id: string; otherId: string }[] };
    expect(page.duplicateCandidates).toEqual([expect.objectContaining({ id: own.candidateId, otherId: own.uncodedId })]);
  });

  it('merges: projects, contacts and list members move, the old name becomes a former name with history, the uncoded row goes', async () => {
    const pair = await duplicatePair(t.deps, '650109');
    const second = await projectWithInvestor(t.deps, '650102', (await t.deps.db.select().from(enterprises).where(eq(enterprises.id, pair.uncodedId)))[0]!.name);
    expect(second.investorId).toBe(pair.uncodedId);
    const contact = await testContact(t.deps, pair.uncodedId, '650109');
    const [list] = await t.deps.db.insert(enterpriseLists).values({ name: '合并测试名单', ownerId: officerId, regionCode: '650109' }).returning();
    await t.deps.db.insert(enterpriseListMembers).values([{ listId: list!.id, enterpriseId: pair.uncodedId, note: '重点' }]);
    const uncodedName = (await t.deps.db.select().from(enterprises).where(eq(enterprises.id, pair.uncodedId)))[0]!.name;

    const res = await t.call('POST', `/api/enterprise-duplicates/${pair.candidateId}/merge`, { cookie: officer, body: { reason: '同一家企业' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ enterpriseId: pair.coded.id, movedProjects: 2, movedContacts: 1, movedListMemberships: 1 });

    expect(await t.deps.db.select().from(enterprises).where(eq(enterprises.id, pair.uncodedId))).toEqual([]);
    const moved = await t.deps.db.select({ investorId: projects.investorId }).from(projects).where(eq(projects.id, second.id));
    expect(moved[0]?.investorId).toBe(pair.coded.id);
    const [coded] = await t.deps.db.select().from(enterprises).where(eq(enterprises.id, pair.coded.id));
    expect(coded?.formerNames).toContain(uncodedName);
    expect(coded?.searchNames).toContain(uncodedName);
    expect(coded?.contactRegionCodes).toEqual(['650102', '650109']);
    expect(coded?.fieldSources.formerNames?.source).toBe('合并重复企业');
    const history = await t.deps.db.select().from(enterpriseFieldChanges).where(and(eq(enterpriseFieldChanges.enterpriseId, pair.coded.id), eq(enterpriseFieldChanges.field, 'formerNames')));
    expect(history).toHaveLength(1);
    expect(history[0]?.newValue).toEqual([uncodedName]);
    const members = await t.deps.db.select().from(enterpriseListMembers).where(eq(enterpriseListMembers.listId, list!.id));
    expect(members).toEqual([expect.objectContaining({ enterpriseId: pair.coded.id, note: '重点' })]);
    const page = (await t.call('GET', `/api/enterprises/${pair.coded.key}`, { cookie: officer })).json() as { contacts: { id: string }[]; projects: { id: string }[] };
    expect(page.contacts.map((c) => c.id)).toEqual([contact.id]);
    const [audit] = await t.deps.db.select().from(auditLog).where(and(eq(auditLog.action, 'enterprise.merge'), eq(auditLog.objectId, pair.coded.id)));
    expect(audit?.reason).toBe('同一家企业');
    expect(audit?.before).toMatchObject({ merged: { id: pair.uncodedId, name: uncodedName } });
    expect(audit?.after).toMatchObject({ movedProjectIds: expect.arrayContaining([second.id, pair.project.id]), movedContactIds: [contact.id] });
    // the pair is gone with the uncoded row: merging again is 404
    expect((await t.call('POST', `/api/enterprise-duplicates/${pair.candidateId}/merge`, { cookie: officer, body: {} })).statusCode).toBe(404);
  });

  it('dismisses for good: the pair is not listed and a new run does not flag it again', async () => {
    const pair = await duplicatePair(t.deps, '650109');
    const res = await t.call('POST', `/api/enterprise-duplicates/${pair.candidateId}/dismiss`, { cookie: officer, body: { reason: '不是同一家' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: pair.candidateId, status: 'dismissed' });
    const items = ((await t.call('GET', '/api/enterprise-duplicates?pageSize=200', { cookie: officer })).json() as { items: Candidate[] }).items;
    expect(items.map((c) => c.id)).not.toContain(pair.candidateId);
    await flagNearDuplicateNames(t.deps.db, { enterpriseIds: [pair.uncodedId] });
    const rows = await candidatesOf(pair.uncodedId);
    expect(rows.filter((r) => r.candidateId === pair.coded.id).map((r) => r.status)).toEqual(['dismissed']);
    expect((await t.call('POST', `/api/enterprise-duplicates/${pair.candidateId}/merge`, { cookie: officer, body: {} })).statusCode).toBe(409);
    const [audit] = await t.deps.db.select().from(auditLog).where(and(eq(auditLog.action, 'enterprise.duplicate.dismiss'), eq(auditLog.objectId, pair.uncodedId)));
    expect(audit?.reason).toBe('不是同一家');
  });
});
