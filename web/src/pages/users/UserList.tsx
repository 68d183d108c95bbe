import { useRef } from 'react';
import { Button, Tag, Tooltip } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { PageContainer, ProTable, type ActionType } from '@ant-design/pro-components';
import type { CheckedColumns } from '../../components/columns';
import { usersApi, type UserQuery } from '../../api/users';
import type { User } from '../../api/types';
import { can } from '../../access';
import { useMe } from '../../auth/session';
import { ADMIN_ROLES, ALL_ROLES, formatTime, roleName } from '../../components/labels';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { keyColumnsOnPhone } from '../../components/responsive';
import { useI18n } from '../../i18n';
import { CreateUserModal } from './CreateUserModal';
import { UserActions } from './UserActions';
import { UserStatusTag } from './UserStatusTag';
import { onTableError } from '../../components/table';

interface Filters {
  q?: string;
  regionCode?: string;
  status?: UserQuery['status'];
  role?: UserQuery['role'];
}

export default function UserList() {
  const me = useMe();
  const { t } = useI18n();
  const actionRef = useRef<ActionType>(null);
  const reload = () => actionRef.current?.reload();
  const canManage = can(me, 'users.manage');
  const canGrant = can(me, 'security.manage');

  const columns: CheckedColumns<User, Filters> = [
    {
      title: t('users.keyword'),
      dataIndex: 'q',
      hideInTable: true,
      order: 4,
      fieldProps: { placeholder: t('users.keywordPlaceholder') },
    },
    { title: t('users.username'), dataIndex: 'username', search: false, copyable: true },
    { title: t('users.displayName'), dataIndex: 'displayName', search: false },
    {
      title: t('users.roles'),
      dataIndex: 'role',
      order: 1,
      valueType: 'select',
      valueEnum: Object.fromEntries(ALL_ROLES.map((r) => [r, { text: roleName(t, r) }])),
      render: (_, u) =>
        u.roles.length
          ? u.roles.map((r) => (
              <Tag key={r} color={ADMIN_ROLES.includes(r) ? 'volcano' : 'blue'}>
                {roleName(t, r)}
              </Tag>
            ))
          : '—',
    },
    {
      title: t('users.region'),
      dataIndex: 'regionCode',
      order: 3,
      renderFormItem: () => <RegionTreeSelect />,
      render: (_, u) => <Tooltip title={u.regionCode}>{u.regionName}</Tooltip>,
    },
    {
      title: t('users.status'),
      dataIndex: 'status',
      order: 2,
      valueType: 'select',
      valueEnum: {
        active: { text: t('users.status.active') },
        disabled: { text: t('users.status.disabled') },
        locked: { text: t('users.status.locked') },
      },
      render: (_, u) => <UserStatusTag user={u} />,
    },
    {
      title: t('users.lastLogin'),
      dataIndex: 'lastLoginAt',
      search: false,
      render: (_, u) => (u.lastLoginAt ? formatTime(u.lastLoginAt) : t('users.never')),
    },
  ];
  if (canManage || canGrant) {
    columns.push({
      title: t('common.actions'),
      valueType: 'option',
      key: 'actions',
      render: (_, u) => [<UserActions key="a" user={u} canManage={canManage} canGrant={canGrant} onChanged={reload} />],
    });
  }

  return (
    <PageContainer>
      <ProTable<User, Filters>
        rowKey="id"
        onRequestError={onTableError}
        actionRef={actionRef}
        columns={keyColumnsOnPhone(columns, ['username', 'displayName', 'status', 'actions'])}
        headerTitle={t('users.title')}
        search={{ labelWidth: 'auto', span: { xs: 24, sm: 12, md: 8, lg: 8, xl: 6, xxl: 6 } }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true }}
        request={async (params) => {
          const res = await usersApi.list({
            q: params.q?.trim() || undefined,
            regionCode: params.regionCode,
            status: params.status,
            role: params.role,
            page: params.current,
            pageSize: params.pageSize,
          });
          return { data: res.items, total: res.total, success: true };
        }}
        toolBarRender={() =>
          canManage
            ? [
                <CreateUserModal
                  key="create"
                  onCreated={reload}
                  trigger={
                    <Button type="primary" icon={<PlusOutlined />}>
                      {t('users.create')}
                    </Button>
                  }
                />,
              ]
            : []
        }
      />
    </PageContainer>
  );
}
