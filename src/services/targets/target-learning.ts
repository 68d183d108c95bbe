/**
 * Learning from outcomes (issue 12, item 6): the training examples from the installation's own
 * targets and feedback, the fit of the weights with its backtest (domain/targets/target-weights-fit.ts),
 * stored in the setting the score reads (target-weights.ts) and audited.
 *
 * Labels: a target that reached 已拜访 (visited) or further is a success (1); one dropped before a
 * visit, or claimed 180 days ago or more and still 新目标/已接触, is a failure (0); younger open targets
 * are not yet known and left out. Feedback 好线索 is a success, 不相关 a failure, each with the
 * candidate's feature values computed when fitting.
 */
import { z } from 'zod';
import { selectRegion } from '../../db/queries/regions';
import { upsertSetting } from '../../db/queries/settings';
import { selectTargetOutcomes, selectTellingFeedback, type TargetOutcomeRow } from '../../db/queries/targets/target-outcomes';
import { AppError } from '../../domain/app-error';
import { msg } from '../../domain/messages/catalog';
import { DEFAULT_TARGET_WEIGHTS, readFeatureValues, TARGET_FEATURES, type TargetFeature } from '../../domain/targets/target-score';
import { backtest, fitLogistic, hasEnoughExamples, MIN_EXAMPLES, toPointWeights, type BacktestResult, type TrainingExample } from '../../domain/targets/target-weights-fit';
import { recordAudit } from '../audit/audit';
import { createSystemCaller, type Caller, type Deps } from '../context';
import { requireNode, resolveRegionChain } from './target-context';
import { scoreCandidates } from './target-scoring';
import { loadTargetWeights, TARGET_WEIGHTS_SETTING } from './target-weights';

/** An open target older than this without a visit counts as a failure. */
export const STALL_DAYS = 180;

const valuesSchema = z.object(Object.fromEntries(TARGET_FEATURES.map((f) => [f, z.number().min(0).max(1)])) as Record<TargetFeature, z.ZodNumber>);

const toDate = (v: Date | string) => (v instanceof Date ? v : new Date(v));

function labelOf(row: TargetOutcomeRow, now: Date): 0 | 1 | null {
  if (row.progressed) return 1;
  if (row.status === 'dropped') return 0;
  return now.getTime() - toDate(row.claimed_at).getTime() >= STALL_DAYS * 86_400_000 ? 0 : null;
}

/** Every example the installation's history gives, oldest first. */
export async function collectTrainingExamples(deps: Deps, now: Date = new Date()): Promise<TrainingExample[]> {
  const out: TrainingExample[] = [];
  for (const row of await selectTargetOutcomes(deps.db)) {
    const values = valuesSchema.safeParse(row.features);
    const label = labelOf(row, now);
    if (values.success && label !== null) out.push({ values: values.data, label, at: toDate(row.claimed_at).toISOString() });
  }
  const system = createSystemCaller('target-weights');
  for (const f of await selectTellingFeedback(deps.db)) {
    const region = await selectRegion(deps.db, f.region_code);
    if (!region) continue;
    const ctx = await resolveRegionChain(deps, system, { region: region.code, chain: f.chain_code }).catch(() => null);
    const node = ctx?.nodes.find((n) => n.code === f.node_code);
    if (!ctx || !node) continue; // the node left the chain's current version
    const [scored] = await scoreCandidates(deps, ctx, requireNode(ctx, node.code), DEFAULT_TARGET_WEIGHTS, [f.enterprise_id]);
    if (scored) out.push({ values: readFeatureValues(scored.facts), label: f.kind === 'goodLead' ? 1 : 0, at: toDate(f.created_at).toISOString() });
  }
  return out.sort((a, b) => a.at.localeCompare(b.at));
}

export interface StoredFit {
  weights: Record<TargetFeature, number>;
  fittedAt: string;
  examples: number;
  positives: number;
  backtest: BacktestResult | null;
}

/**
 * Fits the weights on all examples and backtests on a time split; stores them when there are enough
 * examples (MIN_EXAMPLES), else keeps the current weights and says so. Audited either way.
 */
export async function fitTargetWeights(deps: Deps, caller: Caller, now: Date = new Date()) {
  const examples = await collectTrainingExamples(deps, now);
  const positives = examples.filter((e) => e.label === 1).length;
  if (!hasEnoughExamples(examples)) {
    await recordAudit(deps.db, caller, { action: 'investmentTarget.fit', objectType: 'settings', objectId: TARGET_WEIGHTS_SETTING, after: { fitted: false, examples: examples.length, positives } });
    return { fitted: false as const, examples: examples.length, positives, needed: MIN_EXAMPLES, current: await loadTargetWeights(deps) };
  }
  const stored: StoredFit = {
    weights: toPointWeights(fitLogistic(examples)),
    fittedAt: now.toISOString(),
    examples: examples.length,
    positives,
    backtest: backtest(examples),
  };
  const before = await loadTargetWeights(deps);
  await deps.db.transaction(async (tx) => {
    await upsertSetting(tx, TARGET_WEIGHTS_SETTING, stored);
    await recordAudit(tx, caller, {
      action: 'investmentTarget.fit',
      objectType: 'settings',
      objectId: TARGET_WEIGHTS_SETTING,
      before: { weights: before.weights, source: before.source },
      after: { fitted: true, weights: stored.weights, examples: stored.examples, positives, precisionAt10: stored.backtest?.precision.at10 ?? null },
    });
  });
  return { fitted: true as const, examples: stored.examples, positives, needed: MIN_EXAMPLES, current: await loadTargetWeights(deps) };
}

/** Refitting changes every region's scores: the province level (or the CLI operator) does it. */
export async function fitTargetWeightsAs(deps: Deps, caller: Caller) {
  const home = caller.actor.regionCode ? await selectRegion(deps.db, caller.actor.regionCode) : undefined;
  if (caller.actor.id !== null && home?.level !== 'province') throw new AppError('FORBIDDEN', msg('target.fitProvinceOnly'));
  return fitTargetWeights(deps, caller);
}
