import { Card, Empty, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { targetsApi } from '../../../api/targets';
import { EChart } from '../../../components/charts/EChart';
import { useI18n } from '../../../i18n';
import { buildPrecisionOption } from './charts';

/** 评分与回测: where the scoring weights come from, and precision@10 of the fitted weights beside the defaults and two baselines. */
export function BacktestCard() {
  const { t } = useI18n();
  const q = useQuery({ queryKey: ['targets', 'weights'], queryFn: () => targetsApi.weights() });
  const data = q.data;
  const at10 = data?.backtest?.precision.at10 ?? null;
  const bars = at10
    ? [
        { label: t('dashboard.backtest.fitted'), pct: at10.fitted },
        { label: t('dashboard.backtest.defaults'), pct: at10.defaults },
        { label: t('dashboard.backtest.capital'), pct: at10.capital },
        { label: t('dashboard.backtest.random'), pct: at10.random },
      ]
    : [];
  return (
    <Card
      size="small"
      title={t('dashboard.backtest.title')}
      loading={q.isLoading}
      data-testid="dashboard-backtest"
      extra={data && <Tag color={data.source === 'fitted' ? 'green' : 'default'} data-testid="weights-source">{data.source === 'fitted' ? t('dashboard.backtest.sourceFitted') : t('dashboard.backtest.sourceDefault')}</Tag>}
    >
      {data && !data.backtest && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboard.backtest.none')} />}
      {data?.backtest && (
        <Space direction="vertical" size={4} style={{ width: '100%' }}>
          <div role="img" aria-label={bars.map((b) => `${b.label} ${b.pct ?? '—'}%`).join('，')}>
            <EChart option={buildPrecisionOption(bars)} height={200} testId="backtest-chart" />
          </div>
          <Typography.Text type="secondary" data-testid="backtest-explain">
            {t('dashboard.backtest.explain', { cutoff: data.backtest.cutoff.slice(0, 10), test: data.backtest.test.examples, positives: data.backtest.test.positives })}
          </Typography.Text>
        </Space>
      )}
    </Card>
  );
}
