/**
 * 精准招商, item 5: for a region and a chain node, the enterprises of the national database ranked by
 * the explainable score (domain/targets/target-score.ts), each feature with its points and words, the
 * gap to the firm ranked just above ("why a similar firm ranks lower"), and who holds a claim on it.
 */
import { selectTargetCandidates, countInvestorsByProvince, type CandidateRow } from '../../db/queries/targets/target-candidates';
import { selectFeaturesRefreshedAt, selectRegionDensities } from '../../db/queries/targets/industry-relatedness';
import { AppError } from '../../domain/app-error';
import type { ChainNode, Segment } from '../../domain/chains/chain-content';
import { msg, renderMessage, type Lang } from '../../domain/messages/catalog';
import { isPathWithin } from '../../domain/region-scope';
import { explainRankGap, scoreTarget, type IndustryMatch, type TargetFacts, type TargetScore, type TargetWeights } from '../../domain/targets/target-score';
import { buildMatches, listProductQueries, listSubtreeMembers } from '../chains/node-match';
import type { Caller, Deps } from '../context';
import { requireNode, resolveRegionChain, type TargetChainContext } from './target-context';
import { countLocalEnterprises } from './node-local-counts';
import { loadTargetWeights } from './target-weights';

/** Candidates scored per request: industry matches first, then by registered capital. */
export const CANDIDATE_POOL = 2000;
export const MAX_TARGETS = 100;

/** How the firm's code meets the node's declared codes: the longest declared code it falls under. */
function matchIndustry(code: string | null, declared: readonly string[]): IndustryMatch {
  if (!code) return null;
  const best = declared.filter((d) => /^\d+$/.test(d) && code.startsWith(d)).reduce((a, d) => Math.max(a, d.length), 0);
  return best >= 4 ? 'class' : best === 3 ? 'group' : best === 2 ? 'division' : null;
}

const NEIGHBOURS: Record<Segment, { segment: Segment; direction: 'upstream' | 'downstream' }[]> = {
  upstream: [{ segment: 'midstream', direction: 'downstream' }],
  midstream: [
    { segment: 'upstream', direction: 'upstream' },
    { segment: 'downstream', direction: 'downstream' },
  ],
  downstream: [{ segment: 'midstream', direction: 'upstream' }],
};

/** The top-level node of the neighbouring segments with the most local enterprises (its subtree counted; the first on a tie). */
async function findPull(deps: Deps, ctx: TargetChainContext, node: ChainNode, matches: ReturnType<typeof buildMatches>): Promise<TargetFacts['pull']> {
  const tops = NEIGHBOURS[node.segment].flatMap(({ segment, direction }) => ctx.nodes.filter((n) => n.segment === segment && n.parentCode === null).map((top) => ({ top, direction })));
  const counts = await countLocalEnterprises(deps.db, ctx.region.path, tops.map((t) => matches.get(t.top.code)!));
  let best: TargetFacts['pull'] = null;
  for (const [i, { top, direction }] of tops.entries()) {
    const count = counts[i] ?? 0;
    if (!best || count > best.localEnterprises) best = { nodeName: top.name, direction, localEnterprises: count };
  }
  return best;
}

function toFacts(row: CandidateRow, declared: readonly string[], products: readonly { product: string }[], shared: SharedFacts): TargetFacts {
  const division = row.industry_code && /^\d{2}/.test(row.industry_code) ? row.industry_code.slice(0, 2) : null;
  return {
    industryCode: row.industry_code,
    industryMatch: matchIndustry(row.industry_code, declared),
    productsMatched: products.filter((_, i) => row.product_hits[i] === true).map((p) => p.product),
    density: shared.densities && division ? (shared.densities.get(division) ?? 0) : null,
    relatednessComputed: shared.densities !== null,
    pull: shared.pull,
    registeredCapitalYuan: row.registered_capital_yuan === null ? null : BigInt(row.registered_capital_yuan),
    tags: row.tags ?? [],
    capitalIncreases: row.capital_increases,
    newBranchRegions: row.new_branch_regions,
    investorInRegion: row.investor_in_region,
    contactInRegion: row.contact_in_region,
    homeProvinceInvestors: row.region_code ? (shared.provinceInvestors.get(row.region_code.slice(0, 2)) ?? 0) : 0,
  };
}

interface SharedFacts {
  densities: Map<string, number> | null;
  pull: TargetFacts['pull'];
  provinceInvestors: Map<string, number>;
}

export interface ScoredCandidate {
  row: CandidateRow;
  facts: TargetFacts;
  score: TargetScore;
}

