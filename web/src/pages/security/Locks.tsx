import { useRef } from 'react';
import { Empty, Typography } from 'antd';
import { PageContainer, ProTable, type ActionType } from '@ant-design/pro-components';
import type { CheckedColumns } from '../../components/columns';
import { showSuccess } from '../../api/client';
import type { User } from '../../api/types';
import { securityApi } from '../../api/security';
import { usersApi } from '../../api/users';
import { formatTime } from '../../components/labels';
import { ReasonModalForm } from '../../components/ReasonModalForm';
import { keyColumnsOnPhone } from '../../components/responsive';
import { useI18n } from '../../i18n';
import { onTableError } from '../../components/table';

export default function Locks() {
  const { t } = useI18n();
  const actionRef = useRef<ActionType>(null);
  const columns: CheckedColumns<User> = [
    { title: t('users.username'), dataIndex: 'username' },
    { title: t('users.displayName'), dataIndex: 'displayName' },
    { title: t('users.region'), dataIndex: 'regionName' },
    { title: t('locks.lockedUntil'), dataIndex: 'lockedUntil', render: (_, u) => formatTime(u.lockedUntil) },
    {
      title: t('common.actions'),
      valueType: 'option',
      key: 'actions',
      render: (_, u) => [
        <ReasonModalForm
          key="unlock"
          title={t('locks.unlockTitle', { name: u.displayName })}
          trigger={<Typography.Link>{t('locks.unlock')}</Typography.Link>}
          onSubmit={async ({ reason }) => {
            await usersApi.unlock(u.id, reason);
            showSuccess(t('locks.unlocked'));
            void actionRef.current?.reload();
          }}
        />,
      ],
    },
  ];
  return (
    <PageContainer>
      <ProTable<User>
        rowKey="id"
        onRequestError={onTableError}
        actionRef={actionRef}
        columns={keyColumnsOnPhone(columns, ['username', 'lockedUntil', 'actions'])}
        headerTitle={t('locks.title')}
        search={false}
        // a bare string would take the table's disabled grey, too faint to read
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('locks.empty')} /> }}
        pagination={false}
        request={async () => {
          const items = await securityApi.lockedUsers();
          return { data: items, total: items.length, success: true };
        }}
      />
    </PageContainer>
  );
}
