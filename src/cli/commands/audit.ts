/** `yinfeng audit verify`: seals what can be sealed, then checks the whole audit hash chain. */
import type { Config } from '../../config/config';
import { describeProblem } from '../../domain/audit-chain';
import { sealAuditChain, verifyAuditChain } from '../../services/audit/audit-chain';
import { prepareDatabase } from '../prepare-database';

export const AUDIT_HELP = `用法: yinfeng audit verify [--no-seal]

校验审计日志的哈希链：先把已提交的审计行按编号顺序封存进审计链（--no-seal 跳过），再重新计算
每条已封存审计行的哈希与链接。任何角色（包括数据库超级用户）修改或删除已封存的审计行、
修改或删除审计链记录，都会被发现并指出第一条有问题的审计行。
退出码：0 审计链完好；3 审计链被破坏（输出第一条有问题的审计行）；1 其他错误。
请把输出的链头（编号与哈希）另行保存（如运维日志）：与之核对可发现对链尾的截断。
嵌入式数据库同一时间只能由一个进程打开：请先停止 yinfeng serve 再运行本命令。`;

export const EXIT_CHAIN_BROKEN = 3;

export async function runAuditVerify(config: Config, opts: { seal: boolean }): Promise<number> {
  const database = await prepareDatabase(config, 'yinfeng audit verify');
  try {
    if (opts.seal) {
      const sealed = await sealAuditChain(database.db, { gapWaitMs: 5_000 });
      if (sealed.busy) console.log('另一个进程正在封存审计链，本次只校验。');
      else console.log(`本次封存 ${sealed.sealed} 行${sealed.waitingAtGap ? '（有仍在进行的事务可能持有后续编号，其后的行待下次封存）' : ''}。`);
    }
    const result = await verifyAuditChain(database.db);
    const head = result.links === 0 ? '（空）' : `#${result.head.auditId} ${result.head.hash}`;
    if (result.ok) {
      console.log(`审计链完好：已封存 ${result.links} 行，链头 ${head}，待封存 ${result.unsealed} 行。`);
      return 0;
    }
    const [first] = result.problems;
    console.error(`审计链被破坏！第一个问题：${first ? describeProblem(first) : '未知'}`);
    for (const p of result.problems.slice(1, 20)) console.error(`  另：${describeProblem(p)}`);
    if (result.problems.length > 20) console.error(`  ……共 ${result.problems.length} 个问题（最多列出 100 个）`);
    console.error(`已封存 ${result.links} 行，链头 ${head}。`);
    return EXIT_CHAIN_BROKEN;
  } finally {
    await database.close();
  }
}
