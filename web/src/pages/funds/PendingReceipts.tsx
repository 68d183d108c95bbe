import { useRef } from 'react';
import { Button, Popconfirm, Tag, Tooltip, Typography } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { PageContainer, ProTable, type ActionType } from '@ant-design/pro-components';
import type { CheckedColumns } from '../../components/columns';
import { Link, useSearchParams } from 'react-router-dom';
import { showSuccess } from '../../api/client';
import { fundsApi, type PendingReceipt } from '../../api/funds';
import { useMe } from '../../auth/session';
import { formatTime } from '../../components/labels';
import { formatTableWan } from '../../components/money';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { onTableError } from '../../components/table';
import { useI18n } from '../../i18n';

interface Filters {
  region?: string;
  month?: string;
}

/** 待核实: receipts entered by others, waiting for a second statistician; one's own never appear (the server refuses them too). */
export default function PendingReceipts() {
  const me = useMe();
  const { t } = useI18n();
  const [params] = useSearchParams();
  const actionRef = useRef<ActionType>(null);
  const columns: CheckedColumns<PendingReceipt, Filters> = [
    { title: t('stats.region'), dataIndex: 'region', hideInTable: true, renderFormItem: () => <RegionTreeSelect allowClear={false} /> },
    { title: t('funds.month'), dataIndex: 'month', valueType: 'dateMonth', width: 100, render: (_, r) => r.month },
    {
      title: t('projects.name'),
      dataIndex: 'projectName',
      search: false,
      width: 220,
      render: (_, r) => (
        <span>
          <Link to={`/projects/${r.projectId}`}>{r.projectName}</Link>
          <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
            {r.projectCode} · {r.regionName}
          </Typography.Text>
        </span>
      ),
    },
    { title: t('funds.amount'), dataIndex: 'amountYuan', search: false, align: 'right', width: 140, render: (_, r) => formatTableWan(r.amountYuan, '—') },
    { title: t('funds.enteredBy'), dataIndex: 'enteredByName', search: false, width: 170, render: (_, r) => `${r.enteredByName ?? '—'} · ${formatTime(r.enteredAt)}` },
    {
      title: t('funds.bankReceipt'),
      dataIndex: 'evidenceCount',
      search: false,
      width: 100,
      render: (_, r) => (r.evidenceCount > 0 ? t('funds.bankReceiptCount', { n: r.evidenceCount }) : <Tag color="warning">{t('pending.noEvidence')}</Tag>),
    },
    { title: t('funds.note'), dataIndex: 'note', search: false, ellipsis: true, render: (_, r) => r.note ?? '—' },
    {
      title: t('common.actions'),
      key: 'actions',
      search: false,
      fixed: 'right',
      width: 90,
      render: (_, r) =>
        r.lock ? (
          <Tooltip title={r.lock.message}>
            <Button type="link" size="small" disabled icon={<LockOutlined />} data-testid={`verify-${r.id}`}>
              {t('funds.verify')}
            </Button>
          </Tooltip>
        ) : (
          <Popconfirm
            title={t('funds.verifyConfirm', { month: r.month })}
            onConfirm={async () => {
              await fundsApi.verify(r.id, r.version);
              showSuccess(t('common.success'));
              actionRef.current?.reload();
            }}
          >
            <Button type="link" size="small" data-testid={`verify-${r.id}`}>
              {t('funds.verify')}
            </Button>
          </Popconfirm>
        ),
    },
  ];
  return (
    <PageContainer title={t('pending.title')} content={<Typography.Text type="secondary">{t('pending.hint')}</Typography.Text>}>
      <ProTable<PendingReceipt, Filters>
        rowKey="id"
        actionRef={actionRef}
        onRequestError={onTableError}
        columns={columns}
        form={{ initialValues: { region: params.get('region') ?? me.regionCode } }}
        search={{ labelWidth: 'auto', defaultCollapsed: false }}
        scroll={{ x: 900 }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true }}
        options={{ reload: true, density: false, setting: false }}
        request={async (q) => {
          const res = await fundsApi.pending({
            region: q.region || me.regionCode,
            month: q.month ? String(q.month).slice(0, 7) : undefined,
            page: q.current,
            pageSize: q.pageSize,
          });
          return { data: res.items, total: res.total, success: true };
        }}
        locale={{ emptyText: t('pending.empty') }}
        dateFormatter="string"
      />
    </PageContainer>
  );
}
