import type { ReactElement } from 'react';
import { Alert } from 'antd';
import { ProFormCheckbox } from '@ant-design/pro-components';
import { showSuccess } from '../../api/client';
import type { User } from '../../api/types';
import { usersApi, type Role } from '../../api/users';
import { ALL_ROLES, roleName } from '../../components/labels';
import { ReasonModalForm, type ReasonValues } from '../../components/ReasonModalForm';
import { useI18n } from '../../i18n';

type Values = ReasonValues & { roles: Role[] };

const isRole = (r: string): r is Role => (ALL_ROLES as readonly string[]).includes(r);

/** 授权角色 (security administrator): the server rejects holding two of sysadmin/secadmin/auditor. */
export function RoleGrantModal({ user, trigger, onSaved }: { user: User; trigger: ReactElement; onSaved: () => void }) {
  const { t } = useI18n();
  return (
    <ReasonModalForm<Values>
      title={t('users.grantRolesTitle', { name: user.displayName })}
      trigger={trigger}
      initialValues={{ roles: user.roles.filter(isRole) }}
      onSubmit={async ({ roles, reason }) => {
        await usersApi.setRoles(user.id, roles ?? [], reason);
        showSuccess(t('users.saved'));
        onSaved();
      }}
    >
      <Alert type="info" showIcon message={t('users.grantHint')} style={{ marginBottom: 16 }} />
      <ProFormCheckbox.Group
        name="roles"
        label={t('users.roles')}
        options={ALL_ROLES.map((r) => ({ label: roleName(t, r), value: r }))}
        fieldProps={{ style: { display: 'grid', gridTemplateColumns: 'repeat(2, minmax(0, 1fr))', rowGap: 8 } }}
      />
    </ReasonModalForm>
  );
}
