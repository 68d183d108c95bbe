import { useState } from 'react';
import { Alert, Button, Card, Empty, Progress, Result, Select, Space, Steps, Table, Typography, Upload } from 'antd';
import { CheckOutlined, DownloadOutlined, InboxOutlined, ReloadOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import { can } from '../../access';
import { ACTIVITY_IMPORT_KINDS, importActivities } from '../../api/activities';
import { showError } from '../../api/client';
import { IMPORT_KINDS, runImport, type RejectedRow } from '../../api/imports';
import { useMe } from '../../auth/session';
import { downloadFile } from '../../components/download';
import { useI18n } from '../../i18n';
import { ImportIncomplete } from './ImportIncomplete';
import { ImportPreview } from './ImportPreview';
import { isActivityKind, kindLabel, outcomeOfActivities, outcomeOfLedger, type AnyImportKind, type ImportOutcome, type OutcomeRow } from './import-outcome';

const KINDS: readonly AnyImportKind[] = [...IMPORT_KINDS, ...ACTIVITY_IMPORT_KINDS];
const kindOf = (v: string | null): AnyImportKind | undefined => KINDS.find((k) => k === v);

/**
 * 数据导入: template, file, dry run with counts or rejected rows, then the import itself. The kind picks the
 * ledger (企业、项目、到位资金; xlsx by its sheets) or, for those who record activities, the activity ledger
 * (招商活动、活动对象、活动项目), which goes to the activity import; ?kind= preselects one.
 */
export default function Imports() {
  const { t } = useI18n();
  const me = useMe();
  const client = useQueryClient();
  const [params] = useSearchParams();
  const activitiesAllowed = can(me, 'activities.manage');
  const [file, setFile] = useState<File | null>(null);
  const [kind, setKind] = useState<AnyImportKind | undefined>(() => {
    const k = kindOf(params.get('kind'));
    return isActivityKind(k) && !activitiesAllowed ? undefined : k;
  });
  const [progress, setProgress] = useState<number | null>(null);
  const [check, setCheck] = useState<ImportOutcome | null>(null);
  const [done, setDone] = useState<ImportOutcome | null>(null);
  const isCsv = file?.name.toLowerCase().endsWith('.csv') ?? false;

  const reset = () => {
    setFile(null);
    setCheck(null);
    setDone(null);
    setProgress(null);
  };

  const send = async (dryRun: boolean) => {
    if (!file) return;
    setProgress(0);
    try {
      let result: ImportOutcome;
      if (isActivityKind(kind)) {
        // the activity ledger: a CSV is of the kind chosen, an xlsx imports its sheets 招商活动/活动对象/活动项目
        result = outcomeOfActivities(await importActivities(file, isCsv ? kind : undefined, dryRun), t);
        if (!dryRun && !result.error) void client.invalidateQueries({ queryKey: ['activities'] });
      } else {
        result = outcomeOfLedger(await runImport(file, { kind: isCsv ? kind : undefined, dryRun, onProgress: setProgress }), t, dryRun);
      }
      if (dryRun || result.error) setCheck(result);
      else setDone(result);
    } catch (err) {
      showError(err);
    } finally {
      setProgress(null);
    }
  };

  const step = done ? 2 : check && !check.error ? 1 : 0;
  const busy = progress !== null;
  const countColumns = [
    { title: t('imports.dataKind'), dataIndex: 'label' },
    { title: t('imports.rows'), dataIndex: 'rows', align: 'right' as const },
    { title: t('imports.created'), dataIndex: 'created', align: 'right' as const, render: (n: number) => <Typography.Text type={n ? 'success' : undefined} strong={n > 0}>{n}</Typography.Text> },
    { title: t('imports.updated'), dataIndex: 'updated', align: 'right' as const, render: (n: number) => <Typography.Text type={n ? 'warning' : undefined} strong={n > 0}>{n}</Typography.Text> },
    { title: t('imports.unchanged'), dataIndex: 'unchanged', align: 'right' as const },
  ];

  return (
    <PageContainer
      title={t('imports.title')}
      extra={[
        <Button key="tpl" icon={<DownloadOutlined />} onClick={() => void downloadFile('/api/imports/template.xlsx', '引凤导入模板.xlsx')}>
          {t('imports.template')}
        </Button>,
      ]}
    >
      <Card>
        <Typography.Paragraph type="secondary">{t('imports.intro')}</Typography.Paragraph>
        <Steps
          size="small"
          current={step}
          style={{ marginBottom: 24, maxWidth: 720 }}
          items={[{ title: t('imports.step.choose') }, { title: t('imports.step.check') }, { title: t('imports.step.import') }]}
        />
        {done ? (
          <Result
            status="success"
            title={t('imports.done')}
            subTitle={t('imports.doneBody', { name: done.fileName })}
            extra={[
              <Button key="again" icon={<ReloadOutlined />} onClick={reset}>
                {t('imports.reset')}
              </Button>,
            ]}
          >
            <Table<OutcomeRow> data-testid="import-counts" rowKey="kind" size="small" pagination={false} dataSource={done.counts} columns={countColumns} />
          </Result>
        ) : (
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
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
                setCheck(null);
                return Upload.LIST_IGNORE;
              }}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{t('imports.choose')}</p>
              <p className="ant-upload-hint" data-testid="import-file">
                {file ? `${file.name}（${(file.size / 1024).toFixed(1)} KB）` : t('imports.noFile')}
              </p>
            </Upload.Dragger>
            <Space wrap>
              <Space wrap>
                <span>{t('imports.kind')}</span>
                <Select<AnyImportKind>
                  aria-label={t('imports.kind')}
                  data-testid="import-kind"
                  allowClear
                  placeholder={t('imports.kindHint')}
                  style={{ width: 220 }}
                  value={kind}
                  onChange={(v) => {
                    setKind(v);
                    setCheck(null);
                  }}
                  options={[
                    { label: t('imports.kindGroup.ledger'), options: IMPORT_KINDS.map((k) => ({ value: k, label: kindLabel(t, k) })) },
                    ...(activitiesAllowed ? [{ label: t('imports.kindGroup.activities'), options: ACTIVITY_IMPORT_KINDS.map((k) => ({ value: k, label: kindLabel(t, k) })) }] : []),
                  ]}
                />
              </Space>
              <Button type={check && !check.error ? 'default' : 'primary'} disabled={!file || busy} onClick={() => void send(true)}>
                {t('imports.dryRun')}
              </Button>
              <Button type="primary" icon={<CheckOutlined />} disabled={!check || !!check.error || busy} onClick={() => void send(false)}>
                {t('imports.confirm')}
              </Button>
              {file && (
                <Button type="link" onClick={reset} disabled={busy}>
                  {t('imports.reset')}
                </Button>
              )}
            </Space>
            {busy && <Progress percent={progress ?? 0} status="active" format={(p) => t('imports.uploading', { percent: p ?? 0 })} style={{ maxWidth: 480 }} />}
            {check && !check.error && (
              <div data-testid="import-check">
                <Alert
                  type="success"
                  showIcon
                  message={t('imports.checkOk')}
                  description={
                    <>
                      {t('imports.checkOkBody', { name: check.fileName, format: check.format.toUpperCase() })}
                      {check.ledger && check.ledger.investorsCreated > 0 && <div>{t('imports.investorsCreated', { n: check.ledger.investorsCreated })}</div>}
                      {check.activityGaps > 0 && <div>{t('activities.import.gaps', { n: check.activityGaps })}</div>}
                    </>
                  }
                  style={{ marginBottom: 12 }}
                />
                <Table<OutcomeRow> data-testid="import-counts" rowKey="kind" size="small" pagination={false} dataSource={check.counts} columns={countColumns} />
                {check.ledger && <ImportIncomplete result={check.ledger} />}
                {check.ledger && <ImportPreview result={check.ledger} />}
              </div>
            )}
            {check?.error && (
              <div data-testid="import-rejected">
                <Alert
                  type="error"
                  showIcon
                  message={check.error}
                  description={
                    check.rejectedTotal > check.rejected.length
                      ? t('imports.rejectedMore', { shown: check.rejected.length, total: check.rejectedTotal })
                      : undefined
                  }
                  style={{ marginBottom: 12 }}
                />
                <Table<RejectedRow>
                  rowKey={(r) => `${r.sheet}-${r.row}-${r.column}-${r.reason}`}
                  size="small"
                  dataSource={check.rejected}
                  pagination={check.rejected.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
                  locale={{ emptyText: <Empty description={t('imports.rejectedEmpty')} /> }}
                  columns={[
                    { title: t('imports.sheet'), dataIndex: 'sheet', width: 100 },
                    { title: t('imports.row'), dataIndex: 'row', width: 70, align: 'right' },
                    { title: t('imports.column'), dataIndex: 'column', width: 160 },
                    {
                      title: t('imports.value'),
                      dataIndex: 'value',
                      width: 200,
                      render: (v: string) => (v ? <Typography.Text code>{v}</Typography.Text> : <Typography.Text type="secondary">（空）</Typography.Text>),
                    },
                    { title: t('imports.reason'), dataIndex: 'reason', render: (v: string) => <Typography.Text type="danger">{v}</Typography.Text> },
                  ]}
                />
              </div>
            )}
          </Space>
        )}
      </Card>
    </PageContainer>
  );
}
