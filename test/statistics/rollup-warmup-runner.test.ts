/**
 * The background runner of the rollup warm-up: kicks are debounced into one warm-up, a bulk import
 * kicks it, two warm-ups never run at once, errors are reported and not thrown, and stop() ends
 * everything (no warm-up afterwards, none touching a closed database). Also its configuration.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/config';
import { selectStaleParts } from '../../src/db/queries/statistics-rollups';
import { RollupWarmupRunner, type RollupWarmupRunnerOptions } from '../../src/jobs/rollup-warmup-runner';
import { createSystemCaller } from '../../src/services/context';
import { addReceipt } from '../../src/services/funds';
import { announceRollupsStale, listenRollupsStale } from '../../src/services/funds-rollup-signal';
import { listHotRollupRanges } from '../../src/services/funds-rollup-warmup';
import { runImport } from '../../src/services/imports/run-import';
import { createProject } from '../../src/services/projects';
import { createTestApp, type TestApp } from '../helpers/app';
import { createTestDatabase, DATABASE_KINDS } from '../helpers/databases';

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

describe.each(DATABASE_KINDS)('rollup warm-up runner on %s', (kind) => {
  let t: TestApp;
  const sys = createSystemCaller('test');
  let projectId = '';
  let projectCode = '';
  const runners: RollupWarmupRunner[] = [];

  /** a runner counting its warm-ups; long timers unless a test sets short ones */
  const runner = (opts: RollupWarmupRunnerOptions = {}) => {
    const state = { warmed: 0, stopped: 0, errors: [] as unknown[] };
    const r = new RollupWarmupRunner(t.deps, {
      startDelayMs: 60_000,
      intervalMs: 60_000,
      kickDelayMs: 60_000,
      now: () => NOW,
      onError: (err) => state.errors.push(err),
      onWarmed: (result) => {
        state.warmed++;
        if (result.stopped) state.stopped++;
      },
      ...opts,
    });
    runners.push(r);
    return { r, state };
  };
  const staleHotParts = async () => {
    let n = 0;
    for (const range of listHotRollupRanges('2026-04')) n += (await selectStaleParts(t.deps.db, '/', range, 0)).length;
    return n;
  };
  /** waits until `done()` or gives up after `ms` (a busy machine gets time; no timing is asserted) */
  const until = async (done: () => boolean, ms = 20_000) => {
    const end = Date.now() + ms;
    while (!done() && Date.now() < end) await sleep(20);
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
    for (const r of runners) await r.stop();
    await t.close();
  });

  it('debounces kicks into one warm-up, which leaves no stale hot part', async () => {
    const { r, state } = runner({ kickDelayMs: 50 });
    r.start();
    expect(await staleHotParts()).toBeGreaterThan(0);
    for (let i = 0; i < 5; i++) r.kick();
    await until(() => state.warmed > 0);
    await sleep(300); // a second warm-up would have started by now
    expect(state).toEqual({ warmed: 1, stopped: 0, errors: [] });
    expect(await staleHotParts()).toBe(0);
    await r.stop();
  });

  it('ignores kicks before start and after stop', async () => {
    const { r, state } = runner({ kickDelayMs: 10, startDelayMs: 10 });
    r.kick();
    await sleep(100);
    r.start();
    await r.stop();
    r.kick();
    await sleep(200);
    expect(state.warmed).toBe(0);
  });

  it('is kicked by a workbook import of fund receipts, and not by a dry run', async () => {
    const heard: number[] = [];
    const stopListening = listenRollupsStale(() => heard.push(1));
    const file = (month: string) => Buffer.from(`项目编号,月份,金额(万元),备注\n${projectCode},${month},20,\n`);
    try {
      await runImport(t.deps, sys, file('2026-02'), { fileName: 'f.csv', dryRun: true });
      expect(heard).toHaveLength(0);

      const { r, state } = runner({ kickDelayMs: 50 });
      r.start();
      expect((await runImport(t.deps, sys, file('2026-03'), { fileName: 'f.csv' })).imported).toBe(true);
      expect(heard).toHaveLength(1);
      await until(() => state.warmed > 0);
      expect(state.warmed).toBe(1);
      expect(await staleHotParts()).toBe(0);
      await r.stop();
    } finally {
      stopListening();
    }
  });

  it('never runs two warm-ups at once: a second request waits and asks for one more afterwards', async () => {
    await addReceipt(t.deps, sys, projectId, { month: '2026-04', amountYuan: 5 * WAN });
    const { r, state } = runner({ kickDelayMs: 50 });
    r.start();
    await Promise.all([r.warmNow(), r.warmNow()]);
    expect(state.warmed).toBe(1);
    await until(() => state.warmed > 1); // the one asked for afterwards
    expect(state.warmed).toBe(2);
    expect(state.errors).toEqual([]);
    await r.stop();
  });

  it('stops a running warm-up at its next batch and does nothing after stop()', async () => {
    await addReceipt(t.deps, sys, projectId, { month: '2025-04', amountYuan: 7 * WAN });
    const { r, state } = runner({ partsPerBatch: 1, intervalMs: 20 });
    r.start();
    const running = r.warmNow();
    await r.stop();
    await running;
    expect(state).toMatchObject({ warmed: 1, stopped: 1 });
    await sleep(200); // the 20 ms interval would have run again
    expect(state.warmed).toBe(1);
    expect(state.errors).toEqual([]);
  });

  it('reports errors instead of throwing them, and keeps its timers off a closed database', async () => {
    const database = await createTestDatabase(kind);
    const errors: unknown[] = [];
    let warmed = 0;
    const r = new RollupWarmupRunner({ db: database.db, config: t.config }, { startDelayMs: 10, intervalMs: 10, kickDelayMs: 10, now: () => NOW, onError: (e) => errors.push(e), onWarmed: () => warmed++ });
    r.start();
    await until(() => warmed > 0);
    await r.stop();
    await database.close();
    announceRollupsStale();
    await sleep(100);
    expect(errors).toEqual([]);

    // a warm-up on a closed database: reported, not thrown
    const broken = new RollupWarmupRunner({ db: database.db, config: t.config }, { now: () => NOW, onError: (e) => errors.push(e) });
    await expect(broken.warmNow()).resolves.toBeUndefined();
    expect(errors).toHaveLength(1);
  });
});
