/**
 * The nightly refresh of the targeting features on the job engine: scheduled at 02:30 北京时间 on a
 * `stately` queue, a run recomputes industry_proximity, industry_division_counts, region_industry_counts
 * and enterprise_growth_signals from the enterprise database and is audited with its counts. Enterprises as in test/targets/targets.test.ts: 650109
 * {38: 2, 32: 1}, 320505 {32, 38}, 440305 {32}, 650102 {44} → 3 大类, one pair each way (φ(32, 38) = 0.5).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobEngine } from '../../src/jobs/engine';
import { defineRelatednessJob, RELATEDNESS_QUEUE } from '../../src/jobs/relatedness-job';
import type { RelatednessRefresh } from '../../src/services/targets/industry-relatedness';
import { createTestApp, type TestApp } from '../helpers/app';
import { DATABASE_KINDS } from '../helpers/databases';
import { testEnterprise } from '../enterprises/fixtures';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(DATABASE_KINDS)('relatedness job on %s', (kind) => {
  let t: TestApp;
  let engine: JobEngine | undefined;

  beforeAll(async () => {
    t = await createTestApp(kind);
    await testEnterprise(t.deps, { regionCode: '650109', industryCode: '3825' });
    await testEnterprise(t.deps, { regionCode: '650109', industryCode: '3825' });
    await testEnterprise(t.deps, { regionCode: '650109', industryCode: '3218' });
    await testEnterprise(t.deps, { regionCode: '320505', industryCode: '3218' });
    await testEnterprise(t.deps, { regionCode: '320505', industryCode: '3825' });
    await testEnterprise(t.deps, { regionCode: '440305', industryCode: '3218' });
    await testEnterprise(t.deps, { regionCode: '650102', industryCode: '4416' });
  });
  afterAll(async () => {
    await engine?.stop();
    await t?.close();
  });

  it('is scheduled nightly at 02:30 on a stately queue, and a run refreshes relatedness and audits it', async () => {
    const done: RelatednessRefresh[] = [];
    engine = new JobEngine(t.database, { pollSeconds: 0.5, onError: () => undefined });
    await defineRelatednessJob(engine, t.deps, { onRefreshed: (r) => done.push(r) });
    await engine.start();
    const schedules = (await engine.pgBoss.getSchedules()).filter((s) => s.name === RELATEDNESS_QUEUE);
    expect(schedules.map((s) => [s.cron, s.options?.tz])).toEqual([['30 2 * * *', 'Asia/Shanghai']]);
    expect((await engine.pgBoss.getQueue(RELATEDNESS_QUEUE))?.policy).toBe('stately');

    await engine.send(RELATEDNESS_QUEUE, {});
    const end = Date.now() + 30_000;
    while (done.length === 0 && Date.now() < end) await sleep(50);
    // and the counts per region × code: 650109 {3825, 3218}, 320505 {3218, 3825}, 440305 {3218}, 650102 {4416}; no growth signal
    expect(done.map((r) => ({ divisions: r.divisions, pairs: r.pairs, regionIndustries: r.regionIndustries, growthSignals: r.growthSignals }))).toEqual([{ divisions: 3, pairs: 2, regionIndustries: 6, growthSignals: 0 }]);
    const pairs = ((await t.deps.db.execute('select industry_a, industry_b, phi from industry_proximity order by 1')) as unknown as { rows: { industry_a: string; industry_b: string; phi: number }[] }).rows;
    expect(pairs).toEqual([
      { industry_a: '32', industry_b: '38', phi: 0.5 },
      { industry_a: '38', industry_b: '32', phi: 0.5 },
    ]);
    const audits = ((await t.deps.db.execute(`select actor_username, after from audit_log where action = 'industryRelatedness.refresh'`)) as unknown as { rows: { actor_username: string; after: { divisions: number; pairs: number } }[] }).rows;
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actor_username: 'cli:relatedness-job', after: { divisions: 3, pairs: 2, regionIndustries: 6, growthSignals: 0 } });
  });
});
