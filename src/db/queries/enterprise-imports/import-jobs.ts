/**
 * The import_jobs table: what a person sees of an import job (status, progress, cancel flag, result).
 * The job engine (jobs/engine.ts) decides which process runs a job; claiming a row is a conditional
 * update (queued → running), so a job never runs twice; progress and heartbeats are single-row
 * updates that also read the cancel flag.
 */
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../client';
import { importJobs, regions, users } from '../../schema/index';

export type ImportJobRow = typeof importJobs.$inferSelect;
export type ImportJobStatus = ImportJobRow['status'];

export interface NewImportJob {
  id: string;
  kind: string;
  fileName: string;
  filePath: string;
  fileBytes: number;
  sha256: string;
  dryRun: boolean;
  source: string;
  sourceDate: string;
  createdBy: string | null;
  regionCode: string;
  progress: Record<string, unknown>;
  /** 'running' with a worker: a job the creating process runs itself (the CLI) */
  status?: 'queued' | 'running';
  worker?: string;
}

export async function insertImportJob(db: Db, job: NewImportJob): Promise<ImportJobRow> {
  const running = job.status === 'running';
  const [row] = await db
    .insert(importJobs)
    .values({
      ...job,
      status: job.status ?? 'queued',
      worker: job.worker ?? null,
      startedAt: running ? sql`now()` : null,
      heartbeatAt: running ? sql`now()` : null,
    })
    .returning();
  if (!row) throw new Error('insert import job returned nothing');
  return row;
}

/** A job with the materialised path of its region (for scope checks). */
export interface ImportJobWithPath extends ImportJobRow {
  regionPath: string;
  createdByName: string;
}

// a job of the CLI operator (created_by null) shows as 命令行操作员
const withPath = { job: importJobs, regionPath: regions.path, createdByName: sql<string>`coalesce(${users.displayName}, '命令行操作员')` };

function flatten(r: { job: ImportJobRow; regionPath: string; createdByName: string }): ImportJobWithPath {
  return { ...r.job, regionPath: r.regionPath, createdByName: r.createdByName };
}

export async function selectImportJob(db: Db, id: string): Promise<ImportJobWithPath | undefined> {
  const [row] = await db
    .select(withPath)
    .from(importJobs)
    .innerJoin(regions, eq(regions.code, importJobs.regionCode))
    .leftJoin(users, eq(users.id, importJobs.createdBy))
    .where(eq(importJobs.id, id));
  return row ? flatten(row) : undefined;
}

/** Jobs whose region lies in `scopePath`, newest first; results without their rejected rows. */
export async function selectImportJobPage(db: Db, f: { scopePath: string; kind?: string; limit: number; offset: number }) {
  const where: SQL[] = [sql`${regions.path} like ${`${f.scopePath}%`}`];
  if (f.kind) where.push(eq(importJobs.kind, f.kind));
  const rows = await db
    .select({ ...withPath, summary: sql<Record<string, unknown> | null>`${importJobs.result} - 'rejected' - 'rejectedText'` })
    .from(importJobs)
    .innerJoin(regions, eq(regions.code, importJobs.regionCode))
    .leftJoin(users, eq(users.id, importJobs.createdBy))
    .where(and(...where))
    .orderBy(desc(importJobs.createdAt), desc(importJobs.id))
    .limit(f.limit)
    .offset(f.offset);
  const [total] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(importJobs)
    .innerJoin(regions, eq(regions.code, importJobs.regionCode))
    .where(and(...where));
  return { rows: rows.map((r) => ({ ...flatten(r), result: r.summary })), total: Number(total?.n ?? 0) };
}

/** Takes the queued job `id` for `worker` (not when a cancel was requested); none when it is not queued. */
export async function claimImportJob(db: Db, id: string, worker: string): Promise<ImportJobRow | undefined> {
  const [row] = await db
    .update(importJobs)
    .set({ status: 'running', worker, startedAt: sql`now()`, heartbeatAt: sql`now()`, progress: sql`${importJobs.progress} || jsonb_build_object('phase', 'reading')` })
    .where(and(eq(importJobs.id, id), eq(importJobs.status, 'queued'), eq(importJobs.cancelRequested, false)))
    .returning();
  return row;
}

/** Takes the oldest queued job of `kind` for `worker`, or none (for running one by hand: tests, tools). */
export async function claimNextImportJob(db: Db, kind: string, worker: string): Promise<ImportJobRow | undefined> {
  const res = (await db.execute(sql`
    update import_jobs set status = 'running', worker = ${worker}, started_at = now(), heartbeat_at = now(),
      progress = progress || jsonb_build_object('phase', 'reading')
    where id = (
      select id from import_jobs where status = 'queued' and kind = ${kind} and not cancel_requested
      order by created_at, id for update skip locked limit 1)
    returning id`)) as unknown as { rows: { id: string }[] };
  const id = res.rows[0]?.id;
  if (!id) return undefined;
  const [row] = await db.select().from(importJobs).where(eq(importJobs.id, id));
  return row;
}

