/**
 * Seals the audit hash chain (services/audit-chain.ts) in the background of `yinfeng serve`: shortly
 * after start, then every YINFENG_AUDIT_SEAL_SECONDS. Several processes may run one each: the
 * sealer's advisory lock lets one work and the others return at once. Never two runs at once in a
 * process; errors go to onError, never thrown. stop() clears the timer and waits for a running seal.
 * The timer is unref'd: it never keeps a process alive by itself.
 */
import type { Db } from '../db/client';
import { sealAuditChain, type SealResult } from '../services/audit-chain';

export interface AuditSealRunnerOptions {
  intervalMs: number;
  /** the first seal after start(); default 3 s */
  startDelayMs?: number;
  onError?: (err: unknown) => void;
  onSealed?: (result: SealResult) => void;
}

export class AuditSealRunner {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;

  constructor(
    private readonly db: Db,
    private readonly opts: AuditSealRunnerOptions,
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(this.opts.startDelayMs ?? 3_000);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.seal().finally(() => {
        this.running = null;
        this.schedule(this.opts.intervalMs);
      });
    }, ms);
    this.timer.unref();
  }

  private async seal(): Promise<void> {
    try {
      // a short gap wait: the next run retries, and serving requests matters more
      const result = await sealAuditChain(this.db, { gapWaitMs: 200 });
      this.opts.onSealed?.(result);
    } catch (err) {
      if (this.stopped) return; // the database may be closing
      (this.opts.onError ?? ((e: unknown) => console.error('审计链封存出错：', e)))(err);
    }
  }
}
