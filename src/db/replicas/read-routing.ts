/**
 * Read routing for the HTTP server: `attachReplicas` gives a PostgreSQL database a second Drizzle handle
 * (`reads.db`) over ReadRoutingPool. Requests use it; outside a replica scope it is the primary. The HTTP
 * layer opens a replica scope around a handler that its route declares lag-tolerant
 * (src/http/plugins/read-routing.ts), after checking the user's read-your-writes marker. Background jobs
 * and commands keep `database.db`, the primary, whatever scope they were started from.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { drizzle } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import type { Database, Db } from '../client';
import * as schema from '../schema/index';
import { ReadRoutingPool, type ReadScope } from './read-routing-pool';
import { openReplicaSet, type ReplicaLog, type ReplicaSettings, type ReplicaSet } from './replica-set';
import type { ReplicaStatus } from './replica-status';

export interface ReadRouting {
  /** the requests' Drizzle handle: the primary, or the scope's replica for lag-tolerant reads */
  db: Db;
  /** how long after a user's write that user's reads stay on the primary at most, ms */
  rywMs: number;
  /**
   * Runs `fn` (the rest of a request) with its reads on a replica that is fit and has replayed `minLsn`;
   * returns that replica's URL (no password), or null when there is none and `fn` ran on the primary.
   */
  runOnReplica(minLsn: bigint | null, fn: () => void): string | null;
  /** the primary's WAL position now: taken after a write committed, it is what a replica must replay to show it */
  primaryLsn(): Promise<string>;
  describe(): ReplicaStatus[];
  /** checks every replica now (the watcher does this every DATABASE_REPLICA_CHECK_MS) */
  checkNow(): Promise<void>;
}

function statusOf(set: ReplicaSet, maxLagMs: number): ReplicaStatus[] {
  return set.replicas.map((r) => ({
    url: r.url,
    healthy: r.healthy,
    lagMs: r.lagMs,
    standby: r.standby,
    replayLsn: r.replayLsn === null ? null : r.replayLsn.toString(),
    checkedAt: r.checkedAt?.toISOString() ?? null,
    served: r.served,
    fallbacks: r.fallbacks,
    maxLagMs,
    ...(r.reason ? { reason: r.reason } : {}),
  }));
}

function createReadRouting(primary: pg.Pool, set: ReplicaSet, settings: { rywMs: number; maxLagMs: number }, log: ReplicaLog): ReadRouting {
  const scope = new AsyncLocalStorage<ReadScope>();
  // a library boundary: Drizzle types its client as pg.Pool | pg.Client, ReadRoutingPool has the two methods it calls
  const client = new ReadRoutingPool(primary, scope, log) as unknown as pg.Pool;
  return {
    db: drizzle({ client, schema }),
    rywMs: settings.rywMs,
    runOnReplica(minLsn, fn) {
      const replica = set.pick(minLsn);
      if (!replica) {
        fn();
        return null;
      }
      scope.run({ replica }, fn);
      return replica.url;
    },
    async primaryLsn() {
      const { rows } = await primary.query<{ lsn: string }>('select pg_current_wal_lsn()::text as lsn');
      return rows[0]?.lsn ?? '0/0';
    },
    describe: () => statusOf(set, settings.maxLagMs),
    checkNow: () => set.checkNow(),
  };
}

/**
 * The database with its replicas, or the database unchanged when none are configured or it is embedded.
 * Closing it closes the replicas' pools and stops their watcher first.
 */
export async function attachReplicas(
  database: Database,
  settings: ReplicaSettings & { rywMs: number },
  log: ReplicaLog = (line) => console.warn(line),
): Promise<Database> {
  if (database.kind !== 'postgres' || settings.urls.length === 0) return database;
  const set = await openReplicaSet(database.pool, settings, log);
  return {
    ...database,
    reads: createReadRouting(database.pool, set, settings, log),
    async close() {
      await set.close();
      await database.close();
    },
  };
}
