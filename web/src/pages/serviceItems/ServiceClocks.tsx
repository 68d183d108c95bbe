import { Alert, Card, Segmented, Space, Table, Typography } from 'antd';
import { PageContainer } from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { serviceClocksApi, type ServiceClockStats } from '../../api/service-clocks';
import { useMe } from '../../auth/session';
import { EChart } from '../../components/charts/EChart';
import type { EChartsOption } from '../../components/charts/types';
import { MonthRangePicker } from '../../components/MonthRangePicker';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { formatPct, rangeLabel } from '../../components/stats';
import { usePeriodParams } from '../../components/usePeriodParams';
import { useI18n, type Translate } from '../../i18n';

type Figures = ServiceClockStats['totals'];
type Row = Figures & { key: string; name: string };

const days = (v: number | null) => (v === null ? '—' : String(v));

function figureColumns(t: Translate, nameTitle: string) {
  return [
    { title: nameTitle, dataIndex: 'name', key: 'name', fixed: 'left' as const, width: 120 },
    { title: t('clock.opened'), dataIndex: 'opened', key: 'opened', align: 'right' as const },
    { title: t('clock.projects'), dataIndex: 'projects', key: 'projects', align: 'right' as const },
    { title: t('clock.closed'), dataIndex: 'closed', key: 'closed', align: 'right' as const },
    { title: t('clock.closedOnTime'), dataIndex: 'closedOnTime', key: 'closedOnTime', align: 'right' as const },
    { title: t('clock.onTimeRate'), dataIndex: 'onTimeRatePct', key: 'onTimeRatePct', align: 'right' as const, render: (v: number | null) => formatPct(v) },
    { title: t('clock.median'), dataIndex: 'medianDays', key: 'medianDays', align: 'right' as const, render: days },
    { title: t('clock.p90'), dataIndex: 'p90Days', key: 'p90Days', align: 'right' as const, render: days },
    {
      title: t('clock.openPastDue'),
      dataIndex: 'openPastDue',
      key: 'openPastDue',
      align: 'right' as const,
      render: (v: number) => (v > 0 ? <Typography.Text type="danger" strong>{v}</Typography.Text> : v),
    },
  ];
}

/** Opened and closed as bars, the on-time rate as a line on its own axis (%). */
function trendOption(t: Translate, trend: ServiceClockStats['trend']): EChartsOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 40, right: 44, top: 36, bottom: 28 },
    xAxis: { type: 'category', data: trend.map((m) => m.month) },
    yAxis: [
      { type: 'value', name: t('clock.items'), minInterval: 1 },
      { type: 'value', name: '%', min: 0, max: 100 },
    ],
    series: [
      { name: t('clock.opened'), type: 'bar', data: trend.map((m) => m.opened) },
      { name: t('clock.closed'), type: 'bar', data: trend.map((m) => m.closed) },
      { name: t('clock.onTimeRate'), type: 'line', yAxisIndex: 1, connectNulls: false, data: trend.map((m) => m.onTimeRatePct) },
    ],
  };
}

