/**
 * The hook through which read replicas (issue 15, item 1) report their state to the readiness probe,
 * /metrics and `yinfeng doctor`, without those knowing how replicas are reached. The replica code
 * registers one source per opened database (setReplicaStatusSource); without one there are no
 * replicas and every reader gets an empty list (embedded mode, or PostgreSQL without
 * DATABASE_REPLICA_URLS).
 */
import type { Database } from './client';
import { describeReplicas } from './replicas/replica-status';

export interface ReplicaStatus {
  /** how the replica is named in metrics and messages: host:port/database, never a password */
  name: string;
  reachable: boolean;
  /** replay lag in seconds; null when unknown (unreachable, or nothing replayed yet) */
  lagSeconds: number | null;
  /** the configured limit beyond which reads skip it (seconds); null for none */
  maxLagSeconds: number | null;
  /** what is wrong, in Chinese, when it is skipped */
  problem?: string;
  /** reads it served since this process started, and reads that fell back from it to the primary (absent when not known) */
  served?: number;
  fallbacks?: number;
}

export type ReplicaStatusSource = () => Promise<ReplicaStatus[]>;

const sources = new WeakMap<object, ReplicaStatusSource>();

/** Called by whatever opens replicas for `database` (one source per database; a second replaces the first). */
export function setReplicaStatusSource(database: Database, source: ReplicaStatusSource): void {
  sources.set(database, source);
}

/** The replicas of `database` and their state now; [] when none are configured. A failing source reads as one unreachable entry. */
export async function readReplicaStatus(database: Database): Promise<ReplicaStatus[]> {
  const source = sources.get(database) ?? (() => fromReplicaWatcher(database));
  try {
    return await source();
  } catch (err) {
    return [{ name: 'replicas', reachable: false, lagSeconds: null, maxLagSeconds: null, problem: `读取只读副本状态失败：${(err as Error).message}` }];
  }
}

/** What the replica watcher (replicas/replica-set.ts) saw at its last check, in this hook's terms. */
async function fromReplicaWatcher(database: Database): Promise<ReplicaStatus[]> {
  return (await describeReplicas(database)).map((r) => ({
    name: r.url.replace(/^postgres(ql)?:\/\/([^@/]*@)?/, ''),
    // out of service for lag it still answered (its lag is known); unknown lag means the check did not get through
    reachable: r.healthy || r.lagMs !== null,
    lagSeconds: r.lagMs === null ? null : r.lagMs / 1000,
    maxLagSeconds: r.maxLagMs / 1000,
    served: r.served,
    fallbacks: r.fallbacks,
    ...(r.reason ? { problem: r.reason } : {}),
  }));
}
