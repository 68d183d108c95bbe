/** 外出招商的计划、审批与报告，活动推进的招商目标，活动附件 (issue 13 item 1). */
import { defineMessages } from './define';

export const tripMessages = defineMessages({
  'trip.notTrip': { zh: '只有外出招商有计划与报告，“{name}”是{type}', en: 'Only trips have a plan and a report; “{name}” is of type {type}' },
  'trip.stepRefused': { zh: '计划当前为“{status}”，不能{step}', en: 'The plan is “{status}”: it cannot be {step} now' },
  'trip.step.submit': { zh: '报批', en: 'submitted for approval' },
  'trip.step.approve': { zh: '批准', en: 'approved' },
  'trip.step.return': { zh: '退回', en: 'returned' },
  'trip.status.logged': { zh: '事后登记（无计划）', en: 'logged after the fact (no plan)' },
  'trip.status.planned': { zh: '计划中', en: 'planned' },
  'trip.status.submitted': { zh: '待审批', en: 'awaiting approval' },
  'trip.status.approved': { zh: '已批准', en: 'approved' },
  'trip.status.returned': { zh: '已退回', en: 'returned' },
  'trip.status.done': { zh: '已完成（报告已交）', en: 'done (report submitted)' },
  'trip.returnReasonRequired': { zh: '退回计划须写明原因', en: 'Returning a plan needs a reason' },
  'trip.approverRegion': {
    zh: '审批外出招商计划须由组织地区（{region}）或其上级的领导办理',
    en: 'A trip plan is approved by a leader of the organising region ({region}) or a region above it',
  },
  'trip.selfApproval': { zh: '不能审批自己报批的计划', en: 'You cannot approve a plan you submitted yourself' },
  'trip.reportNotYet': { zh: '行程结束（{end}）后才能提交报告', en: 'The report can be submitted once the trip has ended ({end})' },
  'trip.reportNeedsApproval': { zh: '计划“{status}”，批准后才能提交报告', en: 'The plan is “{status}”: a report can be submitted once it is approved' },
  'trip.reportTextRequired': { zh: '报告内容不能为空', en: 'The report text cannot be empty' },
  'trip.leadNameDuplicate': { zh: '线索“{name}”列了两次', en: 'Lead “{name}” is listed twice' },
  'trip.planDatesFuture': { zh: '计划的行程已结束（{end}）：已发生的外出招商直接登记即可', en: 'The planned trip has already ended ({end}): log a past trip directly instead' },
  'activityTarget.notFound': { zh: '招商目标 {target} 不存在或不在您的管辖范围内', en: 'Investment target {target} does not exist or is outside your scope' },
  'activityTarget.duplicate': { zh: '招商目标 {target} 列了两次', en: 'Investment target {target} is listed twice' },
  'activityTarget.needsTargeting': { zh: '改变招商目标的状态需要“精准招商管理”权限', en: 'Changing a target’s status needs the targeting management permission' },
  'activityFile.notFound': { zh: '附件不存在或不在您的管辖范围内', en: 'The attachment does not exist or is outside your scope' },
});
