/** A small deterministic random source for generated data (same seed, same data). */

/** mulberry32: small, fast, deterministic */
export function createRng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const chance = (p: number) => next() < p;
  const shuffle = <T>(list: T[]): T[] => {
    for (let i = list.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [list[i], list[j]] = [list[j] as T, list[i] as T];
    }
    return list;
  };
  const weighted = <T>(items: readonly { w: number; v: T }[]): T => {
    const total = items.reduce((s, i) => s + i.w, 0);
    let r = next() * total;
    for (const i of items) {
      r -= i.w;
      if (r < 0) return i.v;
    }
    return (items[items.length - 1] as { v: T }).v;
  };
  return { next, int, pick, chance, shuffle, weighted };
}
export type Rng = ReturnType<typeof createRng>;
