/** 政策承诺 (issue 14 items 5–7): clauses, fulfilments, status changes, reviews, successors. */
import { defineMessages } from './define';

export const commitmentMessages = defineMessages({
  'commitment.notFound': { zh: '政策承诺条款不存在或不在您的管辖范围内', en: 'The commitment clause does not exist or is outside your scope' },
  'commitment.versionConflict': { zh: '该承诺条款已被他人修改，未保存；请刷新后再改', en: 'Someone else changed this clause; nothing was saved. Reload and redo your changes' },
  'commitment.responsibleInvalid': {
    zh: '责任人（responsibleUserId）不存在、已停用，或其管辖范围不包含项目所在地区',
    en: 'The responsible person (responsibleUserId) does not exist, is disabled, or does not cover the project region',
  },
  'commitment.triggerDueDate': { zh: '触发方式为“日期”时须填写到期日期（trigger.dueDate）', en: 'A date trigger needs a due date (trigger.dueDate)' },
  'commitment.triggerAmount': { zh: '触发方式为“到位资金达到”时须填写大于 0 的触发金额（trigger.amountYuan）', en: 'A funds trigger needs an amount above 0 (trigger.amountYuan)' },
  'commitment.triggerStage': { zh: '触发方式为“项目达到阶段”时须选择阶段（trigger.stage：开工或投产）', en: 'A stage trigger needs a stage (trigger.stage: started or operating)' },
  'commitment.reviewPending': {
    zh: '条款“{title}”（{type}）须先经公平竞争审查并通过，才能确认为已约定',
    en: 'Clause “{title}” ({type}) needs an approving fair-competition review before it can be agreed',
  },
  'commitment.reviewSelf': {
    zh: '公平竞争审查须由他人决定（四眼原则）：您{role}条款“{title}”，不能审查通过，请由未经手的同事审查',
    en: 'A fair-competition review needs a second person (four eyes): you {role} clause “{title}” and cannot approve it; ask a colleague who did not handle it',
  },
  'commitment.reviewRoleCreated': { zh: '新增了', en: 'created' },
  'commitment.reviewRoleSubmitted': { zh: '提交审查了', en: 'submitted for review' },
  'commitment.reviewNotSubmitted': { zh: '条款“{title}”尚未提交公平竞争审查，请先“提交审查”', en: 'Clause “{title}” has not been submitted for fair-competition review; submit it first' },
  'commitment.reviewAlreadyApproved': { zh: '条款“{title}”已审查通过，无须再提交审查', en: 'Clause “{title}” is already approved; no new submission is needed' },
  'commitment.reviewNotNeeded': { zh: '条款“{title}”无须公平竞争审查', en: 'Clause “{title}” needs no fair-competition review' },
  'commitment.alreadyAgreed': { zh: '条款“{title}”已确认为已约定', en: 'Clause “{title}” is already agreed' },
  'commitment.agreedChangeReason': { zh: '修改已约定的条款须填写原因（reason）', en: 'Changing an agreed clause needs a reason (reason)' },
  'commitment.agreedNoDelete': { zh: '已约定的条款“{title}”不能删除；不再兑现的请“豁免”并说明原因', en: 'Agreed clause “{title}” cannot be deleted; waive it with a reason instead' },
  'commitment.agreedNeedsReview': {
    zh: '修改后条款“{title}”须经公平竞争审查，已约定的条款不能改成这样；请新增条款并送审',
    en: 'After this change clause “{title}” would need a fair-competition review; an agreed clause cannot change so. Add a new clause and have it reviewed',
  },
  'commitment.statusNotAllowed': {
    zh: '条款当前状态为“{status}”，不能{action}（仅限：{allowed}）',
    en: 'The clause is “{status}”; it cannot be changed by “{action}” (only from: {allowed})',
  },
  'commitment.notAgreed': { zh: '条款“{title}”尚未约定（草拟中），不能登记兑现或变更状态', en: 'Clause “{title}” is a draft, not agreed: no fulfilment or status change yet' },
  'commitment.fulfilWaived': { zh: '条款“{title}”已豁免，不能再登记兑现', en: 'Clause “{title}” is waived: no fulfilment can be recorded' },
  'commitment.fulfilFuture': { zh: '兑现日期 {date} 晚于今天（{today}）', en: 'The fulfilment date {date} is after today ({today})' },
  'commitment.fulfilAmountNeeded': { zh: '该条款承诺了金额，须填写本次兑现金额（amountYuan，大于 0）', en: 'The clause promises an amount: enter the amount fulfilled (amountYuan, above 0)' },
  'commitment.fulfilAmountNotAllowed': { zh: '该条款没有承诺金额，不能填写兑现金额；全部兑现请勾选“已全部兑现”', en: 'The clause promises no amount: leave amountYuan empty and tick complete when done' },
  'commitment.fulfilEvidenceNeeded': { zh: '登记兑现须附佐证材料（evidence 或 evidenceFileId）', en: 'A fulfilment needs evidence (evidence or evidenceFileId)' },
  'commitment.evidenceOfOtherProject': { zh: '佐证材料（evidenceFileId）不属于该项目', en: 'The evidence file (evidenceFileId) belongs to another project' },
  'commitment.sameResponsible': { zh: '新责任人与现责任人相同', en: 'The new responsible person is the current one' },
  'commitment.noSuccessor': {
    zh: '用户“{user}”仍负责 {count} 项未办结的政策承诺（{clauses}），项目没有可接替的包联领导，所在地区也没有在岗的领导账号：请先在这些条款上指定新的责任人',
    en: 'User “{user}” is still responsible for {count} open commitment clauses ({clauses}) and neither the project leader nor a leader of the region can take them over: reassign them first',
  },
  'commitment.action.dispute': { zh: '标记争议', en: 'dispute' },
  'commitment.action.waive': { zh: '豁免', en: 'waive' },
  'commitment.action.clear': { zh: '撤销争议/豁免', en: 'clear' },
});
