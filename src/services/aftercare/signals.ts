/** Signals per landed investor (retention risk, expansion) for a set of projects: loads the facts, applies domain/aftercare/signals. */
import { selectFollowUpsOfProjects, selectRegionPaths, selectSignalFieldChanges } from '../../db/queries/aftercare/follow-ups';
import { computeAftercareSignals } from '../../domain/aftercare/signals';
import { renderMessage, type Lang } from '../../domain/messages/catalog';
import type { Deps } from '../context';

export interface SignalSubject {
  projectId: string;
  investorId: string | null;
  regionPath: string;
}

export async function computeSignalsFor(deps: Deps, subjects: readonly SignalSubject[], today: string, lang: Lang = 'zh') {
  const since = `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`;
  const visits = await selectFollowUpsOfProjects(deps.db, subjects.map((s) => s.projectId));
  const changes = await selectSignalFieldChanges(deps.db, [...new Set(subjects.flatMap((s) => (s.investorId ? [s.investorId] : [])))], since);
  const codes = [...new Set(changes.filter((c) => c.field === 'regionCode' && typeof c.new_value === 'string').map((c) => c.new_value as string))];
  const regionPaths = await selectRegionPaths(deps.db, codes);
  const out = new Map<string, { risk: 'high' | 'watch' | 'none'; riskReasons: string[]; expansion: boolean; expansionReasons: string[] }>();
  for (const s of subjects) {
    const r = computeAftercareSignals({
      today,
      projectRegionPath: s.regionPath,
      followUps: visits.filter((v) => v.projectId === s.projectId).map((v) => ({ doneOn: v.doneOn, redFlags: v.redFlags })),
      fieldChanges: changes.filter((c) => c.enterprise_id === s.investorId).map((c) => ({ field: c.field, oldValue: c.old_value, newValue: c.new_value, date: c.date })),
      regionPaths,
    });
    out.set(s.projectId, {
      risk: r.risk,
      riskReasons: r.riskReasons.map((m) => renderMessage(m, lang)),
      expansion: r.expansion,
      expansionReasons: r.expansionReasons.map((m) => renderMessage(m, lang)),
    });
  }
  return out;
}
