/**
 * The one job engine of the application: pg-boss (DESIGN.md) over the application's own database
 * connection — embedded PGlite (pg-boss's `pglite` backend) or the PostgreSQL pool — as the
 * application role, which owns nothing: the engine's schema is installed by the owner with the
 * migrations (db/job-schema.ts) and the role holds its rows (db/roles.ts).
 *
 * What pg-boss gives every queue, whatever the number of app processes on one database:
 * - a job is taken by one worker (`for update skip locked`);
 * - retries, with delay and backoff, only where a queue asks for them (retryLimit 0: never);
 * - a run that outlives `expireInSeconds` counts as lost and is retried (or failed);
 * - policies: `stately` keeps at most one job waiting and one running per queue (a kick during a
 *   run asks for exactly one more), `exclusive` one waiting-or-running;
 * - cron schedules (`schedule()`): one job per occurrence across all processes, whichever process's
 *   cron pass gets there first (pg-boss claims each pass in the database).
 *
 * Queues are declared with define() before start(), schedules with schedule() (before or after).
 * stop() tells running handlers to stop (stopping()), waits for them and closes nothing of the
 * database: the caller closes it afterwards. Timers are pg-boss's; nothing runs after stop resolves.
 */
import os from 'node:os';
import { PgBoss, type Db as BossDb, type Job } from 'pg-boss';
import type { Database } from '../db/client';
import { bossDbOfClient, bossDbOfPglite, JOB_SCHEMA } from '../db/job-schema';

/** Time zone of cron schedules: the platform's users keep 北京时间. */
export const SCHEDULE_TIME_ZONE = 'Asia/Shanghai';

export interface JobContext {
  id: string;
  /** 0 on the first run, then 1, 2, … on retries */
  retryCount: number;
  /** true once the engine is stopping: a long job stops at its next checkpoint */
  stopping(): boolean;
}

export interface QueueDefinition<T extends object> {
  name: string;
  /** default `standard`; see the file comment */
  policy?: 'standard' | 'stately' | 'exclusive' | 'singleton';
  /** retries after the handler throws; 0 where a second run is not safe */
  retryLimit: number;
  retryDelaySeconds?: number;
  retryBackoff?: boolean;
  /** a run taking longer counts as lost (its process died): retried or failed */
  expireInSeconds: number;
  /** how long finished jobs are kept (for inspection); default one week */
  deleteAfterSeconds?: number;
  /** how often an idle worker looks for a job; default the engine's */
  pollSeconds?: number;
  run(data: T, job: JobContext): Promise<void>;
}

export interface ScheduleDefinition {
  queue: string;
  /** a cron expression (5 fields), in SCHEDULE_TIME_ZONE unless `tz` */
  cron: string;
  /** several schedules of one queue are told apart by key */
  key?: string;
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
  /** how long stop() waits for running handlers (ms); default 60 s */
  stopTimeoutMs?: number;
  /** maintenance (expiring lost jobs, deleting old ones) on this process; default true */
  supervise?: boolean;
  /** a name for the process in the engine's instance list */
  instanceName?: string;
  onError?: (err: unknown, queue?: string) => void;
}

function bossDbOf(database: Database): BossDb {
  return database.kind === 'pglite' ? bossDbOfPglite(database.client) : bossDbOfClient(database.pool);
}

export class JobEngine {
  private readonly boss: PgBoss;
  private readonly queues = new Map<string, QueueDefinition<object>>();
  private readonly schedules: ScheduleDefinition[] = [];
  private started = false;
  private stoppingNow = false;
  private readonly report: (err: unknown, queue?: string) => void;

