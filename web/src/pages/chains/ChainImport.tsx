import { useState } from 'react';
import { Alert, Button, Modal, Space, Table, Tag, Typography, Upload } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { CheckOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { importChains, type ChainImportResult, type ChainOutcome } from '../../api/chains';
import { showError, showSuccess } from '../../api/client';
import { can } from '../../access';
import { useMe } from '../../auth/session';
import { keyColumnsOnPhone, usePhone } from '../../components/responsive';
import { useI18n } from '../../i18n';

/** Chains are defined by a province or a prefecture: an analyst below sees no import or adopt (the server refuses them too). */
export function useCanManageChains(): boolean {
  const me = useMe();
  return can(me, 'chains.manage') && (me.regionLevel === 'province' || me.regionLevel === 'prefecture');
}

const STATUS_COLOR = { created: 'green', updated: 'gold', unchanged: 'default' } as const;
type Problem = ChainImportResult['problems'][number];

function ImportOutcomes({ result, done }: { result: ChainImportResult; done: boolean }) {
  const { t } = useI18n();
  const phone = usePhone();
  const columns: ColumnsType<ChainOutcome> = [
    {
      title: t('chains.name'),
      dataIndex: 'name',
      render: (_, c) => (
        <>
          {done ? <Link to={`/chains/${encodeURIComponent(c.code)}`}>{c.name}</Link> : c.name}
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {c.code}
            </Typography.Text>
          </div>
        </>
      ),
    },
    { title: t('chains.import.status'), dataIndex: 'status', width: 90, render: (s: ChainOutcome['status']) => <Tag color={STATUS_COLOR[s]}>{t(`chains.import.${s}`)}</Tag> },
    { title: t('chains.version'), dataIndex: 'version', width: 70, render: (v: number) => t('chains.versionN', { n: v }) },
    { title: t('chains.nodeCount'), dataIndex: 'nodeCount', width: 70, align: 'right' },
    {
      title: t('chains.import.changes'),
      key: 'changes',
      width: 170,
      render: (_, c) => t('chains.diff.summary', { added: c.added, removed: c.removed, changed: c.changed }),
    },
  ];
  return (
    <Table<ChainOutcome>
      data-testid="chain-import-outcomes"
      rowKey="code"
      size="small"
      pagination={false}
      columns={keyColumnsOnPhone(columns, ['name', 'status'], phone)}
      dataSource={result.chains}
    />
  );
}

function ImportProblems({ problems }: { problems: Problem[] }) {
  const { t } = useI18n();
  const phone = usePhone();
  const columns: ColumnsType<Problem> = [
    { title: t('imports.row'), dataIndex: 'row', width: 60, align: 'right' },
    { title: t('imports.column'), dataIndex: 'column', width: 110 },
    {
      title: t('imports.value'),
      dataIndex: 'value',
      width: 140,
      render: (v: string) => (v ? <Typography.Text code>{v}</Typography.Text> : <Typography.Text type="secondary">{t('chains.import.empty')}</Typography.Text>),
    },
    { title: t('imports.reason'), dataIndex: 'reason', render: (v: string) => <Typography.Text type="danger">{v}</Typography.Text> },
  ];
  return (
    <Table<Problem>
      data-testid="chain-import-problems"
      rowKey={(p) => `${p.row}-${p.column}-${p.reason}`}
      size="small"
      columns={keyColumnsOnPhone(columns, ['row', 'reason'], phone)}
      dataSource={problems}
      pagination={problems.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
    />
  );
}

/** 导入: a chains file (CSV or xlsx) is checked first (what would be created, updated or unchanged, or its problems), then imported. */
export function ChainImportButton({ label }: { label?: string }) {
  const { t } = useI18n();
  const phone = usePhone();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<ChainImportResult | null>(null);
  const [busy, setBusy] = useState(false);

  const reset = () => {
    setFile(null);
    setResult(null);
  };
  const send = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    try {
      const r = await importChains(file, dryRun);
      setResult(r);
      if (!dryRun && r.ok) {
        showSuccess(t('chains.import.done', { name: r.fileName }));
        void client.invalidateQueries({ queryKey: ['chains'] });
        void client.invalidateQueries({ queryKey: ['chain'] });
        void client.invalidateQueries({ queryKey: ['chain-versions'] });
      }
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };
  const checked = result?.dryRun && result.ok;
  const done = result && !result.dryRun && result.ok;

  return (
    <>
      <Button icon={<UploadOutlined />} onClick={() => setOpen(true)} data-testid="chain-import">
        {label ?? t('chains.import')}
      </Button>
      <Modal
        open={open}
        title={t('chains.import.title')}
        width={phone ? '100%' : 760}
        onCancel={() => {
          setOpen(false);
          reset();
        }}
        destroyOnClose
        footer={
          done
            ? [
                <Button key="again" onClick={reset}>
                  {t('imports.reset')}
                </Button>,
                <Button key="close" type="primary" onClick={() => {
                    setOpen(false);
                    reset();
                  }}>
                  {t('chains.close')}
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
            {t('chains.import.intro')}
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
              <p className="ant-upload-hint" data-testid="chain-import-file">
                {file ? `${file.name}（${(file.size / 1024).toFixed(1)} KB）` : t('imports.noFile')}
              </p>
            </Upload.Dragger>
          )}
          {result && result.ok && (
            <div data-testid={done ? 'chain-import-done' : 'chain-import-check'}>
              <Alert
                type="success"
                showIcon
                style={{ marginBottom: 12 }}
                message={done ? t('chains.import.done', { name: result.fileName }) : t('chains.import.checkOk', { name: result.fileName })}
              />
              <ImportOutcomes result={result} done={!!done} />
            </div>
          )}
          {result && !result.ok && (
            <div data-testid="chain-import-rejected">
              <Alert type="error" showIcon style={{ marginBottom: 12 }} message={t('chains.import.rejected', { name: result.fileName, n: result.problems.length })} />
              <ImportProblems problems={result.problems} />
            </div>
          )}
        </Space>
      </Modal>
    </>
  );
}
