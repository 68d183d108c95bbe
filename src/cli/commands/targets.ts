/** yinfeng targets refresh-relatedness: recomputes industry relatedness now (the job does it nightly). */
import type { Config } from '../../config/config';
import { AppError } from '../../domain/app-error';
import { createSystemCaller } from '../../services/context';
import { refreshRelatedness } from '../../services/targets/industry-relatedness';
import { prepareDatabase } from '../prepare-database';

export const TARGETS_HELP = `用法: yinfeng targets refresh-relatedness

refresh-relatedness  按企业库重算产业关联度（各大类的专业化县数与两两关联度 φ），精准招商评分随即使用；
                     服务每晚 02:30 自动重算一次`;

export async function runTargetsCommand(config: Config, sub: string): Promise<number> {
  if (sub !== 'refresh-relatedness') throw new AppError('VALIDATION', `未知的 targets 子命令：${sub}（refresh-relatedness）`);
  const database = await prepareDatabase(config, 'yinfeng targets');
  try {
    const r = await refreshRelatedness({ db: database.db, config }, createSystemCaller('targets'));
    console.log(`已重算产业关联度：${r.divisions} 个大类，${r.pairs} 对关联，用时 ${r.ms} 毫秒`);
    return 0;
  } finally {
    await database.close();
  }
}
