/** yinfeng stats commitments: a thin adapter over services/commitments/commitment-stats.ts. */
import os from 'node:os';
import type { Config } from '../../config/config';
import type { CommitmentStats } from '../../contracts/commitments';
import { formatYuanAsWan } from '../../domain/money';
import { getCommitmentStats } from '../../services/commitments/commitment-stats';
import { createSystemCaller } from '../../services/context';
import { prepareDatabase } from '../prepare-database';

export const COMMITMENT_STATS_HELP = `用法: yinfeng stats commitments --region CODE [--from YYYY-MM] [--to YYYY-MM] [--json]

政策承诺统计（地区含全部下级，口径见 docs/commitments.md）：已约定条款按状态计数、承诺金额、已兑现金额、逾期未兑现金额、
统计期内按期兑现率，按下级地区与责任单位分列，以及签约项目的双方履约。统计期缺省为今年 1 月至本月。
--json 输出与 GET /api/stats/commitments 相同的 JSON 对象。`;

const wan = (yuan: number) => `${formatYuanAsWan(BigInt(yuan))} 万元`;
const pct = (v: number | null) => (v === null ? '—' : `${v}%`);

export function formatCommitmentStats(s: CommitmentStats): string {
  const b = s.byStatus;
  return [
    `地区 ${s.region}  统计期 ${s.from} 至 ${s.to}`,
    `已约定条款 ${s.clauses} 项：待兑现 ${b.pending}  已到期 ${b.due}  部分兑现 ${b.partly}  已兑现 ${b.fulfilled}  逾期 ${b.overdue}  有争议 ${b.disputed}  已豁免 ${b.waived}`,
    `承诺金额 ${wan(s.promisedYuan)}  已兑现 ${wan(s.fulfilledYuan)}  逾期未兑现 ${wan(s.overdueYuan)}`,
    `按期兑现率 ${pct(s.onTime.ratePct)}（按期 ${s.onTime.onTime} / 应兑现 ${s.onTime.base}）`,
    `双方履约：${s.bothSides.projects} 个项目；政府到期条款 ${s.bothSides.governmentDue} 项、已兑现 ${s.bothSides.governmentFulfilled} 项；投资方有义务的条款 ${s.bothSides.investorWithObligations} 项、已达到 ${s.bothSides.investorMet} 项`,
    ...s.byRegion.map((r) => `  ${r.name}  ${r.clauses} 项  逾期 ${r.byStatus.overdue}  按期兑现率 ${pct(r.onTime.ratePct)}`),
    ...s.byDepartment.map((d) => `  [${d.department}]  ${d.clauses} 项  逾期 ${d.byStatus.overdue}  按期兑现率 ${pct(d.onTime.ratePct)}`),
  ].join('\n');
}

export async function runCommitmentStats(config: Config, args: { region: string; from?: string; to?: string; json: boolean }): Promise<void> {
  const database = await prepareDatabase(config, 'yinfeng stats');
  try {
    const stats = await getCommitmentStats({ db: database.db, config }, createSystemCaller(os.userInfo().username), { regionCode: args.region, from: args.from, to: args.to });
    console.log(args.json ? JSON.stringify(stats, null, 2) : formatCommitmentStats(stats));
  } finally {
    await database.close();
  }
}
