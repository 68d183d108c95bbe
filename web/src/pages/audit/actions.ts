/** the UI languages (as web/src/i18n's Lang; kept here so server-side tests can read this table) */
type Lang = 'zh' | 'en';

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
  'auth.totp.enrol': ['绑定动态口令', 'Enrol one-time code'],
  'auth.totp.enrol.start': ['开始绑定动态口令', 'Start one-time code enrolment'],
  'auth.totp.disable': ['解除动态口令', 'Turn off one-time code'],
  'auth.totp.recovery.regenerate': ['重新生成恢复码', 'Regenerate recovery codes'],
  'user.totp.reset': ['重置动态口令', 'Reset one-time code'],
  'import_job.create': ['创建导入任务', 'Create import job'],
  'import_job.succeed': ['导入任务完成', 'Import job finished'],
  'import_job.fail': ['导入任务失败', 'Import job failed'],
  'import_job.cancel': ['导入任务已取消', 'Import job cancelled'],
  'import_job.cancel_request': ['申请取消导入任务', 'Request to cancel import job'],
  'demo.seed.enterprises': ['生成演示企业', 'Seed demo enterprises'],
  'demo.seed.returns': ['生成演示月报', 'Seed demo monthly returns'],
  'demo.seed.targets': ['生成演示招商目标', 'Seed demo investment targets'],
  'settings.reportingCalendar.update': ['修改报送日历', 'Update reporting calendar'],
  'target.set': ['下达年度目标', 'Set annual target'],
  'return.submit': ['上报月报', 'Submit monthly return'],
  'return.approve': ['审核通过月报', 'Approve monthly return'],
  'return.return': ['退回月报', 'Return monthly return'],
  'return.reopen': ['重新开放月报', 'Reopen monthly return'],
  'enterprise.create': ['新增企业', 'Create enterprise'],
  'enterprise.update': ['编辑企业', 'Edit enterprise'],
  'enterprise.merge': ['合并重复企业', 'Merge duplicate enterprises'],
  'enterprise.duplicate.dismiss': ['排除疑似重复', 'Dismiss duplicate'],
  'enterprise_list.create': ['新建企业名单', 'Create enterprise list'],
  'enterprise_list.update': ['编辑企业名单', 'Edit enterprise list'],
  'enterprise_list.delete': ['删除企业名单', 'Delete enterprise list'],
  'enterprise_list.export': ['导出企业名单', 'Export enterprise list'],
  'enterprise_list.members.add': ['名单加入企业', 'Add enterprises to list'],
  'enterprise_list.members.remove': ['名单移除企业', 'Remove enterprises from list'],
  'enterprise_saved_search.create': ['保存企业搜索', 'Save enterprise search'],
  'enterprise_saved_search.update': ['修改保存的搜索', 'Edit saved search'],
  'enterprise_saved_search.delete': ['删除保存的搜索', 'Delete saved search'],
  'contact.create': ['新增联系人', 'Add contact'],
  'contact.update': ['编辑联系人', 'Edit contact'],
  'contact.delete': ['删除联系人', 'Delete contact'],
  'contact.reveal': ['查看联系人完整信息', 'Reveal contact'],
  'contact.export': ['导出联系人', 'Export contacts'],
  'enterprise-tag.create': ['新增企业标签', 'Create enterprise tag'],
  'enterprise-tag.delete': ['删除企业标签', 'Delete enterprise tag'],
  'chain.import': ['导入产业链', 'Import chain'],
  'chain.adopt': ['采用产业链模板', 'Adopt chain template'],
  'chain.edit': ['编辑产业链', 'Edit chain'],
  'investmentTarget.claim': ['认领招商目标', 'Claim investment target'],
  'investmentTarget.claimFromList': ['以企业名单认领招商目标', 'Claim targets from an enterprise list'],
  'investmentTarget.claimFromSearch': ['以保存的搜索认领招商目标', 'Claim targets from a saved search'],
  'investmentTarget.status': ['推进招商目标', 'Advance investment target'],
  'investmentTarget.feedback': ['反馈候选企业', 'Feedback on a candidate'],
  'investmentTarget.fit': ['按招商结果拟合评分权重', 'Fit target weights on outcomes'],
  'industryRelatedness.refresh': ['重算精准招商特征（产业关联度、成长信号）', 'Refresh targeting features (relatedness, growth signals)'],
  'chain.leader': ['设置链长', 'Set chain leader'],
  'chain.roadmap': ['修改产业链路线图', 'Change chain roadmap'],
  'activity.create': ['登记招商活动', 'Log activity'],
  'activity.update': ['修改招商活动', 'Edit activity'],
  'activity.delete': ['删除招商活动', 'Delete activity'],
  'activity.import': ['导入招商活动', 'Import activities'],
  'team.create': ['新建驻点小分队', 'Create resident team'],
  'team.update': ['修改驻点小分队', 'Edit resident team'],
  'team.delete': ['删除驻点小分队', 'Delete resident team'],
  'partner.create': ['新建合作方', 'Create partner'],
  'partner.update': ['修改合作方', 'Edit partner'],
  'partner.delete': ['删除合作方', 'Delete partner'],
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
  route: ['接口', 'API route'],
  referenceData: ['基础数据', 'Reference data'],
  import_job: ['导入任务', 'Import job'],
  demo: ['演示数据', 'Demo data'],
  target: ['年度目标', 'Annual target'],
  monthlyReturn: ['月报', 'Monthly return'],
  enterprise: ['企业', 'Enterprise'],
  enterprise_list: ['企业名单', 'Enterprise list'],
  enterprise_saved_search: ['保存的企业搜索', 'Saved enterprise search'],
  contact: ['联系人', 'Contact'],
  'enterprise-tag': ['企业标签', 'Enterprise tag'],
  'enterprise-duplicate': ['疑似重复企业', 'Possible duplicate'],
  chain: ['产业链', 'Industry chain'],
  investmentTarget: ['招商目标企业', 'Investment target'],
  activity: ['招商活动', 'Activity'],
  residentTeam: ['驻点小分队', 'Resident team'],
  partner: ['合作方（招商大使、商会、委托招商）', 'Partner (ambassador, chamber, agency)'],
};

function pick(table: Record<string, Names>, code: string, lang: Lang): string {
  const names = table[code];
  if (!names) return code;
  return lang === 'zh' ? names[0] : names[1];
}

/** Whether the table names the code (an unnamed one shows as its raw code). */
export const hasActionLabel = (action: string) => action in ACTIONS;
export const hasObjectTypeLabel = (type: string) => type in OBJECT_TYPES;

export const actionLabel = (action: string, lang: Lang) => pick(ACTIONS, action, lang);
export const objectTypeLabel = (type: string, lang: Lang) => pick(OBJECT_TYPES, type, lang);

function valueEnum(table: Record<string, Names>, lang: Lang): Record<string, { text: string }> {
  return Object.fromEntries(Object.keys(table).map((code) => [code, { text: pick(table, code, lang) }]));
}

export const actionEnum = (lang: Lang) => valueEnum(ACTIONS, lang);
export const objectTypeEnum = (lang: Lang) => valueEnum(OBJECT_TYPES, lang);
