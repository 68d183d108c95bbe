/**
 * Runs one enterprise import job: streams the file from disk (CSV decoded and parsed a chunk at a
 * time; xlsx through the streaming reader when large), checks every row, computes search keys
 * (worker threads for large files), stages valid rows with COPY, and merges them so that the
 * enterprises, their history, the job's status and the audit row commit together or not at all.
 * A file with any problem writes nothing and reports every problem found (the first MAX_REPORTED
 * with row, column, value and reason).
 *
 * PostgreSQL: the whole job is one transaction on the job's own connection, and the rows are
 * merged in chunks of CHUNK_ROWS while the file is still being read, so the database works on
 * one chunk while this process parses, checks and computes keys for the next (on two cores the
 * merge would otherwise leave one idle for a minute). Progress goes through the pool, outside the
 * transaction, so other requests read it.
 * PGlite: its one connection serves every request, and an open transaction would hold them all
 * (progress included) until the end; so the rows are staged in a session table first, between
 * other queries, and merged in one transaction at the end.
 *
 * Cancel and shutdown are honoured between batches and between merge statements; the last check
 * happens with the job row locked, just before commit, so a cancel either wins completely or
 * arrives too late to matter.
 */
import os from 'node:os';
import { sql } from 'drizzle-orm';
import type { Database, Db } from '../../db/client';
import {
  copyEnterpriseStage,
  createEnterpriseStage,
  dropEnterpriseStage,
  estimateEnterpriseCount,
  formatEnterpriseStageCopy,
  insertEnterpriseStageRows,
  prepareBulkLoad,
  selectAllRegionCodes,
  shouldLoadInBulk,
  type EnterpriseMergeCounts,
  type StagedEnterpriseRow,
} from '../../db/queries/enterprise-imports/enterprise-imports';
import { BULK_TABLE, beginEnterpriseBulkSwap, finishEnterpriseBulkSwap, validateEnterpriseReferences } from '../../db/queries/enterprise-imports/enterprise-bulk-swap';
import { finishImportJob, selectCancelRequested, type ImportJobRow } from '../../db/queries/enterprise-imports/import-jobs';
import { selectIndustryIndex } from '../../db/queries/imports/imports';
import { todayInShanghai } from '../../domain/dates';
import { SHEET_NAMES } from '../../imports/columns';
import { inspectImportFilePath, type ImportFormat } from '../../imports/file-guard';
import { readRowBatches } from '../../imports/sheet-reader';
import { recordAudit } from '../../services/audit/audit';
import type { Caller } from '../../services/context';
import { detachString, EnterpriseRowChecker } from '../../services/enterprise-imports/enterprise-rows';
import { announceRollupsStale } from '../../services/funds/funds-rollup-signal';
import { fillSearchKeys, mergeStagedEnterprises } from '../../services/enterprise-imports/merge-enterprises';
import { LockedFiguresRejection } from '../../services/returns/locked-figures';
import type { ImportProblem } from '../../services/imports/run-import';
import { openJobConnection, type JobConnection } from '../job-connection';
import { JobCancelled, type JobProgress } from '../job-progress';
import { inlineKeyComputer, type KeyComputer } from '../../search/key-computer';
import { SearchKeyPool } from '../search-keys/search-key-pool';
import { msg, renderMessage, type Message } from '../../domain/messages/catalog';
import { copyText, textOf } from '../../imports/problem-text';

/** Problems kept for the report; all are counted. */
export const MAX_REPORTED = 10_000;
/** Rows per staging COPY. */
const STAGE_ROWS = 5_000;
/** PostgreSQL: rows per merged chunk. */
const CHUNK_ROWS = 50_000;
/** Staging batches and merges under way at once (bounds memory: rows wait here as objects). */
const MAX_IN_FLIGHT = 8;
/** Files smaller than this compute search keys on the main thread (no worker start-up). */
const WORKER_THRESHOLD_BYTES = 4 * 1024 * 1024;

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
  /**
   * The catalog message of each rejected row's reason, in the order of `rejected`: the stored report
   * is read back in the reader's language (services/enterprise-imports/import-jobs.ts); reports
   * stored before it have none and read in Chinese.
   */
  rejectedText?: Message[];
  /** the failure as a catalog message (`error` is its Chinese text) */
  errorText?: Message;
  rejectedTotal: number;
  /** reading: until the last row was read (PostgreSQL merges meanwhile); merging: from then to commit */
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
  /** rows per COPY and (PostgreSQL) per merged chunk; smaller in tests, to exercise several of each */
  stageRows?: number;
  chunkRows?: number;
  /** fewer expected new rows than this never load in bulk (default BULK_MIN_ROWS); smaller in tests */
  bulkMinRows?: number;
}

