/** yinfeng targets refresh-relatedness: recomputes industry relatedness now (the job does it nightly). */
import type { Config } from '../../config/config';
import { AppError } from '../../domain/app-error';
import { createSystemCaller } from '../../services/context';
import { refreshRelatedness } from '../../services/targets/industry-relatedness';
import { fitTargetWeights } from '../../services/targets/target-learning';
import { prepareDatabase } from '../prepare-database';

export const TARGETS_HELP = `用法: yinfeng targets refresh-relatedness | fit-weights

refresh-relatedness  按企业库重算产业关联度（各大类的专业化县数与两两关联度 φ），精准招商评分随即使用；
                     服务每晚 02:30 自动重算一次
fit-weights          按认领目标的推进结果与反馈重新拟合评分权重，并按时间切分回测（precision@10/@50）；
                     服务每周一 03:00 自动拟合一次；样本不足时保留原权重`;

export async function runTargetsCommand(config: Config, sub: string): Promise<number> {
  if (sub !== 'refresh-relatedness' && sub !== 'fit-weights') throw new AppError('VALIDATION', `未知的 targets 子命令：${sub}（refresh-relatedness、fit-weights）`);
  const database = await prepareDatabase(config, 'yinfeng targets');
  try {
    if (sub === 'fit-weights') {
      const r = await fitTargetWeights({ db: database.db, config }, createSystemCaller('targets'));
      if (!r.fitted) {
        console.log(`样本不足，保留原权重：${r.examples} 个样本（正例 ${r.positives}），至少需要 ${r.needed.total} 个且正负例各 ${r.needed.positives} 个`);
        return 0;
      }
      const w = r.current.weights;
      console.log(`已拟合评分权重：${r.examples} 个样本（正例 ${r.positives}）`);
      console.log(Object.entries(w).map(([k, v]) => `${k} ${v}`).join('，'));
      const p = r.current.backtest?.precision.at10;
      console.log(p ? `回测 precision@10：拟合 ${p.fitted ?? '—'}%，默认 ${p.defaults ?? '—'}%，按注册资本 ${p.capital ?? '—'}%，随机 ${p.random ?? '—'}%` : '训练样本不足 20 个，未回测');
      return 0;
    }
    const r = await refreshRelatedness({ db: database.db, config }, createSystemCaller('targets'));
    console.log(`已重算产业关联度：${r.divisions} 个大类，${r.pairs} 对关联，用时 ${r.ms} 毫秒`);
    return 0;
  } finally {
    await database.close();
  }
}
