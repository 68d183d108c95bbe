/**
 * A zip bomb whose headers lie consistently (a sheet declared 512 KiB that inflates to 256 MiB) on
 * every way in (issue 10, item 4), on both databases: the import API (and its dry run), the
 * enterprise import job (upload, and a queued job whose file was swapped afterwards, so the job's
 * own reader must stop it), evidence upload (a docx bomb), and bin/yinfeng import. Each answers
 * 422 / fails naming the limit, the server keeps answering /api/health meanwhile, and the test
 * process's RSS grows far less than the bomb.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimNextImportJob } from '../../src/db/queries/enterprise-imports/import-jobs';
import { executeImportJob } from '../../src/jobs/enterprise-imports/import-jobs';
import { cleanEnv, runCli } from '../cli/processes';
import { createTestApp, type TestApp } from '../helpers/app';
import { DATABASE_KINDS } from '../helpers/databases';
import { bombEntry, honestEntry, makeRawZip, measurePeakRssGrowth, withEntries } from '../imports/bomb-fixtures';
import { makeXlsx } from '../imports/fixtures';

const MiB = 1024 * 1024;
const SHEET = 'xl/worksheets/sheet1.xml';
const BOMB_MESSAGE = '中的条目“xl/worksheets/sheet1.xml”解压后超过其声明的大小 512 KiB（压缩包声明的大小即解压上限），疑似压缩炸弹，已停止解压并拒绝';

async function bombWorkbook(sheet: '项目' | '企业'): Promise<Buffer> {
  const head = sheet === '项目' ? ['项目编号', '项目名称', '地区代码', '资金来源', '阶段'] : ['统一社会信用代码', '企业名称', '注册地区代码'];
  const xlsx = await makeXlsx([{ name: sheet, rows: [head] }]);
  return withEntries(xlsx, [bombEntry(SHEET, 256 * MiB, 512 * 1024)]);
}

/** A docx-shaped ZIP whose document part is the bomb. */
function bombDocx(): Buffer {
  return makeRawZip([
    honestEntry('[Content_Types].xml', '<?xml version="1.0"?><Types/>'),
    bombEntry('word/document.xml', 256 * MiB, 512 * 1024),
  ]);
}