class DryRunDone extends Error {}
class Rejected extends Error {}

export function defaultKeyThreads(): number {
  return Math.max(1, Math.min(2, os.availableParallelism() - 1));
}

function seconds(since: number): number {
  return Math.round((performance.now() - since) / 100) / 10;
}

/**
 * Staging work in submission order: a batch's search keys start at once (in a worker), its COPY
 * and any later step (a chunk's merge) run one after the other on the job's connection. A failed
 * step stops the ones after it; the failure surfaces at the next throttle or drain.
 */
class StagePipeline {
  private order: Promise<void> = Promise.resolve();
  private readonly underway: Promise<void>[] = [];
  private failure: unknown = null;
  private stopped = false;

  constructor(
    private readonly keys: KeyComputer,
    private readonly copy: (table: string, rows: StagedEnterpriseRow[]) => Promise<void>,
    private readonly totals: MergeTotals,
  ) {}

  addBatch(table: string, rows: StagedEnterpriseRow[]): void {
    const keysDone = fillSearchKeys(rows, this.keys);
    keysDone.catch(() => undefined); // awaited below, in order
    this.then(async () => {
      const t = performance.now();
      await keysDone;
      this.totals.step('waitForKeys', elapsed(t));
      await this.copy(table, rows);
    });
  }

  then(step: () => Promise<void>): void {
    this.order = this.order
      .then(async () => {
        if (!this.stopped && this.failure === null) await step();
      })
      .catch((err: unknown) => {
        this.failure ??= err;
      });
    this.underway.push(this.order);
  }

  /** Waits while more than `max` steps are under way; throws the first failure. */
  async throttle(max: number): Promise<void> {
    const t = performance.now();
    while (this.underway.length > max) await this.underway.shift();
    this.totals.step('readerWaits', elapsed(t));
    if (this.failure !== null) throw this.failure;
  }

  async drain(): Promise<void> {
    await this.order;
    this.underway.length = 0;
    if (this.failure !== null) throw this.failure;
  }

  /** Runs nothing more and waits for the step under way (nothing touches the connection after this). */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.order;
  }
}

/** Counts and step timings added up over chunks. */
class MergeTotals {
  readonly counts = { created: 0, updated: 0, unchanged: 0, fieldChanges: 0, sourcesRefreshed: 0 };
  private readonly raw: Record<string, number> = {};
  add(c: EnterpriseMergeCounts): void {
    this.counts.created += c.created;
    this.counts.updated += c.updated;
    this.counts.unchanged += c.unchanged;
    this.counts.fieldChanges += c.fieldChanges;
    this.counts.sourcesRefreshed += c.sourcesRefreshed;
    for (const [k, v] of Object.entries(c.stepSeconds)) this.step(k, v);
  }
  step(name: string, s: number): void {
    this.raw[name] = (this.raw[name] ?? 0) + s;
  }
  /** Seconds per step, to a tenth. */
  get steps(): Record<string, number> {
    return Object.fromEntries(Object.entries(this.raw).map(([k, v]) => [k, Math.round(v * 10) / 10]));
  }
}

/** Seconds since `since`, unrounded (for adding up many short steps). */
function elapsed(since: number): number {
  return (performance.now() - since) / 1000;
}

export async function runEnterpriseImportJob(opts: EnterpriseJobOptions): Promise<JobOutcome> {
  const { database, job } = opts;
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
  const run = new JobRun(opts, conn, keys, result, inspected.format);
  try {
    if (database.kind === 'postgres') await run.inOneTransaction();
    else await run.stagedThenMerged();
    if (!job.dryRun) announceRollupsStale(); // investors' tags decide the breakdowns: warm the statistics' rollups up
    return { status: 'succeeded', result, written: !job.dryRun };
  } catch (err) {
    if (err instanceof DryRunDone) return { status: 'succeeded', result, written: false };
    if (err instanceof Rejected) {
      result.rejected.sort((a, b) => a.row - b.row);
      result.rejectedText = result.rejected.map(textOf);
      result.errorText = msg('importJob.rejected', { file: job.fileName, count: result.rejectedTotal });
      return { status: 'failed', result, error: renderMessage(result.errorText, 'zh') };
    }
    throw err;
  } finally {
    await keys.close();
    let broken = false;
    try {
      await dropEnterpriseStage(conn.db, run.sessionStage); // PGlite's session table; transaction tables are gone with the transaction
    } catch {
      broken = true; // the session's temporary table goes with the connection
    }
    conn.release(broken);
  }
}

