/**
 * What happened to an account, told to its owner: locks after failed logins, unlocks, password and
 * second-factor resets by an administrator, with who and when (read from the audit trail). Shown
 * right after login (for what happened since the previous login) and on the account page.
 */
import { selectAccountEvents } from '../../db/queries/accounts/login-security';
import { selectUserById, type UserWithRegion } from '../../db/queries/accounts/users';
import { isRole, ROLE_LABELS } from '../../domain/roles';
import type { Deps } from '../context';

const NOTICE_ACTIONS = ['auth.lock', 'user.unlock', 'user.password.reset', 'user.totp.reset', 'user.enable', 'user.disable'] as const;
const HISTORY_ACTIONS = [...NOTICE_ACTIONS, 'auth.login', 'auth.password.change', 'auth.totp.enrol', 'auth.totp.disable', 'auth.totp.recovery.regenerate'] as const;

const ACTION_TEXT: Record<string, string> = {
  'auth.lock': '因连续登录失败被临时锁定',
  'user.unlock': '解锁了您的账号',
  'user.password.reset': '重置了您的密码',
  'user.totp.reset': '重置了您的动态口令',
  'user.enable': '启用了您的账号',
  'user.disable': '停用了您的账号',
  'auth.login': '登录',
  'auth.password.change': '修改了密码',
  'auth.totp.enrol': '绑定了动态口令',
  'auth.totp.disable': '解除了动态口令',
  'auth.totp.recovery.regenerate': '重新生成了恢复码',
};

export interface AccountEvent {
  at: string;
  action: string;
  outcome: string;
  /** who did it, e.g. "安全管理员 李安平（secadmin）"; null for the system or the owner */
  by: string | null;
  reason: string | null;
  clientIp: string | null;
  /** one Chinese sentence */
  message: string;
}

export interface AccountNotice {
  /** failed logins since the previous login */
  failedLogins: number;
  events: AccountEvent[];
}

const actorNames = new Map<string, string>();

async function describeActor(deps: Deps, actorId: string | null, actorUsername: string | null, ownerId: string): Promise<string | null> {
  if (actorId === ownerId) return null;
  if (!actorId) return actorUsername?.startsWith('cli:') ? `命令行操作员（${actorUsername.slice(4)}）` : null;
  const cached = actorNames.get(actorId);
  if (cached) return cached;
  const actor = await selectUserById(deps.db, actorId);
  const role = actor?.roles.find(isRole);
  const name = actor ? `${role ? `${ROLE_LABELS[role]} ` : ''}${actor.displayName}（${actor.username}）` : (actorUsername ?? '管理员');
  actorNames.set(actorId, name);
  return name;
}

function formatTime(d: Date): string {
  return d.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
}

async function toEvents(deps: Deps, owner: UserWithRegion, rows: Awaited<ReturnType<typeof selectAccountEvents>>): Promise<AccountEvent[]> {
  const out: AccountEvent[] = [];
  for (const r of rows) {
    const by = await describeActor(deps, r.actorId, r.actorUsername, owner.id);
    const what = r.action === 'auth.login' && r.outcome !== 'success' ? '登录失败' : (ACTION_TEXT[r.action] ?? r.action);
    const lockedUntil = r.action === 'auth.lock' ? (r.after as { lockedUntil?: string } | null)?.lockedUntil : undefined;
    let message = `${formatTime(r.at)} ${by ? `${by}${what}` : r.action === 'auth.lock' ? `账号${what}` : what}`;
    if (lockedUntil) message += `（至 ${formatTime(new Date(lockedUntil))}）`;
    if (r.reason) message += `，原因：${r.reason}`;
    if (r.clientIp && !by) message += `，来自 ${r.clientIp}`;
    out.push({ at: r.at.toISOString(), action: r.action, outcome: r.outcome, by, reason: r.reason, clientIp: r.clientIp, message });
  }
  return out;
}

/** The events since the previous login, for the login reply. */
export async function readAccountNotice(deps: Deps, user: UserWithRegion, since: Date | null): Promise<AccountNotice> {
  const rows = await selectAccountEvents(deps.db, user.id, [...NOTICE_ACTIONS, 'auth.login'], since, 50);
  // a missing code is the first step of every two-step login (and tells a guesser nothing): not counted
  const failedLogins = rows.filter((r) => r.action === 'auth.login' && r.outcome === 'failure' && (r.after as { why?: string } | null)?.why !== 'totpMissing').length;
  const events = await toEvents(deps, user, rows.filter((r) => r.action !== 'auth.login'));
  return { failedLogins, events };
}

/** The latest security events of the signed-in user's own account. */
export async function listOwnAccountEvents(deps: Deps, user: UserWithRegion): Promise<AccountEvent[]> {
  return toEvents(deps, user, await selectAccountEvents(deps.db, user.id, HISTORY_ACTIONS, null, 30));
}
