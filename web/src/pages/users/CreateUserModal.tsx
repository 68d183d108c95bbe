import type { ReactElement } from 'react';
import { ModalForm, ProForm, ProFormText } from '@ant-design/pro-components';
import { showSuccess } from '../../api/client';
import { usersApi, type NewUserBody } from '../../api/users';
import { useMe } from '../../auth/session';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { useI18n } from '../../i18n';

export function CreateUserModal({ trigger, onCreated }: { trigger: ReactElement; onCreated: () => void }) {
  const me = useMe();
  const { t } = useI18n();
  return (
    <ModalForm<NewUserBody>
      title={t('users.create')}
      trigger={trigger}
      width={520}
      initialValues={{ regionCode: me.regionCode }}
      modalProps={{ destroyOnClose: true }}
      onFinish={async (values) => {
        try {
          await usersApi.create({ ...values, username: values.username.trim(), displayName: values.displayName.trim() });
        } catch {
          return false;
        }
        showSuccess(t('users.created'));
        onCreated();
        return true;
      }}
    >
      <ProFormText
        name="username"
        label={t('users.username')}
        extra={t('users.usernameRule')}
        rules={[{ required: true, whitespace: true }, { pattern: /^[A-Za-z0-9_.-]{3,32}$/, message: t('users.usernameRule') }]}
        fieldProps={{ autoComplete: 'off' }}
      />
      <ProFormText
        name="displayName"
        label={t('users.displayName')}
        rules={[{ required: true, whitespace: true }]}
        fieldProps={{ maxLength: 50 }}
      />
      <ProForm.Item name="regionCode" label={t('users.region')} rules={[{ required: true }]}>
        <RegionTreeSelect allowClear={false} />
      </ProForm.Item>
      <ProFormText.Password
        name="password"
        label={t('users.initialPassword')}
        rules={[{ required: true }]}
        fieldProps={{ autoComplete: 'new-password' }}
      />
    </ModalForm>
  );
}
