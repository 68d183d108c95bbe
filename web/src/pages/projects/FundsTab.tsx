import { useRef } from 'react';
import { Button, Empty, Popconfirm, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { LockOutlined, PlusOutlined } from '@ant-design/icons';
import { ModalForm, ProFormDatePicker, ProFormText, ProFormTextArea, type ProFormInstance } from '@ant-design/pro-components';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { evidenceApi } from '../../api/evidence';
import { showSuccess } from '../../api/client';
import { projectsApi, type LedgerReceipt } from '../../api/projects';
import { can } from '../../access';
import { useMe } from '../../auth/session';
import { formatTime } from '../../components/labels';
import { WAN_PATTERN, formatWan, wanToYuan, yuanToWan } from '../../components/money';
import { ReasonModalForm } from '../../components/ReasonModalForm';
import { keyColumnsOnPhone } from '../../components/responsive';
import { useI18n } from '../../i18n';
import { EvidenceUpload } from './EvidenceUpload';
import { fieldDetails } from './ProjectForm';
import { unitWan } from '../../i18n/units';

interface AddValues {
  month: string;
  amountWan: string;
  note?: string;
}

/** 到位资金 by month: statisticians add, correct or delete with a reason, and verify. */
export function FundsTab({ projectId, onChanged }: { projectId: string; onChanged: () => void }) {
  const { t } = useI18n();
  const me = useMe();
  const canManage = can(me, 'funds.manage');
  const canVerify = can(me, 'funds.verify');
  const canUpload = can(me, 'evidence.upload');
  const client = useQueryClient();
  const { data = [], refetch, isLoading } = useQuery({ queryKey: ['receipts', projectId], queryFn: () => projectsApi.receipts(projectId) });
  const { data: evidence = [] } = useQuery({ queryKey: ['evidence', projectId], queryFn: () => evidenceApi.list(projectId) });
  const bankReceipts = new Map<string, string[]>();
  for (const e of evidence) {
    if (e.fundReceiptId) bankReceipts.set(e.fundReceiptId, [...(bankReceipts.get(e.fundReceiptId) ?? []), e.fileName]);
  }
  const addRef = useRef<ProFormInstance<AddValues>>(undefined);
  const changed = async () => {
    await refetch();
    onChanged();
  };
  const amountRules = [
    { required: true, message: t('projects.amountInvalid') },
    {
      validator: async (_: unknown, value: string | undefined) => {
        if (value && !WAN_PATTERN.test(value.trim())) throw new Error(t('projects.amountInvalid'));
      },
    },
  ];
  const rows = [...data].sort((a, b) => a.month.localeCompare(b.month));
  const total = rows.reduce((sum, r) => sum + r.amountYuan, 0);

  return (
    <div data-testid="funds-tab">
      {canManage && (
        <ModalForm<AddValues>
          title={t('funds.add')}
          formRef={addRef}
          width={480}
          modalProps={{ destroyOnClose: true }}
          trigger={
            <Button type="primary" icon={<PlusOutlined />} style={{ marginBottom: 12 }}>
              {t('funds.add')}
            </Button>
          }
          onFinish={async (values) => {
            try {
              await projectsApi.addReceipt(projectId, {
                month: values.month,
                amountYuan: wanToYuan(values.amountWan) ?? 0,
                note: values.note?.trim() || null,
              });
            } catch (err) {
              const details = fieldDetails(err);
              const map: Record<string, keyof AddValues> = { amountYuan: 'amountWan', month: 'month', note: 'note' };
              addRef.current?.setFields(
                details.length
                  ? details.map((d) => ({ name: map[d.field] ?? 'month', errors: [d.message] }))
                  : [{ name: 'month', errors: [err instanceof Error ? err.message : String(err)] }],
              );
              return false;
            }
            showSuccess(t('funds.saved'));
            await changed();
            return true;
          }}
        >
          <ProFormDatePicker.Month name="month" label={t('funds.month')} rules={[{ required: true }]} fieldProps={{ format: 'YYYY-MM' }} />
          <ProFormText name="amountWan" label={t('funds.amountWan')} rules={amountRules} fieldProps={{ suffix: unitWan(), inputMode: 'decimal' }} extra={t('projects.amountHint')} />
          <ProFormTextArea name="note" label={t('funds.note')} fieldProps={{ maxLength: 500 }} />
        </ModalForm>
      )}
      <Table<LedgerReceipt>
        rowKey="id"
        size="small"
        loading={isLoading}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: <Empty description={t('funds.empty')} /> }}
        columns={keyColumnsOnPhone([
          {
            title: t('funds.month'),
            dataIndex: 'month',
            width: 110,
            render: (_: unknown, r) =>
              r.lock ? (
                <Tooltip title={r.lock.message}>
                  <span data-testid={`receipt-locked-${r.month}`}>
                    {r.month} <LockOutlined aria-label={t('funds.locked')} />
                  </span>
                </Tooltip>
              ) : (
                r.month
              ),
          },
          { title: t('funds.amount'), dataIndex: 'amountYuan', align: 'right', render: (v: number) => formatWan(v, '') },
          { title: t('funds.note'), dataIndex: 'note', render: (v: string | null) => v ?? '—' },
          {
            title: t('funds.enteredBy'),
            dataIndex: 'enteredByName',
            render: (_: unknown, r) => `${r.enteredByName ?? '—'} · ${formatTime(r.enteredAt)}`,
          },
          {
            title: t('funds.verified'),
            dataIndex: 'verifiedAt',
            render: (_: unknown, r) =>
              r.verifiedAt ? <Tag color="success">{`${r.verifiedByName ?? ''} ${formatTime(r.verifiedAt)}`}</Tag> : <Tag>{t('funds.unverified')}</Tag>,
          },
          {
            title: t('funds.counts'),
            dataIndex: 'counts',
            width: 110,
            render: (_: unknown, r) =>
              r.counts ? (
                <Tag color="success" data-testid="receipt-counts">{t('funds.countsYes')}</Tag>
              ) : (
                <Tooltip title={r.countsWhy ?? undefined}>
                  <Tag color="warning" data-testid="receipt-counts">{t('funds.countsNo')}</Tag>
                </Tooltip>
              ),
          },
          {
            title: t('funds.bankReceipt'),
            key: 'bankReceipt',
            render: (_: unknown, r) => {
              const files = bankReceipts.get(r.id) ?? [];
              return (
                <Space direction="vertical" size={2}>
                  {!r.counts && r.countsWhy && (
                    <Typography.Text type="warning" style={{ fontSize: 12 }}>
                      {r.countsWhy}
                    </Typography.Text>
                  )}
                  {files.length > 0 && (
                    <Typography.Text style={{ fontSize: 12 }}>{t('funds.bankReceiptCount', { n: files.length })}</Typography.Text>
                  )}
                  {canUpload && (
                    <EvidenceUpload
                      projectId={projectId}
                      fundReceiptId={r.id}
                      defaultKind="bankReceipt"
                      fixedKind
                      size="small"
                      label={t('funds.attachBankReceipt')}
                      onUploaded={() => {
                        void client.invalidateQueries({ queryKey: ['evidence', projectId] });
                        void changed();
                      }}
                    />
                  )}
                  {!canUpload && files.length === 0 && '—'}
                </Space>
              );
            },
          },
          {
            title: t('common.actions'),
            key: 'actions',
            hidden: !canManage && !canVerify,
            render: (_: unknown, r) =>
              r.lock ? (
                <Tooltip title={r.lock.message}>
                  <Typography.Text type="secondary">
                    <LockOutlined /> {t('funds.locked')}
                  </Typography.Text>
                </Tooltip>
              ) : (
              <Space size={0}>
                {canManage && (
                  <ReasonModalForm<{ reason: string; amountWan: string; note?: string }>
                    title={t('funds.correctTitle', { month: r.month })}
                    initialValues={{ amountWan: yuanToWan(r.amountYuan) ?? '', note: r.note ?? undefined }}
                    trigger={<Button type="link" size="small">{t('funds.correct')}</Button>}
                    onSubmit={async (v) => {
                      await projectsApi.correctReceipt(r.id, {
                        amountYuan: wanToYuan(v.amountWan) ?? 0,
                        note: v.note?.trim() || null,
                        reason: v.reason,
                        version: r.version,
                      });
                      showSuccess(t('funds.saved'));
                      await changed();
                    }}
                  >
                    <ProFormText name="amountWan" label={t('funds.amountWan')} rules={amountRules} fieldProps={{ suffix: unitWan() }} />
                    <ProFormTextArea name="note" label={t('funds.note')} fieldProps={{ maxLength: 500 }} />
                  </ReasonModalForm>
                )}
                {canManage && (
                  <ReasonModalForm
                    title={t('funds.deleteTitle', { month: r.month })}
                    danger
                    trigger={<Button type="link" size="small" danger>{t('common.delete')}</Button>}
                    onSubmit={async (v) => {
                      await projectsApi.deleteReceipt(r.id, v.reason);
                      showSuccess(t('common.success'));
                      await changed();
                    }}
                  />
                )}
                {canVerify && !r.verifiedAt && r.enteredById === me.id && (
                  <Tooltip title={t('funds.ownReceipt')}>
                    <Typography.Text type="secondary" style={{ fontSize: 12, padding: '0 7px' }}>
                      {t('grid.mineUnverified')}
                    </Typography.Text>
                  </Tooltip>
                )}
                {canVerify && !r.verifiedAt && r.enteredById !== me.id && (
                  <Popconfirm
                    title={t('funds.verifyConfirm', { month: r.month })}
                    onConfirm={async () => {
                      await projectsApi.verifyReceipt(r.id, r.version);
                      showSuccess(t('common.success'));
                      await changed();
                    }}
                  >
                    <Button type="link" size="small">{t('funds.verify')}</Button>
                  </Popconfirm>
                )}
              </Space>
              ),
          },
        ], ['month', 'amountYuan', 'counts', 'actions'])}
        summary={() =>
          rows.length ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>
                <Typography.Text strong>{t('common.total')}</Typography.Text>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">
                <Typography.Text strong data-testid="funds-total">{formatWan(total, '')}</Typography.Text>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2} colSpan={6} />
            </Table.Summary.Row>
          ) : null
        }
      />
    </div>
  );
}
