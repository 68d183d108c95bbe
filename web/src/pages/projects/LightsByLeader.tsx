import { useState } from 'react';
import { Card, Empty, Space, Table, Typography } from 'antd';
import { PageContainer } from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { settingsApi, type LeaderLights } from '../../api/settings';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { useI18n } from '../../i18n';
import { LIGHT_TEXT } from '../../theme';

const RED = '#f5222d';
const YELLOW = '#faad14';

function listLink(row: LeaderLights, light: 'red' | 'yellow' | undefined, regionCode: string | undefined): string {
  const params = new URLSearchParams();
  if (row.leaderId) params.set('leaderId', row.leaderId);
  if (light) params.set('light', light);
  if (regionCode) params.set('regionCode', regionCode);
  return `/projects?${params.toString()}`;
}

/** A bar of red and yellow within the leader's projects (ECharts is not installed). */
function Bar({ row, max }: { row: LeaderLights; max: number }) {
  const width = (n: number) => `${max ? (n / max) * 100 : 0}%`;
  return (
    <div style={{ display: 'flex', height: 12, background: '#f5f5f5', borderRadius: 2, overflow: 'hidden', minWidth: 160 }} aria-hidden>
      <div style={{ width: width(row.red), background: RED }} />
      <div style={{ width: width(row.yellow), background: YELLOW }} />
    </div>
  );
}

/** 红黄灯 by 包联领导: how many of each leader's projects are red or yellow, each number a link to the list. */
export default function LightsByLeader() {
  const { t } = useI18n();
  const [regionCode, setRegionCode] = useState<string | undefined>(undefined);
  const { data = [], isLoading } = useQuery({ queryKey: ['lights-by-leader', regionCode], queryFn: () => settingsApi.lightsByLeader(regionCode) });
  const rows = [...data].sort((a, b) => b.red - a.red || b.yellow - a.yellow || b.total - a.total);
  const max = Math.max(0, ...rows.map((r) => r.red + r.yellow));
  const count = (row: LeaderLights, light: 'red' | 'yellow', color: string) => {
    const n = row[light];
    if (!n) return <Typography.Text type="secondary">0</Typography.Text>;
    return (
      <Link to={listLink(row, light, regionCode)} data-testid={`lights-${light}`}>
        <Typography.Text strong style={{ color, fontSize: 16 }}>
          {n}
        </Typography.Text>
      </Link>
    );
  };

  return (
    <PageContainer title={t('lights.title')}>
      <Card>
        <Space style={{ marginBottom: 16 }} wrap>
          <span>{t('lights.region')}</span>
          <div style={{ width: 260 }}>
            <RegionTreeSelect aria-label={t('lights.region')} value={regionCode} onChange={(v: string | undefined) => setRegionCode(v ?? undefined)} />
          </div>
          <Typography.Text type="secondary">{t('lights.hint')}</Typography.Text>
        </Space>
        <Table<LeaderLights>
          data-testid="lights-table"
          rowKey={(r) => r.leaderId ?? 'none'}
          size="middle"
          loading={isLoading}
          dataSource={rows}
          pagination={false}
          locale={{ emptyText: <Empty description={t('lights.empty')} /> }}
          columns={[
            {
              title: t('lights.leader'),
              dataIndex: 'leaderName',
              render: (_: unknown, r) =>
                r.leaderId ? r.leaderName : <Typography.Text type="secondary">{r.leaderName}</Typography.Text>,
            },
            { title: <span style={{ color: LIGHT_TEXT.red }}>● {t('lights.red')}</span>, dataIndex: 'red', width: 100, align: 'right', render: (_: unknown, r) => count(r, 'red', LIGHT_TEXT.red) },
            { title: <span style={{ color: LIGHT_TEXT.yellow }}>● {t('lights.yellow')}</span>, dataIndex: 'yellow', width: 100, align: 'right', render: (_: unknown, r) => count(r, 'yellow', LIGHT_TEXT.yellow) },
            {
              title: t('lights.total'),
              dataIndex: 'total',
              responsive: ['sm'],
              width: 100,
              align: 'right',
              render: (_: unknown, r) => <Link to={listLink(r, undefined, regionCode)}>{r.total}</Link>,
            },
            {
              title: t('lights.share'),
              key: 'bar',
              responsive: ['md'],
              width: 320,
              render: (_: unknown, r) => (
                <Space>
                  <Bar row={r} max={max} />
                  <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
                    {r.total ? `${Math.round(((r.red + r.yellow) / r.total) * 100)}%` : '—'}
                  </Typography.Text>
                </Space>
              ),
            },
          ]}
        />
      </Card>
    </PageContainer>
  );
}
