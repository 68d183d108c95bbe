/**
 * Enterprise import jobs on the job engine. The import_jobs row stays what the API and the UI read
 * (status, progress, cancel, result); the engine carries one job per row (its id is the row's id)
 * to one worker of one process:
 * - queued by the upload (announceImportJobQueued), and by the recovery pass for rows queued while
 *   no engine heard it (sending the same id twice is ignored);
 * - the handler claims the row (queued → running) and runs it: a row that is not queued any more
 *   (ended, cancelled, running elsewhere) is left alone, so a retried or duplicate engine job can
 *   never import twice;
 * - retried only after an interruption: the process stopping (SIGTERM) rolls the import back (one
 *   transaction: nothing was committed) and puts the row back in the queue, and the engine runs it
 *   again, in this process after a restart or in another one. An import that failed or committed is
 *   finished in its row and never retried;
 * - the recovery pass (every minute, one process) fails rows whose process died mid-import (no
 *   heartbeat for a minute): nothing of them was committed, and the person re-imports.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { Database } from '../../db/client';
import { selectQueuedImportJobIds } from '../../db/queries/enterprise-imports/import-jobs';
import { listenImportJobQueued } from '../../services/enterprise-imports/import-job-signal';
import type { JobEngine } from '../engine';
import { failStaleImportJobsOf, runQueuedImportJob } from './import-jobs';

export const IMPORT_QUEUE = 'enterprise-import';
export const IMPORT_RECOVERY_QUEUE = 'import-job-recovery';

export interface ImportJobQueueOptions {
  /** the row's heartbeat; default 5 s */
  heartbeatMs?: number;
  /** a running row of another process without a heartbeat for this long is failed; default 60 s */
  staleSeconds?: number;
  keyThreads?: number;
  /** the recovery pass's schedule; default every minute */
  recoveryCron?: string;
}

export interface ImportJobQueue {
  worker: string;
  /** after engine.start(): fails the running rows a dead process left, queues the queued ones */
  recoverAtStart(): Promise<void>;
  /** stops listening for new uploads */
  close(): void;
}

/** Defines the import queue and its recovery schedule on `engine` (before engine.start()). */
export async function defineImportJobQueue(engine: JobEngine, database: Database, opts: ImportJobQueueOptions = {}): Promise<ImportJobQueue> {
  const worker = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const staleSeconds = opts.staleSeconds ?? 60;
  engine.define<{ importJobId: string }>({
    name: IMPORT_QUEUE,
    retryLimit: 100, // interruptions only (see above); each retry finds the row queued or leaves it alone
    retryDelaySeconds: 5,
    retryBackoff: true,
    // a lost run (its process died) is failed in its row by the recovery pass long before this
    expireInSeconds: 6 * 3600,
    run: async ({ importJobId }, job) => {
      await runQueuedImportJob(database, importJobId, {
        worker,
        heartbeatMs: opts.heartbeatMs,
        keyThreads: opts.keyThreads,
        interrupted: job.stopping,
      });
    },
  });
  const enqueue = (id: string) => engine.send(IMPORT_QUEUE, { importJobId: id }, { id });
  engine.define({
    name: IMPORT_RECOVERY_QUEUE,
    policy: 'stately',
    retryLimit: 0, // the next occurrence is the retry
    expireInSeconds: 600,
    run: async () => {
      await failStaleImportJobsOf(database, { worker, staleSeconds, all: false });
      for (const id of await selectQueuedImportJobIds(database.db)) await enqueue(id);
    },
  });
  await engine.schedule({ queue: IMPORT_RECOVERY_QUEUE, cron: opts.recoveryCron ?? '* * * * *' });
  const unlisten = listenImportJobQueued((id) => {
    enqueue(id).catch((err: unknown) => console.error(`导入任务 ${id} 排队失败（稍后自动重试）：`, err));
  });
  return {
    worker,
    async recoverAtStart() {
      // embedded PGlite lets one process in: every running row of another worker is dead
      await failStaleImportJobsOf(database, { worker, staleSeconds, all: database.kind === 'pglite' });
      for (const id of await selectQueuedImportJobIds(database.db)) await enqueue(id);
    },
    close: unlisten,
  };
}
