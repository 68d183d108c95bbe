import { useRef } from 'react';
import { Button, Card, Empty, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, LockOutlined, PlusOutlined } from '@ant-design/icons';
import { ModalForm, PageContainer, ProFormText, ProFormTextArea, type ProFormInstance } from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import { showError, showSuccess } from '../../api/client';
import { enterprisesApi, type EnterpriseTag } from '../../api/enterprises';
import { formatTime } from '../../components/labels';
import { useI18n } from '../../i18n';
import { fieldDetails } from '../projects/ProjectForm';

/** 企业标签: the built-in list (not deletable) and the tags a system administrator adds. */
export default function EnterpriseTags() {
  const { t } = useI18n();
  const { data = [], isLoading, refetch } = useQuery({ queryKey: ['enterprise-tags'], queryFn: enterprisesApi.tags });
  const formRef = useRef<ProFormInstance<{ name: string; description?: string }>>(undefined);
  const builtIn = data.filter((tag) => tag.builtIn);
  const added = data.filter((tag) => !tag.builtIn);
  const count = (n: number) => (n > 0 ? n.toLocaleString('zh-CN') : <Typography.Text type="secondary">0</Typography.Text>);

  return (
    <PageContainer title={t('entTags.title')} content={t('entTags.intro')}>
      <Card
        title={t('entTags.added')}
        style={{ marginBottom: 16 }}
        extra={
          <ModalForm<{ name: string; description?: string }>
            title={t('entTags.addTitle')}
            width={480}
            formRef={formRef}
            modalProps={{ destroyOnClose: true }}
            trigger={
              <Button type="primary" icon={<PlusOutlined />}>
                {t('entTags.add')}
              </Button>
            }
            onFinish={async (values) => {
              try {
                await enterprisesApi.createTag({ name: values.name.trim(), description: values.description?.trim() || null });
              } catch (err) {
                const details = fieldDetails(err).filter((d) => d.field === 'name');
                formRef.current?.setFields([{ name: 'name', errors: [err instanceof Error ? err.message : String(err)] }]);
                if (!details.length) showError(err);
                return false;
              }
              showSuccess(t('entTags.addedOk', { name: values.name.trim() }));
              void refetch();
              return true;
            }}
          >
            <ProFormText
              name="name"
              label={t('entTags.name')}
              extra={t('entTags.nameHint')}
              rules={[
                { required: true, whitespace: true, message: t('entTags.nameRequired') },
                { pattern: /^[^\s;；、,，|]{1,20}$/u, message: t('entTags.nameInvalid') },
              ]}
              fieldProps={{ maxLength: 20 }}
            />
            <ProFormTextArea name="description" label={t('entTags.description')} fieldProps={{ maxLength: 200, autoSize: { minRows: 2, maxRows: 4 } }} />
          </ModalForm>
        }
      >
        <Table<EnterpriseTag>
          data-testid="tags-added"
          rowKey="name"
          size="small"
          loading={isLoading}
          dataSource={added}
          pagination={false}
          locale={{ emptyText: <Empty description={t('entTags.addedEmpty')} /> }}
          columns={[
            { title: t('entTags.name'), dataIndex: 'name', width: 180, render: (_: unknown, tag) => <Tag color="blue">{tag.name}</Tag> },
            { title: t('entTags.description'), dataIndex: 'description', render: (_: unknown, tag) => tag.description ?? '—' },
            { title: t('entTags.enterpriseCount'), dataIndex: 'enterpriseCount', width: 110, align: 'right', render: (_: unknown, tag) => count(tag.enterpriseCount) },
            {
              title: t('entTags.createdBy'),
              key: 'by',
              width: 200,
              render: (_: unknown, tag) => `${tag.createdByName ?? '—'} · ${formatTime(tag.createdAt)}`,
            },
            {
              title: t('common.actions'),
              key: 'actions',
              width: 100,
              render: (_: unknown, tag) => (
                <Popconfirm
                  title={t('entTags.deleteTitle', { name: tag.name })}
                  description={tag.enterpriseCount > 0 ? t('entTags.deleteInUse', { n: tag.enterpriseCount }) : t('entTags.deleteBody')}
                  okText={t('common.delete')}
                  okButtonProps={{ danger: true, disabled: tag.enterpriseCount > 0 }}
                  cancelText={t('common.cancel')}
                  onConfirm={async () => {
                    await enterprisesApi.deleteTag(tag.name);
                    showSuccess(t('entTags.deleted', { name: tag.name }));
                    void refetch();
                  }}
                >
                  <Button type="link" size="small" danger icon={<DeleteOutlined />}>
                    {t('common.delete')}
                  </Button>
                </Popconfirm>
              ),
            },
          ]}
        />
      </Card>
      <Card title={t('entTags.builtIn')}>
        <Table<EnterpriseTag>
          data-testid="tags-builtin"
          rowKey="name"
          size="small"
          loading={isLoading}
          dataSource={builtIn}
          pagination={false}
          columns={[
            {
              title: t('entTags.name'),
              dataIndex: 'name',
              width: 180,
              render: (_: unknown, tag) => (
                <Space size={4}>
                  <Tag color="gold">{tag.name}</Tag>
                  <LockOutlined style={{ color: 'rgba(0,0,0,0.3)' }} title={t('entTags.builtInLocked')} />
                </Space>
              ),
            },
            { title: t('entTags.enterpriseCount'), dataIndex: 'enterpriseCount', align: 'right', render: (_: unknown, tag) => count(tag.enterpriseCount) },
          ]}
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0, fontSize: 12 }}>
          {t('entTags.builtInHint')}
        </Typography.Paragraph>
      </Card>
    </PageContainer>
  );
}
