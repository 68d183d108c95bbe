/**
 * 以保存的搜索认领 (issue 12 item 8): claim the first `limit` enterprises a saved search finds (in the
 * search's own order, as its first pages show them) as targets of one region for one chain node,
 * through the batch claim (target-batch-claims.ts: the one claim rule per enterprise, refusals
 * reported per enterprise). The search runs through the capped search service (never an exact
 * count of a broad search over the national database), page by page until `limit` firms. The
 * region, chain and node are checked first, so a wrong one refuses the whole request. One more
 * audit row records the batch (investmentTarget.claimFromSearch).
 */
import { ENTERPRISE_SEARCH_MAX_PAGE_SIZE } from '../../contracts/enterprise-search';
import { AppError } from '../../domain/app-error';
import { msg } from '../../domain/messages/catalog';
import type { Caller, Deps } from '../context';
import { getSavedSearch } from '../enterprises/enterprise-lists';
import { compileEnterpriseSearch, runCompiledSearch, SEARCH_TOTAL_CAP } from '../enterprises/enterprise-search';
import { claimEachFirm, recordBatchClaim, type BatchFirm } from './target-batch-claims';
import { requireNode, resolveRegionChain } from './target-context';

interface Input {
  region?: string;
  chain: string;
  node: string;
  /** how many of the first matches to claim */
  limit: number;
}

/** The first `limit` matches of the saved query in its order, a page of at most the search's page size at a time. */
async function selectFirstMatches(deps: Deps, caller: Caller, query: Awaited<ReturnType<typeof getSavedSearch>>['query'], limit: number, totalCap: number): Promise<BatchFirm[]> {
  const firms: BatchFirm[] = [];
  const pageSize = Math.min(limit, ENTERPRISE_SEARCH_MAX_PAGE_SIZE, totalCap);
  for (let page = 1; firms.length < limit; page++) {
    // never the exact count a saved query may ask for: the capped path, like the search page
    const compiled = await compileEnterpriseSearch(deps, caller, { ...query, exact: false, page, pageSize });
    const { rows } = await runCompiledSearch(deps, compiled, totalCap);
    for (const r of rows) if (firms.length < limit) firms.push({ id: r.id, creditCode: r.creditCode, name: r.name });
    if (rows.length < pageSize || page * pageSize >= totalCap) break;
  }
  return firms;
}

/** `totalCap`: the search's SEARCH_TOTAL_CAP except in tests, which reach the broad path with a few rows. */
export async function claimTargetsFromSearch(deps: Deps, caller: Caller, searchId: string, input: Input, max: number, totalCap = SEARCH_TOTAL_CAP) {
  const search = await getSavedSearch(deps, caller, searchId);
  const ctx = await resolveRegionChain(deps, caller, { region: input.region, chain: input.chain });
  const node = requireNode(ctx, input.node);
  if (!Number.isInteger(input.limit) || input.limit < 1 || input.limit > max) {
    const m = msg('target.searchLimit', { max });
    throw new AppError('VALIDATION', m, [{ field: 'limit', message: m }]);
  }
  const firms = await selectFirstMatches(deps, caller, search.query, input.limit, totalCap);
  if (firms.length === 0) {
    const m = msg('target.searchEmpty', { name: search.name });
    throw new AppError('VALIDATION', m, [{ field: 'searchId', message: m }]);
  }
  const results = await claimEachFirm(deps, caller, ctx, node, firms);
  const answer = await recordBatchClaim(
    deps,
    caller,
    { action: 'investmentTarget.claimFromSearch', objectType: 'enterprise_saved_search', id: search.id, name: search.name, extra: { query: search.query, limit: input.limit } },
    ctx,
    node,
    results,
  );
  return { search: { id: search.id, name: search.name }, limit: input.limit, ...answer };
}
