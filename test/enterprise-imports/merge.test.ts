/**
 * The enterprise merge, hand-checked, through the background job (upload → run) and the workbook
 * import: newest data wins field by field, empty cells say nothing, an older file fills only what
 * has no date yet, a rename keeps the old name, history rows name the job, re-imports change nothing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimNextImportJob } from '../../src/db/queries/enterprise-imports/import-jobs';
import { executeImportJob } from '../../src/jobs/enterprise-imports/import-jobs';
import { createTestApp, type TestApp } from '../helpers/app';
import { DATABASE_KINDS } from '../helpers/databases';
import { enterpriseCsv, rows } from './helpers';

const CODE_X = '91320500MA1M111112';
const CODE_Y = '91110108551400000T';

describe.each(DATABASE_KINDS)('enterprise merge on %s', (kind) => {
  let t: TestApp;
  let dir: string;
  let cookie: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yinfeng-ent-merge-'));
    t = await createTestApp(kind, { YINFENG_DATA_DIR: dir });
    await t.createAccount('ent_officer', ['officer'], '650109');
    cookie = await t.login('ent_officer');
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Uploads a CSV as a job, runs it, and returns the finished job. */
  async function importCsv(csv: string, query: string) {
    const res = await t.call('POST', `/api/import-jobs?fileName=${encodeURIComponent('企业.csv')}&${query}`, {
      cookie,
      body: Buffer.from(csv),
      headers: { 'content-type': 'text/csv' },
    });
    expect(res.statusCode, res.body).toBe(202);
    const claimed = await claimNextImportJob(t.deps.db, 'enterprises', 'test-worker');
    if (!claimed) throw new Error('no queued job');
    await executeImportJob(t.database, claimed, { worker: 'test-worker', keyThreads: 0 });
    const job = await t.call('GET', `/api/import-jobs/${res.json().id}`, { cookie });
    return job.json();
  }

  async function enterprise(code: string) {
    const [e] = await rows<Record<string, unknown>>(
      t.deps.db,
      sql`select id, name, former_names, registered_capital_yuan::text as capital, employees, tags, parent_group, website, status, field_sources, search_names, version
          from enterprises where credit_code = ${code}`,
    );
    return e as Record<string, unknown>;
  }

  async function history(jobId: string) {
    return rows<{ field: string; old_value: unknown; new_value: unknown; source: string; source_date: string }>(
      t.deps.db,
      sql`select field, old_value, new_value, source, to_char(source_date, 'YYYY-MM-DD') as source_date from enterprise_field_changes where import_job_id = ${jobId} order by field`,
    );
  }

  it('merges field by field: newest wins, empty cells keep, older files fill only undated fields, history per change', async () => {
    const a = await importCsv(
      enterpriseCsv([
        { 统一社会信用代码: CODE_X, 企业名称: '甲科技有限公司', 注册地区代码: '650109', 行业代码: 'C38', '注册资本(万元)': '1000', 标签: '高新技术', 经营范围: '软件开发', 员工人数: '100', 网站: 'www.jia.com.cn', 经营状态: '存续' },
      ]),
      'source=A源&sourceDate=2024-01-01',
    );
    expect(a.status, JSON.stringify(a)).toBe('succeeded');
    expect(a.result.counts).toEqual({ created: 1, updated: 0, unchanged: 0, fieldChanges: 0, sourcesRefreshed: 0 });
    const created = await enterprise(CODE_X);
    expect(created).toMatchObject({ name: '甲科技有限公司', capital: '10000000', employees: 100, tags: ['高新技术'], status: 'existing', version: 1 });
    expect((created.field_sources as Record<string, unknown>).registeredCapitalYuan).toEqual({ source: 'A源', date: '2024-01-01' });
    expect((created.field_sources as Record<string, unknown>).parentGroup).toBeUndefined();

    // B, newer (date from the job): renamed, more employees, another tag; capital empty → kept
    const fileB = enterpriseCsv([{ 统一社会信用代码: CODE_X, 企业名称: '甲智能科技有限公司', 注册地区代码: '650109', 员工人数: '120', 标签: '专精特新;高新技术' }]);
    const b = await importCsv(fileB, 'source=B源&sourceDate=2024-06-01');
    expect(b.result.counts).toEqual({ created: 0, updated: 1, unchanged: 0, fieldChanges: 4, sourcesRefreshed: 0 });
    const afterB = await enterprise(CODE_X);
    expect(afterB).toMatchObject({
      name: '甲智能科技有限公司',
      former_names: ['甲科技有限公司'],
      capital: '10000000',
      employees: 120,
      tags: ['专精特新', '高新技术'],
      version: 2,
      search_names: '甲智能科技有限公司 甲科技有限公司',
    });
    const fsB = afterB.field_sources as Record<string, unknown>;
    expect(fsB.name).toEqual({ source: 'B源', date: '2024-06-01' });
    expect(fsB.registeredCapitalYuan).toEqual({ source: 'A源', date: '2024-01-01' });
    // the region was in both files with the same value: its source is refreshed to the newer file
    expect(fsB.regionCode).toEqual({ source: 'B源', date: '2024-06-01' });
    expect(await history(b.id)).toEqual([
      { field: 'employees', old_value: 100, new_value: 120, source: 'B源', source_date: '2024-06-01' },
      { field: 'formerNames', old_value: [], new_value: ['甲科技有限公司'], source: 'B源', source_date: '2024-06-01' },
      { field: 'name', old_value: '甲科技有限公司', new_value: '甲智能科技有限公司', source: 'B源', source_date: '2024-06-01' },
      { field: 'tags', old_value: ['高新技术'], new_value: ['专精特新', '高新技术'], source: 'B源', source_date: '2024-06-01' },
    ]);

    // C, older (a row date overrides the job's): cannot undo B or A, but fills the group nobody dated
    const c = await importCsv(
      enterpriseCsv([{ 统一社会信用代码: CODE_X, 企业名称: '甲老名有限公司', 注册地区代码: '650109', 员工人数: '50', 所属集团: '某某集团', 数据来源: '行内来源', 数据日期: '2023-01-01' }]),
      'source=C源&sourceDate=2024-12-01',
    );
    expect(c.result.counts).toMatchObject({ created: 0, updated: 1, unchanged: 0, fieldChanges: 1 });
    expect(await enterprise(CODE_X)).toMatchObject({ name: '甲智能科技有限公司', employees: 120, parent_group: '某某集团', former_names: ['甲科技有限公司'], version: 3 });
    expect(await history(c.id)).toEqual([{ field: 'parentGroup', old_value: null, new_value: '某某集团', source: '行内来源', source_date: '2023-01-01' }]);

    // B again: same values, same date: nothing changes, nothing is written
    const again = await importCsv(fileB, 'source=B源&sourceDate=2024-06-01');
    expect(again.result.counts).toEqual({ created: 0, updated: 0, unchanged: 1, fieldChanges: 0, sourcesRefreshed: 0 });
    expect(await history(again.id)).toEqual([]);
    expect((await enterprise(CODE_X)).version).toBe(3);
  });

  it('the workbook import (/api/imports) merges by the same rules and re-importing the same workbook changes nothing', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('企业');
    ws.addRow(['统一社会信用代码', '企业名称', '注册地区代码', '注册资本(万元)', '曾用名', '数据日期']);
    ws.addRow([CODE_Y, '乙科技有限公司', '110108', '500', '乙旧名有限公司', '2024-03-01']);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const send = () =>
      t.call('POST', '/api/imports', { cookie, body: file, headers: { 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent('企业.xlsx') } });
    const first = await send();
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().counts.enterprises).toEqual({ created: 1, updated: 0, unchanged: 0 });
    // a region outside the importer's county is fine for enterprises (national reference data)
    expect(await enterprise(CODE_Y)).toMatchObject({ name: '乙科技有限公司', former_names: ['乙旧名有限公司'], capital: '5000000' });
    expect((await enterprise(CODE_Y)).field_sources).toMatchObject({ name: { source: '导入文件“企业.xlsx”', date: '2024-03-01' } });
    const second = await send();
    expect(second.json().counts.enterprises).toEqual({ created: 0, updated: 0, unchanged: 1 });
    // its creation by the first import (issue 10 item 2) is on the enterprise itself, with the row's
    // source and date; no history row, and nothing from the second import
    expect(await rows(t.deps.db, sql`select created_by_import::text as import_id, created_source, created_source_date::text as source_date from enterprises where credit_code = ${CODE_Y}`)).toEqual([
      { import_id: first.json().importId, created_source: '导入文件“企业.xlsx”', source_date: '2024-03-01' },
    ]);
    expect(await rows(t.deps.db, sql`select field from enterprise_field_changes where enterprise_id = (select id from enterprises where credit_code = ${CODE_Y})`)).toEqual([]);
  });
});
