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
const precisionSchema = z.object({ fitted: z.number().nullable(), defaults: z.number().nullable(), capital: z.number().nullable(), random: z.number().nullable() });
const backtestSchema = z.object({
  cutoff: z.string(),
  train: z.object({ examples: z.number(), positives: z.number() }),
  test: z.object({ examples: z.number(), positives: z.number() }),
  weights: weightsSchema,
  precision: z.object({ at10: precisionSchema, at50: precisionSchema }),
});
const storedSchema = z.object({
  weights: weightsSchema,
  fittedAt: z.string(),
  examples: z.number().int().optional(),
  positives: z.number().int().optional(),
  backtest: backtestSchema.nullable().optional(),
});

export interface LoadedWeights {
  weights: TargetWeights;
  source: 'default' | 'fitted';
  fittedAt: string | null;
  examples: number | null;
  positives: number | null;
  backtest: z.output<typeof backtestSchema> | null;
}

export async function loadTargetWeights(deps: Deps): Promise<LoadedWeights> {
  const row = await selectSetting(deps.db, TARGET_WEIGHTS_SETTING);
  const stored = storedSchema.safeParse(row?.value);
  if (!stored.success) return { weights: DEFAULT_TARGET_WEIGHTS, source: 'default', fittedAt: null, examples: null, positives: null, backtest: null };
  const d = stored.data;
  return { weights: d.weights, source: 'fitted', fittedAt: d.fittedAt, examples: d.examples ?? null, positives: d.positives ?? null, backtest: d.backtest ?? null };
}
