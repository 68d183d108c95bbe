/** 红绿灯 rules (editable by the system administrator) and their application to projects. */
import { selectSetting, upsertSetting } from '../../db/queries/settings';
import type { LightCutoffs } from '../../db/queries/projects/projects';
import { startOfShanghaiDay, toShanghaiDate } from '../../domain/dates';
import { lightRulesSchema } from '../../contracts/settings';
import { computeLight, DEFAULT_LIGHT_RULES, type LightResult, type LightRules } from '../../domain/project-light';
import { shiftDate } from '../../domain/working-days';
import { AppError } from '../../domain/app-error';
import { msg } from '../../domain/messages/catalog';
import { recordAudit } from '../audit/audit';
import type { Caller, Deps } from '../context';

const KEY = 'light_rules';

export async function getLightRules(deps: Deps): Promise<LightRules> {
  const row = await selectSetting(deps.db, KEY);
  const parsed = lightRulesSchema.partial().safeParse(row?.value ?? {});
  return { ...DEFAULT_LIGHT_RULES, ...(parsed.success ? parsed.data : {}) };
}

export async function updateLightRules(deps: Deps, caller: Caller, rules: LightRules, reason: string): Promise<LightRules> {
  if (rules.noProgressRedDays < rules.noProgressYellowDays || rules.notStartedRedDays < rules.notStartedYellowDays) {
    throw new AppError('VALIDATION', msg('light.rulesOrder'));
  }
  const before = await getLightRules(deps);
  await deps.db.transaction(async (tx) => {
    await upsertSetting(tx, KEY, rules);
    await recordAudit(tx, caller, { action: 'settings.lightRules.update', objectType: 'settings', objectId: KEY, before, after: rules, reason });
  });
  return rules;
}

/** The thresholds of `rules` on `today`, as SQL can compare them. */
export function buildLightCutoffs(rules: LightRules, today: string): LightCutoffs {
  // idle days ≥ N ⇔ last progress on or before today−N ⇔ before the start of day today−N+1
  return {
    today,
    yellowProgressBefore: startOfShanghaiDay(shiftDate(today, 1 - rules.noProgressYellowDays)),
    redProgressBefore: startOfShanghaiDay(shiftDate(today, 1 - rules.noProgressRedDays)),
    yellowStartBy: shiftDate(today, -rules.notStartedYellowDays),
    redStartBy: shiftDate(today, -rules.notStartedRedDays),
    overdueProblemIsRed: rules.overdueProblemIsRed,
  };
}

export function computeProjectLight(
  p: { stage: string; lastProgressAt: Date; agreedStartDate: string | null; startedDate: string | null },
  openProblemDueDates: string[],
  rules: LightRules,
  today: string,
): LightResult {
  return computeLight(
    { stage: p.stage, lastProgressDate: toShanghaiDate(p.lastProgressAt), agreedStartDate: p.agreedStartDate, startedDate: p.startedDate, openProblemDueDates },
    rules,
    today,
  );
}
