/**
 * A locked (approved) month's figures cannot change through any door: a project import (API), a
 * PATCH, a stage change, a new project, or evidence attached to a receipt of the month. Every field
 * an approved return's figures depend on is refused with 409 naming the project, the month and who
 * reopens it; fields the figures do not depend on still change. Both databases.
 *
 *   LF-1 米东区 签约 2026-02-10, 1000万, receipt 2026-02 10万 (in the 2026-03 return through its signing)
 *   LF-2 米东区 在谈, receipt 2026-03 5万 (in the 2026-03 return through its funds)
 *   米东区 2026-03 approved: reopened by the reviewer of 乌鲁木齐市. The importing officer sits in 乌鲁木齐市.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app';
import { DATABASE_KINDS } from '../helpers/databases';

const OWN = '650109';
const SIBLING = '650102';
const LOCKED = '2026-03';
const HEAD = '项目编号,项目名称,地区代码,资金来源,行业代码,阶段,签约额(万元),签约日期,开工日期';
const LF1 = (o: Partial<Record<'region' | 'source' | 'industry' | 'stage' | 'signed' | 'signedOn' | 'startedOn' | 'name', string>> = {}) =>
  ['LF-1', o.name ?? '锁定签约项目', o.region ?? OWN, o.source ?? '区内', o.industry ?? 'C38', o.stage ?? '签约', o.signed ?? '1000', o.signedOn ?? '2026-02-10', o.startedOn ?? ''].join(',');
const LF2 = (o: Partial<Record<'region' | 'source', string>> = {}) => ['LF-2', '锁定资金项目', o.region ?? OWN, o.source ?? '区内', '', '在谈', '', '', ''].join(',');
const csv = (...rows: string[]) => Buffer.from(`${HEAD}\n${rows.join('\n')}\n`);
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex').toString('base64');

describe.each(DATABASE_KINDS)('approved figures stay put on %s', (kind) => {
  let t: TestApp;
  let officer: string;
  let statistician: string;
  const ids: Record<string, string> = {};

  const upload = (body: Buffer, name = 'projects.csv') =>
    t.call('POST', '/api/imports?kind=projects', { cookie: officer, body, headers: { 'content-type': 'text/csv', 'x-file-name': encodeURIComponent(name) } });
  const one = async <T>(statement: ReturnType<typeof sql>): Promise<T> => ((await t.deps.db.execute(statement)) as unknown as { rows: T[] }).rows[0] as T;
  const project = (code: string) => one<{ id: string; region_code: string; source: string; signed_amount_yuan: string; signed_date: string; stage: string; version: number }>(sql`select id, region_code, source, signed_amount_yuan::text, signed_date::text, stage, version from projects where code = ${code}`);
  const expectLocked = (res: Awaited<ReturnType<TestApp['call']>>, code: string, name: string) => {
    expect(res.statusCode, res.body).toBe(409);
    const body = res.json() as { error: { code: string; message: string } };
    expect(body.error.code).toBe('CONFLICT');
    for (const part of [code, name, `米东区 ${LOCKED}`, '上级（乌鲁木齐市）审核员重新开放']) expect(body.error.message).toContain(part);
    return body;
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    await t.createAccount('lf_officer', ['officer'], '650100'); // the prefecture: may move a project between its counties
    await t.createAccount('lf_stat', ['statistician'], OWN);
    officer = await t.login('lf_officer');
    statistician = await t.login('lf_stat');
    expect((await upload(csv(LF1(), LF2()))).statusCode).toBe(200);
    const funds = Buffer.from(`项目编号,月份,金额(万元),备注\nLF-1,2026-02,10,\nLF-2,${LOCKED},5,\nLF-2,2026-04,1,\n`);
    const res = await t.call('POST', '/api/imports?kind=funds', { cookie: officer, body: funds, headers: { 'content-type': 'text/csv', 'x-file-name': 'funds.csv' } });
    expect(res.statusCode, res.body).toBe(200);
    ids.LF1 = (await project('LF-1')).id;
    ids.LF2 = (await project('LF-2')).id;
    await t.deps.db.execute(sql`insert into monthly_returns (region_code, month, state) values (${OWN}, ${LOCKED}, 'approved')`);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses an import that moves a project with funds in the locked month to another region or changes its source', async () => {
    for (const row of [LF2({ region: SIBLING }), LF2({ source: '境外' })]) {
      const res = await upload(csv(LF1(), row), '项目更正.csv');
      const body = expectLocked(res, 'LF-2', '锁定资金项目') as unknown as { rejected: { row: number; column: string }[]; imported: boolean };
      expect(body.imported).toBe(false);
      expect(body.rejected).toHaveLength(1);
      expect(body.rejected[0]).toMatchObject({ row: 3 });
    }
    expect(await project('LF-2')).toMatchObject({ region_code: OWN, source: 'local' });
  });

  it('refuses an import that changes the signing figures of the locked year to date: amount, date, start by the month end, termination, a new signed project', async () => {
    const cases: [Buffer, string, string][] = [
      [csv(LF1({ signed: '2000' }), LF2()), 'LF-1', '签约额'],
      [csv(LF1({ signedOn: '2026-05-10' }), LF2()), 'LF-1', '签约日期'],
      [csv(LF1({ stage: '开工', startedOn: '2026-03-20' }), LF2()), 'LF-1', '开工日期'],
      [csv(LF1({ stage: '终止' }), LF2()), 'LF-1', '阶段'],
      [csv(LF1(), LF2(), ['LF-3', '补录签约项目', OWN, '区内', '', '签约', '300', '2026-03-05', ''].join(',')), 'LF-3', '签约'],
    ];
    for (const [file, code, field] of cases) {
      const res = await upload(file);
      const body = expectLocked(res, code, code === 'LF-3' ? '补录签约项目' : '锁定签约项目');
      expect(body.error.message).toContain(field);
    }
    expect(await project('LF-1')).toMatchObject({ signed_amount_yuan: '10000000', signed_date: '2026-02-10', stage: 'signed' });
    expect(await one<{ n: number }>(sql`select count(*)::int as n from projects where code = 'LF-3'`)).toEqual({ n: 0 });
  });

  it('lets an import change what the figures do not depend on: the name, the industry, a start after the locked month', async () => {
    const res = await upload(csv(LF1({ name: '锁定签约项目（更名）', industry: 'C39', stage: '开工', startedOn: '2026-04-02' }), LF2()));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().counts.projects).toEqual({ created: 0, updated: 1, unchanged: 1 });
  });

  it('applies the same rule to PATCH, the stage change and a new project', async () => {
    const lf1 = await project('LF-1');
    for (const body of [{ signedAmountYuan: 20_000_000 }, { signedDate: '2026-03-31' }, { startedDate: '2026-03-01' }]) {
      expectLocked(await t.call('PATCH', `/api/projects/${ids.LF1}`, { cookie: officer, body: { ...body, version: lf1.version } }), 'LF-1', '锁定签约项目');
    }
    const lf2 = await project('LF-2');
    expectLocked(await t.call('PATCH', `/api/projects/${ids.LF2}`, { cookie: officer, body: { regionCode: SIBLING, version: lf2.version } }), 'LF-2', '锁定资金项目');
    expectLocked(
      await t.call('POST', `/api/projects/${ids.LF1}/stage`, { cookie: officer, body: { to: 'terminated', terminationReason: '投资方撤资', version: lf1.version } }),
      'LF-1',
      '锁定签约项目',
    );
    expectLocked(
      await t.call('POST', '/api/projects', {
        cookie: officer,
        body: { code: 'LF-4', name: '新建签约项目', regionCode: OWN, stage: 'signed', investorName: '某投资方', signedDate: '2026-03-02', signedAmountYuan: 5_000_000 },
      }),
      'LF-4',
      '新建签约项目',
    );
    // a field no approved figure depends on still changes
    const ok = await t.call('PATCH', `/api/projects/${ids.LF1}`, { cookie: officer, body: { description: '补充说明', version: lf1.version } });
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('refuses evidence for a receipt of the locked month and allows it for an open month', async () => {
    const receipts = await t.call('GET', `/api/projects/${ids.LF2}/receipts`, { cookie: statistician });
    const items = (receipts.json() as { items: { id: string; month: string }[] }).items;
    const locked = items.find((r) => r.month === LOCKED);
    const open = items.find((r) => r.month === '2026-04');
    const attach = (fundReceiptId: string | undefined) =>
      t.call('POST', `/api/projects/${ids.LF2}/evidence`, { cookie: statistician, body: { kind: 'bankReceipt', fileName: '回单.png', contentBase64: PNG, fundReceiptId } });
    const refused = await attach(locked?.id);
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json().error.message).toContain(`米东区 ${LOCKED} 的月报已审核通过并锁定`);
    expect((await attach(open?.id)).statusCode).toBe(201);
  });

  it('lets every refused change through once the month is reopened', async () => {
    await t.deps.db.execute(sql`update monthly_returns set state = 'returned' where region_code = ${OWN} and month = ${LOCKED}`);
    const res = await upload(csv(LF1({ signed: '2000', stage: '开工', startedOn: '2026-04-02', industry: 'C39', name: '锁定签约项目（更名）' }), LF2({ region: SIBLING })));
    expect(res.statusCode, res.body).toBe(200);
    expect(await project('LF-2')).toMatchObject({ region_code: SIBLING });
  });
});
