/** 简报 (issue 13 item 5): generation, editing, issue and downloads. */
import { defineMessages } from './define';

export const briefingMessages = defineMessages({
  'briefing.notFound': { zh: '简报不存在或不在您的管辖范围内', en: 'The briefing does not exist or is outside your scope' },
  'briefing.versionConflict': {
    zh: '该简报已被他人修改（当前第 {current} 版，您基于第 {base} 版），未保存；请刷新后再改',
    en: 'Someone else changed this briefing (now version {current}, yours was based on {base}); nothing was saved. Reload and redo your changes',
  },
  'briefing.issued': {
    zh: '该简报已签发（第 {issue} 期第 {edition} 版），签发后的内容不能修改；如需更正，请先“修订”生成新的一版',
    en: 'This briefing was issued (issue {issue}, edition {edition}) and can no longer change; to correct it, revise it into a new edition first',
  },
  'briefing.notIssued': { zh: '该简报尚未签发，直接修改草稿即可，无须修订', en: 'This briefing has not been issued: edit the draft directly, no revision is needed' },
  'briefing.sectionUnknown': { zh: '简报没有名为“{key}”的段落', en: 'The briefing has no section “{key}”' },
  'briefing.sectionTwice': { zh: '段落“{key}”提交了两次', en: 'Section “{key}” was sent twice' },
  'briefing.dateInvalid': { zh: '日期“{date}”无效，应为 YYYY-MM-DD 格式的实际日期', en: 'Date “{date}” is invalid: give a real day as YYYY-MM-DD' },
  'briefing.periodNotStarted': {
    zh: '{period}尚未开始（今天是 {today}），不能生成该期简报',
    en: 'The period {period} has not started yet (today is {today}): its briefing cannot be generated',
  },
  'briefing.editionNotFound': { zh: '该简报没有第 {edition} 版已签发的版本', en: 'The briefing has no issued edition {edition}' },
  'briefing.figureUnknown': { zh: '简报中没有指标“{key}”', en: 'The briefing has no figure “{key}”' },
});
