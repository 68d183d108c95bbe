/**
 * Background import jobs as the API and the CLI see them: an upload streamed to the data
 * directory (never held in memory), checked (type, size, zip bomb, the 企业 headers of a CSV) and
 * queued; jobs listed and read within the caller's region subtree (a job belongs to its creator's
 * region); cancel; the rejected rows (exports/rejected-rows-xlsx.ts makes the report). Running a job is jobs/enterprise-imports/import-jobs.ts, on the job engine (jobs/enterprise-imports/import-job-queue.ts).
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  finishImportJob,
  insertImportJob,
  requestImportJobCancel,
  selectImportJob,
  selectImportJobPage,
  selectOperatorJobRegion,
  type ImportJobWithPath,
} from '../../db/queries/enterprise-imports/import-jobs';
import { importFilesDir } from '../../config/data-paths';
import { importJobProgressSchema, importJobResultSchema, type ImportJob } from '../../contracts/imports';
import { AppError } from '../../domain/app-error';
import { msg, readStoredMessage, renderMessage, type Lang } from '../../domain/messages/catalog';
import { textOf } from '../../imports/problem-text';
import { todayInShanghai } from '../../domain/dates';
import { isPathWithin } from '../../domain/region-scope';
import { mapHeaders, SHEET_NAMES } from '../../imports/columns';
import { readCsvFileBatches } from '../../imports/csv-decode';
import { DEFAULT_IMPORT_LIMITS, fileSource, formatBytes, inspectImportFilePath, type ImportFormat } from '../../imports/file-guard';
import { verifyZipInflation } from '../../imports/zip-inflate';
import { parseDate } from '../../imports/row-validate';
import type { ImportProblem } from '../imports/run-import';
import { listXlsxSheetNames } from '../imports/xlsx-sheets';
import { recordAudit } from '../audit/audit';
import { announceImportJobQueued } from './import-job-signal';
import type { Caller, Deps } from '../context';

export type ImportJobKind = 'enterprises';

/** A job as the API answers it (src/contracts/imports.ts): progress and result read back from their stored JSON. */
export type ImportJobDto = ImportJob;

/** Rejected rows included in a job as the API returns it (the xlsx report has them all). */
const REJECTED_PREVIEW = 20;

/** The stored JSON as the contract reads it; a malformed value (never written by this code) reads as nothing. */
const storedProgress = importJobProgressSchema.catch({});
const storedResultSchema = importJobResultSchema.nullable().catch(null);

/** The stored result; a job that failed before reading its file stores only its errorText, which is no result. */
function readStoredResult(stored: unknown): ImportJobDto['result'] {
  const result = storedResultSchema.parse(stored);
  return result && Object.keys(result).length > 0 ? result : null;
}

/** A stored message of the job's result (`rejectedText[i]`, `errorText`) rendered in `lang`; null when there is none. */
function renderStored(stored: unknown, lang: Lang): string | null {
  const text = readStoredMessage(stored);
  return text ? renderMessage(text, lang) : null;
}

/**
 * The stored report in the reader's language: each rejected row's reason and the job's error from
 * the messages stored beside them (enterprise-import-job.ts: rejectedText, errorText); Chinese, as
 * stored, for Chinese readers and for reports written before the messages were kept.
 */
function localizeResult(job: ImportJobWithPath, result: ImportJobDto['result'], lang: Lang): { result: ImportJobDto['result']; error: string | null } {
  if (lang === 'zh') return { result, error: job.error };
  const stored = (typeof job.result === 'object' && job.result !== null ? job.result : {}) as { rejectedText?: unknown; errorText?: unknown };
  const texts = Array.isArray(stored.rejectedText) ? (stored.rejectedText as unknown[]) : [];
  if (result?.rejected) result.rejected = result.rejected.map((p, i) => ({ ...p, reason: renderStored(texts[i], lang) ?? p.reason }));
  return { result, error: job.error === null ? null : (renderStored(stored.errorText, lang) ?? job.error) };
}

