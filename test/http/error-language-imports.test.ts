/**
 * The language of the API's texts, continued (issue 11, item 11): the enterprise database's errors,
 * a refusal because of an approved (locked) month, an import's row problems — answered at once and
 * read back later from a stored job report — and a schema hint naming its field, each in English
 * with `Accept-Language: en` and in Chinese without it.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimNextImportJob } from '../../src/db/queries/enterprise-imports/import-jobs';
import { executeImportJob } from '../../src/jobs/enterprise-imports/import-jobs';
import { createTestApp, type TestApp } from '../helpers/app';
import { DATABASE_KINDS } from '../helpers/databases';
import { nextNumber, testCreditCode, tradeTag } from '../enterprises/fixtures';

interface ErrorBody {
  error: { code: string; message: string; details?: { field?: string; message: string }[] };
}
interface Rejected {
  sheet: string;
  row: number;
  column: string;
  value: string;
  reason: string;
}

const EN = { 'accept-language': 'en' };
const CJK = /[\u4e00-\u9fff]/;
const OWN = '650109';
const LOCKED = '2026-03';

describe.each(DATABASE_KINDS)('answers enterprise, lock and import problems in the reader’s language on %s', (kind) => {
  let t: TestApp;
  let officer: string;
  const n = nextNumber();
  const A = { code: testCreditCode(n), name: `新疆${tradeTag(n)}语言投资有限公司` };

  const one = async <T>(statement: ReturnType<typeof sql>): Promise<T> => ((await t.deps.db.execute(statement)) as unknown as { rows: T[] }).rows[0] as T;
  const csv = (head: string, rows: string[]) => Buffer.from(`${head}\n${rows.join('\n')}\n`);
  const importCsv = (query: string, body: Buffer, headers: Record<string, string> = {}) =>
    t.call('POST', `/api/imports?${query}`, { cookie: officer, body, headers: { 'content-type': 'text/csv', 'x-file-name': 'lang.csv', ...headers } });

  beforeAll(async () => {
    t = await createTestApp(kind);
    await t.createAccount('lang2_officer', ['officer'], '650100');
    officer = await t.login('lang2_officer');
    const seed = await importCsv('kind=enterprises', csv('统一社会信用代码,企业名称,注册地区代码,数据日期', [`${A.code},${A.name},${OWN},2026-06-30`]));
    expect(seed.statusCode, seed.body).toBe(200);
    const head = '项目编号,项目名称,地区代码,投资方,投资方信用代码,资金来源,阶段,签约额(万元),签约日期';
    const projects = await importCsv('kind=projects', csv(head, [`LANG-1,语言锁定项目,${OWN},${A.name},${A.code},区外,签约,1000,2026-02-10`]));
    expect(projects.statusCode, projects.body).toBe(200);
    await t.deps.db.execute(sql`insert into monthly_returns (region_code, month, state) values (${OWN}, ${LOCKED}, 'approved')`);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers an enterprise service’s errors in English, details included, and in Chinese by default', async () => {
    const missing = '91650109MA0000000X';
    const zh = await t.call('GET', `/api/enterprises/${missing}`, { cookie: officer });
    const en = await t.call('GET', `/api/enterprises/${missing}`, { cookie: officer, headers: EN });
    expect(zh.statusCode).toBe(404);
    expect(en.statusCode).toBe(404);
    expect(zh.json()).toEqual({ error: { code: 'NOT_FOUND', message: `企业“${missing}”不存在` } });
    expect(en.json()).toEqual({ error: { code: 'NOT_FOUND', message: `Enterprise “${missing}” does not exist` } });

    const { version } = await one<{ version: number }>(sql`select version from enterprises where credit_code = ${A.code}`);
    const bad = { website: 'not a site', version };
    const zhBad = (await t.call('PATCH', `/api/enterprises/${A.code}`, { cookie: officer, body: bad })).json<ErrorBody>();
    const enBad = (await t.call('PATCH', `/api/enterprises/${A.code}`, { cookie: officer, body: bad, headers: EN })).json<ErrorBody>();
    expect(zhBad.error).toEqual({ code: 'VALIDATION', message: '网站“not a site”不是有效的网址', details: [{ field: 'website', message: '网站“not a site”不是有效的网址' }] });
    expect(enBad.error).toEqual({
      code: 'VALIDATION',
      message: 'Website “not a site” is not a valid web address',
      details: [{ field: 'website', message: 'Website “not a site” is not a valid web address' }],
    });
  });

  it('explains a refusal because of an approved, locked month in English', async () => {
    const { version } = await one<{ version: number }>(sql`select version from enterprises where credit_code = ${A.code}`);
    const body = { tags: ['央企'], version };
    const en = await t.call('PATCH', `/api/enterprises/${A.code}`, { cookie: officer, body, headers: EN });
    expect(en.statusCode, en.body).toBe(409);
    const refused = en.json<ErrorBody>().error;
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toBe(
      `Enterprise “${A.name}” (${A.code}) is the investor of project LANG-1 “语言锁定项目”, whose signing counts in the approved and locked ${LOCKED} return of 米东区; ` +
        'this change would make it count among “Top 500 and central state-owned enterprise investments”, changing approved figures, so it cannot be saved; ' +
        `to correct it, the reviewer of the level above (乌鲁木齐市) must reopen the ${LOCKED} return of 米东区`,
    );
    expect(refused.details).toEqual([{ field: 'tags', message: `米东区 ${LOCKED} is locked` }]);
    const zh = (await t.call('PATCH', `/api/enterprises/${A.code}`, { cookie: officer, body })).json<ErrorBody>().error;
    expect(zh.message).toContain(`如需更正请由上级（乌鲁木齐市）审核员重新开放米东区 ${LOCKED} 的月报`);
    expect(zh.details).toEqual([{ field: 'tags', message: `米东区 ${LOCKED} 已锁定` }]);
  });

  it('answers an import’s row problems in the request’s language, the summary too', async () => {
    const file = csv('项目编号,项目名称,地区代码,资金来源,阶段,签约日期', ['LANG-2,语言问题项目,6501,区外,已签约,2024-02-30']);
    const zh = await importCsv('kind=projects', file);
    const en = await importCsv('kind=projects', file, EN);
    expect(zh.statusCode).toBe(422);
    expect(en.statusCode).toBe(422);
    const zhBody = zh.json<{ rejected: Rejected[]; error: { message: string } }>();
    const enBody = en.json<{ rejected: Rejected[]; error: { message: string } }>();
    expect(zhBody.error.message).toBe('文件“lang.csv”有 3 个问题，未导入任何数据');
    expect(enBody.error.message).toBe('File “lang.csv” has 3 problems; nothing was imported');
    expect(zhBody.rejected.map((p) => p.reason)).toEqual(['地区代码“6501”应为 6 位或 9 位数字（行政区划代码）', '阶段“已签约”无效，应为 线索、在谈、签约、开工、投产 或 终止', '日期“2024-02-30”不存在']);
    expect(enBody.rejected).toEqual([
      { sheet: '项目', row: 2, column: '地区代码', value: '6501', reason: 'Region code “6501” must have 6 or 9 digits (an administrative division code)' },
      { sheet: '项目', row: 2, column: '阶段', value: '已签约', reason: 'Stage “已签约” is not valid; use 线索、在谈、签约、开工、投产 或 终止' },
      { sheet: '项目', row: 2, column: '签约日期', value: '2024-02-30', reason: 'Date “2024-02-30” does not exist' },
    ]);
  });

  it('reads a stored import report back in English, and the same report in Chinese as stored', async () => {
    const file = csv('统一社会信用代码,企业名称,注册地区代码,数据日期', [`${testCreditCode(n + 1)},新疆语言报告有限公司,659999,2026-06-30`, `${testCreditCode(n + 2)},新疆语言报告二有限公司,${OWN},2026-13-01`]);
    const upload = await t.call('POST', `/api/import-jobs?fileName=${encodeURIComponent('语言报告.csv')}`, { cookie: officer, body: file, headers: { 'content-type': 'application/octet-stream' } });
    expect(upload.statusCode, upload.body).toBe(202);
    const job = await claimNextImportJob(t.deps.db, 'enterprises', 'test-worker');
    if (!job) throw new Error('no queued job');
    const done = await executeImportJob(t.database, job, { worker: 'test-worker', keyThreads: 0 });
    expect(done?.status).toBe('failed');

    type JobJson = { status: string; error: string | null; result: { rejected: Rejected[] } | null };
    const zh = (await t.call('GET', `/api/import-jobs/${job.id}`, { cookie: officer })).json<JobJson>();
    const en = (await t.call('GET', `/api/import-jobs/${job.id}`, { cookie: officer, headers: EN })).json<JobJson>();
    expect(zh.error).toBe('文件“语言报告.csv”有 2 个问题，未导入任何数据');
    expect(en.error).toBe('File “语言报告.csv” has 2 problems; nothing was imported');
    expect(zh.result?.rejected).toEqual([
      { sheet: '企业', row: 2, column: '注册地区代码', value: '659999', reason: '注册地区代码“659999”不存在（不在行政区划或园区列表中）' },
      { sheet: '企业', row: 3, column: '数据日期', value: '2026-13-01', reason: '日期“2026-13-01”不存在' },
    ]);
    expect(en.result?.rejected).toEqual([
      { sheet: '企业', row: 2, column: '注册地区代码', value: '659999', reason: 'Registered region code “659999” does not exist (not among the administrative divisions or parks)' },
      { sheet: '企业', row: 3, column: '数据日期', value: '2026-13-01', reason: 'Date “2026-13-01” does not exist' },
    ]);
    const list = (await t.call('GET', '/api/import-jobs', { cookie: officer, headers: EN })).json<{ items: (JobJson & { id: string })[] }>();
    expect(list.items.find((j) => j.id === job.id)?.error).toBe(en.error); // the list leaves the rows out

    // a report stored before the messages were kept (no rejectedText) reads as stored, in Chinese, in either language
    await t.deps.db.execute(sql`update import_jobs set result = result - 'rejectedText' - 'errorText' where id = ${job.id}`);
    const old = (await t.call('GET', `/api/import-jobs/${job.id}`, { cookie: officer, headers: EN })).json<JobJson>();
    expect(old.result?.rejected).toEqual(zh.result?.rejected);
    expect(old.error).toBe(zh.error);
  });

  it('names the field of a schema hint in English as in Chinese', async () => {
    const body = { creditCode: testCreditCode(n + 3), name: '新' };
    const zh = (await t.call('POST', '/api/enterprises', { cookie: officer, body })).json<ErrorBody>();
    const en = (await t.call('POST', '/api/enterprises', { cookie: officer, body, headers: EN })).json<ErrorBody>();
    expect(zh.error).toEqual({ code: 'VALIDATION', message: '请求体有误：name：企业名称至少 2 个字符', details: [{ field: 'name', message: '企业名称至少 2 个字符' }] });
    expect(en.error).toEqual({
      code: 'VALIDATION',
      message: 'Request body invalid: name: An enterprise name has at least 2 characters',
      details: [{ field: 'name', message: 'An enterprise name has at least 2 characters' }],
    });
    for (const d of en.error.details ?? []) expect(d.message).not.toMatch(CJK);
  });
});