describe.each(DATABASE_KINDS)('zip bombs with lying headers on %s', (kind) => {
  let t: TestApp;
  let dir: string;
  let cookie: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yinfeng-bomb-paths-'));
    t = await createTestApp(kind, { YINFENG_DATA_DIR: dir });
    await t.createAccount('bomb_officer', ['officer', 'statistician'], '650109');
    cookie = await t.login('bomb_officer');
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Sends `request` and, while it runs, /api/health, which must answer 200. */
  async function withHealth<T>(request: () => Promise<T>): Promise<T> {
    const [res, health] = await Promise.all([request(), t.call('GET', '/api/health')]);
    expect(health.statusCode).toBe(200);
    return res;
  }

  it('POST /api/imports and its dry run answer 422 naming the limit, holding little memory', async () => {
    const bomb = await bombWorkbook('项目');
    for (const query of ['?dryRun=true', '']) {
      const { result: res, growthMiB } = await measurePeakRssGrowth(() =>
        withHealth(() =>
          t.call('POST', `/api/imports${query}`, {
            cookie,
            body: bomb,
            headers: { 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent('炸弹.xlsx') },
          }),
        ),
      );
      expect(res.statusCode).toBe(422);
      const body = res.json() as { error: { code: string; message: string } };
      expect(body.error.code).toBe('LIMIT_EXCEEDED');
      expect(body.error.message).toBe(`文件“炸弹.xlsx”${BOMB_MESSAGE}导入`);
      expect(growthMiB).toBeLessThan(64);
    }
  });

  it('an enterprise import job upload is refused with 422 before it is queued; nothing is left on disk', async () => {
    const body = await bombWorkbook('企业');
    const bomb = await withHealth(() =>
      t.call('POST', `/api/import-jobs?fileName=${encodeURIComponent('企业炸弹.xlsx')}`, { cookie, body, headers: { 'content-type': 'application/octet-stream' } }),
    );
    expect(bomb.statusCode).toBe(422);
    expect((bomb.json() as { error: { message: string } }).error.message).toBe(`文件“企业炸弹.xlsx”${BOMB_MESSAGE}导入`);
    const filesDir = path.join(dir, 'imports');
    expect(fs.existsSync(filesDir) ? fs.readdirSync(filesDir) : []).toEqual([]);
  });

  it('the background job stops the bomb itself when its file was swapped after the upload checks', async () => {
    const importer = cookie;
    const good = await makeXlsx([{ name: '企业', rows: [['统一社会信用代码', '企业名称', '注册地区代码']] }]);
    const queued = await t.call('POST', `/api/import-jobs?fileName=${encodeURIComponent('企业.xlsx')}`, {
      cookie: importer,
      body: good,
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect(queued.statusCode).toBe(202);
    const job = await claimNextImportJob(t.deps.db, 'enterprises', 'test-worker');
    if (!job) throw new Error('no queued job');
    fs.writeFileSync(job.filePath, await bombWorkbook('企业'));
    const { result: done, growthMiB } = await measurePeakRssGrowth(() => executeImportJob(t.database, job, { worker: 'test-worker', keyThreads: 1 }));
    expect(done).toBeTruthy();
    const after = (await t.call('GET', `/api/import-jobs/${job.id}`, { cookie: importer })).json() as { status: string; error: string | null };
    expect(after.status).toBe('failed');
    expect(after.error).toBe(`文件“企业.xlsx”${BOMB_MESSAGE}导入`);
    expect(growthMiB).toBeLessThan(64);
  });

  it('evidence upload of a docx bomb answers 422 naming the limit; an honest docx is stored as a Word document', async () => {
    const project = await t.call('POST', '/api/projects', { cookie, body: { code: `BOMB-${kind}`, name: '防炸弹项目', regionCode: '650109', source: 'local', stage: 'lead' } });
    expect(project.statusCode).toBe(201);
    const id = (project.json() as { id: string }).id;
    const upload = (content: Buffer, fileName: string) =>
      t.call('POST', `/api/projects/${id}/evidence`, { cookie, body: { kind: 'contract', fileName, contentBase64: content.toString('base64') } });
    const { result: res, growthMiB } = await measurePeakRssGrowth(() => withHealth(() => upload(bombDocx(), '合同.docx')));
    expect(res.statusCode).toBe(422);
    const body = res.json() as { error: { code: string; message: string } };
    expect(body.error.code).toBe('LIMIT_EXCEEDED');
    expect(body.error.message).toBe('文件“合同.docx”中的条目“word/document.xml”解压后超过其声明的大小 512 KiB（压缩包声明的大小即解压上限），疑似压缩炸弹，已停止解压并拒绝上传');
    expect(growthMiB).toBeLessThan(64);
    const honest = makeRawZip([honestEntry('[Content_Types].xml', '<?xml version="1.0"?><Types/>'), honestEntry('word/document.xml', '<w:document/>')]);
    const ok = await upload(honest, '合同.docx');
    expect(ok.statusCode).toBe(201);
    expect((ok.json() as { mimeType: string }).mimeType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const notOffice = await upload(makeRawZip([honestEntry('a.txt', 'x')]), '压缩包.zip');
    expect(notOffice.statusCode).toBe(400);
  });

  it.runIf(kind === 'pglite')('bin/yinfeng import refuses the bomb with the same message and a non-zero exit', async () => {
    const file = path.join(dir, '炸弹.xlsx');
    fs.writeFileSync(file, await bombWorkbook('项目'));
    const res = await runCli(['import', file, '--dry-run'], cleanEnv({ YINFENG_DATA_DIR: path.join(dir, 'cli-data') }), 120_000);
    expect(res.code).not.toBe(0);
    expect(res.stderr).toContain(`文件“炸弹.xlsx”${BOMB_MESSAGE}导入`);
  }, 180_000);
});