/** Ids of queued jobs (oldest first), for the engine to run. */
export async function selectQueuedImportJobIds(db: Db): Promise<string[]> {
  const rows = await db
    .select({ id: importJobs.id })
    .from(importJobs)
    .where(and(eq(importJobs.status, 'queued'), eq(importJobs.cancelRequested, false)))
    .orderBy(importJobs.createdAt, importJobs.id);
  return rows.map((r) => r.id);
}

/** Records progress (and the heartbeat) of a running job; returns whether a cancel was requested. */
export async function updateImportJobProgress(db: Db, id: string, progress: Record<string, unknown> | null): Promise<boolean> {
  const res = (await db.execute(
    progress
      ? sql`update import_jobs set progress = ${JSON.stringify(progress)}::jsonb, heartbeat_at = now() where id = ${id} and status = 'running' returning cancel_requested`
      : sql`update import_jobs set heartbeat_at = now() where id = ${id} and status = 'running' returning cancel_requested`,
  )) as unknown as { rows: { cancel_requested: boolean }[] };
  return res.rows[0]?.cancel_requested === true;
}

export async function selectCancelRequested(db: Db, id: string, lock = false): Promise<boolean> {
  const res = (await db.execute(
    lock ? sql`select cancel_requested from import_jobs where id = ${id} for update` : sql`select cancel_requested from import_jobs where id = ${id}`,
  )) as unknown as { rows: { cancel_requested: boolean }[] };
  return res.rows[0]?.cancel_requested === true;
}

export interface FinishedJob {
  status: 'succeeded' | 'failed' | 'cancelled';
  result?: Record<string, unknown> | null;
  error?: string | null;
  progress?: Record<string, unknown>;
}

/** Ends a job that is not finished yet; returns the row, or nothing when it had already ended. */
export async function finishImportJob(db: Db, id: string, f: FinishedJob): Promise<ImportJobRow | undefined> {
  const [row] = await db
    .update(importJobs)
    .set({
      status: f.status,
      result: f.result ?? null,
      error: f.error ?? null,
      finishedAt: sql`now()`,
      ...(f.progress ? { progress: f.progress } : {}),
    })
    .where(and(eq(importJobs.id, id), sql`${importJobs.status} in ('queued', 'running')`))
    .returning();
  return row;
}

/** Asks for a running job to stop; returns the status it has now. */
export async function requestImportJobCancel(db: Db, id: string): Promise<ImportJobStatus | undefined> {
  const [row] = await db
    .update(importJobs)
    .set({ cancelRequested: true })
    .where(and(eq(importJobs.id, id), sql`${importJobs.status} in ('queued', 'running')`))
    .returning({ status: importJobs.status });
  return row?.status;
}

/** Puts a job that this process stopped running back in the queue (clean shutdown). */
export async function requeueImportJob(db: Db, id: string, worker: string, progress: Record<string, unknown>): Promise<void> {
  await db
    .update(importJobs)
    .set({ status: 'queued', worker: null, startedAt: null, heartbeatAt: null, progress })
    .where(and(eq(importJobs.id, id), eq(importJobs.status, 'running'), eq(importJobs.worker, worker)));
}

/**
 * Fails running jobs whose process is gone: their heartbeat is older than `staleSeconds`, or
 * (`all`) any running job of another worker (embedded PGlite: only one process can open the data).
 */
export async function failStaleImportJobs(db: Db, f: { worker: string; staleSeconds: number; all: boolean; error: string; result: Record<string, unknown> }): Promise<ImportJobRow[]> {
  return db
    .update(importJobs)
    .set({ status: 'failed', error: f.error, result: f.result, finishedAt: sql`now()` })
    .where(
      and(
        eq(importJobs.status, 'running'),
        sql`${importJobs.worker} is distinct from ${f.worker}`,
        f.all ? sql`true` : sql`(${importJobs.heartbeatAt} is null or ${importJobs.heartbeatAt} < now() - make_interval(secs => ${f.staleSeconds}))`,
      ),
    )
    .returning();
}

/**
 * The region a CLI operator's job (no account) is filed under: the top of the installation's
 * region tree, i.e. the highest region any account belongs to (else the first top-level region),
 * so the job shows to the accounts that oversee the whole installation.
 */
export async function selectOperatorJobRegion(db: Db): Promise<string | null> {
  const res = (await db.execute(sql`
    select code from (
      (select r.code, length(r.path) as depth, 0 as pick from users u join regions r on r.code = u.region_code
       where u.status = 'active' order by length(r.path), r.code limit 1)
      union all
      (select code, 0, 1 from regions where parent_code is null and active order by code limit 1)) t
    order by pick, depth, code limit 1`)) as unknown as { rows: { code: string }[] };
  return res.rows[0]?.code ?? null;
}
