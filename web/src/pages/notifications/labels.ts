/** The notification kinds' names and colours (a new clock adds its kind here, see docs/aftercare.md). */
import type { MessageKey, Translate } from '../../i18n';

// dark tag colours: white text on them meets 4.5:1 (axe)
const RED = '#a8071a';
const ORANGE = '#ad4e00';
const AMBER = '#7c4a03';
const BLUE = '#0958d9';

const KINDS: Record<string, { label: MessageKey; color: string }> = {
  redLight: { label: 'notifications.kind.redLight', color: RED },
  problemOverdue: { label: 'notifications.kind.problemOverdue', color: ORANGE },
  problemEscalated: { label: 'notifications.kind.problemEscalated', color: RED },
  serviceItemOverdue: { label: 'notifications.kind.serviceItemOverdue', color: ORANGE },
  serviceItemEscalated: { label: 'notifications.kind.serviceItemEscalated', color: RED },
  followUpDue: { label: 'notifications.kind.followUpDue', color: AMBER },
  followUpOverdue: { label: 'notifications.kind.followUpOverdue', color: ORANGE },
  returnDue: { label: 'notifications.kind.returnDue', color: AMBER },
  returnLate: { label: 'notifications.kind.returnLate', color: ORANGE },
  returnToReview: { label: 'notifications.kind.returnToReview', color: BLUE },
  tripReportDue: { label: 'notifications.kind.tripReportDue', color: AMBER },
  tripReportOverdue: { label: 'notifications.kind.tripReportOverdue', color: ORANGE },
  inquiryOverdue: { label: 'notifications.kind.inquiryOverdue', color: ORANGE },
  inquiryEscalated: { label: 'notifications.kind.inquiryEscalated', color: RED },
  commitmentOverdue: { label: 'notifications.kind.commitmentOverdue', color: ORANGE },
  commitmentEscalated: { label: 'notifications.kind.commitmentEscalated', color: RED },
  commitmentEscalatedAbove: { label: 'notifications.kind.commitmentEscalatedAbove', color: RED },
  digest: { label: 'notifications.kind.digest', color: BLUE },
};

export const NOTIFICATION_KINDS = Object.keys(KINDS);

export function kindName(t: Translate, kind: string): string {
  const k = KINDS[kind];
  return k ? t(k.label) : kind;
}

export function kindColor(kind: string): string {
  return KINDS[kind]?.color ?? BLUE;
}
