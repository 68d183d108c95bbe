import { useRef } from 'react';
import { Button, Empty, Popconfirm, Progress, Space, Table, Tag, Tooltip } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import {
  ModalForm,
  ProFormDatePicker,
  ProFormDigit,
  ProFormSelect,
  ProFormText,
  ProFormTextArea,
  type ProFormInstance,
} from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import { showSuccess } from '../../api/client';
import { SERVICE_TYPES, projectsApi, type ServiceItem, type ServiceType } from '../../api/projects';
import { can } from '../../access';
import { useMe } from '../../auth/session';
import { useI18n } from '../../i18n';
import { serviceTypeName } from './labels';
import { fieldDetails } from './ProjectForm';

interface AddValues {
  type: ServiceType;
  title: string;
  requester: string;
  handlerName: string;
  openedOn?: string;
  workingDays: number;
  note?: string;
}

/** 帮办代办: each item runs on a working-day clock. */
export function ServiceItemsTab({ projectId }: { projectId: string }) {
  const { t } = useI18n();
  const me = useMe();
  const canManage = can(me, 'projects.manage');
  const { data = [], refetch, isLoading } = useQuery({ queryKey: ['service-items', projectId], queryFn: () => projectsApi.serviceItems(projectId) });
  const addRef = useRef<ProFormInstance<AddValues>>(undefined);

  return (
    <div data-testid="service-tab">
      {canManage && (
        <ModalForm<AddValues>
          title={t('service.add')}
          formRef={addRef}
          width={560}
          modalProps={{ destroyOnClose: true }}
          initialValues={{ type: 'companyRegistration', workingDays: 5 }}
          trigger={
            <Button type="primary" icon={<PlusOutlined />} style={{ marginBottom: 12 }}>
              {t('service.add')}
            </Button>
          }
          onFinish={async (v) => {
            try {
              await projectsApi.addServiceItem(projectId, {
                type: v.type,
                title: v.title.trim(),
                requester: v.requester.trim(),
                handlerName: v.handlerName.trim(),
                openedOn: v.openedOn || undefined,
                workingDays: v.workingDays,
                note: v.note?.trim() || null,
              });
            } catch (err) {
              const details = fieldDetails(err);
              addRef.current?.setFields(
                details.length
                  ? details.map((d) => ({ name: d.field as keyof AddValues, errors: [d.message] }))
                  : [{ name: 'title', errors: [err instanceof Error ? err.message : String(err)] }],
              );
              return false;
            }
            showSuccess(t('common.success'));
            await refetch();
            return true;
          }}
        >
          <ProFormSelect name="type" label={t('service.type')} rules={[{ required: true }]} options={SERVICE_TYPES.map((s) => ({ value: s, label: serviceTypeName(t, s) }))} />
          <ProFormText name="title" label={t('service.title')} rules={[{ required: true, whitespace: true }]} fieldProps={{ maxLength: 200 }} />
          <ProFormText name="requester" label={t('service.requester')} rules={[{ required: true, whitespace: true }]} fieldProps={{ maxLength: 100 }} />
          <ProFormText name="handlerName" label={t('service.handler')} rules={[{ required: true, whitespace: true }]} fieldProps={{ maxLength: 60 }} />
          <ProFormDatePicker name="openedOn" label={t('service.openedOn')} />
          <ProFormDigit name="workingDays" label={t('service.workingDays')} min={1} max={250} fieldProps={{ precision: 0 }} rules={[{ required: true }]} />
          <ProFormTextArea name="note" label={t('service.note')} fieldProps={{ maxLength: 1000 }} />
        </ModalForm>
      )}
      <Table<ServiceItem>
        rowKey="id"
        size="small"
        loading={isLoading}
        dataSource={data}
        pagination={false}
        locale={{ emptyText: <Empty description={t('service.empty')} /> }}
        columns={[
          { title: t('service.type'), dataIndex: 'type', width: 110, render: (v: ServiceType) => serviceTypeName(t, v) },
          { title: t('service.title'), dataIndex: 'title' },
          { title: t('service.requester'), dataIndex: 'requester' },
          { title: t('service.handler'), dataIndex: 'handlerName', width: 100 },
          { title: t('service.openedOn'), dataIndex: 'openedOn', width: 110 },
          { title: t('service.dueOn'), dataIndex: 'dueOn', width: 110 },
          {
            title: t('service.clock'),
            key: 'clock',
            width: 220,
            render: (_: unknown, s) => (
              <Tooltip title={`${t('service.dueOn')}：${s.dueOn}`}>
                <div>
                  <Progress
                    size="small"
                    percent={Math.min(100, Math.round((s.elapsedWorkingDays / Math.max(1, s.workingDays)) * 100))}
                    status={s.overdue ? 'exception' : s.status === 'closed' ? 'success' : 'active'}
                    format={() => `${s.elapsedWorkingDays}/${s.workingDays}`}
                  />
                  <span style={{ fontSize: 12 }}>
                    {s.remainingWorkingDays < 0
                      ? t('service.clockOverdue', { used: s.elapsedWorkingDays, late: -s.remainingWorkingDays })
                      : t('service.clockText', { used: s.elapsedWorkingDays, left: s.remainingWorkingDays })}
                  </span>
                </div>
              </Tooltip>
            ),
          },
          {
            title: t('service.status'),
            dataIndex: 'status',
            width: 130,
            render: (_: unknown, s) => (
              <Space size={4}>
                {s.status === 'closed' ? <Tag color="success">{`${t('service.closed')} ${s.closedOn ?? ''}`}</Tag> : <Tag color="processing">{t('service.open')}</Tag>}
                {s.overdue && <Tag color="error">{t('service.overdue')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 80,
            hidden: !canManage,
            render: (_: unknown, s) =>
              s.status === 'open' ? (
                <Popconfirm
                  title={t('service.closeConfirm')}
                  onConfirm={async () => {
                    await projectsApi.closeServiceItem(s.id, s.version);
                    showSuccess(t('common.success'));
                    await refetch();
                  }}
                >
                  <Button type="link" size="small">{t('service.close')}</Button>
                </Popconfirm>
              ) : null,
          },
        ]}
      />
    </div>
  );
}
