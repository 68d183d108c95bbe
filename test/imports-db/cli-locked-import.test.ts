/**
 * bin/yinfeng import obeys the locked-month rule of the API (the same service) and leaves per-object
 * history: on an embedded data directory and, with TEST_DATABASE_URL, on PostgreSQL.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config';
import { openDatabase, type Database } from '../../src/db/client';
import { cleanEnv, runCli } from '../cli/processes';
import { createTestDatabase, DATABASE_KINDS } from '../helpers/databases';

const HEAD = '项目编号,项目名称,地区代码,资金来源,阶段';

describe.each(DATABASE_KINDS)('bin/yinfeng import and locked months on %s', (kind) => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  /** the database, opened between CLI runs (an embedded data directory admits one process at a time) */
  let withDb: <T>(f: (db: Database['db']) => Promise<T>) => Promise<T>;
  let close = async () => undefined as void;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yinfeng-cli-locked-'));
    if (kind === 'pglite') {
      env = cleanEnv({ YINFENG_DATA_DIR: path.join(dir, 'data') });
      withDb = async (f) => {
        const database = await openDatabase(loadConfig({ YINFENG_DATA_DIR: path.join(dir, 'data') }).database, 'test');
        try {
          return await f(database.db);
        } finally {
          await database.close();
        }
      };
    } else {
      const database = await createTestDatabase('postgres');
      env = cleanEnv({ DATABASE_URL: database.url ?? '', YINFENG_DATA_DIR: path.join(dir, 'data') });
      withDb = (f) => f(database.db);
      close = () => database.close();
    }
  }, 60_000);
  afterAll(async () => {
    await close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const write = (name: string, text: string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
  };
  const changesOf = (db: Database['db']) =>
    db.execute(sql`select x.object_type, x.change, a.after->>'fileName' as file from (
        select c.import_id, c.object_type, c.change, c.project_id from import_changes c
        union all -- receipts created by an import carry its id
        select r.created_by_import, 'fundReceipt', 'create', r.project_id from fund_receipts r where r.created_by_import is not null) x
      join audit_log a on a.object_type = 'import' and a.object_id = x.import_id::text
      where x.project_id = (select id from projects where code = 'CL-1') order by a.id`) as unknown as Promise<{ rows: { object_type: string; change: string; file: string }[] }>;

  it('refuses moving a project with funds in an approved month, naming project, month and reviewer; the history shows each import', async () => {
    const created = await runCli(['import', write('cl-projects.csv', `${HEAD}\nCL-1,命令行项目,650109,区内,在谈\n`)], env, 90_000);
    expect(created.code, created.stderr).toBe(0);
    const funds = await runCli(['import', write('cl-funds.csv', '项目编号,月份,金额(万元),备注\nCL-1,2026-03,5,\n')], env, 90_000);
    expect(funds.code, funds.stderr).toBe(0);
    await withDb((db) => db.execute(sql`insert into monthly_returns (region_code, month, state) values ('650109', '2026-03', 'approved')`));

    const moved = await runCli(['import', write('cl-move.csv', `${HEAD}\nCL-1,命令行项目,650102,区内,在谈\n`)], env, 90_000);
    expect(moved.code).toBe(1);
    for (const part of ['项目 第 2 行 [地区代码] “650102”', 'CL-1「命令行项目」', '米东区 2026-03', '上级（乌鲁木齐市）审核员重新开放']) expect(moved.stderr).toContain(part);

    const history = await withDb(async (db) => (await changesOf(db)).rows);
    expect(history).toEqual([
      { object_type: 'project', change: 'create', file: 'cl-projects.csv' },
      { object_type: 'fundReceipt', change: 'create', file: 'cl-funds.csv' },
    ]);
    const region = await withDb(async (db) => ((await db.execute(sql`select region_code from projects where code = 'CL-1'`)) as unknown as { rows: { region_code: string }[] }).rows[0]);
    expect(region).toEqual({ region_code: '650109' });
  }, 300_000);
});