  constructor(
    database: Database,
    private readonly opts: JobEngineOptions = {},
  ) {
    this.report = opts.onError ?? ((err, queue) => console.error(`后台任务${queue ? `（${queue}）` : ''}出错：`, err));
    const cronSeconds = opts.cronSeconds ?? 30;
    this.boss = new PgBoss({
      db: bossDbOf(database),
      backend: database.kind === 'pglite' ? 'pglite' : 'postgres',
      schema: JOB_SCHEMA,
      migrate: false, // the owner migrates (db/job-schema.ts); the application role cannot
      createSchema: false,
      supervise: opts.supervise ?? true,
      schedule: true,
      cronMonitorIntervalSeconds: cronSeconds,
      cronWorkerIntervalSeconds: Math.min(cronSeconds, 5),
      instanceName: opts.instanceName ?? `${os.hostname()}:${process.pid}`,
      persistWarnings: false,
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

  /** A cron schedule of a defined queue: one job per occurrence across every process. */
  async schedule(def: ScheduleDefinition): Promise<void> {
    if (!this.queues.has(def.queue)) throw new Error(`schedule of an undefined queue ${def.queue}`);
    this.schedules.push(def);
    if (this.started) await this.applySchedule(def);
  }

  /** Removes a schedule (all processes). */
  async unschedule(queue: string, key = ''): Promise<void> {
    await this.boss.unschedule(queue, key);
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

  /** The underlying pg-boss, for tests and operations (job states, schedules). */
  get pgBoss(): PgBoss {
    return this.boss;
  }

  /** Creates missing queues, applies the schedules and starts the workers. */
  async start(): Promise<void> {
    if (this.started) return;
    await this.boss.start();
    this.started = true;
    for (const def of this.queues.values()) {
      const options = {
        policy: def.policy ?? 'standard',
        retryLimit: def.retryLimit,
        retryDelay: def.retryDelaySeconds ?? 0,
        retryBackoff: def.retryBackoff ?? false,
        expireInSeconds: def.expireInSeconds,
        deleteAfterSeconds: def.deleteAfterSeconds ?? 7 * 86_400,
      };
      const existing = await this.boss.getQueue(def.name);
      if (!existing) {
        await this.boss.createQueue(def.name, options).catch(async (err: unknown) => {
          // another process created it meanwhile
          if (!(await this.boss.getQueue(def.name))) throw err;
        });
      } else if (existing.policy === options.policy) {
        const { policy: _policy, ...changeable } = options;
        await this.boss.updateQueue(def.name, changeable);
      } else {
        throw new Error(`任务队列 ${def.name} 的策略是 ${existing.policy}，代码要求 ${options.policy}：请删除该队列后重启`);
      }
    }
    for (const def of this.schedules) await this.applySchedule(def);
    for (const def of this.queues.values()) {
      await this.boss.work(def.name, { batchSize: 1, pollingIntervalSeconds: def.pollSeconds ?? this.opts.pollSeconds ?? 2 }, (jobs: Job<object>[]) =>
        this.runBatch(def, jobs),
      );
    }
  }

  /** Stops the workers and the schedules; running handlers see stopping() and are waited for. */
  async stop(): Promise<void> {
    if (this.stoppingNow) return;
    this.stoppingNow = true;
    if (!this.started) return;
    // resolves when the handlers have returned (or the timeout failed them) and pg-boss's timers are gone
    await this.boss.stop({ graceful: true, close: false, timeout: this.opts.stopTimeoutMs ?? 60_000 });
  }

  private async applySchedule(def: ScheduleDefinition): Promise<void> {
    await this.boss.schedule(def.queue, def.cron, def.data ?? {}, { tz: def.tz ?? SCHEDULE_TIME_ZONE, ...(def.key ? { key: def.key } : {}) });
  }

  private async runBatch(def: QueueDefinition<object>, jobs: Job<object>[]): Promise<void> {
    for (const job of jobs) {
      try {
        await def.run(job.data ?? {}, { id: job.id, retryCount: job.retryCount, stopping: () => this.stoppingNow || job.signal.aborted });
      } catch (err) {
        if (!this.stoppingNow) this.report(err, def.name);
        throw err; // pg-boss fails the job (and retries it when the queue allows)
      }
    }
  }
}