/** The state of one run: the reader loop and the two ways of merging. */
class JobRun {
  readonly sessionStage: string;
  private readonly job: ImportJobRow;
  private readonly progress: JobProgress;
  private readonly checker: Promise<EnterpriseRowChecker>;
  private readonly totals = new MergeTotals();
  /** the import's transaction swapped enterprises_bulk in: its references are checked after the commit */
  private swapped = false;

  constructor(
    private readonly opts: EnterpriseJobOptions,
    private readonly conn: JobConnection,
    private readonly keys: KeyComputer,
    private readonly result: EnterpriseImportResult,
    private readonly format: ImportFormat,
  ) {
    this.job = opts.job;
    this.progress = opts.progress;
    this.sessionStage = `imp_job_${this.job.id.replace(/-/g, '')}`;
    // one after the other: both go through the job's one connection
    const job = opts.job;
    this.checker = (async () => {
      const regionCodes = await selectAllRegionCodes(conn.db);
      const industries = await selectIndustryIndex(conn.db);
      return new EnterpriseRowChecker({ regionCodes, industries, defaultSource: job.source, defaultDate: job.sourceDate, today: todayInShanghai() });
    })();
  }

  /**
   * Stages a batch: COPY on PostgreSQL; on PGlite a multi-row INSERT, since its COPY reads a
   * (virtual) server file, which the application's role may not (pg_read_server_files).
   */
  private copy = async (table: string, rows: StagedEnterpriseRow[]): Promise<void> => {
    let t = performance.now();
    if (this.conn.copy.kind === 'pglite') {
      await insertEnterpriseStageRows(this.conn.db, table, rows);
      this.totals.step('insertStage', elapsed(t));
      return;
    }
    const text = formatEnterpriseStageCopy(rows);
    this.totals.step('formatCopy', elapsed(t));
    t = performance.now();
    await copyEnterpriseStage(this.conn.copy, table, text);
    this.totals.step('copy', elapsed(t));
  };

  /**
   * Reads the file: every row checked, valid rows handed to `stage` in batches while no problem
   * has been found (a rejected file is still read to the end to report every problem).
   * `afterBatch` runs after each batch of the file (throttling, chunk merges).
   */
  private async read(stage: (rows: StagedEnterpriseRow[]) => void, afterBatch: (bytesRead: number) => Promise<void>): Promise<void> {
    const checker = await this.checker;
    const sheet = SHEET_NAMES.enterprise;
    const started = performance.now();
    let pending: StagedEnterpriseRow[] = [];
    let rowsRead = 0;
    for await (const batch of readRowBatches({ path: this.job.filePath }, 'enterprise', { format: this.format, fileName: this.job.fileName })) {
      for (const { rowNumber, cells } of batch.rows) {
        rowsRead++;
        const r = checker.check(rowNumber, cells);
        if (!r.ok) {
          for (const p of r.problems) {
            this.result.rejectedTotal++;
            if (this.result.rejected.length < MAX_REPORTED) this.result.rejected.push(copyText(p, { sheet, ...p, value: detachString(p.value) }));
          }
          continue;
        }
        if (this.result.rejectedTotal === 0) {
          pending.push(r.row);
          if (pending.length >= (this.opts.stageRows ?? STAGE_ROWS)) {
            stage(pending);
            pending = [];
          }
        }
      }
      await afterBatch(batch.bytesRead);
      await this.progress.report({ phase: 'reading', rowsRead, bytesRead: batch.bytesRead, problems: this.result.rejectedTotal });
    }
    if (this.result.rejectedTotal === 0 && pending.length > 0) stage(pending);
    this.result.rows = rowsRead;
    this.result.seconds.reading = seconds(started);
  }

