/**
 * What a sample of a table's pages (TABLESAMPLE SYSTEM: each page taken with the same probability,
 * independently) says about how many rows match a search. Rows are counted page by page because
 * rows are not sampled one by one: a page comes whole, and the rows of one import are stored
 * together, so the matches of a search that follows import order (one region, one year) crowd into
 * few pages. The spread between the sampled pages' counts measures that crowding, and the decision
 * below widens its margin by it.
 *
 * The total is the Horvitz–Thompson estimate Σ yᵢ / π over the sampled pages i (yᵢ the page's
 * matches, π the sampling fraction); its variance (1 − π) / π · Σ over all pages of yᵢ² is
 * estimated without bias by (1 − π) / π² · Σ over the sampled pages of yᵢ².
 */

export interface PageSample {
  /** the fraction of the table's pages sampled, 0 < π ≤ 1 */
  fraction: number;
  /** the matches in the sampled pages, Σ yᵢ */
  matches: number;
  /** the sum of the squares of the sampled pages' match counts, Σ yᵢ² */
  pageSquares: number;
}

/** The estimated total of matches in the table, Σ yᵢ / π. */
export function estimateSampleTotal(s: PageSample): number {
  return s.matches / s.fraction;
}

/** The standard error of that estimate, √((1 − π) · Σ yᵢ²) / π (0 when the whole table was read). */
export function estimateSampleError(s: PageSample): number {
  return Math.sqrt(Math.max(0, 1 - s.fraction) * s.pageSquares) / s.fraction;
}

/** Fewest matches in the sample before its spread is trusted at all (a handful of pages says little about its own variance). */
export const SURE_SAMPLE_MATCHES = 100;
/** Standard errors between the estimate and the cap before the total is taken to be above the cap without counting it. */
export const SURE_STANDARD_ERRORS = 5;

/**
 * Whether the sample shows the table to hold more than `cap` matches beyond reasonable doubt: at
 * least SURE_SAMPLE_MATCHES matches, and the estimate above the cap by more than
 * SURE_STANDARD_ERRORS standard errors (a one-sided chance under one in three million that a total
 * at or under the cap looks like this). Matches spread over many pages (the usual case) need a
 * margin of a few percent; matches crowded into a few pages need a wide one, and are then counted.
 */
export function isSurelyAbove(s: PageSample, cap: number): boolean {
  if (s.matches < SURE_SAMPLE_MATCHES) return false;
  return estimateSampleTotal(s) - SURE_STANDARD_ERRORS * estimateSampleError(s) > cap;
}

/** Standard errors above the estimate at which a total is taken to stay within a count's reach. */
export const REACH_STANDARD_ERRORS = 3;
/**
 * Fewest matches in a partial sample before it may widen a count's reach. Over 10,000,000 rows the
 * probe (0.05 % of the pages) sees a handful of matches of a search near the cap, and a search far
 * broader whose matches crowd into pages it missed would look small: reading twice the cap's rows for
 * it would be wasted. Over 1,000,000 rows a search near the cap shows about fifty.
 */
export const REACH_SAMPLE_MATCHES = 30;

/**
 * Whether the sample leaves the total likely at or under `reach`: the estimate plus REACH_STANDARD_ERRORS
 * standard errors, from at least REACH_SAMPLE_MATCHES matches (or the whole table, exact). Only a cost
 * rides on it (how far the exact count reads before it gives up), never a figure shown.
 */
export function isLikelyWithin(s: PageSample, reach: number): boolean {
  if (s.fraction < 1 && s.matches < REACH_SAMPLE_MATCHES) return false;
  return estimateSampleTotal(s) + REACH_STANDARD_ERRORS * estimateSampleError(s) <= reach;
}
