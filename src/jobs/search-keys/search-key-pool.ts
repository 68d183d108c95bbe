/**
 * Search keys (segmented words and pinyin, buildEnterpriseSearchKeys) cost tens of microseconds a
 * row: the largest share of the CPU time of a registry import. A large import computes them in
 * worker threads, so they run beside the main thread's reading and parsing and the database's
 * work on the other core. Workers hold the process open only while they have work.
 */
import { Worker } from 'node:worker_threads';
import type { EnterpriseSearchKeys, EnterpriseSearchSource } from '../../search/enterprise-search-keys';
import type { KeyComputer } from '../../search/key-computer';

interface Pending {
  resolve: (keys: EnterpriseSearchKeys[]) => void;
  reject: (err: Error) => void;
}

interface Slot {
  worker: Worker;
  pending: Map<number, Pending>;
}

type WorkerMessage = { ready: true } | { id: number; keys?: EnterpriseSearchKeys[]; error?: string };

export class SearchKeyPool implements KeyComputer {
  private readonly slots: Slot[] = [];
  private seq = 0;
  private failure: Error | null = null;

  constructor(size: number) {
    for (let i = 0; i < Math.max(1, size); i++) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    // a bounded heap: the worker holds one batch at a time, so it is told to collect garbage early
    const worker = new Worker(new URL('./search-keys-worker.mjs', import.meta.url), { resourceLimits: { maxOldGenerationSizeMb: 192 } });
    const slot: Slot = { worker, pending: new Map() };
    worker.unref();
    worker.on('message', (msg: WorkerMessage) => {
      if ('ready' in msg) return;
      const p = slot.pending.get(msg.id);
      if (!p) return;
      slot.pending.delete(msg.id);
      if (slot.pending.size === 0) worker.unref();
      if (msg.error !== undefined || !msg.keys) p.reject(new Error(`计算搜索关键词失败：${msg.error ?? '无结果'}`));
      else p.resolve(msg.keys);
    });
    const fail = (err: Error) => {
      this.failure ??= err;
      for (const p of slot.pending.values()) p.reject(err);
      slot.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (slot.pending.size > 0) fail(new Error(`搜索关键词计算线程意外退出（${code}）`));
    });
    return slot;
  }

  compute(items: EnterpriseSearchSource[]): Promise<EnterpriseSearchKeys[]> {
    if (this.failure) return Promise.reject(this.failure);
    if (items.length === 0) return Promise.resolve([]);
    let slot = this.slots[0] as Slot;
    for (const s of this.slots) if (s.pending.size < slot.pending.size) slot = s;
    const id = ++this.seq;
    return new Promise((resolve, reject) => {
      slot.pending.set(id, { resolve, reject });
      slot.worker.ref();
      slot.worker.postMessage({ id, items });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
