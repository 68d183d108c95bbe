/**
 * 以名单认领 (issue 12 item 8): claim the members of an enterprise list (all, or the chosen ones) as
 * targets of one region for one chain node. Each enterprise goes through the one claim rule
 * (claimTarget: scope, local firms refused, one region per node and firm at a time, its own audit
 * row); a refusal is reported per enterprise with its reason and does not stop the others. The
 * region, chain and node are checked once first, so a wrong one refuses the whole request. One more
 * audit row records the batch (the list, the node, who was claimed and who refused and why).
 */
import { selectListMemberKeys } from '../../db/queries/enterprises/enterprise-lists';
import { selectEnterpriseByKey } from '../../db/queries/enterprises/enterprise-records';
import { AppError } from '../../domain/app-error';
import { msg, renderMessage } from '../../domain/messages/catalog';
import { recordAudit } from '../audit/audit';
import type { Caller, Deps } from '../context';
import { requireVisibleList } from '../enterprises/enterprise-lists';
import { claimTarget } from './target-claims';
import { requireNode, resolveRegionChain } from './target-context';

interface Input {
  region?: string;
  chain: string;
  node: string;
  enterpriseIds?: string[];
}

interface Outcome {
  enterpriseId: string;
  creditCode: string | null;
  name: string;
  outcome: 'claimed' | 'refused';
  targetId: string | null;
  reason: string | null;
}

export async function claimTargetsFromList(deps: Deps, caller: Caller, listId: string, input: Input, max: number) {
  const list = await requireVisibleList(deps, caller, listId);
  const ctx = await resolveRegionChain(deps, caller, { region: input.region, chain: input.chain });
  const node = requireNode(ctx, input.node);
  const asked = input.enterpriseIds ? [...new Set(input.enterpriseIds)] : undefined;
  if (!asked && list.memberCount > max) {
    const m = msg('target.listTooMany', { count: list.memberCount, max });
    throw new AppError('VALIDATION', m, [{ field: 'enterpriseIds', message: m }]);
  }
  const members = await selectListMemberKeys(deps.db, list.id, max, asked);
  if (!asked && members.length === 0) {
    throw new AppError('VALIDATION', msg('target.listEmpty'), [{ field: 'enterpriseIds', message: msg('target.listEmpty') }]);
  }
  const results: Outcome[] = [];
  for (const m of members) {
    try {
      const t = await claimTarget(deps, caller, { region: ctx.region.code, chain: ctx.chain.code, node: node.code, enterprise: m.id });
      results.push({ enterpriseId: m.id, creditCode: m.creditCode, name: m.name, outcome: 'claimed', targetId: t.id, reason: null });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      results.push({ enterpriseId: m.id, creditCode: m.creditCode, name: m.name, outcome: 'refused', targetId: null, reason: err.message });
    }
  }
  const found = new Set(members.map((m) => m.id));
  for (const id of asked ?? []) {
    if (found.has(id)) continue;
    const firm = await selectEnterpriseByKey(deps.db, id);
    results.push({ enterpriseId: id, creditCode: firm?.creditCode ?? null, name: firm?.name ?? id, outcome: 'refused', targetId: null, reason: renderMessage(msg('target.notInList'), 'zh') });
  }
  const claimed = results.filter((r) => r.outcome === 'claimed');
  const refused = results.filter((r) => r.outcome === 'refused');
  await recordAudit(deps.db, caller, {
    action: 'investmentTarget.claimFromList',
    objectType: 'enterprise_list',
    objectId: list.id,
    regionCode: ctx.region.code,
    after: {
      list: list.name,
      chain: ctx.chain.code,
      node: node.code,
      region: ctx.region.code,
      claimed: claimed.map((r) => ({ enterpriseId: r.enterpriseId, targetId: r.targetId })),
      refused: refused.map((r) => ({ enterpriseId: r.enterpriseId, reason: r.reason })),
    },
  });
  return {
    list: { id: list.id, name: list.name },
    region: { code: ctx.region.code, name: ctx.region.name },
    chain: { code: ctx.chain.code, name: ctx.chain.name },
    node: { code: node.code, name: node.name },
    claimed: claimed.length,
    refused: refused.length,
    results,
  };
}
