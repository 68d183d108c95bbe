/**
 * 先证后计 decides which receipts the statistics count (only verified ones, only those with
 * evidence), so switching it would change every approved return whose period holds a receipt that
 * one setting counts and the other does not. Such a switch is refused with 409 naming the return,
 * how many of its receipts are concerned and who reopens it; a switch that changes no approved
 * figure goes through. Both databases.
 *
 *   EP-1 米东区: receipts 2025-02 3万 (the year-on-year base of 2026-03), 2026-02 10万, 2026-05 5万, none verified
 *   米东区 2026-03 approved (reopened by the reviewer of 乌鲁木齐市)
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app';
import { DATABASE_KINDS } from '../helpers/databases';

const OWN = '650109';
const LOCKED = '2026-03';

describe.each(DATABASE_KINDS)('the evidence policy cannot move approved figures on %s', (kind) => {
  let t: TestApp;
  let sysadmin: string;

  const policy = (o: { verification?: boolean; evidence?: boolean; stages?: string[] }) => ({
    stagesNeedingEvidence: o.stages ?? [],
    receiptNeedsEvidence: o.evidence ?? false,
    receiptNeedsVerification: o.verification ?? false,
    reason: '调整先证后计',
  });
  const put = (body: ReturnType<typeof policy>) => t.call('PUT', '/api/settings/evidence-policy', { cookie: sysadmin, body });
  const current = async () => (await t.call('GET', '/api/settings/evidence-policy', { cookie: sysadmin })).json() as Record<string, unknown>;
  const verify = (month: string) => t.deps.db.execute(sql`update fund_receipts set verified_at = now() where month = ${month}`);

  beforeAll(async () => {
    t = await createTestApp(kind);
    await t.createAccount('ep_officer', ['officer'], OWN);
    await t.createAccount('ep_sys', ['sysadmin'], '650100');
    const officer = await t.login('ep_officer');
    sysadmin = await t.login('ep_sys');
    const upload = (kindName: string, text: string) =>
      t.call('POST', `/api/imports?kind=${kindName}`, { cookie: officer, body: Buffer.from(text), headers: { 'content-type': 'text/csv', 'x-file-name': `${kindName}.csv` } });
    const projects = await upload('projects', `项目编号,项目名称,地区代码,资金来源,阶段\nEP-1,先证后计测试项目,${OWN},区外,在谈\n`);
    expect(projects.statusCode, projects.body).toBe(200);
    const funds = await upload('funds', '项目编号,月份,金额(万元),备注\nEP-1,2025-02,3,\nEP-1,2026-02,10,\nEP-1,2026-05,5,\n');
    expect(funds.statusCode, funds.body).toBe(200);
    await t.deps.db.execute(sql`insert into monthly_returns (region_code, month, state) values (${OWN}, ${LOCKED}, 'approved')`);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses counting only verified receipts while the approved period (and its year-on-year base) holds unverified ones', async () => {
    const res = await put(policy({ verification: true }));
    expect(res.statusCode, res.body).toBe(409);
    const body = res.json() as { error: { code: string; message: string } };
    expect(body.error.code).toBe('CONFLICT');
    for (const part of [`米东区 ${LOCKED}`, '2 笔', '上级（乌鲁木齐市）审核员重新开放']) expect(body.error.message).toContain(part);
    expect(await current()).toMatchObject({ receiptNeedsVerification: false });
    // the base year's receipt alone still moves the year-on-year figure
    await verify('2026-02');
    const again = await put(policy({ verification: true }));
    expect(again.statusCode, again.body).toBe(409);
    expect((again.json() as { error: { message: string } }).error.message).toContain('1 笔');
  });

  it('lets through what changes no approved figure: stage evidence, and verification once the locked period is verified', async () => {
    const stages = await put(policy({ stages: ['signed'] }));
    expect(stages.statusCode, stages.body).toBe(200);
    await verify('2025-02');
    // the unverified 2026-05 receipt is after the locked month
    const res = await put(policy({ verification: true, stages: ['signed'] }));
    expect(res.statusCode, res.body).toBe(200);
    expect(await current()).toMatchObject({ receiptNeedsVerification: true, stagesNeedingEvidence: ['signed'] });
  });

  it('refuses counting only receipts with evidence while the approved period holds receipts without', async () => {
    const res = await put(policy({ verification: true, evidence: true }));
    expect(res.statusCode, res.body).toBe(409);
    expect((res.json() as { error: { message: string } }).error.message).toContain(`米东区 ${LOCKED}`);
    expect(await current()).toMatchObject({ receiptNeedsEvidence: false });
  });

  it('lets the switch through once the month is reopened', async () => {
    await t.deps.db.execute(sql`update monthly_returns set state = 'returned' where region_code = ${OWN} and month = ${LOCKED}`);
    const res = await put(policy({ verification: true, evidence: true }));
    expect(res.statusCode, res.body).toBe(200);
  });
});
