import { Space, Tag, Typography } from 'antd';
import type { Clause } from '../../api/commitments';
import type { Translate } from '../../i18n';
import { describeTrigger, reviewState } from './labels';

/** The clause's number, title, type and (while a draft) its agreement and review state. */
export function ClauseHeading({ t, c }: { t: Translate; c: Clause }) {
  const review = reviewState(t, c);
  return (
    <Space direction="vertical" size={2}>
      <span>
        {c.clauseNo && <Typography.Text type="secondary">{c.clauseNo} </Typography.Text>}
        <strong>{c.title}</strong>
      </span>
      <Space size={4} wrap>
        <Tag>{t(`commitments.type.${c.type}`)}</Tag>
        {c.agreement === 'draft' && <Tag color="default">{t('commitments.draft')}</Tag>}
        {review && c.agreement === 'draft' && <Tag color={review.color}>{review.text}</Tag>}
      </Space>
    </Space>
  );
}

/** The trigger and the resolved due date; overdue clauses show their working days overdue. */
export function DueCell({ t, c }: { t: Translate; c: Clause }) {
  return (
    <Space direction="vertical" size={0}>
      <span>{c.dueDate ?? t('commitments.notTriggered')}</span>
      {c.trigger.kind !== 'date' && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{describeTrigger(t, c)}</Typography.Text>}
      {c.daysOverdue > 0 && <Typography.Text type="danger" style={{ fontSize: 12 }}>{t('commitments.daysOverdue', { n: c.daysOverdue })}</Typography.Text>}
    </Space>
  );
}
