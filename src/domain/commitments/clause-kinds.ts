/**
 * 政策承诺 (commitments): the kinds of clause, the statuses, the data triggers and the
 * 公平竞争审查 (fair-competition review) list. Pure data and rules; docs/commitments.md explains them.
 */

/** 补贴, 土地, 税收返还/奖励, 价格优惠, 水电气暖, 服务保障, 其他 */
export const CLAUSE_TYPES = ['subsidy', 'land', 'taxRefund', 'price', 'utility', 'service', 'other'] as const;
export type ClauseType = (typeof CLAUSE_TYPES)[number];

export const CLAUSE_TYPE_NAMES: Record<ClauseType, string> = {
  subsidy: '补贴',
  land: '土地',
  taxRefund: '税收返还/奖励',
  price: '价格优惠',
  utility: '水电气暖',
  service: '服务保障',
  other: '其他',
};

/** pending 待兑现, due 已到期, fulfilled 已兑现, partly 部分兑现, overdue 逾期, disputed 有争议, waived 已豁免 */
export const COMMITMENT_STATUSES = ['pending', 'due', 'fulfilled', 'partly', 'overdue', 'disputed', 'waived'] as const;
export type CommitmentStatus = (typeof COMMITMENT_STATUSES)[number];

export const COMMITMENT_STATUS_NAMES: Record<CommitmentStatus, string> = {
  pending: '待兑现',
  due: '已到期',
  fulfilled: '已兑现',
  partly: '部分兑现',
  overdue: '逾期',
  disputed: '有争议',
  waived: '已豁免',
};

/** The statuses a person sets by hand (with a reason); the others follow from the data. */
export const MANUAL_STATUSES = ['disputed', 'waived'] as const;
export type ManualStatus = (typeof MANUAL_STATUSES)[number];

/**
 * When a clause falls due: `date` on its due date; `fundsReach` when the project's cumulative funds in
 * place (到位资金, all months) reach `triggerAmountYuan` — the trigger date is the last day of the month
 * in which they reach it; `stageReached` when the project reaches `triggerStage` (started: its start
 * date 开工日期; operating: its operating date 投产日期). A data trigger's due date is the trigger date
 * plus `daysAfterTrigger` calendar days.
 */
export const TRIGGER_KINDS = ['date', 'fundsReach', 'stageReached'] as const;
export type TriggerKind = (typeof TRIGGER_KINDS)[number];
export const TRIGGER_STAGES = ['started', 'operating'] as const;
export type TriggerStage = (typeof TRIGGER_STAGES)[number];

export const REVIEW_DECISIONS = ['approved', 'rejected'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/**
 * 公平竞争审查: the promises that need a review decision before they can be recorded as agreed.
 * A tax refund or reward (税收返还/奖励) always; a subsidy, a price or land concession or a utility
 * discount when it is selective (给予特定经营者, not under a published policy open to all).
 * Services (服务保障) and other clauses never.
 */
const ALWAYS_REVIEWED: readonly ClauseType[] = ['taxRefund'];
const REVIEWED_WHEN_SELECTIVE: readonly ClauseType[] = ['subsidy', 'price', 'land', 'utility'];

export function needsFairCompetitionReview(type: ClauseType, selective: boolean): boolean {
  if (ALWAYS_REVIEWED.includes(type)) return true;
  return selective && REVIEWED_WHEN_SELECTIVE.includes(type);
}

/** A clause may become agreed when it needs no review or its review approved it. */
export function canBecomeAgreed(reviewRequired: boolean, decision: ReviewDecision | null): boolean {
  return !reviewRequired || decision === 'approved';
}

/** Working days after the due date before an unfulfilled clause counts as overdue (宽限期), unless the clause sets its own. */
export const DEFAULT_GRACE_WORKING_DAYS = 10;
