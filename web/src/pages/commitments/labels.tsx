import { Tag } from 'antd';
import type { Clause } from '../../api/commitments';
import { formatWan } from '../../components/money';
import type { Translate } from '../../i18n';

export type ClauseStatus = Clause['status'];

/** Status colours: overdue red, disputed orange, due gold, fulfilled green; the name is always written out. */
const STATUS_COLOR: Record<ClauseStatus, string> = {
  pending: 'default',
  due: 'gold',
  partly: 'processing',
  fulfilled: 'success',
  overdue: 'error',
  disputed: 'orange',
  waived: 'purple',
};

export function StatusTag({ t, status, testId }: { t: Translate; status: ClauseStatus; testId?: string }) {
  return (
    <Tag color={STATUS_COLOR[status]} data-testid={testId} data-status={status}>
      {t(`commitments.status.${status}`)}
    </Tag>
  );
}

/** The trigger in words: a date, funds in place reaching an amount, or a stage, with the days after it. */
export function describeTrigger(t: Translate, c: Pick<Clause, 'trigger'>): string {
  const tr = c.trigger;
  const after = tr.daysAfter > 0 ? t('commitments.trigger.daysAfter', { n: tr.daysAfter }) : '';
  if (tr.kind === 'date') return t('commitments.trigger.onDate', { date: tr.dueDate ?? '—' });
  if (tr.kind === 'fundsReach') return `${t('commitments.trigger.onFunds', { amount: formatWan(tr.amountYuan, '—') })}${after}`;
  return `${t('commitments.trigger.onStage', { stage: t(tr.stage === 'operating' ? 'commitments.stage.operating' : 'commitments.stage.started') })}${after}`;
}

/** What the review stands at, for a clause needing one. */
export function reviewState(t: Translate, c: Clause): { text: string; color: string } | null {
  if (!c.reviewRequired) return null;
  if (c.reviewDecision === 'approved') return { text: t('commitments.review.approved'), color: 'success' };
  if (c.reviewDecision === 'rejected') return { text: t('commitments.review.rejected'), color: 'error' };
  if (c.reviewSubmitted) return { text: t('commitments.review.submitted'), color: 'processing' };
  return { text: t('commitments.review.needed'), color: 'warning' };
}
