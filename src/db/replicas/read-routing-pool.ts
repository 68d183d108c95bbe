/**
 * What Drizzle sees as its pool when replicas are configured. A statement runs on the primary unless the
 * request runs in a replica scope (read-routing.ts: a route declared lag-tolerant): then it runs on that
 * scope's replica, and a transaction does too when it begins `read only` (the statistics' snapshot reads);
 * every other transaction gets a primary connection. A replica statement that fails because the replica
 * cannot serve it — the connection failed, the server is shutting down or starting, a write reached the
 * read-only session (25006), a query cancelled by a conflict with recovery (40001) — runs again on the
 * primary: the user sees no error (nothing was written on the replica, so a retry is safe).
 */
import type { AsyncLocalStorage } from 'node:async_hooks';
import type pg from 'pg';
import { markReplicaDown, type Replica, type ReplicaLog } from './replica-set';

export interface ReadScope {
  replica: Replica;
}

type Query = pg.QueryConfig;

/** Connection failures (no SQLSTATE, class 08, shutdown/start-up 57P0x, too many connections) take the replica out of service. */
function isConnectionFailure(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) return true; // ECONNREFUSED, pool timeout, connection terminated
  return code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03' || code === '53300';
}

/** Whether a replica's failure is worth the same statement on the primary. */
export function shouldFallBack(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return isConnectionFailure(err) || code === '25006' || code === '40001';
}

function textOf(config: Query | string): string {
  return typeof config === 'string' ? config : config.text;
}

/** A transaction's connection, chosen at its first statement (BEGIN … READ ONLY may go to the replica). */
class DeferredClient {
  private inner: pg.PoolClient | null = null;
  constructor(
    private readonly primary: pg.Pool,
    private readonly replica: Replica | null,
    private readonly onFailure: (replica: Replica, err: unknown) => void,
  ) {}

  private async acquire(text: string): Promise<pg.PoolClient> {
    const r = this.replica;
    if (r?.healthy && /^\s*begin\b[^;]*\bread only\b/i.test(text)) {
      try {
        const client = await r.pool.connect();
        r.served += 1;
        return client;
      } catch (err) {
        this.onFailure(r, err);
      }
    }
    return this.primary.connect();
  }

  async query(config: Query, values?: unknown[]): Promise<pg.QueryResult> {
    this.inner ??= await this.acquire(textOf(config));
    return this.inner.query(config, values);
  }

  release(err?: Error | boolean): void {
    this.inner?.release(err);
    this.inner = null;
  }
}

/**
 * The class name must contain "Pool": Drizzle's node-postgres session takes a connection of its own for a
 * transaction only from a client it recognises as a pool (drizzle-orm/node-postgres/session.js).
 */
export class ReadRoutingPool {
  constructor(
    private readonly primary: pg.Pool,
    private readonly scope: AsyncLocalStorage<ReadScope>,
    private readonly log: ReplicaLog,
  ) {}

  private readonly onFailure = (replica: Replica, err: unknown) => {
    replica.fallbacks += 1;
    const message = err instanceof Error ? err.message : String(err);
    if (isConnectionFailure(err)) markReplicaDown(replica, `读取失败，改由主库答复：${message}`, this.log);
  };

  async query(config: Query, values?: unknown[]): Promise<pg.QueryResult> {
    const replica = this.scope.getStore()?.replica;
    if (!replica?.healthy) return this.primary.query(config, values);
    try {
      const result = await replica.pool.query(config, values);
      replica.served += 1;
      return result;
    } catch (err) {
      if (!shouldFallBack(err)) throw err;
      this.onFailure(replica, err);
      return this.primary.query(config, values);
    }
  }

  connect(): Promise<DeferredClient> {
    return Promise.resolve(new DeferredClient(this.primary, this.scope.getStore()?.replica ?? null, this.onFailure));
  }
}
