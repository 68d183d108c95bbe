import { Card, Empty, Space, Typography } from 'antd';
import { FUNNEL_STEPS, type FunnelFigures } from '../../../api/chain-roadmap';
import { EChart } from '../../../components/charts/EChart';
import { useI18n, type MessageKey, type Translate } from '../../../i18n';
import { buildFunnelOption, type FunnelBar } from './charts';

export function stepName(t: Translate, step: (typeof FUNNEL_STEPS)[number]): string {
  return t(`dashboard.step.${step}` as MessageKey);
}

function toBars(t: Translate, figures: FunnelFigures): FunnelBar[] {
  return FUNNEL_STEPS.map((step) => ({ label: stepName(t, step), count: figures.cohort[step], pct: step === 'claimed' ? null : figures.conversionPct[step] }));
}

/** 转化漏斗: of the targets claimed in the period, how many reached each step, with the conversion from the step before. */
export function FunnelCard({ figures, period, loading }: { figures: FunnelFigures | undefined; period: string; loading: boolean }) {
  const { t } = useI18n();
  const bars = figures ? toBars(t, figures) : [];
  const pctLabel = (pct: number) => t('dashboard.conversion', { pct: pct.toFixed(pct % 1 === 0 ? 0 : 1) });
  const empty = !!figures && figures.cohort.claimed === 0;
  return (
    <Card size="small" title={t('dashboard.funnel.title')} extra={<Typography.Text type="secondary">{period}</Typography.Text>} loading={loading} data-testid="dashboard-funnel">
      {empty && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboard.funnel.empty')} />}
      {figures && !empty && (
        <Space direction="vertical" size={4} style={{ width: '100%' }}>
          <div role="img" aria-label={bars.map((b) => `${b.label} ${b.count}`).join('，')}>
            <EChart option={buildFunnelOption(bars, pctLabel)} height={240} testId="funnel-chart" />
          </div>
          <Typography.Text type="secondary" data-testid="funnel-steps">
            {bars.map((b) => (b.pct === null ? `${b.label} ${b.count}` : `${b.label} ${b.count}（${pctLabel(b.pct)}）`)).join(' → ')}
          </Typography.Text>
          <Typography.Text type="secondary">{t('dashboard.funnel.hint')}</Typography.Text>
        </Space>
      )}
    </Card>
  );
}
