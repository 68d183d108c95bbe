/**
 * An approved return counts the projects signed in its year to date whose investor is a top
 * investor (世界500强, 中国500强, 中国民营500强, 央企: DESIGN.md). An enterprise's tags therefore move
 * that figure, through every door that changes them: PATCH, the workbook import (企业 sheet), a
 * background import job, and a duplicate merge (the uncoded investor's projects move to the coded
 * enterprise). Each is refused when it would make an investor of a project signed in a locked
 * period start or stop counting, naming the enterprise, the project, the month and who reopens it;
 * other tags, and investors of projects outside the locked period, still change. Both databases.
 *
 *   LT-1 米东区 签约 2026-02-10, investor A (coded, no tags): counted in 米东区 2026-03 (approved)
 *   LT-2 米东区 签约 2026-05-10, investor B (coded, no tags): after the locked month
 *   LT-3 米东区 签约 2026-03-01, investor typed without a code, a near twin of C (coded, 央企)
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimNextImportJob } from '../../src/db/queries/enterprise-imports/import-jobs';
import { selectPendingCandidatesOf } from '../../src/db/queries/enterprises/enterprise-duplicates';
import { executeImportJob } from '../../src/jobs/enterprise-imports/import-jobs';
import { createTestApp, type TestApp } from '../helpers/app';
import { DATABASE_KINDS } from '../helpers/databases';
import { nextNumber, testCreditCode, tradeTag } from '../enterprises/fixtures';

const OWN = '650109';
const LOCKED = '2026-03';
const REOPENER = '上级（乌鲁木齐市）审核员重新开放';

describe.each(DATABASE_KINDS)('an investor’s tags cannot move an approved month’s top-investor count on %s', (kind) => {
  let t: TestApp;
  let officer: string;
  const n = nextNumber();
  const A = { code: testCreditCode(n), name: `新疆${tradeTag(n)}锁定投资有限公司` };
  const B = { code: testCreditCode(n + 1), name: `新疆${tradeTag(n + 1)}后来投资有限公司` };
  const C = { code: testCreditCode(n + 2), name: `新疆${tradeTag(n + 2)}央企能源有限公司` };
  const uncodedC = `${tradeTag(n + 2)}央企能源`;

  const one = async <T>(statement: ReturnType<typeof sql>): Promise<T> => ((await t.deps.db.execute(statement)) as unknown as { rows: T[] }).rows[0] as T;
  const tagsOf = async (code: string) => (await one<{ tags: string[] }>(sql`select tags from enterprises where credit_code = ${code}`)).tags;
  const enterpriseFile = (rows: [string, string, string][]) =>
    Buffer.from(`统一社会信用代码,企业名称,注册地区代码,标签,数据日期\n${rows.map(([code, name, tags]) => `${code},${name},${OWN},${tags},2026-06-30`).join('\n')}\n`);
  const importWorkbook = (body: Buffer) =>
    t.call('POST', '/api/imports?kind=enterprises', { cookie: officer, body, headers: { 'content-type': 'text/csv', 'x-file-name': encodeURIComponent('名录更新.csv') } });
  const expectNamed = (message: string, enterprise: string, project: string) => {
    for (const part of [enterprise, project, `米东区 ${LOCKED}`, REOPENER]) expect(message).toContain(part);
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    await t.createAccount('lt_officer', ['officer'], '650100');
    officer = await t.login('lt_officer');
    const seed = await importWorkbook(enterpriseFile([[A.code, A.name, ''], [B.code, B.name, ''], [C.code, C.name, '央企']]));
    expect(seed.statusCode, seed.body).toBe(200);
    const head = '项目编号,项目名称,地区代码,投资方,投资方信用代码,资金来源,阶段,签约额(万元),签约日期';
    const projects = [
      `LT-1,锁定期签约项目,${OWN},${A.name},${A.code},区外,签约,1000,2026-02-10`,
      `LT-2,锁定期后签约项目,${OWN},${B.name},${B.code},区外,签约,800,2026-05-10`,
      `LT-3,待合并投资方项目,${OWN},${uncodedC},,区外,签约,600,2026-03-01`,
    ];
    const res = await t.call('POST', '/api/imports?kind=projects', {
      cookie: officer,
      body: Buffer.from(`${head}\n${projects.join('\n')}\n`),
      headers: { 'content-type': 'text/csv', 'x-file-name': 'projects.csv' },
    });
    expect(res.statusCode, res.body).toBe(200);
    await t.deps.db.execute(sql`insert into monthly_returns (region_code, month, state) values (${OWN}, ${LOCKED}, 'approved')`);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses a workbook import giving the investor of a locked signing a top-investor tag, naming row, enterprise, project, month and reopener', async () => {
    const res = await importWorkbook(enterpriseFile([[B.code, B.name, '中国500强'], [A.code, A.name, '世界500强;高新技术']]));
    expect(res.statusCode, res.body).toBe(409);
    const body = res.json() as { imported: boolean; rejected: { row: number; column: string; value: string; reason: string }[] };
    expect(body.imported).toBe(false);
    expect(body.rejected).toHaveLength(1);
    expect(body.rejected[0]).toMatchObject({ row: 3, column: '标签' });
    expect(body.rejected[0]?.value).toContain('世界500强');
    expectNamed(body.rejected[0]?.reason ?? '', A.name, 'LT-1');
    // nothing of the file was written, B's tag included
    expect(await tagsOf(A.code)).toEqual([]);
    expect(await tagsOf(B.code)).toEqual([]);
  });

  it('lets tags through that the figures do not depend on: other tags, and investors of projects signed after the locked month', async () => {
    const res = await importWorkbook(enterpriseFile([[A.code, A.name, '高新技术'], [B.code, B.name, '中国500强']]));
    expect(res.statusCode, res.body).toBe(200);
    expect(await tagsOf(A.code)).toEqual(['高新技术']);
    expect(await tagsOf(B.code)).toEqual(['中国500强']);
  });

  it('refuses the same change through PATCH with 409', async () => {
    const { version } = await one<{ version: number }>(sql`select version from enterprises where credit_code = ${A.code}`);
    const res = await t.call('PATCH', `/api/enterprises/${A.code}`, { cookie: officer, body: { tags: ['高新技术', '央企'], version } });
    expect(res.statusCode, res.body).toBe(409);
    const body = res.json() as { error: { code: string; message: string } };
    expect(body.error.code).toBe('CONFLICT');
    expectNamed(body.error.message, A.name, 'LT-1');
    expect(body.error.message).toContain('计入');
    expect(await tagsOf(A.code)).toEqual(['高新技术']);
  });

  it('refuses it in a background import job: the job fails with the row’s reason and imports nothing', async () => {
    const upload = await t.call('POST', `/api/import-jobs?fileName=${encodeURIComponent('年度榜单.csv')}`, {
      cookie: officer,
      body: enterpriseFile([[A.code, A.name, '中国民营500强']]),
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect(upload.statusCode, upload.body).toBe(202);
    const job = await claimNextImportJob(t.deps.db, 'enterprises', 'test-worker');
    if (!job) throw new Error('no queued job');
    const done = await executeImportJob(t.database, job, { worker: 'test-worker', keyThreads: 0 });
    expect(done?.status).toBe('failed');
    const result = done?.result as { imported: boolean; rejected: { row: number; column: string; reason: string }[] };
    expect(result.imported).toBe(false);
    expect(result.rejected[0]).toMatchObject({ row: 2, column: '标签' });
    expectNamed(result.rejected[0]?.reason ?? '', A.name, 'LT-1');
    expect(await tagsOf(A.code)).toEqual(['高新技术']);
  });

  it('refuses a duplicate merge that would move a locked signing to a top investor', async () => {
    const investor = await one<{ investor_id: string }>(sql`select investor_id from projects where code = 'LT-3'`);
    const coded = await one<{ id: string }>(sql`select id from enterprises where credit_code = ${C.code}`);
    const pair = (await selectPendingCandidatesOf(t.deps.db, coded.id)).find((c) => c.candidate.enterpriseId === investor.investor_id);
    expect(pair, 'the uncoded investor is flagged against C').toBeDefined();
    const res = await t.call('POST', `/api/enterprise-duplicates/${pair?.candidate.id}/merge`, { cookie: officer, body: { reason: '同一家企业' } });
    expect(res.statusCode, res.body).toBe(409);
    expectNamed((res.json() as { error: { message: string } }).error.message, uncodedC, 'LT-3');
    expect(await one<{ investor_id: string }>(sql`select investor_id from projects where code = 'LT-3'`)).toEqual(investor);
  });

  it('lets every refused change through once the month is reopened', async () => {
    await t.deps.db.execute(sql`update monthly_returns set state = 'returned' where region_code = ${OWN} and month = ${LOCKED}`);
    const res = await importWorkbook(enterpriseFile([[A.code, A.name, '世界500强']]));
    expect(res.statusCode, res.body).toBe(200);
    expect(await tagsOf(A.code)).toEqual(['世界500强']);
  });
});
