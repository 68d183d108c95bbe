import { useState, type Key } from 'react';
import { Button, Card, type CheckboxProps, Descriptions, Empty, Popconfirm, Result, Space, Switch, Table, Typography, type TableColumnsType } from 'antd';
import { DeleteOutlined, DownloadOutlined, EditOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { ModalForm, PageContainer, ProFormText, ProFormTextArea } from '@ant-design/pro-components';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError, showSuccess } from '../../api/client';
import { enterpriseSearchApi, type EnterpriseList, type EnterpriseListMember } from '../../api/enterprises-search';
import { can } from '../../access';
import { useMe } from '../../auth/session';
import { downloadFile } from '../../components/download';
import { formatTime } from '../../components/labels';
import { formatTableWan } from '../../components/money';
import { PageLoading } from '../../components/PageLoading';
import { useI18n } from '../../i18n';
import { AddByNameButton } from './EnterpriseListsAddByName';
import { ClaimFromListButton } from './EnterpriseListsClaim';
import { EnterpriseStatusTag, EnterpriseTags, enterpriseHref } from './EnterpriseSearchCells';
import { SharedTag } from './EnterpriseLists';

function EditListButton({ list, onSaved }: { list: EnterpriseList; onSaved: () => void }) {
  const { t } = useI18n();
  return (
    <ModalForm<{ name: string; description?: string }>
      title={t('entLists.edit')}
      width={480}
      modalProps={{ destroyOnClose: true }}
      initialValues={{ name: list.name, description: list.description ?? '' }}
      trigger={
        <Button icon={<EditOutlined />} data-testid="edit-list">
          {t('entLists.edit')}
        </Button>
      }
      onFinish={async (v) => {
        try {
          await enterpriseSearchApi.changeList(list.id, { name: v.name.trim(), description: v.description?.trim() || null, version: list.version });
          showSuccess(t('common.success'));
          onSaved();
          return true;
        } catch {
          onSaved();
          return false;
        }
      }}
    >
      <ProFormText name="name" label={t('entLists.name')} rules={[{ required: true, whitespace: true, message: t('entLists.nameRequired') }]} fieldProps={{ maxLength: 60, showCount: true }} />
      <ProFormTextArea name="description" label={t('entLists.description')} fieldProps={{ maxLength: 1000, autoSize: { minRows: 2, maxRows: 5 } }} />
    </ModalForm>
  );
}

/** 按信用代码添加: paste codes (one a line, or separated by commas or spaces). */
function AddByCodesButton({ listId, onAdded }: { listId: string; onAdded: () => void }) {
  const { t } = useI18n();
  return (
    <ModalForm<{ codes: string; note?: string }>
      title={t('entLists.addByCodes')}
      width={520}
      modalProps={{ destroyOnClose: true }}
      trigger={<Button icon={<PlusOutlined />}>{t('entLists.addByCodes')}</Button>}
      onFinish={async (v) => {
        const codes = [...new Set(v.codes.split(/[\s,，;；、]+/).map((c) => c.trim().toUpperCase()).filter(Boolean))];
        try {
          const res = await enterpriseSearchApi.addMembers(listId, { creditCodes: codes, note: v.note?.trim() || null });
          showSuccess(
            t('entLists.addedShort', { added: res.added, already: res.alreadyPresent }) +
              (res.notFound.length ? t('entLists.addedNotFound', { codes: res.notFound.join('、') }) : ''),
          );
          onAdded();
          return true;
        } catch {
          return false;
        }
      }}
    >
      <ProFormTextArea
        name="codes"
        label={t('entLists.codes')}
        extra={t('entLists.codesHint')}
        rules={[
          { required: true, whitespace: true, message: t('entLists.codesRequired') },
          {
            validator: async (_: unknown, value: string | undefined) => {
              const n = (value ?? '').split(/[\s,，;；、]+/).filter(Boolean).length;
              if (n > 500) throw new Error(t('entLists.codesTooMany'));
            },
          },
        ]}
        placeholder={'91650100MA00000000\n91650109MA00000000'}
        fieldProps={{ autoSize: { minRows: 4, maxRows: 10 }, style: { fontFamily: 'ui-monospace, monospace' } }}
      />
      <ProFormText name="note" label={t('entLists.note')} extra={t('entLists.noteHint')} fieldProps={{ maxLength: 500 }} />
    </ModalForm>
  );
}

