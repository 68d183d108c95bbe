/**
 * Runs one enterprise import job: streams the file from disk (CSV decoded and parsed a chunk at a
 * time; xlsx through the streaming reader when large), checks every row, computes search keys
 * (worker threads for large files), stages valid rows in a temporary table (COPY on both
 * databases) while progress is written for other requests to read, then merges in ONE
 * transaction: the enterprises, their history, the job's status and the audit row commit together
 * or not at all. A file with any problem writes nothing and reports every problem found (the first
 * MAX_REPORTED with row, column, value and reason). Cancel and shutdown are honoured between
 * batches and between merge statements; the last check happens with the job row locked, just
 * before commit, so a cancel either wins completely or arrives too late to matter.
 */
import os from 'node:os';
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import {
  copyEnterpriseStage,
  createEnterpriseStage,
  dropEnterpriseStage,
  formatEnterpriseStageCopy,
  selectAllRegionCodes,
  type StagedEnterpriseRow,
} from '../db/queries/enterprise-imports';
import { finishImportJob, selectCancelRequested, type ImportJobRow } from '../db/queries/import-jobs';
import { selectIndustryIndex } from '../db/queries/imports';
import { todayInShanghai } from '../domain/dates';
import { SHEET_NAMES } from '../imports/columns';
import { inspectImportFilePath, type ImportFormat } from '../imports/file-guard';
import { readRowBatches } from '../imports/sheet-reader';
import { recordAudit } from '../services/audit';
import type { Caller } from '../services/context';
import { detachString, EnterpriseRowChecker } from '../services/enterprise-imports/enterprise-rows';
import { fillSearchKeys, mergeStagedEnterprises } from '../services/enterprise-imports/merge-enterprises';
import type { ImportProblem } from '../services/imports/run-import';
import { openJobConnection } from './job-connection';
import { JobCancelled, type JobProgress } from './job-progress';
import { inlineKeyComputer, SearchKeyPool, type KeyComputer } from './search-key-pool';

/** Problems kept for the report; all are counted. */
export const MAX_REPORTED = 10_000;
/** Rows per staging COPY. */
const STAGE_ROWS = 5_000;
/** Staging batches whose keys or COPY may be under way at once (bounds memory). */
const MAX_IN_FLIGHT = 4;
/** Files smaller than this compute search keys on the main thread (no worker start-up). */
const WORKER_THRESHOLD_BYTES = 4 * 1024 * 1024;
/** Merge statements reported as steps (mergeEnterpriseStage's checkpoints and the commit). */
const MERGE_STEPS = 6;

export interface EnterpriseImportResult {
  [key: string]: unknown;
  fileName: string;
  format: ImportFormat;
  source: string;
  sourceDate: string;
  dryRun: boolean;
  /** true when the enterprises were written */
  imported: boolean;
  /** data rows read */
  rows: number;
  counts: { created: number; updated: number; unchanged: number; fieldChanges: number; sourcesRefreshed: number } | null;
  /** the first MAX_REPORTED problems, by row */
  rejected: ImportProblem[];
  rejectedTotal: number;
  seconds: { reading: number; merging: number; mergeSteps?: Record<string, number> };
}

export type JobOutcome =
  | { status: 'succeeded'; result: EnterpriseImportResult; written: boolean }
  | { status: 'failed'; result: EnterpriseImportResult | null; error: string };

export interface EnterpriseJobOptions {
  database: Database;
  job: ImportJobRow;
  /** who the audit rows name */
  caller: Caller;
  progress: JobProgress;
  /** worker threads for search keys on large files; 0 computes them on the main thread */
  keyThreads?: number;
}

class DryRunDone extends Error {}

export function defaultKeyThreads(): number {
  return Math.max(1, Math.min(2, os.availableParallelism() - 1));
}

