/**
 * The weights the score uses: the defaults (domain/targets/target-score.ts) until weights have been
 * fitted on the installation's own outcomes, then the fitted ones (setting `targets.weights`, written
 * by the fitting job with its backtest). A stored value that does not read as weights is ignored.
 */
import { z } from 'zod';
import { selectSetting } from '../../db/queries/settings';
import { DEFAULT_TARGET_WEIGHTS, TARGET_FEATURES, type TargetWeights } from '../../domain/targets/target-score';
import type { Deps } from '../context';

export const TARGET_WEIGHTS_SETTING = 'targets.weights';

const weightsSchema = z.object(Object.fromEntries(TARGET_FEATURES.map((f) => [f, z.number().min(0).max(100)])) as Record<keyof TargetWeights, z.ZodNumber>);
const storedSchema = z.object({ weights: weightsSchema, fittedAt: z.string() });

export async function loadTargetWeights(deps: Deps): Promise<{ weights: TargetWeights; source: 'default' | 'fitted'; fittedAt: string | null }> {
  const row = await selectSetting(deps.db, TARGET_WEIGHTS_SETTING);
  const stored = storedSchema.safeParse(row?.value);
  if (!stored.success) return { weights: DEFAULT_TARGET_WEIGHTS, source: 'default', fittedAt: null };
  return { weights: stored.data.weights, source: 'fitted', fittedAt: stored.data.fittedAt };
}
