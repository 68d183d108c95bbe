/**
 * "An import job was queued": said by the import-job service once the job's row is committed, heard
 * by the job engine of this process (jobs/enterprise-imports/import-job-queue.ts), which hands the job to a worker of
 * any process at once. Jobs queued while nobody listened (a process without the engine, a crash in
 * between) are picked up by the engine's regular recovery pass. Listeners run synchronously and
 * must not throw.
 */
type Listener = (jobId: string) => void;

const listeners = new Set<Listener>();

export function announceImportJobQueued(jobId: string): void {
  for (const listener of listeners) listener(jobId);
}

/** Listens until the returned function is called. */
export function listenImportJobQueued(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
