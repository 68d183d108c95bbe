import type { Lang } from '../../i18n';

type Names = [zh: string, en: string];

/** Names of the server's audit actions; an unknown action shows as its code. */
const ACTIONS: Record<string, Names> = {
  'auth.login': ['登录', 'Log in'],
  'auth.logout': ['退出登录', 'Log out'],
  'auth.lock': ['账户锁定', 'Account locked'],
  'auth.password.change': ['修改密码', 'Change password'],
  'access.denied': ['越权访问', 'Access denied'],
  'user.create': ['新建用户', 'Create user'],
  'user.update': ['编辑用户', 'Edit user'],
  'user.disable': ['停用用户', 'Disable user'],
  'user.enable': ['启用用户', 'Enable user'],
  'user.password.reset': ['重置密码', 'Reset password'],
  'user.roles.set': ['授权角色', 'Set roles'],
  'user.unlock': ['解锁账户', 'Unlock account'],
  'security.policy.update': ['修改安全策略', 'Update security policy'],
  'park.create': ['新增园区', 'Create park'],
  'park.update': ['重命名园区', 'Rename park'],
  'park.delete': ['删除园区', 'Delete park'],
  'reference.load': ['加载基础数据', 'Load reference data'],
  'project.create': ['新建项目', 'Create project'],
  'project.update': ['编辑项目', 'Edit project'],
  'project.stage': ['变更阶段', 'Change stage'],
  'funds.create': ['登记到位资金', 'Add receipt'],
  'funds.correct': ['更正到位资金', 'Correct receipt'],
  'funds.delete': ['删除到位资金', 'Delete receipt'],
  'funds.verify': ['核实到位资金', 'Verify receipt'],
  'problem.create': ['新增问题', 'Add problem'],
  'problem.update': ['修改问题', 'Update problem'],
  'problem.resolve': ['解决问题', 'Resolve problem'],
  'serviceItem.create': ['新增帮办事项', 'Add service item'],
  'serviceItem.update': ['修改帮办事项', 'Update service item'],
  'serviceItem.close': ['办结帮办事项', 'Close service item'],
  'evidence.upload': ['上传佐证材料', 'Upload evidence'],
  'import.run': ['数据导入', 'Import data'],
  'import.create': ['导入新建', 'Created by import'],
  'import.update': ['导入修改', 'Changed by import'],
  'demo.seed': ['生成演示数据', 'Seed demo data'],
  'settings.lightRules.update': ['修改红绿灯规则', 'Update light rules'],
  'settings.evidencePolicy.update': ['修改先证后计设置', 'Update evidence policy'],
  'calendar.override.save': ['录入节假日安排', 'Save calendar day'],
  'calendar.override.delete': ['删除节假日安排', 'Delete calendar day'],
};

const OBJECT_TYPES: Record<string, Names> = {
  user: ['用户', 'User'],
  region: ['地区/园区', 'Region / park'],
  securityPolicy: ['安全策略', 'Security policy'],
  project: ['项目', 'Project'],
  fundReceipt: ['到位资金', 'Fund receipt'],
  settings: ['业务设置', 'Settings'],
  calendar: ['工作日历', 'Calendar'],
  import: ['数据导入', 'Import'],
  problem: ['问题', 'Problem'],
  serviceItem: ['帮办事项', 'Service item'],
  evidence: ['佐证材料', 'Evidence'],
};

function pick(table: Record<string, Names>, code: string, lang: Lang): string {
  const names = table[code];
  if (!names) return code;
  return lang === 'zh' ? names[0] : names[1];
}

export const actionLabel = (action: string, lang: Lang) => pick(ACTIONS, action, lang);
export const objectTypeLabel = (type: string, lang: Lang) => pick(OBJECT_TYPES, type, lang);

function valueEnum(table: Record<string, Names>, lang: Lang): Record<string, { text: string }> {
  return Object.fromEntries(Object.keys(table).map((code) => [code, { text: pick(table, code, lang) }]));
}

export const actionEnum = (lang: Lang) => valueEnum(ACTIONS, lang);
export const objectTypeEnum = (lang: Lang) => valueEnum(OBJECT_TYPES, lang);
