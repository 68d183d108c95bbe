/** Read replicas, the pure rules: WAL positions, the read-your-writes marker, when a replica is fit to serve. */
import { describe, expect, it } from 'vitest';
import { assessReplica, formatLsn, formatMarker, parseLsn, positionAge, readMarker } from '../../src/domain/read-your-writes';

describe('WAL positions', () => {
  it('parses and prints PostgreSQL LSNs and orders them as numbers, not as text', () => {
    expect(parseLsn('0/0')).toBe(0n);
    expect(parseLsn('16/B374D848')).toBe((0x16n << 32n) | 0xb374d848n);
    expect(formatLsn(parseLsn('16/B374D848') as bigint)).toBe('16/B374D848');
    // '0/A0000000' < '1/0' although 'A' > '1' as text
    expect((parseLsn('0/A0000000') as bigint) < (parseLsn('1/0') as bigint)).toBe(true);
    for (const bad of ['', '16', '16/', 'G/1', '1/2/3', '123456789/0', null, undefined]) expect(parseLsn(bad)).toBeNull();
  });
});

describe('the read-your-writes marker', () => {
  const now = 1_800_000_000_000;
  it('holds the LSN within its bound and is ignored outside it', () => {
    const m = formatMarker('1/2A', now - 5000);
    expect(m).toBe(`1/2A~${now - 5000}`);
    expect(readMarker(m, 10_000, now)).toBe(parseLsn('1/2A'));
    expect(readMarker(m, 4_000, now)).toBeNull(); // older than the bound: replicas have had their time
    expect(readMarker(formatMarker('1/2A', now + 120_000), 10_000, now)).toBeNull(); // from the future: forged or broken
    expect(readMarker(formatMarker('1/2A', now + 30_000), 10_000, now)).toBe(parseLsn('1/2A')); // a little clock difference
    for (const bad of [undefined, '', '1/2A', `x/2A~${now}`, `1/2A~`, `1/2A~${now}x`]) expect(readMarker(bad, 10_000, now)).toBeNull();
  });
});

describe('whether a replica serves reads', () => {
  const base = { standby: true, replayLsn: 100n, primaryLsn: 100n, replayAgeMs: 60_000, positionAgeMs: null };
  it('a replica that has replayed the primary position has no lag, whatever its last commit age', () => {
    expect(assessReplica(base, 1000)).toEqual({ lagMs: 0, healthy: true, reason: null });
    expect(assessReplica({ ...base, replayLsn: 120n }, 1000).lagMs).toBe(0);
  });
  it('behind: the smaller bound counts; beyond the limit it is skipped, naming the variable', () => {
    expect(assessReplica({ ...base, replayLsn: 90n, replayAgeMs: 800 }, 1000)).toEqual({ lagMs: 800, healthy: true, reason: null });
    expect(assessReplica({ ...base, replayLsn: 90n, replayAgeMs: 60_000, positionAgeMs: 300 }, 1000)).toEqual({ lagMs: 300, healthy: true, reason: null });
    const lagging = assessReplica({ ...base, replayLsn: 90n, replayAgeMs: 1500 }, 1000);
    expect(lagging.healthy).toBe(false);
    expect(lagging.lagMs).toBe(1500);
    expect(lagging.reason).toContain('DATABASE_REPLICA_MAX_LAG_MS');
  });
  it('unknown lag or position is not served; a server that is no standby has none', () => {
    expect(assessReplica({ ...base, replayLsn: 90n, replayAgeMs: null }, 1000)).toMatchObject({ lagMs: null, healthy: false });
    expect(assessReplica({ ...base, replayLsn: null }, 1000)).toMatchObject({ healthy: false });
    expect(assessReplica({ ...base, standby: false, replayLsn: 90n, replayAgeMs: null }, 1000)).toMatchObject({ lagMs: 0, healthy: true });
    // the primary's position unknown (its check failed): only the replay age can tell
    expect(assessReplica({ ...base, primaryLsn: null, replayAgeMs: 200 }, 1000)).toMatchObject({ lagMs: 200, healthy: true });
  });
  it('positionAge: how long ago the primary was at a position the replica has reached', () => {
    const samples = [
      { atMs: 1000, lsn: 10n },
      { atMs: 2000, lsn: 20n },
      { atMs: 3000, lsn: 30n },
    ];
    expect(positionAge(samples, 25n, 3500)).toBe(1500);
    expect(positionAge(samples, 30n, 3500)).toBe(500);
    expect(positionAge(samples, 5n, 3500)).toBeNull();
  });
});