/** Scores the node's candidates for the region (all of the pool, or only `enterpriseIds`), best first. */
export async function scoreCandidates(deps: Deps, ctx: TargetChainContext, node: ChainNode, weights: TargetWeights, enterpriseIds?: readonly string[]): Promise<ScoredCandidate[]> {
  const members = listSubtreeMembers(ctx.nodes).get(node.code) ?? [node];
  const declared = [...new Set(members.flatMap((m) => m.industryCodes))];
  const products = listProductQueries(members.flatMap((m) => m.products));
  // the node matches of the whole chain (codes expanded, product queries): built once per request
  const matches = buildMatches(ctx.nodes);
  const rows = await selectTargetCandidates(deps.db, {
    regionPath: ctx.region.path,
    nodeCode: node.code,
    industryCodes: matches.get(node.code)?.industryCodes ?? [],
    productQueries: products.map((p) => p.query),
    pool: CANDIDATE_POOL,
    enterpriseIds,
  });
  if (rows.length === 0) return [];
  const relatedness = await selectRegionDensities(deps.db, ctx.region.path);
  const shared: SharedFacts = {
    densities: relatedness.densities,
    pull: await findPull(deps, ctx, node, matches),
    provinceInvestors: await countInvestorsByProvince(deps.db, ctx.region.path),
  };
  return rows
    .map((row) => {
      const facts = toFacts(row, declared, products, shared);
      return { row, facts, score: scoreTarget(facts, weights) };
    })
    .sort(
      (a, b) =>
        b.score.score - a.score.score ||
        Number(BigInt(b.row.registered_capital_yuan ?? '0') - BigInt(a.row.registered_capital_yuan ?? '0')) ||
        a.row.name.localeCompare(b.row.name, 'zh-CN') ||
        a.row.id.localeCompare(b.row.id),
    );
}

/** A claim as the caller may see it: the claiming region named when it is in the caller's scope. */
export function describeClaim(caller: Caller, row: CandidateRow, lang: Lang) {
  if (!row.claim_target_id || !row.claim_region_code || !row.claim_status) return null;
  const visible = row.claim_region_path !== null && isPathWithin(caller.actor.regionPath, row.claim_region_path);
  return {
    targetId: visible ? row.claim_target_id : null,
    regionCode: visible ? row.claim_region_code : null,
    regionName: visible ? (row.claim_region_name ?? row.claim_region_code) : renderMessage(msg('target.otherRegion'), lang),
    status: row.claim_status,
  };
}

function describeScore(score: TargetScore, lang: Lang) {
  return score.features.map((f) => ({ feature: f.feature, label: renderMessage(msg(`target.feature.${f.feature}`), lang), value: f.value, points: f.points, reason: renderMessage(f.reason, lang) }));
}

export async function listScoredTargets(deps: Deps, caller: Caller, q: { region?: string; chain: string; node: string; limit?: number }) {
  const limit = q.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_TARGETS) throw new AppError('VALIDATION', msg('target.limit'), [{ field: 'limit', message: msg('target.limit') }]);
  const ctx = await resolveRegionChain(deps, caller, q);
  const node = requireNode(ctx, q.node);
  const weights = await loadTargetWeights(deps);
  const scored = await scoreCandidates(deps, ctx, node, weights.weights);
  const lang = caller.lang ?? 'zh';
  const top = scored.slice(0, limit);
  return {
    region: { code: ctx.region.code, name: ctx.region.name },
    chain: { code: ctx.chain.code, name: ctx.chain.name },
    node: { code: node.code, name: node.name, segment: node.segment },
    weights: weights.weights,
    weightsSource: weights.source,
    candidates: scored.length,
    poolLimit: CANDIDATE_POOL,
    /** relatedness and growth signals are as of this refresh (null: never refreshed) */
    featuresAsOf: (await selectFeaturesRefreshedAt(deps.db))?.toISOString() ?? null,
    items: top.map((s, i) => {
      const above = i > 0 ? top[i - 1] : undefined;
      return {
        rank: i + 1,
        enterprise: {
          id: s.row.id,
          name: s.row.name,
          creditCode: s.row.credit_code,
          regionCode: s.row.region_code,
          regionName: s.row.region_name,
          industryCode: s.row.industry_code,
          registeredCapitalYuan: s.row.registered_capital_yuan === null ? null : Number(s.row.registered_capital_yuan),
          tags: s.row.tags ?? [],
        },
        score: s.score.score,
        features: describeScore(s.score, lang),
        belowAbove: above
          ? explainRankGap(above.score, s.score).map((g) => ({ ...g, label: renderMessage(msg(`target.feature.${g.feature}`), lang) }))
          : [],
        claim: describeClaim(caller, s.row, lang),
      };
    }),
  };
}
