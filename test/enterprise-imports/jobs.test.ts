/**
 * Background enterprise import jobs on both databases: the HTTP flow (upload → 202 → runner →
 * succeeded), a bad row deep in a 20,000-row file (nothing written; every problem reported, also
 * as xlsx), cancel (queued, running, finished), progress readable by another request while the job
 * runs, a dry run, and the start-up recovery of a job whose process died.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimNextImportJob, insertImportJob } from '../../src/db/queries/enterprise-imports/import-jobs';
import { importFilesDir } from '../../src/config/data-paths';
import { JobEngine } from '../../src/jobs/engine';
import { defineImportJobQueue } from '../../src/jobs/enterprise-imports/import-job-queue';
import { executeImportJob } from '../../src/jobs/enterprise-imports/import-jobs';
import { createTestApp, type TestApp } from '../helpers/app';
import { DATABASE_KINDS } from '../helpers/databases';
import { count, enterpriseCsv, generatedRows, rows } from './helpers';

interface JobJson {
  id: string;
  status: string;
  progress: Record<string, unknown>;
  result: Record<string, unknown> | null;
  error: string | null;
  fileBytes: number;
}

describe.each(DATABASE_KINDS)('enterprise import jobs on %s', (kind) => {
  let t: TestApp;
  let dir: string;
  let cookie: string;
  let officerId: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yinfeng-ent-jobs-'));
    t = await createTestApp(kind, { YINFENG_DATA_DIR: dir });
    officerId = await t.createAccount('job_officer', ['officer'], '650109');
    await t.createAccount('job_statistician', ['statistician'], '650109');
    cookie = await t.login('job_officer');
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const upload = (body: string | Buffer, fileName: string, query = '', as = cookie) =>
    t.call('POST', `/api/import-jobs?fileName=${encodeURIComponent(fileName)}${query}`, {
      cookie: as,
      body: Buffer.isBuffer(body) ? body : Buffer.from(body),
      headers: { 'content-type': 'application/octet-stream' },
    });
  const getJob = async (id: string): Promise<JobJson> => (await t.call('GET', `/api/import-jobs/${id}`, { cookie })).json();
  const filesLeft = () => (fs.existsSync(importFilesDir(t.config)) ? fs.readdirSync(importFilesDir(t.config)) : []);

  /** Runs the next queued job in this process (as the runner does), with a progress hook. */
  async function runQueued(onProgress?: () => void) {
    const job = await claimNextImportJob(t.deps.db, 'enterprises', 'test-worker');
    if (!job) throw new Error('no queued job');
    // small batches and chunks: on PostgreSQL several chunks are merged (inside the one transaction) before the end
    const done = await executeImportJob(t.database, job, { worker: 'test-worker', keyThreads: 1, stageRows: 1_000, chunkRows: 4_000, onProgress });
    return done;
  }

  /** The job engine with the import queue, as `yinfeng serve` runs it (short polls). */
  async function startEngine() {
    const engine = new JobEngine(t.database, { pollSeconds: 0.5 });
    const queue = await defineImportJobQueue(engine, t.database, { keyThreads: 0 });
    await engine.start();
    await queue.recoverAtStart();
    return {
      async stop() {
        queue.close();
        await engine.stop();
      },
    };
  }

  it('upload → 202 → the engine runs the job → succeeded; listed within the scope; the file is removed', async () => {
    const runner = await startEngine();
    try {
      const res = await upload(enterpriseCsv(generatedRows(50, 0)), '企业名录.csv', '&source=工商登记&sourceDate=2024-06-30');
      expect(res.statusCode, res.body).toBe(202);
      const queued = res.json() as JobJson;
      expect(queued).toMatchObject({ status: 'queued', fileName: '企业名录.csv', source: '工商登记', sourceDate: '2024-06-30', dryRun: false });
      let job = queued;
      for (let i = 0; i < 600 && (job.status === 'queued' || job.status === 'running'); i++) {
        await new Promise((r) => setTimeout(r, 50));
        job = await getJob(queued.id);
      }
      expect(job.status, JSON.stringify(job)).toBe('succeeded');
      expect(job.result).toMatchObject({ rows: 50, imported: true, rejectedTotal: 0, counts: { created: 50, updated: 0, unchanged: 0 } });
      expect(job.progress).toMatchObject({ phase: 'done', rowsRead: 50 });
      const list = (await t.call('GET', '/api/import-jobs', { cookie })).json() as { total: number; items: JobJson[] };
      expect(list.items.map((j) => j.id)).toContain(queued.id);
      await runner.stop(); // the job removes the file after its commit
      expect(filesLeft()).toEqual([]);
      const audits = await rows<{ action: string }>(t.deps.db, sql`select action from audit_log where object_id = ${queued.id} order by id`);
      expect(audits.map((a) => a.action)).toEqual(['import_job.create', 'import_job.succeed']);
    } finally {
      await runner.stop();
    }
  });

  it('a bad row deep in a 20,000-row file writes nothing; every problem is reported with row, column, value and reason, also as xlsx', async () => {
    const data = generatedRows(20_000, 1000);
    (data[14_998] as Record<string, string>)['统一社会信用代码'] = '91650109MA0000000X';
    (data[19_000] as Record<string, string>)['注册地区代码'] = '659999';
    const res = await upload(enterpriseCsv(data), '大文件.csv');
    expect(res.statusCode, res.body).toBe(202);
    const done = await runQueued();
    expect(done?.status).toBe('failed');
    expect(done?.error).toBe('文件“大文件.csv”有 2 个问题，未导入任何数据');
    const rejected = (done?.result as { rejected: unknown[] }).rejected;
    expect(rejected).toHaveLength(2);
    expect(rejected[0]).toMatchObject({ sheet: '企业', row: 15_000, column: '统一社会信用代码', value: '91650109MA0000000X' });
    expect((rejected[0] as { reason: string }).reason).toMatch(/^统一社会信用代码“91650109MA0000000X”第 1[78] 位/);
    expect(rejected[1]).toEqual({ sheet: '企业', row: 19_002, column: '注册地区代码', value: '659999', reason: '注册地区代码“659999”不存在（不在行政区划或园区列表中）' });
    const codes = data.slice(0, 100).map((r) => r['统一社会信用代码'] as string);
    expect(await count(t.deps.db, 'enterprises', sql`credit_code = any(${sql.param(codes)}::text[])`)).toBe(0);
    expect(await count(t.deps.db, 'enterprise_field_changes', sql`import_job_id = ${done?.id}`)).toBe(0);

    const report = await t.call('GET', `/api/import-jobs/${done?.id}/rejected`, { cookie });
    expect(report.statusCode).toBe(200);
    expect(report.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(report.rawPayload as unknown as Parameters<typeof wb.xlsx.load>[0]);
    const ws = wb.getWorksheet('被拒绝的行');
    expect(ws?.getRow(1).values).toEqual([undefined, '工作表', '行', '列', '值', '原因']);
    expect(ws?.getRow(3).values).toEqual([undefined, '企业', 19_002, '注册地区代码', '659999', '注册地区代码“659999”不存在（不在行政区划或园区列表中）']);

    // in English: headers and reasons (sheet and column names stay as the file wrote them)
    const en = await t.call('GET', `/api/import-jobs/${done?.id}/rejected`, { cookie, headers: { 'accept-language': 'en' } });
    expect(decodeURIComponent(String(en.headers['content-disposition']))).toContain('大文件-rejected rows.xlsx');
    const wbEn = new ExcelJS.Workbook();
    await wbEn.xlsx.load(en.rawPayload as unknown as Parameters<typeof wbEn.xlsx.load>[0]);
    const wsEn = wbEn.getWorksheet('rejected rows');
    expect(wsEn?.getRow(1).values).toEqual([undefined, 'Sheet', 'Row', 'Column', 'Value', 'Reason']);
    expect(wsEn?.getRow(3).values).toEqual([undefined, '企业', 19_002, '注册地区代码', '659999', 'Registered region code “659999” does not exist (not among the administrative divisions or parks)']);
  });

  it('a value starting with = is reported as text in the xlsx (no formula)', async () => {
    const res = await upload(enterpriseCsv([{ 统一社会信用代码: '=HYPERLINK("x")', 企业名称: '甲', 注册地区代码: '650109' }]), 'f.csv');
    expect(res.statusCode).toBe(202);
    const done = await runQueued();
    const report = await t.call('GET', `/api/import-jobs/${done?.id}/rejected`, { cookie });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(report.rawPayload as unknown as Parameters<typeof wb.xlsx.load>[0]);
    expect(wb.getWorksheet('被拒绝的行')?.getRow(2).getCell(4).value).toBe(`'=HYPERLINK("x")`);
  });

  it('progress is persisted while the job runs and another request reads it', async () => {
    const res = await upload(enterpriseCsv(generatedRows(20_000, 40_000)), '进度.csv');
    const id = (res.json() as JobJson).id;
    const seen: Promise<JobJson>[] = [];
    let reports = 0;
    const done = await runQueued(() => {
      reports++;
      // from the second report on, the first one has been written
      if (reports === 2) seen.push(getJob(id));
    });
    expect(done?.status).toBe('succeeded');
    const during = await seen[0];
    expect(during?.status).toBe('running');
    expect(during?.progress.phase).toBe('reading');
    expect(Number(during?.progress.rowsRead)).toBeGreaterThan(0);
    expect(Number(during?.progress.bytesRead)).toBeGreaterThan(0);
    expect(during?.progress.fileBytes).toBe(during?.fileBytes);
    const after = await getJob(id);
    expect(after.progress).toMatchObject({ phase: 'done', rowsRead: 20_000 });
    // merged in five chunks on PostgreSQL, at the end on PGlite: the same counts
    expect(after.result).toMatchObject({ rows: 20_000, counts: { created: 20_000, updated: 0, unchanged: 0 } });
  });

  it('a cancelled running job rolls back: no enterprises, no history, no file; cancelling it again is 409', async () => {
    const data = generatedRows(20_000, 80_000);
    const res = await upload(enterpriseCsv(data), '取消.csv');
    const id = (res.json() as JobJson).id;
    let asked: Promise<unknown> | null = null;
    let reports = 0;
    const done = await runQueued(() => {
      // late enough that (on PostgreSQL) chunks have been merged in the open transaction
      if (++reports === 4) asked ??= t.call('POST', `/api/import-jobs/${id}/cancel`, { cookie });
    });
    await asked;
    expect(done?.status).toBe('cancelled');
    const codes = data.map((r) => r['统一社会信用代码'] as string);
    expect(await count(t.deps.db, 'enterprises', sql`credit_code = any(${sql.param(codes)}::text[])`)).toBe(0);
    expect(await count(t.deps.db, 'enterprise_field_changes', sql`import_job_id = ${id}`)).toBe(0);
    expect(filesLeft()).toEqual([]);
    const audits = await rows<{ action: string }>(t.deps.db, sql`select action from audit_log where object_id = ${id} order by id`);
    expect(audits.map((a) => a.action)).toEqual(['import_job.create', 'import_job.cancel_request', 'import_job.cancel']);
    const again = await t.call('POST', `/api/import-jobs/${id}/cancel`, { cookie });
    expect(again.statusCode).toBe(409);
  });

  it('a queued job is cancelled at once and its file removed', async () => {
    const res = await upload(enterpriseCsv(generatedRows(3, 90_000)), '排队.csv');
    const id = (res.json() as JobJson).id;
    expect(filesLeft()).toEqual([id]);
    const cancel = await t.call('POST', `/api/import-jobs/${id}/cancel`, { cookie });
    expect(cancel.statusCode).toBe(200);
    expect(cancel.json()).toMatchObject({ status: 'cancelled', cancelRequested: true });
    expect(filesLeft()).toEqual([]);
    expect(await claimNextImportJob(t.deps.db, 'enterprises', 'test-worker')).toBeUndefined();
  });

  it('a dry run counts and writes nothing', async () => {
    const data = generatedRows(30, 95_000);
    await upload(enterpriseCsv(data), '试.csv', '&dryRun=true');
    const done = await runQueued();
    expect(done?.status).toBe('succeeded');
    expect(done?.result).toMatchObject({ dryRun: true, imported: false, counts: { created: 30 } });
    expect(await count(t.deps.db, 'enterprises', sql`credit_code = ${data[0]?.['统一社会信用代码'] ?? ''}`)).toBe(0);
  });

  it('refuses what cannot be an enterprise file before queueing it (and keeps no file); 403 without the permission', async () => {
    const xls = await upload('a,b\n', '旧.xls');
    expect(xls.statusCode).toBe(400);
    const header = await upload('项目编号,月份,金额(万元)\nP1,2024-01,1\n', '资金.csv');
    expect(header.statusCode).toBe(400);
    expect(header.json().error.message).toBe('企业表头缺少必填列：“统一社会信用代码”、“企业名称”、“注册地区代码”');
    const future = await upload(enterpriseCsv([]), '未来.csv', '&sourceDate=2999-01-01');
    expect(future.statusCode).toBe(400);
    expect(filesLeft()).toEqual([]);
    const forbidden = await upload(enterpriseCsv([]), 'x.csv', '', await t.login('job_statistician'));
    expect(forbidden.statusCode).toBe(403);
  });

  it('on start-up, a job left running by a dead process is failed with a reason, its file removed', async () => {
    const filesDir = importFilesDir(t.config);
    fs.mkdirSync(filesDir, { recursive: true });
    const file = path.join(filesDir, 'stale-upload');
    fs.writeFileSync(file, 'x');
    const job = await insertImportJob(t.deps.db, {
      id: '00000000-0000-4000-8000-000000000001',
      kind: 'enterprises',
      fileName: '中断.csv',
      filePath: file,
      fileBytes: 1,
      sha256: 'x',
      dryRun: false,
      source: '中断.csv',
      sourceDate: '2024-01-01',
      createdBy: officerId,
      regionCode: '650109',
      progress: { phase: 'reading', rowsRead: 10 },
      status: 'running',
      worker: 'dead-host:1:abc',
    });
    await t.deps.db.execute(sql`update import_jobs set heartbeat_at = now() - interval '10 minutes' where id = ${job.id}`);
    const runner = await startEngine();
    let status = 'running';
    try {
      for (let i = 0; i < 400 && status === 'running'; i++) {
        await new Promise((r) => setTimeout(r, 25));
        status = (await getJob(job.id)).status;
      }
    } finally {
      await runner.stop();
    }
    const failed = await getJob(job.id);
    expect(failed.status).toBe('failed');
    expect(failed.error).toBe('处理该导入的进程已停止（服务重启或意外退出），导入未完成，没有写入任何数据；请重新导入');
    const english = (await t.call('GET', `/api/import-jobs/${job.id}`, { cookie, headers: { 'accept-language': 'en' } })).json() as JobJson;
    expect(english.error).toBe('The process handling this import stopped (the service restarted or exited unexpectedly); the import did not finish and nothing was written; import the file again');
    expect(english.result).toBeNull();
    expect(fs.existsSync(file)).toBe(false);
    expect(await count(t.deps.db, 'audit_log', sql`object_id = ${job.id} and action = 'import_job.fail'`)).toBe(1);
  });
});