  /** Memory for hash joins and for building indexes, this transaction only. */
  private async tune(tx: Db): Promise<void> {
    const pg = this.opts.database.kind === 'postgres';
    await tx.execute(sql.raw(pg ? `set local work_mem = '64MB'` : `set local work_mem = '16MB'`));
    await tx.execute(sql.raw(pg ? `set local maintenance_work_mem = '512MB'` : `set local maintenance_work_mem = '64MB'`));
  }

  /** Between merge statements: a cancel (read in the transaction) or a shutdown stops the job. */
  private checkpoint(tx: Db, reportStep: boolean) {
    let step = 0;
    return async () => {
      step++;
      if (reportStep && this.opts.database.kind === 'postgres') await this.progress.report({ phase: 'merging', step });
      else this.progress.checkStop();
      if (await selectCancelRequested(tx, this.job.id)) throw new JobCancelled();
    };
  }

  /** Runs a merge; rows it refuses because they would alter an approved return become the job's problems (nothing is imported). */
  private async rejectLocked<T>(merge: () => Promise<T>): Promise<T> {
    try {
      return await merge();
    } catch (err) {
      if (!(err instanceof LockedFiguresRejection)) throw err;
      for (const p of err.problems) {
        this.result.rejectedTotal++;
        if (this.result.rejected.length < MAX_REPORTED) this.result.rejected.push(copyText(p, { sheet: SHEET_NAMES.enterprise, ...p }));
      }
      throw new Rejected();
    }
  }

  /** Ends the transaction's work: job row locked, last cancel check, status, audit. */
  private async commitJob(tx: Db, mergeStarted: number): Promise<void> {
    this.result.counts = { ...this.totals.counts };
    this.result.seconds.merging = seconds(mergeStarted);
    this.result.seconds.mergeSteps = this.totals.steps;
    if (this.job.dryRun) throw new DryRunDone();
    if (await selectCancelRequested(tx, this.job.id, true)) throw new JobCancelled();
    this.progress.checkStop();
    this.result.imported = true;
    const finished = await finishImportJob(tx, this.job.id, { status: 'succeeded', result: this.result, progress: { ...this.progress.state, phase: 'done' } });
    if (!finished) throw new Error('导入任务已不在运行状态（可能已被判定为中断或已取消），未写入任何数据');
    await recordAudit(tx, this.opts.caller, {
      action: 'import_job.succeed',
      objectType: 'import_job',
      objectId: this.job.id,
      regionCode: this.job.regionCode,
      after: {
        kind: this.job.kind,
        fileName: this.job.fileName,
        sha256: this.job.sha256,
        source: this.job.source,
        sourceDate: this.job.sourceDate,
        rows: this.result.rows,
        counts: this.result.counts,
        // the per-enterprise facts name this job: changed fields in the enterprises' history, created
        // enterprises in their created_by_import column (GET /api/audit/enterprises/:key/imports)
        history: { fieldChanges: this.totals.counts.fieldChanges, createdEntries: this.totals.counts.created },
      },
    });
  }

