import { Empty, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { evidenceApi, type Evidence } from '../../api/evidence';
import { projectsApi } from '../../api/projects';
import { can } from '../../access';
import { useMe } from '../../auth/session';
import { downloadFile } from '../../components/download';
import { formatTime } from '../../components/labels';
import { useI18n } from '../../i18n';
import { EvidenceUpload, formatBytes } from './EvidenceUpload';

/** 佐证材料: contracts, permits and bank receipts of a project; upload and download. */
export function EvidenceTab({ projectId }: { projectId: string }) {
  const { t } = useI18n();
  const me = useMe();
  const canUpload = can(me, 'evidence.upload');
  const { data = [], isLoading, refetch } = useQuery({ queryKey: ['evidence', projectId], queryFn: () => evidenceApi.list(projectId) });
  const { data: receipts = [] } = useQuery({ queryKey: ['receipts', projectId], queryFn: () => projectsApi.receipts(projectId) });
  const monthOf = new Map(receipts.map((r) => [r.id, r.month]));

  return (
    <div data-testid="evidence-tab">
      {canUpload && (
        <div style={{ marginBottom: 12 }}>
          <EvidenceUpload projectId={projectId} onUploaded={() => void refetch()} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('evidence.hint')}
          </Typography.Text>
        </div>
      )}
      <Table<Evidence>
        rowKey="id"
        size="small"
        loading={isLoading}
        dataSource={[...data].sort((a, b) => b.uploadedAt.localeCompare(a.uploadedAt))}
        pagination={false}
        locale={{ emptyText: <Empty description={canUpload ? t('evidence.emptyCanUpload') : t('evidence.empty')} /> }}
        columns={[
          { title: t('evidence.kind'), dataIndex: 'kind', width: 100, render: (_: unknown, e) => <Tag>{t(`evidence.kind.${e.kind}`)}</Tag> },
          {
            title: t('evidence.fileName'),
            dataIndex: 'fileName',
            render: (_: unknown, e) => (
              <Typography.Link onClick={() => void downloadFile(evidenceApi.downloadUrl(e.id), e.fileName)}>{e.fileName}</Typography.Link>
            ),
          },
          {
            title: t('evidence.receipt'),
            dataIndex: 'fundReceiptId',
            width: 120,
            render: (_: unknown, e) => (e.fundReceiptId ? (monthOf.get(e.fundReceiptId) ?? t('evidence.receiptGone')) : '—'),
          },
          { title: t('evidence.size'), dataIndex: 'sizeBytes', width: 100, align: 'right', render: (_: unknown, e) => formatBytes(e.sizeBytes) },
          {
            title: t('evidence.uploadedBy'),
            dataIndex: 'uploadedAt',
            width: 220,
            render: (_: unknown, e) => `${e.uploadedByName ?? '—'} · ${formatTime(e.uploadedAt)}`,
          },
        ]}
      />
    </div>
  );
}
