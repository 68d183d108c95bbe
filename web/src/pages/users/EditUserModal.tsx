import { useRef, type ReactElement } from 'react';
import { App } from 'antd';
import { ModalForm, ProForm, ProFormText, type ProFormInstance } from '@ant-design/pro-components';
import { ApiError, showError, showSuccess } from '../../api/client';
import type { User } from '../../api/types';
import { usersApi } from '../../api/users';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { useI18n } from '../../i18n';

interface Values {
  username: string;
  displayName: string;
  regionCode: string;
}

/** Edits name and region with optimistic locking: a 409 offers to reload the record. */
export function EditUserModal({ user, trigger, onSaved }: { user: User; trigger: ReactElement; onSaved: () => void }) {
  const { t } = useI18n();
  const { modal } = App.useApp();
  const formRef = useRef<ProFormInstance<Values>>(undefined);
  const version = useRef(user.version);

  const reload = async () => {
    const fresh = await usersApi.get(user.id);
    version.current = fresh.version;
    formRef.current?.setFieldsValue({ displayName: fresh.displayName, regionCode: fresh.regionCode });
    onSaved();
  };

  return (
    <ModalForm<Values>
      title={t('users.editTitle')}
      trigger={trigger}
      width={520}
      formRef={formRef}
      initialValues={{ username: user.username, displayName: user.displayName, regionCode: user.regionCode }}
      modalProps={{ destroyOnClose: true, afterOpenChange: (open) => open && (version.current = user.version) }}
      onFinish={async (values) => {
        try {
          await usersApi.update(user.id, {
            displayName: values.displayName.trim(),
            regionCode: values.regionCode,
            version: version.current,
          });
        } catch (err) {
          if (err instanceof ApiError && err.status === 409) {
            modal.confirm({
              title: t('common.staleTitle'),
              content: err.message || t('common.staleBody'),
              okText: t('common.reload'),
              cancelText: t('common.cancel'),
              onOk: reload,
            });
          } else {
            showError(err);
          }
          return false;
        }
        showSuccess(t('users.saved'));
        onSaved();
        return true;
      }}
    >
      <ProFormText name="username" label={t('users.username')} disabled />
      <ProFormText
        name="displayName"
        label={t('users.displayName')}
        rules={[{ required: true, whitespace: true }]}
        fieldProps={{ maxLength: 50 }}
      />
      <ProForm.Item name="regionCode" label={t('users.region')} rules={[{ required: true }]}>
        <RegionTreeSelect allowClear={false} />
      </ProForm.Item>
    </ModalForm>
  );
}
