/**
 * Which resident team (or partner) a name means for an organising region: the region's own first,
 * then the nearest ancestor's, then the one of its subtree when exactly one there carries the name.
 * null: none (a gap — the name is kept), or several in the subtree (ambiguous, also a gap).
 */
export function pickOnRegionLine<T extends { id: string; name: string; path: string }>(candidates: readonly T[], regionPath: string, name: string): T | null {
  const named = candidates.filter((c) => c.name === name);
  const own = named.find((c) => c.path === regionPath);
  if (own) return own;
  const ancestors = named.filter((c) => regionPath.startsWith(c.path)).sort((a, b) => b.path.length - a.path.length);
  if (ancestors[0]) return ancestors[0];
  const below = named.filter((c) => c.path.startsWith(regionPath));
  return below.length === 1 ? below[0]! : null;
}

/** A record of `path` may be named by an activity of `regionPath`: the same region, above it or below it. */
export function isOnRegionLine(path: string, regionPath: string): boolean {
  return regionPath.startsWith(path) || path.startsWith(regionPath);
}
