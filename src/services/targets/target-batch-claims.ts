/**
 * Claiming many enterprises at once for one chain node (from an enterprise list, from a saved
 * search): each goes through the one claim rule (claimTarget: scope, local firms refused, one
 * region per node and firm at a time, its own audit row); a refusal is reported per enterprise
 * with its reason and does not stop the others. One more audit row records the batch.
 */
import type { AuditAction, AuditObjectType } from '../../domain/audit-actions';
import { AppError } from '../../domain/app-error';
import { recordAudit } from '../audit/audit';
import type { Caller, Deps } from '../context';
import type { ChainNode } from '../../domain/chains/chain-content';
import { claimTarget } from './target-claims';
import type { TargetChainContext } from './target-context';

export interface BatchFirm {
  id: string;
  creditCode: string | null;
  name: string;
}

export interface BatchOutcome {
  enterpriseId: string;
  creditCode: string | null;
  name: string;
  outcome: 'claimed' | 'refused';
  targetId: string | null;
  reason: string | null;
}

/** Claims each firm in turn for the region and node; an AppError (the rule's refusal) becomes the firm's reason. */
export async function claimEachFirm(deps: Deps, caller: Caller, ctx: TargetChainContext, node: ChainNode, firms: readonly BatchFirm[]): Promise<BatchOutcome[]> {
  const results: BatchOutcome[] = [];
  for (const m of firms) {
    try {
      const t = await claimTarget(deps, caller, { region: ctx.region.code, chain: ctx.chain.code, node: node.code, enterprise: m.id });
      results.push({ enterpriseId: m.id, creditCode: m.creditCode, name: m.name, outcome: 'claimed', targetId: t.id, reason: null });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      results.push({ enterpriseId: m.id, creditCode: m.creditCode, name: m.name, outcome: 'refused', targetId: null, reason: err.message });
    }
  }
  return results;
}

/** The batch's audit row (the source, the node, who was claimed and who refused and why) and the answer's common part. */
export async function recordBatchClaim(
  deps: Deps,
  caller: Caller,
  source: { action: AuditAction; objectType: AuditObjectType; id: string; name: string; extra?: Record<string, unknown> },
  ctx: TargetChainContext,
  node: ChainNode,
  results: BatchOutcome[],
) {
  const claimed = results.filter((r) => r.outcome === 'claimed');
  const refused = results.filter((r) => r.outcome === 'refused');
  await recordAudit(deps.db, caller, {
    action: source.action,
    objectType: source.objectType,
    objectId: source.id,
    regionCode: ctx.region.code,
    after: {
      ...(source.objectType === 'enterprise_list' ? { list: source.name } : { search: source.name }),
      ...source.extra,
      chain: ctx.chain.code,
      node: node.code,
      region: ctx.region.code,
      claimed: claimed.map((r) => ({ enterpriseId: r.enterpriseId, targetId: r.targetId })),
      refused: refused.map((r) => ({ enterpriseId: r.enterpriseId, reason: r.reason })),
    },
  });
  return {
    region: { code: ctx.region.code, name: ctx.region.name },
    chain: { code: ctx.chain.code, name: ctx.chain.name },
    node: { code: node.code, name: node.name },
    claimed: claimed.length,
    refused: refused.length,
    results,
  };
}
