/** 驻点小分队 and partners (issue 13 item 2): records, their checks and their links from activities and projects. */
import { defineMessages } from './define';

export const teamPartnerMessages = defineMessages({
  'team.notFound': { zh: '驻点小分队不存在或不在您的管辖范围内', en: 'The resident team does not exist or is outside your scope' },
  'team.nameTaken': { zh: '{region}已有名为“{name}”的驻点小分队', en: '{region} already has a resident team named “{name}”' },
  'team.periodOrder': { zh: '驻点结束日期 {to} 早于开始日期 {from}', en: 'The end of the posting {to} is before its start {from}' },
  'team.memberUnknown': { zh: '成员账号 {user} 不存在或不属于本地区及下级', en: 'Member account {user} does not exist or is outside the region' },
  'team.memberNameMissing': { zh: '第 {n} 位成员没有姓名：选一个账号或写上姓名', en: 'Member {n} has no name: choose an account or write a name' },
  'team.inUse': { zh: '小分队“{name}”已有 {count} 次活动，不能删除；可改为“已撤回”', en: 'Resident team “{name}” has {count} activities and cannot be deleted; mark it closed instead' },
  'team.versionConflict': {
    zh: '该小分队已被他人修改（当前第 {current} 版，您基于第 {base} 版），未保存；请刷新后再改',
    en: 'Someone else changed this resident team (now version {current}, yours was based on {base}); nothing was saved. Reload and redo your changes',
  },
  'team.notOnLine': {
    zh: '驻点小分队“{name}”属于{region}，不是本活动组织地区或其上级、下级的小分队',
    en: 'Resident team “{name}” belongs to {region}, which is neither the organising region nor above or below it',
  },
  'partner.notFound': { zh: '合作方不存在或不在您的管辖范围内', en: 'The partner does not exist or is outside your scope' },
  'partner.nameTaken': { zh: '{region}已有名为“{name}”的合作方', en: '{region} already has a partner named “{name}”' },
  'partner.agreementMissing': { zh: '委托招商须填写委托协议编号', en: 'A commissioned agency needs its agreement number' },
  'partner.datesOrder': { zh: '委托结束日期 {end} 早于开始日期 {start}', en: 'The end of the commission {end} is before its start {start}' },
  'partner.inUse': { zh: '合作方“{name}”已被 {count} 个项目或活动引用，不能删除', en: 'Partner “{name}” is named by {count} projects or activities and cannot be deleted' },
  'partner.versionConflict': {
    zh: '该合作方已被他人修改（当前第 {current} 版，您基于第 {base} 版），未保存；请刷新后再改',
    en: 'Someone else changed this partner (now version {current}, yours was based on {base}); nothing was saved. Reload and redo your changes',
  },
  'partner.notOnLine': {
    zh: '合作方“{name}”属于{region}，不是本地区或其上级、下级的合作方',
    en: 'Partner “{name}” belongs to {region}, which is neither this region nor above or below it',
  },
  'activity.gapTeam': { zh: '驻点小分队（未建档）', en: 'resident team (no record)' },
});