/** One list: its enterprises, export, share, rename, remove members. */
export default function EnterpriseListsDetail() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const me = useMe();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(50);
  const [selected, setSelected] = useState<Key[]>([]);
  const listQuery = useQuery({ queryKey: ['enterprise-list', id], queryFn: () => enterpriseSearchApi.list(id), retry: false });
  const members = useQuery({
    queryKey: ['enterprise-list', id, 'members', page, pageSize],
    queryFn: () => enterpriseSearchApi.members(id, page, pageSize),
    enabled: listQuery.isSuccess,
    placeholderData: keepPreviousData,
  });
  const list = listQuery.data;
  const editable = Boolean(list?.mine) && can(me, 'enterprises.manage');
  const refresh = () => {
    void client.invalidateQueries({ queryKey: ['enterprise-list', id] });
    void client.invalidateQueries({ queryKey: ['enterprise-lists'] });
  };

  if (listQuery.isLoading) return <PageLoading />;
  if (listQuery.error || !list) {
    const err = listQuery.error;
    return (
      <Result
        status={err instanceof ApiError && err.status === 403 ? '403' : '404'}
        title={err instanceof ApiError ? err.message : t('entLists.notFound')}
        extra={<Button onClick={() => navigate('/enterprises/lists')}>{t('entLists.back')}</Button>}
      />
    );
  }

  const columns: TableColumnsType<EnterpriseListMember> = [
    {
      title: t('entSearch.colName'),
      key: 'name',
      width: 260,
      fixed: 'left',
      render: (_, m) => (
        <div>
          <Link to={enterpriseHref(m)} data-testid="member-name">
            {m.name}
          </Link>
          {m.formerNames.length > 0 && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {t('entSearch.formerName')}
              {m.formerNames.join('、')}
            </Typography.Text>
          )}
        </div>
      ),
    },
    {
      title: t('entSearch.colCreditCode'),
      key: 'creditCode',
      width: 180,
      render: (_, m) =>
        m.creditCode ? (
          <Typography.Text style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace', fontSize: 12 }}>{m.creditCode}</Typography.Text>
        ) : (
          <Typography.Text type="secondary">{t('entSearch.noCode')}</Typography.Text>
        ),
    },
    { title: t('entSearch.colRegion'), key: 'region', width: 100, render: (_, m) => m.regionName ?? '—' },
    { title: t('entSearch.colIndustry'), key: 'industry', width: 150, ellipsis: { showTitle: true }, render: (_, m) => m.industryName ?? '—' },
    {
      title: t('entSearch.colCapital'),
      key: 'capital',
      width: 120,
      align: 'right',
      render: (_, m) => (m.registeredCapitalYuan === null ? <Typography.Text type="secondary">{t('common.unknown')}</Typography.Text> : formatTableWan(m.registeredCapitalYuan, '')),
    },
    { title: t('entSearch.colFounded'), key: 'founded', width: 100, render: (_, m) => m.establishedOn ?? '—' },
    { title: t('entSearch.colStatus'), key: 'status', width: 72, render: (_, m) => <EnterpriseStatusTag status={m.status} /> },
    { title: t('entSearch.colTags'), key: 'tags', width: 160, render: (_, m) => <EnterpriseTags tags={m.tags} /> },
    { title: t('entLists.note'), key: 'note', width: 160, ellipsis: { showTitle: true }, render: (_, m) => m.note ?? '—' },
    {
      title: t('entLists.addedBy'),
      key: 'added',
      width: 150,
      render: (_, m) => (
        <span style={{ fontSize: 12 }}>
          {m.addedByName ?? '—'}
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {formatTime(m.addedAt)}
          </Typography.Text>
        </span>
      ),
    },
  ];

  const canClaim = can(me, 'targeting.manage');
  const selectedIds = (members.data?.items ?? []).filter((m) => selected.includes(m.id)).map((m) => m.id);

  return (
    <PageContainer
      onBack={() => navigate('/enterprises/lists')}
      title={<span data-testid="list-title">{list.name}</span>}
      tags={[<SharedTag key="shared" shared={list.shared} />]}
      extra={[
        <Button
          key="export"
          type="primary"
          icon={<DownloadOutlined />}
          disabled={list.memberCount === 0}
          data-testid="export-list"
          onClick={() => void downloadFile(enterpriseSearchApi.exportUrl(list.id), `${list.name}.xlsx`)}
        >
          {t('entLists.exportXlsx')}
        </Button>,
        editable ? <EditListButton key="edit" list={list} onSaved={refresh} /> : null,
        editable ? (
          <Popconfirm
            key="delete"
            title={t('entLists.deleteConfirm', { name: list.name, n: list.memberCount })}
            okButtonProps={{ danger: true }}
            onConfirm={async () => {
              await enterpriseSearchApi.deleteList(list.id);
              showSuccess(t('entLists.deleted', { name: list.name }));
              void client.invalidateQueries({ queryKey: ['enterprise-lists'] });
              navigate('/enterprises/lists');
            }}
          >
            <Button danger icon={<DeleteOutlined />}>
              {t('common.delete')}
            </Button>
          </Popconfirm>
        ) : null,
      ]}
    >
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 4 }}>
          <Descriptions.Item label={t('entLists.owner')}>
            {list.ownerName}（{list.regionName}）
          </Descriptions.Item>
          <Descriptions.Item label={t('entLists.memberCount')}>
            <span data-testid="member-count">{list.memberCount.toLocaleString('en-US')}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('entLists.updatedAt')}>{formatTime(list.updatedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('entLists.visibility')}>
            {editable ? (
              <Space>
                <Switch
                  size="small"
                  aria-label={t('entLists.sharedLabel', { region: list.regionName })}
                  checked={list.shared}
                  data-testid="share-switch"
                  onChange={async (shared) => {
                    try {
                      await enterpriseSearchApi.changeList(list.id, { shared, version: list.version });
                      showSuccess(shared ? t('entLists.sharedOn', { region: list.regionName }) : t('entLists.sharedOff'));
                    } finally {
                      refresh();
                    }
                  }}
                />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('entLists.sharedLabel', { region: list.regionName })}
                </Typography.Text>
              </Space>
            ) : (
              <SharedTag shared={list.shared} />
            )}
          </Descriptions.Item>
          {list.description && (
            <Descriptions.Item label={t('entLists.description')} span={4}>
              {list.description}
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <Card
        title={t('entLists.members')}
        extra={
          editable ? (
            <Space wrap>
              {canClaim && <ClaimFromListButton listId={list.id} memberCount={list.memberCount} chosen={selectedIds} />}
              <Popconfirm
                title={t('entLists.removeConfirm', { n: selectedIds.length })}
                disabled={selectedIds.length === 0}
                onConfirm={async () => {
                  const res = await enterpriseSearchApi.removeMembers(list.id, { enterpriseIds: selectedIds });
                  showSuccess(t('entLists.removed', { n: res.removed }));
                  setSelected([]);
                  refresh();
                }}
              >
                <Button danger disabled={selectedIds.length === 0} data-testid="remove-members">
                  {selectedIds.length ? t('entLists.removeN', { n: selectedIds.length }) : t('entLists.remove')}
                </Button>
              </Popconfirm>
              <AddByNameButton listId={list.id} onAdded={refresh} />
              <AddByCodesButton listId={list.id} onAdded={refresh} />
              <Button icon={<SearchOutlined />} onClick={() => navigate('/enterprises')}>
                {t('entLists.addFromSearch')}
              </Button>
            </Space>
          ) : canClaim ? (
            <ClaimFromListButton listId={list.id} memberCount={list.memberCount} chosen={[]} />
          ) : null
        }
      >
        <Table<EnterpriseListMember>
          rowKey="id"
          size="middle"
          data-testid="list-members"
          columns={columns}
          dataSource={members.data?.items ?? []}
          loading={members.isFetching}
          scroll={{ x: 1450 }}
          rowSelection={
            editable
              ? {
                  selectedRowKeys: selected,
                  onChange: setSelected,
                  // the checkboxes need a name (axe); antd's CheckboxProps type leaves out the aria attributes it passes on
                  getTitleCheckboxProps: () => ({ 'aria-label': t('entLists.chooseAll') }) as CheckboxProps,
                  getCheckboxProps: (m) => ({ 'aria-label': t('targets.choose', { name: m.name }) }) as CheckboxProps,
                }
              : undefined
          }
          pagination={{
            current: page,
            pageSize,
            total: members.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100, 200],
            showTotal: (n) => t('entSearch.totalShort', { n: n.toLocaleString('en-US') }),
            onChange: (p, size) => {
              setPage(size !== pageSize ? 1 : p);
              setPageSize(size);
            },
          }}
          locale={{
            emptyText: members.isPending ? (
              <div style={{ height: 80 }} />
            ) : (
              <Empty description={editable ? t('entLists.membersEmpty') : t('entLists.membersEmptyReadOnly')} data-testid="members-empty">
                {editable && (
                  <Button type="primary" icon={<SearchOutlined />} onClick={() => navigate('/enterprises')}>
                    {t('entLists.addFromSearch')}
                  </Button>
                )}
              </Empty>
            ),
          }}
        />
      </Card>
    </PageContainer>
  );
}
