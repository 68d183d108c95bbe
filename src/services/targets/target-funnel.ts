/**
 * GET /api/chains/:code/funnel: the conversion funnel of a chain's targets in a region and its
 * subtree, per node of the current version (the node and every node below it) and per month, with
 * the chain's total (every target on a code of the chain, also on a node a newer version dropped).
 * Definitions in domain/targets/target-funnel.ts.
 */
import { selectFunnelTargets } from '../../db/queries/targets/target-funnel';
import { AppError } from '../../domain/app-error';
import { msg } from '../../domain/messages/catalog';
import { collectSubtrees, computeFunnel, FUNNEL_STEPS, listMonths, type FunnelTarget } from '../../domain/targets/target-funnel';
import type { Caller, Deps } from '../context';
import { resolveRegionChain } from './target-context';

const MAX_MONTHS = 120;

export async function getChainFunnel(deps: Deps, caller: Caller, chainCode: string, q: { region?: string; from: string; to: string }) {
  if (q.to < q.from) throw new AppError('VALIDATION', msg('target.funnelPeriod'), [{ field: 'to', message: msg('target.funnelPeriod') }]);
  const months = listMonths(q.from, q.to);
  if (months.length > MAX_MONTHS) throw new AppError('VALIDATION', msg('target.funnelPeriodLong', { max: MAX_MONTHS }), [{ field: 'from', message: msg('target.funnelPeriodLong', { max: MAX_MONTHS }) }]);
  const ctx = await resolveRegionChain(deps, caller, { region: q.region, chain: chainCode });
  const found = await selectFunnelTargets(deps.db, ctx.chain.id, ctx.region.path);
  const targets: FunnelTarget[] = found.map((r) => ({
    nodeCode: r.node_code,
    months: { claimed: r.claimed, contacted: r.contacted, visited: r.visited, project: r.project, signed: r.signed, landed: r.landed },
  }));
  const subtrees = collectSubtrees(ctx.nodes);
  return {
    chain: { code: ctx.chain.code, name: ctx.chain.name, version: ctx.chain.currentVersion },
    region: { code: ctx.region.code, name: ctx.region.name },
    from: q.from,
    to: q.to,
    steps: [...FUNNEL_STEPS],
    total: computeFunnel(targets, months),
    nodes: ctx.nodes.map((n) => {
      const codes = subtrees.get(n.code) ?? new Set([n.code]);
      return {
        code: n.code,
        name: n.name,
        parentCode: n.parentCode,
        segment: n.segment,
        ...computeFunnel(
          targets.filter((t) => codes.has(t.nodeCode)),
          months,
        ),
      };
    }),
  };
}
