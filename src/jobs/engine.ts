/**
 * The one job engine of the application: pg-boss 10 (DESIGN.md) over the application's own database
 * connection — embedded PGlite or the PostgreSQL pool (db/job-schema.ts adapts either) — as the
 * application role, which owns nothing: the engine's schema is installed by the owner with the
 * migrations (db/job-schema.ts) and the role holds its rows (db/roles.ts).
 *
 * What pg-boss gives every queue, whatever the number of app processes on one database:
 * - a job is taken by one worker (`for update skip locked`);
 * - retries, with delay and backoff, only where a queue asks for them (retryLimit 0: never);
 * - a run that outlives `expireInSeconds` counts as lost and is retried (or failed);
 * - policies: `stately` keeps at most one job waiting and one running per queue (a kick during a
 *   run asks for exactly one more), `singleton` one running, `short` one waiting;
 * - cron schedules (`schedule()`, one per queue): one job per occurrence across all processes,
 *   whichever process's cron pass gets there first (pg-boss claims each pass in the database).
 *
 * Queues are declared with define() before start(), schedules with schedule() (before or after).
 * stop() tells running handlers to stop (stopping()), waits for them and closes nothing of the
 * database: the caller closes it afterwards. pg-boss records a job's end without waiting for the
 * answer; stop() waits for those last queries too, so that nothing runs after it resolves.
 */
import PgBoss from 'pg-boss';
import type { Database } from '../db/client';
import { bossDbOfClient, bossDbOfPglite, JOB_SCHEMA, type BossDb } from '../db/job-schema';

/** Time zone of cron schedules: the platform's users keep 北京时间. */
export const SCHEDULE_TIME_ZONE = 'Asia/Shanghai';

type Job = PgBoss.JobWithMetadata<object>;

export interface JobContext {
  id: string;
  /** 0 on the first run, then 1, 2, … on retries */
  retryCount: number;
  /** true once the engine is stopping or the run outlived its queue's expireInSeconds: a long job stops at its next checkpoint */
  stopping(): boolean;
}

export interface QueueDefinition<T extends object> {
  name: string;
  /** default `standard`; see the file comment */
  policy?: 'standard' | 'stately' | 'singleton' | 'short';
  /** retries after the handler throws; 0 where a second run is not safe */
  retryLimit: number;
  retryDelaySeconds?: number;
  retryBackoff?: boolean;
  /** a run taking longer counts as lost (its process died): retried or failed; under 24 hours */
  expireInSeconds: number;
  /** how often an idle worker looks for a job; default the engine's */
  pollSeconds?: number;
  run(data: T, job: JobContext): Promise<void>;
}

export interface ScheduleDefinition {
  queue: string;
  /** a cron expression (5 fields), in SCHEDULE_TIME_ZONE unless `tz` */
  cron: string;
  data?: object;
  tz?: string;
}

export interface SendOptions {
  /** the job's id (a uuid): a second send with the same id is ignored */
  id?: string;
  /** not before this many seconds */
  startAfterSeconds?: number;
}

export interface JobEngineOptions {
  /** how often idle workers look for jobs (seconds, ≥ 0.5); default 2 */
  pollSeconds?: number;
  /** how often a process tries to run the cron pass (seconds, 1–45); default 30 */
  cronSeconds?: number;
  /** how long stop() waits for running handlers (ms, ≥ 1000); default 60 s */
  stopTimeoutMs?: number;
  /** maintenance (expiring lost jobs, archiving and deleting old ones) on this process; default true */
  supervise?: boolean;
  onError?: (err: unknown, queue?: string) => void;
}

/** Finished jobs stay in the queue's table this long, then in the archive for a week (for inspection). */
const ARCHIVE_AFTER_SECONDS = 12 * 3600;
const DELETE_AFTER_DAYS = 7;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * SQLSTATEs of two processes creating one queue at the same moment: deadlock_detected,
 * serialization_failure, unique_violation, duplicate_table. Tried again, a few times.
 */
const QUEUE_RACE_CODES = new Set(['40P01', '40001', '23505', '42P07']);
const QUEUE_RACE_ATTEMPTS = 8;

function isQueueRace(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && QUEUE_RACE_CODES.has(code);
}

export class JobEngine {
  private readonly boss: PgBoss;
  private readonly queues = new Map<string, QueueDefinition<object>>();
  private readonly schedules: ScheduleDefinition[] = [];
  private started = false;
  private stoppingNow = false;
  private running = 0;
  private queriesInFlight = 0;
  private readonly report: (err: unknown, queue?: string) => void;

  constructor(
    database: Database,
    private readonly opts: JobEngineOptions = {},
  ) {
    this.report = opts.onError ?? ((err, queue) => console.error(`后台任务${queue ? `（${queue}）` : ''}出错：`, err));
    const cronSeconds = opts.cronSeconds ?? 30;
    this.boss = new PgBoss({
      db: this.countQueries(database.kind === 'pglite' ? bossDbOfPglite(database.client) : bossDbOfClient(database.pool)),
      schema: JOB_SCHEMA,
      migrate: false, // the owner migrates (db/job-schema.ts); the application role cannot
      supervise: opts.supervise ?? true,
      schedule: true,
      cronMonitorIntervalSeconds: cronSeconds,
      cronWorkerIntervalSeconds: Math.min(cronSeconds, 5),
      archiveCompletedAfterSeconds: ARCHIVE_AFTER_SECONDS,
      deleteAfterDays: DELETE_AFTER_DAYS,
    });
    this.boss.on('error', (err) => {
      if (!this.stoppingNow) this.report(err);
    });
  }

