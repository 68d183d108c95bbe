/**
 * Figures for /metrics and `yinfeng doctor`, read at scrape time from the tables that hold them:
 * the job engine's queues (pgboss.queue, pgboss.job), the statistics' rollup parts against their
 * versions, and the import jobs' progress. Each is one aggregate statement.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../client';
import { JOB_SCHEMA } from '../../job-schema';
import { selectRows } from '../sql-rows';

export interface JobQueueFigures {
  queue: string;
  /** created or waiting for a retry */
  waiting: number;
  active: number;
  /** failed jobs the engine still keeps (finished jobs stay about 12 hours in pgboss.job) */
  failed: number;
}

export async function selectJobQueueFigures(db: Db): Promise<JobQueueFigures[]> {
  const schema = sql.raw(JOB_SCHEMA);
  const rows = await selectRows<{ queue: string; waiting: string | number; active: string | number; failed: string | number }>(
    db,
    sql`select q.name as queue,
          count(j.id) filter (where j.state in ('created', 'retry')) as waiting,
          count(j.id) filter (where j.state = 'active') as active,
          count(j.id) filter (where j.state = 'failed') as failed
        from ${schema}.queue q left join ${schema}.job j on j.name = q.name
        group by q.name order by q.name`,
  );
  return rows.map((r) => ({ queue: r.queue, waiting: Number(r.waiting), active: Number(r.active), failed: Number(r.failed) }));
}

export interface RollupStaleness {
  rollup: 'funds' | 'activities';
  /** parts whose version is behind their region's (or region-month's) */
  staleParts: number;
  /** seconds since the oldest of them was computed; 0 when none is stale */
  oldestStaleSeconds: number;
}

/**
 * Stale parts of the periods the warm-up keeps current: funds rollups of this and last year,
 * activity rollups of months from January of last year on (older parts are recomputed when read).
 */
export async function selectRollupStaleness(db: Db): Promise<RollupStaleness[]> {
  const rows = await selectRows<{ rollup: 'funds' | 'activities'; stale: string | number; oldest: string | number | null }>(
    db,
    sql`select 'funds' as rollup, count(*) as stale, extract(epoch from now() - min(r.computed_at)) as oldest
          from funds_rollups r join funds_rollup_versions v on v.region_code = r.region_code and v.bucket = r.bucket
          where r.version <> v.version and r.year >= extract(year from now() at time zone 'Asia/Shanghai')::int - 1
        union all
        select 'activities', count(*), extract(epoch from now() - min(r.computed_at))
          from activity_rollups r join activity_rollup_versions v on v.region_code = r.region_code and v.month = r.month
          where r.version <> v.version and r.month >= (extract(year from now() at time zone 'Asia/Shanghai')::int - 1)::text || '-01'`,
  );
  return rows.map((r) => ({ rollup: r.rollup, staleParts: Number(r.stale), oldestStaleSeconds: Math.max(0, Number(r.oldest ?? 0)) }));
}

export interface ImportJobFigures {
  kind: string;
  queued: number;
  running: number;
  /** rows read so far by the running jobs */
  rowsRead: number;
  /** bytes read so far by the running jobs, and the size of their files */
  bytesRead: number;
  fileBytes: number;
}

export async function selectImportJobFigures(db: Db): Promise<ImportJobFigures[]> {
  const rows = await selectRows<{ kind: string; queued: string | number; running: string | number; rows_read: string | number; bytes_read: string | number; file_bytes: string | number }>(
    db,
    sql`select kind,
          count(*) filter (where status = 'queued') as queued,
          count(*) filter (where status = 'running') as running,
          coalesce(sum((progress->>'rowsRead')::numeric) filter (where status = 'running'), 0) as rows_read,
          coalesce(sum((progress->>'bytesRead')::numeric) filter (where status = 'running'), 0) as bytes_read,
          coalesce(sum(file_bytes) filter (where status = 'running'), 0) as file_bytes
        from import_jobs where status in ('queued', 'running') group by kind order by kind`,
  );
  return rows.map((r) => ({
    kind: r.kind,
    queued: Number(r.queued),
    running: Number(r.running),
    rowsRead: Number(r.rows_read),
    bytesRead: Number(r.bytes_read),
    fileBytes: Number(r.file_bytes),
  }));
}
