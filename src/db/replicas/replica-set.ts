/**
 * The read replicas of one app process: a small read-only pool per replica and a watcher that checks each
 * every DATABASE_REPLICA_CHECK_MS (its replayed WAL position against the primary's, and the age of its last
 * replayed commit: PostgreSQL's own pg_last_wal_replay_lsn / pg_last_xact_replay_timestamp), takes a replica
 * that lags beyond the limit or does not answer out of service, and back in when a later check finds it fit.
 */
import pg from 'pg';
import { keepClientErrorsFromCrashing } from '../pool-settings';
import { assessReplica, formatLsn, parseLsn, positionAge, type PositionSample } from '../../domain/read-your-writes';
import { describeUrl } from '../client';

export interface ReplicaSettings {
  urls: string[];
  maxLagMs: number;
  checkMs: number;
  poolMax: number;
  /** statement_timeout of the replica sessions, ms (0 = none): the primary's request limit */
  statementTimeoutMs: number;
  /** how long a read waits for a replica connection before it falls back to the primary, ms */
  connectTimeoutMs: number;
}

export interface Replica {
  /** the URL without password */
  readonly url: string;
  readonly pool: pg.Pool;
  healthy: boolean;
  lagMs: number | null;
  standby: boolean | null;
  replayLsn: bigint | null;
  reason: string | null;
  checkedAt: Date | null;
  /** statements and read-only transactions this replica served, and reads that fell back to the primary from it */
  served: number;
  fallbacks: number;
}

export type ReplicaLog = (line: string) => void;

/** The application name of replica sessions (pg_stat_activity on the standby shows them). */
export const REPLICA_APPLICATION_NAME = 'yinfeng-replica';

function openReplica(url: string, s: ReplicaSettings, log: ReplicaLog): Replica {
  const pool = new pg.Pool({
    connectionString: url,
    max: s.poolMax,
    connectionTimeoutMillis: s.connectTimeoutMs,
    idleTimeoutMillis: 30_000,
    application_name: REPLICA_APPLICATION_NAME,
    // belt and braces: a write sent here by mistake fails (25006) and goes to the primary instead
    options: '-c default_transaction_read_only=on',
    ...(s.statementTimeoutMs > 0 ? { statement_timeout: s.statementTimeoutMs } : {}),
  });
  const replica: Replica = { url: describeUrl(url), pool, healthy: false, lagMs: null, standby: null, replayLsn: null, reason: '尚未检查', checkedAt: null, served: 0, fallbacks: 0 };
  // an idle connection ended by the server (the standby stopped): out of service until a check finds it back
  pool.on('error', (err) => markReplicaDown(replica, `连接中断：${err.message}`, log));
  keepClientErrorsFromCrashing(pool);
  return replica;
}

/** Takes a replica out of service at once (a failed read, an ended connection); the watcher brings it back. */
export function markReplicaDown(replica: Replica, reason: string, log: ReplicaLog): void {
  if (replica.healthy) log(`只读副本 ${replica.url} 暂停使用：${reason}`);
  replica.healthy = false;
  replica.lagMs = null;
  replica.reason = reason;
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`检查超过 ${ms} ms 未答复`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

async function checkReplica(replica: Replica, samples: readonly PositionSample[], s: ReplicaSettings, log: ReplicaLog): Promise<void> {
  const primaryLsn = samples.at(-1)?.lsn ?? null;
  try {
    const { rows } = await withTimeout(
      replica.pool.query<{ standby: boolean; lsn: string | null; age_ms: number | null }>(
        `select pg_is_in_recovery() as standby,
                (case when pg_is_in_recovery() then pg_last_wal_replay_lsn() else pg_current_wal_lsn() end)::text as lsn,
                (extract(epoch from now() - pg_last_xact_replay_timestamp()) * 1000)::float8 as age_ms`,
      ),
      Math.max(1000, s.checkMs * 2),
    );
    const row = rows[0];
    const replayLsn = parseLsn(row?.lsn);
    const a = assessReplica(
      { standby: row?.standby ?? false, replayLsn, primaryLsn, replayAgeMs: row?.age_ms ?? null, positionAgeMs: replayLsn === null ? null : positionAge(samples, replayLsn, Date.now()) },
      s.maxLagMs,
    );
    const was = replica.healthy;
    Object.assign(replica, { standby: row?.standby ?? null, replayLsn, lagMs: a.lagMs, healthy: a.healthy, reason: a.reason, checkedAt: new Date() });
    if (!was && a.healthy) log(`只读副本 ${replica.url} 可用（延迟 ${a.lagMs} ms，重放到 ${replayLsn === null ? '—' : formatLsn(replayLsn)}）`);
    if (was && !a.healthy) log(`只读副本 ${replica.url} 暂停使用：${a.reason ?? ''}`);
  } catch (err) {
    markReplicaDown(replica, `无法连接或查询：${err instanceof Error ? err.message : String(err)}`, log);
    replica.checkedAt = new Date();
  }
}

export interface ReplicaSet {
  readonly replicas: readonly Replica[];
  /** a replica fit to serve now that has replayed `minLsn` (when given), round-robin; null: read from the primary */
  pick(minLsn: bigint | null): Replica | null;
  /** checks every replica now (the watcher does this every checkMs) */
  checkNow(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens the replicas' pools, checks each once and keeps checking in the background (the timer does not keep
 * the process alive). A replica that cannot be reached at start is simply out of service until it can.
 */
export async function openReplicaSet(primary: pg.Pool, s: ReplicaSettings, log: ReplicaLog): Promise<ReplicaSet> {
  const replicas = s.urls.map((url) => openReplica(url, s, log));
  let next = 0;
  let running: Promise<void> | null = null;
  // the primary's positions at recent checks, kept a little longer than the lag limit (positionAge)
  let samples: PositionSample[] = [];
  const checkAll = async () => {
    // the primary's position first: a replica at or past it has replayed everything written so far
    const at = Date.now();
    const primaryLsn = await withTimeout(primary.query<{ lsn: string }>('select pg_current_wal_lsn()::text as lsn'), Math.max(1000, s.checkMs * 2))
      .then((r) => parseLsn(r.rows[0]?.lsn))
      .catch(() => null);
    if (primaryLsn !== null) samples = [...samples.filter((x) => x.atMs > at - 2 * s.maxLagMs - 2 * s.checkMs), { atMs: at, lsn: primaryLsn }];
    await Promise.all(replicas.map((r) => checkReplica(r, primaryLsn === null ? [] : samples, s, log)));
  };
  const checkNow = () => (running ??= checkAll().finally(() => (running = null)));
  const timer = setInterval(() => void checkNow(), s.checkMs);
  timer.unref();
  await checkNow();
  return {
    replicas,
    pick(minLsn) {
      const fit = replicas.filter((r) => r.healthy && (minLsn === null || (r.replayLsn !== null && r.replayLsn >= minLsn)));
      if (fit.length === 0) return null;
      next = (next + 1) % 1_000_000;
      return fit[next % fit.length] ?? null;
    },
    checkNow,
    async close() {
      clearInterval(timer);
      await running?.catch(() => undefined);
      await Promise.all(replicas.map((r) => r.pool.end().catch(() => undefined)));
    },
  };
}
