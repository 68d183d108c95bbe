/**
 * The replicas' state for operations (/metrics, readiness, `yinfeng doctor`): what the watcher found at its
 * last check (src/db/replicas/replica-set.ts). No query is made here.
 */
import type { Database } from '../client';

export interface ReplicaStatus {
  /** the connection URL without password */
  url: string;
  /** serving reads now */
  healthy: boolean;
  /** replay lag at the last check, ms; null when unknown (unreachable, nothing replayed yet) */
  lagMs: number | null;
  /** pg_is_in_recovery() at the last check; null before a successful check */
  standby: boolean | null;
  /** the replayed WAL position as a decimal number (bigint text), for comparisons and graphs */
  replayLsn: string | null;
  checkedAt: string | null;
  /** statements and read-only transactions it served since start, and reads that fell back from it to the primary */
  served: number;
  fallbacks: number;
  /** the lag beyond which it is skipped (DATABASE_REPLICA_MAX_LAG_MS) */
  maxLagMs: number;
  /** why it is out of service */
  reason?: string;
}

/** Each configured replica's state; [] without replicas (embedded mode, or none configured). */
export function describeReplicas(database: Database): Promise<ReplicaStatus[]> {
  return Promise.resolve(database.reads?.describe() ?? []);
}