  /** Declares a queue and its handler (before start). */
  define<T extends object>(def: QueueDefinition<T>): this {
    if (this.started) throw new Error(`queue ${def.name} defined after start`);
    this.queues.set(def.name, def as unknown as QueueDefinition<object>);
    return this;
  }

  /** The cron schedule of a defined queue (one per queue): one job per occurrence across every process. */
  async schedule(def: ScheduleDefinition): Promise<void> {
    if (!this.queues.has(def.queue)) throw new Error(`schedule of an undefined queue ${def.queue}`);
    this.schedules.push(def);
    if (this.started) await this.applySchedule(def);
  }

  /** Removes a queue's schedule (all processes). */
  async unschedule(queue: string): Promise<void> {
    await this.boss.unschedule(queue);
  }

  /** Queues a job; null when the queue's policy (or the id) made it a duplicate. */
  async send(queue: string, data: object, opts: SendOptions = {}): Promise<string | null> {
    if (!this.queues.has(queue)) throw new Error(`send to an undefined queue ${queue}`);
    return this.boss.send(queue, data, {
      ...(opts.id ? { id: opts.id } : {}),
      ...(opts.startAfterSeconds ? { startAfter: opts.startAfterSeconds } : {}),
    });
  }

  get isStopping(): boolean {
    return this.stoppingNow;
  }

  /** How many handlers of this process are running now. */
  get runningJobs(): number {
    return this.running;
  }

  /** The underlying pg-boss, for tests and operations (job states, schedules). */
  get pgBoss(): PgBoss {
    return this.boss;
  }

  /** Creates missing queues, applies the schedules and starts the workers. */
  async start(): Promise<void> {
    if (this.started) return;
    await this.boss.start();
    this.started = true;
    for (const def of this.queues.values()) await this.ensureQueue(def);
    for (const def of this.schedules) await this.applySchedule(def);
    for (const def of this.queues.values()) {
      const pollingIntervalSeconds = def.pollSeconds ?? this.opts.pollSeconds ?? 2;
      await this.boss.work<object>(def.name, { batchSize: 1, includeMetadata: true, pollingIntervalSeconds }, (jobs) => this.runBatch(def, jobs));
    }
  }

  /** Stops the workers and the schedules; running handlers see stopping() and are waited for. */
  async stop(): Promise<void> {
    if (this.stoppingNow) return;
    this.stoppingNow = true;
    if (!this.started) return;
    const timeout = Math.max(1000, this.opts.stopTimeoutMs ?? 60_000);
    // resolves when the handlers have returned (or the timeout failed their jobs) and pg-boss's timers are gone
    await this.boss.stop({ graceful: true, close: false, wait: true, timeout });
    await this.settleQueries(timeout);
  }

  /**
   * Creates the queue, or brings its options up to date. Several processes starting at once create
   * the same queues at once, and pg-boss's create_queue (a row in its queue table, then a partition
   * attached to its job table) can deadlock with another process's: PostgreSQL ends one of them,
   * which here waits a moment and looks again (the other's queue is then there). Without this, two
   * of three servers started together ran with no background work at all.
   */
  private async ensureQueue(def: QueueDefinition<object>): Promise<void> {
    const options = {
      name: def.name,
      policy: def.policy ?? 'standard',
      retryLimit: def.retryLimit,
      retryDelay: def.retryDelaySeconds ?? 0,
      retryBackoff: def.retryBackoff ?? false,
      expireInSeconds: def.expireInSeconds,
    };
    for (let attempt = 1; ; attempt++) {
      try {
        const existing = await this.boss.getQueue(def.name);
        if (!existing) {
          // a queue another process creates meanwhile is left as it is (create_queue: on conflict do nothing)
          await this.boss.createQueue(def.name, options);
        } else if (existing.policy === options.policy) {
          await this.boss.updateQueue(def.name, options);
        } else {
          throw new Error(`任务队列 ${def.name} 的策略是 ${existing.policy}，代码要求 ${options.policy}：请删除该队列后重启`);
        }
        return;
      } catch (err) {
        if (attempt >= QUEUE_RACE_ATTEMPTS || !isQueueRace(err)) throw err;
        await sleep(50 * attempt + Math.random() * 250);
      }
    }
  }

  private async applySchedule(def: ScheduleDefinition): Promise<void> {
    await this.boss.schedule(def.queue, def.cron, def.data ?? {}, { tz: def.tz ?? SCHEDULE_TIME_ZONE });
  }

  private async runBatch(def: QueueDefinition<object>, jobs: Job[]): Promise<void> {
    for (const job of jobs) {
      const expires = Date.now() + def.expireInSeconds * 1000;
      this.running++;
      try {
        await def.run(job.data ?? {}, { id: job.id, retryCount: job.retryCount, stopping: () => this.stoppingNow || Date.now() >= expires });
      } catch (err) {
        if (!this.stoppingNow) this.report(err, def.name);
        throw err; // pg-boss fails the job (and retries it when the queue allows)
      } finally {
        this.running--;
      }
    }
  }

  /** The database as pg-boss sees it, counting the queries under way. */
  private countQueries(db: BossDb): BossDb {
    return {
      executeSql: async (text, values) => {
        this.queriesInFlight++;
        try {
          return await db.executeSql(text, values);
        } finally {
          this.queriesInFlight--;
        }
      },
    };
  }

  /** Waits until pg-boss has had no query under way for a moment (its unawaited job completions). */
  private async settleQueries(timeoutMs: number): Promise<void> {
    const end = Date.now() + timeoutMs;
    let quiet = 0;
    while (quiet < 3 && Date.now() < end) {
      await sleep(20);
      quiet = this.queriesInFlight === 0 ? quiet + 1 : 0;
    }
  }
}
