import { Empty, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { evidenceApi, type HistoryEntry } from '../../api/evidence';
import { formatTime } from '../../components/labels';
import { useI18n } from '../../i18n';
import { BeforeAfter } from '../audit/AuditDetail';
import { actionLabel, objectTypeLabel } from '../audit/actions';

/** 变更记录: every audited change to the project and its receipts, problems, service items and evidence. */
export function HistoryTab({ projectId }: { projectId: string }) {
  const { t, lang } = useI18n();
  const { data = [], isLoading } = useQuery({ queryKey: ['project-history', projectId], queryFn: () => evidenceApi.history(projectId) });
  return (
    <Table<HistoryEntry>
      data-testid="history-tab"
      rowKey="id"
      size="small"
      loading={isLoading}
      dataSource={data}
      pagination={data.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      locale={{ emptyText: <Empty description={t('history.empty')} /> }}
      expandable={{
        expandedRowRender: (e) => <BeforeAfter before={e.before} after={e.after} />,
        rowExpandable: (e) => e.before != null || e.after != null,
      }}
      columns={[
        { title: t('audit.at'), dataIndex: 'at', width: 160, render: (_: unknown, e) => formatTime(e.at) },
        { title: t('audit.actor'), dataIndex: 'actorUsername', width: 120, render: (_: unknown, e) => e.actorUsername ?? '—' },
        { title: t('audit.action'), dataIndex: 'action', width: 150, render: (_: unknown, e) => actionLabel(e.action, lang) },
        { title: t('audit.objectType'), dataIndex: 'objectType', width: 110, render: (_: unknown, e) => objectTypeLabel(e.objectType, lang) },
        {
          title: t('audit.reason'),
          dataIndex: 'reason',
          render: (_: unknown, e) => (e.reason ? e.reason : <Typography.Text type="secondary">—</Typography.Text>),
        },
      ]}
    />
  );
}
