/**
 * Issue 10 item 2 for enterprises: every enterprise an import creates or changes shows that import
 * (file, user, time) in its own history — the enterprise page's timeline — and in the audit view,
 * with the before and after of each changed field. Background jobs (the import of large registries)
 * and the workbook import's 企业 sheet write the same history (one merge).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimNextImportJob } from '../../src/db/queries/enterprise-imports/import-jobs';
import { executeImportJob } from '../../src/jobs/enterprise-imports/import-jobs';
import { createTestApp, type TestApp } from '../helpers/app';
import { DATABASE_KINDS } from '../helpers/databases';
import { enterpriseCsv, generatedRows, rows } from './helpers';
import { sql } from 'drizzle-orm';

interface TimelineItem {
  kind: string;
  text: string;
  field: string | null;
  oldValue: unknown;
  newValue: unknown;
  actorName: string | null;
  importId: string | null;
  importFileName: string | null;
  at: string;
}
interface ImportEntry {
  importId: string;
  importKind: string | null;
  fileName: string | null;
  auditId: string | null;
  actorUsername: string | null;
  change: string;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  at: string;
}

describe.each(DATABASE_KINDS)('import history of enterprises on %s', (kind) => {
  let t: TestApp;
  let dir: string;
  let cookie: string;
  let auditor: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yinfeng-ent-history-'));
    t = await createTestApp(kind, { YINFENG_DATA_DIR: dir });
    await t.createAccount('hist_officer', ['officer'], '650109');
    await t.createAccount('hist_auditor', ['auditor'], '650109');
    await t.createAccount('sibling_auditor', ['auditor'], '650102');
    cookie = await t.login('hist_officer');
    auditor = await t.login('hist_auditor');
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function runJob(body: string, fileName: string, query: string) {
    const res = await t.call('POST', `/api/import-jobs?fileName=${encodeURIComponent(fileName)}${query}`, {
      cookie,
      body: Buffer.from(body),
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect(res.statusCode, res.body).toBe(202);
    const job = await claimNextImportJob(t.deps.db, 'enterprises', 'test-worker');
    if (!job) throw new Error('no queued job');
    const done = await executeImportJob(t.database, job, { worker: 'test-worker', keyThreads: 0, stageRows: 7, chunkRows: 15 });
    expect(done?.status, `${done?.error} ${JSON.stringify(done?.result)}`).toBe('succeeded');
    return job.id;
  }
  const timelineOf = async (code: string) =>
    ((await t.call('GET', `/api/enterprises/${code}?timelineLimit=200`, { cookie })).json() as { timeline: TimelineItem[] }).timeline;
  const importsOf = async (code: string, as = auditor) => {
    const res = await t.call('GET', `/api/audit/enterprises/${code}/imports`, { cookie: as });
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { items: ImportEntry[] }).items;
  };

  it('a background import: created and changed enterprises name the import (file, user, time) with each field before and after', async () => {
    const first = generatedRows(30, 0, '2024-06-30');
    const firstJob = await runJob(enterpriseCsv(first), '登记信息.csv', '&source=工商登记&sourceDate=2024-06-30');
    const code = first[3]?.['统一社会信用代码'] as string;
    const originalName = first[3]?.['企业名称'] as string;

    // every created enterprise names the import in its own row, with its row's 数据来源 and 数据日期
    // (no history row each: issue 10 item 5)
    const [created] = await rows<{ n: number; history: number }>(
      t.deps.db,
      sql`select (select count(*)::int from enterprises where created_by_import = ${firstJob}::uuid and created_source = '测试登记信息' and created_source_date = '2024-06-30') as n,
                 (select count(*)::int from enterprise_field_changes where import_job_id = ${firstJob}) as history`,
    );
    expect(created).toEqual({ n: 30, history: 0 });

    let timeline = await timelineOf(code);
    const createdItem = timeline.find((i) => i.kind === 'created');
    expect(createdItem, JSON.stringify(timeline)).toMatchObject({ importId: firstJob, importFileName: '登记信息.csv', actorName: 'hist_officer' });
    expect(createdItem?.text).toContain('登记信息.csv');

    // a newer file renames it and changes its staff count
    const changed = { ...first[3], 企业名称: `${originalName.replace(/有限公司$/, '')}科技有限公司`, 员工人数: '4321', 数据日期: '2025-03-31' } as Record<string, string>;
    const secondJob = await runJob(enterpriseCsv([changed]), '年报更新.csv', '&source=企业年报&sourceDate=2025-03-31');
    timeline = await timelineOf(code);
    const nameChange = timeline.find((i) => i.kind === 'fieldChange' && i.field === 'name');
    expect(nameChange).toMatchObject({ oldValue: originalName, newValue: changed['企业名称'], importId: secondJob, importFileName: '年报更新.csv', actorName: 'hist_officer' });
    expect(nameChange?.text).toContain('年报更新.csv');

    // the audit view: both imports, newest first, with their audit rows and the fields before and after
    const entries = await importsOf(code);
    expect(entries.map((e) => [e.importId, e.change, e.fileName, e.importKind, e.actorUsername])).toEqual([
      [secondJob, 'update', '年报更新.csv', 'job', 'hist_officer'],
      [firstJob, 'create', '登记信息.csv', 'job', 'hist_officer'],
    ]);
    const [update, create] = entries as [ImportEntry, ImportEntry];
    expect(update.before).toMatchObject({ name: originalName });
    expect(update.after).toMatchObject({ name: changed['企业名称'], employees: 4321 });
    expect(update.before.employees).not.toBe(4321);
    // what the first import created: its own values, though the name has changed since
    expect(create.before).toEqual({});
    expect(create).toMatchObject({ source: '测试登记信息', sourceDate: '2024-06-30', auditId: expect.any(String) });
    expect(create.after).toMatchObject({ name: originalName, regionCode: first[3]?.['注册地区代码'] });
    expect(create.after.employees ?? null).toBe(update.before.employees ?? null);
    expect(create.after.formerNames).toBeUndefined();
    // the import's own audit row is the one the entry points to
    const audit = (await t.call('GET', `/api/audit?objectType=import_job&objectId=${secondJob}`, { cookie: auditor })).json() as { items: { id: string; action: string; after: { fileName: string } }[] };
    const succeeded = audit.items.filter((a) => a.action === 'import_job.succeed');
    expect(succeeded).toHaveLength(1);
    expect(succeeded[0]).toMatchObject({ id: update.auditId, after: { fileName: '年报更新.csv', history: { fieldChanges: expect.any(Number), createdEntries: 0 } } });

    // an auditor of another county does not see imports made in this one
    expect(await importsOf(code, await t.login('sibling_auditor'))).toEqual([]);
  });

  it('the workbook import (企业 sheet) writes the same history: a created entry naming the user and the file', async () => {
    const file = generatedRows(3, 500, '2024-06-30');
    const res = await t.call('POST', '/api/imports?kind=enterprises', {
      cookie,
      body: Buffer.from(enterpriseCsv(file)),
      headers: { 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent('企业表.csv') },
    });
    expect(res.statusCode, res.body).toBe(200);
    const code = file[0]?.['统一社会信用代码'] as string;
    const timeline = await timelineOf(code);
    const createdItem = timeline.find((i) => i.kind === 'created');
    expect(createdItem, JSON.stringify(timeline)).toMatchObject({ actorName: 'hist_officer', importFileName: '企业表.csv' });
    expect(createdItem?.importId).toBe((JSON.parse(res.body) as { importId: string }).importId);
  });
});
