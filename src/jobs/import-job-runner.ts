/**
 * The in-process runner of background import jobs, over the import_jobs table.
 *
 * Why our own table and not pg-boss (which DESIGN.md lists): the state a person needs — status,
 * progress, cancel flag, result and rejected rows — has to live in a row that region-scoped API
 * queries read and the audit trail refers to, so import_jobs exists either way; pg-boss would add
 * a second schema with its own migrations, maintenance timers and polling on top, for one kind of
 * job run one at a time. What a queue must guarantee here fits in a few statements: claiming with
 * `for update skip locked` (several app processes on one PostgreSQL never take the same job), a
 * heartbeat, and failing jobs whose heartbeat stopped. It works unchanged on embedded PGlite.
 *
 * One job at a time per process. A job's file is removed when the job ends (succeeded, failed,
 * cancelled); on a clean shutdown the running job rolls back and goes back to the queue, keeping
 * its file. Timers are unref'd: a runner never keeps a process (or a test) alive by itself.
 */
import { randomUUID } from 'node:crypto';
import type { AuditAction } from '../domain/audit-actions';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Config } from '../config/config';
import { importFilesDir } from '../config/data-paths';
import type { Database } from '../db/client';
import {
  claimNextImportJob,
  failStaleImportJobs,
  finishImportJob,
  requeueImportJob,
  selectImportJob,
  selectLiveImportFilePaths,
  updateImportJobProgress,
  type ImportJobRow,
  type ImportJobWithPath,
} from '../db/queries/import-jobs';
import { selectUserById } from '../db/queries/users';
import { isAppError } from '../domain/app-error';
import { isRole, listPermissions } from '../domain/roles';
import { recordAudit } from '../services/audit';
import { createSystemCaller, type Caller } from '../services/context';
import { runEnterpriseImportJob } from './enterprise-import-job';
import { JobCancelled, JobInterrupted, JobProgress, type JobProgressState } from './job-progress';

export const IMPORT_JOB_KINDS = ['enterprises'] as const;

export interface ExecuteJobOptions {
  /** the audit rows' actor; default: the job's creator */
  caller?: Caller;
  worker: string;
  heartbeatMs?: number;
  keyThreads?: number;
  /** rows per COPY and per merged chunk (tests use small ones) */
  stageRows?: number;
  chunkRows?: number;
  /** true when the process is stopping: the job goes back to the queue */
  interrupted?: () => boolean;
  /** every progress report (the CLI prints a line) */
  onProgress?: (state: JobProgressState) => void;
}

/** The job's creator as a caller (the runner acts for them: audit rows name them). */
export async function callerForJob(database: Database, job: ImportJobRow): Promise<Caller> {
  const user = await selectUserById(database.db, job.createdBy);
  if (!user) return createSystemCaller('import-job');
  const roles = user.roles.filter(isRole);
  return {
    actor: {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      roles,
      permissions: listPermissions(roles),
      regionCode: user.regionCode,
      regionPath: user.regionPath,
    },
    clientIp: null,
    requestId: null,
  };
}

async function removeFile(file: string): Promise<void> {
  await fs.promises.rm(file, { force: true });
}

function describeFailure(err: unknown): string {
  if (isAppError(err)) return err.message;
  const message = err instanceof Error ? err.message : String(err);
  return `导入失败，没有写入任何数据：${message}`;
}

/**
 * Runs a job that is already `running` for `opts.worker` to its end and returns the row as it
 * ended (or back in the queue when interrupted).
 */
export async function executeImportJob(database: Database, job: ImportJobRow, opts: ExecuteJobOptions): Promise<ImportJobWithPath | undefined> {
  const db = database.db;
  const caller = opts.caller ?? (await callerForJob(database, job));
  const progress = new JobProgress(db, job.id, job.fileBytes, opts.interrupted ?? (() => false), 500, opts.onProgress);
  const heartbeat = setInterval(() => {
    updateImportJobProgress(db, job.id, null)
      .then((cancel) => progress.noteCancel(cancel))
      .catch(() => undefined); // the next heartbeat tries again
  }, opts.heartbeatMs ?? 5_000);
  heartbeat.unref();
  const audit = (action: AuditAction, after: Record<string, unknown>, reason?: string) =>
    recordAudit(db, caller, { action, objectType: 'import_job', objectId: job.id, regionCode: job.regionCode, after: { kind: job.kind, fileName: job.fileName, ...after }, reason });
  try {
    if (!(IMPORT_JOB_KINDS as readonly string[]).includes(job.kind)) throw new Error(`不支持的导入类型“${job.kind}”`);
    const outcome = await runEnterpriseImportJob({ database, job, caller, progress, keyThreads: opts.keyThreads, stageRows: opts.stageRows, chunkRows: opts.chunkRows });
    if (outcome.status === 'succeeded' && !outcome.written) {
      // a dry run: counted, rolled back
      await finishImportJob(db, job.id, { status: 'succeeded', result: outcome.result, progress: { ...progress.state, phase: 'done' } });
      await audit('import_job.succeed', { dryRun: true, rows: outcome.result.rows, counts: outcome.result.counts });
    } else if (outcome.status === 'failed') {
      await finishImportJob(db, job.id, { status: 'failed', result: outcome.result, error: outcome.error, progress: { ...progress.state, phase: 'done' } });
      await audit('import_job.fail', { rows: outcome.result?.rows, rejectedTotal: outcome.result?.rejectedTotal }, outcome.error);
    }
    await removeFile(job.filePath);
  } catch (err) {
    if (err instanceof JobInterrupted) {
      await requeueImportJob(db, job.id, opts.worker, { phase: 'queued', fileBytes: job.fileBytes });
    } else if (err instanceof JobCancelled) {
      await finishImportJob(db, job.id, { status: 'cancelled', progress: { ...progress.state, phase: 'done' } });
      await audit('import_job.cancel', { rowsRead: progress.state.rowsRead, phase: progress.state.phase });
      await removeFile(job.filePath);
    } else {
      const error = describeFailure(err);
      await finishImportJob(db, job.id, { status: 'failed', error, progress: { ...progress.state, phase: 'done' } });
      await audit('import_job.fail', { rowsRead: progress.state.rowsRead }, error);
      await removeFile(job.filePath);
      if (!isAppError(err)) console.error(`导入任务 ${job.id} 失败：`, err);
    }
  } finally {
    clearInterval(heartbeat);
  }
  return selectImportJob(db, job.id);
}

