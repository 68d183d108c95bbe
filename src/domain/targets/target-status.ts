/**
 * A target's way: new → contacted → visited → negotiating → signed, steps may be skipped forward
 * (a first meeting can be a visit); dropped from any open status, with a reason. Signed and dropped
 * are ends: a dropped firm can be claimed again as a new target.
 */
import { msg, type Message } from '../messages/catalog';

export const TARGET_STEPS = ['new', 'contacted', 'visited', 'negotiating', 'signed'] as const;
export type TargetStep = (typeof TARGET_STEPS)[number];
export type TargetStatus = TargetStep | 'dropped';

/** Why `from` cannot become `to`, or null when it can. */
export function checkTargetTransition(from: TargetStatus, to: TargetStatus): Message | null {
  const refuse = () => msg('target.transition', { from: msg(`target.status.${from}`), to: msg(`target.status.${to}`) });
  if (from === 'signed' || from === 'dropped') return refuse();
  if (to === 'dropped') return null;
  return TARGET_STEPS.indexOf(to) > TARGET_STEPS.indexOf(from) ? null : refuse();
}