function toDto(job: ImportJobWithPath, lang: Lang = 'zh'): ImportJobDto {
  const { result, error } = localizeResult(job, readStoredResult(job.result), lang);
  if (result?.rejected) result.rejected = result.rejected.slice(0, REJECTED_PREVIEW);
  return {
    id: job.id,
    kind: job.kind,
    status: job.status,
    fileName: job.fileName,
    fileBytes: job.fileBytes,
    sha256: job.sha256,
    dryRun: job.dryRun,
    source: job.source,
    sourceDate: job.sourceDate,
    createdBy: job.createdBy,
    createdByName: job.createdByName,
    regionCode: job.regionCode,
    progress: storedProgress.parse(job.progress),
    cancelRequested: job.cancelRequested,
    result,
    error,
    createdAt: job.createdAt.toISOString(),
    startedAt: job.startedAt?.toISOString() ?? null,
    heartbeatAt: job.heartbeatAt?.toISOString() ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}

function requireImport(caller: Caller): void {
  if (!caller.actor.permissions.includes('enterprises.import')) throw new AppError('FORBIDDEN', msg('importJob.permission'));
}

/** A job the caller may see: its region lies in the caller's subtree; anything else is 404. */
async function loadVisibleJob(deps: Deps, caller: Caller, id: string): Promise<ImportJobWithPath> {
  const job = await selectImportJob(deps.db, id);
  if (!job || !isPathWithin(caller.actor.regionPath, job.regionPath)) throw new AppError('NOT_FOUND', msg('importJob.notFound'));
  return job;
}

export interface NewJobInput {
  kind: ImportJobKind;
  fileName: string;
  /** 数据来源 of rows that name none; default: the file name */
  source?: string;
  /** 数据日期 of rows that give none; default: today */
  sourceDate?: string;
  dryRun?: boolean;
}

interface CheckedInput {
  fileName: string;
  source: string;
  sourceDate: string;
}

function checkInput(input: NewJobInput): CheckedInput {
  const fileName = path.basename(input.fileName.replace(/\\/g, '/')).trim();
  if (!fileName) throw new AppError('VALIDATION', msg('importJob.fileNameMissing'));
  const ext = path.extname(fileName).toLowerCase();
  if (ext !== '.csv' && ext !== '.xlsx') throw new AppError('VALIDATION', msg('importJob.extension', { file: fileName }));
  const source = (input.source ?? '').trim() || fileName;
  if (source.length > 100) throw new AppError('VALIDATION', msg('importJob.sourceTooLong'));
  const today = todayInShanghai();
  let sourceDate = today;
  if (input.sourceDate && input.sourceDate.trim() !== '') {
    const d = parseDate(input.sourceDate);
    if (!d.ok) throw new AppError('VALIDATION', msg('importJob.sourceDateInvalid', { reason: textOf(d) }));
    if (d.value > today) throw new AppError('VALIDATION', msg('importJob.sourceDateFuture', { date: d.value, today }));
    sourceDate = d.value;
  }
  return { fileName, source, sourceDate };
}

/** Refuses a file that cannot be an enterprise import before it is queued. */
async function checkFile(filePath: string, fileName: string, maxBytes: number): Promise<ImportFormat> {
  const inspected = inspectImportFilePath(filePath, fileName, { maxFileBytes: maxBytes, maxUncompressedBytes: 0xffffffff });
  const sheet = SHEET_NAMES.enterprise;
  if (inspected.format === 'xlsx') {
    const fd = await fs.promises.open(filePath, 'r');
    try {
      const names = listXlsxSheetNames(fileSource(fd.fd, inspected.size), inspected.entries ?? [], fileName);
      if (!names.includes(sheet)) {
        throw new AppError('VALIDATION', msg('importJob.sheetMissing', { file: fileName, sheet, names: names.map((s) => `“${s}”`).join('、') || msg('importJob.none') }));
      }
      // a zip bomb whose headers lie is refused now (422), not when its job starts: every entry inflated under the guard
      await verifyZipInflation(fileSource(fd.fd, inspected.size), inspected.entries ?? [], fileName, DEFAULT_IMPORT_LIMITS);
    } finally {
      await fd.close();
    }
  } else {
    // the header row: the 企业 columns must be there (the rest is the job's)
    for await (const batch of readCsvFileBatches(filePath, fileName, 256 * 1024)) {
      const header = batch.records[0];
      if (header) {
        mapHeaders(header.values, 'enterprise');
        break;
      }
    }
  }
  return inspected.format;
}

/** Where a job's file goes: the data directory's imports/, one file per job. */
async function newJobFilePath(deps: Deps, id: string): Promise<string> {
  const dir = importFilesDir(deps.config);
  await fs.promises.mkdir(dir, { recursive: true });
  return path.join(dir, id);
}

async function queueJob(
  deps: Deps,
  caller: Caller,
  input: CheckedInput & { id: string; kind: ImportJobKind; filePath: string; fileBytes: number; sha256: string; dryRun: boolean },
  run?: { worker: string },
) {
  // an account's job belongs to the account's region; the CLI operator's (no account, whole scope) to the installation's top
  const operator = caller.actor.id === null && caller.actor.regionPath === '/';
  const actorId = caller.actor.id;
  const regionCode = operator ? await selectOperatorJobRegion(deps.db) : caller.actor.regionCode;
  if ((!actorId && !operator) || !regionCode) throw new AppError('FORBIDDEN', msg('importJob.actorRequired'));
  return deps.db.transaction(async (tx) => {
    const job = await insertImportJob(tx, {
      id: input.id,
      kind: input.kind,
      fileName: input.fileName,
      filePath: input.filePath,
      fileBytes: input.fileBytes,
      sha256: input.sha256,
      dryRun: input.dryRun,
      source: input.source,
      sourceDate: input.sourceDate,
      createdBy: actorId ?? null,
      regionCode,
      progress: { phase: run ? 'reading' : 'queued', rowsRead: 0, bytesRead: 0, fileBytes: input.fileBytes, problems: 0 },
      ...(run ? { status: 'running' as const, worker: run.worker } : {}),
    });
    await recordAudit(tx, caller, {
      action: 'import_job.create',
      objectType: 'import_job',
      objectId: job.id,
      regionCode,
      after: { kind: input.kind, fileName: input.fileName, fileBytes: input.fileBytes, sha256: input.sha256, source: input.source, sourceDate: input.sourceDate, dryRun: input.dryRun },
    });
    return job;
  });
}

/**
 * Streams an upload to the data directory (hashing it on the way, refusing it past the size
 * limit), checks it, and queues a job. The file is removed again when anything is refused.
 */
export async function createImportJobFromUpload(deps: Deps, caller: Caller, body: Readable, input: NewJobInput): Promise<ImportJobDto> {
  requireImport(caller);
  const checked = checkInput(input);
  const id = randomUUID();
  const filePath = await newJobFilePath(deps, id);
  const max = deps.config.importJobMaxBytes;
  const hash = createHash('sha256');
  let bytes = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      if (bytes > max) return done(new AppError('VALIDATION', msg('importJob.tooLarge', { file: checked.fileName, max: formatBytes(max) })));
      hash.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(body, meter, fs.createWriteStream(filePath, { flags: 'wx' }));
    await checkFile(filePath, checked.fileName, max);
    const job = await queueJob(deps, caller, { ...checked, id, kind: input.kind, filePath, fileBytes: bytes, sha256: hash.digest('hex'), dryRun: Boolean(input.dryRun) });
    const queued = await getImportJob(deps, caller, job.id);
    announceImportJobQueued(job.id);
    return queued;
  } catch (err) {
    await fs.promises.rm(filePath, { force: true });
    if (err instanceof AppError) throw err;
    if ((err as NodeJS.ErrnoException).code === 'ERR_STREAM_PREMATURE_CLOSE' || (err as NodeJS.ErrnoException).code === 'ECONNRESET') {
      throw new AppError('BAD_REQUEST', msg('importJob.incomplete', { file: checked.fileName }));
    }
    throw err;
  }
}