export interface ImportJobRunnerOptions {
  /** how often to look for queued jobs; default 2 s */
  pollMs?: number;
  heartbeatMs?: number;
  /** a running job of another process without a heartbeat for this long is failed; default 60 s */
  staleSeconds?: number;
  keyThreads?: number;
  onError?: (err: unknown) => void;
}

export class ImportJobRunner {
  readonly worker = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private stopping = false;
  private loop: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;

  constructor(
    private readonly database: Database,
    private readonly config: Config,
    private readonly opts: ImportJobRunnerOptions = {},
  ) {}

  /** Fails jobs of dead processes, removes orphaned upload files, then polls for queued jobs. */
  start(): void {
    if (this.loop) return;
    this.stopping = false;
    this.loop = this.run();
  }

  /** Looks for a queued job now instead of at the next poll. */
  wake(): void {
    this.wakeUp?.();
  }

  /** Stops polling; a running job rolls back and returns to the queue. Resolves when idle. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wakeUp?.();
    await this.loop;
    this.loop = null;
  }

  private report(err: unknown): void {
    (this.opts.onError ?? ((e: unknown) => console.error('导入任务调度出错：', e)))(err);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      timer.unref();
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = done;
    });
  }

  /** Fails running jobs left by a process that is gone, and removes their files. */
  async recoverStale(atStart: boolean): Promise<ImportJobRow[]> {
    const failed = await failStaleImportJobs(this.database.db, {
      worker: this.worker,
      staleSeconds: this.opts.staleSeconds ?? 60,
      // embedded PGlite: the data directory lock lets one process in, so a running job of another worker is dead
      all: atStart && this.database.kind === 'pglite',
      error: '处理该导入的进程已停止（服务重启或意外退出），导入未完成，没有写入任何数据；请重新导入',
    });
    for (const job of failed) {
      await removeFile(job.filePath);
      await recordAudit(this.database.db, await callerForJob(this.database, job), {
        action: 'import_job.fail',
        objectType: 'import_job',
        objectId: job.id,
        regionCode: job.regionCode,
        after: { kind: job.kind, fileName: job.fileName },
        reason: job.error,
      });
    }
    return failed;
  }

  /** Upload files that no queued or running job needs (left by a crash), older than an hour. */
  async removeOrphanFiles(): Promise<number> {
    const dir = importFilesDir(this.config);
    let names: string[];
    try {
      names = await fs.promises.readdir(dir);
    } catch {
      return 0;
    }
    const live = await selectLiveImportFilePaths(this.database.db);
    let removed = 0;
    for (const name of names) {
      const file = path.join(dir, name);
      if (live.has(file)) continue;
      const stat = await fs.promises.stat(file).catch(() => null);
      if (!stat?.isFile() || Date.now() - stat.mtimeMs < 3_600_000) continue; // an upload may be under way
      await removeFile(file);
      removed++;
    }
    return removed;
  }

  /** Claims and runs one queued job; false when there was none. */
  async runNext(): Promise<boolean> {
    const job = await claimNextImportJob(this.database.db, 'enterprises', this.worker);
    if (!job) return false;
    await executeImportJob(this.database, job, {
      worker: this.worker,
      heartbeatMs: this.opts.heartbeatMs,
      keyThreads: this.opts.keyThreads,
      interrupted: () => this.stopping,
    });
    return true;
  }

  private async run(): Promise<void> {
    try {
      await this.recoverStale(true);
      await this.removeOrphanFiles();
    } catch (err) {
      this.report(err);
    }
    let polls = 0;
    while (!this.stopping) {
      try {
        if (await this.runNext()) continue;
        if (++polls % 15 === 0) await this.recoverStale(false);
      } catch (err) {
        this.report(err);
      }
      if (!this.stopping) await this.sleep(this.opts.pollMs ?? 2_000);
    }
  }
}
