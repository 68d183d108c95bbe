/**
 * Readiness: may this process take traffic? The database answers (through the health probe's own
 * connection), its migrations are those this code ships, and the replicas the replica hook reports
 * (replica-status.ts) are reachable within their lag limit. The database and the migrations decide
 * (not ready: 503); a replica that is down or behind only degrades (reads fall back to the primary).
 * Each check carries a Chinese message naming what is wrong and what to do.
 */
import type { Database } from './client';
import { countShippedMigrations, type HealthProbe } from './health-probe';
import { readReplicaStatus, type ReplicaStatus } from './replica-status';

export interface ReadinessCheck {
  name: string;
  ok: boolean;
  /** false: a failure only degrades (replicas) */
  required: boolean;
  message: string;
}

export interface Readiness {
  status: 'ready' | 'degraded' | 'not_ready';
  checks: ReadinessCheck[];
}

function describeError(err: unknown): string {
  const e = err as { message?: unknown; code?: unknown; cause?: { message?: unknown } } | null;
  const text = typeof e?.cause?.message === 'string' ? e.cause.message : typeof e?.message === 'string' ? e.message : String(err);
  return text || (typeof e?.code === 'string' ? e.code : '未知错误');
}

/** The replica's check, as readiness and `yinfeng doctor` word it. */
export function describeReplica(r: ReplicaStatus): { ok: boolean; message: string } {
  if (!r.reachable) return { ok: false, message: `只读副本 ${r.name} 不可达${r.problem ? `：${r.problem}` : ''}；读取改由主库承担，请检查副本服务器与网络` };
  if (r.lagSeconds !== null && r.maxLagSeconds !== null && r.lagSeconds > r.maxLagSeconds) {
    return { ok: false, message: `只读副本 ${r.name} 延迟 ${r.lagSeconds.toFixed(1)} 秒，超过上限 ${r.maxLagSeconds} 秒；读取暂由主库承担` };
  }
  // reachable, within the lag limit, and still out of service (not a standby, or its lag could not be judged)
  if (r.problem) return { ok: false, message: `只读副本 ${r.name} 暂停使用：${r.problem}；读取暂由主库承担` };
  return { ok: true, message: `只读副本 ${r.name} 可用，延迟 ${r.lagSeconds === null ? '未知' : `${r.lagSeconds.toFixed(1)} 秒`}` };
}

/** The migration check: applied (in the database) against shipped (in this code). */
export function describeMigrations(applied: number, shipped: number): { ok: boolean; message: string } {
  if (applied < shipped) {
    return { ok: false, message: `数据库迁移未完成：已应用 ${applied} 个，本程序需要 ${shipped} 个；请以表所有者身份运行 bin/yinfeng migrate` };
  }
  if (applied > shipped) return { ok: true, message: `数据库已由更新版本的程序迁移（${applied} 个迁移，本程序认识 ${shipped} 个）；请尽快升级本进程` };
  return { ok: true, message: `数据库迁移已全部应用（${shipped} 个）` };
}

export async function checkReadiness(database: Database, probe: HealthProbe): Promise<Readiness> {
  const checks: ReadinessCheck[] = [];
  let reachable = true;
  try {
    await probe.ping();
    checks.push({ name: 'database', ok: true, required: true, message: database.kind === 'pglite' ? '嵌入式数据库可用' : 'PostgreSQL 可用' });
  } catch (err) {
    reachable = false;
    checks.push({ name: 'database', ok: false, required: true, message: `数据库不可达：${describeError(err)}；请检查数据库服务器与 DATABASE_URL` });
  }
  if (reachable) {
    try {
      const m = describeMigrations(await probe.countAppliedMigrations(), countShippedMigrations());
      checks.push({ name: 'migrations', required: true, ...m });
    } catch (err) {
      checks.push({ name: 'migrations', ok: false, required: true, message: `无法读取数据库迁移记录：${describeError(err)}` });
    }
  }
  for (const replica of await readReplicaStatus(database)) checks.push({ name: `replica:${replica.name}`, required: false, ...describeReplica(replica) });
  const status = checks.some((c) => c.required && !c.ok) ? 'not_ready' : checks.some((c) => !c.ok) ? 'degraded' : 'ready';
  return { status, checks };
}
