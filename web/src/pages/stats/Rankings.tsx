import { useState } from 'react';
import { Alert, Card, DatePicker, Segmented, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PageContainer } from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { Link } from 'react-router-dom';
import { RANKING_METRICS, statsApi, type RankCell, type RankingItem, type Rankings as RankingsData, type RankingMetric, type RankingPeriod } from '../../api/stats';
import { useMe } from '../../auth/session';
import { EChart } from '../../components/charts/EChart';
import { horizontalFundsOption } from '../../components/charts/options';
import { formatTableWan } from '../../components/money';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { usePhone } from '../../components/responsive';
import { formatPct, lastCompleteMonth, rangeLabel } from '../../components/stats';
import { useI18n, type MessageKey, type Translate } from '../../i18n';

const METRIC_TITLES: Record<RankingMetric, MessageKey> = {
  funds: 'stats.funds',
  yoy: 'rankings.yoy',
  completion: 'stats.completion',
  signedAmount: 'stats.signedAmount',
  startRate: 'stats.startRate',
};

const AMOUNT_METRICS: readonly RankingMetric[] = ['funds', 'signedAmount'];

/** ↑2 (moved up), ↓1 (moved down), — (unchanged or no previous rank). */
export function RankChange({ change }: { change: number | null }) {
  if (change === null || change === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return change > 0 ? <span style={{ color: '#cf1322' }}>↑{change}</span> : <span style={{ color: '#389e0d' }}>↓{-change}</span>;
}

function metricValue(metric: RankingMetric, cell: RankCell): string {
  if (AMOUNT_METRICS.includes(metric)) return formatTableWan(cell.value, '—');
  return formatPct(cell.value);
}

/** On a phone the region column stays pinned but narrow, so the metrics scroll beside it. */
function columns(t: Translate, unranked: RankingsData['unranked'] | undefined, phone: boolean): ColumnsType<RankingItem> {
  return [
    { title: t('stats.subRegion'), dataIndex: 'name', fixed: 'left', width: phone ? 110 : 230 },
    ...RANKING_METRICS.map((metric) => ({
      title: t(METRIC_TITLES[metric]),
      key: metric,
      children: [
        {
          title: t('rankings.value'),
          key: `${metric}-value`,
          width: AMOUNT_METRICS.includes(metric) ? 130 : 95,
          align: 'right' as const,
          render: (_: unknown, r: RankingItem) => metricValue(metric, r.metrics[metric]),
        },
        {
          title: t('rankings.rank'),
          key: `${metric}-rank`,
          width: 60,
          align: 'center' as const,
          sorter: (a: RankingItem, b: RankingItem) => (a.metrics[metric].rank ?? 1e9) - (b.metrics[metric].rank ?? 1e9),
          render: (_: unknown, r: RankingItem) => (unranked?.[metric] ? <Typography.Text type="secondary">{t('rankings.notRanked')}</Typography.Text> : (r.metrics[metric].rank ?? '—')),
        },
        {
          title: t('rankings.change'),
          key: `${metric}-change`,
          width: 60,
          align: 'center' as const,
          render: (_: unknown, r: RankingItem) => <RankChange change={r.metrics[metric].change} />,
        },
      ],
    })),
  ];
}

/** 赛马榜: sub-regions ranked per metric for a month, quarter or year to date, with the change since the previous period. */
export default function Rankings() {
  const me = useMe();
  const { t } = useI18n();
  const phone = usePhone();
  const [region, setRegion] = useState(me.regionCode);
  const [period, setPeriod] = useState<RankingPeriod>('month');
  const [to, setTo] = useState(lastCompleteMonth);
  const { data, isLoading } = useQuery({ queryKey: ['rankings', region, period, to], queryFn: () => statsApi.rankings(region, period, to) });
  const items = [...(data?.items ?? [])].sort((a, b) => (a.metrics.funds.rank ?? 1e9) - (b.metrics.funds.rank ?? 1e9));
  // one sub-region, no data or all zeros: the page says so instead of ranking (messages from the server, deduplicated)
  const notes = [...new Set(RANKING_METRICS.flatMap((m) => (data?.unranked[m] ? [data.unranked[m].message] : [])))];
  const bars = items.map((i) => ({ name: i.name, fundsYuan: i.metrics.funds.value ?? 0 }));

  return (
    <PageContainer
      title={t('rankings.title')}
      subTitle={data ? `${data.regionName} · ${rangeLabel(data.current)}（${t('rankings.previous')} ${rangeLabel(data.previous)}）` : undefined}
    >
      <Card size="small" style={{ marginBottom: 16 }}>
        <Space wrap size={16}>
          <Space>
            <span>{t('stats.region')}</span>
            <div style={{ width: 260 }}>
              <RegionTreeSelect value={region} allowClear={false} onChange={(v) => v && setRegion(v)} />
            </div>
          </Space>
          <Segmented<RankingPeriod>
            data-testid="rankings-period"
            value={period}
            onChange={setPeriod}
            options={[
              { value: 'month', label: t('rankings.month') },
              { value: 'quarter', label: t('rankings.quarter') },
              { value: 'year', label: t('rankings.year') },
            ]}
          />
          <Space>
            <span>{t('rankings.to')}</span>
            <DatePicker
              picker="month"
              allowClear={false}
              value={dayjs(`${to}-01`)}
              disabledDate={(d) => d.isAfter(dayjs(), 'month')}
              onChange={(d) => d && setTo(d.format('YYYY-MM'))}
            />
          </Space>
          <Typography.Text type="secondary">{t('rankings.hint')}</Typography.Text>
        </Space>
      </Card>
      {notes.length > 0 && (
        <Alert
          data-testid="rankings-unranked"
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          message={t('rankings.unrankedTitle')}
          description={
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {notes.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          }
        />
      )}
      <Card size="small" style={{ marginBottom: 16 }}>
        <Table<RankingItem>
          data-testid="rankings-table"
          size="small"
          bordered
          rowKey="code"
          loading={isLoading}
          dataSource={items}
          columns={columns(t, data?.unranked, phone)}
          pagination={false}
          scroll={{ x: 1500 }}
          locale={{ emptyText: t('rankings.empty') }}
        />
      </Card>
      <Card title={t('rankings.fundsChart')} size="small" extra={<Link to="/stats">{t('menu.stats')}</Link>}>
        <EChart
          testId="chart-rankings"
          empty={!isLoading && bars.every((b) => b.fundsYuan === 0)}
          emptyText={t('stats.noData')}
          option={horizontalFundsOption(bars, t('stats.funds'))}
          height={Math.max(240, bars.length * 32 + 40)}
        />
      </Card>
    </PageContainer>
  );
}
