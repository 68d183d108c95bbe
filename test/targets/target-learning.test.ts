/**
 * The score learns from outcomes. History in 米东区 for node TL-U01 (3218): 15 firms already investing
 * in 米东区 were claimed and visited (successes), 15 firms without ties were claimed and dropped
 * (failures). Fitted on it, the weights put ties first, so a small firm with ties outranks a large
 * listed firm without — the reverse of the default weights. A scorer that ignored outcomes fails here.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/db/schema/index';
import { importChains } from '../../src/services/chains/import-chains';
import { createSystemCaller } from '../../src/services/context';
import { createProject } from '../../src/services/projects/projects';
import { changeTargetStatus, claimTarget } from '../../src/services/targets/target-claims';
import { collectTrainingExamples, fitTargetWeights } from '../../src/services/targets/target-learning';
import { JobEngine } from '../../src/jobs/engine';
import { defineTargetWeightsJob, TARGET_WEIGHTS_QUEUE } from '../../src/jobs/target-weights-job';
import { createTestApp, type TestApp } from '../helpers/app';
import { DATABASE_KINDS } from '../helpers/databases';
import { testEnterprise } from '../enterprises/fixtures';

const WAN = 10_000;
const CHAIN = ['产业链编码,产业链名称,节点编码,节点名称,上级节点编码,环节,行业代码,关键产品', 'TL,学习测试链,TL-U01,工业硅,,上游,3218,', 'TL,学习测试链,TL-M01,组件,,中游,3825,'].join('\n');

describe.each(DATABASE_KINDS)('learning target weights on %s', (kind) => {
  let t: TestApp;
  const sys = createSystemCaller('test');
  let officer = '';
  let big = '';
  let tied = '';

  beforeAll(async () => {
    t = await createTestApp(kind);
    expect((await importChains(t.deps, sys, Buffer.from(CHAIN), { fileName: 'tl.csv', regionCode: '650100' })).problems).toEqual([]);
    for (let i = 0; i < 30; i++) {
      const withTies = i % 2 === 0;
      const firm = await testEnterprise(t.deps, { regionCode: withTies ? '440305' : '320505', industryCode: '3218', registeredCapitalYuan: (1000 + i) * WAN });
      if (withTies) await createProject(t.deps, sys, { name: `在地项目${i}`, regionCode: '650109', source: 'outOfRegion', investorName: firm.name, investorCreditCode: firm.creditCode });
      const target = await claimTarget(t.deps, sys, { region: '650109', chain: 'TL', node: 'TL-U01', enterprise: firm.id });
      await changeTargetStatus(t.deps, sys, target.id, withTies ? { status: 'visited', version: 1 } : { status: 'dropped', reason: '无意向', version: 1 });
    }
    big = (await testEnterprise(t.deps, { regionCode: '320505', industryCode: '3218', registeredCapitalYuan: 100_000 * WAN, tags: ['上市'] })).id;
    const small = await testEnterprise(t.deps, { regionCode: '440305', industryCode: '3218', registeredCapitalYuan: 100 * WAN });
    await createProject(t.deps, sys, { name: '小企业的在地项目', regionCode: '650109', source: 'outOfRegion', investorName: small.name, investorCreditCode: small.creditCode });
    tied = small.id;
    await t.createAccount('tl_officer', ['officer'], '650109');
    officer = await t.login('tl_officer');
  });
  afterAll(() => t.close());

  const order = async () => {
    const res = await t.call('GET', '/api/targets/scored?chain=TL&node=TL-U01&limit=100', { cookie: officer });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { weightsSource: string; items: { enterprise: { id: string }; score: number }[] };
    const rank = (id: string) => body.items.findIndex((i) => i.enterprise.id === id);
    return { source: body.weightsSource, big: rank(big), tied: rank(tied) };
  };

  it('labels visited targets as successes and dropped ones as failures', async () => {
    const examples = await collectTrainingExamples(t.deps);
    expect(examples).toHaveLength(30);
    expect(examples.filter((e) => e.label === 1).every((e) => e.values.ties === 1)).toBe(true);
    expect(examples.filter((e) => e.label === 0).every((e) => e.values.ties === 0)).toBe(true);
  });

  it('ranks by the default weights before fitting, and by what worked after', async () => {
    const before = await order();
    expect(before.source).toBe('default');
    expect(before.big).toBeLessThan(before.tied); // 25 + 10 + 7 = 42 against 25 + 4 + 10 = 39
    const fit = await fitTargetWeights(t.deps, sys);
    expect(fit).toMatchObject({ fitted: true, examples: 30, positives: 15 });
    expect(fit.current.source).toBe('fitted');
    const w = fit.current.weights;
    expect(w.ties).toBeGreaterThan(Math.max(w.scale, w.tags, w.industryFit, w.productFit, w.relatedness, w.chainPull, w.growth));
    const after = await order();
    expect(after.source).toBe('fitted');
    expect(after.tied).toBeLessThan(after.big);
    const weights = await t.call('GET', '/api/targets/weights', { cookie: officer });
    // the first 21 claims train (11 with ties), the last 9 test (4 with ties): every ranking of 9 holds the same 4 → 44.44 %
    expect(weights.json()).toMatchObject({
      source: 'fitted',
      examples: 30,
      positives: 15,
      backtest: { train: { examples: 21, positives: 11 }, test: { examples: 9, positives: 4 }, precision: { at10: { fitted: 44.44, random: 44.44 } } },
    });
    const audit = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'investmentTarget.fit'));
    expect(audit).toHaveLength(1);
  });

  it('lets only the province level refit through the API', async () => {
    const res = await t.call('POST', '/api/targets/weights/fit', { cookie: officer });
    expect(res.statusCode).toBe(403); // an officer has no chains.manage
    await t.createAccount('tl_analyst_pref', ['analyst'], '650100');
    const pref = await t.call('POST', '/api/targets/weights/fit', { cookie: await t.login('tl_analyst_pref') });
    expect(pref.json()).toMatchObject({ error: { code: 'FORBIDDEN', message: '评分权重全系统共用，只能由省级重新拟合' } });
    await t.createAccount('tl_analyst_prov', ['analyst'], '650000');
    const prov = await t.call('POST', '/api/targets/weights/fit', { cookie: await t.login('tl_analyst_prov') });
    expect(prov.statusCode, prov.body).toBe(200);
  });

  it('refits weekly on the job engine (Mondays 03:00, one queue across processes)', async () => {
    const engine = new JobEngine(t.database, { pollSeconds: 0.5, onError: () => undefined });
    const fitted: boolean[] = [];
    try {
      await defineTargetWeightsJob(engine, t.deps, { onFitted: (f) => fitted.push(f) });
      await engine.start();
      const schedules = (await engine.pgBoss.getSchedules()).filter((x) => x.name === TARGET_WEIGHTS_QUEUE);
      expect(schedules.map((x) => [x.cron, x.options?.tz])).toEqual([['0 3 * * 1', 'Asia/Shanghai']]);
      await engine.send(TARGET_WEIGHTS_QUEUE, {});
      const end = Date.now() + 30_000;
      while (fitted.length === 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
      expect(fitted).toEqual([true]);
    } finally {
      await engine.stop();
    }
    const audit = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'investmentTarget.fit'));
    expect(audit.map((a) => a.actorUsername)).toContain('cli:target-weights-job');
  });
});
