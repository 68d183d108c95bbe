/** 在线对接与投诉 labels: kind, stage, subtype, spam reasons, and the clock tag (due / overdue in working days). */
import { Space, Tag, Typography } from 'antd';
import type { InquiryClock, InquiryKind, InquiryStage } from '../../api/inquiries';
import type { Translate } from '../../i18n';

/** dark tag colours: white text meets 4.5:1 */
const STAGE_COLOR: Record<InquiryStage, string> = { received: '#0958d9', accepted: '#ad4e00', answered: '#237804', closed: '#595959' };
const KIND_COLOR: Record<InquiryKind, string> = { inquiry: '#1d39c4', complaint: '#a8071a' };
const OVERDUE_COLOR = '#a8071a';

const TYPES = ['projectInterest', 'resourceInterest', 'policyQuestion', 'general', 'departmentAction', 'brokenPromise', 'other'] as const;
type KnownType = (typeof TYPES)[number];

export function typeName(t: Translate, type: string): string {
  return (TYPES as readonly string[]).includes(type) ? t(`inquiries.type.${type as KnownType}`) : type;
}

export function KindTag({ t, kind }: { t: Translate; kind: InquiryKind }) {
  return <Tag color={KIND_COLOR[kind]}>{t(`inquiries.kind.${kind}`)}</Tag>;
}

export function StageTag({ t, stage }: { t: Translate; stage: InquiryStage }) {
  return (
    <Tag color={STAGE_COLOR[stage]} data-testid="inquiry-stage">
      {t(`inquiries.stage.${stage}`)}
    </Tag>
  );
}

/** Flags beside the stage: spam, duplicate, escalated, converted. */
export function FlagTags({ t, item }: { t: Translate; item: { spamReasons: string[]; escalationLevel: number; converted?: boolean; duplicate?: boolean } }) {
  return (
    <>
      {item.spamReasons.length > 0 && <Tag color="#ad4e00">{t('inquiries.flag.spam')}</Tag>}
      {item.duplicate && <Tag>{t('inquiries.flag.duplicate')}</Tag>}
      {item.escalationLevel > 0 && <Tag color={OVERDUE_COLOR}>{t('inquiries.flag.escalated', { n: item.escalationLevel })}</Tag>}
      {item.converted && <Tag color="#237804">{t('inquiries.flag.converted')}</Tag>}
    </>
  );
}

/** The next due day and what is due, with the working days left or late; closed items show whether they were on time. */
export function ClockText({ t, clock, closedOn }: { t: Translate; clock: InquiryClock; closedOn: string | null }) {
  if (clock.nextDueOn === null || clock.workingDaysLeft === null) {
    return (
      <Space size={4} wrap>
        <span>{closedOn ? t('inquiries.clock.closedOn', { date: closedOn }) : '—'}</span>
        {clock.overdue && <Tag color={OVERDUE_COLOR}>{t('inquiries.clock.closedLate')}</Tag>}
      </Space>
    );
  }
  const what = clock.nextDue === 'firstResponse' ? t('inquiries.clock.firstResponse') : t('inquiries.clock.close');
  const left = clock.workingDaysLeft;
  return (
    <Space size={4} wrap data-testid="inquiry-clock">
      <span>
        {what} {clock.nextDueOn}
      </span>
      {clock.overdue ? (
        <Tag color={OVERDUE_COLOR}>{left < 0 ? t('inquiries.clock.overdue', { n: -left }) : t('inquiries.clock.overdueNow')}</Tag>
      ) : left === 0 ? (
        <Tag color="#ad4e00">{t('inquiries.clock.dueToday')}</Tag>
      ) : (
        <Typography.Text type="secondary">{t('inquiries.clock.left', { n: left })}</Typography.Text>
      )}
    </Space>
  );
}
