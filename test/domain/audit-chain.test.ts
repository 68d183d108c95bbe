import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkLinks, describeProblem, EMPTY_HEAD, GENESIS_HASH, linkHash, planLinks, type StoredLink } from '../../src/domain/audit-chain';

const h = (s: string) => createHash('sha256').update(s).digest('hex');

describe('audit hash chain', () => {
  it('links a row to the previous hash over the 32-byte values, from a genesis of zeros', () => {
    expect(GENESIS_HASH).toBe('0'.repeat(64));
    expect(EMPTY_HEAD).toEqual({ auditId: 0, hash: GENESIS_HASH });
    const expected = createHash('sha256').update(Buffer.concat([Buffer.alloc(32), Buffer.from(h('row 1'), 'hex')])).digest('hex');
    expect(linkHash(GENESIS_HASH, h('row 1'))).toBe(expected);
    expect(linkHash(h('a'), h('b'))).not.toBe(linkHash(h('b'), h('a')));
  });

  it('plans links in id order, skips rows already sealed, and crosses only settled gaps', () => {
    const rows = [1, 2, 4, 5, 8].map((id) => ({ id, rowHash: h(`row ${id}`) }));
    // ids up to 3 are settled: 3 rolled back, so 4 follows 2; 6 and 7 are not settled, so 8 waits
    const links = planLinks(EMPTY_HEAD, rows, 5);
    expect(links.map((l) => l.auditId)).toEqual([1, 2, 4, 5]);
    expect(links[0]).toEqual({ auditId: 1, rowHash: h('row 1'), prevHash: GENESIS_HASH, hash: linkHash(GENESIS_HASH, h('row 1')) });
    for (let i = 1; i < links.length; i++) {
      expect(links[i]?.prevHash).toBe(links[i - 1]?.hash);
      expect(links[i]?.hash).toBe(linkHash(links[i - 1]?.hash ?? '', links[i]?.rowHash ?? ''));
    }
    // 8 follows 5 once 7 is settled (id − 1 ≤ settledUpTo), not before
    expect(planLinks(EMPTY_HEAD, rows, 6).map((l) => l.auditId)).toEqual([1, 2, 4, 5]);
    expect(planLinks(EMPTY_HEAD, rows, 7).map((l) => l.auditId)).toEqual([1, 2, 4, 5, 8]);
    // a gap right after the head waits too
    expect(planLinks(EMPTY_HEAD, [{ id: 2, rowHash: h('x') }], 0)).toEqual([]);
    expect(planLinks(EMPTY_HEAD, [{ id: 2, rowHash: h('x') }], 1).map((l) => l.auditId)).toEqual([2]);
    // rows at or below the head are sealed already
    const head = { auditId: links[1]?.auditId ?? 0, hash: links[1]?.hash ?? '' };
    const more = planLinks(head, rows, 5);
    expect(more.map((l) => l.auditId)).toEqual([4, 5]);
    expect(more[0]?.prevHash).toBe(head.hash);
  });

  it('finds every kind of tampering and returns the last hash', () => {
    const good = planLinks(EMPTY_HEAD, [1, 2, 3, 4].map((id) => ({ id, rowHash: h(`row ${id}`) })), 4).map((l): StoredLink => ({ ...l, actualRowHash: l.rowHash }));
    expect(checkLinks(GENESIS_HASH, good)).toEqual({ problems: [], lastHash: good[3]?.hash });
    expect(checkLinks(GENESIS_HASH, [])).toEqual({ problems: [], lastHash: GENESIS_HASH });
    const [a, b, c, d] = good as [StoredLink, StoredLink, StoredLink, StoredLink];
    const tampered: StoredLink[] = [
      { ...a, actualRowHash: h('edited') },
      { ...b, actualRowHash: null },
      { ...c, hash: h('forged') },
      { ...d },
    ];
    expect(checkLinks(GENESIS_HASH, tampered).problems).toEqual([
      { auditId: 1, kind: 'row-edited' },
      { auditId: 2, kind: 'row-deleted' },
      { auditId: 3, kind: 'link-edited' },
      { auditId: 4, kind: 'link-broken' },
    ]);
    // a page starting after the wrong hash breaks at its first link
    expect(checkLinks(h('other'), [b, c]).problems).toEqual([{ auditId: 2, kind: 'link-broken' }]);
    expect(describeProblem({ auditId: 7, kind: 'row-unsealed' })).toBe('审计行 #7：审计行不在审计链中（其链记录被删除，或该行是事后插入的）');
    expect(describeProblem({ auditId: 2, kind: 'row-deleted' })).toBe('审计行 #2：审计行已被删除');
  });
});
