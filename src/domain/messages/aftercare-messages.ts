/** 安商稳商 (issue 13 items 6–7): follow-up visits, investor signals, notifications and their settings. */
import { defineMessages } from './define';

export const aftercareMessages = defineMessages({
  'aftercare.signal.flagMovingOut': { zh: '{date} 回访：企业有外迁意向', en: 'Visit of {date}: the enterprise may move out' },
  'aftercare.signal.flagExpansion': { zh: '{date} 回访：企业有扩产增资意向', en: 'Visit of {date}: the enterprise plans to expand' },
  'aftercare.signal.flagContraction': { zh: '{date} 回访：企业减产收缩', en: 'Visit of {date}: the enterprise is contracting' },
  'aftercare.signal.flagDispute': { zh: '{date} 回访：存在纠纷', en: 'Visit of {date}: there is a dispute' },
  'aftercare.signal.flagUnpaid': { zh: '{date} 回访：有承诺未兑现', en: 'Visit of {date}: a commitment is unpaid' },
  'aftercare.signal.capitalDown': { zh: '{date} 注册资本由 {before} 万元减至 {after} 万元', en: 'On {date} the registered capital fell from {before} to {after} (10k yuan)' },
  'aftercare.signal.capitalUp': { zh: '{date} 注册资本由 {before} 万元增至 {after} 万元', en: 'On {date} the registered capital rose from {before} to {after} (10k yuan)' },
  'aftercare.signal.status': { zh: '{date} 登记状态变为“{status}”', en: 'On {date} the registration status became “{status}”' },
  'aftercare.signal.movedOut': { zh: '{date} 注册地迁至本地区以外（{region}）', en: 'On {date} the registered address moved out of the region ({region})' },
  'aftercare.signal.staffDown': { zh: '{date} 从业人数由 {before} 人减至 {after} 人', en: 'On {date} the staff fell from {before} to {after}' },
  'aftercare.signal.staffUp': { zh: '{date} 从业人数由 {before} 人增至 {after} 人', en: 'On {date} the staff rose from {before} to {after}' },
  'aftercare.status.revoked': { zh: '吊销', en: 'revoked' },
  'aftercare.status.deregistered': { zh: '注销', en: 'deregistered' },
  'aftercare.status.movedOut': { zh: '迁出', en: 'moved out' },
  'aftercare.status.liquidating': { zh: '清算', en: 'liquidating' },
  'aftercare.status.suspended': { zh: '停业', en: 'suspended' },
  'aftercare.followUpNotFound': { zh: '回访记录不存在或不在您的管辖范围内', en: 'The follow-up does not exist or is outside your scope' },
  'aftercare.notOperating': { zh: '项目尚未投产（当前阶段：{stage}）：只有投产项目才做回访', en: 'The project is not operating (stage: {stage}): only operating projects get follow-ups' },
  'aftercare.versionConflict': { zh: '该回访记录已被他人修改，未保存；请刷新后再改', en: 'Someone else changed this follow-up; nothing was saved. Reload and redo your changes' },
  'aftercare.doneInFuture': { zh: '回访日期 {date} 晚于今天（{today}）', en: 'The visit date {date} is after today ({today})' },
  'aftercare.doneBeforeOperating': { zh: '回访日期 {date} 早于投产日期 {operating}', en: 'The visit date {date} is before the operating date {operating}' },
  'aftercare.findingsRequired': { zh: '请填写回访发现（“回访发现”不能为空）', en: 'Enter the findings of the visit' },
  'aftercare.settings.months': {
    zh: '“回访月份”须为 1–120 之间互不相同的整数，至少一个、至多 12 个（收到：{value}）',
    en: '“Follow-up months” must be 1 to 12 distinct whole numbers between 1 and 120 (got: {value})',
  },
  'aftercare.settings.escalation': { zh: '“逾期升级工作日”须为 1–60 之间的整数（收到：{value}）', en: '“Escalation working days” must be a whole number from 1 to 60 (got: {value})' },
  'aftercare.settings.dueSoon': { zh: '“即将到期提醒工作日”须为 0–30 之间的整数（收到：{value}）', en: '“Due-soon working days” must be a whole number from 0 to 30 (got: {value})' },
  'notification.notFound': { zh: '通知不存在', en: 'The notification does not exist' },
});