  /** PostgreSQL: one transaction; chunks merged while the file is read. */
  async inOneTransaction(): Promise<void> {
    await this.conn.db.transaction(async (tx) => {
      await this.tune(tx);
      const pipeline = new StagePipeline(this.keys, this.copy, this.totals);
      const mergeOptions = { importJobId: this.job.id, actorId: this.job.createdBy, bulk: 'never' as const, probeByIndex: true };
      let chunkNo = 0;
      let chunkTable = '';
      let chunkRows = 0;
      let staged = 0;
      let rowsAtDecision = 0;
      let bulk: boolean | null = null;
      const openChunk = () => {
        chunkNo++;
        chunkRows = 0;
        const table = `imp_job_${this.job.id.replace(/-/g, '').slice(0, 12)}_${chunkNo}`;
        chunkTable = table;
        pipeline.then(() => createEnterpriseStage(tx, table, 'transaction'));
      };
      /**
       * Bulk loading (the transaction tuned for volume, the table analysed at the end; nothing dropped,
       * no lock that keeps readers waiting: see prepareBulkLoad) is decided once, on the rows expected.
       */
      const decideBulk = (expectedRows: number) => {
        if (bulk !== null) return;
        bulk = false;
        pipeline.then(async () => {
          if (!shouldLoadInBulk(expectedRows, await estimateEnterpriseCount(tx), this.opts.bulkMinRows)) return;
          bulk = true;
          // a dry run is rolled back anyway: it goes through the indexes and never keeps writers waiting
          if (this.job.dryRun) await prepareBulkLoad(tx);
          else await beginEnterpriseBulkSwap(tx);
        });
      };
      const swapping = () => bulk === true && !this.job.dryRun;
      const mergeChunk = (reportSteps: boolean) => {
        const table = chunkTable;
        pipeline.then(async () => {
          const swap = swapping() ? { swap: { table: BULK_TABLE } } : {};
          const counts = await this.rejectLocked(() =>
            mergeStagedEnterprises(tx, table, { ...mergeOptions, ...swap, checkpoint: this.checkpoint(tx, reportSteps) }, this.keys),
          );
          this.totals.add(counts);
          await dropEnterpriseStage(tx, table);
        });
      };
      openChunk();
      try {
        await this.read(
          (rows) => {
            pipeline.addBatch(chunkTable, rows);
            chunkRows += rows.length;
            staged += rows.length;
          },
          async (bytesRead) => {
            if (chunkRows >= (this.opts.chunkRows ?? CHUNK_ROWS)) {
              rowsAtDecision = bytesRead > 0 ? Math.round((staged * this.job.fileBytes) / bytesRead) : staged;
              decideBulk(rowsAtDecision);
              mergeChunk(false);
              openChunk();
            }
            await pipeline.throttle(MAX_IN_FLIGHT);
          },
        );
        if (this.result.rejectedTotal > 0) {
          await pipeline.stop();
          throw new Rejected();
        }
        const mergeStarted = performance.now();
        await this.progress.report({ phase: 'merging', rowsRead: this.result.rows, bytesRead: this.job.fileBytes, step: 0, steps: 4 }, true);
        decideBulk(staged);
        mergeChunk(true);
        await pipeline.drain();
        if (swapping()) {
          // indexes built in bulk, the table analysed, then swapped in (see enterprise-bulk-swap.ts)
          this.progress.checkStop();
          const t = performance.now();
          await finishEnterpriseBulkSwap(tx);
          this.totals.step('swap', elapsed(t));
          this.swapped = true;
        } else if (bulk) {
          // the planner's picture of enterprises must include the rows just loaded (SHARE UPDATE EXCLUSIVE: readers and writers go on)
          const t = performance.now();
          await tx.execute(sql`select yinfeng_analyze('enterprises')`); // ANALYZE as the owner (migration 0014): the app role owns no table
          this.totals.step('analyze', elapsed(t));
        }
        await this.commitJob(tx, mergeStarted);
      } catch (err) {
        await pipeline.stop();
        throw err;
      }
    });
    if (this.swapped) {
      // the references to enterprises were added NOT VALID in the swap (every id is the same): checked now,
      // without a lock that stops readers or writers; until then they hold for every new row anyway
      try {
        await validateEnterpriseReferences(this.conn.db);
      } catch (err) {
        // the import is committed; an unchecked reference still holds for every new row, and the next bulk load checks again
        console.error(`导入任务 ${this.job.id}：企业表替换后的外键检查失败：`, err);
      }
    }
  }

  /** PGlite: staged in a session table between other requests' queries, merged in one transaction. */
  async stagedThenMerged(): Promise<void> {
    const table = this.sessionStage;
    await createEnterpriseStage(this.conn.db, table, 'session');
    const pipeline = new StagePipeline(this.keys, this.copy, this.totals);
    try {
      await this.read(
        (rows) => pipeline.addBatch(table, rows),
        () => pipeline.throttle(MAX_IN_FLIGHT),
      );
      await pipeline.drain();
    } catch (err) {
      await pipeline.stop();
      throw err;
    }
    if (this.result.rejectedTotal > 0) throw new Rejected();
    const mergeStarted = performance.now();
    await this.progress.report({ phase: 'merging', rowsRead: this.result.rows, bytesRead: this.job.fileBytes, step: 0, steps: 4 }, true);
    await this.conn.db.transaction(async (tx) => {
      await this.tune(tx);
      const counts = await this.rejectLocked(() =>
        mergeStagedEnterprises(tx, table, { importJobId: this.job.id, actorId: this.job.createdBy, checkpoint: this.checkpoint(tx, false) }, this.keys),
      );
      this.totals.add(counts);
      await this.commitJob(tx, mergeStarted);
    });
  }
}
