/**
 * Read replicas, the pure part: WAL positions (LSNs, "16/B374D848"), whether a replica is fit to
 * serve reads, and the read-your-writes marker a browser carries after its own write.
 *
 * The marker is a cookie `yinfeng_ryw` = "<LSN>~<ms since epoch>": the primary's WAL position right after
 * the write committed and when. Any app server reads it (LSNs are the cluster's, not a process's), so
 * it works behind a round-robin proxy without shared memory. It is not signed: only the browser whose
 * reads it steers can change it, and the worst it can do is send its own reads to the primary for at
 * most the bound (DATABASE_REPLICA_RYW_MS) — what a write does anyway; a marker from the future or older
 * than the bound is ignored.
 */

/** A WAL position as a number (bigint), or null for text that is not one. */
export function parseLsn(text: string | null | undefined): bigint | null {
  const m = /^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/.exec(text ?? '');
  if (!m) return null;
  return (BigInt(`0x${m[1]}`) << 32n) | BigInt(`0x${m[2]}`);
}

export function formatLsn(lsn: bigint): string {
  return `${(lsn >> 32n).toString(16).toUpperCase()}/${(lsn & 0xffffffffn).toString(16).toUpperCase()}`;
}

export function formatMarker(lsn: string, writtenAtMs: number): string {
  return `${lsn}~${Math.trunc(writtenAtMs)}`;
}

/** The LSN a user's reads must wait for, or null when there is no marker or it is out of its bound. */
export function readMarker(value: string | undefined, boundMs: number, nowMs: number): bigint | null {
  const m = /^([0-9A-Fa-f]{1,8}\/[0-9A-Fa-f]{1,8})~(\d{1,16})$/.exec(value ?? '');
  if (!m) return null;
  const age = nowMs - Number(m[2]);
  // a minute of clock difference between app servers is tolerated; more is a forged or broken marker
  if (age > boundMs || age < -60_000) return null;
  return parseLsn(m[1]);
}

/** What a replica's check found. */
export interface ReplicaObservation {
  /** pg_is_in_recovery(): false for a server that is no standby (a primary given as a replica) */
  standby: boolean;
  /** pg_last_wal_replay_lsn() of a standby; pg_current_wal_lsn() of a server that is none */
  replayLsn: bigint | null;
  /** the primary's pg_current_wal_lsn() taken just before */
  primaryLsn: bigint | null;
  /** now() − pg_last_xact_replay_timestamp() on the replica itself (one clock), ms; null before any replayed commit */
  replayAgeMs: number | null;
  /** how long ago the primary was at a position the replica has replayed (positionAge), ms; null beyond the samples kept */
  positionAgeMs: number | null;
}

export interface PositionSample {
  atMs: number;
  lsn: bigint;
}

/**
 * From the primary's positions sampled at earlier checks: the replica holds everything the primary had at the
 * newest sample it has replayed, so its data is at most that old. Unlike the last replayed commit's age this
 * stays small after a quiet hour on the primary, and it is known before a restarted standby replays a commit.
 */
export function positionAge(samples: readonly PositionSample[], replayLsn: bigint, nowMs: number): number | null {
  let newest: number | null = null;
  for (const s of samples) if (s.lsn <= replayLsn && (newest === null || s.atMs > newest)) newest = s.atMs;
  return newest === null ? null : Math.max(0, nowMs - newest);
}

export interface ReplicaAssessment {
  lagMs: number | null;
  healthy: boolean;
  reason: string | null;
}

/**
 * Lag: 0 when the replica has replayed everything the primary had written at the check; otherwise the smaller
 * of two upper bounds of how stale its data is — the age of its last replayed commit, and how long ago the
 * primary stood where the replica stands (positionAge). Unknown lag, or lag beyond the limit, takes the
 * replica out of service until a later check finds it fit.
 */
export function assessReplica(o: ReplicaObservation, maxLagMs: number): ReplicaAssessment {
  if (o.replayLsn === null) return { lagMs: null, healthy: false, reason: '副本未报告重放位置（pg_last_wal_replay_lsn 为空）' };
  if (!o.standby || (o.primaryLsn !== null && o.replayLsn >= o.primaryLsn)) return { lagMs: 0, healthy: true, reason: null };
  const bounds = [o.replayAgeMs, o.positionAgeMs].filter((v): v is number => v !== null);
  if (bounds.length === 0) return { lagMs: null, healthy: false, reason: '延迟未知：副本尚未重放任何事务，且落后于主库' };
  const lagMs = Math.max(0, Math.round(Math.min(...bounds)));
  if (lagMs > maxLagMs) return { lagMs, healthy: false, reason: `延迟 ${lagMs} ms 超过上限 ${maxLagMs} ms（DATABASE_REPLICA_MAX_LAG_MS）` };
  return { lagMs, healthy: true, reason: null };
}
