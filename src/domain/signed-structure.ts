/**
 * 签约项目结构 (DESIGN.md, "Statistical definitions, second half"): the projects signed in P split
 * by three sectors, by chain and by investor tag. Each value: projects, amountYuan, and their shares
 * of ALL projects signed in P and of the total signed amount (half-up to 2 decimals, null on a zero
 * base). A project may fall in no group (no industry code, no chain node, an investor without
 * tags) or, by investor tag, in several: the shares of one split need not add up to 100.
 */
import { percentHalfUp } from './money';

export const SIGNED_SECTORS = ['primary', 'secondary', 'tertiary'] as const;
export type SignedSector = (typeof SIGNED_SECTORS)[number];

/** 三次产业 1/2/3 (GB/T 4754 with 《三次产业划分规定》) as the summary's keys. */
export const SECTOR_KEYS: Record<1 | 2 | 3, SignedSector> = { 1: 'primary', 2: 'secondary', 3: 'tertiary' };

/** Signed projects of one group: their count and their 签约额 (a project without an amount adds 0). */
export interface SignedGroup {
  key: string;
  projects: number;
  amountYuan: bigint;
}

export interface SignedShare {
  projects: number;
  amountYuan: number;
  projectSharePct: number | null;
  amountSharePct: number | null;
}

/** The base of every share: all projects signed in P and their total signed amount. */
export interface SignedTotal {
  projects: number;
  amountYuan: bigint;
}

function toShare(g: { projects: number; amountYuan: bigint }, total: SignedTotal): SignedShare {
  return {
    projects: g.projects,
    amountYuan: Number(g.amountYuan),
    projectSharePct: percentHalfUp(BigInt(g.projects), BigInt(total.projects)),
    amountSharePct: percentHalfUp(g.amountYuan, total.amountYuan),
  };
}

/** Groups with the same key added up; keyed in order of amount, then projects (both descending), then key. */
export function buildSignedShares(groups: readonly SignedGroup[], total: SignedTotal): Record<string, SignedShare> {
  const merged = new Map<string, { projects: number; amountYuan: bigint }>();
  for (const g of groups) {
    const m = merged.get(g.key) ?? { projects: 0, amountYuan: 0n };
    m.projects += g.projects;
    m.amountYuan += g.amountYuan;
    merged.set(g.key, m);
  }
  const ordered = [...merged].sort(([ka, a], [kb, b]) => (a.amountYuan !== b.amountYuan ? (a.amountYuan > b.amountYuan ? -1 : 1) : b.projects - a.projects || (ka < kb ? -1 : ka > kb ? 1 : 0)));
  return Object.fromEntries(ordered.map(([k, g]) => [k, toShare(g, total)]));
}

/** By sector: all three keys, a sector without signed projects at 0. */
export function buildSignedBySector(groups: readonly { sector: SignedSector; projects: number; amountYuan: bigint }[], total: SignedTotal): Record<SignedSector, SignedShare> {
  return Object.fromEntries(
    SIGNED_SECTORS.map((s) => {
      const rows = groups.filter((g) => g.sector === s);
      return [s, toShare({ projects: rows.reduce((a, r) => a + r.projects, 0), amountYuan: rows.reduce((a, r) => a + r.amountYuan, 0n) }, total)];
    }),
  ) as Record<SignedSector, SignedShare>;
}
