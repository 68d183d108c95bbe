/**
 * `Idempotency-Key` (issue 15 item 4): a retried write with the same key is answered again and never applied
 * twice — receipt entry, stage changes and imports — whether the first answer arrived or was lost after the
 * commit; the same key with another request is refused; a refused request leaves the key free.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSystemCaller } from '../../src/services/context';
import { defineIdempotencyExpiryJob, IDEMPOTENCY_EXPIRY_QUEUE } from '../../src/jobs/idempotency-expiry-job';
import { JobEngine } from '../../src/jobs/engine';
import { expireIdempotencyKeys } from '../../src/services/idempotency/idempotency';
import { createProject } from '../../src/services/projects/projects';
import { createTestApp, type TestApp } from '../helpers/app';
import { DATABASE_KINDS } from '../helpers/databases';

describe.each(DATABASE_KINDS)('idempotent writes on %s', (kind) => {
  let t: TestApp;
  let officer: string;
  let statistician: string;
  let other: string;
  const sys = createSystemCaller('test');

  beforeAll(async () => {
    t = await createTestApp(kind);
    await t.createAccount('idem_officer', ['officer'], '650109');
    await t.createAccount('idem_statistician', ['statistician'], '650109');
    await t.createAccount('idem_other', ['statistician'], '650109');
    officer = await t.login('idem_officer');
    statistician = await t.login('idem_statistician');
    other = await t.login('idem_other');
  });
  afterAll(() => t.close());

  const count = async (statement: ReturnType<typeof sql>) => Number(((await t.database.db.execute(statement)) as unknown as { rows: { n: number }[] }).rows[0]?.n);
  const newProject = async (name: string) => (await createProject(t.deps, sys, { name, regionCode: '650109', source: 'local', stage: 'lead' })).id;
  const addReceipt = (projectId: string, key: string | null, body: unknown, cookie = statistician) =>
    t.call('POST', `/api/projects/${projectId}/receipts`, { cookie, body, headers: key ? { 'idempotency-key': key } : {} });

  it('a receipt sent twice with one key is entered once; the retry gets the first answer again', async () => {
    const projectId = await newProject('幂等到位资金');
    const first = await addReceipt(projectId, 'receipt-key-0001', { month: '2026-03', amountYuan: 1_200_000 });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const retry = await addReceipt(projectId, 'receipt-key-0001', { month: '2026-03', amountYuan: 1_200_000 });
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json()).toEqual(first.json());
    expect(await count(sql`select count(*)::int as n from fund_receipts where project_id = ${projectId}`)).toBe(1);
    expect(await count(sql`select count(*)::int as n from audit_log where action = 'funds.create' and object_id = ${(first.json() as { id: string }).id}`)).toBe(1);
  });

  it('the same key with another body or on another route is refused (422) and changes nothing', async () => {
    const projectId = await newProject('幂等键重用');
    expect((await addReceipt(projectId, 'receipt-key-0002', { month: '2026-03', amountYuan: 100 })).statusCode).toBe(201);
    const otherBody = await addReceipt(projectId, 'receipt-key-0002', { month: '2026-04', amountYuan: 100 });
    expect(otherBody.statusCode).toBe(422);
    expect(otherBody.json()).toMatchObject({ error: { code: 'IDEMPOTENCY_KEY_REUSED' } });
    expect(otherBody.json().error.message).toContain('receipt-key-0002');
    expect(await count(sql`select count(*)::int as n from fund_receipts where project_id = ${projectId}`)).toBe(1);
    // another user's key is their own
    const theirs = await addReceipt(projectId, 'receipt-key-0002', { month: '2026-05', amountYuan: 100 }, other);
    expect(theirs.statusCode, theirs.body).toBe(201);
  });

  it('a refused write does not use up its key: the corrected request under the same key runs', async () => {
    const projectId = await newProject('幂等拒绝');
    const refused = await addReceipt(projectId, 'receipt-key-0003', { month: '2026-03', amountYuan: -5 });
    expect(refused.statusCode).toBe(400);
    expect(await count(sql`select count(*)::int as n from idempotency_keys where key = 'receipt-key-0003'`)).toBe(0);
    const same = await addReceipt(projectId, 'receipt-key-0003', { month: '2026-03', amountYuan: 5 });
    expect(same.statusCode, same.body).toBe(201);
  });

  it('when the answer was lost after the commit, the retry is refused as already applied (409), not applied again', async () => {
    const projectId = await newProject('幂等丢失回答');
    const first = await addReceipt(projectId, 'receipt-key-0004', { month: '2026-03', amountYuan: 700 });
    expect(first.statusCode).toBe(201);
    // what a connection cut between the commit and the answer leaves: the key, without the answer
    await t.database.db.execute(sql`update idempotency_keys set response_status = null, response_body = null where key = 'receipt-key-0004'`);
    const retry = await addReceipt(projectId, 'receipt-key-0004', { month: '2026-03', amountYuan: 700 });
    expect(retry.statusCode).toBe(409);
    expect(retry.json()).toMatchObject({ error: { code: 'IDEMPOTENT_APPLIED' } });
    expect(retry.json().error.message).toContain('已经执行过并已保存');
    expect(await count(sql`select count(*)::int as n from fund_receipts where project_id = ${projectId}`)).toBe(1);
  });

  it('two stage changes racing with one key: one applies, the other is answered without applying', async () => {
    const projectId = await newProject('幂等阶段');
    const version = Number(((await t.call('GET', `/api/projects/${projectId}`, { cookie: officer })).json() as { version: number }).version);
    const send = () =>
      t.call('POST', `/api/projects/${projectId}/stage`, { cookie: officer, body: { to: 'terminated', terminationReason: '投资方撤回', version }, headers: { 'idempotency-key': 'stage-key-0001' } });
    const answers = await Promise.all([send(), send()]);
    const applied = answers.filter((a) => a.statusCode === 200 && a.headers['idempotent-replayed'] === undefined);
    expect(applied, answers.map((a) => a.body).join(' | ')).toHaveLength(1);
    // the other one came after the commit (the first answer again), or ran beside it and was refused: as already
    // applied when it reached the key, or by the project's version when the version check came first
    const loser = answers.find((a) => a !== applied[0]);
    if (loser?.statusCode === 200) expect(loser.headers['idempotent-replayed']).toBe('true');
    else expect(['IDEMPOTENT_APPLIED', 'VERSION_CONFLICT']).toContain(loser?.json().error.code);
    expect(await count(sql`select count(*)::int as n from project_stage_history where project_id = ${projectId} and to_stage = 'terminated'`)).toBe(1);
  });

  it('an import sent twice with one key imports once', async () => {
    const csv = ['项目编号,项目名称,地区代码,资金来源,阶段', 'IDEM-1,幂等导入项目,650109,区内,线索'].join('\n');
    const send = () =>
      t.call('POST', '/api/imports', {
        cookie: officer,
        body: Buffer.from(csv),
        headers: { 'content-type': 'text/csv', 'x-file-name': encodeURIComponent('projects.csv'), 'idempotency-key': 'import-key-0001' },
      });
    const first = await send();
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ imported: true, counts: { projects: { created: 1 } } });
    const retry = await send();
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json()).toEqual(first.json());
    expect(await count(sql`select count(*)::int as n from projects where code = 'IDEM-1'`)).toBe(1);
    expect(await count(sql`select count(*)::int as n from audit_log where action = 'import.run' and actor_username = 'idem_officer'`)).toBe(1);
  });

  it('a malformed key is a 400 naming the header; keys older than a day are forgotten', async () => {
    const projectId = await newProject('幂等键格式');
    const bad = await addReceipt(projectId, 'short', { month: '2026-03', amountYuan: 1 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('Idempotency-Key');
    await t.database.db.execute(sql`update idempotency_keys set created_at = now() - interval '25 hours' where key = 'receipt-key-0001'`);
    expect(await expireIdempotencyKeys(t.deps.db)).toBeGreaterThanOrEqual(1);
    expect(await count(sql`select count(*)::int as n from idempotency_keys where key = 'receipt-key-0001'`)).toBe(0);
  });

  it('the hourly job on the engine forgets keys older than a day and keeps the others', async () => {
    const projectId = await newProject('幂等键过期任务');
    expect((await addReceipt(projectId, 'expiry-old-0001', { month: '2026-04', amountYuan: 1 })).statusCode).toBe(201);
    expect((await addReceipt(projectId, 'expiry-new-0001', { month: '2026-05', amountYuan: 1 })).statusCode).toBe(201);
    await t.database.db.execute(sql`update idempotency_keys set created_at = now() - interval '25 hours' where key = 'expiry-old-0001'`);
    const forgotten: number[] = [];
    const engine = new JobEngine(t.database, { pollSeconds: 0.5, onError: () => undefined });
    try {
      await defineIdempotencyExpiryJob(engine, t.deps, { onExpired: (n) => forgotten.push(n) });
      await engine.start();
      const schedules = (await engine.pgBoss.getSchedules()).filter((s) => s.name === IDEMPOTENCY_EXPIRY_QUEUE);
      expect(schedules.map((s) => [s.cron, s.options?.tz])).toEqual([['41 * * * *', 'Asia/Shanghai']]);
      await engine.send(IDEMPOTENCY_EXPIRY_QUEUE, {});
      const end = Date.now() + 30_000;
      while (forgotten.length === 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    } finally {
      await engine.stop();
    }
    expect(forgotten).toEqual([1]);
    expect(await count(sql`select count(*)::int as n from idempotency_keys where key = 'expiry-old-0001'`)).toBe(0);
    expect(await count(sql`select count(*)::int as n from idempotency_keys where key = 'expiry-new-0001'`)).toBe(1);
  });
});
