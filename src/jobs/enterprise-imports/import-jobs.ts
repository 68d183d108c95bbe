/**
 * Running import jobs (the import_jobs rows the API and the UI read: status, progress, cancel flag,
 * result and rejected rows). The job engine (engine.ts, import-job-queue.ts) decides when and where
 * a queued job runs; the CLI runs its own job in-process through executeImportJob.
 *
 * A job's file is removed when the job ends (succeeded, failed, cancelled); when the process stops
 * the running job rolls back and goes back to the queue, keeping its file.
 */
import fs from 'node:fs';
import type { AuditAction } from '../../domain/audit-actions';
import type { Database } from '../../db/client';
import {
  claimImportJob,
  failStaleImportJobs,
  finishImportJob,
  requeueImportJob,
  selectImportJob,
  updateImportJobProgress,
  type ImportJobRow,
  type ImportJobWithPath,
} from '../../db/queries/enterprise-imports/import-jobs';
import { selectUserById } from '../../db/queries/accounts/users';
import { AppError, isAppError } from '../../domain/app-error';
import { msg, renderMessage, type Message } from '../../domain/messages/catalog';
import { isRole, listPermissions } from '../../domain/roles';
import { recordAudit } from '../../services/audit/audit';
import { createSystemCaller, type Caller } from '../../services/context';
import { runEnterpriseImportJob } from './enterprise-import-job';
import { JobCancelled, JobInterrupted, JobProgress, type JobProgressState } from '../job-progress';

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
  /** the smallest load done in bulk (tests use small ones) */
  bulkMinRows?: number;
  /** true when the process is stopping: the job goes back to the queue */
  interrupted?: () => boolean;
  /** every progress report (the CLI prints a line) */
  onProgress?: (state: JobProgressState) => void;
}

/** The job's creator as a caller (the runner acts for them: audit rows name them). */
export async function callerForJob(database: Database, job: ImportJobRow): Promise<Caller> {
  const user = job.createdBy ? await selectUserById(database.db, job.createdBy) : undefined;
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

/** A job-level failure as a catalog message (stored as the result's errorText, read back in the reader's language). */
function describeFailure(err: unknown): Message {
  if (isAppError(err)) return err.text;
  return msg('importJob.failed', { detail: err instanceof Error ? err.message : String(err) });
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
    if (!(IMPORT_JOB_KINDS as readonly string[]).includes(job.kind)) throw new AppError('VALIDATION', msg('importJob.kindUnsupported', { kind: job.kind }));
    const outcome = await runEnterpriseImportJob({ database, job, caller, progress, keyThreads: opts.keyThreads, stageRows: opts.stageRows, chunkRows: opts.chunkRows, bulkMinRows: opts.bulkMinRows });
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
      const errorText = describeFailure(err);
      const error = renderMessage(errorText, 'zh');
      await finishImportJob(db, job.id, { status: 'failed', error, result: { errorText }, progress: { ...progress.state, phase: 'done' } });
      await audit('import_job.fail', { rowsRead: progress.state.rowsRead }, error);
      await removeFile(job.filePath);
      if (!isAppError(err)) console.error(`导入任务 ${job.id} 失败：`, err);
    }
  } finally {
    clearInterval(heartbeat);
  }
  return selectImportJob(db, job.id);
}

/** The error of a job whose process stopped while running it. */
const STALE_JOB_TEXT = msg('importJob.stale');
export const STALE_JOB_ERROR = renderMessage(STALE_JOB_TEXT, 'zh');

/**
 * Fails running jobs left by a process that is gone (no heartbeat for `staleSeconds`, or, with `all`,
 * any running job of another worker: embedded PGlite lets one process in), removes their files and
 * audits each.
 */
export async function failStaleImportJobsOf(database: Database, f: { worker: string; staleSeconds: number; all: boolean }): Promise<ImportJobRow[]> {
  const failed = await failStaleImportJobs(database.db, { ...f, error: STALE_JOB_ERROR, result: { errorText: STALE_JOB_TEXT } });
  for (const job of failed) {
    await removeFile(job.filePath);
    await recordAudit(database.db, await callerForJob(database, job), {
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

/**
 * Takes the queued job `id` for `worker` and runs it to its end. Nothing happens (undefined) when the
 * job is not queued any more (it ended, was cancelled, or runs elsewhere): running it twice can never
 * happen, so the engine may retry the job safely. Throws JobInterrupted when the process stopped it:
 * the job is back in the queue, nothing written, and the engine runs it again later.
 */
export async function runQueuedImportJob(database: Database, id: string, opts: ExecuteJobOptions): Promise<ImportJobWithPath | undefined> {
  const job = await claimImportJob(database.db, id, opts.worker);
  if (!job) return undefined;
  const done = await executeImportJob(database, job, opts);
  if (done?.status === 'queued') throw new JobInterrupted();
  return done;
}