export async function runEnterpriseImportJob(opts: EnterpriseJobOptions): Promise<JobOutcome> {
  const { database, job, caller, progress } = opts;
  const table = `imp_job_${job.id.replace(/-/g, '')}`;
  const inspected = inspectImportFilePath(job.filePath, job.fileName, { maxFileBytes: Number.MAX_SAFE_INTEGER, maxUncompressedBytes: 0xffffffff });
  const result: EnterpriseImportResult = {
    fileName: job.fileName,
    format: inspected.format,
    source: job.source,
    sourceDate: job.sourceDate,
    dryRun: job.dryRun,
    imported: false,
    rows: 0,
    counts: null,
    rejected: [],
    rejectedTotal: 0,
    seconds: { reading: 0, merging: 0 },
  };
  const threads = opts.keyThreads ?? defaultKeyThreads();
  const keys: KeyComputer = threads > 0 && job.fileBytes >= WORKER_THRESHOLD_BYTES ? new SearchKeyPool(threads) : inlineKeyComputer;
  const conn = await openJobConnection(database);
  let broken = false;
  // staging batches whose keys or COPY are under way; each settles (never rejects) and records a failure
  const inFlight: Promise<void>[] = [];
  try {
    await createEnterpriseStage(conn.db, table, 'session');
    const [regionCodes, industries] = await Promise.all([selectAllRegionCodes(conn.db), selectIndustryIndex(conn.db)]);
    const today = todayInShanghai();
    const checker = new EnterpriseRowChecker({ regionCodes, industries, defaultSource: job.source, defaultDate: job.sourceDate, today });
    const sheet = SHEET_NAMES.enterprise;

    // ---- reading and staging
    const started = performance.now();
    let failure: unknown = null;
    let copyChain: Promise<void> = Promise.resolve();
    let pending: StagedEnterpriseRow[] = [];
    const flush = async () => {
      const rows = pending;
      pending = [];
      if (rows.length > 0) {
        const done = fillSearchKeys(rows, keys).then(() => {
          const text = formatEnterpriseStageCopy(rows);
          copyChain = copyChain.then(() => copyEnterpriseStage(conn.copy, table, text));
          return copyChain;
        });
        // the failure surfaces at the next wait; no rejection is left unhandled meanwhile
        inFlight.push(done.catch((err: unknown) => void (failure ??= err)));
      }
      while (inFlight.length > MAX_IN_FLIGHT) await inFlight.shift();
      if (failure) throw failure;
    };
    let rowsRead = 0;
    for await (const batch of readRowBatches({ path: job.filePath }, 'enterprise', { format: inspected.format, fileName: job.fileName })) {
      for (const { rowNumber, cells } of batch.rows) {
        rowsRead++;
        const r = checker.check(rowNumber, cells);
        if (!r.ok) {
          for (const p of r.problems) {
            result.rejectedTotal++;
            if (result.rejected.length < MAX_REPORTED) result.rejected.push({ sheet, ...p, value: detachString(p.value) });
          }
          continue;
        }
        if (result.rejectedTotal === 0) {
          pending.push(r.row);
          if (pending.length >= STAGE_ROWS) await flush();
        }
      }
      await progress.report({ phase: 'reading', rowsRead, bytesRead: batch.bytesRead, problems: result.rejectedTotal });
    }
    await flush();
    await Promise.all(inFlight);
    if (failure) throw failure;
    result.rows = rowsRead;
    result.seconds.reading = seconds(started);
    await progress.report({ phase: result.rejectedTotal > 0 ? 'done' : 'merging', rowsRead, bytesRead: job.fileBytes, step: 0, steps: MERGE_STEPS }, true);
    if (result.rejectedTotal > 0) {
      result.rejected.sort((a, b) => a.row - b.row);
      return { status: 'failed', result, error: `文件“${job.fileName}”有 ${result.rejectedTotal} 个问题，未导入任何数据` };
    }

    // ---- merging, in one transaction
    const mergeStarted = performance.now();
    let step = 0;
    let written = false;
    try {
      await conn.db.transaction(async (tx) => {
        // memory for the hash joins and for rebuilding indexes after a bulk insert (this transaction only)
        await tx.execute(sql.raw(database.kind === 'postgres' ? `set local work_mem = '64MB'` : `set local work_mem = '16MB'`));
        await tx.execute(sql.raw(database.kind === 'postgres' ? `set local maintenance_work_mem = '512MB'` : `set local maintenance_work_mem = '64MB'`));
        const checkpoint = async () => {
          step++;
          // on PostgreSQL progress goes through the pool; PGlite's one connection is this transaction's
          if (database.kind === 'postgres') await progress.report({ phase: 'merging', step });
          else progress.checkStop();
          if (await selectCancelRequested(tx, job.id)) throw new JobCancelled();
        };
        const counts = await mergeStagedEnterprises(tx, table, { importJobId: job.id, actorId: job.createdBy, checkpoint }, keys);
        const { needKeys: _needKeys, stepSeconds, ...visible } = counts;
        result.counts = visible;
        result.seconds.merging = seconds(mergeStarted);
        result.seconds.mergeSteps = stepSeconds;
        if (job.dryRun) throw new DryRunDone();
        // the last word on cancel, with the job row locked until commit
        if (await selectCancelRequested(tx, job.id, true)) throw new JobCancelled();
        progress.checkStop();
        result.imported = true;
        const finished = await finishImportJob(tx, job.id, { status: 'succeeded', result, progress: { ...progress.state, phase: 'done', step: MERGE_STEPS } });
        if (!finished) throw new Error('导入任务已不在运行状态（可能已被判定为中断或已取消），未写入任何数据');
        await recordAudit(tx, caller, {
          action: 'import_job.succeed',
          objectType: 'import_job',
          objectId: job.id,
          regionCode: job.regionCode,
          after: { kind: job.kind, fileName: job.fileName, sha256: job.sha256, source: job.source, sourceDate: job.sourceDate, rows: result.rows, counts: result.counts },
        });
      });
      written = true;
    } catch (err) {
      if (!(err instanceof DryRunDone)) throw err;
    }
    return { status: 'succeeded', result, written };
  } finally {
    await Promise.all(inFlight); // each waits for its batch's COPY: nothing runs on the connection after this
    await keys.close();
    try {
      await dropEnterpriseStage(conn.db, table);
    } catch {
      broken = true; // the session's temporary table goes with the connection
    }
    conn.release(broken);
  }
}

function seconds(since: number): number {
  return Math.round((performance.now() - since) / 100) / 10;
}
