/**
 * 以名单认领 (issue 12 item 8): claim the members of an enterprise list (all, or the chosen ones) as
 * targets of one region for one chain node, through the batch claim (target-batch-claims.ts: the one
 * claim rule per enterprise, refusals reported per enterprise). The region, chain and node are
 * checked once first, so a wrong one refuses the whole request. One more audit row records the
 * batch (investmentTarget.claimFromList).
 */
import { selectListMemberKeys } from '../../db/queries/enterprises/enterprise-lists';
import { selectEnterpriseByKey } from '../../db/queries/enterprises/enterprise-records';
import { AppError } from '../../domain/app-error';
import { msg, renderMessage } from '../../domain/messages/catalog';
import type { Caller, Deps } from '../context';
import { requireVisibleList } from '../enterprises/enterprise-lists';
import { claimEachFirm, recordBatchClaim } from './target-batch-claims';
import { requireNode, resolveRegionChain } from './target-context';

interface Input {
  region?: string;
  chain: string;
  node: string;
  enterpriseIds?: string[];
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
  const results = await claimEachFirm(deps, caller, ctx, node, members);
  const found = new Set(members.map((m) => m.id));
  for (const id of asked ?? []) {
    if (found.has(id)) continue;
    const firm = await selectEnterpriseByKey(deps.db, id);
    results.push({ enterpriseId: id, creditCode: firm?.creditCode ?? null, name: firm?.name ?? id, outcome: 'refused', targetId: null, reason: renderMessage(msg('target.notInList'), 'zh') });
  }
  const answer = await recordBatchClaim(deps, caller, { action: 'investmentTarget.claimFromList', objectType: 'enterprise_list', id: list.id, name: list.name }, ctx, node, results);
  return { list: { id: list.id, name: list.name }, ...answer };
}
