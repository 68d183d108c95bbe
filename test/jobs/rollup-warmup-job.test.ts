/**
 * The rollup warm-up on the job engine: kicks collapse into one warm-up (at most one waiting and one
 * running: the queue is `stately`), a bulk import kicks it, two app instances on one database warm up once per
 * kick, and a stopping engine stops a running warm-up at its next batch. Also its configuration.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/config';
import { wrapPool, type Database } from '../../src/db/client';
import { selectStaleParts } from '../../src/db/queries/statistics/statistics-rollups';
import { JobEngine } from '../../src/jobs/engine';
import { defineRollupWarmupJob, ROLLUP_WARMUP_QUEUE, type RollupWarmupJobOptions } from '../../src/jobs/rollup-warmup-job';
import { createSystemCaller } from '../../src/services/context';
import { addReceipt } from '../../src/services/funds/funds';
import { listenRollupsStale } from '../../src/services/funds/funds-rollup-signal';
import { listHotRollupRanges } from '../../src/services/funds/funds-rollup-warmup';
import { runImport } from '../../src/services/imports/run-import';
import { createProject } from '../../src/services/projects/projects';
import { createTestApp, type TestApp } from '../helpers/app';
import { DATABASE_KINDS } from '../helpers/databases';

const WAN = 10_000;
const NOW = new Date('2026-04-10T10:00:00+08:00');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('rollup warm-up configuration', () => {
  it('is on every 5 minutes by default, can be turned off or slowed, and refuses bad values naming the variable', () => {
    expect(loadConfig({}).rollupWarmup).toEqual({ enabled: true, intervalMinutes: 5 });
    expect(loadConfig({ YINFENG_ROLLUP_WARMUP: 'off', YINFENG_ROLLUP_WARMUP_MINUTES: '30' }).rollupWarmup).toEqual({ enabled: false, intervalMinutes: 30 });
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig(env);
      } catch (err) {
        if (err instanceof ConfigError) return err.problems;
        throw err;
      }
      return [];
    };
    expect(problems({ YINFENG_ROLLUP_WARMUP: 'sometimes' })).toEqual(['YINFENG_ROLLUP_WARMUP 须为 true 或 false，当前为 "sometimes"']);
    expect(problems({ YINFENG_ROLLUP_WARMUP_MINUTES: '0' })).toEqual(['YINFENG_ROLLUP_WARMUP_MINUTES 须为 1–1440 之间的整数，当前为 "0"']);
  });
});

describe.each(DATABASE_KINDS)('rollup warm-up job on %s', (kind) => {
  let t: TestApp;
  const sys = createSystemCaller('test');
  let projectId = '';
  let projectCode = '';
  const running: { stop(): Promise<void> }[] = [];
  const extra: Database[] = [];

  /** one app instance's engine with the warm-up, counting its warm-ups; stopped after each test */
  const instance = async (database: Database, opts: Partial<RollupWarmupJobOptions> = {}) => {
    const state = { warmed: 0, stopped: 0 };
    const engine = new JobEngine(database, { pollSeconds: 0.5, onError: () => undefined });
    const job = await defineRollupWarmupJob(engine, { db: database.db, config: t.config }, {
      // daily: an hourly schedule fires at the full hour and adds a warm-up to a count taken across it (seen in CI at 18:00)
      intervalMinutes: 1440,
      kickDelaySeconds: 1,
      now: () => NOW,
      onWarmed: (result) => {
        state.warmed++;
        if (result.stopped) state.stopped++;
      },
      ...opts,
    });
    await engine.start();
    const handle = {
      engine,
      job,
      state,
      async stop() {
        job.close();
        await engine.stop();
      },
    };
    running.push(handle);
    return handle;
  };
  /** a second app process's connection to the same database (PGlite: the one embedded connection) */
  const secondDatabase = (): Database => {
    if (t.database.kind === 'pglite' || !t.database.url) return t.database;
    const d = wrapPool(new pg.Pool({ connectionString: t.database.url, max: 3 }), 'second instance');
    extra.push(d);
    return d;
  };
  const staleHotParts = async () => {
    let n = 0;
    for (const range of listHotRollupRanges('2026-04')) n += (await selectStaleParts(t.deps.db, '/', range, 0)).length;
    return n;
  };
  /** waits until `done()` or gives up after `ms` (a busy machine gets time; no timing is asserted) */
  const until = async (done: () => boolean, ms = 30_000) => {
    const end = Date.now() + ms;
    while (!done() && Date.now() < end) await sleep(50);
  };
  const stopAll = async () => {
    for (const r of running.splice(0)) await r.stop();
    await t.deps.db.execute(`delete from pgboss.job where name = '${ROLLUP_WARMUP_QUEUE}'`);
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    const p = await createProject(t.deps, sys, { name: '预热调度测试项目', regionCode: '650109', source: 'local' });
    projectId = p.id;
    projectCode = p.code;
    await createProject(t.deps, sys, { name: '预热调度测试项目二', regionCode: '650102', source: 'local' });
    await addReceipt(t.deps, sys, p.id, { month: '2026-01', amountYuan: 10 * WAN });
  });
  afterAll(async () => {
    await stopAll();
    for (const d of extra) await d.close();
    await t?.close();
  });

  it('collapses kicks into one warm-up, which leaves no stale hot part; schedules the regular check', async () => {
    const { job, state, engine } = await instance(t.database, { intervalMinutes: 60 });
    expect(await staleHotParts()).toBeGreaterThan(0);
    const sent = [];
    for (let i = 0; i < 5; i++) sent.push(await job.kick());
    expect(sent.filter((id) => id !== null)).toHaveLength(1); // one waiting warm-up at most
    await until(() => state.warmed > 0);
    await sleep(1500); // a second warm-up would have started by now
    expect(state).toEqual({ warmed: 1, stopped: 0 });
    expect(await staleHotParts()).toBe(0);
    const schedules = (await engine.pgBoss.getSchedules()).filter((s) => s.name === ROLLUP_WARMUP_QUEUE);
    expect(schedules.map((s) => s.cron)).toEqual(['0 * * * *']);
    // at most one waiting and one running across every process: a kick during a run asks for exactly one more
    expect((await engine.pgBoss.getQueue(ROLLUP_WARMUP_QUEUE))?.policy).toBe('stately');
    await stopAll();
  });

  it('two app instances on one database: one warm-up per kick, whichever instance was kicked', async () => {
    await addReceipt(t.deps, sys, projectId, { month: '2026-02', amountYuan: 3 * WAN });
    const a = await instance(t.database);
    const b = await instance(secondDatabase());
    await a.job.kick();
    await b.job.kick();
    await until(() => a.state.warmed + b.state.warmed > 0);
    await sleep(2000); // a second warm-up would have started by now
    expect(a.state.warmed + b.state.warmed).toBe(1);
    expect(await staleHotParts()).toBe(0);
    await stopAll();
  });

  it('is kicked by a workbook import of fund receipts, and not by a dry run', async () => {
    const heard: number[] = [];
    const stopListening = listenRollupsStale(() => heard.push(1));
    const file = (month: string) => Buffer.from(`项目编号,月份,金额(万元),备注\n${projectCode},${month},20,\n`);
    try {
      const { state } = await instance(t.database);
      await runImport(t.deps, sys, file('2026-02'), { fileName: 'f.csv', dryRun: true });
      await sleep(2000);
      expect(heard).toHaveLength(0);
      expect(state.warmed).toBe(0);
      expect((await runImport(t.deps, sys, file('2026-03'), { fileName: 'f.csv' })).imported).toBe(true);
      expect(heard).toHaveLength(1);
      await until(() => state.warmed > 0);
      expect(state.warmed).toBe(1);
      expect(await staleHotParts()).toBe(0);
    } finally {
      stopListening();
      await stopAll();
    }
  });

  it('a stopping engine stops a running warm-up at its next batch; nothing runs after stop()', async () => {
    await addReceipt(t.deps, sys, projectId, { month: '2025-05', amountYuan: 7 * WAN });
    // the stop arrives once the warm-up has begun (it reads the clock first): on PGlite a warm-up's
    // queries leave no turn to a timer, so a test polling for "running" would see it only at the end
    let stopping: Promise<void> | null = null;
    const r = await instance(t.database, {
      partsPerBatch: 1,
      kickDelaySeconds: 0,
      now: () => {
        stopping ??= stopAll();
        return NOW;
      },
    });
    await r.job.kick();
    await until(() => r.state.warmed > 0, 10_000);
    await stopping;
    expect(r.state).toEqual({ warmed: 1, stopped: 1 }); // cut short, and says so
    expect(await staleHotParts()).toBeGreaterThan(0);
    await sleep(1500);
    expect(r.state.warmed).toBe(1); // nothing runs after stop()
  });
});
