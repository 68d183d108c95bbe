/**
 * Everything `yinfeng serve` runs in the background, on the one job engine (engine.ts): enterprise
 * import jobs and their recovery pass, the funds rollup warm-up, the audit chain seal, the nightly
 * cleanup of leftover upload files, the hourly notification clocks (with the daily digest), the nightly refresh of the targeting features (relatedness, region counts, growth signals) and the weekly refit of the targeting weights, the hourly expiry of idempotency keys. Every process runs the same set; the engine makes each job and
 * each schedule's occurrence run once, in one of them. The daily 08:00 run generates the briefings due (weekly,
 * 旬调度, monthly). Schedules the next features add (SLA escalations, reminders) go here: define a queue, schedule it.
 */
import type { Config } from '../config/config';
import type { Database } from '../db/client';
import type { SealResult } from '../services/audit/audit-chain';
import type { WarmupResult } from '../services/funds/funds-rollup-warmup';
import { defineAuditSealJob } from './audit-seal-job';
import { defineBriefingsJob } from './briefings-job';
import { JobEngine, type JobEngineOptions } from './engine';
import { defineImportJobQueue, type ImportJobQueueOptions } from './enterprise-imports/import-job-queue';
import { defineLeftoverFilesJob } from './enterprise-imports/leftover-import-files';
import { defineIdempotencyExpiryJob } from './idempotency-expiry-job';
import { defineRelatednessJob } from './relatedness-job';
import { defineTargetWeightsJob } from './target-weights-job';
import { defineNotificationClockJob } from './notification-clock-job';
import { defineRollupWarmupJob, type RollupWarmupJob, type RollupWarmupJobOptions } from './rollup-warmup-job';

export interface BackgroundJobsOptions {
  engine?: JobEngineOptions;
  imports?: ImportJobQueueOptions;
  warmup?: Partial<RollupWarmupJobOptions>;
  onWarmed?: (result: WarmupResult, ms: number) => void;
  onSealed?: (result: SealResult) => void;
  /** seconds after start before the first run of the notification clocks; default 20 */
  clockStartDelaySeconds?: number;
}

export interface BackgroundJobs {
  engine: JobEngine;
  /** null when the warm-up is off (YINFENG_ROLLUP_WARMUP) */
  warmup: RollupWarmupJob | null;
  /** stops taking jobs; a running import rolls back and returns to the queue; resolves when nothing runs */
  stop(): Promise<void>;
}

export async function startBackgroundJobs(database: Database, config: Config, opts: BackgroundJobsOptions = {}): Promise<BackgroundJobs> {
  const engine = new JobEngine(database, opts.engine);
  const deps = { db: database.db, config };
  const imports = await defineImportJobQueue(engine, database, opts.imports);
  const warmup = config.rollupWarmup.enabled
    ? await defineRollupWarmupJob(engine, deps, { intervalMinutes: config.rollupWarmup.intervalMinutes, onWarmed: opts.onWarmed, ...opts.warmup })
    : null;
  await defineAuditSealJob(engine, database.db, { seconds: config.auditSealSeconds, onSealed: opts.onSealed });
  await defineLeftoverFilesJob(engine, database, config);
  await defineRelatednessJob(engine, deps);
  await defineTargetWeightsJob(engine, deps);
  const clocks = await defineNotificationClockJob(engine, deps);
  await defineBriefingsJob(engine, deps);
  await defineIdempotencyExpiryJob(engine, deps);
  try {
    await engine.start();
    if (!warmup) await engine.unschedule('rollup-warmup').catch(() => undefined);
    if (config.auditSealSeconds === 0) await engine.unschedule('audit-seal').catch(() => undefined);
    await imports.recoverAtStart();
    await warmup?.kick(opts.warmup?.startDelaySeconds ?? 5);
    // the clocks once at start (then hourly): a server down over the hour misses nothing
    await clocks.kick(opts.clockStartDelaySeconds ?? 20);
  } catch (err) {
    imports.close();
    warmup?.close();
    await engine.stop();
    throw err;
  }
  return {
    engine,
    warmup,
    async stop() {
      imports.close();
      warmup?.close();
      await engine.stop();
    },
  };
}
