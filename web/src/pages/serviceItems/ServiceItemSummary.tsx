import { useState } from 'react';
import { Card, Empty, Table, Typography } from 'antd';
import { PageContainer } from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import { projectsApi, type ServiceSummary } from '../../api/projects';
import { useMe } from '../../auth/session';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { useI18n } from '../../i18n';

type Row = ServiceSummary['items'][number];

/** 帮办代办统计: open, overdue and closed service items per sub-region or park. */
export default function ServiceItemSummary() {
  const me = useMe();
  const { t } = useI18n();
  const [regionCode, setRegionCode] = useState<string>(me.regionCode);
  const { data, isLoading } = useQuery({ queryKey: ['service-summary', regionCode], queryFn: () => projectsApi.serviceSummary(regionCode) });
  const rows = data?.items ?? [];
  const sum = (k: 'open' | 'overdue' | 'closed' | 'closedLate') => rows.reduce((s, r) => s + r[k], 0);

  return (
    <PageContainer title={t('service.summaryTitle')}>
      <Card>
        <div style={{ marginBottom: 16, display: 'flex', alignItems: 'center', gap: 8 }}>
          <span>{t('service.summaryRegion')}：</span>
          <RegionTreeSelect value={regionCode} onChange={(v) => setRegionCode(v ?? me.regionCode)} allowClear={false} style={{ width: 320 }} />
        </div>
        <Table<Row>
          rowKey="code"
          size="middle"
          loading={isLoading}
          dataSource={rows}
          pagination={false}
          data-testid="service-summary"
          locale={{ emptyText: <Empty description={t('service.summaryEmpty')} /> }}
          onRow={(r) => (r.overdue > 0 ? { style: { background: '#fff1f0' } } : {})}
          columns={[
            { title: t('service.summaryName'), dataIndex: 'name', render: (v: string, r) => <span title={r.code}>{v}</span> },
            { title: t('service.summaryOpen'), dataIndex: 'open', align: 'right' },
            {
              title: t('service.summaryOverdue'),
              dataIndex: 'overdue',
              align: 'right',
              render: (v: number) => (v > 0 ? <Typography.Text type="danger" strong>{v}</Typography.Text> : v),
            },
            { title: t('service.summaryClosed'), dataIndex: 'closed', align: 'right' },
            {
              title: t('service.summaryClosedLate'),
              dataIndex: 'closedLate',
              align: 'right',
              render: (v: number) => (v > 0 ? <Typography.Text type="warning">{v}</Typography.Text> : v),
            },
          ]}
          summary={() =>
            rows.length ? (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>
                  <Typography.Text strong>{`${t('common.total')}（${data?.regionName ?? ''}）`}</Typography.Text>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right">{sum('open')}</Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right">
                  <Typography.Text type={sum('overdue') > 0 ? 'danger' : undefined} strong>{sum('overdue')}</Typography.Text>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={3} align="right">{sum('closed')}</Table.Summary.Cell>
                <Table.Summary.Cell index={4} align="right">{sum('closedLate')}</Table.Summary.Cell>
              </Table.Summary.Row>
            ) : null
          }
        />
      </Card>
    </PageContainer>
  );
}
