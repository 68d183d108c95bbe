import type { ReactNode } from 'react';
import { Space, Tag, Tooltip, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, ExclamationCircleFilled, PlusCircleFilled } from '@ant-design/icons';
import type { CoverageStatus, Segment } from '../../api/chains';
import type { Translate } from '../../i18n';

/**
 * Coverage colours: text on background at 4.5:1 or more (axe), and each status has its own icon and name, so it
 * reads without colour.
 */
export const STATUS_STYLE: Record<CoverageStatus, { text: string; background: string; border: string }> = {
  present: { text: '#237804', background: '#f6ffed', border: '#95de64' },
  weak: { text: '#874d00', background: '#fffbe6', border: '#ffd666' },
  gap: { text: '#a8071a', background: '#fff1f0', border: '#ff7875' },
  extend: { text: '#531dab', background: '#f9f0ff', border: '#b37feb' },
};

export const COVERAGE_STATUSES = ['present', 'weak', 'gap', 'extend'] as const satisfies readonly CoverageStatus[];

const STATUS_ICON: Record<CoverageStatus, ReactNode> = {
  present: <CheckCircleFilled aria-hidden />,
  weak: <ExclamationCircleFilled aria-hidden />,
  gap: <CloseCircleFilled aria-hidden />,
  extend: <PlusCircleFilled aria-hidden />,
};

export function statusName(t: Translate, status: CoverageStatus): string {
  return t(`chains.status.${status}`);
}

export function segmentName(t: Translate, segment: Segment): string {
  return t(`chains.segment.${segment}`);
}

/** The status as icon and name, in its colour. */
export function StatusLabel({ t, status }: { t: Translate; status: CoverageStatus }) {
  return (
    <span style={{ color: STATUS_STYLE[status].text, whiteSpace: 'nowrap' }} data-testid="coverage-status" data-status={status}>
      {STATUS_ICON[status]} {statusName(t, status)}
    </span>
  );
}

export function StatusTag({ t, status }: { t: Translate; status: CoverageStatus }) {
  const s = STATUS_STYLE[status];
  return (
    <Tag style={{ color: s.text, background: s.background, borderColor: s.border }} data-testid="coverage-tag" data-status={status}>
      {STATUS_ICON[status]} {statusName(t, status)}
    </Tag>
  );
}

/** The four statuses with what each means. */
export function CoverageLegend({ t, weakBelow }: { t: Translate; weakBelow: number }) {
  return (
    <Space size={[12, 4]} wrap data-testid="coverage-legend">
      {COVERAGE_STATUSES.map((s) => (
        <Tooltip key={s} title={t(`chains.statusHint.${s}`, { n: weakBelow })}>
          <span tabIndex={0}>
            <StatusTag t={t} status={s} />
          </span>
        </Tooltip>
      ))}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('chains.legendHint')}
      </Typography.Text>
    </Space>
  );
}
