import { Button, Empty, Popconfirm, Space, Tag, Typography } from 'antd';
import { DownloadOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { ModalForm, PageContainer, ProFormCheckbox, ProFormText, ProFormTextArea, ProTable } from '@ant-design/pro-components';
import type { CheckedColumns } from '../../components/columns';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router-dom';
import { showSuccess } from '../../api/client';
import { enterpriseSearchApi, type EnterpriseList } from '../../api/enterprises-search';
import { can } from '../../access';
import { useMe } from '../../auth/session';
import { downloadFile } from '../../components/download';
import { formatTime } from '../../components/labels';
import { useI18n } from '../../i18n';

interface CreateValues {
  name: string;
  description?: string;
  shared?: boolean;
}

/** 新建名单 (from the lists page; the search page creates one while adding rows). */
export function CreateListButton({ onCreated }: { onCreated: (list: EnterpriseList) => void }) {
  const { t } = useI18n();
  const me = useMe();
  return (
    <ModalForm<CreateValues>
      title={t('entLists.create')}
      width={480}
      modalProps={{ destroyOnClose: true }}
      initialValues={{ shared: false }}
      trigger={
        <Button type="primary" icon={<PlusOutlined />} data-testid="create-list">
          {t('entLists.create')}
        </Button>
      }
      onFinish={async (v) => {
        try {
          const list = await enterpriseSearchApi.createList({ name: v.name.trim(), description: v.description?.trim() || null, shared: v.shared ?? false });
          showSuccess(t('entLists.created', { name: list.name }));
          onCreated(list);
          return true;
        } catch {
          return false;
        }
      }}
    >
      <ProFormText
        name="name"
        label={t('entLists.name')}
        placeholder={t('entLists.namePlaceholder')}
        rules={[{ required: true, whitespace: true, message: t('entLists.nameRequired') }]}
        fieldProps={{ maxLength: 60, showCount: true }}
      />
      <ProFormTextArea name="description" label={t('entLists.description')} fieldProps={{ maxLength: 1000, autoSize: { minRows: 2, maxRows: 5 } }} />
      <ProFormCheckbox name="shared">{t('entLists.sharedLabel', { region: me.regionName })}</ProFormCheckbox>
    </ModalForm>
  );
}

export function SharedTag({ shared }: { shared: boolean }) {
  const { t } = useI18n();
  return shared ? (
    <Tag color="cyan" bordered={false}>
      {t('entLists.sharedTag')}
    </Tag>
  ) : (
    <Tag bordered={false}>{t('entLists.privateTag')}</Tag>
  );
}

/** 企业名单: my lists and those shared within my region. */
export default function EnterpriseLists() {
  const { t } = useI18n();
  const me = useMe();
  const navigate = useNavigate();
  const client = useQueryClient();
  const canManage = can(me, 'enterprises.manage');
  const { data = [], isFetching, refetch } = useQuery({ queryKey: ['enterprise-lists'], queryFn: enterpriseSearchApi.lists });
  const refresh = () => {
    void refetch();
    void client.invalidateQueries({ queryKey: ['enterprise-lists'] });
  };

  const columns: CheckedColumns<EnterpriseList> = [
    {
      title: t('entLists.name'),
      dataIndex: 'name',
      width: 240,
      render: (_, l) => (
        <Space direction="vertical" size={0}>
          <Link to={`/enterprises/lists/${l.id}`} data-testid="list-link">
            {l.name}
          </Link>
          {l.description && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis={{ tooltip: l.description }}>
              {l.description}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    { title: t('entLists.memberCount'), dataIndex: 'memberCount', width: 100, align: 'right', render: (_, l) => l.memberCount.toLocaleString('en-US') },
    { title: t('entLists.visibility'), dataIndex: 'shared', width: 110, render: (_, l) => <SharedTag shared={l.shared} /> },
    {
      title: t('entLists.owner'),
      dataIndex: 'ownerName',
      width: 160,
      render: (_, l) => (
        <span>
          {l.mine ? t('entLists.me') : l.ownerName}
          <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 6 }}>
            {l.regionName}
          </Typography.Text>
        </span>
      ),
    },
    { title: t('entLists.updatedAt'), dataIndex: 'updatedAt', width: 150, render: (_, l) => formatTime(l.updatedAt) },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 190,
      render: (_, l) => (
        <Space size={4}>
          <Button type="link" size="small" onClick={() => navigate(`/enterprises/lists/${l.id}`)}>
            {t('entLists.open')}
          </Button>
          <Button
            type="link"
            size="small"
            icon={<DownloadOutlined />}
            disabled={l.memberCount === 0}
            onClick={() => void downloadFile(enterpriseSearchApi.exportUrl(l.id), `${l.name}.xlsx`)}
          >
            {t('entLists.export')}
          </Button>
          {l.mine && canManage && (
            <Popconfirm
              title={t('entLists.deleteConfirm', { name: l.name, n: l.memberCount })}
              okButtonProps={{ danger: true }}
              onConfirm={async () => {
                await enterpriseSearchApi.deleteList(l.id);
                showSuccess(t('entLists.deleted', { name: l.name }));
                refresh();
              }}
            >
              <Button type="link" size="small" danger>
                {t('common.delete')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  return (
    <PageContainer title={t('entLists.title')} subTitle={t('entLists.subtitle')}>
      <ProTable<EnterpriseList>
        rowKey="id"
        search={false}
        columns={columns}
        dataSource={data}
        loading={isFetching}
        options={{ density: false, setting: false, reload: () => void refetch() }}
        pagination={{ defaultPageSize: 20, hideOnSinglePage: true }}
        headerTitle={t('entLists.visibleHint')}
        toolBarRender={() => [
          <Button key="search" icon={<SearchOutlined />} onClick={() => navigate('/enterprises')}>
            {t('entLists.toSearch')}
          </Button>,
          canManage ? <CreateListButton key="create" onCreated={(l) => navigate(`/enterprises/lists/${l.id}`)} /> : null,
        ]}
        locale={{
          emptyText: (
            <Empty description={t('entLists.empty')} data-testid="lists-empty">
              <Button type="primary" icon={<SearchOutlined />} onClick={() => navigate('/enterprises')}>
                {t('entLists.toSearch')}
              </Button>
            </Empty>
          ),
        }}
      />
    </PageContainer>
  );
}
