import { useRef } from 'react';
import { Button, Empty, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { ModalForm, ProFormDatePicker, ProFormText, ProFormTextArea, type ProFormInstance } from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import { showSuccess } from '../../api/client';
import { projectsApi, type Problem } from '../../api/projects';
import { can } from '../../access';
import { useMe } from '../../auth/session';
import { useI18n } from '../../i18n';
import { fieldDetails } from './ProjectForm';

interface AddValues {
  description: string;
  ownerName: string;
  dueDate: string;
}

/** 问题清单: bottlenecks with an owner and a due date; overdue ones in red. */
export function ProblemsTab({ projectId, onChanged }: { projectId: string; onChanged: () => void }) {
  const { t } = useI18n();
  const me = useMe();
  const canManage = can(me, 'projects.manage');
  const { data = [], refetch, isLoading } = useQuery({ queryKey: ['problems', projectId], queryFn: () => projectsApi.problems(projectId) });
  const addRef = useRef<ProFormInstance<AddValues>>(undefined);
  const changed = async () => {
    await refetch();
    onChanged();
  };

  return (
    <div data-testid="problems-tab">
      {canManage && (
        <ModalForm<AddValues>
          title={t('problems.add')}
          formRef={addRef}
          width={520}
          modalProps={{ destroyOnClose: true }}
          trigger={
            <Button type="primary" icon={<PlusOutlined />} style={{ marginBottom: 12 }}>
              {t('problems.add')}
            </Button>
          }
          onFinish={async (values) => {
            try {
              await projectsApi.addProblem(projectId, { ...values, description: values.description.trim(), ownerName: values.ownerName.trim() });
            } catch (err) {
              const details = fieldDetails(err);
              addRef.current?.setFields(
                details.length
                  ? details.map((d) => ({ name: d.field as keyof AddValues, errors: [d.message] }))
                  : [{ name: 'description', errors: [err instanceof Error ? err.message : String(err)] }],
              );
              return false;
            }
            showSuccess(t('common.success'));
            await changed();
            return true;
          }}
        >
          <ProFormTextArea name="description" label={t('problems.description')} rules={[{ required: true, whitespace: true }]} fieldProps={{ maxLength: 2000 }} />
          <ProFormText name="ownerName" label={t('problems.owner')} rules={[{ required: true, whitespace: true }]} fieldProps={{ maxLength: 60 }} />
          <ProFormDatePicker name="dueDate" label={t('problems.dueDate')} rules={[{ required: true }]} />
        </ModalForm>
      )}
      <Table<Problem>
        rowKey="id"
        size="small"
        loading={isLoading}
        dataSource={data}
        pagination={false}
        locale={{ emptyText: <Empty description={t('problems.empty')} /> }}
        onRow={(p) => (p.overdue && p.status === 'open' ? { style: { background: '#fff1f0' } } : {})}
        columns={[
          { title: t('problems.description'), dataIndex: 'description' },
          { title: t('problems.owner'), dataIndex: 'ownerName', width: 120 },
          {
            title: t('problems.dueDate'),
            dataIndex: 'dueDate',
            width: 120,
            render: (v: string, p) => (p.overdue && p.status === 'open' ? <Typography.Text type="danger">{v}</Typography.Text> : v),
          },
          {
            title: t('problems.status'),
            dataIndex: 'status',
            width: 160,
            render: (_: unknown, p) =>
              p.status === 'resolved' ? (
                <Tag color="success">{`${t('problems.resolved')} ${p.resolvedOn ?? ''}`}</Tag>
              ) : p.overdue ? (
                <Tag color="error">{t('problems.overdue')}</Tag>
              ) : (
                <Tag color="processing">{t('problems.open')}</Tag>
              ),
          },
          { title: t('problems.resolution'), dataIndex: 'resolution', render: (v: string | null) => v ?? '—' },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 90,
            hidden: !canManage,
            render: (_: unknown, p) =>
              p.status === 'open' ? (
                <ModalForm<{ resolution: string }>
                  title={t('problems.resolveTitle')}
                  width={480}
                  modalProps={{ destroyOnClose: true }}
                  trigger={<Button type="link" size="small">{t('problems.resolve')}</Button>}
                  onFinish={async (v) => {
                    try {
                      await projectsApi.resolveProblem(p.id, v.resolution.trim(), p.version);
                    } catch {
                      return false;
                    }
                    showSuccess(t('common.success'));
                    await changed();
                    return true;
                  }}
                >
                  <ProFormTextArea name="resolution" label={t('problems.resolution')} rules={[{ required: true, whitespace: true }]} fieldProps={{ maxLength: 2000 }} />
                </ModalForm>
              ) : null,
          },
        ]}
      />
    </div>
  );
}
