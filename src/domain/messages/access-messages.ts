/** Sign-in, session and permission messages, and the permission names they quote. */
import { defineMessages } from './define';

export const accessMessages = defineMessages({
  'auth.loginRequired': { zh: '请先登录', en: 'Please sign in first' },
  'auth.sessionExpired': { zh: '请先登录（会话不存在或已过期）', en: 'Please sign in first (the session does not exist or has expired)' },
  'auth.passwordChangeRequired': {
    zh: '请先修改临时密码（管理员设置或重置的密码须由本人修改后才能使用系统）',
    en: 'Change your temporary password first (a password set or reset by an administrator must be changed by its owner before use)',
  },
  'auth.totpEnrolmentRequired': {
    zh: '管理员账号须先绑定动态口令（TOTP）才能使用系统',
    en: 'Administrator accounts must enrol a one-time password (TOTP) before using the system',
  },
  'auth.passwordChangeBeforeTotp': { zh: '请先修改临时密码，再绑定动态口令', en: 'Change your temporary password first, then enrol the one-time password' },
  'auth.forbidden': { zh: '您没有权限执行此操作（需要“{permission}”权限）', en: 'You are not allowed to do this (requires the “{permission}” permission)' },
  'auth.usernameRequired': { zh: '请输入用户名', en: 'Enter the username' },
  'auth.passwordRequired': { zh: '请输入密码', en: 'Enter the password' },
  'auth.totpCodeRequired': { zh: '请输入动态口令', en: 'Enter the one-time password' },
  'auth.currentPasswordRequired': { zh: '请输入当前密码', en: 'Enter your current password' },

  'permission.users.read': { zh: '查看用户', en: 'View users' },
  'permission.users.manage': { zh: '管理用户', en: 'Manage users' },
  'permission.regions.manage': { zh: '管理地区与园区', en: 'Manage regions and parks' },
  'permission.security.manage': { zh: '安全管理', en: 'Security administration' },
  'permission.audit.read': { zh: '查看审计日志', en: 'View the audit log' },
  'permission.settings.manage': { zh: '管理业务设置', en: 'Manage business settings' },
  'permission.projects.read': { zh: '查看项目', en: 'View projects' },
  'permission.projects.manage': { zh: '管理项目', en: 'Manage projects' },
  'permission.funds.manage': { zh: '录入到位资金', en: 'Enter funds received' },
  'permission.funds.verify': { zh: '核实到位资金', en: 'Verify funds received' },
  'permission.imports.run': { zh: '导入数据', en: 'Import data' },
  'permission.evidence.upload': { zh: '上传佐证材料', en: 'Upload evidence' },
  'permission.stats.read': { zh: '查看统计', en: 'View statistics' },
  'permission.targets.manage': { zh: '下达年度目标', en: 'Set annual targets' },
  'permission.returns.submit': { zh: '上报月报', en: 'Submit monthly returns' },
  'permission.returns.review': { zh: '审核月报（上级审核、退回、重新开放）', en: 'Review monthly returns (approve, return, reopen)' },
  'permission.enterprises.read': { zh: '查看企业库', en: 'View the enterprise database' },
  'permission.enterprises.manage': { zh: '维护企业库（企业信息、联系人、名单）', en: 'Maintain the enterprise database (details, contacts, lists)' },
  'permission.enterprises.import': { zh: '导入企业库', en: 'Import enterprises' },
  'permission.contacts.reveal': { zh: '查看联系人完整电话和邮箱（留痕）', en: 'See contacts’ full phone numbers and e-mails (audited)' },
  'permission.contacts.export': { zh: '导出联系人（留痕）', en: 'Export contacts (audited)' },
});
