import { Space, Typography } from 'antd';
import { ProFormText } from '@ant-design/pro-components';
import { showSuccess } from '../../api/client';
import type { User } from '../../api/types';
import { usersApi } from '../../api/users';
import { ReasonModalForm, type ReasonValues } from '../../components/ReasonModalForm';
import { useI18n } from '../../i18n';
import { EditUserModal } from './EditUserModal';
import { RoleGrantModal } from './RoleGrantModal';

interface Props {
  user: User;
  canManage: boolean;
  canGrant: boolean;
  onChanged: () => void;
}

/** Row actions of the user list; each one only with its permission. */
export function UserActions({ user, canManage, canGrant, onChanged }: Props) {
  const { t } = useI18n();
  const done = () => {
    showSuccess(t('common.success'));
    onChanged();
  };
  const link = (text: string, danger = false) => (
    <Typography.Link type={danger ? 'danger' : undefined}>{text}</Typography.Link>
  );
  return (
    <Space size="small" wrap>
      {canManage && <EditUserModal user={user} onSaved={onChanged} trigger={link(t('users.edit'))} />}
      {canManage && user.status === 'active' && (
        <ReasonModalForm
          title={t('users.disableTitle', { name: user.displayName })}
          trigger={link(t('users.disable'), true)}
          danger
          onSubmit={async ({ reason }) => {
            await usersApi.disable(user.id, reason);
            done();
          }}
        />
      )}
      {canManage && user.status === 'disabled' && (
        <ReasonModalForm
          title={t('users.enableTitle', { name: user.displayName })}
          trigger={link(t('users.enable'))}
          onSubmit={async ({ reason }) => {
            await usersApi.enable(user.id, reason);
            done();
          }}
        />
      )}
      {canManage && (
        <ReasonModalForm<ReasonValues & { newPassword: string }>
          title={t('users.resetPasswordTitle', { name: user.displayName })}
          trigger={link(t('users.resetPassword'))}
          onSubmit={async ({ newPassword, reason }) => {
            await usersApi.resetPassword(user.id, newPassword, reason);
            done();
          }}
        >
          <ProFormText.Password
            name="newPassword"
            label={t('users.newPassword')}
            rules={[{ required: true }]}
            fieldProps={{ autoComplete: 'new-password' }}
          />
        </ReasonModalForm>
      )}
      {canGrant && <RoleGrantModal user={user} onSaved={onChanged} trigger={link(t('users.grantRoles'))} />}
    </Space>
  );
}
