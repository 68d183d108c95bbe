/**
 * The job engine (pg-boss) on both databases, as the application role that owns nothing: jobs run
 * once, retries only where a queue allows them, and a cron schedule — the nightly cleanup of leftover
 * upload files as the example — runs each occurrence once across two app instances on one database.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wrapPool, type Database } from '../../src/db/client';
import { cronEveryMinutes, cronEverySeconds } from '../../src/jobs/cron-interval';
import { JobEngine } from '../../src/jobs/engine';
import { importFilesDir } from '../../src/config/data-paths';
import { defineLeftoverFilesJob, LEFTOVER_FILES_QUEUE } from '../../src/jobs/enterprise-imports/leftover-import-files';
import { createTestApp, type TestApp } from '../helpers/app';
import { createTestDatabase, DATABASE_KINDS } from '../helpers/databases';
import { migrateDatabase } from '../../src/db/migrate';
import { assertMigrationsApplied } from '../../src/db/schema-setup';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const until = async (done: () => boolean, ms = 20_000) => {
  const end = Date.now() + ms;
  while (!done() && Date.now() < end) await sleep(50);
};

describe('cron intervals', () => {
  it('turns minute and second settings into cron expressions', () => {
    expect(cronEveryMinutes(1)).toBe('* * * * *');
    expect(cronEveryMinutes(5)).toBe('*/5 * * * *');
    expect(cronEveryMinutes(60)).toBe('0 * * * *');
    expect(cronEveryMinutes(180)).toBe('0 */3 * * *');
    expect(cronEveryMinutes(1440)).toBe('0 0 * * *');
    expect(cronEverySeconds(30)).toBe('* * * * *');
    expect(cronEverySeconds(60)).toBe('* * * * *');
    expect(cronEverySeconds(600)).toBe('*/10 * * * *');
  });
});

