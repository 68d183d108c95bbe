import { useEffect, useRef } from 'react';
import { Alert, Button, Descriptions, Empty, Popconfirm, Progress, Result, Space, Statistic, Steps, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, StopOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { showSuccess } from '../../api/client';
import type { RejectedRow } from '../../api/imports';
import { importJobsApi, isJobActive, type ImportJob, type ImportJobStatus } from '../../api/import-jobs';
import { downloadFile } from '../../components/download';
import { formatTime } from '../../components/labels';
import { useI18n, type MessageKey, type Translate } from '../../i18n';

const STATUS_COLORS: Record<ImportJobStatus, string> = {
  queued: 'default',
  running: 'processing',
  succeeded: 'success',
  failed: 'error',
  cancelled: 'warning',
};

export function JobStatusTag({ job }: { job: Pick<ImportJob, 'status' | 'dryRun' | 'cancelRequested'> }) {
  const { t } = useI18n();
  if (isJobActive(job) && job.cancelRequested) return <Tag color="warning">{t('entImport.status.cancelling')}</Tag>;
  return (
    <Space size={4}>
      <Tag color={STATUS_COLORS[job.status]} style={{ marginInlineEnd: 0 }}>
        {t(`entImport.status.${job.status}` as MessageKey)}
      </Tag>
      {job.dryRun && <Tag style={{ marginInlineEnd: 0 }}>{t('entImport.dryRunTag')}</Tag>}
    </Space>
  );
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024 / 1024 / 1024).toFixed(2)} GB`;
}

function currentStep(job: ImportJob): number {
  const phase = job.progress.phase;
  if (job.status === 'queued' || phase === 'queued') return 0;
  if (job.status === 'running') return phase === 'merging' ? 2 : 1;
  if (job.status === 'succeeded') return 3;
  // failed or cancelled: where it stopped (rows rejected while reading; otherwise while writing)
  if (!job.startedAt) return 0;
  return job.result?.counts || phase === 'merging' ? 2 : 1;
}

function phaseLine(t: Translate, job: ImportJob): { percent: number; text: string } {
  const p = job.progress;
  const fileBytes = p.fileBytes ?? job.fileBytes;
  if (job.status === 'queued' || p.phase === 'queued') return { percent: 0, text: t('entImport.phase.queued') };
  if (p.phase === 'merging') {
    const steps = p.steps ?? 0;
    const step = p.step ?? 0;
    return {
      percent: steps > 0 ? Math.min(99, Math.round((step / steps) * 100)) : 0,
      text: t('entImport.phase.merging', { rows: (p.rowsRead ?? 0).toLocaleString('zh-CN'), step, steps: steps || '—' }),
    };
  }
  const read = p.bytesRead ?? 0;
  return {
    percent: fileBytes > 0 ? Math.min(99, Math.round((read / fileBytes) * 100)) : 0,
    text: t('entImport.phase.reading', {
      rows: (p.rowsRead ?? 0).toLocaleString('zh-CN'),
      read: formatBytes(read),
      total: formatBytes(fileBytes),
      problems: p.problems ?? 0,
    }),
  };
}

function RejectedTable({ job }: { job: ImportJob }) {
  const { t } = useI18n();
  const rows = job.result?.rejected ?? [];
  const total = job.result?.rejectedTotal ?? rows.length;
  const base = job.fileName.replace(/\.[^.]+$/, '');
  return (
    <div data-testid="import-job-rejected">
      <Space style={{ marginBottom: 8, justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Text type="secondary">
          {total > rows.length ? t('entImport.rejectedMore', { shown: rows.length, total }) : t('entImport.rejectedAll', { total })}
        </Typography.Text>
        <Button icon={<DownloadOutlined />} onClick={() => void downloadFile(importJobsApi.rejectedUrl(job.id), `${base}-被拒绝的行.xlsx`)}>
          {t('entImport.downloadRejected')}
        </Button>
      </Space>
      <Table<RejectedRow>
        rowKey={(r) => `${r.sheet}-${r.row}-${r.column}-${r.reason}`}
        size="small"
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: <Empty description={t('imports.rejectedEmpty')} /> }}
        columns={[
          { title: t('imports.row'), dataIndex: 'row', width: 70, align: 'right' },
          { title: t('imports.column'), dataIndex: 'column', width: 160 },
          {
            title: t('imports.value'),
            dataIndex: 'value',
            width: 220,
            render: (v: string) => (v ? <Typography.Text code>{v}</Typography.Text> : <Typography.Text type="secondary">（空）</Typography.Text>),
          },
          { title: t('imports.reason'), dataIndex: 'reason', render: (v: string) => <Typography.Text type="danger">{v}</Typography.Text> },
        ]}
      />
    </div>
  );
}

function Counts({ job }: { job: ImportJob }) {
  const { t } = useI18n();
  const c = job.result?.counts;
  const items: { key: MessageKey; value: number | undefined; color?: string }[] = [
    { key: 'entImport.rows', value: job.result?.rows },
    { key: 'entImport.created', value: c?.created, color: c?.created ? '#389e0d' : undefined },
    { key: 'entImport.updated', value: c?.updated, color: c?.updated ? '#d48806' : undefined },
    { key: 'entImport.unchanged', value: c?.unchanged },
    { key: 'entImport.fieldChanges', value: c?.fieldChanges },
  ];
  return (
    <Space size={40} wrap data-testid="import-job-counts">
      {items.map((i) => (
        <Statistic
          key={i.key}
          title={t(i.key)}
          value={i.value ?? '—'}
          valueStyle={i.color ? { color: i.color } : undefined}
          groupSeparator=","
          data-testid={`import-count-${i.key.split('.')[1]}`}
        />
      ))}
    </Space>
  );
}

interface Props {
  jobId: string;
  /** Called once when the job reaches an end (to refresh the list of jobs). */
  onFinished?: (job: ImportJob) => void;
}

/** One import job: progress polled from the server (survives a reload), cancel, result, rejected rows. */
export function EnterpriseImportJob({ jobId, onFinished }: Props) {
  const { t } = useI18n();
  const client = useQueryClient();
  const { data: job, error, isLoading } = useQuery({
    queryKey: ['import-job', jobId],
    queryFn: () => importJobsApi.get(jobId),
    retry: false,
    refetchInterval: (q) => (q.state.data && isJobActive(q.state.data) ? 1000 : false),
  });
  const wasActive = useRef<boolean | null>(null);
  useEffect(() => {
    if (!job) return;
    const active = isJobActive(job);
    if (wasActive.current === true && !active) onFinished?.(job);
    wasActive.current = active;
  }, [job, onFinished]);

  if (isLoading) return <Progress percent={0} status="active" showInfo={false} />;
  if (error || !job) return <Alert type="error" showIcon message={error instanceof Error ? error.message : t('entImport.jobNotFound')} />;

  const active = isJobActive(job);
  const line = phaseLine(t, job);
  const rejectedTotal = job.result?.rejectedTotal ?? 0;
  const imported = job.result?.imported === true;

  return (
    <div data-testid="import-job" data-status={job.status}>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 3 }}
        style={{ marginBottom: 16 }}
        items={[
          { key: 'file', label: t('entImport.file'), children: `${job.fileName}（${formatBytes(job.fileBytes)}）` },
          { key: 'status', label: t('entImport.statusLabel'), children: <JobStatusTag job={job} /> },
          { key: 'source', label: t('entImport.source'), children: `${job.source} · ${job.sourceDate}` },
          { key: 'by', label: t('entImport.createdBy'), children: `${job.createdByName} · ${formatTime(job.createdAt)}` },
          { key: 'finished', label: t('entImport.finishedAt'), children: formatTime(job.finishedAt) },
        ]}
      />
      <Steps
        size="small"
        current={currentStep(job)}
        status={job.status === 'failed' ? 'error' : job.status === 'cancelled' ? 'error' : active ? 'process' : 'finish'}
        style={{ marginBottom: 16, maxWidth: 760 }}
        items={[
          { title: t('entImport.step.queued') },
          { title: t('entImport.step.reading') },
          { title: t('entImport.step.merging') },
          { title: t('entImport.step.done') },
        ]}
      />
      {active && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Progress percent={line.percent} status="active" data-testid="import-job-progress" style={{ maxWidth: 760 }} />
          <Typography.Text type="secondary">{job.cancelRequested ? t('entImport.cancelling') : line.text}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('entImport.leaveHint')}
          </Typography.Text>
          {!job.cancelRequested && (
            <Popconfirm
              title={t('entImport.cancelTitle')}
              description={t('entImport.cancelBody')}
              okText={t('entImport.cancel')}
              okButtonProps={{ danger: true }}
              cancelText={t('entImport.keepGoing')}
              onConfirm={async () => {
                const next = await importJobsApi.cancel(job.id);
                client.setQueryData(['import-job', job.id], next);
                showSuccess(next.status === 'cancelled' ? t('entImport.cancelled') : t('entImport.cancelRequested'));
              }}
            >
              <Button danger icon={<StopOutlined />}>
                {t('entImport.cancel')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      )}
      {job.status === 'succeeded' && (
        <Result
          style={{ padding: '16px 0' }}
          status={imported ? 'success' : 'info'}
          title={imported ? t('entImport.doneTitle') : t('entImport.dryRunDoneTitle')}
          subTitle={
            imported
              ? t('entImport.doneBody', { seconds: (job.result?.seconds?.reading ?? 0) + (job.result?.seconds?.merging ?? 0) })
              : t('entImport.dryRunDoneBody')
          }
        >
          <Counts job={job} />
        </Result>
      )}
      {job.status === 'failed' && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Alert
            type="error"
            showIcon
            message={job.error ?? t('entImport.failed')}
            description={rejectedTotal > 0 ? t('entImport.failedRejectedHint') : t('entImport.failedHint')}
          />
          {rejectedTotal > 0 && <RejectedTable job={job} />}
        </Space>
      )}
      {job.status === 'cancelled' && <Alert type="warning" showIcon message={t('entImport.cancelledBody')} />}
    </div>
  );
}
