/**
 * Progress of a running job, persisted in import_jobs.progress so another request (or a reloaded
 * page) reads it: written at most every `intervalMs`, each write also a heartbeat that reads the
 * cancel flag back. Cancellation and shutdown surface as exceptions at the job's next checkpoint.
 */
import type { Db } from '../db/client';
import { updateImportJobProgress } from '../db/queries/enterprise-imports/import-jobs';

export type JobPhase = 'queued' | 'reading' | 'merging' | 'done';

export interface JobProgressState {
  phase: JobPhase;
  rowsRead: number;
  bytesRead: number;
  fileBytes: number;
  /** problems found so far */
  problems: number;
  /** merging: statements done and to do */
  step?: number;
  steps?: number;
}

/** A cancel was requested: the job rolls back, removes its file and ends `cancelled`. */
export class JobCancelled extends Error {
  constructor() {
    super('导入已取消');
  }
}

/** The process is stopping: the job rolls back and goes back to the queue. */
export class JobInterrupted extends Error {
  constructor() {
    super('服务正在停止，导入已中断');
  }
}

export class JobProgress {
  private last = 0;
  private cancelled = false;
  readonly state: JobProgressState;

  constructor(
    private readonly db: Db,
    private readonly jobId: string,
    fileBytes: number,
    private readonly interrupted: () => boolean,
    private readonly intervalMs = 500,
    private readonly onReport?: (state: JobProgressState) => void,
  ) {
    this.state = { phase: 'reading', rowsRead: 0, bytesRead: 0, fileBytes, problems: 0 };
  }

  /** Remembers a cancel request seen elsewhere (a heartbeat). */
  noteCancel(requested: boolean): void {
    if (requested) this.cancelled = true;
  }

  /** Throws when the job must stop. */
  checkStop(): void {
    if (this.interrupted()) throw new JobInterrupted();
    if (this.cancelled) throw new JobCancelled();
  }

  /** Updates the state; writes it when due (or `force`); throws when the job must stop. */
  async report(change: Partial<JobProgressState>, force = false): Promise<void> {
    Object.assign(this.state, change);
    this.onReport?.(this.state);
    const now = Date.now();
    if (force || now - this.last >= this.intervalMs) {
      this.last = now;
      this.noteCancel(await updateImportJobProgress(this.db, this.jobId, { ...this.state }));
    }
    this.checkStop();
  }
}
