/**
 * yinfeng targets: score a node's candidates, claim and advance targets, print a chain's funnel, and
 * the two background computations (relatedness nightly, weights weekly) on demand. Writes run as
 * the machine operator or, with --as, in a user's scope with the user's permission; every write is
 * audited by the same services as the API.
 */
import type { Config } from '../../config/config';
import { AppError } from '../../domain/app-error';
import { createSystemCaller } from '../../services/context';
import { changeTargetStatus, claimTarget } from '../../services/targets/target-claims';
import { getChainFunnel } from '../../services/targets/target-funnel';
import { refreshRelatedness } from '../../services/targets/industry-relatedness';
import { fitTargetWeights } from '../../services/targets/target-learning';
import { listScoredTargets } from '../../services/targets/target-scoring';
import { selectTargetById } from '../../db/queries/targets/targets';
import { TARGET_STATUSES } from '../../db/schema/index';
import { buildImportCaller } from './import-caller';
import { prepareDatabase } from '../prepare-database';

export const TARGETS_HELP = `用法:
  yinfeng targets score --chain CODE --node NODE --region CODE [--limit N] [--json]
  yinfeng targets claim --chain CODE --node NODE --region CODE --enterprise 信用代码 [--as 用户名]
  yinfeng targets status ID --to new|contacted|visited|negotiating|signed|dropped [--reason 原因] [--project 项目编号] [--as 用户名]
  yinfeng targets funnel --chain CODE --region CODE --from YYYY-MM --to YYYY-MM [--json]
  yinfeng targets refresh-features | fit-weights

score                按可解释的评分列出节点的目标企业（每项得分与理由）
claim                认领目标企业（同一节点的企业同一时间只能由一个地区认领）
status               推进、放弃目标或关联其项目（已签约须关联已签约的项目；放弃须写原因）
funnel               产业链各节点的转化漏斗：认领 → 接触 → 拜访 → 项目 → 签约 → 落地
refresh-features     按企业库重算精准招商的预计算特征：各地区各行业代码的企业数、产业关联度（两两关联度 φ）、
                     各企业的成长信号（近 24 个月增资、集团近 730 天在外省新设企业），评分随即使用；
                     服务每晚 02:30 自动重算一次（旧名 refresh-relatedness 仍可用）
fit-weights          按认领目标的推进结果与反馈重新拟合评分权重，并按时间切分回测（precision@10/@50）；
                     服务每周一 03:00 自动拟合一次；样本不足时保留原权重`;

export interface TargetsArgs {
  id?: string;
  chain?: string;
  node?: string;
  region?: string;
  enterprise?: string;
  to?: string;
  from?: string;
  reason?: string;
  project?: string;
  limit?: string;
  as?: string;
  json?: boolean;
}

function need(args: TargetsArgs, key: keyof TargetsArgs, flag: string): string {
  const v = args[key];
  if (typeof v !== 'string' || v.trim() === '') throw new AppError('VALIDATION', `缺少 --${flag}`);
  return v.trim();
}

export async function runTargetsCommand(config: Config, sub: string, args: TargetsArgs = {}): Promise<number> {
  const known = ['score', 'claim', 'status', 'funnel', 'refresh-features', 'refresh-relatedness', 'fit-weights'];
  if (!known.includes(sub)) throw new AppError('VALIDATION', `未知的 targets 子命令：${sub}（${known.join('、')}）`);
  const database = await prepareDatabase(config, 'yinfeng targets');
  const deps = { db: database.db, config };
  try {
    switch (sub) {
      case 'score': {
        const limit = args.limit === undefined ? 20 : Number(args.limit);
        const r = await listScoredTargets(deps, createSystemCaller('targets'), { chain: need(args, 'chain', 'chain'), node: need(args, 'node', 'node'), region: need(args, 'region', 'region'), limit });
        if (args.json) {
          console.log(JSON.stringify(r, null, 2));
          return 0;
        }
        console.log(`${r.region.name} · ${r.chain.name} · ${r.node.name}：评分候选 ${r.candidates} 家，权重${r.weightsSource === 'fitted' ? '按结果拟合' : '为默认值'}`);
        for (const item of r.items) {
          console.log(`${String(item.rank).padStart(3)}. ${item.score.toFixed(1).padStart(5)}  ${item.enterprise.name}（${item.enterprise.regionName ?? '—'}）${item.claim ? `  [${item.claim.regionName}已认领]` : ''}`);
          for (const f of item.features.filter((x) => x.points > 0)) console.log(`         ${f.reason}`);
        }
        return 0;
      }
      case 'claim': {
        const { caller } = await buildImportCaller(database, args.as, 'targeting.manage');
        const t = await claimTarget(deps, caller, { chain: need(args, 'chain', 'chain'), node: need(args, 'node', 'node'), region: need(args, 'region', 'region'), enterprise: need(args, 'enterprise', 'enterprise') });
        console.log(`已认领：目标 ${t.id}，得分 ${t.score ?? '—'}`);
        return 0;
      }
      case 'status': {
        const id = need(args, 'id', 'ID');
        const to = need(args, 'to', 'to');
        if (!(TARGET_STATUSES as readonly string[]).includes(to)) throw new AppError('VALIDATION', `--to 应为 ${TARGET_STATUSES.join('、')} 之一`);
        const { caller } = await buildImportCaller(database, args.as, 'targeting.manage');
        const current = await selectTargetById(database.db, id);
        const t = await changeTargetStatus(deps, caller, id, { status: to as (typeof TARGET_STATUSES)[number], reason: args.reason ?? null, projectCode: args.project ?? null, version: current?.version ?? 0 });
        console.log(`目标 ${t.id} 现为 ${t.status}${t.projectId ? `，关联项目 ${args.project ?? t.projectId}` : ''}`);
        return 0;
      }
      case 'funnel': {
        const r = await getChainFunnel(deps, createSystemCaller('targets'), need(args, 'chain', 'chain'), { region: need(args, 'region', 'region'), from: need(args, 'from', 'from'), to: need(args, 'to', 'to') });
        console.log(JSON.stringify(r, null, 2));
        return 0;
      }
      case 'fit-weights': {
        const r = await fitTargetWeights(deps, createSystemCaller('targets'));
        if (!r.fitted) {
          console.log(`样本不足，保留原权重：${r.examples} 个样本（正例 ${r.positives}），至少需要 ${r.needed.total} 个且正负例各 ${r.needed.positives} 个`);
          return 0;
        }
        console.log(`已拟合评分权重：${r.examples} 个样本（正例 ${r.positives}）`);
        console.log(Object.entries(r.current.weights).map(([k, v]) => `${k} ${v}`).join('，'));
        const p = r.current.backtest?.precision.at10;
        console.log(p ? `回测 precision@10：拟合 ${p.fitted ?? '—'}%，默认 ${p.defaults ?? '—'}%，按注册资本 ${p.capital ?? '—'}%，随机 ${p.random ?? '—'}%` : '训练样本不足 20 个，未回测');
        return 0;
      }
      default: {
        const r = await refreshRelatedness(deps, createSystemCaller('targets'));
        console.log(`已重算精准招商特征：${r.divisions} 个大类，${r.pairs} 对关联，${r.regionIndustries} 组地区×行业企业数，${r.growthSignals} 家企业有成长信号，${r.nodeMatches} 个产业链一级节点的本地企业数，用时 ${r.ms} 毫秒`);
        return 0;
      }
    }
  } finally {
    await database.close();
  }
}
