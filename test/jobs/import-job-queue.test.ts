/**
 * Enterprise import jobs on the job engine: a job interrupted by a stopping process rolls back, goes
 * back to the queue with its file, and is run again (the engine's retry) by the next engine — once,
 * to the end; a job the engine hands over again after it ended is left alone (a retry never imports
 * twice).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobEngine } from '../../src/jobs/engine';
import { defineImportJobQueue, IMPORT_QUEUE } from '../../src/jobs/enterprise-imports/import-job-queue';
import { runQueuedImportJob } from '../../src/jobs/enterprise-imports/import-jobs';
import { createTestApp, type TestApp } from '../helpers/app';
import { DATABASE_KINDS } from '../helpers/databases';
import { enterpriseCsv, generatedRows } from '../enterprise-imports/helpers';

interface JobJson {
  id: string;
  status: string;
  progress: Record<string, unknown>;
  result: Record<string, unknown> | null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function count(t: TestApp, where: ReturnType<typeof sql>): Promise<number> {
  const res = (await t.deps.db.execute(sql`select count(*)::int as n from enterprises where ${where}`)) as unknown as { rows: { n: number }[] };
  return res.rows[0]?.n ?? 0;
}

describe.each(DATABASE_KINDS)('import jobs on the job engine on %s', (kind) => {
  let t: TestApp;
  let dir: string;
  let cookie: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yinfeng-job-queue-'));
    t = await createTestApp(kind, { YINFENG_DATA_DIR: dir });
    await t.createAccount('queue_officer', ['officer'], '650109');
    cookie = await t.login('queue_officer');
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const upload = (body: string, fileName: string) =>
    t.call('POST', `/api/import-jobs?fileName=${encodeURIComponent(fileName)}`, { cookie, body: Buffer.from(body), headers: { 'content-type': 'application/octet-stream' } });
  const getJob = async (id: string): Promise<JobJson> => (await t.call('GET', `/api/import-jobs/${id}`, { cookie })).json();
  const startEngine = async () => {
    const engine = new JobEngine(t.database, { pollSeconds: 0.5, onError: () => undefined });
    const queue = await defineImportJobQueue(engine, t.database, { keyThreads: 0 });
    await engine.start();
    await queue.recoverAtStart();
    return {
      engine,
      async stop() {
        queue.close();
        await engine.stop();
      },
    };
  };
  const until = async (done: () => Promise<boolean>, ms = 60_000) => {
    const end = Date.now() + ms;
    while (!(await done()) && Date.now() < end) await sleep(50);
  };

  it('a stopping process interrupts a running import: rolled back, back in the queue with its file; the next engine runs it once, to the end', async () => {
    const res = await upload(enterpriseCsv(generatedRows(20_000, 200_000)), '中断后重试.csv');
    expect(res.statusCode, res.body).toBe(202);
    const id = (res.json() as JobJson).id;
    const first = await startEngine();
    await until(async () => {
      const job = await getJob(id);
      return job.status === 'running' && Number(job.progress.rowsRead) > 0;
    });
    expect((await getJob(id)).status).toBe('running');
    await first.stop(); // as SIGTERM does
    const requeued = await getJob(id);
    expect(requeued.status).toBe('queued');
    expect(await count(t, sql`true`)).toBe(0);
    expect(fs.readdirSync(path.join(dir, 'imports'))).toEqual([id]);
    // the engine's own record: failed by the interruption, to be retried
    const engineJobs = (await t.deps.db.execute(
      sql`select state from pgboss.job where name = ${IMPORT_QUEUE} and data->>'importJobId' = ${id}`,
    )) as unknown as { rows: { state: string }[] };
    expect(engineJobs.rows.map((j) => j.state)).toEqual(['retry']);

    const second = await startEngine();
    try {
      await until(async () => (await getJob(id)).status !== 'queued' && (await getJob(id)).status !== 'running', 120_000);
    } finally {
      await second.stop();
    }
    const done = await getJob(id);
    expect(done.status).toBe('succeeded');
    expect(done.result).toMatchObject({ rows: 20_000, counts: { created: 20_000 } });
    expect(await count(t, sql`true`)).toBe(20_000);
    expect(fs.readdirSync(path.join(dir, 'imports'))).toEqual([]);
    const audits = (await t.deps.db.execute(sql`select action from audit_log where object_id = ${id} order by id`)) as unknown as { rows: { action: string }[] };
    expect(audits.rows.map((a) => a.action)).toEqual(['import_job.create', 'import_job.succeed']);
  }, 240_000);

  it('a job handed over again after it ended is left alone: a retry never imports twice', async () => {
    const [job] = ((await t.deps.db.execute(sql`select id, status, finished_at from import_jobs where status = 'succeeded' limit 1`)) as unknown as { rows: { id: string; finished_at: string }[] }).rows;
    if (!job) throw new Error('no finished job');
    expect(await runQueuedImportJob(t.database, job.id, { worker: 'retry-worker', keyThreads: 0 })).toBeUndefined();
    const after = ((await t.deps.db.execute(sql`select status, worker, finished_at from import_jobs where id = ${job.id}`)) as unknown as { rows: { status: string; worker: string; finished_at: string }[] }).rows[0];
    expect(after).toMatchObject({ status: 'succeeded', finished_at: job.finished_at });
    expect(after?.worker).not.toBe('retry-worker');
  });
});
