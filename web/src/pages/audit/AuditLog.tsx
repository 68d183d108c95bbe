import { Alert, Tooltip, Typography } from 'antd';
import { PageContainer, ProTable } from '@ant-design/pro-components';
import type { CheckedColumns } from '../../components/columns';
import dayjs from 'dayjs';
import { securityApi } from '../../api/security';
import type { AuditEntry, AuditOutcome } from '../../api/types';
import { keyColumnsOnPhone, usePhone } from '../../components/responsive';
import { useI18n } from '../../i18n';
import { AuditDetail } from './AuditDetail';
import { actionEnum, actionLabel, objectTypeEnum, objectTypeLabel } from './actions';
import { onTableError } from '../../components/table';

interface Filters {
  range?: [string, string];
  actor?: string;
  action?: string;
  objectType?: string;
  objectId?: string;
  outcome?: AuditOutcome;
}

function toIso(value: string | undefined): string | undefined {
  return value ? dayjs(value).toISOString() : undefined;
}

/** 审计日志: read-only by design; there is no control that changes anything. */
export default function AuditLog() {
  const { t, lang } = useI18n();
  const phone = usePhone();
  const columns: CheckedColumns<AuditEntry, Filters> = [
    { title: t('audit.range'), dataIndex: 'range', valueType: 'dateTimeRange', hideInTable: true },
    {
      title: t('audit.at'),
      dataIndex: 'at',
      search: false,
      width: 150,
      render: (_, e) => (
        <Tooltip title={e.at}>
          <span>{dayjs(e.at).format('YYYY-MM-DD HH:mm:ss')}</span>
        </Tooltip>
      ),
    },
    {
      title: t('audit.actor'),
      dataIndex: 'actor',
      render: (_, e) =>
        e.actorName ? (
          <Tooltip title={e.actorUsername}>
            <span>{e.actorName}</span>
          </Tooltip>
        ) : (
          (e.actorUsername ?? '—')
        ),
    },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      valueType: 'select',
      valueEnum: actionEnum(lang),
      fieldProps: { showSearch: true },
      render: (_, e) => {
        const label = actionLabel(e.action, lang);
        return label === e.action ? (
          <Typography.Text code>{e.action}</Typography.Text>
        ) : (
          <Tooltip title={e.action}>
            <span>{label}</span>
          </Tooltip>
        );
      },
    },
    {
      title: t('audit.objectType'),
      dataIndex: 'objectType',
      valueType: 'select',
      valueEnum: objectTypeEnum(lang),
      render: (_, e) => (e.objectType ? objectTypeLabel(e.objectType, lang) : '—'),
    },
    {
      title: t('audit.objectId'),
      dataIndex: 'objectId',
      // by object: its audit rows and what imports did to it (import entries merge in)
      ellipsis: true,
      render: (_, e) =>
        e.objectName ? (
          <Tooltip title={e.objectId}>
            <span data-testid="audit-object-name">{e.objectName}</span>
          </Tooltip>
        ) : (
          (e.objectId ?? '—')
        ),
    },
    {
      title: t('audit.outcome'),
      dataIndex: 'outcome',
      valueType: 'select',
      width: 90,
      valueEnum: {
        success: { text: t('audit.outcome.success'), status: 'Success' },
        failure: { text: t('audit.outcome.failure'), status: 'Error' },
        denied: { text: t('audit.outcome.denied'), status: 'Warning' },
      },
    },
    { title: t('audit.clientIp'), dataIndex: 'clientIp', search: false, render: (_, e) => e.clientIp ?? '—' },
  ];

  return (
    <PageContainer content={<Alert type="info" showIcon message={t('audit.readOnly')} />}>
      <ProTable<AuditEntry, Filters>
        rowKey="id"
        onRequestError={onTableError}
        columns={keyColumnsOnPhone(columns, ['at', 'actor', 'action'], phone)}
        headerTitle={t('audit.title')}
        search={{ labelWidth: 'auto', defaultCollapsed: false }}
        options={{ reload: true, density: true, setting: true }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true }}
        expandable={{ expandedRowRender: (e) => <AuditDetail entry={e} />, expandRowByClick: true }}
        request={async (params) => {
          const res = await securityApi.audit({
            from: toIso(params.range?.[0]),
            to: toIso(params.range?.[1]),
            actor: params.actor?.trim() || undefined,
            action: params.action || undefined,
            objectType: params.objectType || undefined,
            objectId: params.objectId?.trim() || undefined,
            outcome: params.outcome,
            page: params.current,
            pageSize: params.pageSize,
          });
          return { data: res.items, total: res.total, success: true };
        }}
        dateFormatter="string"
      />
    </PageContainer>
  );
}
