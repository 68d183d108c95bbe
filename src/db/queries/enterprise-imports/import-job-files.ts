/** Which import jobs the files in the data directory's imports/ folder belong to. */
import { inArray } from 'drizzle-orm';
import type { Db } from '../../client';
import { importJobs } from '../../schema/index';
import type { ImportJobStatus } from './import-jobs';

/** The status of the job of each of these file paths (paths without a job are absent). */
export async function selectImportJobStatusByFile(db: Db, filePaths: string[]): Promise<Map<string, ImportJobStatus>> {
  const statuses = new Map<string, ImportJobStatus>();
  for (let i = 0; i < filePaths.length; i += 1000) {
    const rows = await db
      .select({ filePath: importJobs.filePath, status: importJobs.status })
      .from(importJobs)
      .where(inArray(importJobs.filePath, filePaths.slice(i, i + 1000)));
    for (const r of rows) statuses.set(r.filePath, r.status);
  }
  return statuses;
}
