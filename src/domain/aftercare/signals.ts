/**
 * Signals per landed investor (安商稳商): a retention risk and an expansion signal, each with its
 * reasons, from the red flags of the recent follow-up visits and the enterprise's field history
 * (enterprise_field_changes). Pure rules: the service loads the facts.
 *
 * Risk: 迁出 flag, status 吊销/注销/迁出/清算, or the registered region leaving the project's region
 * → high; contraction, dispute, unpaid commitment, status 停业, capital reduced, staff down ≥ 20 %
 * → watch. Two or more watch reasons make high. Expansion: expansion flag, capital increased, staff
 * up ≥ 20 %. Only visits done and field changes dated within the last 12 months count.
 */
import { msg, type Message } from '../messages/catalog';
import { isPathWithin } from '../region-scope';
import type { RedFlag } from './follow-ups';

export interface SignalFacts {
  today: string;
  /** the project's region path, e.g. /650000/650100/650109/ */
  projectRegionPath: string;
  followUps: { doneOn: string | null; redFlags: readonly string[] }[];
  fieldChanges: { field: string; oldValue: unknown; newValue: unknown; date: string }[];
  /** paths of the region codes named in the field changes */
  regionPaths: ReadonlyMap<string, string>;
}

export type RiskLevel = 'high' | 'watch' | 'none';
export interface AftercareSignals {
  risk: RiskLevel;
  riskReasons: Message[];
  expansion: boolean;
  expansionReasons: Message[];
}

const HIGH_RISK_STATUSES = new Set(['revoked', 'deregistered', 'movedOut', 'liquidating']);
const WATCH_STATUSES = new Set(['suspended']);
const STAFF_CHANGE = 0.2;

function yearBefore(today: string): string {
  return `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`;
}

function asNumber(v: unknown): number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return null;
}

export function computeAftercareSignals(f: SignalFacts): AftercareSignals {
  const since = yearBefore(f.today);
  const high: Message[] = [];
  const watch: Message[] = [];
  const expansion: Message[] = [];
  const flags = new Map<RedFlag, string>();
  for (const v of f.followUps) {
    if (!v.doneOn || v.doneOn < since) continue;
    for (const flag of v.redFlags) if (!flags.has(flag as RedFlag) || (flags.get(flag as RedFlag) ?? '') < v.doneOn) flags.set(flag as RedFlag, v.doneOn);
  }
  for (const [flag, date] of flags) {
    if (flag === 'movingOut') high.push(msg('aftercare.signal.flagMovingOut', { date }));
    else if (flag === 'expansion') expansion.push(msg('aftercare.signal.flagExpansion', { date }));
    else if (flag === 'contraction') watch.push(msg('aftercare.signal.flagContraction', { date }));
    else if (flag === 'dispute') watch.push(msg('aftercare.signal.flagDispute', { date }));
    else if (flag === 'unpaidCommitment') watch.push(msg('aftercare.signal.flagUnpaid', { date }));
  }
  for (const c of f.fieldChanges) {
    if (c.date < since) continue;
    if (c.field === 'registeredCapitalYuan') {
      const before = asNumber(c.oldValue);
      const after = asNumber(c.newValue);
      if (before === null || after === null || before === after) continue;
      const text = { date: c.date, before: Math.round(before / 10_000), after: Math.round(after / 10_000) };
      if (after < before) watch.push(msg('aftercare.signal.capitalDown', text));
      else expansion.push(msg('aftercare.signal.capitalUp', text));
    } else if (c.field === 'status' && typeof c.newValue === 'string') {
      if (HIGH_RISK_STATUSES.has(c.newValue)) high.push(msg('aftercare.signal.status', { date: c.date, status: msg(`aftercare.status.${c.newValue as 'revoked'}`) }));
      else if (WATCH_STATUSES.has(c.newValue)) watch.push(msg('aftercare.signal.status', { date: c.date, status: msg('aftercare.status.suspended') }));
    } else if (c.field === 'regionCode' && typeof c.newValue === 'string') {
      const path = f.regionPaths.get(c.newValue);
      if (path && !isPathWithin(f.projectRegionPath, path)) high.push(msg('aftercare.signal.movedOut', { date: c.date, region: c.newValue }));
    } else if (c.field === 'employees') {
      const before = asNumber(c.oldValue);
      const after = asNumber(c.newValue);
      if (before === null || after === null || before <= 0) continue;
      if (after <= before * (1 - STAFF_CHANGE)) watch.push(msg('aftercare.signal.staffDown', { date: c.date, before, after }));
      else if (after >= before * (1 + STAFF_CHANGE)) expansion.push(msg('aftercare.signal.staffUp', { date: c.date, before, after }));
    }
  }
  const risk: RiskLevel = high.length > 0 || watch.length >= 2 ? 'high' : watch.length > 0 ? 'watch' : 'none';
  return { risk, riskReasons: [...high, ...watch], expansion: expansion.length > 0, expansionReasons: expansion };
}