/** 服务时钟: 帮办代办 of a region's subtree for a period — in total, per sub-region, per handler and per month. */
export default function ServiceClocks() {
  const me = useMe();
  const { t } = useI18n();
  const { region, range, set } = usePeriodParams(me.regionCode);
  const [by, setBy] = useState<'region' | 'handler' | 'month'>('region');
  const q = useQuery({ queryKey: ['service-clocks', region, range.from, range.to], queryFn: () => serviceClocksApi.stats({ region, from: range.from, to: range.to }) });
  const s = q.data;
  const rows: Row[] = !s
    ? []
    : by === 'region'
      ? s.byRegion.map((r) => ({ ...r, key: r.code }))
      : by === 'handler'
        ? s.byHandler.map((h) => ({ ...h, key: h.handler, name: h.handler }))
        : s.trend.map((m) => ({ ...m, key: m.month, name: m.month }));
  const nameTitle = by === 'region' ? t('clock.region') : by === 'handler' ? t('clock.handler') : t('clock.month');
  const empty = !!s && s.totals.opened + s.totals.closed + s.totals.openPastDue === 0;
  // the table scrolls sideways on a phone: its scrolling box takes the keyboard focus, named for the table
  const tableBox = useRef<HTMLDivElement>(null);
  useEffect(() => {
    tableBox.current?.querySelectorAll('.ant-table-content').forEach((el) => {
      el.setAttribute('tabindex', '0');
      el.setAttribute('role', 'region');
      el.setAttribute('aria-label', t('clock.tableLabel', { by: nameTitle }));
    });
  });
  const columns = figureColumns(t, nameTitle).map((c) =>
    c.key === 'name' && by === 'region'
      ? { ...c, render: (name: string, r: Row) => (r.key === region ? name : <Link to={`/service-items/clocks?region=${r.key}&from=${range.from}&to=${range.to}`}>{name}</Link>) }
      : c,
  );

  return (
    <PageContainer title={t('clock.title')} subTitle={s ? `${s.regionName} · ${rangeLabel(range)}` : rangeLabel(range)} extra={[<Link key="summary" to="/service-items">{t('menu.serviceItems')}</Link>]}>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Space wrap size={16}>
          <Space>
            <span style={{ whiteSpace: 'nowrap' }}>{t('stats.region')}</span>
            <div style={{ width: 260, maxWidth: '60vw' }} data-testid="clock-region">
              <RegionTreeSelect value={region} allowClear={false} onChange={(v) => v && set({ region: v })} />
            </div>
          </Space>
          <Space>
            <span style={{ whiteSpace: 'nowrap' }}>{t('stats.period')}</span>
            <MonthRangePicker value={range} onChange={(r) => set({ range: r })} />
          </Space>
        </Space>
      </Card>
      {q.isError && <Alert type="error" showIcon message={q.error instanceof Error ? q.error.message : t('stats.loadFailed')} style={{ marginBottom: 16 }} />}
      <Card size="small" title={t('clock.totals')} style={{ marginBottom: 16 }} loading={q.isLoading}>
        {s && (
          <div className="clock-figures" data-testid="clock-totals" style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(max(140px, 22%), 1fr))', gap: 12 }}>
            {(
              [
                ['clock.opened', String(s.totals.opened)],
                ['clock.projects', String(s.totals.projects)],
                ['clock.closed', String(s.totals.closed)],
                ['clock.closedOnTime', String(s.totals.closedOnTime)],
                ['clock.onTimeRate', formatPct(s.totals.onTimeRatePct)],
                ['clock.median', days(s.totals.medianDays)],
                ['clock.p90', days(s.totals.p90Days)],
                ['clock.openPastDue', String(s.totals.openPastDue)],
              ] as const
            ).map(([key, value]) => (
              <div key={key}>
                <Typography.Text type="secondary">{t(key)}</Typography.Text>
                <div style={{ fontSize: 22, fontWeight: 600, color: key === 'clock.openPastDue' && s.totals.openPastDue > 0 ? '#c8102e' : undefined }}>{value}</div>
              </div>
            ))}
          </div>
        )}
        {s && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
            {t('clock.definitions', { asOf: s.asOf })}
          </Typography.Paragraph>
        )}
      </Card>
      <Card size="small" title={t('clock.trend')} style={{ marginBottom: 16 }}>
        <EChart testId="chart-service-trend" empty={!q.isLoading && (empty || !s)} emptyText={t('clock.empty')} option={s ? trendOption(t, s.trend) : {}} height={280} />
      </Card>
      <Card size="small">
        <div ref={tableBox}>
        <Segmented
          style={{ marginBottom: 12 }}
          value={by}
          onChange={(v) => setBy(v as typeof by)}
          options={[
            { value: 'region', label: t('clock.byRegion') },
            { value: 'handler', label: t('clock.byHandler') },
            { value: 'month', label: t('clock.byMonth') },
          ]}
        />
        <Table<Row>
          rowKey="key"
          size="small"
          data-testid="clock-table"
          loading={q.isLoading}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 760 }}
          columns={columns}
          locale={{ emptyText: t('clock.empty') }}
        />
        </div>
      </Card>
    </PageContainer>
  );
}
