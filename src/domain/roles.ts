/**
 * Roles and permissions. Three separated administrator roles (三权分立) and the business roles of
 * DESIGN.md "Who uses it". A route declares one permission (http/access.ts); a role grants a set.
 */
import { msg, renderMessage, type Message } from './messages/catalog';
export const ADMIN_ROLES = ['sysadmin', 'secadmin', 'auditor'] as const;
export const BUSINESS_ROLES = ['leader', 'officer', 'statistician', 'reviewer', 'analyst'] as const;
export const ROLES = [...ADMIN_ROLES, ...BUSINESS_ROLES] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  sysadmin: '系统管理员',
  secadmin: '安全管理员',
  auditor: '审计管理员',
  leader: '领导',
  officer: '招商专员',
  statistician: '统计员',
  reviewer: '审核员',
  analyst: '产业研究员',
};

export const PERMISSIONS = [
  'users.read',
  'users.manage',
  'regions.manage',
  'security.manage',
  'audit.read',
  'settings.manage',
  'projects.read',
  'projects.manage',
  'funds.manage',
  'funds.verify',
  'imports.run',
  'evidence.upload',
  'stats.read',
  'targets.manage',
  'returns.submit',
  'returns.review',
  'enterprises.read',
  'enterprises.manage',
  'enterprises.import',
  'contacts.reveal',
  'contacts.export',
  'chains.read',
  'chains.manage',
  'targeting.read',
  'targeting.manage',
  'activities.read',
  'activities.manage',
  'activities.approve',
  'briefings.read',
  'briefings.manage',
  'briefings.issue',
  'portal.manage',
  'inquiries.read',
  'inquiries.manage',
  'commitments.read',
  'commitments.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  sysadmin: ['users.read', 'users.manage', 'regions.manage', 'settings.manage'],
  secadmin: ['users.read', 'security.manage'],
  auditor: ['audit.read'],
  leader: ['projects.read', 'stats.read', 'enterprises.read', 'contacts.reveal', 'chains.read', 'targeting.read', 'activities.read', 'activities.approve', 'briefings.read', 'briefings.manage', 'briefings.issue', 'inquiries.read', 'commitments.read'],
  officer: [
    'projects.read',
    'projects.manage',
    'imports.run',
    'evidence.upload',
    'stats.read',
    'enterprises.read',
    'enterprises.manage',
    'enterprises.import',
    'contacts.reveal',
    'contacts.export',
    'chains.read',
    'targeting.read',
    'targeting.manage',
    'activities.read',
    'activities.manage',
    'briefings.read',
    'briefings.manage',
    'portal.manage',
    'inquiries.read',
    'inquiries.manage',
    'commitments.read',
    'commitments.manage',
  ],
  statistician: ['projects.read', 'funds.manage', 'funds.verify', 'imports.run', 'evidence.upload', 'stats.read', 'targets.manage', 'returns.submit', 'enterprises.read', 'chains.read', 'activities.read', 'briefings.read', 'commitments.read'],
  reviewer: ['projects.read', 'stats.read', 'targets.manage', 'returns.review', 'enterprises.read', 'chains.read', 'activities.read', 'briefings.read', 'inquiries.read', 'commitments.read'],
  analyst: ['projects.read', 'stats.read', 'enterprises.read', 'enterprises.manage', 'enterprises.import', 'chains.read', 'chains.manage', 'targeting.read', 'targeting.manage', 'activities.read'],
};

/** Holders of the administrator roles must sign in with a second factor (TOTP); it is optional for the others. */
export function requiresSecondFactor(roles: readonly string[]): boolean {
  return roles.some((r) => (ADMIN_ROLES as readonly string[]).includes(r));
}

/** An administrator account (系统、安全或审计管理员): only the security administrator manages its password and status. */
export function isAdminAccount(roles: readonly string[]): boolean {
  return roles.some((r) => (ADMIN_ROLES as readonly string[]).includes(r));
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function listPermissions(roles: readonly Role[]): Permission[] {
  const granted = new Set<Permission>();
  for (const role of roles) for (const p of ROLE_PERMISSIONS[role]) granted.add(p);
  return PERMISSIONS.filter((p) => granted.has(p));
}

/** A catalog message when the role set breaks a rule, else null. */
export function checkRoleSetMessage(roles: readonly string[]): Message | null {
  const unknown = roles.filter((r) => !isRole(r));
  if (unknown.length > 0) return msg('roles.unknown', { roles: unknown.join('、') });
  if (new Set(roles).size !== roles.length) return msg('roles.duplicate');
  const admins = roles.filter((r) => (ADMIN_ROLES as readonly string[]).includes(r));
  if (admins.length > 1) return msg('roles.separation', { roles: { names: admins.map((r) => msg(`role.${r as Role}`)) } });
  return null;
}

/** Returns a Chinese reason when the role set breaks a rule, else null. */
export function checkRoleSet(roles: readonly string[]): string | null {
  const refused = checkRoleSetMessage(roles);
  return refused ? renderMessage(refused, 'zh') : null;
}

export const PERMISSION_LABELS: Record<Permission, string> = {
  'users.read': '查看用户',
  'users.manage': '管理用户',
  'regions.manage': '管理地区与园区',
  'security.manage': '安全管理',
  'audit.read': '查看审计日志',
  'settings.manage': '管理业务设置',
  'projects.read': '查看项目',
  'projects.manage': '管理项目',
  'funds.manage': '录入到位资金',
  'funds.verify': '核实到位资金',
  'imports.run': '导入数据',
  'evidence.upload': '上传佐证材料',
  'stats.read': '查看统计',
  'targets.manage': '下达年度目标',
  'returns.submit': '上报月报',
  'returns.review': '审核月报（上级审核、退回、重新开放）',
  'enterprises.read': '查看企业库',
  'enterprises.manage': '维护企业库（企业信息、联系人、名单）',
  'enterprises.import': '导入企业库',
  'contacts.reveal': '查看联系人完整电话和邮箱（留痕）',
  'contacts.export': '导出联系人（留痕）',
  'chains.read': '查看产业链',
  'chains.manage': '维护产业链（导入、采用模板、编辑）',
  'targeting.read': '查看招商目标（评分、认领、漏斗）',
  'targeting.manage': '管理招商目标（认领、推进、反馈）',
  'activities.read': '查看招商活动',
  'activities.manage': '记录招商活动（登记、修改、删除、导入）',
  'activities.approve': '审批外出招商计划',
  'briefings.read': '查看简报（每周简报、旬调度、月度简报）',
  'briefings.manage': '生成和编辑简报草稿',
  'briefings.issue': '签发和修订简报',
  'portal.manage': '维护招商门户（发布项目、资源载体、政策库、联系窗口）',
  'inquiries.read': '查看在线对接与投诉',
  'inquiries.manage': '办理在线对接与投诉（受理、答复、转线索）',
  'commitments.read': '查看政策承诺台账',
  'commitments.manage': '维护政策承诺（条款、兑现佐证、状态）',
};
