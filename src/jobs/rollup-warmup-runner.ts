/**
 * Runs the funds rollup warm-up (services/funds-rollup-warmup.ts) in the background of
 * `yinfeng serve`: once shortly after start, then every few minutes (cheap when nothing is stale:
 * a version comparison per range; when the month turns, the new month's ranges are all stale and
 * get computed), and soon after a bulk change announces itself (announceRollupsStale) — debounced,
 * so an import of several files warms up once after the last one.
 *
 * Never two warm-ups at once: a trigger during a run asks for one more run after it. Errors are
 * reported through onError, never thrown. stop() clears the timers, stops a running warm-up at its
 * next batch and waits for it, so nothing touches the database after it resolves. Timers are
 * unref'd: the runner never keeps a process (or a test) alive by itself.
 */
import type { Deps } from '../services/context';
import { listenRollupsStale } from '../services/funds-rollup-signal';
import { warmFundsRollups, type WarmupResult } from '../services/funds-rollup-warmup';

export interface RollupWarmupRunnerOptions {
  /** the regular check; default 5 minutes */
  intervalMs?: number;
  /** the first warm-up after start(); default 5 s (the server is listening by then) */
  startDelayMs?: number;
  /** quiet time after the last kick before warming up; default 10 s */
  kickDelayMs?: number;
  /** the clock deciding the current month; default the real one */
  now?: () => Date;
  /** parts per transaction (see warmFundsRollups) */
  partsPerBatch?: number;
  onError?: (err: unknown) => void;
  /** after each completed (or stopped) warm-up, with its duration */
  onWarmed?: (result: WarmupResult, ms: number) => void;
}

export class RollupWarmupRunner {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private started = false;
  private stopping = false;
  private stopListening: (() => void) | null = null;

  constructor(
    private readonly deps: Deps,
    private readonly opts: RollupWarmupRunnerOptions = {},
  ) {}

  /** Listens for bulk changes and schedules the first warm-up. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.stopping = false;
    this.stopListening = listenRollupsStale(() => this.kick());
    this.schedule(this.opts.startDelayMs ?? 5_000);
  }

  /** Warms up after kickDelayMs of quiet; each kick restarts the wait. Ignored unless started. */
  kick(): void {
    if (!this.started || this.stopping) return;
    this.schedule(this.opts.kickDelayMs ?? 10_000);
  }

  /**
   * Warms up now and resolves when done. While one is running: asks for one more, kickDelayMs after
   * it (the running one may have missed changes committed meanwhile), and resolves when it ends.
   */
  async warmNow(): Promise<void> {
    if (this.stopping) return;
    if (this.running) {
      this.again = true;
      await this.running;
      return;
    }
    this.running = this.warm();
    try {
      await this.running;
    } finally {
      this.running = null;
    }
    if (this.stopping || !this.started) return;
    if (this.again) {
      this.again = false;
      this.schedule(this.opts.kickDelayMs ?? 10_000);
    } else if (!this.timer) {
      this.schedule(this.opts.intervalMs ?? 5 * 60_000);
    }
  }

  /** Stops the timers and any running warm-up (at its next batch); resolves when nothing runs any more. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.started = false;
    this.stopListening?.();
    this.stopListening = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.warmNow();
    }, ms);
    this.timer.unref();
  }

  private async warm(): Promise<void> {
    const t0 = performance.now();
    try {
      const result = await warmFundsRollups(this.deps, this.opts.now?.() ?? new Date(), {
        shouldStop: () => this.stopping,
        partsPerBatch: this.opts.partsPerBatch,
      });
      this.opts.onWarmed?.(result, performance.now() - t0);
    } catch (err) {
      if (this.stopping) return; // the database may be closing
      (this.opts.onError ?? ((e: unknown) => console.error('统计汇总预热出错：', e)))(err);
    }
  }
}