describe.each(DATABASE_KINDS)('job engine on %s', (kind) => {
  let t: TestApp;
  const engines: JobEngine[] = [];
  const extra: Database[] = [];

  /** a second app instance's connection to the same database (PGlite: the one embedded connection) */
  const secondDatabase = (): Database => {
    if (t.database.kind === 'pglite' || !t.database.url) return t.database;
    const d = wrapPool(new pg.Pool({ connectionString: t.database.url, max: 3 }), 'second instance');
    extra.push(d);
    return d;
  };
  const engine = (database: Database, cronSeconds = 30) => {
    const e = new JobEngine(database, { pollSeconds: 0.5, cronSeconds, onError: () => undefined });
    engines.push(e);
    return e;
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(async () => {
    for (const e of engines) await e.stop();
    for (const d of extra) await d.close();
    await t?.close();
  });

  it('works as the application role: its schema was installed by the owner, the role owns none of it', async () => {
    const [r] = (
      (await t.deps.db.execute(
        sql`select current_user as u, (select count(*)::int from pg_tables where schemaname = 'pgboss' and pg_has_role(current_user, tableowner, 'USAGE')) as owned,
              (select count(*)::int from pg_tables where schemaname = 'pgboss') as tables`,
      )) as unknown as { rows: { u: string; owned: number; tables: number }[] }
    ).rows;
    expect(r?.u).not.toBe('postgres');
    expect(r?.tables).toBeGreaterThan(0);
    expect(r?.owned).toBe(0);
  });

  it('a database without the job schema counts as not migrated; migrating installs it', async () => {
    const owned = await createTestDatabase(kind);
    try {
      await assertMigrationsApplied(owned.db);
      await owned.db.execute(sql`drop schema pgboss cascade`);
      await expect(assertMigrationsApplied(owned.db)).rejects.toThrow('数据库尚未迁移到当前版本');
      await migrateDatabase(owned);
      await assertMigrationsApplied(owned.db);
    } finally {
      await owned.close();
    }
  });

  it('a job schema written by a newer pg-boss (the project used pg-boss 12 before) is installed anew by migrating', async () => {
    const owned = await createTestDatabase(kind);
    try {
      const version = async () =>
        ((await owned.db.execute(sql`select version::int as v from pgboss.version`)) as unknown as { rows: { v: number }[] }).rows[0]?.v;
      const installed = await version();
      await owned.db.execute(sql`update pgboss.version set version = 27`);
      await owned.db.execute(sql`create table pgboss.left_by_newer (x int)`);
      await migrateDatabase(owned);
      expect(await version()).toBe(installed);
      const left = (await owned.db.execute(sql`select to_regclass('pgboss.left_by_newer') is null as gone`)) as unknown as { rows: { gone: boolean }[] };
      expect(left.rows[0]?.gone).toBe(true);
      await assertMigrationsApplied(owned.db);
    } finally {
      await owned.close();
    }
  });

  it('runs a job once; retries a failed one only as far as its queue allows', async () => {
    const e = engine(t.database);
    const runs = { once: 0, flaky: 0, never: 0 };
    e.define<{ n: number }>({ name: 'test-once', retryLimit: 0, expireInSeconds: 60, run: async () => void runs.once++ });
    e.define({
      name: 'test-flaky',
      retryLimit: 1,
      expireInSeconds: 60,
      run: async () => {
        runs.flaky++;
        if (runs.flaky === 1) throw new Error('first run fails');
      },
    });
    e.define({
      name: 'test-never-retried',
      retryLimit: 0,
      expireInSeconds: 60,
      run: async () => {
        runs.never++;
        throw new Error('fails for good');
      },
    });
    await e.start();
    const id = '00000000-0000-4000-8000-00000000e001';
    expect(await e.send('test-once', { n: 1 }, { id })).toBe(id);
    expect(await e.send('test-once', { n: 1 }, { id })).toBeNull(); // the same id again: ignored
    await e.send('test-flaky', {});
    await e.send('test-never-retried', {});
    await until(() => runs.once === 1 && runs.flaky === 2 && runs.never === 1);
    await sleep(1500); // a second run would have come by now
    expect(runs).toEqual({ once: 1, flaky: 2, never: 1 });
    const failed = (await t.deps.db.execute(sql`select state from pgboss.job where name = 'test-never-retried'`)) as unknown as { rows: { state: string }[] };
    expect(failed.rows.map((j) => j.state)).toEqual(['failed']);
    await e.stop();
  });

  it('the leftover-file cleanup schedule: each occurrence runs once across two app instances, and removes only what no job needs', async () => {
    const dir = importFilesDir(t.config);
    fs.mkdirSync(dir, { recursive: true });
    const old = path.join(dir, 'old-upload');
    const fresh = path.join(dir, 'fresh-upload');
    fs.writeFileSync(old, 'x');
    fs.writeFileSync(fresh, 'x');
    const hourAgo = new Date(Date.now() - 2 * 3_600_000);
    fs.utimesSync(old, hourAgo, hourAgo);

    const removed: number[] = [];
    const a = engine(t.database, 1);
    const b = engine(secondDatabase(), 1);
    // every minute instead of nightly, so that a test sees two occurrences
    for (const e of [a, b]) await defineLeftoverFilesJob(e, t.database, t.config, { cron: '* * * * *', onRemoved: (n) => removed.push(n) });
    await a.start();
    await b.start();
    await until(() => removed.length >= 2, 80_000); // the first occurrence, and the next minute's
    await a.unschedule(LEFTOVER_FILES_QUEUE);
    await a.stop();
    await b.stop();
    expect(removed.length).toBeGreaterThanOrEqual(2);
    expect(removed.reduce((x, y) => x + y, 0)).toBe(1);
    expect(fs.existsSync(old)).toBe(false);
    expect(fs.existsSync(fresh)).toBe(true); // an upload may be under way
    // one job per occurrence, whichever instance's cron pass created it
    const jobs = (
      (await t.deps.db.execute(
        sql`select count(*)::int as n, count(distinct date_trunc('minute', created_on))::int as occurrences from pgboss.job where name = ${LEFTOVER_FILES_QUEUE}`,
      )) as unknown as { rows: { n: number; occurrences: number }[] }
    ).rows[0];
    expect(jobs?.n).toBe(jobs?.occurrences);
    expect(jobs?.n).toBe(removed.length);
  }, 120_000);

  // PostgreSQL: several app processes start together on a database that has none of their queues yet
  it.skipIf(kind === 'pglite')('several engines started at once on a new database all start, each queue made once', async () => {
    const fresh = await createTestDatabase(kind, { role: 'app' });
    const pools: Database[] = [];
    const started: JobEngine[] = [];
    try {
      const queues = Array.from({ length: 12 }, (_, i) => `race-${i}`);
      const all = Array.from({ length: 4 }, () => {
        const d = wrapPool(new pg.Pool({ connectionString: fresh.url ?? '', max: 3 }), 'racing instance');
        pools.push(d);
        const e = new JobEngine(d, { pollSeconds: 5, onError: () => undefined });
        for (const name of queues) e.define({ name, retryLimit: 0, expireInSeconds: 60, run: async () => undefined });
        started.push(e);
        return e;
      });
      // before: pg-boss's create_queue of two processes deadlocked, and the losing process ran no background work
      const results = await Promise.allSettled(all.map((e) => e.start()));
      expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
      const rows = ((await fresh.db.execute(sql`select name from pgboss.queue where name like 'race-%' order by name`)) as unknown as { rows: { name: string }[] }).rows;
      expect(rows.map((r) => r.name).sort()).toEqual([...queues].sort());
    } finally {
      for (const e of started) await e.stop();
      for (const d of pools) await d.close();
      await fresh.close();
    }
  }, 120_000);
});
