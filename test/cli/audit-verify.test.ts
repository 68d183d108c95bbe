/**
 * `bin/yinfeng audit verify` as an operator runs it, on both runtimes: exit 0 on an intact chain,
 * 3 naming the first row a superuser edited or deleted. On PostgreSQL the commands run as the
 * application role: migrated by the owner (YINFENG_OWNER_DATABASE_URL), then with DATABASE_URL only.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPglite } from '../../src/db/client';
import { TEST_APP_ROLE, withDatabase, withUser } from '../helpers/global-setup';
import { cleanEnv, runCli } from './processes';

const ADD_USER = ['user', 'add', '--username', 'chain-sec', '--password', 'Chain-pass-2026!', '--role', 'secadmin', '--region', '650000'];

describe('bin/yinfeng audit verify on pglite', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yinfeng-audit-verify-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('exits 0 on an intact chain and 3 naming the row a superuser changed', async () => {
    const env = cleanEnv({ YINFENG_DATA_DIR: dir });
    const added = await runCli(ADD_USER, env, 120_000);
    expect(added.code, added.stderr).toBe(0);
    const good = await runCli(['audit', 'verify'], env, 120_000);
    expect(good.stderr).toBe('');
    expect(good.code).toBe(0);
    expect(good.stdout).toMatch(/审计链完好：已封存 [1-9]\d* 行，链头 #\d+ [0-9a-f]{64}，待封存 0 行/);

    // an intruder with the data directory: the embedded superuser, triggers off
    const client = await createPglite({ dataDir: path.join(dir, 'pgdata') });
    let edited: number;
    try {
      await client.exec('set session_replication_role = replica');
      const found = await client.query<{ id: number }>(`select min(id)::int as id from audit_log where action like 'user.%'`);
      edited = found.rows[0]!.id;
      await client.exec(`update audit_log set reason = '事后修改' where id = ${edited}`);
    } finally {
      await client.close();
    }
    const bad = await runCli(['audit', 'verify'], env, 120_000);
    expect(bad.code).toBe(3);
    expect(bad.stderr).toContain(`第一个问题：审计行 #${edited}：审计行内容已被修改`);
    const usage = await runCli(['audit', 'frobnicate'], env);
    expect(usage.code).toBe(2);
  }, 300_000);
});

describe.runIf(process.env.TEST_DATABASE_URL)('bin/yinfeng audit verify on postgres, as the application role', () => {
  const serverUrl = process.env.TEST_DATABASE_URL ?? 'postgres://unset/unset';
  const name = `yinfeng_t_${randomBytes(6).toString('hex')}`;
  const ownerUrl = withDatabase(serverUrl, name);
  const appUrl = withUser(ownerUrl, TEST_APP_ROLE);
  const admin = async (statement: string) => {
    const c = new pg.Client({ connectionString: serverUrl });
    await c.connect();
    try {
      await c.query(statement);
    } finally {
      await c.end();
    }
  };
  beforeAll(() => admin(`create database ${name} template template0 encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'`));
  afterAll(() => admin(`drop database if exists ${name} with (force)`));

  it('refuses an unmigrated database clearly, migrates as the owner, runs as the app role, and names a deleted row', async () => {
    const appOnly = cleanEnv({ DATABASE_URL: appUrl });
    const unmigrated = await runCli(['audit', 'verify'], appOnly, 60_000);
    expect(unmigrated.code).toBe(1);
    expect(unmigrated.stderr).toContain('数据库尚未迁移到当前版本');

    const added = await runCli(ADD_USER, cleanEnv({ DATABASE_URL: appUrl, YINFENG_OWNER_DATABASE_URL: ownerUrl }), 60_000);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stderr).not.toContain('单角色模式');

    const good = await runCli(['audit', 'verify'], appOnly, 60_000);
    expect(good.stderr).toBe('');
    expect(good.code).toBe(0);
    expect(good.stdout).toContain('审计链完好');

    const owner = new pg.Client({ connectionString: ownerUrl });
    await owner.connect();
    let deleted: number;
    try {
      const tables = await owner.query<{ owner: string }>(`select tableowner as owner from pg_tables where tablename = 'audit_log'`);
      expect(tables.rows[0]?.owner).not.toBe(TEST_APP_ROLE);
      await owner.query('set session_replication_role = replica');
      const found = await owner.query<{ id: string }>(`select min(id) as id from audit_log`);
      deleted = Number(found.rows[0]?.id);
      await owner.query(`delete from audit_log where id = ${deleted}`);
    } finally {
      await owner.end();
    }
    const bad = await runCli(['audit', 'verify'], appOnly, 60_000);
    expect(bad.code).toBe(3);
    expect(bad.stderr).toContain(`第一个问题：审计行 #${deleted}：审计行已被删除`);

    // the owner alone (single-role mode) still works, with a warning
    const single = await runCli(['audit', 'verify', '--no-seal'], cleanEnv({ DATABASE_URL: ownerUrl }), 60_000);
    expect(single.code).toBe(3);
    expect(single.stderr).toContain('单角色模式');
  }, 300_000);
});