/**
 * The CLI's way in: copies a local file into the data directory (the job removes its copy when it
 * ends, never the original) and creates the job already running for `worker`.
 */
export async function createRunningImportJobFromFile(
  deps: Deps,
  caller: Caller,
  localFile: string,
  input: NewJobInput,
  worker: string,
) {
  requireImport(caller);
  const checked = checkInput({ ...input, fileName: input.fileName || path.basename(localFile) });
  const id = randomUUID();
  const filePath = await newJobFilePath(deps, id);
  try {
    await fs.promises.copyFile(localFile, filePath);
    const hash = createHash('sha256');
    await pipeline(fs.createReadStream(filePath), hash);
    const { size } = await fs.promises.stat(filePath);
    await checkFile(filePath, checked.fileName, deps.config.importJobMaxBytes);
    return await queueJob(deps, caller, { ...checked, id, kind: input.kind, filePath, fileBytes: size, sha256: hash.digest('hex'), dryRun: Boolean(input.dryRun) }, { worker });
  } catch (err) {
    await fs.promises.rm(filePath, { force: true });
    throw err;
  }
}

export async function getImportJob(deps: Deps, caller: Caller, id: string): Promise<ImportJobDto> {
  requireImport(caller);
  return toDto(await loadVisibleJob(deps, caller, id), caller.lang);
}

