import { useState } from 'react';
import { Alert, Button, Modal, Select, Space, Table, Typography, Upload } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { CheckOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { ACTIVITY_IMPORT_KINDS, importActivities, type ActivityImportKind, type ActivityImportResult } from '../../api/activities';
import { showError } from '../../api/client';
import { keyColumnsOnPhone, usePhone } from '../../components/responsive';
import { useI18n } from '../../i18n';

type Problem = ActivityImportResult['problems'][number];
type Row = { kind: ActivityImportKind; rows: number; created: number; updated: number; unchanged: number };

/** 导入活动台账: a file of activities, organisations met or projects is checked first (counts, or every problem), then imported. */
export function ActivityImportButton() {
  const { t } = useI18n();
  const phone = usePhone();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [kind, setKind] = useState<ActivityImportKind>('activities');
  const [result, setResult] = useState<ActivityImportResult | null>(null);
  const [busy, setBusy] = useState(false);
  const isCsv = file?.name.toLowerCase().endsWith('.csv') ?? false;
  const reset = () => {
    setFile(null);
    setResult(null);
  };
  const close = () => {
    setOpen(false);
    reset();
  };
  const send = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    try {
      const r = await importActivities(file, isCsv ? kind : undefined, dryRun);
      setResult(r);
      if (!dryRun && r.ok) void client.invalidateQueries({ queryKey: ['activities'] });
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };
  const checked = result?.dryRun && result.ok;
  const done = result && !result.dryRun && result.ok;
  const counts: Row[] = result ? result.kinds.map((k) => ({ kind: k, rows: result.rows[k] ?? 0, ...(result.counts[k] ?? { created: 0, updated: 0, unchanged: 0 }) })) : [];
  const countColumns: ColumnsType<Row> = [
    { title: t('imports.dataKind'), dataIndex: 'kind', render: (k: ActivityImportKind) => t(`activities.import.kind.${k}`) },
    { title: t('imports.rows'), dataIndex: 'rows', align: 'right' },
    { title: t('imports.created'), dataIndex: 'created', align: 'right' },
    { title: t('imports.updated'), dataIndex: 'updated', align: 'right' },
    { title: t('imports.unchanged'), dataIndex: 'unchanged', align: 'right' },
  ];
  const problemColumns: ColumnsType<Problem> = [
    { title: t('imports.row'), dataIndex: 'row', width: 60, align: 'right' },
    { title: t('imports.column'), dataIndex: 'column', width: 110 },
    { title: t('imports.value'), dataIndex: 'value', width: 140, render: (v: string) => (v ? <Typography.Text code>{v}</Typography.Text> : '—') },
    { title: t('imports.reason'), dataIndex: 'reason', render: (v: string) => <Typography.Text type="danger">{v}</Typography.Text> },
  ];

  return (
    <>
      <Button icon={<UploadOutlined />} onClick={() => setOpen(true)} data-testid="activity-import">
        {t('activities.import')}
      </Button>
      <Modal
        open={open}
        title={t('activities.import.title')}
        width={phone ? '100%' : 760}
        onCancel={close}
        destroyOnClose
        footer={
          done
            ? [
                <Button key="again" onClick={reset}>
                  {t('imports.reset')}
                </Button>,
                <Button key="close" type="primary" onClick={close}>
                  {t('activities.import.close')}
                </Button>,
              ]
            : [
                <Button key="dry" type={checked ? 'default' : 'primary'} disabled={!file || busy} loading={busy && !checked} onClick={() => void send(true)}>
                  {t('imports.dryRun')}
                </Button>,
                <Button key="go" type="primary" icon={<CheckOutlined />} disabled={!checked || busy} onClick={() => void send(false)}>
                  {t('imports.confirm')}
                </Button>,
              ]
        }
      >
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            {t('activities.import.intro')}
          </Typography.Paragraph>
          {!done && (
            <Upload.Dragger
              accept=".xlsx,.csv"
              multiple={false}
              showUploadList={false}
              disabled={busy}
              beforeUpload={(f) => {
                const name = f.name.toLowerCase();
                if (!name.endsWith('.xlsx') && !name.endsWith('.csv')) {
                  showError(new Error(t('imports.wrongType')));
                  return Upload.LIST_IGNORE;
                }
                setFile(f);
                setResult(null);
                return Upload.LIST_IGNORE;
              }}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{t('imports.choose')}</p>
              <p className="ant-upload-hint">{file ? `${file.name}（${(file.size / 1024).toFixed(1)} KB）` : t('imports.noFile')}</p>
            </Upload.Dragger>
          )}
          {isCsv && !done && (
            <Space>
              <span>{t('activities.import.kind')}</span>
              <Select<ActivityImportKind>
                aria-label={t('activities.import.kind')}
                value={kind}
                onChange={(k) => {
                  setKind(k);
                  setResult(null);
                }}
                style={{ width: 160 }}
                options={ACTIVITY_IMPORT_KINDS.map((k) => ({ value: k, label: t(`activities.import.kind.${k}`) }))}
              />
            </Space>
          )}
          {result && result.ok && (
            <div data-testid={done ? 'activity-import-done' : 'activity-import-check'}>
              <Alert type="success" showIcon style={{ marginBottom: 12 }} message={done ? t('activities.import.done', { name: result.fileName }) : t('activities.import.checkOk', { name: result.fileName })} />
              {result.gaps.total > 0 && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('activities.import.gaps', { n: result.gaps.total })} />}
              <Table<Row> rowKey="kind" size="small" pagination={false} columns={countColumns} dataSource={counts} />
            </div>
          )}
          {result && !result.ok && (
            <div data-testid="activity-import-rejected">
              <Alert type="error" showIcon style={{ marginBottom: 12 }} message={t('activities.import.rejected', { name: result.fileName, n: result.problems.length })} />
              <Table<Problem>
                rowKey={(p) => `${p.sheet}-${p.row}-${p.column}-${p.reason}`}
                size="small"
                columns={keyColumnsOnPhone(problemColumns, ['row', 'reason'], phone)}
                dataSource={result.problems}
                pagination={result.problems.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
              />
            </div>
          )}
        </Space>
      </Modal>
    </>
  );
}
