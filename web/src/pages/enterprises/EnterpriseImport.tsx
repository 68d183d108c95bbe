import { useCallback, useEffect, useState } from 'react';
import { Button, Card, Checkbox, Col, DatePicker, Empty, Form, Input, Progress, Row, Space, Table, Typography, Upload } from 'antd';
import { CloudUploadOutlined, DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useSearchParams } from 'react-router-dom';
import { showError } from '../../api/client';
import { importJobsApi, isJobActive, uploadImportJob, type ImportJob } from '../../api/import-jobs';
import { downloadFile } from '../../components/download';
import { formatTime } from '../../components/labels';
import { useI18n } from '../../i18n';
import { EnterpriseImportJob, JobStatusTag, formatBytes } from './EnterpriseImportJob';

const OPTIONAL_COLUMNS = '行业代码、注册资本(万元)、成立日期、标签、经营范围、曾用名、经营状态、股票代码、主要产品、网站、所属集团、员工人数、营收规模、数据来源、数据日期';

/** 导入企业: upload a registry file, follow the background job, read the rejected rows. */
export default function EnterpriseImport() {
  const { t } = useI18n();
  const [search, setSearch] = useSearchParams();
  const [file, setFile] = useState<File | null>(null);
  const [source, setSource] = useState('');
  const [sourceDate, setSourceDate] = useState<Dayjs | null>(dayjs());
  const [dryRun, setDryRun] = useState(false);
  const [uploading, setUploading] = useState<number | null>(null);
  const jobs = useQuery({
    queryKey: ['import-jobs'],
    queryFn: () => importJobsApi.list(1, 10),
    // a job started elsewhere (another tab, the CLI) shows up while one is under way
    refetchInterval: (q) => (q.state.data?.items.some(isJobActive) ? 3000 : false),
  });
  const selected = search.get('job');

  // after a reload without ?job=, resume showing the job still under way
  useEffect(() => {
    if (selected || !jobs.data) return;
    const running = jobs.data.items.find(isJobActive);
    if (running) setSearch({ job: running.id }, { replace: true });
  }, [selected, jobs.data, setSearch]);

  const refetchJobs = jobs.refetch;
  const onFinished = useCallback(() => void refetchJobs(), [refetchJobs]);

  const start = async () => {
    if (!file) return;
    setUploading(0);
    try {
      const job = await uploadImportJob(file, {
        source,
        sourceDate: sourceDate?.format('YYYY-MM-DD'),
        dryRun,
        onProgress: setUploading,
      });
      setFile(null);
      setSearch({ job: job.id });
      void jobs.refetch();
    } catch (err) {
      showError(err);
    } finally {
      setUploading(null);
    }
  };
  const busy = uploading !== null;

  return (
    <PageContainer
      title={t('entImport.title')}
      extra={[
        <Button key="tpl" icon={<DownloadOutlined />} onClick={() => void downloadFile('/api/imports/template.xlsx', '引凤导入模板.xlsx')}>
          {t('entImport.template')}
        </Button>,
      ]}
    >
      {selected && (
        <Card
          title={t('entImport.jobTitle')}
          style={{ marginBottom: 16 }}
          extra={
            <Button type="link" onClick={() => setSearch({})}>
              {t('entImport.closeJob')}
            </Button>
          }
        >
          <EnterpriseImportJob key={selected} jobId={selected} onFinished={onFinished} />
        </Card>
      )}
      <Row gutter={16}>
        <Col xs={24} xl={14}>
          <Card title={t('entImport.uploadTitle')} style={{ marginBottom: 16 }}>
            <Space direction="vertical" size="middle" style={{ width: '100%' }}>
              <Upload.Dragger
                accept=".xlsx,.csv"
                multiple={false}
                showUploadList={false}
                disabled={busy}
                beforeUpload={(f) => {
                  const name = f.name.toLowerCase();
                  if (!name.endsWith('.xlsx') && !name.endsWith('.csv')) {
                    showError(new Error(t('entImport.wrongType')));
                    return Upload.LIST_IGNORE;
                  }
                  setFile(f);
                  return Upload.LIST_IGNORE;
                }}
              >
                <p className="ant-upload-drag-icon">
                  <InboxOutlined />
                </p>
                <p className="ant-upload-text">{t('entImport.choose')}</p>
                <p className="ant-upload-hint" data-testid="import-file">
                  {file ? `${file.name}（${formatBytes(file.size)}）` : t('entImport.noFile')}
                </p>
              </Upload.Dragger>
              <Form layout="vertical" component="div">
                <Row gutter={16}>
                  <Col xs={24} md={12}>
                    <Form.Item label={t('entImport.source')} extra={t('entImport.sourceHint')} style={{ marginBottom: 8 }}>
                      <Input
                        aria-label={t('entImport.source')}
                        value={source}
                        maxLength={100}
                        placeholder={file?.name ?? t('entImport.sourcePlaceholder')}
                        onChange={(e) => setSource(e.target.value)}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item label={t('entImport.sourceDate')} extra={t('entImport.sourceDateHint')} style={{ marginBottom: 8 }}>
                      <DatePicker
                        aria-label={t('entImport.sourceDate')}
                        value={sourceDate}
                        onChange={setSourceDate}
                        disabledDate={(d) => d.isAfter(dayjs(), 'day')}
                        style={{ width: '100%' }}
                      />
                    </Form.Item>
                  </Col>
                </Row>
                <Checkbox checked={dryRun} onChange={(e) => setDryRun(e.target.checked)}>
                  {t('entImport.dryRun')}
                </Checkbox>
              </Form>
              <Space wrap>
                <Button type="primary" icon={<CloudUploadOutlined />} disabled={!file || busy} loading={busy} onClick={() => void start()}>
                  {dryRun ? t('entImport.startDryRun') : t('entImport.start')}
                </Button>
                {file && !busy && (
                  <Button type="link" onClick={() => setFile(null)}>
                    {t('entImport.reset')}
                  </Button>
                )}
              </Space>
              {busy && (
                <Progress
                  percent={uploading ?? 0}
                  status="active"
                  format={(p) => t('entImport.uploading', { percent: p ?? 0 })}
                  style={{ maxWidth: 480 }}
                />
              )}
            </Space>
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title={t('entImport.formatTitle')} size="small" style={{ marginBottom: 16 }} data-testid="import-format">
            <Typography.Paragraph style={{ marginBottom: 8 }}>{t('entImport.formatFile')}</Typography.Paragraph>
            <Typography.Paragraph style={{ marginBottom: 8 }}>
              {t('entImport.formatRequired')}
              <Typography.Text strong>统一社会信用代码、企业名称、注册地区代码</Typography.Text>
            </Typography.Paragraph>
            <Typography.Paragraph style={{ marginBottom: 8 }} type="secondary">
              {t('entImport.formatOptional')}
              {OPTIONAL_COLUMNS}
            </Typography.Paragraph>
            <ul style={{ paddingInlineStart: 20, marginBottom: 8 }}>
              <li>{t('entImport.ruleUnits')}</li>
              <li>{t('entImport.ruleTags')}</li>
              <li>{t('entImport.ruleMerge')}</li>
              <li>{t('entImport.ruleAllOrNothing')}</li>
              <li>{t('entImport.ruleBackground')}</li>
            </ul>
            <Typography.Link onClick={() => void downloadFile('/api/imports/template.xlsx', '引凤导入模板.xlsx')}>
              <DownloadOutlined /> {t('entImport.templateHint')}
            </Typography.Link>
          </Card>
        </Col>
      </Row>
      <Card title={t('entImport.recentTitle')}>
        <Table<ImportJob>
          data-testid="import-jobs"
          rowKey="id"
          size="small"
          loading={jobs.isLoading}
          dataSource={jobs.data?.items ?? []}
          pagination={false}
          rowClassName={(j) => (j.id === selected ? 'ant-table-row-selected' : '')}
          locale={{ emptyText: <Empty description={t('entImport.recentEmpty')} /> }}
          columns={[
            {
              title: t('entImport.file'),
              dataIndex: 'fileName',
              render: (_: unknown, j) => (
                <Space direction="vertical" size={0}>
                  <span>{j.fileName}</span>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatBytes(j.fileBytes)} · {j.source} · {j.sourceDate}
                  </Typography.Text>
                </Space>
              ),
            },
            { title: t('entImport.statusLabel'), dataIndex: 'status', width: 160, render: (_: unknown, j) => <JobStatusTag job={j} /> },
            {
              title: t('entImport.rows'),
              key: 'rows',
              width: 90,
              align: 'right',
              render: (_: unknown, j) => (j.result?.rows ?? j.progress.rowsRead ?? 0).toLocaleString('zh-CN'),
            },
            {
              title: t('entImport.countsColumn'),
              key: 'counts',
              width: 200,
              render: (_: unknown, j) => {
                const c = j.result?.counts;
                if (c) return t('entImport.countsShort', { created: c.created, updated: c.updated, unchanged: c.unchanged });
                if (j.result?.rejectedTotal) return <Typography.Text type="danger">{t('entImport.problemsShort', { n: j.result.rejectedTotal })}</Typography.Text>;
                return '—';
              },
            },
            {
              title: t('entImport.createdBy'),
              key: 'by',
              width: 170,
              render: (_: unknown, j) => (
                <Space direction="vertical" size={0}>
                  <span>{j.createdByName}</span>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatTime(j.createdAt)}
                  </Typography.Text>
                </Space>
              ),
            },
            {
              title: t('common.actions'),
              key: 'actions',
              width: 90,
              render: (_: unknown, j) =>
                j.id === selected ? (
                  <Typography.Text type="secondary">{t('entImport.showing')}</Typography.Text>
                ) : (
                  <Button type="link" size="small" onClick={() => setSearch({ job: j.id })}>
                    {t('entImport.view')}
                  </Button>
                ),
            },
          ]}
        />
      </Card>
    </PageContainer>
  );
}