export async function listImportJobs(deps: Deps, caller: Caller, q: { kind?: string; page: number; pageSize: number }) {
  requireImport(caller);
  const { rows, total } = await selectImportJobPage(deps.db, {
    scopePath: caller.actor.regionPath,
    kind: q.kind,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  return { total, items: rows.map((row) => toDto(row, caller.lang)) };
}

/**
 * Cancels a job: a queued one ends at once (its file removed); a running one is asked to stop
 * and rolls back at its next checkpoint (the job then ends `cancelled`). A finished job: 409.
 */
export async function cancelImportJob(deps: Deps, caller: Caller, id: string): Promise<ImportJobDto> {
  requireImport(caller);
  const job = await loadVisibleJob(deps, caller, id);
  const status = await requestImportJobCancel(deps.db, id);
  if (!status) throw new AppError('CONFLICT', msg('importJob.finished', { status: msg(`importJob.status.${job.status}`) }));
  if (status === 'queued') {
    const ended = await deps.db.transaction(async (tx) => {
      const row = await finishImportJob(tx, id, { status: 'cancelled', progress: { ...job.progress, phase: 'done' } });
      if (row) {
        await recordAudit(tx, caller, { action: 'import_job.cancel', objectType: 'import_job', objectId: id, regionCode: job.regionCode, after: { kind: job.kind, fileName: job.fileName, phase: 'queued' } });
      }
      return row;
    });
    if (ended) await fs.promises.rm(job.filePath, { force: true });
  } else {
    await recordAudit(deps.db, caller, { action: 'import_job.cancel_request', objectType: 'import_job', objectId: id, regionCode: job.regionCode, after: { kind: job.kind, fileName: job.fileName } });
  }
  return getImportJob(deps, caller, id);
}

export interface RejectedRows {
  /** the uploaded file's name */
  fileName: string;
  /** the rows kept in the job's result (the first problems of a large file) */
  rejected: ImportProblem[];
  /** how many problems the job found in all */
  total: number;
}

/** The rejected rows of a finished job (exports/rejected-rows-xlsx.ts turns them into the report). */
export async function getRejectedRows(deps: Deps, caller: Caller, id: string): Promise<RejectedRows> {
  requireImport(caller);
  const job = await loadVisibleJob(deps, caller, id);
  const result = job.result ?? {};
  const rejected = (Array.isArray(result.rejected) ? result.rejected : []) as ImportProblem[];
  const total = typeof result.rejectedTotal === 'number' ? result.rejectedTotal : rejected.length;
  if (job.status === 'queued' || job.status === 'running') throw new AppError('CONFLICT', msg('importJob.notEnded'));
  const lang = caller.lang ?? 'zh';
  if (lang === 'zh') return { fileName: job.fileName, rejected, total };
  // each reason in the reader's language, from the message stored beside it (Chinese for older reports)
  const texts = Array.isArray(result.rejectedText) ? (result.rejectedText as unknown[]) : [];
  return { fileName: job.fileName, rejected: rejected.map((p, i) => ({ ...p, reason: renderStored(texts[i], lang) ?? p.reason })), total };
}
