import { useState } from 'react';
import { Button, Form, Input, Modal, Popconfirm, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { DownloadOutlined, CopyOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router-dom';
import { chainsApi, SEGMENTS, type ChainOutcome, type ChainSummary, type ChainTemplate } from '../../api/chains';
import { ApiError, showError, showSuccess } from '../../api/client';
import { useMe } from '../../auth/session';
import { downloadFile } from '../../components/download';
import { keyColumnsOnPhone, usePhone } from '../../components/responsive';
import { useI18n } from '../../i18n';
import { useCanManageChains } from './ChainImport';
import { segmentName } from './coverage';

const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/;

/** When the template's code is taken (another region adopted it first), asks for another chain code. */
function AdoptCodeModal({ template, reason, onAdopted, onClose }: { template: ChainTemplate | null; reason: string; onAdopted: (o: ChainOutcome) => void; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ chainCode: string }>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (!template) return;
    const { chainCode } = await form.validateFields();
    setBusy(true);
    try {
      onAdopted(await chainsApi.adopt(template.code, { chainCode: chainCode.trim().toUpperCase() }));
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) form.setFields([{ name: 'chainCode', errors: [err.message] }]);
      else showError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={template !== null}
      title={template ? t('chains.adopt.codeTitle', { name: template.name }) : null}
      okText={t('chains.adopt')}
      confirmLoading={busy}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnClose
    >
      <Typography.Paragraph type="secondary" data-testid="adopt-code-reason">
        {reason}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ chainCode: template ? `${template.code}2` : '' }}>
        <Form.Item
          name="chainCode"
          label={t('chains.adopt.code')}
          extra={t('chains.adopt.codeHint')}
          rules={[
            { required: true, whitespace: true, message: t('chains.adopt.codeRequired') },
            { pattern: CODE_PATTERN, message: t('chains.adopt.codeFormat') },
          ]}
        >
          <Input maxLength={32} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 模板: the shipped chain templates, each as a CSV to download and, for a province or prefecture analyst, to adopt. */
export function ChainTemplates({ chains }: { chains: readonly ChainSummary[] }) {
  const { t } = useI18n();
  const me = useMe();
  const phone = usePhone();
  const navigate = useNavigate();
  const client = useQueryClient();
  const canManage = useCanManageChains();
  const { data = [], isLoading } = useQuery({ queryKey: ['chain-templates'], queryFn: chainsApi.templates, staleTime: Infinity });
  const [asking, setAsking] = useState<{ template: ChainTemplate; reason: string } | null>(null);
  const [adopting, setAdopting] = useState<string | null>(null);

  const adopted = (o: ChainOutcome) => {
    showSuccess(t(o.status === 'unchanged' ? 'chains.adopt.unchanged' : 'chains.adopt.done', { name: o.name, code: o.code, n: o.version }));
    setAsking(null);
    void client.invalidateQueries({ queryKey: ['chains'] });
    void client.invalidateQueries({ queryKey: ['chain', o.code] });
    void client.invalidateQueries({ queryKey: ['chain-versions', o.code] });
    navigate(`/chains/${encodeURIComponent(o.code)}`);
  };
  const adopt = async (template: ChainTemplate) => {
    setAdopting(template.code);
    try {
      adopted(await chainsApi.adopt(template.code, {}));
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) setAsking({ template, reason: err.message });
      else showError(err);
    } finally {
      setAdopting(null);
    }
  };

  const segmentCounts = (tpl: ChainTemplate) => (
    <Space size={[8, 0]} wrap>
      <strong>{tpl.nodeCount}</strong>
      {SEGMENTS.map((s) => (
        <span key={s} style={{ whiteSpace: 'nowrap' }}>
          {segmentName(t, s)} {tpl.segments[s]}
        </span>
      ))}
    </Space>
  );
  const columns: ColumnsType<ChainTemplate> = [
    {
      title: t('chains.name'),
      dataIndex: 'name',
      render: (_, tpl) => (
        <>
          <div>{tpl.name}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {tpl.code}
          </Typography.Text>
          {/* on a phone the node counts sit under the name rather than in a column of their own */}
          {phone && <div style={{ fontSize: 12 }}>{segmentCounts(tpl)}</div>}
        </>
      ),
    },
    { title: t('chains.nodeCount'), dataIndex: 'nodeCount', render: (_, tpl) => segmentCounts(tpl) },
    {
      title: t('chains.adopted'),
      key: 'adopted',
      render: (_, tpl) => {
        const uses = chains.filter((c) => c.templateCode === tpl.code);
        return uses.length ? (
          <Space direction="vertical" size={0}>
            {uses.map((c) => (
              <Link key={c.code} to={`/chains/${encodeURIComponent(c.code)}`}>
                {c.code}（{c.regionName}）
              </Link>
            ))}
          </Space>
        ) : (
          '—'
        );
      },
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: phone ? undefined : 200,
      render: (_, tpl) => {
        const mine = chains.some((c) => c.templateCode === tpl.code && c.regionCode === me.regionCode);
        return (
          <Space size={0} wrap>
            <Button type="link" size="small" icon={<DownloadOutlined />} onClick={() => void downloadFile(chainsApi.templateFileUrl(tpl.code), tpl.fileName)}>
              {t('chains.downloadCsv')}
            </Button>
            {canManage && (
              <Popconfirm
                title={t('chains.adopt.confirmTitle', { name: tpl.name })}
                description={<div style={{ maxWidth: 320 }}>{mine ? t('chains.adopt.again') : t('chains.adopt.confirm', { region: me.regionName })}</div>}
                onConfirm={() => adopt(tpl)}
              >
                <Button type="link" size="small" icon={<CopyOutlined />} loading={adopting === tpl.code} data-testid="template-adopt">
                  {t('chains.adopt')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        );
      },
    },
  ];

  return (
    <>
      <Typography.Paragraph type="secondary">{t('chains.templatesIntro')}</Typography.Paragraph>
      <Table<ChainTemplate>
        data-testid="chain-templates"
        rowKey="code"
        size="middle"
        loading={isLoading}
        columns={keyColumnsOnPhone(columns, ['name', 'actions'], phone)}
        dataSource={data}
        pagination={false}
      />
      <AdoptCodeModal template={asking?.template ?? null} reason={asking?.reason ?? ''} onAdopted={adopted} onClose={() => setAsking(null)} />
    </>
  );
}
