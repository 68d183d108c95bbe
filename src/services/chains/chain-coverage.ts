/**
 * A chain's coverage in a region (issue 12 item 3): for each node of the current version, the local
 * enterprises and projects of the node and every node below it, the funds in place of those
 * projects, and the status with its rule (domain/chains/chain-coverage.ts); and the records behind
 * each number (drill-downs).
 */
import {
  countNodeEnterprises,
  countNodeProjects,
  selectNodeEnterprises,
  selectNodeProjects,
  type NodeMatch,
} from '../../db/queries/chains/chain-coverage';
import { selectChainNodes, type ChainRow } from '../../db/queries/chains/chains';
import type { RegionRow } from '../../db/queries/regions';
import { AppError } from '../../domain/app-error';
import { judgeCoverage, summarizeCoverage, WEAK_BELOW, type NodeFigures } from '../../domain/chains/chain-coverage';
import { msg, renderMessage } from '../../domain/messages/catalog';
import type { Caller, Deps } from '../context';
import { getEvidencePolicy, receiptFilterOf } from '../funds/evidence-policy';
import { requireRegionInScope } from '../regions';
import { requireVisibleChain } from './chain-scope';
import { buildMatches } from './node-match';

async function resolveRegion(deps: Deps, caller: Caller, regionCode: string | undefined): Promise<RegionRow> {
  const code = regionCode ?? caller.actor.regionCode;
  if (!code) throw new AppError('VALIDATION', msg('chains.regionRequired'), [{ field: 'regionCode', message: msg('chains.regionRequired') }]);
  return requireRegionInScope(deps, caller, code);
}

export async function getChainCoverage(deps: Deps, caller: Caller, chainCode: string, regionCode?: string) {
  const chain = await requireVisibleChain(deps, caller, chainCode);
  const region = await resolveRegion(deps, caller, regionCode);
  const nodes = await selectChainNodes(deps.db, chain.id, chain.currentVersion);
  const matches = buildMatches(nodes);
  const filter = receiptFilterOf(await getEvidencePolicy(deps));
  const figures = new Map<string, NodeFigures & { enterprisesByIndustry: number; fundsYuan: bigint }>();
  for (const n of nodes) {
    const m = matches.get(n.code)!;
    const enterprises = await countNodeEnterprises(deps.db, region.path, m);
    const projects = await countNodeProjects(deps.db, region.path, m, filter);
    const stage = (s: string) => projects.byStage[s] ?? 0;
    figures.set(n.code, {
      enterprises: enterprises.total,
      enterprisesByIndustry: enterprises.byIndustry,
      lead: stage('lead'),
      negotiating: stage('negotiating'),
      signed: stage('signed'),
      started: stage('started'),
      operating: stage('operating'),
      fundsYuan: projects.fundsYuan,
    });
  }
  const judged = judgeCoverage(nodes, figures);
  const lang = caller.lang ?? 'zh';
  return {
    code: chain.code,
    name: chain.name,
    version: chain.currentVersion,
    regionCode: region.code,
    regionName: region.name,
    ...summarizeCoverage(nodes, judged),
    weakBelow: WEAK_BELOW,
    nodes: judged.map((j) => {
      const f = figures.get(j.code)!;
      return {
        code: j.code,
        enterprises: f.enterprises,
        enterprisesByIndustry: f.enterprisesByIndustry,
        projects: {
          lead: f.lead,
          negotiating: f.negotiating,
          signed: f.signed,
          started: f.started,
          operating: f.operating,
          total: f.lead + f.negotiating + f.signed + f.started + f.operating,
        },
        fundsYuan: Number(f.fundsYuan),
        status: j.status,
        rule: renderMessage(j.rule, lang),
      };
    }),
  };
}

async function requireNodeMatch(deps: Deps, chain: ChainRow, nodeCode: string): Promise<NodeMatch> {
  const nodes = await selectChainNodes(deps.db, chain.id, chain.currentVersion);
  const m = buildMatches(nodes).get(nodeCode.trim().toUpperCase());
  if (!m) throw new AppError('NOT_FOUND', msg('chains.nodeNotFound', { chain: chain.code, node: nodeCode }));
  return m;
}

const num = (v: string | null) => (v === null ? null : Number(BigInt(v)));

export async function listNodeEnterprises(deps: Deps, caller: Caller, chainCode: string, nodeCode: string, q: { regionCode?: string; page: number; pageSize: number }) {
  const chain = await requireVisibleChain(deps, caller, chainCode);
  const region = await resolveRegion(deps, caller, q.regionCode);
  const m = await requireNodeMatch(deps, chain, nodeCode);
  const [count, list] = await Promise.all([
    countNodeEnterprises(deps.db, region.path, m),
    selectNodeEnterprises(deps.db, region.path, m, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize }),
  ]);
  return {
    total: count.total,
    items: list.map((e) => ({
      key: e.credit_code ?? e.id,
      name: e.name,
      creditCode: e.credit_code,
      regionCode: e.region_code,
      regionName: e.region_name,
      industryCode: e.industry_code,
      registeredCapitalYuan: num(e.registered_capital_yuan),
      matchedBy: e.by_industry ? ('industry' as const) : ('products' as const),
    })),
  };
}

export async function listNodeProjects(deps: Deps, caller: Caller, chainCode: string, nodeCode: string, q: { regionCode?: string; page: number; pageSize: number }) {
  const chain = await requireVisibleChain(deps, caller, chainCode);
  const region = await resolveRegion(deps, caller, q.regionCode);
  const m = await requireNodeMatch(deps, chain, nodeCode);
  const filter = receiptFilterOf(await getEvidencePolicy(deps));
  const list = await selectNodeProjects(deps.db, region.path, m, filter, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  return {
    total: Number(list[0]?.total ?? 0),
    items: list.map((p) => ({
      id: p.id,
      code: p.code,
      name: p.name,
      stage: p.stage as 'lead' | 'negotiating' | 'signed' | 'started' | 'operating' | 'terminated',
      regionCode: p.region_code,
      regionName: p.region_name,
      signedAmountYuan: num(p.signed_amount_yuan),
      fundsYuan: Number(BigInt(p.funds_yuan)),
    })),
  };
}
