/**
 * The investor's reciprocal obligations of a clause (投资方对等义务): investment (投资, yuan), output
 * (产值, yuan per year), taxes (税收, yuan per year), jobs (就业, people) — each a target, and an actual
 * where known. Investment's actual is the project's cumulative funds in place (到位资金), never typed in.
 * An obligation is met when its actual reaches the target; unknown when no actual is known yet.
 * A clause's obligations are met when every target it sets is met; none set: null (no obligation).
 */
export const OBLIGATION_ITEMS = ['investment', 'output', 'taxes', 'jobs'] as const;
export type ObligationItem = (typeof OBLIGATION_ITEMS)[number];

export type ObligationFigures = Record<ObligationItem, bigint | null>;

export type ObligationState = 'met' | 'unmet' | 'unknown';

export function assessObligation(target: bigint | null, actual: bigint | null): ObligationState | null {
  if (target === null) return null;
  if (actual === null) return 'unknown';
  return actual >= target ? 'met' : 'unmet';
}

/** met when every set target is met, unmet when any is unmet, unknown otherwise; null when none is set. */
export function assessObligations(targets: ObligationFigures, actuals: ObligationFigures): ObligationState | null {
  const states = OBLIGATION_ITEMS.map((i) => assessObligation(targets[i], actuals[i])).filter((s): s is ObligationState => s !== null);
  if (states.length === 0) return null;
  if (states.includes('unmet')) return 'unmet';
  if (states.includes('unknown')) return 'unknown';
  return 'met';
}
