/**
 * The briefings schedule on the job engine: daily at 08:00 北京时间 on a `stately` queue; a run on a
 * Monday creates the past week's draft for each region whose active accounts read briefings (not for
 * a region with only an administrator), and a second run creates nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BRIEFINGS_QUEUE, defineBriefingsJob } from '../../src/jobs/briefings-job';
import { JobEngine } from '../../src/jobs/engine';
import type { ScheduledRun } from '../../src/services/briefings/generate-briefings';
import { createTestApp, type TestApp } from '../helpers/app';
import { DATABASE_KINDS } from '../helpers/databases';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(DATABASE_KINDS)('briefings job on %s', (kind) => {
  let t: TestApp;
  let engine: JobEngine | undefined;

  beforeAll(async () => {
    t = await createTestApp(kind);
    await t.createAccount('job_officer', ['officer'], '650100');
    await t.createAccount('job_statistician', ['statistician'], '650109');
    await t.createAccount('job_admin', ['sysadmin'], '650102');
  });
  afterAll(async () => {
    await engine?.stop();
    await t?.close();
  });

  it('is scheduled daily at 08:00 Asia/Shanghai, creates one weekly draft per region with readers on a Monday, and re-runs add nothing', async () => {
    const runs: ScheduledRun[] = [];
    engine = new JobEngine(t.database, { pollSeconds: 0.5, onError: () => undefined });
    // Monday 2026-11-30 08:00 北京时间
    await defineBriefingsJob(engine, t.deps, { now: () => new Date('2026-11-30T00:00:00Z'), onGenerated: (r) => runs.push(r) });
    await engine.start();
    const schedules = (await engine.pgBoss.getSchedules()).filter((s) => s.name === BRIEFINGS_QUEUE);
    expect(schedules.map((s) => [s.cron, s.options?.tz])).toEqual([['0 8 * * *', 'Asia/Shanghai']]);
    expect((await engine.pgBoss.getQueue(BRIEFINGS_QUEUE))?.policy).toBe('stately');

    const runOnce = async () => {
      const before = runs.length;
      await engine!.send(BRIEFINGS_QUEUE, {});
      const end = Date.now() + 30_000;
      while (runs.length === before && Date.now() < end) await sleep(50);
      return runs[runs.length - 1]!;
    };
    const first = await runOnce();
    expect(first.kinds).toEqual(['weekly']);
    expect(first.created.map((c) => [c.regionCode, c.kind, c.periodStart]).sort()).toEqual([
      ['650100', 'weekly', '2026-11-23'],
      ['650109', 'weekly', '2026-11-23'],
    ]);
    const second = await runOnce();
    expect(second.created).toEqual([]);
    expect(second.skipped).toBe(2);
    const rows = ((await t.deps.db.execute(`select count(*)::int as n from briefings`)) as unknown as { rows: { n: number }[] }).rows;
    expect(rows[0]?.n).toBe(2);
    const audits = ((await t.deps.db.execute(`select actor_username from audit_log where action = 'briefing.generate'`)) as unknown as { rows: { actor_username: string }[] }).rows;
    expect(audits.map((a) => a.actor_username)).toEqual(['cli:briefings-schedule', 'cli:briefings-schedule']);
  });
});
