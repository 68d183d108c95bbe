import { Space, Typography } from 'antd';
import { ProFormText } from '@ant-design/pro-components';
import { showSuccess } from '../../api/client';
import type { User } from '../../api/types';
import { usersApi } from '../../api/users';
import { ReasonModalForm, type ReasonValues } from '../../components/ReasonModalForm';
import { useI18n } from '../../i18n';
import { useMe } from '../../auth/session';
import { EditUserModal } from './EditUserModal';

const ADMIN_ROLES = ['sysadmin', 'secadmin', 'auditor'];
import { RoleGrantModal } from './RoleGrantModal';

interface Props {
  user: User;
  canManage: boolean;
  canGrant: boolean;
  onChanged: () => void;
}

/**
 * Row actions of the user list; each one only with its permission. 三权分立: an administrator
 * account's password and status are the security administrator's (canGrant), a business account's
 * the system administrator's (canManage); nobody acts on their own account here.
 */
export function UserActions({ user, canManage, canGrant, onChanged }: Props) {
  const { t } = useI18n();
  const me = useMe();
  const own = me.id === user.id;
  const isAdmin = user.roles.some((r) => ADMIN_ROLES.includes(r));
  const canCredentials = !own && (isAdmin ? canGrant : canManage);
  const done = () => {
    showSuccess(t('common.success'));
    onChanged();
  };
  const link = (text: string, danger = false) => (
    <Typography.Link type={danger ? 'danger' : undefined}>{text}</Typography.Link>
  );
  return (
    <Space size="small" wrap>
      {canManage && !isAdmin && <EditUserModal user={user} onSaved={onChanged} trigger={link(t('users.edit'))} />}
      {canCredentials && user.status === 'active' && (
        <ReasonModalForm
          title={t('users.disableTitle', { name: user.displayName })}
          trigger={link(t('users.disable'), true)}
          danger
          onSubmit={async ({ reason }) => {
            await (isAdmin ? usersApi.adminDisable : usersApi.disable)(user.id, reason);
            done();
          }}
        />
      )}
      {canCredentials && user.status === 'disabled' && (
        <ReasonModalForm
          title={t('users.enableTitle', { name: user.displayName })}
          trigger={link(t('users.enable'))}
          onSubmit={async ({ reason }) => {
            await (isAdmin ? usersApi.adminEnable : usersApi.enable)(user.id, reason);
            done();
          }}
        />
      )}
      {canCredentials && (
        <ReasonModalForm<ReasonValues & { newPassword: string }>
          title={t('users.resetPasswordTitle', { name: user.displayName })}
          trigger={link(t('users.resetPassword'))}
          onSubmit={async ({ newPassword, reason }) => {
            await (isAdmin ? usersApi.adminResetPassword : usersApi.resetPassword)(user.id, newPassword, reason);
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
      {canGrant && !own && <RoleGrantModal user={user} onSaved={onChanged} trigger={link(t('users.grantRoles'))} />}
      {canGrant && !own && (
        <ReasonModalForm
          title={t('users.resetFactorTitle', { name: user.displayName })}
          trigger={link(t('users.resetFactor'))}
          danger
          onSubmit={async ({ reason }) => {
            await usersApi.resetSecondFactor(user.id, reason);
            done();
          }}
        />
      )}
    </Space>
  );
}
